package io.github.pgssl.quarkus;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * pgssl's run-time settings ({@code quarkus.pgssl.*}).
 */
@ConfigMapping(prefix = "quarkus.pgssl")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface PgSslRuntimeConfig {
    /**
     * The name of a Quarkus TLS registry configuration ({@code quarkus.tls.<name>.*}) whose trust
     * store gives the root certificates for pgssl datasources, as libpq's {@code sslrootcert}. With
     * it, {@code sslmode=require} verifies the server's chain (libpq's rule once a root file is
     * given). A connection string that sets {@code sslrootcert} itself keeps its own.
     *
     * @return the TLS configuration name, if set
     */
    Optional<String> tlsConfigurationName();
}
