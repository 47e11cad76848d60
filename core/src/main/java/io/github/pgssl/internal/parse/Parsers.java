package io.github.pgssl.internal.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;

/** Entry points of the parser (dialect selection, environment merge). Not API. */
public final class Parsers {
    private Parsers() {
    }

    public static ConnectionSettings parse(String connectionString) {
        throw new UnsupportedOperationException("parser not implemented yet");
    }

    public static ConnectionSettings resolve(String connectionString, PgEnvironment env) {
        throw new UnsupportedOperationException("environment merge not implemented yet");
    }
}
