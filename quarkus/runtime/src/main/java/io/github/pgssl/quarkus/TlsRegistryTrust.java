package io.github.pgssl.quarkus;

import io.github.pgssl.SslConfigurationException;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.Collections;
import java.util.Optional;

/**
 * The trust store of the TLS registry configuration named by
 * {@code quarkus.pgssl.tls-configuration-name}, written once as a PEM file that pgssl reads as
 * libpq's {@code sslrootcert} (the same path a root file takes, as the Spring Boot starter does with
 * SSL bundles). The file sits in a 0700 temporary directory removed when the JVM exits.
 */
@Singleton
public class TlsRegistryTrust {
    static final String SETTING = "quarkus.pgssl.tls-configuration-name";

    private final TlsConfigurationRegistry registry;
    private final Optional<String> name;
    private volatile Optional<Path> file;

    /**
     * For CDI.
     *
     * @param registry the Quarkus TLS registry
     * @param config pgssl's run-time settings
     */
    @Inject
    public TlsRegistryTrust(TlsConfigurationRegistry registry, PgSslRuntimeConfig config) {
        this.registry = registry;
        this.name = config.tlsConfigurationName();
    }

    /**
     * The root certificate file, when {@code quarkus.pgssl.tls-configuration-name} is set.
     *
     * @return the PEM file holding every trusted certificate of the named TLS configuration, or
     *         empty when the setting is absent
     * @throws SslConfigurationException when the name is unknown to the registry or its
     *         configuration has no trust store
     */
    public Optional<Path> rootCertificate() {
        Optional<Path> f = file;
        if (f == null) {
            synchronized (this) {
                f = file;
                if (f == null) {
                    f = name.map(this::write);
                    file = f;
                }
            }
        }
        return f;
    }

    private Path write(String n) {
        TlsConfiguration tls = registry.get(n).orElseThrow(() -> new SslConfigurationException(SETTING,
                SETTING + ": the Quarkus TLS registry has no configuration named \"" + n + "\"; define quarkus.tls." + n
                        + ".trust-store.pem.certs (or another trust store) or remove " + SETTING));
        KeyStore trust = tls.getTrustStore();
        if (trust == null) {
            throw new SslConfigurationException(SETTING, SETTING + ": the TLS configuration \"" + n
                    + "\" has no trust store; set quarkus.tls." + n + ".trust-store.pem.certs to the CA file");
        }
        StringBuilder pem = new StringBuilder();
        try {
            for (String alias : Collections.list(trust.aliases())) {
                Certificate c = trust.getCertificate(alias);
                if (c != null) {
                    pem.append("-----BEGIN CERTIFICATE-----\n")
                            .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded()))
                            .append("\n-----END CERTIFICATE-----\n");
                }
            }
        } catch (KeyStoreException | CertificateEncodingException e) {
            throw new SslConfigurationException(SETTING, SETTING + ": the trust store of TLS configuration \"" + n
                    + "\" cannot be read (" + e.getClass().getSimpleName() + "); check quarkus.tls." + n + ".trust-store", e);
        }
        if (pem.isEmpty()) {
            throw new SslConfigurationException(SETTING, SETTING + ": the trust store of TLS configuration \"" + n
                    + "\" holds no certificate; set quarkus.tls." + n + ".trust-store.pem.certs to the CA file");
        }
        try {
            Path dir = Files.createTempDirectory("pgssl-quarkus-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path root = dir.resolve("root.crt");
            Files.writeString(root, pem, StandardCharsets.US_ASCII);
            dir.toFile().deleteOnExit();
            root.toFile().deleteOnExit();
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("pgssl: cannot write the trust of TLS configuration \"" + n
                    + "\" to a temporary file; check java.io.tmpdir", e);
        }
    }
}
