package io.github.pgssl.jdbc;

import java.util.Set;

/**
 * How pgssl-jdbc treats each libpq keyword (libpq 18's {@code PQconninfoOptions}): consumed by the
 * TLS policy, mapped to a pgjdbc property, ignored (no pgjdbc equivalent and no security meaning),
 * or refused (pgjdbc cannot honour it and ignoring it would weaken the connection).
 */
final class LibpqKeywords {
    /** Decided by core's policy (or by core's environment merge); never given to pgjdbc as such. */
    static final Set<String> POLICY = Set.of("sslmode", "requiressl", "ssl", "sslnegotiation", "sslcompression",
            "sslcert", "sslkey", "sslpassword", "sslcertmode", "sslrootcert", "sslcrl", "sslcrldir", "sslsni",
            "ssl_min_protocol_version", "ssl_max_protocol_version", "sslkeylogfile", "requirepeer", "service",
            "servicefile", "passfile");

    /** Translated by {@link JdbcConfiguration}. */
    static final Set<String> MAPPED = Set.of("host", "hostaddr", "port", "dbname", "user", "password",
            "connect_timeout", "application_name", "fallback_application_name", "options", "keepalives",
            "replication", "gssencmode", "krbsrvname", "gsslib", "channel_binding", "target_session_attrs",
            "load_balance_hosts");

    /** Tuning knobs pgjdbc has no per-connection equivalent for; they do not change what is verified. */
    static final Set<String> IGNORED = Set.of("keepalives_idle", "keepalives_interval", "keepalives_count",
            "tcp_user_timeout", "gssdelegation", "min_protocol_version", "max_protocol_version", "client_encoding");

    /** Authentication constraints pgjdbc cannot enforce: refused rather than silently dropped. */
    static final Set<String> REFUSED = Set.of("require_auth", "scram_client_key", "scram_server_key", "oauth_issuer",
            "oauth_client_id", "oauth_client_secret", "oauth_scope");

    /** pgjdbc properties that pgssl sets itself; a user value would contradict the policy. */
    static final Set<String> PGJDBC_OWNED = Set.of("sslmode", "ssl", "sslfactory", "sslfactoryarg",
            "sslhostnameverifier", "sslrootcert", "sslcert", "sslkey", "sslpassword", "sslpasswordcallback",
            "sslNegotiation", "PGHOST", "PGPORT", "PGDBNAME", "targetServerType",
            "loadBalanceHosts", "user", "password");

    /** pgjdbc properties that mean nothing once pgssl reads the key (it detects the format by content). */
    static final Set<String> PGJDBC_IRRELEVANT = Set.of("pemKeyAlgorithm");

    private LibpqKeywords() {
    }

    static boolean isLibpq(String name) {
        return POLICY.contains(name) || MAPPED.contains(name) || IGNORED.contains(name) || REFUSED.contains(name);
    }
}
