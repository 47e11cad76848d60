package io.github.pgssl.vertx;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgSslException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.vertx.internal.OptionsPlanner;
import io.github.pgssl.vertx.internal.PolicyManagers;
import io.github.pgssl.vertx.internal.VertxLine;
import io.github.pgssl.vertx.internal.PlannedOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Vert.x 5.0's part of building {@link PgSslConnectOptions}: pgssl's TLS goes into a
 * {@code ClientSSLOptions}. The rest (plan, hosts, hostaddr, checks) is shared with pgssl-vertx4
 * ({@link OptionsPlanner}).
 */
final class OptionsBuilder extends OptionsPlanner.Flavour<PgSslConnectOptions> {
    /** The Vert.x line this adapter is built for; direct TLS arrived in 5.1.0 (vertx-sql-client PR #1659). */
    static final String VERTX_LINE = "5.0";
    /** Vert.x 5, and the class of its internal API this adapter uses (Vert.x 4 has io.vertx.core.impl.VertxInternal). */
    static final VertxLine LINE = new VertxLine("pgssl-vertx", 5, "5.0.0", "io.vertx.core.internal.VertxInternal",
            "use io.github.pgssl:pgssl-vertx4 for Vert.x 4.5, or io.vertx:vertx-core and " + VertxLine.DRIVER
                    + " 5.0.0 or newer (one version for both)");
    static final OptionsBuilder INSTANCE = new OptionsBuilder();

    private OptionsBuilder() {
        super("pgssl-vertx", VERTX_LINE, "PgSslVertx.pool(...), PgSslVertx.connect(...) or ClientBuilder.pool(PgSslVertx.driver())", PgSslConnectOptions.class);
    }

    static PgSslConnectOptions build(ConnectionSettings settings, SslPolicy policy) {
        LINE.check();
        return OptionsPlanner.build(settings, policy, INSTANCE);
    }

    @Override
    protected void applyTls(PgConnectOptions base, SslPolicy.Tls policy, PolicyManagers managers) {
        TlsOptions t = policy.options();
        ClientSSLOptions o = new ClientSSLOptions()
                .setTrustAll(false) // pgssl's trust manager is the only judge, in every mode
                .setHostnameVerificationAlgorithm("") // libpq's hostname rules run in pgssl's trust manager
                .setTrustOptions(TrustOptions.wrap(managers.trustManagerFactory()))
                .setEnabledSecureTransportProtocols(OptionsPlanner.protocols(t))
                .setUseAlpn(false);
        if (t.identity().isPresent() || t.clientCertificateRequired()) {
            // sslcertmode=require without a certificate: the key manager still sees the server's request.
            o.setKeyCertOptions(KeyCertOptions.wrap(managers.keyManagerFactory()));
        }
        // No addCrlPath: Vert.x's CRL wrapper would hide the SSLEngine (and so the host) from the
        // trust manager; core's trust manager applies sslcrl/sslcrldir with libpq's CHECK_ALL rule.
        base.setSslOptions(o);
    }

    @Override
    protected PgSslConnectOptions options(PgConnectOptions base, PlannedOptions<PgSslConnectOptions> planned) {
        return new PgSslConnectOptions(base, planned);
    }

    @Override
    public PgSslException failure(String setting, String message, Throwable cause) {
        return new PgSslConnectException(setting, message, cause);
    }
}
