package io.github.pgssl.internal.parse;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every option name some dialect reads: libpq's keywords, pgjdbc's and r2dbc's options, asyncpg's,
 * and pgssl's own. Redaction shows the value of a non-secret name only when the name is here:
 * the value of a name that no dialect knows is not provably free of secrets. Not API.
 */
final class KnownNames {
    private static final Set<String> NAMES;

    static {
        Set<String> all = new HashSet<>(Keywords.NAMES);
        all.add("requiressl");
        all.add("ssl");
        all.addAll(JdbcDialect.PGJDBC_PROPERTIES);
        all.addAll(JdbcDialect.RENAMED.keySet());
        all.addAll(R2dbcDialect.RENAMED.keySet());
        all.addAll(R2dbcDialect.DRIVER_OPTIONS);
        all.addAll(R2dbcDialect.POOL_OPTIONS);
        all.addAll(List.of("sslMode", "sslmode", "sslNegotiation", "sslSni", "connectTimeout", "options", "socket",
                "targetServerType", "loadBalanceHosts", "tcpKeepAlive", "gssEncMode"));
        all.addAll(SqlAlchemyDialect.ASYNCPG_OPTIONS);
        NAMES = Set.copyOf(all);
    }

    private KnownNames() {
    }

    /** Whether some dialect reads {@code name} (case-sensitive), or it is a well-formed {@code pgssl.<name>}. */
    static boolean isKnown(String name) {
        return NAMES.contains(name) || Assembler.isPgssl(name);
    }
}
