package io.github.pgssl.jdbc;

import io.github.pgssl.AdapterNotFoundException;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.spi.DriverAdapter;

import java.util.Set;

/**
 * The pgjdbc adapter, found by {@code PgSsl.configure(url, DataSource.class)}. Produces a
 * {@link PgSslDataSource} (for {@code javax.sql.DataSource} or {@code PgSslDataSource}) or a
 * {@link JdbcConfiguration} (pgjdbc's URL plus Properties).
 */
public final class JdbcDriverAdapter implements DriverAdapter {
    private static final Set<String> TYPES = Set.of("javax.sql.DataSource", PgSslDataSource.class.getName(),
            JdbcConfiguration.class.getName());

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public String artifact() {
        return "io.github.pgssl:pgssl-jdbc";
    }

    @Override
    public Set<String> nativeTypeNames() {
        return TYPES;
    }

    @Override
    public boolean isAvailable() {
        try {
            Class.forName("org.postgresql.Driver", false, JdbcDriverAdapter.class.getClassLoader());
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    @Override
    public <T> T configure(ConnectionSettings settings, SslPolicy policy, Class<T> type) {
        JdbcConfiguration cfg = JdbcConfiguration.of(settings, policy);
        if (type.isAssignableFrom(PgSslDataSource.class)) {
            return type.cast(cfg.dataSource());
        }
        if (type == JdbcConfiguration.class) {
            return type.cast(cfg);
        }
        throw new AdapterNotFoundException(type.getName(), "pgssl-jdbc cannot produce " + type.getName()
                + "; ask for javax.sql.DataSource, " + PgSslDataSource.class.getName() + " or "
                + JdbcConfiguration.class.getName() + " (which gives pgjdbc's URL and Properties)");
    }
}
