package io.github.pgssl.jdbc;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSslException;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The {@code jdbc:pgssl:} driver: {@code jdbc:pgssl:} followed by any connection string pgssl
 * reads ({@code jdbc:pgssl:postgresql://u:p@h:25060/db?sslmode=require},
 * {@code jdbc:pgssl:host=h sslmode=verify-full}), connected by pgjdbc with libpq's meaning.
 * Registered with {@link DriverManager} through {@code META-INF/services/java.sql.Driver}, so
 * DriverManager, HikariCP ({@code jdbcUrl}) and Spring Boot
 * ({@code spring.datasource.url=jdbc:pgssl:${DATABASE_URL}}) work unchanged.
 *
 * <p>User and password come from the string, or from the Properties when the string has none.
 * Other libpq keywords in the Properties apply when the string does not set them; other keys are
 * passed to pgjdbc. The Properties may carry a {@link PgEnvironment} object under
 * {@value #ENVIRONMENT_PROPERTY} (tests, embedding); otherwise the process environment applies.
 *
 * <p>Parsed configurations are cached per (URL, Properties), so pooled connects do not re-parse
 * or touch files.
 */
public final class PgSslDriver implements Driver {
    /** The URL prefix this driver accepts. */
    public static final String PREFIX = "jdbc:pgssl:";
    /** Properties key under which a {@link PgEnvironment} object replaces the process environment. */
    public static final String ENVIRONMENT_PROPERTY = "pgssl.environment";

    private static final int CACHE_SIZE = 64;
    private static final PgSslDriver INSTANCE = new PgSslDriver();
    private static final boolean PGJDBC_PRESENT = new JdbcDriverAdapter().isAvailable();

    static {
        try {
            DriverManager.registerDriver(INSTANCE);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Map<Key, JdbcConfiguration> cache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, JdbcConfiguration> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /** Cache key; holds the Properties (password included) only in memory, never printed. */
    private record Key(String url, Map<Object, Object> info) {
        @Override
        public String toString() {
            return "Key[redacted]";
        }
    }

    /** For ServiceLoader and frameworks that instantiate the class; DriverManager registration happens once. */
    public PgSslDriver() {
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    /** Returns {@code null} for URLs that are not {@code jdbc:pgssl:} (the JDBC contract). */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        if (!PGJDBC_PRESENT) {
            throw new SQLException("jdbc:pgssl: connects through pgjdbc, which is not on the class path; add"
                    + " org.postgresql:postgresql (42.7.x)", JdbcErrors.UNABLE_TO_CONNECT);
        }
        JdbcConfiguration cfg;
        try {
            cfg = configuration(url, info);
        } catch (PgSslException e) {
            throw JdbcErrors.of(e);
        }
        int loginTimeout = DriverManager.getLoginTimeout();
        return JdbcAttemptRunner.connect(cfg, null, null, loginTimeout);
    }

    /** The configuration this driver uses for a URL and Properties (cached). */
    JdbcConfiguration configuration(String url, Properties info) {
        Map<Object, Object> snapshot = info == null ? Map.of() : new HashMap<>(info);
        Key key = new Key(url, snapshot);
        synchronized (cache) {
            JdbcConfiguration c = cache.get(key);
            if (c != null) {
                return c;
            }
        }
        Object env = snapshot.get(ENVIRONMENT_PROPERTY);
        PgEnvironment environment = env instanceof PgEnvironment p ? p : PgEnvironment.system();
        Properties copy = new Properties();
        if (info != null) {
            copy.putAll(info);
        }
        JdbcConfiguration c = PgSslJdbc.configuration(url.substring(PREFIX.length()), copy, environment);
        synchronized (cache) {
            cache.put(key, c);
        }
        return c;
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        DriverPropertyInfo user = new DriverPropertyInfo("user", info == null ? null : info.getProperty("user"));
        user.description = "libpq user, used when the connection string has none";
        DriverPropertyInfo password = new DriverPropertyInfo("password", null);
        password.description = "libpq password, used when the connection string has none";
        return new DriverPropertyInfo[] {user, password};
    }

    @Override
    public int getMajorVersion() {
        return 0;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    /** Not JDBC-compliant in the certification sense (neither is pgjdbc). */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("io.github.pgssl.jdbc");
    }
}
