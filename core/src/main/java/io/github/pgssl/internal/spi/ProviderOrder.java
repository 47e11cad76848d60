package io.github.pgssl.internal.spi;

import java.util.List;

/**
 * The one order of pgssl's service providers (driver adapters, connection-string dialects): highest
 * priority first, then class name. Plain loops, no comparator lambdas: it runs on every first
 * connection (cold start). Not API.
 */
public final class ProviderOrder {
    private ProviderOrder() {
    }

    /**
     * Sorts {@code providers} in place, stably; {@code priorities[i]} is the priority of the provider
     * at {@code i} (read once by the caller, which decides what a failing {@code priority()} counts as).
     */
    public static <T> void sort(List<T> providers, int[] priorities) {
        if (priorities.length != providers.size()) {
            throw new IllegalArgumentException("one priority per provider");
        }
        // Insertion sort: a handful of providers.
        for (int i = 1; i < providers.size(); i++) {
            T p = providers.get(i);
            int pp = priorities[i];
            int j = i - 1;
            while (j >= 0 && before(p, pp, providers.get(j), priorities[j])) {
                providers.set(j + 1, providers.get(j));
                priorities[j + 1] = priorities[j];
                j--;
            }
            providers.set(j + 1, p);
            priorities[j + 1] = pp;
        }
    }

    /** Whether a provider of {@code type} is in {@code providers}. */
    public static boolean containsClass(List<?> providers, Class<?> type) {
        for (Object o : providers) {
            if (o.getClass() == type) {
                return true;
            }
        }
        return false;
    }

    private static boolean before(Object a, int pa, Object b, int pb) {
        if (pa != pb) {
            return pa > pb;
        }
        return a.getClass().getName().compareTo(b.getClass().getName()) < 0;
    }
}
