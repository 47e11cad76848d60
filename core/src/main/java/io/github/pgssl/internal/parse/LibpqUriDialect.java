package io.github.pgssl.internal.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.spi.ConnectionStringDialect;

/** libpq's URI form: {@code postgresql://} and {@code postgres://} (exact, case-sensitive prefixes). */
public final class LibpqUriDialect implements ConnectionStringDialect {
    /** The dialect name. */
    public static final String NAME = "uri";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public boolean accepts(String s) {
        return prefixLength(s) > 0;
    }

    /** libpq's {@code uri_prefix_length}. */
    static int prefixLength(String s) {
        if (s.startsWith("postgresql://")) {
            return "postgresql://".length();
        }
        if (s.startsWith("postgres://")) {
            return "postgres://".length();
        }
        return 0;
    }

    @Override
    public ConnectionSettings parse(String s) {
        Assembler a = new Assembler(NAME, s);
        LibpqUri.parse(s, prefixLength(s), a, LibpqUri.LIBPQ_PARAMS);
        return a.build();
    }
}
