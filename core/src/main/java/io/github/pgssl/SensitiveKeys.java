package io.github.pgssl;

import java.util.Locale;
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
        if (NAMES.contains(name)) {
            return true;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (NAMES.contains(n)) {
            return true;
        }
        for (String f : FRAGMENTS) {
            if (n.contains(f)) {
                return true;
            }
        }
        return false;
    }
}
