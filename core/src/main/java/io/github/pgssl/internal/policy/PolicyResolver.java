package io.github.pgssl.internal.policy;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.SslPolicy;

/** The one place that holds libpq's sslmode rules. Not API. */
public final class PolicyResolver {
    private PolicyResolver() {
    }

    public static SslPolicy resolve(ConnectionSettings settings, PgEnvironment env) {
        throw new UnsupportedOperationException("resolver not implemented yet");
    }
}
