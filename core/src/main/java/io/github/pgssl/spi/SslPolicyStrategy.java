package io.github.pgssl.spi;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.SslPolicy;

/**
 * A named way of turning settings into a policy. Built-ins: {@code no-verify}, {@code ca-file},
 * {@code full-verify}, {@code pinned}. A jar adds one with
 * {@code META-INF/services/io.github.pgssl.spi.SslPolicyStrategy}; users select it by name with the
 * connection-string option {@code pgssl.strategy=<name>} or the environment variable
 * {@code PGSSL_STRATEGY}.
 */
public interface SslPolicyStrategy {

    /** {@return the name users select it by} */
    String name();

    /**
     * Builds the policy from settings already merged with the environment.
     *
     * @param settings the merged settings
     * @param environment the environment libpq would see
     * @return the policy
     */
    SslPolicy create(ConnectionSettings settings, PgEnvironment environment);
}
