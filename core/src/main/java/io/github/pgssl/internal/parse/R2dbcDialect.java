package io.github.pgssl.internal.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.SslMode;
import io.github.pgssl.spi.ConnectionStringDialect;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * R2DBC URLs for r2dbc-postgresql: {@code r2dbc:postgresql://}, {@code r2dbcs:postgresql://}
 * ({@code ssl=true}, which r2dbc reads as verify-full), {@code r2dbc:pool:postgresql://},
 * {@code r2dbc:postgresql:failover://}; driver name {@code postgresql} or {@code postgres}.
 * r2dbc option names are mapped onto libpq keywords; r2dbc-only and r2dbc-pool options are kept
 * as driver options; libpq keywords written as such are accepted too.
 */
public final class R2dbcDialect implements ConnectionStringDialect {
    /** The dialect name. */
    public static final String NAME = "r2dbc";

    static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("sslRootCert", "sslrootcert"),
            Map.entry("sslCert", "sslcert"),
            Map.entry("sslKey", "sslkey"),
            Map.entry("sslPassword", "sslpassword"),
            Map.entry("applicationName", "application_name"),
            Map.entry("channelBinding", "channel_binding"),
            Map.entry("channel_binding", "channel_binding"),
            Map.entry("database", "dbname"));

    /** r2dbc-postgresql 1.1.3 and r2dbc-spi option names kept for the driver. */
    static final Set<String> DRIVER_OPTIONS = Set.of("autodetectExtensions", "compatibilityMode",
            "currentSchema", "schema", "errorResponseLogLevel", "extensions", "fetchSize", "forceBinary",
            "hostRecheckTime", "lockWaitTimeout", "loopResources", "maxMessageSize", "noticeLogLevel",
            "preferAttachedBuffers", "preparedStatementCacheQueries", "sslContextBuilderCustomizer",
            "sslHostnameVerifier", "statementTimeout", "tcpNoDelay", "timeZone", "driver", "protocol");

    /** r2dbc-pool 1.0 options (only under {@code r2dbc:pool:}). */
    static final Set<String> POOL_OPTIONS = Set.of("acquireRetry", "backgroundEvictionInterval",
            "initialSize", "maxSize", "minIdle", "maxAcquireTime", "maxCreateConnectionTime", "maxIdleTime",
            "maxLifeTime", "maxValidationTime", "poolName", "registerJmx", "validationDepth", "validationQuery");

    private static final List<String> SUGGESTIONS;

    static {
        Set<String> all = new LinkedHashSet<>(Keywords.NAMES);
        all.addAll(List.of("sslMode", "sslRootCert", "sslCert", "sslKey", "sslPassword", "sslNegotiation", "sslSni"));
        SUGGESTIONS = List.copyOf(all);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 90;
    }

    @Override
    public boolean accepts(String s) {
        return prefixLength(s) > 0;
    }

    /** Length of the scheme up to and including {@code ://}, or 0. */
    static int prefixLength(String s) {
        int i;
        if (s.startsWith("r2dbc:")) {
            i = 6;
        } else if (s.startsWith("r2dbcs:")) {
            i = 7;
        } else {
            return 0;
        }
        if (s.startsWith("pool:", i)) {
            i += 5;
        }
        if (s.startsWith("postgresql", i)) {
            i += 10;
        } else if (s.startsWith("postgres", i)) {
            i += 8;
        } else {
            return 0;
        }
        if (s.startsWith(":failover", i)) {
            i += 9;
        }
        return s.startsWith("://", i) ? i + 3 : 0;
    }

    @Override
    public ConnectionSettings parse(String s) {
        Assembler a = new Assembler(NAME, s);
        int start = prefixLength(s);
        boolean pool = s.startsWith("pool:", s.charAt(5) == 's' ? 7 : 6);
        String ssl = s.startsWith("r2dbcs:") ? "true" : null;
        LibpqUri.rejectSlashInPassword(s, start, a);
        int n = s.length();
        int end = start;
        while (end < n && s.charAt(end) != '/' && s.charAt(end) != '?') {
            end++;
        }
        String authority = s.substring(start, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userinfo = authority.substring(0, at);
            int colon = userinfo.indexOf(':');
            String user = colon < 0 ? userinfo : userinfo.substring(0, colon);
            if (!user.isEmpty()) {
                a.libpq("user", Percent.decode(user, false, false, "user", a));
            }
            if (colon >= 0 && colon + 1 < userinfo.length()) {
                a.libpq("password", Percent.decode(userinfo.substring(colon + 1), false, true, "password", a));
            }
            authority = authority.substring(at + 1);
        }
        if (!authority.isEmpty()) {
            hosts(authority, a);
        }
        int p = end;
        if (p < n && s.charAt(p) == '/') {
            int d = ++p;
            while (p < n && s.charAt(p) != '?') {
                p++;
            }
            if (p > d) {
                a.libpq("dbname", Percent.decode(s.substring(d, p), false, false, "dbname", a));
            }
        }
        boolean sslmodeGiven = false;
        if (p < n) {
            p++;
            boolean afterSecret = false;
            while (p < n) {
                int amp = s.indexOf('&', p);
                int e = amp < 0 ? n : amp;
                String token = s.substring(p, e);
                p = e + 1;
                if (token.isEmpty()) {
                    continue;
                }
                int eq = token.indexOf('=');
                a.afterSecret(afterSecret);
                String key = Percent.decode(eq < 0 ? token : token.substring(0, eq), false, afterSecret, null, a);
                String value = eq < 0 ? "" : Percent.decode(token.substring(eq + 1), false,
                        Redaction.isSensitiveKey(key), key, a);
                if (key.equals("ssl")) {
                    ssl = value; // fully translated into sslmode below: not passed on to r2dbc
                    continue;
                }
                sslmodeGiven |= key.equalsIgnoreCase("sslmode") || key.equals("requiressl");
                param(key, value, pool, a);
                afterSecret = Redaction.isSensitiveKey(key);
            }
        }
        if (ssl != null && !sslmodeGiven && Boolean.parseBoolean(ssl)) {
            // r2dbc: SSL=true (or the r2dbcs scheme) is enableSsl() = sslMode(VERIFY_FULL).
            a.libpq("sslmode", SslMode.VERIFY_FULL.wireValue());
        }
        return a.build();
    }

    private static void hosts(String authority, Assembler a) {
        List<String> hosts = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        boolean anyPort = false;
        for (String address : authority.split(",", -1)) {
            String host;
            String port = "";
            if (address.startsWith("[")) {
                int close = address.indexOf(']');
                if (close < 0 || (close + 1 < address.length() && address.charAt(close + 1) != ':')) {
                    throw a.error("host", "invalid R2DBC URL: malformed IPv6 address \"" + address + "\"");
                }
                host = address.substring(1, close);
                if (close + 1 < address.length()) {
                    port = address.substring(close + 2);
                }
            } else {
                int colon = address.indexOf(':');
                host = colon < 0 ? address : address.substring(0, colon);
                port = colon < 0 ? "" : address.substring(colon + 1);
            }
            anyPort |= !port.isEmpty();
            hosts.add(Percent.decode(host, false, false, "host", a));
            ports.add(port);
        }
        a.libpq("host", String.join(",", hosts));
        if (anyPort) {
            a.libpq("port", String.join(",", ports));
        }
    }

    private static void param(String key, String value, boolean pool, Assembler a) {
        String renamed = RENAMED.get(key);
        if (renamed != null) {
            a.libpq(renamed, value);
            return;
        }
        if (DriverValues.sharedOption(key, value, a)) {
            return;
        }
        switch (key) {
            case "user":
            case "password":
                throw a.error(key, "invalid R2DBC URL: R2DBC does not allow \"" + key
                        + "\" in the query; write user and password in the URL's user info, before the host");
            case "sslMode":
            case "sslmode":
                a.libpq("sslmode", DriverValues.sslMode(value, true));
                return;
            case "sslNegotiation":
            case "sslnegotiation":
                a.libpq("sslnegotiation", value.toLowerCase(Locale.ROOT));
                return;
            case "sslSni":
                a.libpq("sslsni", DriverValues.flag(value));
                return;
            case "connectTimeout":
                a.libpq("connect_timeout", seconds(key, value, a));
                return;
            case "options":
                a.libpq("options", options(value));
                return;
            case "socket":
                socket(value, a);
                a.driver(key, value);
                return;
            default:
                break;
        }
        if (DRIVER_OPTIONS.contains(key) || (pool && POOL_OPTIONS.contains(key))) {
            a.driver(key, value);
        } else if (Assembler.isStorable(key)) {
            a.libpq(key, value); // a libpq keyword r2dbc does not know: pgssl applies it
        } else if (Assembler.isPgssl(key)) {
            a.pgssl(key, value);
        } else {
            throw a.error(a.settingName(key), "invalid connection option " + a.quoteKey(key)
                    + (Keywords.isTlsLike(key) ? Keywords.didYouMean(key, SUGGESTIONS) : ""));
        }
    }

    /** An ISO-8601 duration (r2dbc) as libpq's whole seconds, rounded up. */
    private static String seconds(String key, String value, Assembler a) {
        try {
            Duration d = Duration.parse(value);
            long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
            return Long.toString(s);
        } catch (DateTimeParseException e) {
            throw a.error(key, key + ": invalid duration \"" + value + "\"; use ISO-8601, e.g. PT10S");
        }
    }

    /** r2dbc's {@code options=k=v;k2=v2} (startup parameters) as libpq {@code -c k=v} switches. */
    private static String options(String value) {
        StringBuilder sb = new StringBuilder();
        for (String pair : value.split(";")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append("-c ");
            for (int i = 0; i < pair.length(); i++) {
                char c = pair.charAt(i);
                if (c == ' ' || c == '\\') {
                    sb.append('\\'); // libpq's options escape
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@code socket=/dir/.s.PGSQL.5432}: libpq's host is the directory, the port is in the name. */
    private static void socket(String path, Assembler a) {
        int slash = path.lastIndexOf('/');
        String dir = slash <= 0 ? "/" : path.substring(0, slash);
        String file = path.substring(slash + 1);
        if (file.startsWith(".s.PGSQL.")) {
            a.libpq("host", dir);
            a.libpq("port", file.substring(".s.PGSQL.".length()));
        } else {
            a.libpq("host", path);
        }
    }

    /** The dialect name of settings read from {@code r2dbc:pgssl:} {@code ConnectionFactoryOptions}. */
    public static final String OPTIONS = "r2dbc-options";

    /** Every TLS keyword, lower-cased, to libpq's name: r2dbc's spellings ({@code sslMode}, {@code sslRootCert}) in any case. */
    private static final Map<String, String> TLS_KEYS;

    static {
        Map<String, String> m = new java.util.HashMap<>();
        for (String k : Keywords.NAMES) {
            if (Keywords.isTlsLike(k)) {
                m.put(k.toLowerCase(Locale.ROOT), k);
            }
        }
        m.put("requiressl", "requiressl");
        TLS_KEYS = Map.copyOf(m);
    }

    /**
     * {@code r2dbc:pgssl:} options given as parsed {@code ConnectionFactoryOptions} (the R2DBC SPI
     * hands the provider no URL), read directly, without writing a URI back: the URL parts, and
     * option names that are libpq keywords ({@code sslmode}, {@code hostaddr},
     * {@code target_session_attrs} ...) or {@code pgssl.*}. TLS keys are read in any case and in
     * r2dbc-postgresql's spelling too ({@code sslMode}, {@code sslRootCert}); {@code ssl=true}
     * (r2dbc's {@code r2dbcs:}, or the option) means verify-full unless an sslmode is set; an
     * unknown key is refused ({@code invalid URI query parameter}, with a suggestion for
     * {@code ssl*} keys), as for the string.
     *
     * @param host     the SPI's {@code host} (a list {@code h1:5432,h2:5433} allowed), or {@code null}
     * @param port     the SPI's {@code port}, or {@code null}
     * @param ssl      the SPI's {@code ssl} as text, or {@code null}
     * @param options  every other option, by name, as text
     */
    public static DriverInputSettings options(String host, String port, String user, String password, String database,
                                              String ssl, Map<String, String> options) {
        Assembler a = new Assembler(OPTIONS, "");
        a.builder();
        if (user != null) {
            a.libpq("user", user);
        }
        if (password != null) {
            a.libpq("password", password);
        }
        if (host != null) {
            String h = host;
            if (!h.contains(",") && !h.startsWith("[") && h.indexOf(':') != h.lastIndexOf(':')) {
                h = "[" + h + "]"; // a bare IPv6 address
            }
            String authority = port == null ? h : h + ":" + port;
            hosts(authority.replace("%", "%25"), a);
        } else if (port != null) {
            a.libpq("port", port);
        }
        if (database != null) {
            a.libpq("dbname", database);
        }
        boolean sslmodeGiven = false;
        for (Map.Entry<String, String> e : options.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            String tls = TLS_KEYS.get(key.toLowerCase(Locale.ROOT));
            if (tls != null) {
                if (tls.equals("sslmode")) {
                    value = DriverValues.sslMode(value, true);
                } else if (key.equals("sslSni")) {
                    value = DriverValues.flag(value);
                }
                key = tls;
                sslmodeGiven |= tls.equals("sslmode") || tls.equals("requiressl");
            }
            LibpqUri.libpqParam(key, value, a);
        }
        boolean sslTrue = ssl != null && ssl.equalsIgnoreCase("true") && !sslmodeGiven;
        return new DriverInputSettings(a.build(), sslTrue);
    }
}
