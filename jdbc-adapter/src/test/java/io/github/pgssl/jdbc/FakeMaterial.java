package io.github.pgssl.jdbc;

import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsMaterial;

import java.io.IOException;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** A TlsMaterial that records the hosts sockets were created for (unit tests only; real TLS is tested in the ITs). */
final class FakeMaterial implements TlsMaterial {
    final List<String> socketHosts = Collections.synchronizedList(new ArrayList<>());
    private final SslPolicy policy;

    FakeMaterial(SslPolicy policy) {
        this.policy = policy;
    }

    @Override
    public SslPolicy policy() {
        return policy;
    }

    @Override
    public SSLContext sslContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public X509ExtendedTrustManager trustManager() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<X509ExtendedKeyManager> keyManager() {
        return Optional.empty();
    }

    @Override
    public SSLParameters sslParameters(String host) {
        return new SSLParameters();
    }

    @Override
    public SSLSocket createSocket(Socket connected, String host, int port) throws IOException {
        socketHosts.add(host);
        return null;
    }

    @Override
    public SSLEngine createEngine(String host, int port) {
        throw new UnsupportedOperationException();
    }
}
