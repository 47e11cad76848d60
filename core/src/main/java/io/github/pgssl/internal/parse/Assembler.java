package io.github.pgssl.internal.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionSettings.Origin;
import io.github.pgssl.ConnectionStringException;

/**
 * Collects what a dialect reads into a {@link ConnectionSettings} builder, applying libpq's
 * store-time rules ({@code requiressl}) and building errors that show only the redacted input.
 * Not API.
 */
public final class Assembler {
    /** Prefix of pgssl's own options. */
    public static final String PGSSL_PREFIX = "pgssl.";

    private final String dialect;
    private final String input;
    private ConnectionSettings.Builder builder;

    public Assembler(String dialect, String input) {
        this.dialect = dialect;
        this.input = input;
    }

    /** The raw input (never to be shown: use {@link #error}). */
    String input() {
        return input;
    }

    public ConnectionSettings.Builder builder() {
        if (builder == null) {
            builder = ConnectionSettings.builder(dialect); // lazily: error-only assemblers need none
        }
        return builder;
    }

    /**
     * Stores a libpq keyword as {@code conninfo_storeval} does: the last value wins, and the
     * deprecated {@code requiressl} becomes {@code sslmode} (value starting with 1: require, else prefer).
     */
    public void libpq(String keyword, String value) {
        if (keyword.equals("requiressl")) {
            builder().set("sslmode", !value.isEmpty() && value.charAt(0) == '1' ? "require" : "prefer", Origin.EXPLICIT);
            return;
        }
        builder().set(keyword, value, Origin.EXPLICIT);
    }

    /** Whether libpq's {@code conninfo_storeval} knows the key (keywords plus {@code requiressl}). */
    public static boolean isStorable(String key) {
        return Keywords.isKeyword(key) || key.equals("requiressl");
    }

    /** Whether the key is a pgssl option: {@code pgssl.<name>}, name of letters, digits, {@code _ . -}. */
    public static boolean isPgssl(String key) {
        if (key.length() <= PGSSL_PREFIX.length() || !key.startsWith(PGSSL_PREFIX)) {
            return false;
        }
        for (int i = PGSSL_PREFIX.length(); i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Stores {@code pgssl.<name>}: the key is given with its prefix. */
    public void pgssl(String key, String value) {
        builder().pgsslOption(key.substring(PGSSL_PREFIX.length()), value);
    }

    /** Keeps a driver option under its own name. */
    public void driver(String name, String value) {
        builder().driverOption(name, value);
    }

    /** Set by a dialect while it reads a word that follows a secret (which may be that secret's rest). */
    private boolean afterSecret;

    /** Marks whether the word being read follows a secret key or value. */
    public void afterSecret(boolean value) {
        afterSecret = value;
    }

    boolean isAfterSecret() {
        return afterSecret;
    }

    /** {@code "key"} for an error message, or a phrase when the key could be part of a secret. */
    public String quoteKey(String key) {
        return Redaction.quoteKey(key, afterSecret);
    }

    /** The key as the error's setting, or {@code null} when it could be part of a secret. */
    public String settingName(String key) {
        return Redaction.isShowableKey(key, afterSecret) ? key : null;
    }

    /** An error about this input; the message must already be free of secrets. */
    public ConnectionStringException error(String setting, String message) {
        return new ConnectionStringException(setting, Redaction.maskAssignments(message), Redaction.redactInput(input));
    }

    public ConnectionSettings build() {
        return builder().build();
    }
}
