package io.github.pgssl.vertx4;

import io.github.pgssl.ConnectionPlan;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgSslException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.vertx.internal.OptionsPlanner;
import io.github.pgssl.vertx.internal.PolicyManagers;
import io.github.pgssl.vertx.internal.VertxLine;
import io.github.pgssl.vertx.internal.PlannedOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Vert.x 4.5's part of building {@link PgSslConnectOptions}: there the connect options are the TCP
 * options, so pgssl's TLS (trust and key managers, protocols, libpq's SNI engine) and
 * {@code connect_timeout} go on them directly (no {@code ClientSSLOptions} in 4.5). The rest (plan,
 * hosts, hostaddr, checks) is shared with pgssl-vertx ({@link OptionsPlanner}).
 */
final class OptionsBuilder extends OptionsPlanner.Flavour<PgSslConnectOptions> {
    /** The Vert.x line this adapter is built for. */
    static final String VERTX_LINE = "4.5";
    /** Vert.x 4, and the class of its internal API this adapter uses (Vert.x 5 moved it to io.vertx.core.internal). */
    static final VertxLine LINE = new VertxLine("pgssl-vertx4", 4, "4.5.0", "io.vertx.core.impl.VertxInternal",
            "use io.github.pgssl:pgssl-vertx for Vert.x 5, or io.vertx:vertx-core and " + VertxLine.DRIVER
                    + " 4.5.x (one version for both)");
    static final OptionsBuilder INSTANCE = new OptionsBuilder();

    private OptionsBuilder() {
        super("pgssl-vertx4", VERTX_LINE, "PgSslVertx4.pool(...), PgSslVertx4.connect(...) or ClientBuilder.pool(PgSslVertx4.driver())", PgSslConnectOptions.class);
    }

    static PgSslConnectOptions build(ConnectionSettings settings, SslPolicy policy) {
        LINE.check();
        return OptionsPlanner.build(settings, policy, INSTANCE);
    }

    @Override
    protected void applyTls(PgConnectOptions base, SslPolicy.Tls policy, PolicyManagers managers) {
        TlsOptions t = policy.options();
        // Never setSsl(true): that would start TLS at once; the SSLRequest upgrade follows the sslmode.
        base.setTrustAll(false) // pgssl's trust manager is the only judge, in every mode
                .setHostnameVerificationAlgorithm("") // libpq's hostname rules run in pgssl's trust manager
                .setTrustOptions(TrustOptions.wrap(managers.trustManagerFactory()))
                .setEnabledSecureTransportProtocols(OptionsPlanner.protocols(t))
                .setUseAlpn(false);
        if (t.identity().isPresent() || t.clientCertificateRequired()) {
            // sslcertmode=require without a certificate: the key manager still sees the server's request.
            base.setKeyCertOptions(KeyCertOptions.wrap(managers.keyManagerFactory()));
        }
        // No addCrlPath: Vert.x's CRL wrapper would hide the SSLEngine (and so the host) from the
        // trust manager; core's trust manager applies sslcrl/sslcrldir with libpq's CHECK_ALL rule.
    }

    @Override
    protected void applyTransport(PgConnectOptions base, ConnectionPlan plan, PolicyManagers managers) {
        plan.connectTimeout().ifPresent(d -> base.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, d.toMillis())));
        if (managers != null) {
            // libpq's SNI also on Vert.x's own connector (PgBuilder): the engine options travel with these options.
            base.setSslEngineOptions(managers.engineOptions());
        }
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
