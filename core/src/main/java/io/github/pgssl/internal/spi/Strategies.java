package io.github.pgssl.internal.spi;

import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.spi.SslPolicyStrategy;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** ServiceLoader discovery of {@link SslPolicyStrategy} by name. Not API. */
public final class Strategies {
    private Strategies() {
    }

    /** The last discovery, for the context class loader it was made with (strategies are looked up per resolve). */
    private static volatile Cached cached;

    private record Cached(ClassLoader loader, SortedMap<String, SslPolicyStrategy> byName) {
    }

    /** Every strategy on the class path by name (first by class name wins on a duplicate name). */
    public static SortedMap<String, SslPolicyStrategy> available() {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        Cached c = cached;
        if (c != null && c.loader() == tccl) {
            return c.byName();
        }
        SortedMap<String, SslPolicyStrategy> byName = Collections.unmodifiableSortedMap(discover());
        cached = new Cached(tccl, byName);
        return byName;
    }

    private static TreeMap<String, SslPolicyStrategy> discover() {
        List<SslPolicyStrategy> all = Providers.load(SslPolicyStrategy.class);
        all.sort((a, b) -> a.getClass().getName().compareTo(b.getClass().getName()));
        TreeMap<String, SslPolicyStrategy> byName = new TreeMap<>();
        for (SslPolicyStrategy s : all) {
            try {
                byName.putIfAbsent(s.name(), s);
            } catch (RuntimeException broken) {
                // a provider whose name() throws is skipped like one that cannot load
            }
        }
        return byName;
    }

    /**
     * @throws SslConfigurationException naming the available strategies when none has this name
     */
    public static SslPolicyStrategy find(String name) {
        SortedMap<String, SslPolicyStrategy> all = available();
        SslPolicyStrategy s = all.get(name);
        if (s == null) {
            // a jar may have been added to the context class loader since the last discovery
            cached = null;
            all = available();
            s = all.get(name);
        }
        if (s == null) {
            throw new SslConfigurationException("pgssl.strategy", "unknown pgssl strategy \"" + name
                    + "\"; available strategies: " + all.keySet() + "; set pgssl.strategy (or PGSSL_STRATEGY) to one of them");
        }
        return s;
    }
}
