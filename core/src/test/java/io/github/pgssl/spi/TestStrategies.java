package io.github.pgssl.spi;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsOptions;

/** Test-only strategies, registered in src/test/resources/META-INF/services. */
public final class TestStrategies {
    private TestStrategies() {
    }

    /** A third-party strategy: no-verify named after itself. */
    public static final class Recording implements SslPolicyStrategy {
        @Override
        public String name() {
            return "test-strategy";
        }

        @Override
        public SslPolicy create(ConnectionSettings settings, PgEnvironment environment) {
            return new SslPolicy.NoVerify(TlsOptions.defaults(), SslPolicy.Fallback.NONE, name());
        }
    }

    public static final class ThrowsInConstructor implements SslPolicyStrategy {
        public ThrowsInConstructor() {
            throw new IllegalStateException("broken strategy");
        }

        @Override
        public String name() {
            return "broken";
        }

        @Override
        public SslPolicy create(ConnectionSettings settings, PgEnvironment environment) {
            throw new IllegalStateException("unreachable");
        }
    }

    /** Registered only through a temporary class loader (see DiscoveryTest). */
    public static final class TestDialect implements ConnectionStringDialect {
        @Override
        public String name() {
            return "pgssl-test";
        }

        @Override
        public int priority() {
            return 1000;
        }

        @Override
        public boolean accepts(String connectionString) {
            return connectionString.startsWith("pgssl-test:");
        }

        @Override
        public ConnectionSettings parse(String connectionString) {
            return ConnectionSettings.builder(name()).set("host", connectionString.substring("pgssl-test:".length()),
                    ConnectionSettings.Origin.EXPLICIT).build();
        }
    }
}
