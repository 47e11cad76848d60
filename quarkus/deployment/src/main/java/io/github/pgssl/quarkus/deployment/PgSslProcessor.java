package io.github.pgssl.quarkus.deployment;

import io.github.pgssl.jdbc.PgSslDriver;
import io.github.pgssl.quarkus.PgSslAgroalConnectionConfigurer;
import io.github.pgssl.quarkus.PgSslConfigBuilder;
import io.github.pgssl.quarkus.PgSslPoolCreator;
import io.github.pgssl.quarkus.TlsRegistryTrust;
import io.quarkus.agroal.spi.JdbcDriverBuildItem;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigBuilderBuildItem;

/**
 * The pgssl extension's build steps.
 */
public class PgSslProcessor {
    static final String FEATURE = "pgssl";
    /** A class of quarkus-jdbc-postgresql, which declares no capability. */
    private static final String PGSSL_VERTX4 = "io.github.pgssl.vertx4.PgSslVertx4";
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

    /**
     * Reactive datasources (quarkus-reactive-pg-client, Vert.x 4.5): the default datasource's pool
     * comes from pgssl's connection plan; the URL interceptor lets Quarkus' own parse pass.
     */
    @BuildStep
    void reactive(PgSslBuildTimeConfig config, Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<RunTimeConfigBuilderBuildItem> configBuilders) {
        if (!config.enabled() || !capabilities.isPresent(Capability.REACTIVE_PG_CLIENT)) {
            return;
        }
        if (!QuarkusClassLoader.isClassPresentAtRuntime(PGSSL_VERTX4)) {
            throw new IllegalStateException("pgssl: quarkus-reactive-pg-client is present but pgssl-vertx4 is not;"
                    + " add io.github.pgssl:pgssl-vertx4 (the pgssl adapter for Vert.x 4.5) or set quarkus.pgssl.enabled=false");
        }
        beans.produce(AdditionalBeanBuildItem.builder()
                .addBeanClasses(PgSslPoolCreator.class, TlsRegistryTrust.class)
                .setUnremovable()
                .build());
        configBuilders.produce(new RunTimeConfigBuilderBuildItem(PgSslConfigBuilder.class));
    }
}
