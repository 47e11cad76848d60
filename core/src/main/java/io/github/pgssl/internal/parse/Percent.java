package io.github.pgssl.internal.parse;

import io.github.pgssl.Secret;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** libpq's {@code conninfo_uri_decode}: %XX everywhere, {@code +} is not a space. Not API. */
final class Percent {
    private Percent() {
    }

    /**
     * libpq 18's {@code conninfo_uri_decode} for a component of a {@code postgresql://} URI: leading
     * and trailing ASCII spaces are dropped and an inner one is an error (PostgreSQL 18, commit
     * a3699daea2; libpq 17 and older kept them literally), then percent-decoding.
     */
    static String decodeUri(String raw, boolean secret, String setting, Assembler a) {
        int from = 0;
        int to = raw.length();
        while (from < to && raw.charAt(from) == ' ') {
            from++;
        }
        while (to > from && raw.charAt(to - 1) == ' ') {
            to--;
        }
        String trimmed = raw.substring(from, to);
        if (trimmed.indexOf(' ') >= 0) {
            throw a.error(setting, "unexpected spaces found in \"" + quote(raw, secret)
                    + "\", use percent-encoded spaces (%20) instead");
        }
        return decode(trimmed, false, secret, setting, a);
    }

    /**
     * Decodes one URI component.
     *
     * @param raw       the component as written
     * @param plusSpace whether {@code +} means a space (pgjdbc uses {@link java.net.URLDecoder}; libpq does not)
     * @param secret    whether the component is a secret, so that errors do not quote it
     */
    static String decode(String raw, boolean plusSpace, boolean secret, String setting, Assembler a) {
        int n = raw.length();
        int i = 0;
        while (i < n) {
            char c = raw.charAt(i);
            if (c == '%' || (plusSpace && c == '+')) {
                break;
            }
            i++;
        }
        if (i == n) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        byte[] head = raw.substring(0, i).getBytes(StandardCharsets.UTF_8);
        out.write(head, 0, head.length);
        while (i < n) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 1 < n ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 && i + 2 < n ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0 || !isAsciiHex(raw.charAt(i + 1)) || !isAsciiHex(raw.charAt(i + 2))) {
                    throw a.error(setting, "invalid percent-encoded token: \"" + quote(raw, secret) + "\"");
                }
                int v = (hi << 4) | lo;
                if (v == 0) {
                    throw a.error(setting, "forbidden value %00 in percent-encoded value: \"" + quote(raw, secret) + "\"");
                }
                out.write(v);
                i += 3;
            } else if (plusSpace && c == '+') {
                out.write(' ');
                i++;
            } else {
                int end = i + 1;
                if (Character.isHighSurrogate(c) && end < n) {
                    end++;
                }
                byte[] b = raw.substring(i, end).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i = end;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String quote(String raw, boolean secret) {
        return secret ? Secret.MASK : raw;
    }
}
