package io.github.pgssl.jdbc;

import io.github.pgssl.Secret;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that opens pgjdbc connections exactly as libpq would for the same
 * connection string: libpq's TLS policy, host order, {@code hostaddr}, {@code prefer}/{@code allow}
 * fallback and {@code target_session_attrs}.
 *
 * <p>Every connection shares the policy's TLS material (one {@code SSLContext}); opening a
 * connection does no file I/O in pgssl. Pool it (e.g. HikariCP's {@code setDataSource}).
 *
 * <p>Errors are {@link SQLException}s with libpq's wording; SQLState {@code 08001} (could not
 * connect, or a pgssl configuration error), {@code 08004} (TLS refused), {@code 08006} (TLS
 * failure, e.g. certificate verification), or the server's own state (e.g. {@code 28P01}).
 * They never contain the password.
 */
public final class PgSslDataSource implements DataSource {
    private final JdbcConfiguration configuration;
    private volatile int loginTimeoutSeconds;
    private volatile PrintWriter logWriter;

    PgSslDataSource(JdbcConfiguration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    /** {@return the configuration this DataSource connects with} */
    public JdbcConfiguration configuration() {
        return configuration;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return JdbcAttemptRunner.connect(configuration, null, null, loginTimeoutSeconds);
    }

    /** Connects as another user; {@code password} may be {@code null}. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Objects.requireNonNull(username, "username");
        return JdbcAttemptRunner.connect(configuration, username, password == null ? null : Secret.of(password), loginTimeoutSeconds);
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("io.github.pgssl.jdbc");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (iface.isInstance(configuration)) {
            return iface.cast(configuration);
        }
        throw new SQLException("PgSslDataSource does not wrap " + iface.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this) || iface.isInstance(configuration);
    }

    /** Redacted: never shows the password. */
    @Override
    public String toString() {
        return "PgSslDataSource[" + configuration + "]";
    }
}
