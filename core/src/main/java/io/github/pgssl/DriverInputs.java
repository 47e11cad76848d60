package io.github.pgssl;

import io.github.pgssl.internal.parse.DriverInputSettings;
import io.github.pgssl.internal.parse.JdbcDialect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Settings a driver takes besides the connection string (JDBC {@code Properties}, DataSource
 * setters, R2DBC {@code ConnectionFactoryOptions} given in code), read once by core and merged by
 * {@link PgSsl#settings(String, DriverInputs, PgEnvironment)} with one precedence for every driver:
 *
 * <ol>
 *   <li>the connection string (for the same setting, the string wins, as in pgjdbc);</li>
 *   <li>these inputs;</li>
 *   <li>the service file, then {@code PG*} variables, then libpq's defaults.</li>
 * </ol>
 *
 * <p><b>Security:</b> every TLS setting in the inputs is read in every spelling the driver accepts
 * (any case); an unknown key starting with {@code ssl} is refused with a suggestion, never
 * ignored; and a {@code pgssl.strategy} among the inputs may not weaken an explicit
 * {@code sslmode=verify-ca}/{@code verify-full} of the string. Immutable; never prints a secret.
 */
public final class DriverInputs {
    private static final DriverInputs NONE = new DriverInputs(DriverInputSettings.NONE);

    private final DriverInputSettings parsed;

    private DriverInputs(DriverInputSettings parsed) {
        this.parsed = parsed;
    }

    /** {@return the empty inputs: only the string and the environment count} */
    public static DriverInputs none() {
        return NONE;
    }

    /**
     * pgjdbc {@code Properties}: keys in any case; pgjdbc's names ({@code sslMode}, {@code ssl},
     * {@code sslNegotiation}, {@code targetServerType}, ...) and libpq's; {@code ssl=true} (or an
     * empty {@code ssl}) means verify-full unless an sslmode is set, as in pgjdbc; {@code pgssl.*}
     * keys are pgssl options. Entries whose key or value is not a {@code String} are skipped.
     *
     * @param properties the properties given to the driver, or {@code null}
     * @return the inputs; {@link #none()} for {@code null} or empty properties
     * @throws ConnectionStringException for an unknown key starting with {@code ssl} (with a suggestion)
     *         or a value pgjdbc would refuse
     */
    public static DriverInputs pgjdbcProperties(Properties properties) {
        if (properties == null || properties.isEmpty()) {
            return NONE;
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            Object v = properties.get(name);
            if (v instanceof String s) {
                m.put(name, s);
            }
        }
        return new DriverInputs(JdbcDialect.properties(m));
    }

    /**
     * pgjdbc-style settings given as a map (DataSource setters collected by name); read as
     * {@link #pgjdbcProperties(Properties)} reads its properties.
     *
     * @param properties the settings by name, in pgjdbc's or libpq's spelling
     * @return the inputs; {@link #none()} for an empty map
     * @throws ConnectionStringException for an unknown key starting with {@code ssl} (with a suggestion)
     *         or a value pgjdbc would refuse
     */
    public static DriverInputs pgjdbcProperties(Map<String, String> properties) {
        Objects.requireNonNull(properties, "properties");
        return properties.isEmpty() ? NONE : new DriverInputs(JdbcDialect.properties(new LinkedHashMap<>(properties)));
    }

    /**
     * {@code r2dbc:pgssl:} {@code ConnectionFactoryOptions} (given in code or parsed from a URL by
     * the R2DBC SPI), read directly: the URL parts ({@code host} may list {@code h1:5432,h2:5433}),
     * libpq keywords and {@code pgssl.*} options by name; TLS keys in any case and in
     * r2dbc-postgresql's spelling ({@code sslMode}, {@code sslRootCert}); {@code ssl=true} means
     * verify-full unless an sslmode is set. Driver pass-through options are the adapter's.
     *
     * @param host the SPI's {@code host} (a list {@code h1:5432,h2:5433} allowed), or {@code null}
     * @param port the SPI's {@code port}, or {@code null}
     * @param user the SPI's {@code user}, or {@code null}
     * @param password the SPI's {@code password}, or {@code null}; kept as a secret, never printed
     * @param database the SPI's {@code database} (libpq's {@code dbname}), or {@code null}
     * @param ssl the SPI's {@code ssl} as text, or {@code null}; {@code true} means verify-full
     *        unless an sslmode is set
     * @param options the remaining options by name, as text
     * @return the inputs
     * @throws ConnectionStringException for an unknown key (with a suggestion for {@code ssl*} keys)
     */
    public static DriverInputs r2dbcOptions(String host, String port, String user, String password, String database,
                                            String ssl, Map<String, String> options) {
        return new DriverInputs(io.github.pgssl.internal.parse.R2dbcDialect.options(host, port, user, password, database,
                ssl, new LinkedHashMap<>(options)));
    }

    /** {@return whether there are no inputs} */
    public boolean isEmpty() {
        return this == NONE;
    }

    /** {@return the settings the inputs give, before the merge (dialect {@code jdbc-properties}, or r2dbc's)} */
    public ConnectionSettings settings() {
        return parsed.settings();
    }

    DriverInputSettings parsed() {
        return parsed;
    }

    /** Redacted. */
    @Override
    public String toString() {
        return "DriverInputs[" + parsed.settings() + (parsed.sslTrue() ? ", ssl=true" : "") + "]";
    }
}
