package io.github.pgssl.internal.policy;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.spi.SslPolicyStrategy;

/**
 * {@code no-verify}: TLS without authenticating the server, whatever sslmode and sslrootcert say.
 * <p><b>Security:</b> encrypts against passive eavesdroppers only; logs one WARN when used.
 */
public final class NoVerifyStrategy implements SslPolicyStrategy {
    @Override
    public String name() {
        return "no-verify";
    }

    @Override
    public SslPolicy create(ConnectionSettings settings, PgEnvironment env) {
        return new SslPolicy.NoVerify(TlsSettings.common(settings, env), SslPolicy.Fallback.NONE, name());
    }
}
