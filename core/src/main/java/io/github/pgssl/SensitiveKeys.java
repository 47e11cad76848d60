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

    /**
     * Names within this many edits (insert, delete, replace, swap two neighbours; any case) of one
     * of {@link #NAMES} are secret too: {@code pasword=...} or {@code PASSWROD=...} is a typo whose
     * value is still a password, and must be masked even though the parser then refuses the key.
     */
    public static final int TYPO_DISTANCE = 2;

    /**
     * The distance used to detect a {@link #TYPO_DISTANCE} typo. The check below is the
     * optimal-string-alignment distance, which counts a swap with an insertion between the two
     * letters ("t_s" to "st") as 3 where two edits made it: 3 covers every typo of 2 edits.
     */
    private static final int DETECTION_DISTANCE = TYPO_DISTANCE + 1;

    /**
     * {@return whether a keyword, driver option or environment variable name holds a secret}
     *
     * @param name the name, in any case
     */
    public static boolean isSensitive(String name) {
        if (name == null) {
            return false;
        }
        if (name.length() > MAX_CACHED) {
            return compute(name);
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

    /** Names already classified (keywords and option names recur on every parse); bounded in count and size. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Boolean> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 1024;
    private static final int MAX_CACHED = 64;

    private static boolean compute(String name) {
        if (NAMES.contains(name)) {
            return true;
        }
        for (String f : FRAGMENTS) {
            if (containsIgnoreCase(name, f)) {
                return true;
            }
        }
        // a typo of a secret name, alone or as the last part of a dotted name (pgssl.pasword)
        int dot = name.lastIndexOf('.');
        String last = dot >= 0 ? name.substring(dot + 1) : name;
        for (String n : NAMES) {
            if (withinDistance(name, n, DETECTION_DISTANCE) || (dot >= 0 && withinDistance(last, n, DETECTION_DISTANCE))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@return whether {@code name} is one of {@link #NAMES} or a typo of one} Alone or after the
     * last '.', in any case.
     *
     * @param name the name to check
     */
    public static boolean isSecretNameOrTypo(String name) {
        int dot = name.lastIndexOf('.');
        for (String n : NAMES) {
            if (withinDistance(name, n, DETECTION_DISTANCE)
                    || (dot >= 0 && withinDistance(name.substring(dot + 1), n, DETECTION_DISTANCE))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the optimal-string-alignment distance between {@code a} and {@code b}, ignoring ASCII
     * case, is at most {@code max}. Banded, so linear in the length: a long name costs O(1) to refuse.
     *
     * @param a one string
     * @param b the other
     * @param max the largest distance accepted
     * @return whether the distance is at most {@code max}
     */
    public static boolean withinDistance(String a, String b, int max) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > max) {
            return false;
        }
        final int inf = max + 1;
        int[] prev2 = new int[lb + 1];
        int[] prev = new int[lb + 1];
        int[] cur = new int[lb + 1];
        for (int j = 0; j <= lb; j++) {
            prev[j] = Math.min(j, inf);
        }
        for (int i = 1; i <= la; i++) {
            java.util.Arrays.fill(cur, inf);
            cur[0] = Math.min(i, inf);
            int from = Math.max(1, i - max);
            int to = Math.min(lb, i + max);
            int rowMin = cur[0];
            char ca = lower(a.charAt(i - 1));
            for (int j = from; j <= to; j++) {
                char cb = lower(b.charAt(j - 1));
                int cost = ca == cb ? 0 : 1;
                int v = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && ca == lower(b.charAt(j - 2)) && lower(a.charAt(i - 2)) == cb) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = Math.min(v, inf);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > max) {
                return false;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[lb] <= max;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
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
