package io.github.pgssl.vertx.internal;

import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;

/**
 * {@code pgssl.tls_engine=openssl} for Vert.x: its OpenSSL engine options (Netty's OpenSSL provider
 * on netty-tcnative), with the same pgssl trust and key managers and libpq's SNI as
 * {@link LibpqSniEngineOptions}; only the TLS implementation differs.
 */
public final class LibpqSniOpenSslEngineOptions extends OpenSSLEngineOptions {
    private final PolicyManagers managers;

    /** OpenSSL engine options sending libpq's SNI for the policy of {@code managers}. */
    public LibpqSniOpenSslEngineOptions(PolicyManagers managers) {
        this.managers = managers;
    }

    private LibpqSniOpenSslEngineOptions(LibpqSniOpenSslEngineOptions other) {
        super(other);
        this.managers = other.managers;
    }

    @Override
    public LibpqSniOpenSslEngineOptions copy() {
        return new LibpqSniOpenSslEngineOptions(this);
    }

    @Override
    public SslContextFactory sslContextFactory() {
        return LibpqSniEngineOptions.libpqSni(super.sslContextFactory(), managers);
    }
}
