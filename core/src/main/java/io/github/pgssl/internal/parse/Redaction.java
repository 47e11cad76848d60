package io.github.pgssl.internal.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.Secret;
import io.github.pgssl.SensitiveKeys;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders settings as a URI with secrets masked, and masks secrets in raw (possibly malformed)
 * input for error messages. Both read {@link SensitiveKeys}. Not API.
 */
public final class Redaction {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Redaction() {
    }

    /** Whether a key names a secret. */
    public static boolean isSensitiveKey(String key) {
        return SensitiveKeys.isSensitive(key);
    }

    // ---------------------------------------------------------------------------------------
    // Settings → redacted URI

    /** A libpq URI equivalent to {@code s} (libpq keywords and pgssl options) with every secret masked. */
    public static String redactedUrl(ConnectionSettings s) {
        StringBuilder sb = new StringBuilder("postgresql://");
        String user = s.get("user").orElse(null);
        boolean pw = s.password().isPresent();
        if (user != null) {
            sb.append(enc(user, ""));
        }
        if (pw) {
            sb.append(':').append(Secret.MASK);
        }
        if (user != null || pw) {
            sb.append('@');
        }
        List<String> hosts = s.hosts();
        List<String> ports = s.ports();
        boolean authority = !hosts.isEmpty() && !(hosts.size() == 1 && hosts.get(0).isEmpty())
                && (ports.isEmpty() || ports.size() == hosts.size());
        if (authority) {
            for (int i = 0; i < hosts.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                String h = hosts.get(i);
                if (h.indexOf(':') >= 0) {
                    sb.append('[').append(enc(h, ":")).append(']');
                } else {
                    sb.append(enc(h, ""));
                }
                if (!ports.isEmpty() && !ports.get(i).isEmpty()) {
                    sb.append(':').append(enc(ports.get(i), ""));
                }
            }
        }
        String db = s.get("dbname").orElse(null);
        if (db != null && !db.isEmpty()) {
            sb.append('/').append(enc(db, ""));
        }
        char sep = '?';
        for (Map.Entry<String, String> e : s.keywords().entrySet()) {
            String k = e.getKey();
            if (k.equals("user") || (k.equals("dbname") && !e.getValue().isEmpty())
                    || (authority && (k.equals("host") || k.equals("port")))) {
                continue;
            }
            sb.append(sep).append(k).append('=').append(enc(e.getValue(), "/:@,"));
            sep = '&';
        }
        for (String k : s.secretKeywords()) {
            if (k.equals("password")) {
                continue;
            }
            sb.append(sep).append(k).append('=').append(Secret.MASK);
            sep = '&';
        }
        for (Map.Entry<String, String> e : s.pgsslOptions().entrySet()) {
            String name = Assembler.PGSSL_PREFIX + e.getKey();
            sb.append(sep).append(enc(name, ".")).append('=')
                    .append(isSensitiveKey(name) ? Secret.MASK : enc(e.getValue(), "/:@,"));
            sep = '&';
        }
        return sb.toString();
    }

