package io.github.pgssl;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Renders {@link ConnectionSettings} as a libpq URI with every secret masked; read by
 * {@link ConnectionSettings#toRedactedUrl()}. It lives beside the settings (not with the parser's
 * redaction of raw input) so that the two do not depend on each other.
 */
final class RedactedUrl {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RedactedUrl() {
    }

    /** A libpq URI equivalent to {@code s} (libpq keywords and pgssl options) with every secret masked. */
    static String of(ConnectionSettings s) {
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
            String name = "pgssl." + e.getKey();
            sb.append(sep).append(enc(name, ".")).append('=')
                    .append(SensitiveKeys.isSensitive(name) ? Secret.MASK : enc(e.getValue(), "/:@,"));
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
}
