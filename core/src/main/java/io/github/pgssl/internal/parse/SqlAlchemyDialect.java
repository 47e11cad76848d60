package io.github.pgssl.internal.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.SslMode;
import io.github.pgssl.spi.ConnectionStringDialect;

import java.util.Set;

/**
 * SQLAlchemy URLs {@code postgresql+<driver>://}: read as libpq URIs. For {@code +asyncpg}, the
 * asyncpg parameters {@code ssl=<sslmode>} and {@code direct_tls} are mapped onto libpq keywords
 * and asyncpg's other connect arguments are kept as driver options.
 */
public final class SqlAlchemyDialect implements ConnectionStringDialect {
    /** The dialect name. */
    public static final String NAME = "sqlalchemy";

    static final Set<String> ASYNCPG_OPTIONS = Set.of("prepared_statement_cache_size",
            "prepared_statement_name_func", "command_timeout", "timeout", "server_settings",
            "statement_cache_size", "max_cached_statement_lifetime", "max_cacheable_statement_size",
            "async_fallback", "direct_tls");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 80;
    }

    @Override
    public boolean accepts(String s) {
        return prefixLength(s) > 0;
    }

    /** Length of {@code postgresql+<driver>://}, or 0. */
    static int prefixLength(String s) {
        String head = "postgresql+";
        if (!s.startsWith(head)) {
            return 0;
        }
        int i = head.length();
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        return i > start && s.startsWith("://", i) ? i + 3 : 0;
    }

    @Override
    public ConnectionSettings parse(String s) {
        int prefix = prefixLength(s);
        String driver = s.substring("postgresql+".length(), prefix - 3);
        Assembler a = new Assembler(NAME, s);
        a.driver("sqlalchemy.driver", driver);
        LibpqUri.ParamHandler handler = driver.equals("asyncpg") ? SqlAlchemyDialect::asyncpgParam : LibpqUri.LIBPQ_PARAMS;
        LibpqUri.parse(s, prefix, a, handler);
        return a.build();
    }

    private static void asyncpgParam(String key, String value, Assembler a) {
        if (key.equals("ssl")) {
            // asyncpg's ssl= takes libpq's sslmode names; ssl=true means asyncpg's True, a default
            // SSLContext that verifies chain and host name: verify-full.
            if (value.equals("true")) {
                a.libpq("sslmode", SslMode.VERIFY_FULL.wireValue());
                return;
            }
            for (SslMode m : SslMode.values()) {
                if (m.wireValue().equals(value)) {
                    a.libpq("sslmode", value);
                    return;
                }
            }
            throw a.error("ssl", "invalid asyncpg ssl value: \"" + value
                    + "\"; use true or one of disable, allow, prefer, require, verify-ca, verify-full");
        }
        if (ASYNCPG_OPTIONS.contains(key)) {
            if (key.equals("direct_tls") && value.equals("true")) {
                a.libpq("sslnegotiation", "direct");
            }
            a.driver(key, value);
            return;
        }
        LibpqUri.libpqParam(key, value, a);
    }
}
