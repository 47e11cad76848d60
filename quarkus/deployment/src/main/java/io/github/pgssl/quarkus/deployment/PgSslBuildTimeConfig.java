package io.github.pgssl.quarkus.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * pgssl's build-time settings ({@code quarkus.pgssl.*}).
 */
@ConfigMapping(prefix = "quarkus.pgssl")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface PgSslBuildTimeConfig {
    /**
     * Whether the extension takes part: with {@code false}, Quarkus datasources behave as without
     * pgssl ({@code jdbc:pgssl:} URLs then need {@code quarkus.datasource.jdbc.driver}).
     *
     * @return whether pgssl is enabled
     */
    @WithDefault("true")
    boolean enabled();
}
