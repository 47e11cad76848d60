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

    private SensitiveKeys() {
    }

    /** Whether a keyword, driver option or environment variable name holds a secret. */
    public static boolean isSensitive(String name) {
        return name != null && NAMES.contains(name.toLowerCase(Locale.ROOT));
    }
}
