package io.github.pgssl.internal.policy;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TrustSource;
import io.github.pgssl.spi.SslPolicyStrategy;

import java.util.Arrays;
import java.util.Optional;

/**
 * {@code pinned}: TLS, the server's leaf certificate or public key must have one of the SHA-256
 * fingerprints in {@code pgssl.pin} (or {@code PGSSL_PIN}), a comma-separated list. No CA, no
 * host name, no expiry check.
 * <p><b>Security:</b> real authentication for self-signed servers; a certificate renewal needs the
 * new pin first (list both during a rotation).
 */
public final class PinnedStrategy implements SslPolicyStrategy {
    @Override
    public String name() {
        return "pinned";
    }

    @Override
    public SslPolicy create(ConnectionSettings settings, PgEnvironment env) {
        String pins = Optional.ofNullable(settings.pgsslOptions().get("pin")).filter(v -> !v.isEmpty())
                .or(() -> env.get("PGSSL_PIN")).orElseThrow(() -> new SslConfigurationException("pgssl.pin",
                        "pgssl.strategy=pinned needs pgssl.pin (or PGSSL_PIN): a comma-separated list of SHA-256 fingerprints of the server certificate or public key"));
        TrustSource trust = TrustSource.pinned(Arrays.asList(pins.split(",")));
        return new SslPolicy.VerifyCa(TlsSettings.common(settings, env).withTrust(trust), SslPolicy.Fallback.NONE, name());
    }
}
