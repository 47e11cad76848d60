package io.github.pgssl.internal.parse;

import java.nio.charset.StandardCharsets;

/**
 * The URI grammar of libpq ({@code conninfo_uri_parse_options} and
 * {@code conninfo_uri_parse_params}, fe-connect.c), reproduced step by step, including its error
 * texts. Spaces are kept literally, as libpq 15 to 17 do (PG 18 trims them). Not API.
 */
final class LibpqUri {

    /** Receives a decoded query parameter; decides which keys are valid. */
    interface ParamHandler {
        void param(String key, String value, Assembler a);
    }

    /** libpq's own query parameters ({@link #libpqParam}); one shared instance. */
    static final ParamHandler LIBPQ_PARAMS = new LibpqParams();

    private static final class LibpqParams implements ParamHandler {
        @Override
        public void param(String key, String value, Assembler a) {
            libpqParam(key, value, a);
        }
    }

    private LibpqUri() {
    }

    /**
     * Parses {@code input} after its scheme prefix of {@code prefixLength} characters.
     * Userinfo, hosts, ports and dbname are stored as libpq keywords; query parameters go to
     * {@code params}.
     */
    static void parse(String input, int prefixLength, Assembler a, ParamHandler params) {
        rejectSlashInPassword(input, prefixLength, a);
        int n = input.length();
        int p = prefixLength;
        int start = p;

        // Look ahead for a credentials designator: the first '@' before any '/'.
        while (p < n && input.charAt(p) != '@' && input.charAt(p) != '/') {
            p++;
        }
        if (p < n && input.charAt(p) == '@') {
            int at = p;
            int q = start;
            while (input.charAt(q) != ':' && input.charAt(q) != '@') {
                q++;
            }
            String user = input.substring(start, q);
            if (!user.isEmpty()) {
                a.libpq("user", Percent.decodeUri(user, false, "user", a));
            }
            if (input.charAt(q) == ':') {
                String password = input.substring(q + 1, at);
                if (!password.isEmpty()) {
                    a.libpq("password", Percent.decodeUri(password, true, "password", a));
                }
            }
            p = at + 1;
            rejectAtInHost(input, p, input.charAt(q) == ':', a);
        } else {
            p = start;
        }

        StringBuilder hosts = new StringBuilder();
        StringBuilder ports = new StringBuilder();
        char prev;
        for (;;) {
            String host;
            if (p < n && input.charAt(p) == '[') {
                int h = ++p;
                while (p < n && input.charAt(p) != ']') {
                    p++;
                }
                if (p >= n) {
                    throw a.error("host", "end of string reached when looking for matching \"]\" in IPv6 host address in URI: \""
                            + Redaction.redactInput(input) + "\"");
                }
                if (p == h) {
                    throw a.error("host", "IPv6 host address may not be empty in URI: \"" + Redaction.redactInput(input) + "\"");
                }
                host = input.substring(h, p);
                p++;
                if (p < n) {
                    char c = input.charAt(p);
                    if (c != ':' && c != '/' && c != '?' && c != ',') {
                        int position = input.substring(0, p).getBytes(StandardCharsets.UTF_8).length + 1;
                        throw a.error("host", "unexpected character \"" + c + "\" at position " + position
                                + " in URI (expected \":\" or \"/\"): \"" + Redaction.redactInput(input) + "\"");
                    }
                }
            } else {
                int h = p;
                while (p < n && !isHostEnd(input.charAt(p))) {
                    p++;
                }
                host = input.substring(h, p);
            }
            prev = p < n ? input.charAt(p) : '\0';
            hosts.append(host);
            if (prev == ':') {
                int ps = ++p;
                while (p < n && input.charAt(p) != '/' && input.charAt(p) != '?' && input.charAt(p) != ',') {
                    p++;
                }
                prev = p < n ? input.charAt(p) : '\0';
                ports.append(input, ps, p);
            }
            if (prev != ',') {
                break;
            }
            p++;
            hosts.append(',');
            ports.append(',');
        }
        // Empty host or port lists are not stored, so that the environment still applies.
        if (hosts.length() > 0) {
            a.libpq("host", Percent.decodeUri(hosts.toString(), false, "host", a));
        }
        if (ports.length() > 0) {
            a.libpq("port", Percent.decodeUri(ports.toString(), false, "port", a));
        }
        if (prev != '\0' && prev != '?') {
            int d = ++p;
            while (p < n && input.charAt(p) != '?') {
                p++;
            }
            prev = p < n ? '?' : '\0';
            if (p > d) {
                a.libpq("dbname", Percent.decodeUri(input.substring(d, p), false, "dbname", a));
            }
        }
        if (prev != '\0') {
            parseParams(input, p + 1, a, params, false);
        }
    }

