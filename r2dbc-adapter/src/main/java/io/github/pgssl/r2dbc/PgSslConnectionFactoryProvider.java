package io.github.pgssl.r2dbc;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ConnectionFactoryProvider;
import io.r2dbc.spi.Option;

import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import java.util.Map;
import java.util.Set;

/**
 * The R2DBC driver {@code pgssl}: {@code r2dbc:pgssl:postgresql://user:pw@host:5432/db?sslmode=verify-full&sslrootcert=/ca.pem}.
 *
 * <p>The R2DBC SPI hands providers parsed options, not the URL. This provider writes them back as a
 * libpq URI ({@code postgresql://...}) and reads that exactly as libpq does, so the query keys are
 * libpq's keywords ({@code sslmode}, {@code sslrootcert}, {@code hostaddr}, {@code target_session_attrs} ...),
 * plus r2dbc-postgresql's own non-TLS options ({@code preparedStatementCacheQueries},
 * {@code statementTimeout} ...), which are passed to the driver. An unknown key is an error (a
 * mistyped TLS key must never be ignored). Host lists ({@code h1:5432,h2:5433}) work.
 *
 * <p>Forms: {@code r2dbc:pgssl:postgresql://}, {@code r2dbc:pgssl:postgres://} (so
 * {@code r2dbc:pgssl:${DATABASE_URL}} works), {@code r2dbc:pgssl://}, and through r2dbc-pool
 * {@code r2dbc:pool:pgssl:postgresql://}. {@code r2dbcs:pgssl:} means {@code sslmode=verify-full}
 * unless the query sets sslmode (r2dbc's meaning of {@code r2dbcs}). SPI limits: {@code host},
 * {@code port}, {@code user}, {@code password} and {@code database} may not appear in the query
 * (use the URL's parts, or a percent-encoded socket directory as host).
 */
public final class PgSslConnectionFactoryProvider implements ConnectionFactoryProvider {
    private static final Set<String> URL_PARTS = Set.of("driver", "protocol", "host", "port", "user", "password",
            "database", "ssl", PgSslR2dbc.ENVIRONMENT.name(), PgSslR2dbc.POLICY.name());

    @Override
    public PgSslConnectionFactory create(ConnectionFactoryOptions options) {
        Object env = options.getValue(PgSslR2dbc.ENVIRONMENT);
        if (env != null && !(env instanceof PgEnvironment)) {
            throw new IllegalArgumentException("option " + PgSslR2dbc.ENVIRONMENT.name() + " must be a PgEnvironment, not "
                    + env.getClass().getName());
        }
        Object policy = options.getValue(PgSslR2dbc.POLICY);
        if (policy != null && !(policy instanceof SslPolicy)) {
            throw new IllegalArgumentException("option " + PgSslR2dbc.POLICY.name() + " must be an SslPolicy, not "
                    + policy.getClass().getName());
        }
        PgEnvironment environment = env != null ? (PgEnvironment) env : PgEnvironment.system();
        ConnectionFactoryOptions.Builder driverOptions = ConnectionFactoryOptions.builder();
        String uri = toLibpqUri(options, driverOptions);
        ConnectionSettings settings = PgSsl.settings(uri, environment);
        SslPolicy resolved = policy != null ? (SslPolicy) policy : PgSsl.policy(settings, environment);
        return R2dbcDriverAdapter.connectionFactory(settings, resolved, driverOptions.build());
    }

    @Override
    public boolean supports(ConnectionFactoryOptions options) {
        return PgSslR2dbc.DRIVER.equals(options.getValue(ConnectionFactoryOptions.DRIVER));
    }

    @Override
    public String getDriver() {
        return PgSslR2dbc.DRIVER;
    }

    /**
     * The libpq URI these options mean; r2dbc-postgresql's own options go to {@code driverOptions}.
     * Never logged: it holds the password.
     */
    static String toLibpqUri(ConnectionFactoryOptions options, ConnectionFactoryOptions.Builder driverOptions) {
        Object protocol = options.getValue(ConnectionFactoryOptions.PROTOCOL);
        if (protocol != null && !protocol.toString().isEmpty() && !"postgresql".equals(protocol) && !"postgres".equals(protocol)) {
            throw new IllegalArgumentException("r2dbc:pgssl: URLs take the protocol postgresql or postgres (r2dbc:pgssl:postgresql://...),"
                    + " not \"" + protocol + "\"; list several hosts as host1:port1,host2:port2");
        }
        StringBuilder uri = new StringBuilder("postgresql://");
        Object user = options.getValue(ConnectionFactoryOptions.USER);
        Object password = options.getValue(ConnectionFactoryOptions.PASSWORD);
        if (user != null || password != null) {
            if (user != null) {
                uri.append(encode(text(user, "user")));
            }
            if (password != null) {
                uri.append(':').append(encode(text(password, "password")));
            }
            uri.append('@');
        }
        Object host = options.getValue(ConnectionFactoryOptions.HOST);
        Object port = options.getValue(ConnectionFactoryOptions.PORT);
        if (host != null) {
            String h = text(host, "host");
            if (!h.contains(",") && !h.startsWith("[") && h.indexOf(':') != h.lastIndexOf(':')) {
                h = "[" + h + "]";
            }
            uri.append(encodeHost(h));
        }
        if (port != null) {
            uri.append(':').append(text(port, "port"));
        }
        Object database = options.getValue(ConnectionFactoryOptions.DATABASE);
        if (database != null) {
            uri.append('/').append(encode(text(database, "database")));
        }
        // The SPI keeps options in a hash map (duplicates already collapsed, last wins): sort for a stable URI.
        Map<String, String> query = new TreeMap<>();
        Object ssl = options.getValue(ConnectionFactoryOptions.SSL);
        for (String name : OptionNames.of(options)) {
            Object value = options.getValue(Option.valueOf(name));
            if (URL_PARTS.contains(name) || DriverOptionNames.POOL_NAMES.contains(name) || value == null) {
                continue;
            }
            if (DriverOptionNames.isPassThrough(name) && !"options".equals(name)) {
                driverOptions.option(Option.valueOf(name), value);
            } else {
                query.put(name, text(value, name));
            }
        }
        if (ssl instanceof Boolean b) {
            if (b && !query.containsKey("sslmode")) {
                query.put("sslmode", "verify-full");
            }
        } else if (ssl != null) {
            query.put("ssl", ssl.toString());
        }
        char sep = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            uri.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return uri.toString();
    }

    private static String text(Object value, String name) {
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException("option " + name + " must be text for r2dbc:pgssl:, not " + value.getClass().getName());
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** A host part keeps the list and port syntax ({@code , : [ ]}) and encodes the rest (e.g. a socket directory's slashes). */
    private static String encodeHost(String h) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c == ',' || c == ':' || c == '[' || c == ']') {
                out.append(c);
            } else {
                out.append(encode(String.valueOf(c)));
            }
        }
        return out.toString();
    }
}
