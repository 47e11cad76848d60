package io.github.pgssl.r2dbc;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;

/**
 * Keeps r2dbc-postgresql from reading its own default client files.
 *
 * <p>For every non-disabled mode the driver's {@code Builder.build()} loads
 * {@code ${user.home}/.postgresql/postgresql.crt} and {@code postgresql.pk8} when both exist, and
 * fails the build when the key is not PEM PKCS#8 (pgjdbc's default {@code postgresql.pk8} is DER).
 * libpq never reads those files (its key is {@code postgresql.key}, under {@code $HOME}); pgssl's
 * client identity comes from core. A build failure would turn a TLS attempt into a failure (and
 * under {@code prefer} a silent plaintext fallback), so when those files exist the driver is handed
 * an in-memory placeholder pair instead. Its key never reaches a handshake (pgssl replaces the
 * driver's engine) nor a per-connection key store ({@link DriverConfigurations#driverContext} drops it).
 */
final class DriverDefaultFiles {
    private static final String SCHEME = "pgssl-placeholder";

    private DriverDefaultFiles() {
    }

    /** Points the driver at the placeholder pair when its default lookup would find files. */
    static void keepDriverFromDefaults(PostgresqlConnectionConfiguration.Builder builder) {
        Path dir = driverDefaultDirectory();
        if (Files.exists(dir.resolve("postgresql.crt")) || Files.exists(dir.resolve("postgresql.pk8"))) {
            builder.sslCert(Placeholder.CERT).sslKey(Placeholder.KEY);
        }
    }

    /** The directory the driver looks in (its own rule: user.home, or %APPDATA% on Windows). */
    static Path driverDefaultDirectory() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("windows")) {
            return Path.of(String.valueOf(System.getenv("APPDATA")), "postgresql");
        }
        return Path.of(System.getProperty("user.home"), ".postgresql");
    }

    /** Generated once per JVM, on first need; never written to disk. */
    private static final class Placeholder {
        static final URL CERT;
        static final URL KEY;

        static {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair pair = g.generateKeyPair();
                X500Name name = new X500Name("CN=pgssl placeholder (never sent)");
                Instant now = Instant.now();
                byte[] cert = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minus(Duration.ofDays(1))),
                        Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())).getEncoded();
                CERT = url("cert", pem("CERTIFICATE", cert));
                KEY = url("key", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            } catch (GeneralSecurityException | java.io.IOException | org.bouncycastle.operator.OperatorCreationException e) {
                throw new IllegalStateException("pgssl-r2dbc: cannot create the placeholder client pair", e);
            }
        }

        private static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END " + type + "-----\n";
        }

        private static URL url(String name, String content) throws MalformedURLException {
            byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
            return new URL(null, SCHEME + ":" + name, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL u) {
                    return new URLConnection(u) {
                        @Override
                        public void connect() {
                        }

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(bytes);
                        }
                    };
                }
            });
        }
    }
}
