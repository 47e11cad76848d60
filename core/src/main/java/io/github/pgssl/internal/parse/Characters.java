package io.github.pgssl.internal.parse;

/** Characters that no setting may hold: NUL (C strings end there) and unpaired UTF-16 surrogates. Not API. */
final class Characters {
    private Characters() {
    }

    /** The index of the first NUL or unpaired surrogate in {@code s}, or -1. */
    static int firstInvalid(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Names the invalid character at {@code i} (never quotes the text around it). */
    static String describe(String s, int i) {
        return s.charAt(i) == '\0' ? "a NUL character" : "an unpaired UTF-16 surrogate";
    }
}