    /** Percent-encodes all but RFC 3986 unreserved characters and {@code keep}. */
    static String enc(String v, String keep) {
        StringBuilder sb = null;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || keep.indexOf(c) >= 0;
            if (plain) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(v.length() + 16).append(v, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < v.length() ? i + 2 : i + 1;
            for (byte b : v.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                sb.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end - 1;
        }
        return sb == null ? v : sb.toString();
    }

    // ---------------------------------------------------------------------------------------
    // Raw input → redacted input (for error messages)

    /**
     * The input with every secret masked, whatever its form and even when it is malformed.
     * Errs on the side of masking too much.
     */
    public static String redactInput(String input) {
        if (input == null) {
            return "";
        }
        List<int[]> masks = new ArrayList<>();
        assignmentMasks(input, masks);
        int scheme = schemeEnd(input);
        if (scheme >= 0 || input.startsWith("jdbc:")) {
            uriMasks(input, scheme, masks);
        } else {
            keywordValueMasks(input, masks);
        }
        userinfoMasks(input, 0, "/\" \t\n'", masks);
        return apply(input, masks);
    }

    /**
     * Masks the value of every {@code <name>=<value>} whose name is secret, wherever it appears
     * (belt and braces over the structural rules, for malformed input and for message fragments).
     */
    public static String maskAssignments(String text) {
        List<int[]> masks = new ArrayList<>();
        assignmentMasks(text, masks);
        userinfoMasks(text, 0, "/\" \t\n", masks);
        return apply(text, masks);
    }

    /**
     * For every {@code @}: the segment before it (back to one of {@code boundaries}) that holds a
     * {@code :} is {@code user:password}; the part after the first {@code :} is masked.
     */
    private static void userinfoMasks(String s, int from, String boundaries, List<int[]> masks) {
        for (int at = s.indexOf('@', from); at >= 0; at = s.indexOf('@', at + 1)) {
            int segment = from;
            for (int i = at - 1; i >= from; i--) {
                if (boundaries.indexOf(s.charAt(i)) >= 0) {
                    segment = i + 1;
                    break;
                }
            }
            int colon = s.indexOf(':', segment);
            if (colon >= 0 && colon < at) {
                masks.add(new int[] {colon + 1, at});
            }
        }
    }

    private static void assignmentMasks(String s, List<int[]> masks) {
        int n = s.length();
        for (int eq = s.indexOf('='); eq >= 0; eq = s.indexOf('=', eq + 1)) {
            int k = eq;
            while (k > 0 && s.charAt(k - 1) == ' ') {
                k--;
            }
            int nameEnd = k;
            while (k > 0 && isNameChar(s.charAt(k - 1))) {
                k--;
            }
            if (k == nameEnd || !isSensitiveKey(s.substring(k, nameEnd))) {
                continue;
            }
            int v = eq + 1;
            while (v < n && s.charAt(v) == ' ') {
                v++;
            }
            int end = v;
            if (end < n && s.charAt(end) == '\'') {
                end++;
                while (end < n && s.charAt(end) != '\'') {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
            } else {
                while (end < n && !KeywordValueDialect.isSpace(s.charAt(end)) && s.charAt(end) != '&'
                        && s.charAt(end) != '"') {
                    end++;
                }
            }
            if (end > v) {
                masks.add(new int[] {v, end});
            }
        }
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                || c == '%';
    }

    private static String apply(String input, List<int[]> masks) {
        if (masks.isEmpty()) {
            return input;
        }
        masks.sort((x, y) -> Integer.compare(x[0], y[0]));
        StringBuilder sb = new StringBuilder(input.length());
        int pos = 0;
        for (int[] m : masks) {
            if (m[1] <= pos) {
                continue;
            }
            int from = Math.max(m[0], pos);
            sb.append(input, pos, from).append(Secret.MASK);
            pos = m[1];
        }
        return sb.append(input, pos, input.length()).toString();
    }

    /** The index after {@code scheme://} when the input starts with a URI scheme, else -1. */
    private static int schemeEnd(String in) {
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            if (c == ':' && in.startsWith("://", i)) {
                return i > 0 ? i + 3 : -1;
            }
            boolean schemeChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '-' || c == '.' || c == ':';
            if (!schemeChar) {
                return -1;
            }
        }
        return -1;
    }

    private static void uriMasks(String in, int authStart, List<int[]> masks) {
        int n = in.length();
        if (authStart >= 0) {
            // libpq's rule: user[:password] runs to the first '@' before any '/'. Malformed or
            // nested input may hide userinfo anywhere, so every "x:y@" segment after a '/' is masked.
            userinfoMasks(in, authStart, "/", masks);
            // A password holding an unencoded '/' ("u:pa/ss@h") puts the first '@' after a '/':
            // libpq would then read part of the password as a port and the rest as the dbname.
            // Mask from the first ':' of the authority to that '@' (over-masking is harmless here).
            int query = in.indexOf('?', authStart);
            int firstAt = in.indexOf('@', authStart);
            int colon = in.indexOf(':', authStart);
            if (firstAt >= 0 && (query < 0 || firstAt < query) && colon >= 0 && colon < firstAt) {
                masks.add(new int[] {colon + 1, firstAt});
            }
        }
        int q = in.indexOf('?');
        if (q < 0) {
            return;
        }
        int p = q + 1;
        while (p <= n) {
            int amp = in.indexOf('&', p);
            int e = amp < 0 ? n : amp;
            int eq = in.indexOf('=', p);
            if (eq >= 0 && eq < e) {
                String key = bestEffortDecode(in.substring(p, eq));
                if (key == null || isSensitiveKey(key)) {
                    masks.add(new int[] {eq + 1, e});
                }
            }
            p = e + 1;
        }
    }

    private static String bestEffortDecode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        try {
            return java.net.URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Tolerant version of libpq's keyword/value scanner: masks values of secret keys. */
    private static void keywordValueMasks(String s, List<int[]> masks) {
        int n = s.length();
        int p = 0;
        boolean prevSensitive = false;
        while (p < n) {
            if (KeywordValueDialect.isSpace(s.charAt(p))) {
                p++;
                continue;
            }
            int nameStart = p;
            while (p < n && s.charAt(p) != '=' && !KeywordValueDialect.isSpace(s.charAt(p))) {
                p++;
            }
            int nameEnd = p;
            while (p < n && KeywordValueDialect.isSpace(s.charAt(p))) {
                p++;
            }
            if (p >= n || s.charAt(p) != '=') {
                if (prevSensitive) {
                    masks.add(new int[] {nameStart, nameEnd}); // likely the rest of a secret
                } else if (isSensitiveKey(s.substring(nameStart, nameEnd))) {
                    prevSensitive = true; // "password SEKRIT": a missing '=' must not expose the next word
                }
                p = nameEnd;
                continue;
            }
            boolean sensitive = isSensitiveKey(s.substring(nameStart, nameEnd));
            p++;
            while (p < n && KeywordValueDialect.isSpace(s.charAt(p))) {
                p++;
            }
            int valueStart = p;
            if (p < n && s.charAt(p) == '\'') {
                p++;
                while (p < n && s.charAt(p) != '\'') {
                    p += s.charAt(p) == '\\' ? 2 : 1;
                }
                p = Math.min(n, p + 1);
            } else {
                while (p < n && !KeywordValueDialect.isSpace(s.charAt(p))) {
                    p += s.charAt(p) == '\\' ? 2 : 1;
                }
                p = Math.min(n, p);
            }
            if (sensitive) {
                masks.add(new int[] {valueStart, p});
            }
            prevSensitive = sensitive;
        }
    }
}
