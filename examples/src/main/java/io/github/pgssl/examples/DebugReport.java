package io.github.pgssl.examples;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.Secret;
import io.github.pgssl.vertx.PgSslVertx;
import io.r2dbc.spi.ConnectionFactory;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The debug endpoint's report: environment (redacted), connection status, server version, whether
 * a {@code users} table exists and how many rows it has, and the TLS version per driver. Never a
 * secret: the URL is shown redacted and any error text is scrubbed of the password.
 */
public final class DebugReport {
    private static final String TLS_SQL = "select ssl, version, cipher from pg_stat_ssl where pid = pg_backend_pid()";

    private DebugReport() {
    }

    /** Collects the report; never throws for a connection problem (it is reported instead). */
    public static Map<String, Object> collect(String connectionString, PgEnvironment env) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> vars = new LinkedHashMap<>();
        ConnectionSettings settings;
        try {
            settings = PgSsl.settings(connectionString, env);
            ConnectionSettings explicit = PgSsl.parse(connectionString);
            vars.put("DATABASE_URL", explicit.toRedactedUrl());
            vars.put("DATABASE_URL_TYPE", explicit.dialect());
            vars.put("DATABASE_URL_SSL", settings.get("sslmode").orElse("prefer"));
        } catch (RuntimeException e) {
            vars.put("DATABASE_URL", "(invalid: " + e.getMessage() + ")");
            m.put("environment", Map.of("variables", vars));
            m.put("connection", "Failed");
            m.put("error", e.getMessage());
            return m;
        }
        m.put("environment", Map.of("variables", vars));
        m.put("connection", null);
        m.put("version", null);
        m.put("users_table_exists", null);
        m.put("user_count", null);
        List<String> secrets = settings.secretKeywords().stream()
                .map(k -> settings.secret(k).map(Secret::reveal).orElse(""))
                .filter(s -> s.length() >= 3).toList();

        Map<String, Object> drivers = new LinkedHashMap<>();
        Map<String, Object> jdbc = jdbc(connectionString, env, m, secrets);
        drivers.put("jdbc", jdbc);
        drivers.put("r2dbc", r2dbc(connectionString, env, secrets));
        drivers.put("vertx", vertx(connectionString, env, secrets));
        m.put("connection", jdbc.get("connection"));
        m.put("version", jdbc.get("version"));
        m.put("drivers", drivers);
        return m;
    }

    private static Map<String, Object> jdbc(String url, PgEnvironment env, Map<String, Object> top, List<String> secrets) {
        Map<String, Object> r = new LinkedHashMap<>();
        try {
            DataSource ds = PgSsl.configure(url, DataSource.class, env);
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("select version()")) {
                    rs.next();
                    r.put("connection", "OK");
                    r.put("version", rs.getString(1));
                }
                tls(st, r);
                boolean exists;
                try (ResultSet rs = st.executeQuery("select to_regclass('users') is not null")) {
                    rs.next();
                    exists = rs.getBoolean(1);
                }
                top.put("users_table_exists", exists);
                if (exists) {
                    try (ResultSet rs = st.executeQuery("select count(*) from users")) {
                        rs.next();
                        top.put("user_count", rs.getLong(1));
                    }
                } else {
                    top.put("user_count", null);
                }
            }
        } catch (Exception e) {
            failed(r, e, secrets);
            top.put("users_table_exists", null);
            top.put("user_count", null);
        }
        return r;
    }

    private static void tls(Statement st, Map<String, Object> r) throws java.sql.SQLException {
        try (ResultSet rs = st.executeQuery(TLS_SQL)) {
            rs.next();
            r.put("ssl", rs.getBoolean(1));
            r.put("tls_version", rs.getString(2));
            r.put("cipher", rs.getString(3));
        }
    }

    private static Map<String, Object> r2dbc(String url, PgEnvironment env, List<String> secrets) {
        Map<String, Object> r = new LinkedHashMap<>();
        try {
            ConnectionFactory cf = PgSsl.configure(url, ConnectionFactory.class, env);
            List<Object> row = Mono.usingWhen(Mono.from(cf.create()),
                    c -> Flux.from(c.createStatement("select version(), s.ssl, s.version, s.cipher from pg_stat_ssl s "
                                    + "where s.pid = pg_backend_pid()").execute())
                            .flatMap(res -> res.map((rw, md) -> java.util.Arrays.<Object>asList(rw.get(0, String.class),
                                    rw.get(1, Boolean.class), rw.get(2, String.class), rw.get(3, String.class))))
                            .next(),
                    c -> c.close()).block(Duration.ofSeconds(30));
            r.put("connection", "OK");
            r.put("version", row.get(0));
            r.put("ssl", row.get(1));
            r.put("tls_version", row.get(2));
            r.put("cipher", row.get(3));
        } catch (Exception e) {
            failed(r, e, secrets);
        }
        return r;
    }

    private static Map<String, Object> vertx(String url, PgEnvironment env, List<String> secrets) {
        Map<String, Object> r = new LinkedHashMap<>();
        Vertx vertx = Vertx.vertx();
        try {
            Pool pool = PgSslVertx.pool(vertx, url, env, new PoolOptions().setMaxSize(1));
            Row row = pool.query("select version(), s.ssl, s.version, s.cipher from pg_stat_ssl s where s.pid = pg_backend_pid()")
                    .execute().map(rows -> rows.iterator().next()).eventually(() -> pool.close())
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            r.put("connection", "OK");
            r.put("version", row.getString(0));
            r.put("ssl", row.getBoolean(1));
            r.put("tls_version", row.getString(2));
            r.put("cipher", row.getString(3));
        } catch (java.util.concurrent.ExecutionException e) {
            failed(r, e.getCause() != null ? e.getCause() : e, secrets);
        } catch (Exception e) {
            failed(r, e, secrets);
        } finally {
            vertx.close();
        }
        return r;
    }

    private static void failed(Map<String, Object> r, Throwable e, List<String> secrets) {
        String message = String.valueOf(e.getMessage());
        for (String s : secrets) {
            message = message.replace(s, Secret.MASK);
        }
        r.put("connection", "Failed");
        r.put("version", null);
        r.put("ssl", null);
        r.put("tls_version", null);
        r.put("cipher", null);
        r.put("error", message);
        r.put("error_type", e.getClass().getName());
    }
}
