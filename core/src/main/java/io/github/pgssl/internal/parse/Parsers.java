package io.github.pgssl.internal.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionStringException;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.spi.ConnectionStringDialect;

/** Entry points of the parser (dialect selection, environment merge). Not API. */
public final class Parsers {
    private Parsers() {
    }

    /** The explicit settings of a string, read by the first dialect that accepts it. */
    public static ConnectionSettings parse(String connectionString) {
        return parse(connectionString, Dialects.all());
    }

    /** {@link #parse(String)} with a given ordered list of dialects (for tests and embedding). */
    public static ConnectionSettings parse(String connectionString, java.util.List<ConnectionStringDialect> dialects) {
        int bad = Characters.firstInvalid(connectionString);
        if (bad >= 0) {
            // libpq works on C strings: a NUL would end the string there, so a Java string could
            // carry settings that libpq never sees ("?sslmode=verify-full\0sslmode=disable").
            throw new ConnectionStringException(null, "connection string: " + Characters.describe(connectionString, bad)
                    + " at position " + (bad + 1) + "; remove it", Redaction.redactInput(connectionString.substring(0, bad)));
        }
        ConnectionStringDialect d = Dialects.select(dialects, connectionString);
        ConnectionSettings s;
        try {
            s = d.parse(connectionString);
        } catch (ConnectionStringException e) {
            throw e;
        } catch (RuntimeException e) {
            // The message of a foreign exception may quote the input: only its type is shown.
            throw new ConnectionStringException(null, "connection string: dialect \"" + d.name() + "\" ("
                    + d.getClass().getName() + ") failed with " + e.getClass().getName()
                    + "; check the string or remove that dialect's jar", Redaction.redactInput(connectionString));
        }
        if (s == null) {
            throw new ConnectionStringException(null, "connection string: dialect \"" + d.name()
                    + "\" returned no settings; remove that dialect's jar", Redaction.redactInput(connectionString));
        }
        return s;
    }

    /**
     * The string's settings merged with libpq's environment. A {@code null} string means
     * {@code DATABASE_URL}, or only the environment when that is unset or empty.
     */
    public static ConnectionSettings resolve(String connectionString, PgEnvironment env) {
        String input = connectionString;
        if (input == null) {
            input = env.get("DATABASE_URL").orElse("");
        }
        return EnvironmentResolver.resolve(parse(input), env, input);
    }

    /**
     * The string's settings, then a driver's own inputs, then libpq's environment, in that order of
     * precedence: a keyword the string sets explicitly wins over the same keyword in the inputs (as
     * in pgjdbc, the URL wins over Properties); the inputs win over the service file, {@code PG*}
     * variables and defaults. pgjdbc's {@code ssl=true} in the inputs means verify-full unless the
     * string or the inputs set an sslmode.
     */
    public static ConnectionSettings resolve(String connectionString, DriverInputSettings inputs, PgEnvironment env) {
        String input = connectionString;
        if (input == null) {
            input = env.get("DATABASE_URL").orElse("");
        }
        return EnvironmentResolver.resolve(merge(parse(input), inputs), env, input);
    }

    /** The inputs under the string's explicit settings. */
    static ConnectionSettings merge(ConnectionSettings explicit, DriverInputSettings inputs) {
        ConnectionSettings in = inputs.settings();
        if (in.keywords().isEmpty() && in.secretKeywords().isEmpty() && in.pgsslOptions().isEmpty()
                && in.driverOptions().isEmpty() && !inputs.sslTrue()) {
            return explicit;
        }
        ConnectionSettings.Builder b = explicit.toBuilder();
        for (java.util.Map.Entry<String, String> e : in.keywords().entrySet()) {
            if (explicit.origin(e.getKey()).orElse(null) != ConnectionSettings.Origin.EXPLICIT) {
                b.set(e.getKey(), e.getValue(), ConnectionSettings.Origin.EXPLICIT);
            }
        }
        for (String k : in.secretKeywords()) {
            if (explicit.origin(k).orElse(null) != ConnectionSettings.Origin.EXPLICIT) {
                b.setSecret(k, in.secret(k).orElseThrow(), ConnectionSettings.Origin.EXPLICIT);
            }
        }
        in.pgsslOptions().forEach((k, v) -> {
            if (!explicit.pgsslOptions().containsKey(k)) {
                b.pgsslOption(k, v);
            }
        });
        in.driverOptions().forEach((k, v) -> {
            if (!explicit.driverOptions().containsKey(k)) {
                b.driverOption(k, v);
            }
        });
        if (inputs.sslTrue() && b.value("sslmode") == null) {
            // pgjdbc: ssl=true without sslmode means verify-full (SslMode.of).
            b.set("sslmode", io.github.pgssl.SslMode.VERIFY_FULL.wireValue(), ConnectionSettings.Origin.EXPLICIT);
        }
        return b.build();
    }
}
