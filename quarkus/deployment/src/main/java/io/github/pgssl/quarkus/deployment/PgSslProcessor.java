package io.github.pgssl.quarkus.deployment;

import io.github.pgssl.jdbc.PgSslDriver;
import io.github.pgssl.quarkus.PgSslAgroalConnectionConfigurer;
import io.github.pgssl.quarkus.TlsRegistryTrust;
import io.quarkus.agroal.spi.JdbcDriverBuildItem;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/**
 * The pgssl extension's build steps.
 */
public class PgSslProcessor {
    static final String FEATURE = "pgssl";
    /** A class of quarkus-jdbc-postgresql, which declares no capability. */
    private static final String QUARKUS_JDBC_POSTGRESQL = "io.quarkus.jdbc.postgresql.runtime.PostgreSQLAgroalConnectionConfigurer";

    /** For Quarkus. */
    public PgSslProcessor() {
    }

    @BuildStep
    FeatureBuildItem feature(PgSslBuildTimeConfig config) {
        return config.enabled() ? new FeatureBuildItem(FEATURE) : null;
    }

    /**
     * Agroal datasources: the configurer that picks {@link PgSslDriver} for {@code jdbc:pgssl:}
     * URLs at run time (the URL is run-time configuration, the driver class build-time).
     */
    @BuildStep
    void agroal(PgSslBuildTimeConfig config, Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<JdbcDriverBuildItem> drivers) {
        if (!config.enabled() || !capabilities.isPresent(Capability.AGROAL)) {
            return;
        }
        beans.produce(AdditionalBeanBuildItem.builder()
                .addBeanClasses(PgSslAgroalConnectionConfigurer.class, TlsRegistryTrust.class)
                .setUnremovable()
                .build());
        if (!QuarkusClassLoader.isClassPresentAtRuntime(QUARKUS_JDBC_POSTGRESQL)) {
            // no quarkus-jdbc-postgresql: pgssl's driver is the postgresql driver (it hands jdbc:postgresql: to pgjdbc)
            drivers.produce(new JdbcDriverBuildItem("postgresql", PgSslDriver.class.getName()));
        }
    }
}
