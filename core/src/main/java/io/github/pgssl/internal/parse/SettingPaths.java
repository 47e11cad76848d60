package io.github.pgssl.internal.parse;

import io.github.pgssl.ConnectionStringException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Turns a path setting ({@code sslrootcert}, {@code sslcert}, {@code passfile}, ...) into a
 * {@link Path}, with the typed parse error instead of {@link InvalidPathException}. libpq hands the
 * bytes to {@code fopen}, which stops at a NUL; Java refuses the path, and the JDK's message quotes
 * the whole value. Not API.
 */
public final class SettingPaths {
    private SettingPaths() {
    }

    /** The path named by {@code value} of {@code setting}. */
    public static Path of(String setting, String value) {
        int bad = Characters.firstInvalid(value);
        if (bad >= 0) {
            throw new ConnectionStringException(setting, setting + ": the path holds " + Characters.describe(value, bad)
                    + " at position " + (bad + 1) + "; remove it", "");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            // The JDK's message quotes the value; only the reason is kept.
            throw new ConnectionStringException(setting, setting + ": not a valid path on this system (" + e.getReason()
                    + "); correct the setting", "");
        }
    }
}
