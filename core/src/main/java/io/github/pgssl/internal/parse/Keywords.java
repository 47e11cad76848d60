package io.github.pgssl.internal.parse;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * libpq's connection keywords (PostgreSQL 18 {@code PQconninfoOptions[]}), each with its
 * environment variable and compiled default. Not API.
 */
public final class Keywords {

    /** One row of libpq's option table. */
    public record Keyword(String name, String envVar, String compiledDefault) {
    }

    private static final Map<String, Keyword> TABLE = new LinkedHashMap<>();

    static {
        // Order, env vars and compiled defaults follow fe-connect.c (PG 17/18); "-" means none.
        // Values that depend on the build (gssencmode, channel_binding, sslmode, sslcertmode) are
        // those of a libpq built with OpenSSL and GSSAPI, as Debian/PGDG ship it.
        row("service", "PGSERVICE", null);
        row("user", "PGUSER", null);
        row("password", "PGPASSWORD", null);
        row("passfile", "PGPASSFILE", null);
        row("channel_binding", "PGCHANNELBINDING", "prefer");
        row("connect_timeout", "PGCONNECT_TIMEOUT", null);
        row("dbname", "PGDATABASE", null);
        row("host", "PGHOST", null);
        row("hostaddr", "PGHOSTADDR", null);
        row("port", "PGPORT", "5432");
        row("client_encoding", "PGCLIENTENCODING", null);
        // compiled default of options is "" (DefaultOption); not filled in: it sends nothing.
        row("options", "PGOPTIONS", null);
        row("application_name", "PGAPPNAME", null);
        row("fallback_application_name", null, null);
        row("keepalives", null, null);
        row("keepalives_idle", null, null);
        row("keepalives_interval", null, null);
        row("keepalives_count", null, null);
        row("tcp_user_timeout", null, null);
        row("sslmode", "PGSSLMODE", "prefer");
        row("sslnegotiation", "PGSSLNEGOTIATION", "postgres");
        row("sslcompression", "PGSSLCOMPRESSION", "0");
        row("sslcert", "PGSSLCERT", null);
        row("sslkey", "PGSSLKEY", null);
        row("sslcertmode", "PGSSLCERTMODE", "allow");
        row("sslpassword", null, null);
        row("sslrootcert", "PGSSLROOTCERT", null);
        row("sslcrl", "PGSSLCRL", null);
        row("sslcrldir", "PGSSLCRLDIR", null);
        row("sslsni", "PGSSLSNI", "1");
        row("sslkeylogfile", null, null);
        row("requirepeer", "PGREQUIREPEER", null);
        row("require_auth", "PGREQUIREAUTH", null);
        row("min_protocol_version", "PGMINPROTOCOLVERSION", null);
        row("max_protocol_version", "PGMAXPROTOCOLVERSION", null);
        row("ssl_min_protocol_version", "PGSSLMINPROTOCOLVERSION", "TLSv1.2");
        row("ssl_max_protocol_version", "PGSSLMAXPROTOCOLVERSION", null);
        row("gssencmode", "PGGSSENCMODE", "prefer");
        row("krbsrvname", "PGKRBSRVNAME", "postgres");
        row("gsslib", "PGGSSLIB", null);
        row("gssdelegation", "PGGSSDELEGATION", "0");
        row("replication", null, null);
        row("target_session_attrs", "PGTARGETSESSIONATTRS", "any");
        row("load_balance_hosts", "PGLOADBALANCEHOSTS", "disable");
        row("scram_client_key", null, null);
        row("scram_server_key", null, null);
        row("oauth_issuer", null, null);
        row("oauth_client_id", null, null);
        row("oauth_client_secret", null, null);
        row("oauth_scope", null, null);
    }

    /** Every libpq keyword name, in libpq's order. */
    public static final List<String> NAMES = List.copyOf(TABLE.keySet());

    private Keywords() {
    }

    private static void row(String name, String env, String def) {
        TABLE.put(name, new Keyword(name, env, def));
    }

    /** Whether {@code name} is a libpq keyword (case-sensitive, as in libpq). */
    public static boolean isKeyword(String name) {
        return TABLE.containsKey(name);
    }

    /** The table row of a keyword, or {@code null}. */
    public static Keyword get(String name) {
        return TABLE.get(name);
    }

    /** All rows, in libpq's order. */
    public static Collection<Keyword> all() {
        return TABLE.values();
    }

    /**
     * Whether an unknown key must be rejected with a suggestion: anything starting with {@code ssl}
     * in any case, because a misspelt TLS setting must never be ignored.
     */
    public static boolean isTlsLike(String key) {
        return key.length() >= 3 && key.regionMatches(true, 0, "ssl", 0, 3);
    }

    /**
     * The candidate closest to {@code key}: one equal but for case; else the longest candidate
     * (6 characters or more) the key starts with, ignoring case ({@code sslcert_file} → sslcert);
     * else the smallest edit distance, ties broken by the candidates' order.
     */
    public static String closest(String key, Collection<String> candidates) {
        if (key.length() > 64) {
            return null; // no option name is this long; and the edit distance would cost O(length) per candidate
        }
        if (key.equals("ssl") && candidates.contains("sslmode")) {
            return "sslmode"; // "ssl=false" and friends mean sslmode
        }
        String lower = key.toLowerCase(Locale.ROOT);
        String prefix = null;
        for (String c : candidates) {
            String lc = c.toLowerCase(Locale.ROOT);
            if (lower.equals(lc)) {
                return c;
            }
            if (lc.length() >= 6 && lower.startsWith(lc) && (prefix == null || c.length() > prefix.length())) {
                prefix = c;
            }
        }
        if (prefix != null) {
            return prefix;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(lower, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /** The error suffix naming the closest valid key. */
    public static String didYouMean(String key, Collection<String> candidates) {
        String c = closest(key, candidates);
        return c == null ? "" : "; did you mean \"" + c + "\"?";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
