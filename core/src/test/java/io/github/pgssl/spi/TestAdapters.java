package io.github.pgssl.spi;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.SslPolicy;

import java.util.Set;

/** Test-only adapters, registered in src/test/resources/META-INF/services. */
public final class TestAdapters {
    private TestAdapters() {
    }

    /** A supertype of {@link Native}, never named by an adapter: found by isAssignableFrom. */
    public static class NativeBase {
        public final String adapter;
        public final SslPolicy policy;

        NativeBase(String adapter, SslPolicy policy) {
            this.adapter = adapter;
            this.policy = policy;
        }
    }

    /** The "driver type" the test adapters produce. */
    public static final class Native extends NativeBase {
        Native(String adapter, SslPolicy policy) {
            super(adapter, policy);
        }
    }

    /** A second type, produced only by the two tie adapters. */
    public static final class TieType extends NativeBase {
        TieType(String adapter, SslPolicy policy) {
            super(adapter, policy);
        }
    }

    abstract static class Base implements DriverAdapter {
        private final String name;
        private final int priority;
        private final Set<String> types;

        Base(String name, int priority, Set<String> types) {
            this.name = name;
            this.priority = priority;
            this.types = types;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String artifact() {
            return "io.github.pgssl:pgssl-test-" + name;
        }

        @Override
        public Set<String> nativeTypeNames() {
            return types;
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public <T> T configure(ConnectionSettings settings, SslPolicy policy, Class<T> type) {
            if (type.isAssignableFrom(Native.class) && types.contains(Native.class.getName())) {
                return type.cast(new Native(name, policy));
            }
            return type.cast(new TieType(name, policy));
        }
    }

    public static final class High extends Base {
        public High() {
            super("high", 10, Set.of(Native.class.getName(), "com.example.NotOnClassPath"));
        }
    }

    public static final class Low extends Base {
        public Low() {
            super("low", 0, Set.of(Native.class.getName()));
        }
    }

    public static final class AlphaTie extends Base {
        public AlphaTie() {
            super("alpha-tie", 0, Set.of(TieType.class.getName()));
        }
    }

    public static final class BetaTie extends Base {
        public BetaTie() {
            super("beta-tie", 0, Set.of(TieType.class.getName()));
        }
    }

    /** Its driver is "missing": never selected, never listed. */
    public static final class Unavailable extends Base {
        public Unavailable() {
            super("unavailable", 100, Set.of(Native.class.getName(), "javax.sql.DataSource"));
        }

        @Override
        public boolean isAvailable() {
            return false;
        }
    }

    /** Breaks the SPI contract: isolated and skipped. */
    public static final class ThrowsInIsAvailable extends Base {
        public ThrowsInIsAvailable() {
            super("throws-in-is-available", 100, Set.of(Native.class.getName()));
        }

        @Override
        public boolean isAvailable() {
            throw new IllegalStateException("broken adapter");
        }
    }

    /** Cannot even be instantiated: isolated and skipped. */
    public static final class ThrowsInConstructor extends Base {
        public ThrowsInConstructor() {
            super("throws-in-constructor", 100, Set.of(Native.class.getName()));
            throw new IllegalStateException("broken adapter constructor");
        }
    }
}
