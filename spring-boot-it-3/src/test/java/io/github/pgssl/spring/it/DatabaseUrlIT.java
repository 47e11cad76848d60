package io.github.pgssl.spring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.spring.PgSslEnvironmentPostProcessor;
import io.github.pgssl.testkit.server.ServerPresets;
import io.r2dbc.spi.ConnectionFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An application configured by nothing but {@code DATABASE_URL}: the DataSource, and the R2DBC
 * ConnectionFactory (R2DBC is on this class path), on each Boot line's managed r2dbc-postgresql.
 */
class DatabaseUrlIT {
    private static Db db;

    @BeforeAll
    static void start() throws Exception {
        db = Db.start();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @Test
    void databaseUrlOnlyWhenR2dbcIsPresentThenConnectionFactoryConnectsAndFlywayMigratesOverVerifiedTls() throws Exception {
        String name = db.freshDatabase("reactive_app", ServerPresets.SCRAM_USER);
        String url = db.uri(ServerPresets.SCRAM_USER + ":" + ServerPresets.SCRAM_PASSWORD_URI_ENCODED, name,
                "sslmode=verify-full&sslrootcert=" + db.root);
        try (ConfigurableApplicationContext ctx = Apps.run(Map.of("DATABASE_URL", url), "spring.liquibase.enabled=false")) {
            ConnectionFactory cf = ctx.getBean(ConnectionFactory.class);
            assertEquals(List.of("true", ServerPresets.SCRAM_USER), r2dbc(cf));
            assertEquals("hello from flyway", r2dbcString(cf, "select text from greeting"));
            // Boot's rule: with a ConnectionFactory there is no auto-configured DataSource
            assertTrue(ctx.getBeansOfType(DataSource.class).isEmpty());
            // placeholders, never the URL itself, in pgssl's property source
            var source = ctx.getEnvironment().getPropertySources().get(PgSslEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
            assertEquals("r2dbc:pgssl:${DATABASE_URL}", source.getProperty("spring.r2dbc.url"));
            assertEquals("jdbc:pgssl:${DATABASE_URL}", source.getProperty("spring.flyway.url"));
        }
    }

    @Test
    void databaseUrlOnlyWhenJdbcAppThenDataSourceConnectsOverVerifiedTls() throws Exception {
        String url = db.uri(ServerPresets.SCRAM_USER + ":" + ServerPresets.SCRAM_PASSWORD_URI_ENCODED, ServerPresets.SSL_DB,
                "sslmode=verify-full&sslrootcert=" + db.root);
        try (ConfigurableApplicationContext ctx = Apps.run(Map.of("DATABASE_URL", url),
                "spring.flyway.enabled=false", "spring.liquibase.enabled=false",
                "spring.autoconfigure.exclude=" + Apps.r2dbcAutoConfiguration())) {
            DataSource ds = ctx.getBean(DataSource.class);
            assertEquals("true", Db.tls(ds).get(0));
            assertEquals(ServerPresets.SCRAM_USER, Db.queryString(ds, "select current_user"));
            assertEquals("jdbc:pgssl:${DATABASE_URL}", ctx.getEnvironment().getPropertySources()
                    .get(PgSslEnvironmentPostProcessor.PROPERTY_SOURCE_NAME).getProperty("spring.datasource.url"));
        }
    }

    @Test
    void r2dbcPoolUrlWhenSetThenPooledConnectionFactoryConnects() throws Exception {
        String url = db.uri(ServerPresets.TRUST_USER, ServerPresets.SSL_DB, "sslmode=verify-full&sslrootcert=" + db.root);
        for (String prefix : List.of("r2dbc:pgssl:", "r2dbc:pool:pgssl:")) {
            try (ConfigurableApplicationContext ctx = Apps.run(Map.of(),
                    "spring.r2dbc.url=" + prefix + url,
                    "spring.datasource.url=jdbc:pgssl:" + url,
                    "spring.flyway.enabled=false", "spring.liquibase.enabled=false")) {
                assertEquals(List.of("true", ServerPresets.TRUST_USER), r2dbc(ctx.getBean(ConnectionFactory.class)), prefix);
            }
        }
    }

    @Test
    void keywordValueDatabaseUrlWhenSetThenDataSourceOnly() throws Exception {
        String url = "host=" + io.github.pgssl.testkit.pki.TestPki.SERVER_NAME + " hostaddr=127.0.0.1 port=" + db.server.port()
                + " user=" + ServerPresets.TRUST_USER + " dbname=" + ServerPresets.SSL_DB + " sslmode=verify-full sslrootcert=" + db.root;
        try (ConfigurableApplicationContext ctx = Apps.run(Map.of("DATABASE_URL", url),
                "spring.flyway.enabled=false", "spring.liquibase.enabled=false",
                "spring.autoconfigure.exclude=" + Apps.r2dbcAutoConfiguration())) {
            assertEquals("true", Db.tls(ctx.getBean(DataSource.class)).get(0));
            assertFalse(ctx.getEnvironment().containsProperty("spring.r2dbc.url"));
        }
    }

    @Test
    void databaseUrlWhenDisabledThenBootHasNoUrl() {
        String url = db.uri(ServerPresets.TRUST_USER, ServerPresets.SSL_DB, "sslmode=require");
        Throwable e = Apps.failure(Map.of("DATABASE_URL", url), "pgssl.database-url.enabled=false",
                "spring.autoconfigure.exclude=" + Apps.r2dbcAutoConfiguration());
        String messages = Apps.messages(e);
        assertTrue(messages.contains("Failed to determine a suitable driver class"), messages);
        assertFalse(messages.contains(ServerPresets.SSL_DB), messages);
    }

    @Test
    void datasourceUrlWhenSetThenDatabaseUrlIsIgnored() throws Exception {
        String wrong = "postgresql://nobody@127.0.0.1:1/none?sslmode=require";
        String right = db.uri(ServerPresets.TRUST_USER, ServerPresets.SSL_DB, "sslmode=verify-full&sslrootcert=" + db.root);
        try (ConfigurableApplicationContext ctx = Apps.run(Map.of("DATABASE_URL", wrong),
                "spring.datasource.url=jdbc:pgssl:" + right,
                "spring.flyway.enabled=false", "spring.liquibase.enabled=false",
                "spring.autoconfigure.exclude=" + Apps.r2dbcAutoConfiguration())) {
            assertEquals(ServerPresets.TRUST_USER, Db.queryString(ctx.getBean(DataSource.class), "select current_user"));
            // an application with its own JDBC URL keeps its R2DBC and migration settings as written
            assertFalse(ctx.getEnvironment().containsProperty("spring.r2dbc.url"));
            assertFalse(ctx.getEnvironment().containsProperty("spring.flyway.url"));
            assertFalse(ctx.getEnvironment().containsProperty("spring.liquibase.url"));
        }
    }

    static String r2dbcString(ConnectionFactory cf, String sql) {
        return Mono.usingWhen(Mono.from(cf.create()),
                c -> Flux.from(c.createStatement(sql).execute()).flatMap(r -> r.map((row, md) -> row.get(0, String.class))).next(),
                c -> c.close()).block(Duration.ofSeconds(30));
    }

    /** {@code ssl} and {@code current_user} over one R2DBC connection. */
    static List<String> r2dbc(ConnectionFactory cf) {
        return Mono.usingWhen(Mono.from(cf.create()),
                c -> Flux.from(c.createStatement("select s.ssl::text, current_user::text from pg_stat_ssl s where s.pid = pg_backend_pid()")
                        .execute()).flatMap(r -> r.map((row, md) -> List.of(row.get(0, String.class), row.get(1, String.class)))).next(),
                c -> c.close()).block(Duration.ofSeconds(30));
    }
}
