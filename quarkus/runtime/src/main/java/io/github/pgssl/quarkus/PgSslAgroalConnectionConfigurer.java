package io.github.pgssl.quarkus;

import io.agroal.api.configuration.AgroalConnectionFactoryConfiguration;
import io.agroal.api.configuration.supplier.AgroalConnectionFactoryConfigurationSupplier;
import io.agroal.api.configuration.supplier.AgroalConnectionPoolConfigurationSupplier;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.github.pgssl.jdbc.PgSslDriver;
import io.quarkus.agroal.runtime.AgroalConnectionConfigurer;
import io.quarkus.agroal.runtime.JdbcDriver;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Agroal's per-datasource hook for {@code db-kind=postgresql}: a datasource whose
 * {@code quarkus.datasource.jdbc.url} starts with {@code jdbc:pgssl:} connects through
 * {@link PgSslDriver}, whatever driver class Quarkus fixed at build time; a {@code jdbc:postgresql:}
 * URL keeps pgjdbc's {@code org.postgresql.Driver}. It replaces quarkus-jdbc-postgresql's
 * configurer (an {@link Alternative} with a priority) and keeps what that one does: PostgreSQL's
 * exception sorter and {@code sslmode=disable} where Quarkus disables SSL.
 *
 * <p>Without it, Agroal hands a {@code jdbc:pgssl:} URL to pgjdbc and fails with "Driver does not
 * support the provided URL", a message that carries the raw URL, password included.
 *
 * <p>With {@code quarkus.pgssl.tls-configuration-name}, the named TLS configuration's trust store
 * is passed as the {@code sslrootcert} property; {@link PgSslDriver} applies it when the URL does
 * not set {@code sslrootcert} itself.
 */
@Singleton
@Alternative
@Priority(1)
@JdbcDriver("postgresql")
public class PgSslAgroalConnectionConfigurer implements AgroalConnectionConfigurer {
    private static final String PGJDBC_DRIVER = "org.postgresql.Driver";

    private final TlsRegistryTrust trust;

    /**
     * For CDI.
     *
     * @param trust the TLS registry trust, if configured
     */
    @Inject
    public PgSslAgroalConnectionConfigurer(TlsRegistryTrust trust) {
        this.trust = trust;
    }

    /** As quarkus-jdbc-postgresql: {@code sslmode=disable} (a {@code jdbc:pgssl:} URL's own sslmode still wins). */
    @Override
    public void disableSslSupport(String databaseKind, AgroalDataSourceConfigurationSupplier dataSourceConfiguration,
            Map<String, String> additionalJdbcProperties) {
        if (!additionalJdbcProperties.containsKey("sslmode")) {
            dataSourceConfiguration.connectionPoolConfiguration().connectionFactoryConfiguration()
                    .jdbcProperty("sslmode", "disable");
        }
    }

    /**
     * Called by Quarkus once the datasource's connection factory is configured (its last hook):
     * sets PostgreSQL's exception sorter and the driver that matches the URL.
     */
    @Override
    public void setExceptionSorter(String databaseKind, AgroalDataSourceConfigurationSupplier dataSourceConfiguration) {
        AgroalConnectionPoolConfigurationSupplier pool = dataSourceConfiguration.connectionPoolConfiguration();
        pool.exceptionSorter(new PostgreSQLExceptionSorter());
        // The supplier has no getters: read the configuration once, then hand the pool an edited copy.
        AgroalConnectionFactoryConfiguration current = pool.connectionFactoryConfiguration().get();
        AgroalConnectionFactoryConfigurationSupplier copy = new AgroalConnectionFactoryConfigurationSupplier(current);
        String url = current.jdbcUrl();
        if (url != null && url.startsWith(PgSslDriver.PREFIX)) {
            copy.connectionProviderClass(PgSslDriver.class);
            if (!current.jdbcProperties().containsKey("sslrootcert")) {
                trust.rootCertificate().ifPresent(root -> copy.jdbcProperty("sslrootcert", root.toString()));
            }
        } else if (url != null && url.startsWith("jdbc:postgresql:") && current.connectionProviderClass() == PgSslDriver.class) {
            // pgssl was registered as the postgresql driver (no quarkus-jdbc-postgresql): pgjdbc's own URL goes to pgjdbc
            copy.connectionProviderClassName(PGJDBC_DRIVER);
        }
        pool.connectionFactoryConfiguration(copy);
    }
}
