package io.github.pgssl.jdbc;

import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.TlsMaterial;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The static registry through which pgjdbc's per-connection {@link PgSslSocketFactory} finds the
 * shared {@link TlsMaterial}.
 *
 * <p>pgjdbc instantiates {@code sslfactory} by reflection for every physical connection and can
 * pass it only a String ({@code sslfactoryarg}), so the material is registered here under a short
 * key and the factory's constructor is a single map lookup (pgjdbc issues #762 and #1343).
 *
 * <p>An {@code sslfactoryarg} reads {@code <materialId>} optionally followed by
 * {@code ;<connect-host>=<libpq-host>} pairs (URL-encoded): the host pgjdbc connects to (for
 * example a {@code hostaddr}) is mapped back to libpq's {@code host}, which is what the
 * certificate is verified against and what SNI carries. An empty libpq host means "no host name".
 */
final class SslFactoryRegistry {
    private static final AtomicLong NEXT_ID = new AtomicLong();
    private static final Map<TlsMaterial, String> IDS = new ConcurrentHashMap<>();
    private static final Map<String, TlsMaterial> MATERIALS = new ConcurrentHashMap<>();
    private static final Map<String, Entry> ENTRIES = new ConcurrentHashMap<>();

    private SslFactoryRegistry() {
    }

    /** What a factory instance needs: the material and the connect-host → libpq-host mapping. */
    record Entry(TlsMaterial material, Map<String, String> verifyHosts) {
        /**
         * libpq's host for the host pgjdbc connected to; {@code ""} when libpq has no host name (only a
         * hostaddr). Not {@code null}: JSSE would then use the socket's address as the peer host, and
         * verify-full would check the address instead of failing as libpq does.
         */
        String verifyHost(String connectHost) {
            String key = stripBrackets(connectHost);
            return verifyHosts.getOrDefault(key, key);
        }
    }

    /**
     * Registers the material (once per material) with a host mapping and returns the
     * {@code sslfactoryarg} that finds it.
     */
    static String register(TlsMaterial material, Map<String, String> connectToLibpqHost) {
        String id = IDS.computeIfAbsent(material, m -> {
            String newId = "m" + NEXT_ID.incrementAndGet();
            MATERIALS.put(newId, m);
            return newId;
        });
        StringBuilder arg = new StringBuilder(id);
        Map<String, String> mapping = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : connectToLibpqHost.entrySet()) {
            String connect = stripBrackets(e.getKey());
            if (connect.equals(e.getValue())) {
                continue;
            }
            mapping.put(connect, e.getValue());
            arg.append(';').append(enc(connect)).append('=').append(enc(e.getValue()));
        }
        String key = arg.toString();
        ENTRIES.computeIfAbsent(key, k -> new Entry(material, Map.copyOf(mapping)));
        return key;
    }

    /** The entry for an {@code sslfactoryarg}; this is the per-connection path (one map lookup). */
    static Entry lookup(String arg) {
        Entry e = arg == null ? null : ENTRIES.get(arg);
        if (e == null) {
            e = parse(arg);
        }
        return e;
    }

    /** Number of registered materials (for tests and diagnostics). */
    static int materialCount() {
        return MATERIALS.size();
    }

    private static Entry parse(String arg) {
        if (arg == null || arg.isEmpty()) {
            throw new SslConfigurationException("sslfactoryarg",
                    "sslfactoryarg: " + PgSslSocketFactory.class.getName() + " needs the key pgssl registered;"
                            + " build the JDBC configuration with PgSslJdbc (or use jdbc:pgssl:) instead of setting sslfactory by hand");
        }
        String[] parts = arg.split(";");
        TlsMaterial m = MATERIALS.get(parts[0]);
        if (m == null) {
            throw new SslConfigurationException("sslfactoryarg",
                    "sslfactoryarg: key \"" + parts[0] + "\" is not registered in this JVM; build the JDBC configuration"
                            + " with PgSslJdbc (or use jdbc:pgssl:) in the process that connects");
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq < 0) {
                throw new SslConfigurationException("sslfactoryarg",
                        "sslfactoryarg: host mapping \"" + parts[i] + "\" has no \"=\"; let PgSslJdbc build sslfactoryarg");
            }
            mapping.put(dec(parts[i].substring(0, eq)), dec(parts[i].substring(eq + 1)));
        }
        Entry e = new Entry(m, Map.copyOf(mapping));
        ENTRIES.putIfAbsent(arg, e);
        return e;
    }

    static String stripBrackets(String host) {
        if (host != null && host.length() > 1 && host.startsWith("[") && host.endsWith("]")) {
            return host.substring(1, host.length() - 1);
        }
        return host;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
