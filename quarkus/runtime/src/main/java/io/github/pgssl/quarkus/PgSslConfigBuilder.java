package io.github.pgssl.quarkus;

import io.quarkus.runtime.configuration.ConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Adds {@link PgSslReactiveUrlInterceptor} to Quarkus' run-time configuration (registered by the
 * extension when quarkus-reactive-pg-client is present and pgssl is enabled).
 */
public final class PgSslConfigBuilder implements ConfigBuilder {
    /** For Quarkus. */
    public PgSslConfigBuilder() {
    }

    @Override
    public SmallRyeConfigBuilder configBuilder(SmallRyeConfigBuilder builder) {
        return builder.withInterceptors(new PgSslReactiveUrlInterceptor());
    }
}
