package io.github.pgssl.internal.parse;

import io.github.pgssl.Secret;
import io.github.pgssl.SensitiveKeys;

import java.nio.charset.StandardCharsets;

/**
 * Shows raw, possibly malformed, input in error messages without its secrets. Structural: the
 * input is cut into the parts the parsers read (userinfo, hosts, dbname, query parameters,
 * keyword/value pairs) and each part is shown only when it is provably not a secret: a name that
 * some dialect knows (or a short typo of one), the value of a known non-secret name, a host list
 * or dbname of plain characters. Everything else becomes {@value Secret#MASK}. Each method is one
 * pass over its input (linear time, whatever the input). Not API.
 */
public final class Redaction {

    private Redaction() {
    }

    /** Whether a key names a secret (including typos of secret names: see {@link SensitiveKeys}). */
    public static boolean isSensitiveKey(String key) {
        if (SensitiveKeys.isSensitive(key)) {
            return true;
        }
        if (key == null || key.indexOf('%') < 0) {
            return false;
        }
        // Keyword/value does not decode, but a reader (and a careless writer) does: pa%73sword is masked too.
        String decoded = decode(key, 0, key.length());
        return decoded == null || SensitiveKeys.isSensitive(decoded);
    }

    /**
     * Whether a word read where a key belongs may be shown in an error message or a redacted input.
     * Never right after a secret (in {@code password=a b=c} or {@code ?password&x}, the next word
     * may be the secret's rest); never a word that holds a secret name joined to something else
     * ({@code password:x}, {@code pasword x}); never a long one. A secret name itself, or a typo of
     * one, is shown: the name is not the secret.
     */
    public static boolean isShowableKey(String key, boolean afterSecret) {
        if (afterSecret || key == null || key.length() > MAX_SHOWN_KEY) {
            return false;
        }
        if (key.indexOf('%') >= 0) {
            // where the key is not decoded (keyword/value), its decoded form must pass too
            String decoded = decode(key, 0, key.length());
            if (decoded == null || (!decoded.equals(key) && !isShowableKey(decoded, false))) {
                return false;
            }
        }
        if (isSensitiveKey(key)) {
            return KnownNames.isKnown(key) || SensitiveKeys.isSecretNameOrTypo(key);
        }
        int n = key.length();
        int segment = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? key.charAt(i) : ',';
            if (c == '@' || c == '=' || c == '&' || c == '?' || c == '"' || KeywordValueDialect.isSpace(c)) {
                return false; // userinfo, an assignment or a second word: not a key
            }
            boolean word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
            if (!word) {
                if (i > segment && isSensitiveKey(key.substring(segment, i))) {
                    return false;
                }
                segment = i + 1;
            }
        }
        return true;
    }

    private static final int MAX_SHOWN_KEY = 64;

    /**
     * {@code "key"} (quoted) when the key may be shown ({@link #isShowableKey}), else a phrase that
     * says why not; for messages such as {@code invalid connection option "key"}.
     */
    public static String quoteKey(String key, boolean afterSecret) {
        return isShowableKey(key, afterSecret) ? "\"" + key + "\"" : "(not shown: it could be part of a secret)";
    }

    // ---------------------------------------------------------------------------------------
    // Raw input → redacted input (for error messages)

    /**
     * The input with every part that is not provably free of secrets replaced by
     * {@value Secret#MASK}, whatever its form and even when it is malformed.
     */
    public static String redactInput(String input) {
        if (input == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(input.length(), 1 << 16));
        int authority = schemeEnd(input);
        if (authority >= 0) {
            uri(input, authority, out);
        } else if (input.startsWith(JdbcDialect.PREFIX)) {
            // jdbc:postgresql:db?...: no authority
            int n = input.length();
            int q = input.indexOf('?');
            int dbEnd = q < 0 ? n : q;
            out.append(JdbcDialect.PREFIX);
            plain(input, JdbcDialect.PREFIX.length(), dbEnd, DB, out);
            if (q >= 0) {
                out.append('?');
                query(input, q + 1, out);
            }
        } else {
            keywordValue(input, out);
        }
        return out.toString();
    }

    /**
     * Masks the value of every {@code <name>=<value>} whose name is secret, and every
     * {@code user:password@} password, in a message fragment. Messages are built from showable
     * parts in the first place; this is the belt over those braces. One pass.
     */
    public static String maskAssignments(String text) {
        int n = text.length();
        StringBuilder out = null;
        int copied = 0;
        int maskedTo = 0;
        int nameStart = 0;
        int segment = 0;
        int colon = -1;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (i < maskedTo) {
                continue;
            }
            if (c == '=') {
                int k = i;
                while (k > nameStart && text.charAt(k - 1) == ' ') {
                    k--;
                }
                int ne = k;
                int ns = ne;
                while (ns > nameStart && isNameChar(text.charAt(ns - 1))) {
                    ns--;
                }
                if (ns < ne && isSensitiveKey(text.substring(ns, ne))) {
                    int v = i + 1;
                    while (v < n && text.charAt(v) == ' ') {
                        v++;
                    }
                    int end = v;
                    if (end < n && text.charAt(end) == '\'') {
                        end++;
                        while (end < n && text.charAt(end) != '\'') {
                            end += text.charAt(end) == '\\' ? 2 : 1;
                        }
                        end = Math.min(n, end + 1);
                    } else {
                        while (end < n && !KeywordValueDialect.isSpace(text.charAt(end)) && text.charAt(end) != '&'
                                && text.charAt(end) != '"') {
                            end++;
                        }
                    }
                    if (end > v) {
                        out = out == null ? new StringBuilder(n) : out;
                        out.append(text, copied, v).append(Secret.MASK);
                        copied = end;
                        maskedTo = end;
                        nameStart = end;
                        continue;
                    }
                }
                nameStart = i + 1;
            } else if (c == '@') {
                if (colon >= segment) {
                    // user:password@ (or user:pass@word@): everything from the ':' to this '@'
                    out = out == null ? new StringBuilder(n) : out;
                    out.append(text, copied, Math.max(colon + 1, copied)).append(Secret.MASK).append('@');
                    copied = i + 1;
                }
                nameStart = i + 1;
            } else if (c == ':') {
                if (colon < segment) {
                    colon = i;
                }
            } else if (c == '/' || c == '"' || KeywordValueDialect.isSpace(c)) {
                segment = i + 1;
                nameStart = i + 1;
            } else if (!isNameChar(c)) {
                nameStart = i + 1;
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, Math.min(copied, n), n).toString();
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                || c == '%' || c == '-';
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

    // Characters shown as they are in each part; anything else masks the whole part.
    private static final int USER = 1;
    private static final int HOST = 2;
    private static final int DB = 3;

    private static boolean allowed(char c, int part) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
                || c == '%') {
            return true;
        }
        return switch (part) {
            case HOST -> c == ':' || c == ',' || c == '[' || c == ']';
            case DB -> c == '/';
            default -> false;
        };
    }

    /** Appends {@code in[from, to)} when every character is allowed in {@code part}, else the mask. */
    private static void plain(String in, int from, int to, int part, StringBuilder out) {
        for (int i = from; i < to; i++) {
            if (!allowed(in.charAt(i), part)) {
                out.append(Secret.MASK);
                return;
            }
        }
        out.append(in, from, to);
    }

    /**
     * {@code scheme://[user[:password]@]hosts[/dbname][?query]}. The userinfo ends at libpq's '@'
     * (the first before any '/') or at the last '@' before the query, whichever is later, so a
     * password holding '/' or '@' is never shown as a host or dbname.
     */
    private static void uri(String in, int a, StringBuilder out) {
        int n = in.length();
        out.append(in, 0, a);
        int libpqAt = -1;
        int firstQuery = -1;
        int lastAtBeforeQuery = -1;
        for (int p = a; p < n; p++) {
            char c = in.charAt(p);
            if (c == '/') {
                break;
            }
            if (c == '@') {
                libpqAt = p;
                break;
            }
        }
        for (int p = a; p < n; p++) {
            char c = in.charAt(p);
            if (c == '?') {
                firstQuery = p;
                break;
            }
            if (c == '@') {
                lastAtBeforeQuery = p;
            }
        }
        int userEnd = Math.max(libpqAt, lastAtBeforeQuery);
        int hostStart = a;
        if (userEnd >= 0) {
            int colon = -1;
            for (int p = a; p < userEnd; p++) {
                if (in.charAt(p) == ':') {
                    colon = p;
                    break;
                }
            }
            plain(in, a, colon >= 0 ? colon : userEnd, USER, out);
            if (colon >= 0) {
                out.append(':').append(Secret.MASK);
            }
            out.append('@');
            hostStart = userEnd + 1;
        }
        int hostEnd = hostStart;
        while (hostEnd < n && in.charAt(hostEnd) != '/' && in.charAt(hostEnd) != '?') {
            hostEnd++;
        }
        plain(in, hostStart, hostEnd, HOST, out);
        int p = hostEnd;
        if (p < n && in.charAt(p) == '/') {
            int dbEnd = p + 1;
            while (dbEnd < n && in.charAt(dbEnd) != '?') {
                dbEnd++;
            }
            out.append('/');
            plain(in, p + 1, dbEnd, DB, out);
            p = dbEnd;
        }
        if (p < n) {
            out.append('?');
            query(in, p + 1, out);
        }
    }

    /** {@code key=value&...}: each parameter on its own. */
    private static void query(String in, int from, StringBuilder out) {
        int n = in.length();
        int p = from;
        boolean afterSecret = false;
        while (p <= n) {
            int e = p;
            int eq = -1;
            while (e < n && in.charAt(e) != '&') {
                if (eq < 0 && in.charAt(e) == '=') {
                    eq = e;
                }
                e++;
            }
            afterSecret = param(in, p, eq, e, afterSecret, out);
            if (e >= n) {
                break;
            }
            out.append('&');
            p = e + 1;
        }
    }

    /** Renders one parameter; returns whether it named a secret (so the next word is not shown). */
    private static boolean param(String in, int from, int eq, int to, boolean afterSecret, StringBuilder out) {
        if (from == to) {
            return afterSecret;
        }
        String key = decode(in, from, eq < 0 ? to : eq);
        boolean secret = key == null || isSensitiveKey(key);
        if (key == null || !isShowableKey(key, afterSecret) || !isRawName(in, from, eq < 0 ? to : eq)) {
            out.append(Secret.MASK);
            return true;
        }
        if (eq < 0) {
            out.append(in, from, to);
            return secret;
        }
        out.append(in, from, eq + 1);
        if (KnownNames.isKnown(key) && !secret && valueIsPlain(in, eq + 1, to)) {
            out.append(in, eq + 1, to);
        } else if (eq + 1 < to) {
            out.append(Secret.MASK);
        }
        return secret;
    }

    /** Name characters and percent escapes only. */
    private static boolean isRawName(String in, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isNameChar(in.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A value shown after a known non-secret name: not another assignment ('=' would make it
     * malformed, and what follows may be anything) and no '@' (userinfo).
     */
    private static boolean valueIsPlain(String in, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = in.charAt(i);
            if (c == '=' || c == '@') {
                return false;
            }
        }
        return true;
    }

    /** Percent-decodes {@code in[from, to)} as the URI parsers do; {@code null} when malformed. */
    private static String decode(String in, int from, int to) {
        boolean escapes = false;
        for (int i = from; i < to; i++) {
            if (in.charAt(i) == '%' || in.charAt(i) == '+') {
                escapes = true;
                break;
            }
        }
        if (!escapes) {
            return in.substring(from, to);
        }
        if (to - from > 256) {
            return null; // no known name is this long
        }
        try {
            return java.net.URLDecoder.decode(in.substring(from, to), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * libpq's keyword/value scanner ({@code conninfo_parse}), tolerant: every word is read as libpq
     * reads it, and shown only as described in the class comment. Blanks are kept.
     */
    private static void keywordValue(String s, StringBuilder out) {
        int n = s.length();
        int p = 0;
        boolean afterSecret = false;
        while (p < n) {
            char c = s.charAt(p);
            if (KeywordValueDialect.isSpace(c)) {
                out.append(c);
                p++;
                continue;
            }
            int nameStart = p;
            while (p < n && s.charAt(p) != '=' && !KeywordValueDialect.isSpace(s.charAt(p))) {
                p++;
            }
            int nameEnd = p;
            int q = p;
            while (q < n && KeywordValueDialect.isSpace(s.charAt(q))) {
                q++;
            }
            String name = s.substring(nameStart, nameEnd);
            if (q >= n || s.charAt(q) != '=') {
                // a word without '=': libpq's "missing =" error; after a secret it may be the secret's rest
                boolean shown = isShowableKey(name, afterSecret);
                out.append(shown ? name : Secret.MASK);
                afterSecret = !shown || isSensitiveKey(name);
                continue;
            }
            p = q + 1;
            while (p < n && KeywordValueDialect.isSpace(s.charAt(p))) {
                p++;
            }
            int valueStart = p;
            boolean terminated = true;
            if (p < n && s.charAt(p) == '\'') {
                p++;
                terminated = false;
                while (p < n) {
                    char v = s.charAt(p);
                    if (v == '\\') {
                        p += 2;
                    } else if (v == '\'') {
                        p++;
                        terminated = true;
                        break;
                    } else {
                        p++;
                    }
                }
                p = Math.min(p, n);
            } else {
                while (p < n && !KeywordValueDialect.isSpace(s.charAt(p))) {
                    p += s.charAt(p) == '\\' ? 2 : 1;
                }
                p = Math.min(p, n);
            }
            if (!isShowableKey(name, afterSecret)) {
                out.append(Secret.MASK);
                afterSecret = true;
                continue;
            }
            boolean secret = isSensitiveKey(name);
            out.append(s, nameStart, valueStart);
            if (terminated && KnownNames.isKnown(name) && !secret && valueIsPlain(s, valueStart, p)) {
                out.append(s, valueStart, p);
                afterSecret = false;
            } else {
                if (p > valueStart) {
                    out.append(Secret.MASK);
                }
                // A misplaced quote can turn "password='secret'" into a value ('password=') and a word
                // (secret'): a masked value that names a secret key hides what follows it too.
                afterSecret = secret || namesSecret(s, valueStart, p);
            }
        }
    }

    /**
     * Whether a value holds a word that is a secret key's name or a near typo of one: a misplaced
     * quote can make "password=" part of a value and the secret the next word, which is then not shown.
     */
    static boolean namesSecret(String value) {
        return namesSecret(value, 0, value.length());
    }

    /** Whether {@code s[from, to)} holds a word that is a secret key's name or a near typo of one. */
    private static boolean namesSecret(String s, int from, int to) {
        int segment = from;
        for (int i = from; i <= to; i++) {
            char c = i < to ? s.charAt(i) : ' ';
            boolean word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '%';
            if (!word) {
                if (i > segment) {
                    String w = s.substring(segment, i);
                    if (isSensitiveKey(w) || SensitiveKeys.isSecretNameOrTypo(w)) {
                        return true;
                    }
                }
                segment = i + 1;
            }
        }
        return false;
    }
}
