package io.github.pgssl.jdbc;

import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.TlsMaterial;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
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
 *
 * <p>Memory is bounded by use: an entry is held only as long as the {@code sslfactoryarg} String
 * that {@link #register} returned is reachable (from the Properties, the pool's configuration or
 * the DataSource), and a material only as long as an entry or a connection holds it; 10,000
 * tenant policies that are dropped leave nothing behind.
 */
final class SslFactoryRegistry {
    private static final AtomicLong NEXT_ID = new AtomicLong();
    /** material → id; weak on the material. Guarded by itself. */
    private static final Map<TlsMaterial, String> IDS = new WeakHashMap<>();
    /** id → material, weakly; a collected material's id is dropped through {@link #COLLECTED}. */
    private static final Map<String, IdRef> MATERIALS = new ConcurrentHashMap<>();
    private static final ReferenceQueue<TlsMaterial> COLLECTED = new ReferenceQueue<>();
    /**
     * sslfactoryarg → entry, weak on the very String handed out by {@link #register}: the entry
     * (and through it the material) lives as long as some Properties, JDBC URL holder, pool
     * configuration or DataSource keeps that string. Guarded by itself.
     */
    private static final Map<String, Entry> ENTRIES = new WeakHashMap<>();

    private SslFactoryRegistry() {
    }

    private static final class IdRef extends WeakReference<TlsMaterial> {
        final String id;

        IdRef(String id, TlsMaterial m) {
            super(m, COLLECTED);
            this.id = id;
        }
    }

    /**
     * What a factory instance needs: the material and the connect-host → libpq-host mapping.
     * {@code arg} is the registered sslfactoryarg (weakly: a strong one would keep the entry alive forever).
     */
    record Entry(TlsMaterial material, Map<String, String> verifyHosts, WeakReference<String> arg) {
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
     * {@code sslfactoryarg} that finds it. Keep the returned String (it is what pgjdbc will pass
     * back): the registration lasts as long as that String is reachable.
     */
    static String register(TlsMaterial material, Map<String, String> connectToLibpqHost) {
        expunge();
        String id;
        synchronized (IDS) {
            id = IDS.get(material);
            IdRef ref = id == null ? null : MATERIALS.get(id);
            if (ref == null || ref.get() != material) {
                id = "m" + NEXT_ID.incrementAndGet();
                IDS.put(material, id);
                MATERIALS.put(id, new IdRef(id, material));
            }
        }
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
        synchronized (ENTRIES) {
            Entry existing = ENTRIES.get(key);
            String canonical = existing == null || existing.material() != material ? null : existing.arg().get();
            if (canonical != null) {
                return canonical;
            }
            // remove first: WeakHashMap keeps an equal old key instance on put, and it must be this one
            ENTRIES.remove(key);
            ENTRIES.put(key, new Entry(material, Map.copyOf(mapping), new WeakReference<>(key)));
        }
        return key;
    }

    /** The entry for an {@code sslfactoryarg}; this is the per-connection path (one map lookup). */
    static Entry lookup(String arg) {
        Entry e;
        synchronized (ENTRIES) {
            e = arg == null ? null : ENTRIES.get(arg);
        }
        if (e == null) {
            e = parse(arg);
        }
        return e;
    }

    private static void expunge() {
        for (java.lang.ref.Reference<? extends TlsMaterial> r; (r = COLLECTED.poll()) != null; ) {
            IdRef ref = (IdRef) r;
            MATERIALS.remove(ref.id, ref);
        }
    }

    /** Number of registered materials (for tests and diagnostics). */
    static int materialCount() {
        synchronized (ENTRIES) {
            ENTRIES.size(); // lets WeakHashMap drop the entries whose sslfactoryarg was collected
        }
        expunge();
        int n = 0;
        for (IdRef r : MATERIALS.values()) {
            if (r.get() != null) {
                n++;
            }
        }
        return n;
    }

    private static Entry parse(String arg) {
        if (arg == null || arg.isEmpty()) {
            throw new SslConfigurationException("sslfactoryarg",
                    "sslfactoryarg: " + PgSslSocketFactory.class.getName() + " needs the key pgssl registered;"
                            + " build the JDBC configuration with PgSslJdbc (or use jdbc:pgssl:) instead of setting sslfactory by hand");
        }
        String[] parts = arg.split(";");
        IdRef ref = MATERIALS.get(parts[0]);
        TlsMaterial m = ref == null ? null : ref.get();
        if (m == null) {
            throw new SslConfigurationException("sslfactoryarg",
                    "sslfactoryarg: key \"" + parts[0] + "\" is not registered in this JVM (or its configuration was released:"
                            + " keep the Properties or JdbcConfiguration that PgSslJdbc built while connections are made);"
                            + " build the JDBC configuration with PgSslJdbc (or use jdbc:pgssl:) in the process that connects");
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
        Entry e = new Entry(m, Map.copyOf(mapping), new WeakReference<>(arg));
        synchronized (ENTRIES) {
            ENTRIES.putIfAbsent(arg, e);
        }
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
