package io.github.pgssl.spring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.spring.PgSslEnvironmentPostProcessor;
import io.github.pgssl.testkit.server.ServerPresets;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.database.DatabaseTypeRegister;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@code jdbc:pgssl:} URLs alone, in real application contexts: {@code spring.datasource.url},
 * {@code spring.flyway.url}, {@code spring.liquibase.url}, and Flyway's own URL configuration
 * outside Spring.
 */
class JdbcUrlIT {
    private static final String SENTINEL = "Sentinel-Pw-7f3a9";
    private static Db db;

    @BeforeAll
    static void start() throws Exception {
        db = Db.start();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    private static String verifyFull() {
        return "sslmode=verify-full&sslrootcert=" + db.root;
    }

    @Test
    void datasourceUrlAloneWhenFlywayMigratesThenAppConnectsOverVerifiedTls() throws Exception {
        String name = db.freshDatabase("url_only", ServerPresets.TRUST_USER);
        try (ConfigurableApplicationContext ctx = Apps.run(Map.of(),
                "spring.datasource.url=jdbc:pgssl:" + db.uri(ServerPresets.TRUST_USER, name, verifyFull()),
                "spring.autoconfigure.exclude=" + Apps.r2dbcAutoConfiguration(),
                "spring.liquibase.enabled=false")) {
            DataSource ds = ctx.getBean(DataSource.class);
            assertEquals("com.zaxxer.hikari.HikariDataSource", ds.getClass().getName());
            assertEquals("hello from flyway", Db.queryString(ds, "select text from greeting"));
            List<String> tls = Db.tls(ds);
            assertEquals("true", tls.get(0));
            assertTrue(tls.get(1).startsWith("TLSv1."), tls.toString());
            assertEquals(PgSslEnvironmentPostProcessor.DRIVER_CLASS,
                    ctx.getEnvironment().getProperty("spring.datasource.driver-class-name"));
            assertTrue(ctx.getEnvironment().getPropertySources().contains(PgSslEnvironmentPostProcessor.PROPERTY_SOURCE_NAME));
        }
    }

    @Test
    void flywayAndLiquibaseUrlsAloneWhenSetThenEachMigratesItsOwnDatabase() throws Exception {
        String app = db.freshDatabase("app_db", ServerPresets.TRUST_USER);
        String flyway = db.freshDatabase("flyway_db", ServerPresets.SCRAM_USER);
        String liquibase = db.freshDatabase("liquibase_db", ServerPresets.TRUST_USER);
        String scram = ServerPresets.SCRAM_USER + ":" + ServerPresets.SCRAM_PASSWORD_URI_ENCODED;
        try (ConfigurableApplicationContext ctx = Apps.run(Map.of(),
                "spring.datasource.url=jdbc:pgssl:" + db.uri(ServerPresets.TRUST_USER, app, verifyFull()),
                "spring.flyway.url=jdbc:pgssl:" + db.uri(scram, flyway, "sslmode=require&sslrootcert=" + db.root),
                "spring.liquibase.url=jdbc:pgssl:" + db.uri(ServerPresets.TRUST_USER, liquibase, verifyFull()),
                "spring.liquibase.change-log=classpath:db/changelog/db.changelog-master.yaml",
                "spring.autoconfigure.exclude=" + Apps.r2dbcAutoConfiguration())) {
            assertEquals(PgSslEnvironmentPostProcessor.DRIVER_CLASS, ctx.getEnvironment().getProperty("spring.flyway.driver-class-name"));
            assertEquals(PgSslEnvironmentPostProcessor.DRIVER_CLASS, ctx.getEnvironment().getProperty("spring.liquibase.driver-class-name"));
            DataSource ds = ctx.getBean(DataSource.class);
            assertEquals("false", Db.queryString(ds, "select (to_regclass('greeting') is not null)::text"));
            assertEquals("false", Db.queryString(ds, "select (to_regclass('liquibase_note') is not null)::text"));
        }
        assertEquals("hello from flyway", single(flyway, "select text from greeting"));
        assertEquals(ServerPresets.SCRAM_USER, single(flyway, "select installed_by from flyway_schema_history where version = '1'"));
        assertEquals("hello from liquibase", single(liquibase, "select note from liquibase_note"));
    }

    @Test
    void explicitDriverClassNameWhenSetThenTheApplicationsValueWins() {
        try (ConfigurableApplicationContext ctx = Apps.run(Map.of(),
                "spring.datasource.url=jdbc:pgssl:" + db.uri(ServerPresets.TRUST_USER, "trustdb", verifyFull()),
                "spring.datasource.driver-class-name=org.postgresql.Driver",
                "spring.flyway.enabled=false", "spring.liquibase.enabled=false",
                "spring.autoconfigure.exclude=" + Apps.r2dbcAutoConfiguration())) {
            assertEquals("org.postgresql.Driver", ctx.getEnvironment().getProperty("spring.datasource.driver-class-name"));
        }
    }

    @Test
    void plainPostgresqlUrlWhenSetThenNothingIsAdded() {
        try (ConfigurableApplicationContext ctx = Apps.run(Map.of(),
                "spring.datasource.url=jdbc:postgresql://127.0.0.1:" + db.server.port() + "/trustdb",
                "spring.flyway.enabled=false", "spring.liquibase.enabled=false",
                "spring.autoconfigure.exclude=" + Apps.r2dbcAutoConfiguration())) {
            assertNull(ctx.getEnvironment().getProperty("spring.datasource.driver-class-name"));
            assertFalse(ctx.getEnvironment().getPropertySources().contains(PgSslEnvironmentPostProcessor.PROPERTY_SOURCE_NAME));
        }
    }

    @Test
    void flywayOutsideSpringWhenGivenAPgsslUrlThenMigratesThroughPgssl() throws Exception {
        String name = db.freshDatabase("flyway_plain", ServerPresets.SCRAM_USER);
        String url = "jdbc:pgssl:" + db.uri(ServerPresets.SCRAM_USER + ":" + ServerPresets.SCRAM_PASSWORD_URI_ENCODED, name,
                "sslmode=verify-full&sslrootcert=" + db.root);
        Flyway.configure().dataSource(url, null, null).load().migrate();
        assertEquals("hello from flyway", single(name, "select text from greeting"));
    }

    @Test
    void flywayOutsideSpringWhenTheConnectionFailsThenThePasswordIsNotPrinted() {
        String url = "jdbc:pgssl:postgresql://app:" + SENTINEL + "@127.0.0.1:" + db.server.port()
                + "/nosuchdb?sslmode=verify-full&sslrootcert=" + db.root;
        FlywayException e = assertThrows(FlywayException.class,
                () -> Flyway.configure().dataSource(url, null, null).connectRetries(0).load().migrate());
        String all = stackTrace(e);
        assertFalse(all.contains(SENTINEL), all);
        assertTrue(all.contains("jdbc:pgssl:postgresql://app:********@127.0.0.1:"), all);
    }

    @Test
    void flywayRedactionWhenAnyFormCarriesAPasswordThenItIsMasked() {
        for (String url : List.of(
                "jdbc:pgssl:postgresql://app:" + SENTINEL + "@db.example.com:25060/app?sslmode=require",
                "jdbc:pgssl:postgres://app:" + SENTINEL + "@h1:5432,h2:5433/app",
                "jdbc:pgssl:postgresql://app@db.example.com/app?password=" + SENTINEL + "&sslmode=require",
                "jdbc:pgssl:host=db.example.com user=app password=" + SENTINEL + " sslmode=require",
                "jdbc:pgssl:host=db.example.com password='" + SENTINEL + "' sslmode=require")) {
            String redacted = DatabaseTypeRegister.redactJdbcUrl(url);
            assertFalse(redacted.contains(SENTINEL), redacted);
            assertTrue(redacted.contains("********"), redacted);
        }
    }

    private static String single(String database, String sql) throws Exception {
        String url = "jdbc:pgssl:" + db.uri("postgres", database, "sslmode=disable");
        SingleConnectionDataSource ds = new SingleConnectionDataSource(DriverManager.getConnection(url), true);
        try {
            return Db.queryString(ds, sql);
        } finally {
            ds.destroy();
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
