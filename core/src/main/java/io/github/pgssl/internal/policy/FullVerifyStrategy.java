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
import java.util.Optional;

/**
 * {@code full-verify}: TLS, chain and host name verified (libpq's verify-full). The trust source is
 * {@code sslrootcert} when it names a file, else the system roots ({@code SSL_CERT_FILE} /
 * {@code SSL_CERT_DIR}, or the JDK's), as with {@code sslrootcert=system}.
 * <p><b>Security:</b> the strongest choice; the server must prove it is the named host.
 */
public final class FullVerifyStrategy implements SslPolicyStrategy {
    @Override
    public String name() {
        return "full-verify";
    }

    @Override
    public SslPolicy create(ConnectionSettings settings, PgEnvironment env) {
        Optional<String> root = settings.get("sslrootcert").filter(v -> !v.isEmpty());
        if (root.isEmpty() || root.get().equals("system")) {
            return new SslPolicy.VerifyFull(TlsSettings.common(settings, env).withTrust(TrustSource.system(env)),
                    SslPolicy.Fallback.NONE, name());
        }
        Path file = SettingPaths.of("sslrootcert", root.get());
        boolean defaulted = settings.origin("sslrootcert").orElse(ConnectionSettings.Origin.EXPLICIT)
                == ConnectionSettings.Origin.DEFAULT;
        if (!Files.exists(file)) {
            if (defaulted) {
                // libpq's default ~/.postgresql/root.crt is optional: without it, full-verify uses the system roots.
                return new SslPolicy.VerifyFull(TlsSettings.common(settings, env).withTrust(TrustSource.system(env)),
                        SslPolicy.Fallback.NONE, name());
            }
            throw new SslConfigurationException("sslrootcert", "root certificate file \"" + file
                    + "\" does not exist; provide the file, or unset sslrootcert to use the system's trusted roots");
        }
        return new SslPolicy.VerifyFull(TlsSettings.withCrls(TlsSettings.common(settings, env).withTrust(TrustSource.pemFile(file)),
                settings, TlsSettings.pgDirectory(env)), SslPolicy.Fallback.NONE, name());
    }
}
