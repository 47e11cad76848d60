package io.github.pgssl.vertx.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.PgSsl;
import io.github.pgssl.testkit.conformance.ChainVerdictSuite;
import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;
import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.Vertx;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared conformance matrix (and chain verdicts) through a Vert.x adapter, one suite per path;
 * each adapter runs every one of them through its own façade ({@link VertxAdapterUnderTest}).
 * Direct TLS (vertx-pg-client 5.1.0+) is a documented gap on both lines: pgssl refuses it by name.
 */
public final class VertxConformanceChecks {
    private VertxConformanceChecks() {
    }

    private static final Set<String> DIRECT = Set.of("DIRECT-require", "DIRECT-verify-full");

    /** One Vert.x per suite, closed after it; the adapter under test; direct TLS a documented gap. */
    abstract static class OnVertx extends ConformanceSuite {
        /** The suite's Vert.x (native transport on 4.5). */
        protected final Vertx vertx = adapter().newVertx();

        /** {@return the adapter under test} */
        protected abstract VertxAdapterUnderTest adapter();

        @Override
        protected Set<String> documentedGaps() {
            return DIRECT;
        }

        @AfterAll
        protected void closeVertx() throws Exception {
            VertxConformanceQueries.await(vertx.close(), 30);
        }
    }

    /** A pgssl pool per case, one query: every outcome and message must be libpq's. */
    public abstract static class ThroughPool extends OnVertx {
        @Override
        protected ConformanceClient client() {
            return (connectionString, environment) -> VertxConformanceQueries.throughPool(adapter().pool(vertx,
                    adapter().connectOptions(connectionString, environment), new PoolOptions().setMaxSize(1)));
        }
    }

    /** The pool-less path ({@code connect}), which runs libpq's plan over Vert.x's own connection. */
    public abstract static class ThroughConnection extends OnVertx {
        @Override
        protected ConformanceClient client() {
            return (connectionString, environment) -> VertxConformanceQueries.throughConnection(
                    () -> adapter().connect(vertx, adapter().connectOptions(connectionString, environment)));
        }
    }

    /**
     * Vert.x's <em>stock</em> {@code PgBuilder.pool()} given only
     * {@code PgSsl.configure(url, PgConnectOptions.class)} (the service loader must pick the adapter
     * of the Vert.x line present): the outcome is libpq's for every case; the failure <em>words</em>
     * are Vert.x's there ("SSL handshake failed"), so only outcomes are compared.
     */
    public abstract static class ThroughStockPgBuilder extends OnVertx {
        @Override
        protected ConformanceClient client() {
            return (connectionString, environment) -> {
                PgConnectOptions options = PgSsl.configure(connectionString, PgConnectOptions.class, environment);
                return VertxConformanceQueries.throughPool(
                        PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(options).using(vertx).build());
            };
        }

        /** Outcome only: the stock connector reports Vert.x's messages, not libpq's. */
        @Override
        protected boolean failureMatches(String fragment, String message) {
            return !message.isBlank();
        }

        /**
         * Direct TLS, and sslcertmode=require: refused for Vert.x's own connector, whose engines pgssl
         * cannot see (the adapter's pool and connect enforce it).
         */
        @Override
        protected Set<String> documentedGaps() {
            return Set.of("DIRECT-require", "DIRECT-verify-full", "SUITE-certmode-require-with-cert");
        }
    }

    /**
     * {@code PGSSL_TLS_ENGINE=openssl}: Vert.x's OpenSSL engine options (Netty's OpenSSL provider on
     * netty-tcnative) with pgssl's managers and libpq's SNI; every TLS case must have been given them.
     */
    public abstract static class ThroughOpenSsl extends OnVertx {
        private final AtomicInteger openSslPools = new AtomicInteger();

        @BeforeAll
        protected void openSslLoads() {
            assertTrue(OpenSsl.isAvailable(), () -> "netty-tcnative does not load: " + OpenSsl.unavailabilityCause());
        }

        @Override
        protected ConformanceClient client() {
            return (connectionString, environment) -> {
                PgConnectOptions options = adapter().connectOptions(connectionString,
                        environment.withVariable("PGSSL_TLS_ENGINE", "openssl"));
                if (adapter().engineOptions(options) instanceof OpenSSLEngineOptions) {
                    openSslPools.incrementAndGet();
                }
                return VertxConformanceQueries.throughPool(adapter().pool(vertx, options, new PoolOptions().setMaxSize(1)));
            };
        }

        /** Direct TLS; and BoringSSL has no RSA-PSS certificate support (a loud capability gap, not a weaker check). */
        @Override
        protected Set<String> documentedGaps() {
            return Set.of("DIRECT-require", "DIRECT-verify-full", "SUITE-rsa-pss");
        }

        @AfterAll
        protected void everyTlsCaseOnOpenSsl() {
            assertTrue(openSslPools.get() > 20, "pools given OpenSSL engine options: " + openSslPools.get());
        }
    }

    /** Chain verification through the adapter's pool equals psql's on every testkit chain shape. */
    public abstract static class ChainVerdicts extends ChainVerdictSuite {
        private final Vertx vertx = adapter().newVertx();

        /** {@return the adapter under test} */
        protected abstract VertxAdapterUnderTest adapter();

        @Override
        protected ConformanceClient client() {
            return (connectionString, environment) -> VertxConformanceQueries.throughPool(adapter().pool(vertx,
                    adapter().connectOptions(connectionString, environment), new PoolOptions().setMaxSize(1)));
        }

        @AfterAll
        protected void closeVertx() throws Exception {
            VertxConformanceQueries.await(vertx.close(), 30);
        }
    }
}
