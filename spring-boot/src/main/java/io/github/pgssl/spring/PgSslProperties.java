package io.github.pgssl.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code pgssl.*} properties of the Spring Boot starter.
 *
 * <pre>
 * pgssl.ssl-bundle=db                  # trust (and client key) from spring.ssl.bundle.*.db
 * pgssl.database-url.enabled=false     # do not configure from DATABASE_URL
 * </pre>
 */
@ConfigurationProperties(prefix = "pgssl")
public class PgSslProperties {
    private String sslBundle;
    private final DatabaseUrl databaseUrl = new DatabaseUrl();

    /** For property binding. */
    public PgSslProperties() {
    }

    /**
     * The name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.<name>} or
     * {@code spring.ssl.bundle.jks.<name>}) whose trust store becomes {@code sslrootcert}, and whose
     * key (if any) becomes {@code sslcert}/{@code sslkey}, for every {@code jdbc:pgssl:} DataSource
     * and {@code r2dbc:pgssl:} ConnectionFactory; {@code null} for none.
     *
     * @return the bundle name, or {@code null}
     */
    public String getSslBundle() {
        return sslBundle;
    }

    /**
     * Sets {@link #getSslBundle()}.
     *
     * @param sslBundle the bundle name
     */
    public void setSslBundle(String sslBundle) {
        this.sslBundle = sslBundle;
    }

    /**
     * The {@code DATABASE_URL} fallback.
     *
     * @return its settings
     */
    public DatabaseUrl getDatabaseUrl() {
        return databaseUrl;
    }

    /** Whether a {@code DATABASE_URL} configures the application when no URL property is set. */
    public static class DatabaseUrl {
        private boolean enabled = true;

        /** For property binding. */
        public DatabaseUrl() {
        }

        /**
         * Whether {@code DATABASE_URL} configures the DataSource (and the R2DBC ConnectionFactory)
         * when {@code spring.datasource.url} (or {@code spring.r2dbc.url}) is not set. Read by
         * {@link PgSslEnvironmentPostProcessor}; default {@code true}.
         *
         * @return whether the fallback is on
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets {@link #isEnabled()}.
         *
         * @param enabled whether the fallback is on
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
