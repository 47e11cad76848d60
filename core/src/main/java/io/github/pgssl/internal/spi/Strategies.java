package io.github.pgssl.internal.spi;

import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.spi.SslPolicyStrategy;

import java.util.List;
import java.util.TreeMap;

/** ServiceLoader discovery of {@link SslPolicyStrategy} by name. Not API. */
public final class Strategies {
    private Strategies() {
    }

    /** Every strategy on the class path by name (first by class name wins on a duplicate name). */
    public static TreeMap<String, SslPolicyStrategy> available() {
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
        TreeMap<String, SslPolicyStrategy> all = available();
        SslPolicyStrategy s = all.get(name);
        if (s == null) {
            throw new SslConfigurationException("pgssl.strategy", "unknown pgssl strategy \"" + name
                    + "\"; available strategies: " + all.keySet() + "; set pgssl.strategy (or PGSSL_STRATEGY) to one of them");
        }
        return s;
    }
}
