package io.github.pgssl.internal.policy;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TrustSource;
import io.github.pgssl.spi.SslPolicyStrategy;
import io.github.pgssl.internal.parse.SettingPaths;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ca-file}: TLS, chain verified against the CA file {@code sslrootcert}, host name not
 * checked (libpq's verify-ca, with no plaintext fallback).
 * <p><b>Security:</b> any certificate issued by these CAs is accepted for any host; use it with a
 * private CA that issues only database certificates.
 */
public final class CaFileStrategy implements SslPolicyStrategy {
    @Override
    public String name() {
        return "ca-file";
    }

    @Override
    public SslPolicy create(ConnectionSettings settings, PgEnvironment env) {
        String root = settings.get("sslrootcert").filter(v -> !v.isEmpty()).orElseThrow(() -> new SslConfigurationException(
                "sslrootcert", "pgssl.strategy=ca-file needs sslrootcert; set sslrootcert to the CA certificate file"));
        if (root.equals("system")) {
            throw new SslConfigurationException("sslrootcert", "sslrootcert=system may not be used with pgssl.strategy=ca-file "
                    + "(any publicly trusted certificate would be accepted for any host); use pgssl.strategy=full-verify");
        }
        Path file = SettingPaths.of("sslrootcert", root);
        if (!Files.exists(file)) {
            throw new SslConfigurationException("sslrootcert", "root certificate file \"" + file
                    + "\" does not exist; provide the file or set sslrootcert to another CA file");
        }
        return new SslPolicy.VerifyCa(TlsSettings.withCrls(TlsSettings.common(settings, env).withTrust(TrustSource.pemFile(file)),
                settings, TlsSettings.pgDirectory(env)), SslPolicy.Fallback.NONE, name());
    }
}
