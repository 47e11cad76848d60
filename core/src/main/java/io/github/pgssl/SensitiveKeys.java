package io.github.pgssl;

import java.util.Set;

/**
 * The one declaration of which settings are secret. Every renderer (toString, redacted URLs,
 * error messages, doctor output) reads it.
 */
public final class SensitiveKeys {
    /** libpq keywords and driver option names (compared case-insensitively) whose values are secret. */
    public static final Set<String> NAMES = Set.of("password", "sslpassword", "pgpassword",
            "oauth_client_secret", "scram_client_key", "scram_server_key");

    /**
     * Name fragments (compared case-insensitively) that make any option secret, so that driver
     * options such as r2dbc's {@code sslPassword} or an unknown {@code db_secret} are masked too.
     * Over-masking is harmless; a leak is not.
     */
    public static final Set<String> FRAGMENTS = Set.of("password", "secret", "passphrase", "passwd");

    private SensitiveKeys() {
    }

    /** Whether a keyword, driver option or environment variable name holds a secret. */
    public static boolean isSensitive(String name) {
        if (name == null) {
            return false;
        }
        Boolean known = CACHE.get(name);
        if (known != null) {
            return known;
        }
        boolean result = compute(name);
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(name, result);
        }
        return result;
    }

    /** Names already classified (keywords and option names recur on every parse); bounded. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Boolean> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 1024;

    private static boolean compute(String name) {
        if (NAMES.contains(name)) {
            return true;
        }
        for (String f : FRAGMENTS) {
            if (containsIgnoreCase(name, f)) {
                return true;
            }
        }
        for (String n : NAMES) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsIgnoreCase(String s, String fragment) {
        int last = s.length() - fragment.length();
        for (int i = 0; i <= last; i++) {
            if (s.regionMatches(true, i, fragment, 0, fragment.length())) {
                return true;
            }
        }
        return false;
    }
}
