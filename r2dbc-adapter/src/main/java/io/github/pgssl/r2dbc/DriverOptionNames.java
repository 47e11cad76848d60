package io.github.pgssl.r2dbc;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The r2dbc-postgresql options pgssl passes through untouched: every option the driver declares
 * that is not about TLS, sockets or host selection (pgssl decides those by libpq's rules).
 * Read from the driver class, so a newer driver's options pass through too.
 */
final class DriverOptionNames {
    static final Set<String> NAMES = load();

    /**
     * r2dbc-pool's options: {@code r2dbc:pool:pgssl:...} hands them down to this driver too; they
     * are the pool's, so they are neither libpq keywords nor driver options.
     */
    static final Set<String> POOL_NAMES = Set.of("acquireRetry", "backgroundEvictionInterval", "initialSize", "maxSize",
            "minIdle", "maxAcquireTime", "maxCreateConnectionTime", "maxIdleTime", "maxLifeTime", "maxValidationTime",
            "poolName", "registerJmx", "postAllocate", "preRelease", "validationQuery", "validationDepth");

    private DriverOptionNames() {
    }

    /** Whether a connection-string option name is one of the driver's pass-through options. */
    static boolean isPassThrough(String name) {
        return NAMES.contains(name);
    }

    /** Whether an option name is one of the driver's TLS or host-selection options, which pgssl replaces. */
    static boolean isReplaced(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith("ssl") || n.equals("socket") || n.equals("hostrechecktime") || n.equals("loadbalancehosts")
                || n.equals("targetservertype");
    }

    private static Set<String> load() {
        Set<String> names = new LinkedHashSet<>();
        for (Field f : PostgresqlConnectionFactoryProvider.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Option.class) {
                try {
                    String name = ((Option<?>) f.get(null)).name();
                    if (!isReplaced(name)) {
                        names.add(name);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        names.add(ConnectionFactoryOptions.CONNECT_TIMEOUT.name());
        names.add(ConnectionFactoryOptions.STATEMENT_TIMEOUT.name());
        names.add(ConnectionFactoryOptions.LOCK_WAIT_TIMEOUT.name());
        return Set.copyOf(names);
    }
}