    /**
     * Refuses {@code user:pa/ss@host}: libpq takes userinfo only up to the first '/', so it would
     * read {@code pa} as a port and {@code ss@host/...} as the database name, and the password
     * would end up in error messages and logs. This is a deliberate difference from libpq (which
     * also means a database name holding an unencoded '@' after a {@code host:port} is refused).
     */
    static void rejectSlashInPassword(String input, int authorityStart, Assembler a) {
        int n = input.length();
        int query = input.indexOf('?', authorityStart);
        int end = query < 0 ? n : query;
        int slash = input.indexOf('/', authorityStart);
        if (slash < 0 || slash >= end) {
            return;
        }
        int at = input.indexOf('@', slash);
        int colon = input.indexOf(':', authorityStart);
        if (at >= 0 && at < end && colon >= 0 && colon < slash) {
            throw a.error("password", "password: the URI has \"@\" after a \"/\", so libpq would read part of the password "
                    + "as the port and the rest as the database name; percent-encode \"/\" in the user name or password as %2F "
                    + "(or \"@\" in the database name as %40)");
        }
    }

    /**
     * Refuses {@code user:pa@ss@host}: libpq ends the userinfo at the first '@', so the rest of the
     * password would become the host name, be shown in messages and be sent to DNS. As with '/',
     * a deliberate difference from libpq: a host name never holds '@'.
     */
    static void rejectAtInHost(String input, int hostStart, boolean hasPassword, Assembler a) {
        for (int p = hostStart; p < input.length(); p++) {
            char c = input.charAt(p);
            if (c == '/' || c == '?') {
                return;
            }
            if (c == '@') {
                String setting = hasPassword ? "password" : "user";
                throw a.error(setting, setting + ": the URI has more than one unencoded \"@\" before the host, so libpq would "
                        + "read the part after the first \"@\" as the host name; percent-encode \"@\" in the user name or "
                        + "password as %40");
            }
        }
    }

    private static boolean isHostEnd(char c) {
        return c == ':' || c == '/' || c == '?' || c == ',';
    }

    /**
     * {@code conninfo_uri_parse_params}: split on {@code &}, then on the one {@code =}; key and
     * value percent-decoded.
     */
    static void parseParams(String input, int from, Assembler a, ParamHandler params, boolean plusSpace) {
        int n = input.length();
        int p = from;
        a.afterSecret(false);
        while (p < n) {
            int keyStart = p;
            int eq = -1;
            for (;;) {
                if (p >= n) {
                    break;
                }
                char c = input.charAt(p);
                if (c == '=') {
                    if (eq >= 0) {
                        throw a.error(null, "extra key/value separator \"=\" in URI query parameter: "
                                + a.quoteKey(input.substring(keyStart, eq)));
                    }
                    eq = p;
                    p++;
                } else if (c == '&') {
                    break;
                } else {
                    p++;
                }
            }
            if (eq < 0) {
                throw a.error(null, "missing key/value separator \"=\" in URI query parameter: "
                        + a.quoteKey(input.substring(keyStart, p)));
            }
            String key = plusSpace ? Percent.decode(input.substring(keyStart, eq), true, a.isAfterSecret(), null, a)
                    : Percent.decodeUri(input.substring(keyStart, eq), a.isAfterSecret(), null, a);
            String value = plusSpace ? Percent.decode(input.substring(eq + 1, p), true, Redaction.isSensitiveKey(key), key, a)
                    : Percent.decodeUri(input.substring(eq + 1, p), Redaction.isSensitiveKey(key), key, a);
            params.param(key, value, a);
            a.afterSecret(Redaction.isSensitiveKey(key));
            if (p < n) {
                p++; // past '&'
            }
        }
    }

    /** libpq's handling of a query parameter in a {@code postgresql://} URI. */
    static void libpqParam(String key, String value, Assembler a) {
        if (key.equals("ssl") && value.equals("true")) {
            a.libpq("sslmode", "require"); // libpq's "JDBC compatibility" alias, URI only
        } else if (Assembler.isStorable(key)) {
            a.libpq(key, value);
        } else if (Assembler.isPgssl(key)) {
            a.pgssl(key, value);
        } else {
            throw a.error(a.settingName(key), "invalid URI query parameter: " + a.quoteKey(key)
                    + (Keywords.isTlsLike(key) ? Keywords.didYouMean(key, Keywords.NAMES) : ""));
        }
    }
}
