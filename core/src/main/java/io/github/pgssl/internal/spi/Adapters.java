package io.github.pgssl.internal.spi;

import io.github.pgssl.AdapterNotFoundException;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.spi.DriverAdapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * ServiceLoader discovery of driver adapters. Among available adapters that produce the requested
 * type (by name, or a subtype when the adapter's type can be loaded), the highest priority wins,
 * ties broken by class name. Not API.
 */
public final class Adapters {
    private Adapters() {
    }

    public static <T> T configure(ConnectionSettings settings, SslPolicy policy, Class<T> type) {
        return find(type).configure(settings, policy, type);
    }

    /** Adapters whose {@code isAvailable()} is true; a provider that throws is skipped. */
    public static List<DriverAdapter> available() {
        List<DriverAdapter> out = new ArrayList<>();
        for (DriverAdapter a : Providers.load(DriverAdapter.class)) {
            try {
                if (a.isAvailable()) {
                    out.add(a);
                }
            } catch (RuntimeException | LinkageError broken) {
                // isAvailable must not throw; one that does is treated as unavailable
            }
        }
        int[] priorities = new int[out.size()];
        for (int i = 0; i < priorities.length; i++) {
            priorities[i] = priority(out.get(i));
        }
        ProviderOrder.sort(out, priorities);
        return out;
    }

    /**
     * @throws AdapterNotFoundException listing the available adapters and the artifact to add
     */
    public static DriverAdapter find(Class<?> type) {
        Objects.requireNonNull(type, "type");
        List<DriverAdapter> available = available();
        for (DriverAdapter a : available) {
            if (produces(a, type)) {
                return a;
            }
        }
        List<String> names = new ArrayList<>();
        for (DriverAdapter a : available) {
            names.add(safeName(a));
        }
        throw new AdapterNotFoundException(type.getName(), "no pgssl adapter produces " + type.getName()
                + "; available adapters: " + names + "; " + fix(type.getName()));
    }

    static boolean produces(DriverAdapter a, Class<?> type) {
        java.util.Set<String> names;
        try {
            names = a.nativeTypeNames();
        } catch (RuntimeException e) {
            return false;
        }
        if (names.contains(type.getName())) {
            return true;
        }
        for (String n : names) {
            try {
                Class<?> c = Class.forName(n, false, a.getClass().getClassLoader());
                if (type.isAssignableFrom(c)) {
                    return true;
                }
            } catch (ClassNotFoundException | LinkageError notLoadable) {
                // the adapter names a type its driver would bring; not on this class path
            }
        }
        return false;
    }

    private static int priority(DriverAdapter a) {
        try {
            return a.priority();
        } catch (RuntimeException e) {
            return Integer.MIN_VALUE;
        }
    }

    private static String safeName(DriverAdapter a) {
        try {
            return a.name();
        } catch (RuntimeException e) {
            return a.getClass().getName();
        }
    }

    /** The fix naming the artifact that brings an adapter for a well-known driver type. */
    public static String fix(String typeName) {
        if (typeName.startsWith("io.r2dbc.") || typeName.startsWith("org.postgresql.r2dbc.")) {
            return "add the artifact io.github.pgssl:pgssl-r2dbc";
        }
        if (typeName.startsWith("io.vertx.")) {
            return "add the artifact io.github.pgssl:pgssl-vertx";
        }
        if (typeName.startsWith("javax.sql.") || typeName.startsWith("java.sql.") || typeName.equals("java.util.Properties")
                || typeName.startsWith("org.postgresql.")) {
            return "add the artifact io.github.pgssl:pgssl-jdbc";
        }
        return "add the pgssl adapter artifact for this driver (io.github.pgssl:pgssl-jdbc, pgssl-r2dbc or pgssl-vertx)";
    }
}
