package io.github.pgssl.vertx4;

import io.github.pgssl.ConnectionPlan;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgSslException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.vertx.internal.OptionsPlanner;
import io.github.pgssl.vertx.internal.PolicyManagers;
import io.github.pgssl.vertx.internal.VertxPlan;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Vert.x 4.5's part of building {@link PgSslConnectOptions}: there the connect options are the TCP
 * options, so pgssl's TLS (trust and key managers, protocols, libpq's SNI engine) and
 * {@code connect_timeout} go on them directly (no {@code ClientSSLOptions} in 4.5). The rest (plan,
 * hosts, hostaddr, checks) is shared with pgssl-vertx ({@link OptionsPlanner}).
 */
final class OptionsBuilder implements OptionsPlanner.Flavour<PgSslConnectOptions> {
    /** The Vert.x line this adapter is built for. */
    static final String VERTX_LINE = "4.5";
    private static final OptionsBuilder INSTANCE = new OptionsBuilder();

    private OptionsBuilder() {
    }

    static PgSslConnectOptions build(ConnectionSettings settings, SslPolicy policy) {
        VertxSupport.check();
        return OptionsPlanner.build(settings, policy, INSTANCE);
    }

    @Override
    public String artifact() {
        return "pgssl-vertx4";
    }

    @Override
    public String line() {
        return VERTX_LINE;
    }

    @Override
    public String connectors() {
        return "PgSslVertx4.pool(...), PgSslVertx4.connect(...) or ClientBuilder.pool(PgSslVertx4.driver())";
    }

    @Override
    public void applyTls(PgConnectOptions base, SslPolicy.Tls policy, PolicyManagers managers) {
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
    public void applyTransport(PgConnectOptions base, ConnectionPlan plan, PolicyManagers managers) {
        plan.connectTimeout().ifPresent(d -> base.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, d.toMillis())));
        if (managers != null) {
            // libpq's SNI also on Vert.x's own connector (PgBuilder): the engine options travel with these options.
            base.setSslEngineOptions(managers.engineOptions());
        }
    }

    @Override
    public PgSslConnectOptions options(PgConnectOptions base, SslPolicy policy, VertxPlan<PgSslConnectOptions> plan,
                                       SocketAddress address, PgSslException foreignRefusal) {
        return new PgSslConnectOptions(base, policy, plan, address, foreignRefusal);
    }

    @Override
    public PgSslException failure(String setting, String message, Throwable cause) {
        return new PgSslConnectException(setting, message, cause);
    }
}
