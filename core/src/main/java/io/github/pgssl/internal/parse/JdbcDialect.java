package io.github.pgssl.internal.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionSettings.Origin;
import io.github.pgssl.SslMode;
import io.github.pgssl.spi.ConnectionStringDialect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * pgjdbc URLs: {@code jdbc:postgresql://h1:p1,h2/db?...}, {@code jdbc:postgresql:db},
 * {@code jdbc:postgresql:///db}. pgjdbc property names are mapped onto libpq keywords; pgjdbc-only
 * properties are kept as driver options; libpq keywords written as such are accepted too.
 *
 * <p>As in pgjdbc: query values are URL-decoded ({@code +} is a space), keys are not; a key
 * without {@code =} has the empty value; hosts default to {@code localhost} and ports to
 * {@code 5432}; {@code ssl=true} (or an empty {@code ssl}) without any sslmode means
 * {@code verify-full}.
 */
public final class JdbcDialect implements ConnectionStringDialect {
    /** The dialect name. */
    public static final String NAME = "jdbc";
    static final String PREFIX = "jdbc:postgresql:";

    /** pgjdbc property → libpq keyword, where the meaning is the same. */
    static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("ApplicationName", "application_name"),
            Map.entry("connectTimeout", "connect_timeout"),
            Map.entry("sslNegotiation", "sslnegotiation"),
            Map.entry("channelBinding", "channel_binding"),
            Map.entry("kerberosServerName", "krbsrvname"),
            Map.entry("requireAuth", "require_auth"),
            Map.entry("PGHOST", "host"),
            Map.entry("PGPORT", "port"),
            Map.entry("PGDBNAME", "dbname"));

    /** pgjdbc 42.7.14 {@code PGProperty} names (case-sensitive, as pgjdbc reads them). */
    static final Set<String> PGJDBC_PROPERTIES = Set.of("adaptiveFetch", "adaptiveFetchMaximum",
            "adaptiveFetchMinimum", "allowEncodingChanges", "ApplicationName", "assumeMinServerVersion",
            "authenticationPluginClassName", "autosave", "binaryTransfer", "binaryTransferDisable",
            "binaryTransferEnable", "cancelSignalTimeout", "channelBinding", "classLoaderStrategy",
            "cleanupSavepoints", "connectExecutor", "connectExecutorArg", "connectTimeout",
            "convertBooleanToNumeric", "currentSchema", "databaseMetadataCacheFields",
            "databaseMetadataCacheFieldsMiB", "defaultRowFetchSize", "disableColumnSanitiser",
            "escapeSyntaxCallMode", "flushCacheOnDdl", "groupStartupParameters", "gssEncMode", "gsslib",
            "gssResponseTimeout", "gssUseDefaultCreds", "hideUnprivilegedObjects", "hostRecheckSeconds",
            "jaasApplicationName", "jaasLogin", "kerberosServerName", "loadBalanceHosts",
            "localSocketAddress", "loggerFile", "loggerLevel", "loginTimeout", "logServerErrorDetail",
            "logUnclosedConnections", "maxResultBuffer", "maxSendBufferSize", "options", "password",
            "pemKeyAlgorithm", "PGDBNAME", "PGHOST", "PGPORT", "preferQueryMode",
            "preparedStatementCacheQueries", "preparedStatementCacheSizeMiB", "prepareThreshold",
            "protocolVersion", "queryTimeout", "quoteReturningIdentifiers", "readOnly", "readOnlyMode",
            "receiveBufferSize", "replication", "requireAuth", "reWriteBatchedInserts",
            "reWriteBatchedInsertsSize", "scramMaxIterations", "sendBufferSize", "service", "socketFactory",
            "socketFactoryArg", "socketTimeout", "ssl", "sslcert", "sslfactory", "sslfactoryarg",
            "sslhostnameverifier", "sslkey", "sslmode", "sslNegotiation", "sslpassword",
            "sslpasswordcallback", "sslResponseTimeout", "sslrootcert", "sspiServiceClass", "stringtype",
            "targetServerType", "tcpKeepAlive", "tcpNoDelay", "unknownLength", "user", "useSpnego",
            "xmlFactoryFactory");

    private static final List<String> SUGGESTIONS;
    /** Every name a Properties key may spell, lower-cased → the name: pgjdbc's first, then libpq's. */
    private static final java.util.Map<String, String> CANONICAL = new java.util.HashMap<>();

    static {
        Set<String> all = new LinkedHashSet<>(Keywords.NAMES);
        all.addAll(new java.util.TreeSet<>(PGJDBC_PROPERTIES));
        SUGGESTIONS = List.copyOf(all);
        for (String n : new java.util.TreeSet<>(PGJDBC_PROPERTIES)) {
            CANONICAL.putIfAbsent(n.toLowerCase(java.util.Locale.ROOT), n);
        }
        for (String n : Keywords.NAMES) {
            CANONICAL.putIfAbsent(n.toLowerCase(java.util.Locale.ROOT), n);
        }
        CANONICAL.putIfAbsent("requiressl", "requiressl");
    }

    /** The dialect name of settings read from pgjdbc {@code Properties}. */
    public static final String PROPERTIES = "jdbc-properties";

    /**
     * pgjdbc {@code Properties} (or DataSource setters) as driver-level inputs: keys in any case
     * ({@code sslMode}, {@code SSLROOTCERT}), mapped as in a pgjdbc URL; {@code pgssl.*} keys are
     * pgssl options; an unknown key starting with {@code ssl} is refused with a suggestion, as in
     * the string; other unknown keys are kept for pgjdbc (which ignores what it does not know).
     * {@code ssl=true} (or an empty {@code ssl}) without any sslmode is returned as a flag, not as
     * sslmode, so that an sslmode in the URL still wins.
     *
     * @return the settings, and whether {@code ssl=true} asks for pgjdbc's verify-full
     */
    public static DriverInputSettings properties(java.util.Map<String, String> properties) {
        Assembler a = new Assembler(PROPERTIES, "");
        a.builder();
        boolean sslmodeGiven = false;
        String ssl = null;
        for (java.util.Map.Entry<String, String> e : properties.entrySet()) {
            String raw = e.getKey();
            String value = e.getValue();
            if (Assembler.isPgssl(raw)) {
                a.pgssl(raw, value);
                continue;
            }
            String key = CANONICAL.get(raw.toLowerCase(java.util.Locale.ROOT));
            if (key == null) {
                if (Keywords.isTlsLike(raw)) {
                    throw a.error(raw, "invalid connection option \"" + raw + "\" in the driver properties"
                            + Keywords.didYouMean(raw, SUGGESTIONS));
                }
                a.driver(raw, value);
                continue;
            }
            sslmodeGiven |= key.equals("sslmode") || key.equals("requiressl");
            if (key.equals("ssl")) {
                ssl = value;
                continue;
            }
            param(key, value, a);
        }
        boolean sslTrue = ssl != null && !sslmodeGiven && (ssl.isEmpty() || ssl.equalsIgnoreCase("true"));
        return new DriverInputSettings(a.build(), sslTrue);
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
        return s.startsWith(PREFIX);
    }

    @Override
    public ConnectionSettings parse(String s) {
        Assembler a = new Assembler(NAME, s);
        int q = s.indexOf('?');
        String server = q < 0 ? s.substring(PREFIX.length()) : s.substring(PREFIX.length(), q);
        ConnectionSettings.Builder b = a.builder();
        if (server.equals("//") || server.equals("///") || server.isEmpty()) {
            b.set("host", "localhost", Origin.DEFAULT).set("port", "5432", Origin.DEFAULT);
        } else if (server.startsWith("//")) {
            String rest = server.substring(2);
            int slash = rest.indexOf('/');
            String authority = slash < 0 ? rest : rest.substring(0, slash);
            if (slash >= 0 && rest.indexOf('/', slash + 1) >= 0) {
                throw a.error("dbname", "invalid JDBC URL: more than one \"/\" after the host list; "
                        + "percent-encode \"/\" in the database name");
            }
            if (authority.indexOf('@') >= 0) {
                throw a.error("user", "invalid JDBC URL: pgjdbc does not read credentials written before \"@\" in the host part; "
                        + "pass user and password as query parameters or properties");
            }
            hosts(authority, a);
            if (slash >= 0 && slash + 1 < rest.length()) {
                a.libpq("dbname", Percent.decode(rest.substring(slash + 1), true, false, "dbname", a));
            }
        } else if (server.startsWith("/")) {
            throw a.error("host", "invalid JDBC URL: use jdbc:postgresql://host/db, jdbc:postgresql:///db or jdbc:postgresql:db");
        } else {
            b.set("host", "localhost", Origin.DEFAULT).set("port", "5432", Origin.DEFAULT);
            a.libpq("dbname", Percent.decode(server, true, false, "dbname", a));
        }
        boolean sslmodeGiven = false;
        String ssl = null;
        if (q >= 0) {
            int p = q + 1;
            boolean afterSecret = false;
            while (p <= s.length()) {
                int amp = s.indexOf('&', p);
                int end = amp < 0 ? s.length() : amp;
                String token = s.substring(p, end);
                p = end + 1;
                if (token.isEmpty()) {
                    continue;
                }
                int eq = token.indexOf('=');
                String key = eq < 0 ? token : token.substring(0, eq);
                String value = eq < 0 ? "" : Percent.decode(token.substring(eq + 1), true,
                        Redaction.isSensitiveKey(key), key, a);
                sslmodeGiven |= key.equals("sslmode") || key.equals("requiressl");
                if (key.equals("ssl")) {
                    ssl = value; // fully translated into sslmode below: not passed on to pgjdbc
                    continue;
                }
                a.afterSecret(afterSecret);
                param(key, value, a);
                afterSecret = Redaction.isSensitiveKey(key);
            }
        }
        if (ssl != null && !sslmodeGiven && (ssl.isEmpty() || ssl.equalsIgnoreCase("true"))) {
            // pgjdbc: ssl=true (or ssl=) without sslmode means verify-full (SslMode.of).
            a.libpq("sslmode", SslMode.VERIFY_FULL.wireValue());
        }
        return a.build();
    }

    private static void hosts(String authority, Assembler a) {
        List<String> hosts = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (String address : authority.split(",", -1)) {
            String host;
            String port;
            if (address.startsWith("[")) {
                int close = address.indexOf(']');
                if (close < 0) {
                    throw a.error("host", "invalid JDBC URL: missing \"]\" after IPv6 address \"" + address + "\"");
                }
                host = address.substring(1, close);
                String after = address.substring(close + 1);
                if (after.isEmpty()) {
                    port = "";
                } else if (after.startsWith(":")) {
                    port = after.substring(1);
                } else {
                    throw a.error("host", "invalid JDBC URL: unexpected \"" + after + "\" after IPv6 address \"" + address + "\"");
                }
            } else {
                int colon = address.lastIndexOf(':');
                host = colon < 0 ? address : address.substring(0, colon);
                port = colon < 0 ? "" : address.substring(colon + 1);
            }
            hosts.add(host.isEmpty() ? "localhost" : host);
            ports.add(port.isEmpty() ? "5432" : port);
        }
        a.libpq("host", String.join(",", hosts));
        a.libpq("port", String.join(",", ports));
    }

    private static void param(String key, String value, Assembler a) {
        String renamed = RENAMED.get(key);
        if (renamed != null) {
            a.libpq(renamed, value);
            return;
        }
        if (DriverValues.sharedOption(key, value, a)) {
            return;
        }
        switch (key) {
            case "host":
            case "port":
            case "dbname":
                a.libpq(key, value);
                return;
            case "sslmode":
                a.libpq("sslmode", DriverValues.sslMode(value, false));
                return;
            case "gssEncMode":
                // pgjdbc's "allow" (send no GSSENCRequest unless the server insists) has no libpq twin.
                if (value.equals("allow")) {
                    a.driver(key, value);
                } else {
                    a.libpq("gssencmode", value);
                }
                return;
            default:
                break;
        }
        if (PGJDBC_PROPERTIES.contains(key) && Keywords.isKeyword(key) && !key.equals("gsslib")) {
            a.libpq(key, value); // same name, same meaning: user, password, sslcert, sslkey, ...
        } else if (PGJDBC_PROPERTIES.contains(key)) {
            a.driver(key, value);
        } else if (Assembler.isStorable(key)) {
            a.libpq(key, value); // a libpq keyword pgjdbc does not know: pgssl applies it
        } else if (Assembler.isPgssl(key)) {
            a.pgssl(key, value);
        } else {
            throw a.error(a.settingName(key), "invalid connection option " + a.quoteKey(key)
                    + (Keywords.isTlsLike(key) ? Keywords.didYouMean(key, SUGGESTIONS) : ""));
        }
    }
}
