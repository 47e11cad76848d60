package io.github.pgssl.spring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.testkit.json.JsonParser;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.ServerPresets;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code pgssl} actuator endpoint and the {@code db} health's TLS details, over HTTP from a
 * running web application; a sentinel password never appears in either.
 */
class ActuatorIT {
    private static final String SENTINEL = "Sentinel-Pw-c41d";
    private static Db db;

    @BeforeAll
    static void start() throws Exception {
        db = Db.start();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    private static ConfigurableApplicationContext web(String datasourceUrl) {
        return Apps.builder(Map.of(), WebApplicationType.SERVLET,
                "server.port=0",
                "spring.datasource.url=" + datasourceUrl,
                "spring.datasource.hikari.connection-timeout=5000",
                "spring.datasource.hikari.initialization-fail-timeout=-1",
                "management.endpoints.web.exposure.include=pgssl,health",
                "management.endpoint.health.show-details=always",
                "spring.flyway.enabled=false", "spring.liquibase.enabled=false",
                "spring.autoconfigure.exclude=" + Apps.r2dbcAutoConfiguration()).run();
    }

    private static String get(ConfigurableApplicationContext ctx, String path) throws Exception {
        String port = ctx.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    @Test
    @SuppressWarnings("unchecked")
    void endpointWhenConnectionWorksThenReportsTlsAndPolicyWithoutTheSecret() throws Exception {
        String password = URLEncoder.encode(ServerPresets.SCRAM_PASSWORD, StandardCharsets.UTF_8);
        String url = "jdbc:pgssl:postgresql://" + ServerPresets.SCRAM_USER + ":" + password + "@" + TestPki.SERVER_NAME + ":"
                + db.server.port() + "/" + ServerPresets.TRUST_DB + "?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=" + db.root;
        try (ConfigurableApplicationContext ctx = web(url)) {
            String json = get(ctx, "/actuator/pgssl");
            assertFalse(json.contains(ServerPresets.SCRAM_PASSWORD), json);
            assertFalse(json.contains(password), json);
            Map<String, Object> ds = (Map<String, Object>) ((Map<String, Object>) JsonParser.object(json).get("dataSources")).get("dataSource");
            assertEquals("jdbc:pgssl:postgresql://scramuser:******@" + TestPki.SERVER_NAME + ":" + db.server.port() + "/trustdb"
                    + "?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=" + db.root, ds.get("url"));
            assertEquals("uri", ds.get("form"));
            assertEquals("verify-full", ds.get("sslmode"));
            assertEquals("OK", ds.get("connection"));
            assertEquals(Boolean.TRUE, ds.get("ssl"));
            assertTrue(String.valueOf(ds.get("tls_version")).startsWith("TLSv1."), json);
            assertTrue(ds.get("cipher") != null, json);
            assertTrue(String.valueOf(ds.get("server_version")).startsWith(String.valueOf(db.server.majorVersion())), json);
            Map<String, Object> policy = (Map<String, Object>) ds.get("policy");
            assertEquals("verify-full", policy.get("type"));
            assertEquals(Boolean.TRUE, policy.get("server_authenticated"));
            assertEquals("always", policy.get("encrypted"));

            String health = get(ctx, "/actuator/health");
            assertFalse(health.contains(ServerPresets.SCRAM_PASSWORD), health);
            Map<String, Object> dbHealth = (Map<String, Object>) ((Map<String, Object>) JsonParser.object(health).get("components")).get("db");
            assertEquals("UP", dbHealth.get("status"));
            Map<String, Object> tls = (Map<String, Object>) ((Map<String, Object>) dbHealth.get("details")).get("tls");
            assertEquals("verify-full", tls.get("policy"));
            assertEquals(Boolean.TRUE, tls.get("ssl"));
            assertTrue(String.valueOf(tls.get("protocol")).startsWith("TLSv1."), health);
            assertEquals("PostgreSQL", ((Map<String, Object>) dbHealth.get("details")).get("database"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void endpointWhenReactiveAppFromDatabaseUrlThenReportsTheConnectionFactoryWithoutTheSecret() throws Exception {
        String name = db.freshDatabase("reactive_actuator", ServerPresets.SCRAM_USER);
        String databaseUrl = "postgresql://" + ServerPresets.SCRAM_USER + ":" + ServerPresets.SCRAM_PASSWORD_URI_ENCODED + "@"
                + TestPki.SERVER_NAME + ":" + db.server.port() + "/" + name + "?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=" + db.root;
        try (ConfigurableApplicationContext ctx = Apps.builder(Map.of("DATABASE_URL", databaseUrl), WebApplicationType.SERVLET,
                "server.port=0", "management.endpoints.web.exposure.include=pgssl,health",
                "management.endpoint.health.show-details=always",
                "spring.liquibase.enabled=false").run()) {
            String json = get(ctx, "/actuator/pgssl");
            assertFalse(json.contains(ServerPresets.SCRAM_PASSWORD), json);
            assertFalse(json.contains(ServerPresets.SCRAM_PASSWORD_URI_ENCODED), json);
            Map<String, Object> report = JsonParser.object(json);
            Map<String, Object> r2dbc = (Map<String, Object>) report.get("r2dbc");
            assertEquals("r2dbc:pgssl:postgresql://scramuser:******@" + TestPki.SERVER_NAME + ":" + db.server.port() + "/" + name
                    + "?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=" + db.root, r2dbc.get("url"));
            assertEquals("OK", r2dbc.get("connection"), json);
            assertEquals(Boolean.TRUE, r2dbc.get("ssl"));
            assertTrue(String.valueOf(r2dbc.get("tls_version")).startsWith("TLSv1."), json);
            assertEquals("verify-full", ((Map<String, Object>) r2dbc.get("policy")).get("type"));

            String health = get(ctx, "/actuator/health");
            assertFalse(health.contains(ServerPresets.SCRAM_PASSWORD_URI_ENCODED), health);
            Map<String, Object> r2dbcHealth = (Map<String, Object>) ((Map<String, Object>) JsonParser.object(health).get("components")).get("r2dbc");
            assertEquals("UP", r2dbcHealth.get("status"), health);
            Map<String, Object> tls = (Map<String, Object>) ((Map<String, Object>) r2dbcHealth.get("details")).get("tls");
            assertEquals("verify-full", tls.get("policy"), health);
            assertEquals(Boolean.TRUE, tls.get("ssl"), health);
            assertTrue(String.valueOf(tls.get("protocol")).startsWith("TLSv1."), health);
            assertEquals("PostgreSQL", ((Map<String, Object>) r2dbcHealth.get("details")).get("database"), health);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void endpointWhenPasswordIsWrongThenReportsErrorAndTypeWithoutTheSentinel() throws Exception {
        String url = "jdbc:pgssl:postgresql://" + ServerPresets.SCRAM_USER + ":" + SENTINEL + "@127.0.0.1:" + db.server.port()
                + "/" + ServerPresets.TRUST_DB + "?sslmode=require&sslpassword=" + SENTINEL + "x";
        try (ConfigurableApplicationContext ctx = web(url)) {
            String json = get(ctx, "/actuator/pgssl");
            assertFalse(json.contains(SENTINEL), json);
            Map<String, Object> ds = (Map<String, Object>) ((Map<String, Object>) JsonParser.object(json).get("dataSources")).get("dataSource");
            assertEquals("Failed", ds.get("connection"));
            assertTrue(String.valueOf(ds.get("error")).contains("password authentication failed for user \"scramuser\""), json);
            assertTrue(String.valueOf(ds.get("error_type")).startsWith("java.sql."), json);
            assertEquals("require", ds.get("sslmode"));
            assertEquals("no-verify", ((Map<String, Object>) ds.get("policy")).get("type"));
            String health = get(ctx, "/actuator/health");
            assertFalse(health.contains(SENTINEL), health);
            assertTrue(health.contains("\"DOWN\""), health);
        }
    }
}
