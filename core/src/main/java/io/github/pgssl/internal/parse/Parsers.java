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
}
