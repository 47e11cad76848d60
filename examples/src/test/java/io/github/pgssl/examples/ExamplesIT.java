package io.github.pgssl.examples;

import com.sun.net.httpserver.HttpServer;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.examples.strategy.EnvironmentCaStrategy;
import io.github.pgssl.testkit.json.JsonParser;
import io.github.pgssl.testkit.server.ServerPresets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every example against an embedded TLS server, the debug endpoint's JSON, and the password sentinel. */
class ExamplesIT {
    /** The SCRAM user's real password doubles as the sentinel: no output may contain it. */
    static final String SENTINEL = ServerPresets.SCRAM_PASSWORD;
    static final String WRONG_SENTINEL = "Wrong-Sentinel-Pw-4417";

    static ExampleDatabase db;
    static PgEnvironment env;

    @BeforeAll
    static void start() {
        db = ExampleDatabase.embedded();
        env = PgEnvironment.of(Map.of(), Path.of(System.getProperty("java.io.tmpdir")).resolve("pgssl-examples-no-home"));
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    static String scramUrl(String password) {
        String base = db.url();
        return base.replace("postgresql://" + ServerPresets.TRUST_USER + "@",
                "postgresql://" + ServerPresets.SCRAM_USER + ":" + password + "@");
    }

    @Test
    void plainJdbcWhenVerifyFullThenEncrypted() throws Exception {
        String s = PlainJdbcExample.run(db.url());
        assertTrue(s.matches("jdbc: PostgreSQL \\d+(\\.\\d+)?, encrypted with TLSv1\\.3"), s);
    }

    @Test
    void hikariWhenVerifyFullThenEncrypted() throws Exception {
        String s = HikariExample.run(scramUrl(ServerPresets.SCRAM_PASSWORD_URI_ENCODED));
        assertTrue(s.matches("hikari: PostgreSQL \\d+(\\.\\d+)?, encrypted with TLSv1\\.3"), s);
    }

    @Test
    void r2dbcPoolWhenVerifyFullThenEncrypted() {
        String s = R2dbcPoolExample.run(scramUrl(ServerPresets.SCRAM_PASSWORD_URI_ENCODED));
        assertTrue(s.matches("r2dbc-pool: PostgreSQL \\d+(\\.\\d+)?, encrypted with TLSv1\\.3"), s);
    }

    @Test
    void vertxPoolWhenVerifyFullThenEncrypted() throws Exception {
        String s = VertxPoolExample.run(scramUrl(ServerPresets.SCRAM_PASSWORD_URI_ENCODED));
        assertTrue(s.matches("vertx: PostgreSQL \\d+(\\.\\d+)?, encrypted with TLSv1\\.3"), s);
    }

    @Test
    void customStrategyWhenSelectedByNameThenCaComesFromEnvironment() throws Exception {
        String url = db.url().substring(0, db.url().indexOf('?')) + "?pgssl.strategy=" + EnvironmentCaStrategy.NAME;
        String s = CustomStrategyExample.run(url, env.withVariable(EnvironmentCaStrategy.DEFAULT_VARIABLE, db.caPem()));
        assertEquals("strategy env-ca (VerifyFull): encrypted with TLSv1.3", s);
    }

    @Test
    void customStrategyWhenSelectedByEnvironmentVariableThenUsed() throws Exception {
        String url = db.url().substring(0, db.url().indexOf('?'));
        String s = CustomStrategyExample.run(url, env.withVariable("PGSSL_STRATEGY", EnvironmentCaStrategy.NAME)
                .withVariable(EnvironmentCaStrategy.DEFAULT_VARIABLE, db.caPem()));
        assertEquals("strategy env-ca (VerifyFull): encrypted with TLSv1.3", s);
    }

    @Test
    void customStrategyWhenVariableMissingThenErrorNamesIt() {
        String url = db.url().substring(0, db.url().indexOf('?')) + "?pgssl.strategy=env-ca";
        SslConfigurationException e = assertThrows(SslConfigurationException.class, () -> CustomStrategyExample.run(url, env));
        assertEquals("pgssl.strategy=env-ca: environment variable PGSSL_CA_PEM is not set; set it to the CA certificate in PEM",
                e.getMessage());
    }

    @Test
    void customStrategyWhenWrongHostThenRefusedLikeVerifyFull() {
        String url = db.url().substring(0, db.url().indexOf('?')).replace("@localhost:", "@127.0.0.1:") + "?pgssl.strategy=env-ca";
        Exception e = assertThrows(Exception.class,
                () -> CustomStrategyExample.run(url, env.withVariable(EnvironmentCaStrategy.DEFAULT_VARIABLE, db.caPem())));
        assertTrue(String.valueOf(e.getMessage()).contains("does not match host name \"127.0.0.1\""), e.getMessage());
    }

    static HttpResponse<String> get(HttpServer server, String method) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + DebugEndpointExample.PATH)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void debugEndpointWhenDatabaseReachableThenReportsEveryDriverAndUsersWithoutSecrets() throws Exception {
        HttpServer server = DebugEndpointExample.start(0, scramUrl(ServerPresets.SCRAM_PASSWORD_URI_ENCODED), env);
        try {
            HttpResponse<String> res = get(server, "GET");
            assertEquals(200, res.statusCode());
            assertEquals("application/json; charset=utf-8", res.headers().firstValue("Content-Type").orElse(null));
            assertFalse(res.body().contains(SENTINEL), res.body());
            assertFalse(res.body().contains(ServerPresets.SCRAM_PASSWORD_URI_ENCODED), res.body());
            Map<String, Object> json = JsonParser.object(res.body());
            Map<String, Object> vars = (Map<String, Object>) ((Map<String, Object>) json.get("environment")).get("variables");
            assertTrue(String.valueOf(vars.get("DATABASE_URL")).startsWith("postgresql://scramuser:******@localhost:"),
                    String.valueOf(vars.get("DATABASE_URL")));
            assertEquals("uri", vars.get("DATABASE_URL_TYPE"));
            assertEquals("verify-full", vars.get("DATABASE_URL_SSL"));
            assertEquals("OK", json.get("connection"));
            assertTrue(String.valueOf(json.get("version")).startsWith("PostgreSQL "));
            assertEquals(true, json.get("users_table_exists"));
            assertEquals(3L, json.get("user_count"));
            Map<String, Object> drivers = (Map<String, Object>) json.get("drivers");
            assertEquals(List.of("jdbc", "r2dbc", "vertx"), List.copyOf(drivers.keySet()));
            for (Object d : drivers.values()) {
                Map<String, Object> r = (Map<String, Object>) d;
                assertEquals("OK", r.get("connection"), String.valueOf(r));
                assertEquals(true, r.get("ssl"));
                assertEquals("TLSv1.3", r.get("tls_version"));
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void debugEndpointWhenPasswordWrongThenFailedWithErrorAndNoSecret() throws Exception {
        HttpServer server = DebugEndpointExample.start(0, scramUrl(WRONG_SENTINEL), env);
        try {
            HttpResponse<String> res = get(server, "GET");
            assertEquals(200, res.statusCode());
            assertFalse(res.body().contains(WRONG_SENTINEL), res.body());
            Map<String, Object> json = JsonParser.object(res.body());
            assertEquals("Failed", json.get("connection"));
            assertNull(json.get("users_table_exists"));
            for (Object d : ((Map<String, Object>) json.get("drivers")).values()) {
                Map<String, Object> r = (Map<String, Object>) d;
                assertEquals("Failed", r.get("connection"));
                assertTrue(String.valueOf(r.get("error")).contains("password authentication failed"), String.valueOf(r));
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void debugEndpointWhenPostThenMethodNotAllowed() throws Exception {
        HttpServer server = DebugEndpointExample.start(0, db.url(), env);
        try {
            HttpResponse<String> res = get(server, "POST");
            assertEquals(405, res.statusCode());
            assertEquals("GET", res.headers().firstValue("Allow").orElse(null));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void examplesWhenPasswordIsTheSentinelThenNoOutputContainsIt() throws Exception {
        String url = scramUrl(ServerPresets.SCRAM_PASSWORD_URI_ENCODED);
        List<String> outputs = List.of(PlainJdbcExample.run(url), HikariExample.run(url), R2dbcPoolExample.run(url),
                VertxPoolExample.run(url));
        for (String o : outputs) {
            assertFalse(o.contains(SENTINEL), o);
        }
        for (String wrong : List.of(scramUrl(WRONG_SENTINEL))) {
            Exception e = assertThrows(Exception.class, () -> PlainJdbcExample.run(wrong));
            assertFalse(String.valueOf(e.getMessage()).contains(WRONG_SENTINEL), e.getMessage());
            assertFalse(String.valueOf(e).contains(WRONG_SENTINEL), String.valueOf(e));
        }
    }

    @Test
    void mainWhenNoDatabaseUrlThenRunsAgainstEmbeddedServer() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("DATABASE_URL") == null, "DATABASE_URL is set");
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            PlainJdbcExample.main(new String[0]);
        } finally {
            System.setOut(old);
        }
        assertTrue(buf.toString(StandardCharsets.UTF_8).startsWith("jdbc: PostgreSQL "), buf.toString(StandardCharsets.UTF_8));
    }
}
