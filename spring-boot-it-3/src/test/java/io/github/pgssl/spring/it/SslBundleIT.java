package io.github.pgssl.spring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;

import io.github.pgssl.spring.SslBundleFiles;
import io.github.pgssl.testkit.pki.KeyFormat;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.ServerPresets;
import io.r2dbc.spi.ConnectionFactory;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code pgssl.ssl-bundle}: trust and client keys from Spring Boot SSL bundles (inline PEM, PEM
 * files with reload, PKCS#12), with libpq's rule that {@code sslmode=require} verifies the chain
 * once a root certificate is given; and the DigitalOcean App Platform shape end to end.
 */
class SslBundleIT {
    private static final String VERIFY_FAILED = "certificate verify failed";
    private static Db db;

    @BeforeAll
    static void start() throws Exception {
        db = Db.start();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    /** A JDBC-only app (R2DBC auto-configuration off) with these extra properties. */
    private static ConfigurableApplicationContext jdbcApp(Map<String, String> env, String... properties) {
        List<String> p = new java.util.ArrayList<>(List.of(properties));
        p.add("spring.flyway.enabled=false");
        p.add("spring.liquibase.enabled=false");
        p.add("spring.autoconfigure.exclude=" + Apps.r2dbcAutoConfiguration());
        p.add("spring.datasource.hikari.connection-timeout=5000");
        return Apps.run(env, p.toArray(String[]::new));
    }

    private static String requireUrl(String user, String database) {
        // 127.0.0.1 as host: require (+ root) verifies the chain, not the name, as libpq's verify-ca
        return "postgresql://" + user + "@127.0.0.1:" + db.server.port() + "/" + database + "?sslmode=require";
    }

    @Test
    void inlinePemBundleWithRequireWhenCaSignedTheServerThenVerifiedTlsConnection() throws Exception {
        try (ConfigurableApplicationContext ctx = jdbcApp(Map.of(),
                "spring.datasource.url=jdbc:pgssl:" + requireUrl(ServerPresets.TRUST_USER, ServerPresets.SSL_DB),
                "spring.ssl.bundle.pem.db.truststore.certificate=" + db.pki.root().certificatePem(),
                "pgssl.ssl-bundle=db")) {
            List<String> tls = Db.tls(ctx.getBean(DataSource.class));
            assertEquals("true", tls.get(0));
            assertTrue(Files.isRegularFile(ctx.getBean(SslBundleFiles.class).rootCertificate().orElseThrow()));
        }
    }

    @Test
    void inlinePemBundleWithRequireWhenCaIsWrongThenRefusedInLibpqsWords() {
        try (ConfigurableApplicationContext ctx = jdbcApp(Map.of(),
                "spring.datasource.url=jdbc:pgssl:" + requireUrl(ServerPresets.TRUST_USER, ServerPresets.SSL_DB),
                "spring.ssl.bundle.pem.db.truststore.certificate=" + db.pki.unrelatedRoot().certificatePem(),
                "pgssl.ssl-bundle=db")) {
            Exception e = assertThrows(Exception.class, () -> Db.tls(ctx.getBean(DataSource.class)));
            String messages = Apps.messages(e);
            assertTrue(messages.contains(VERIFY_FAILED), messages);
        }
    }

    @Test
    void withoutBundleWhenRequireThenEncryptedOnlySoTheWrongCaTestAboveMeansVerification() throws Exception {
        // the control: the same URL without a bundle connects (libpq's require without a root file)
        try (ConfigurableApplicationContext ctx = jdbcApp(Map.of(),
                "spring.datasource.url=jdbc:pgssl:" + requireUrl(ServerPresets.TRUST_USER, ServerPresets.SSL_DB))) {
            assertEquals("true", Db.tls(ctx.getBean(DataSource.class)).get(0));
        }
    }

    @Test
    void pkcs12BundleWithClientKeyWhenCertAuthThenConnectsAsTheCertificatesUser() throws Exception {
        Path dir = Files.createTempDirectory(db.dir, "p12");
        Path trust = dir.resolve("trust.p12");
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("root", db.pki.root().certificate());
        try (OutputStream out = Files.newOutputStream(trust)) {
            ts.store(out, "changeit".toCharArray());
        }
        Path clientCert = db.pki.client().writeChainPem(dir.resolve("client.crt"));
        Path clientKey = db.pki.client().writeKey(dir.resolve("client.key"), KeyFormat.PKCS8_PEM);
        String url = "postgresql://" + ServerPresets.TRUST_USER + "@" + TestPki.SERVER_NAME + ":" + db.server.port() + "/"
                + ServerPresets.CERT_DB + "?hostaddr=127.0.0.1&sslmode=verify-full";
        try (ConfigurableApplicationContext ctx = jdbcApp(Map.of(),
                "spring.datasource.url=jdbc:pgssl:" + url.replace(ServerPresets.CERT_DB, ServerPresets.SSL_DB),
                "spring.ssl.bundle.jks.db.truststore.location=file:" + trust,
                "spring.ssl.bundle.jks.db.truststore.password=changeit",
                "spring.ssl.bundle.jks.db.truststore.type=PKCS12",
                "pgssl.ssl-bundle=db")) {
            // a jks bundle's trust, checked by verify-full
            assertEquals("true", Db.tls(ctx.getBean(DataSource.class)).get(0));
        }
        try (ConfigurableApplicationContext ctx = jdbcApp(Map.of(),
                "spring.datasource.url=jdbc:pgssl:" + url,
                "spring.ssl.bundle.pem.db.truststore.certificate=file:" + db.root,
                "spring.ssl.bundle.pem.db.keystore.certificate=file:" + clientCert,
                "spring.ssl.bundle.pem.db.keystore.private-key=file:" + clientKey,
                "pgssl.ssl-bundle=db")) {
            // certdb authenticates by client certificate only: connecting proves the bundle's key was sent
            assertEquals(ServerPresets.TRUST_USER, Db.queryString(ctx.getBean(DataSource.class), "select current_user"));
            SslBundleFiles files = ctx.getBean(SslBundleFiles.class);
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(files.clientKey().orElseThrow())));
        }
    }

    @Test
    void pemFileBundleWhenReloadedThenNewConnectionsUseTheNewTrust() throws Exception {
        Path dir = Files.createTempDirectory(db.dir, "reload");
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, db.pki.root().certificatePem());
        try (ConfigurableApplicationContext ctx = jdbcApp(Map.of(),
                "spring.datasource.url=jdbc:pgssl:" + requireUrl(ServerPresets.TRUST_USER, ServerPresets.SSL_DB),
                "spring.ssl.bundle.pem.db.truststore.certificate=file:" + ca,
                "spring.ssl.bundle.pem.db.reload-on-update=true",
                "spring.ssl.bundle.watch.file.quiet-period=100ms",
                "spring.datasource.hikari.maximum-pool-size=1",
                "pgssl.ssl-bundle=db")) {
            HikariDataSource ds = (HikariDataSource) ctx.getBean(DataSource.class);
            assertEquals("true", Db.tls(ds).get(0));

            replace(ca, db.pki.unrelatedRoot().certificatePem());
            String failure = awaitNewConnection(ds, false);
            assertTrue(failure.contains(VERIFY_FAILED), failure);

            replace(ca, db.pki.root().certificatePem());
            assertEquals("", awaitNewConnection(ds, true));
        }
    }

    @Test
    void digitalOceanShapeWhenDatabaseUrlRequireAndCaPemInEnvironmentThenVerifiedAndMigrated() throws Exception {
        String name = db.freshDatabase("defaultdb", ServerPresets.SCRAM_USER);
        // App Platform: DATABASE_URL=${db.DATABASE_URL}, CA_CERT=${db.CA_CERT} (the CA as PEM text)
        String databaseUrl = "postgresql://" + ServerPresets.SCRAM_USER + ":" + ServerPresets.SCRAM_PASSWORD_URI_ENCODED
                + "@127.0.0.1:" + db.server.port() + "/" + name + "?sslmode=require";
        String[] properties = {
                "spring.ssl.bundle.pem.db.truststore.certificate=${CA_CERT}",
                "pgssl.ssl-bundle=db",
                "spring.liquibase.enabled=false"};
        try (ConfigurableApplicationContext ctx = Apps.run(
                Map.of("DATABASE_URL", databaseUrl, "CA_CERT", db.pki.root().certificatePem()), properties)) {
            // R2DBC is on this class path: a reactive app, migrated by Flyway over jdbc:pgssl:, both through the bundle
            ConnectionFactory cf = ctx.getBean(ConnectionFactory.class);
            assertEquals(List.of("true", ServerPresets.SCRAM_USER), DatabaseUrlIT.r2dbc(cf));
            assertEquals("hello from flyway", DatabaseUrlIT.r2dbcString(cf, "select text from greeting"));
        }
        String wrongDb = db.freshDatabase("defaultdb_wrong", ServerPresets.SCRAM_USER);
        Throwable e = Apps.failure(Map.of("DATABASE_URL", databaseUrl.replace("/" + name + "?", "/" + wrongDb + "?"),
                "CA_CERT", db.pki.unrelatedRoot().certificatePem()), properties);
        String messages = Apps.messages(e);
        assertTrue(messages.contains(VERIFY_FAILED), messages);
        assertFalse(messages.contains(ServerPresets.SCRAM_PASSWORD), messages);
        assertFalse(messages.contains(ServerPresets.SCRAM_PASSWORD_URI_ENCODED), messages);
    }

    @Test
    void digitalOceanShapeWhenJdbcAppThenVerifiedConnection() throws Exception {
        String databaseUrl = "postgresql://" + ServerPresets.SCRAM_USER + ":" + ServerPresets.SCRAM_PASSWORD_URI_ENCODED
                + "@127.0.0.1:" + db.server.port() + "/" + ServerPresets.SSL_DB + "?sslmode=require";
        try (ConfigurableApplicationContext ctx = jdbcApp(Map.of("DATABASE_URL", databaseUrl, "CA_CERT", db.pki.root().certificatePem()),
                "spring.ssl.bundle.pem.db.truststore.certificate=${CA_CERT}", "pgssl.ssl-bundle=db")) {
            assertEquals("true", Db.tls(ctx.getBean(DataSource.class)).get(0));
        }
        try (ConfigurableApplicationContext ctx = jdbcApp(Map.of("DATABASE_URL", databaseUrl,
                        "CA_CERT", db.pki.unrelatedRoot().certificatePem()),
                "spring.ssl.bundle.pem.db.truststore.certificate=${CA_CERT}", "pgssl.ssl-bundle=db")) {
            Exception e = assertThrows(Exception.class, () -> Db.tls(ctx.getBean(DataSource.class)));
            assertTrue(Apps.messages(e).contains(VERIFY_FAILED), Apps.messages(e));
        }
    }

    private static void replace(Path file, String content) throws Exception {
        Path tmp = Files.createTempFile(file.getParent(), ".new", ".pem");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Polls fresh connections until one succeeds (or fails) as expected; returns the last failure's messages. */
    private static String awaitNewConnection(HikariDataSource ds, boolean success) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            ds.getHikariPoolMXBean().softEvictConnections();
            try {
                Db.tls(ds);
                last = "";
                if (success) {
                    return last;
                }
            } catch (SQLException e) {
                last = Apps.messages(e);
                if (!success) {
                    return last;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no " + (success ? "successful" : "failing") + " new connection within 30 s; last: " + last);
    }
}
