package io.github.pgssl.vertx.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.PgSsl;
import io.github.pgssl.testkit.conformance.ChainVerdictSuite;
import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;
import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.Vertx;
import io.vertx.core.net.OpenSSLEngineOptions;
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
     * of the Vert.x line present): the outcome is libpq's for every case, and so are the words
     * wherever pgssl can put them there.
     * <ul>
     * <li>Where the stock connector runs pgssl's engines (4.5, whose options carry them; 5.0 with
     * {@code PgBuilder.with(PgSslVertx.transportOptions(options))}: {@link #withTransportOptions()}),
     * the failure Vert.x reports must carry libpq's reason itself, with no help from the test.</li>
     * <li>Otherwise (5.0 given only the options) Vert.x reports a refused handshake as a bare "SSL
     * handshake failed"; the failure goes through the adapter's {@code explain} and the words must be
     * libpq's there ({@link VertxAdapterUnderTest#explainsForeignFailures()}); an adapter without
     * {@code explain} is compared on outcomes only.</li>
     * </ul>
     */
    public abstract static class ThroughStockPgBuilder extends OnVertx {
        /** {@return whether the stock builder is given the adapter's transport options (5.0)} */
        protected boolean withTransportOptions() {
            return false;
        }

        /** Whether the stock connector runs pgssl's engines, which hand the reason to Vert.x themselves. */
        private boolean pgsslEngines() {
            return withTransportOptions() || adapter().stockOptionsCarryEngines();
        }

        private boolean comparesWords() {
            return pgsslEngines() || adapter().explainsForeignFailures();
        }

        @Override
        protected ConformanceClient client() {
            return (connectionString, environment) -> {
                PgConnectOptions options = PgSsl.configure(connectionString, PgConnectOptions.class, environment);
                try {
                    return VertxConformanceQueries.throughPool(
                            adapter().stockPool(vertx, options, new PoolOptions().setMaxSize(1), withTransportOptions()));
                } catch (Exception e) {
                    if (pgsslEngines()) {
                        throw e; // the reason must already be in Vert.x's own failure
                    }
                    Throwable explained = adapter().explain(e, options);
                    throw explained instanceof Exception x ? x : e;
                }
            };
        }

        /** libpq's words where pgssl can put them on this connector; otherwise the outcome only. */
        @Override
        protected boolean failureMatches(String fragment, String message) {
            return comparesWords() ? message.contains(fragment) : !message.isBlank();
        }

        /**
         * Direct TLS, and sslcertmode=require: refused for Vert.x's own connector, which pgssl's
         * authentication check does not run on (the adapter's pool and connect enforce it). When the
         * words are compared, also: sslcertmode=require without a certificate and a host list,
         * refused for that connector with pgssl's reason; allow/prefer where both attempts fail
         * (Vert.x's own retry reports only the second attempt's error, libpq both lines). On engines
         * that are not pgssl's, also the server's TLS alert refusing a client certificate (long DN
         * from an unknown CA, revoked UTF-8 DN), which Vert.x drops there ("the server closed the
         * connection during the TLS handshake"). Where pgssl's engines run without explain, the
         * server's "N" to the SSLRequest, which no engine sees: the refusal keeps Vert.x's words.
         */
        @Override
        protected Set<String> documentedGaps() {
            Set<String> gaps = new java.util.HashSet<>(Set.of("DIRECT-require", "DIRECT-verify-full",
                    "SUITE-certmode-require-with-cert"));
            if (comparesWords()) {
                gaps.addAll(Set.of("SUITE-certmode-require-trust-no-cert", "HOST-list-failure-is-final",
                        "S6-allow", "S6-prefer", "S6d-allow", "S6d-prefer"));
            }
            if (comparesWords() && !pgsslEngines()) {
                gaps.addAll(Set.of("SUITE-long-dn-unknown-ca", "SUITE-utf8-dn-revoked"));
            }
            if (pgsslEngines()) {
                // The server's "N" to the SSLRequest never reaches an engine: Vert.x's own words stay
                // ("Postgres Server does not handle SSL connection"); explain gives libpq's.
                gaps.addAll(Set.of("S0-require", "S0-verify-ca", "S0-verify-full", "URI-ssl-true-no-tls-server"));
            }
            return gaps;
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
