package io.github.pgssl;

import java.io.IOException;
import java.net.Socket;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS material of one policy, built once and shared by every connection that uses the
 * policy. The per-connection methods do no file I/O.
 *
 * <p>The trust manager enforces the policy during the handshake: the chain (or pin) and, for
 * {@link SslPolicy.VerifyFull}, the hostname by libpq's rules against the peer host the socket or
 * engine was created for. Pass libpq's {@code host} there, never {@code hostaddr}.
 *
 * <p>The managers delegate to the current files: when a file the policy uses changes on disk,
 * new handshakes use the new material (checked at most about once a second).
 */
public interface TlsMaterial {

    /** {@return the policy this material enforces} */
    SslPolicy policy();

    /**
     * The engine behind {@link #sslContext()}, {@link #createSocket} and {@link #createEngine}:
     * {@link TlsEngine#JDK} or {@link TlsEngine#CONSCRYPT} ({@link TlsEngine#OPENSSL} is Netty's,
     * which the Netty adapters build from {@link #trustManager()} and {@link #keyManager()}).
     *
     * @return the engine that runs this material's handshakes
     */
    default TlsEngine engine() {
        return TlsEngine.JDK;
    }

    /** {@return a context whose managers are {@link #trustManager()} and {@link #keyManager()}} */
    SSLContext sslContext();

    /** {@return the policy-enforcing trust manager} */
    X509ExtendedTrustManager trustManager();

    /** {@return the client-identity key manager, when the policy has a client certificate} */
    Optional<X509ExtendedKeyManager> keyManager();

    /**
     * Parameters for a connection to {@code host}: SNI only for DNS names and only when the
     * policy's {@code sslsni} is on; protocol versions; ALPN {@code postgresql} for direct
     * negotiation. Endpoint identification is left off: the trust manager checks the hostname.
     *
     * @param host libpq's {@code host} for this connection (never {@code hostaddr})
     * @return new parameters
     */
    SSLParameters sslParameters(String host);

    /**
     * Layers TLS over a connected socket, as a client, with {@link #sslParameters(String)} applied.
     *
     * @param connected the connected socket (after the SSLRequest exchange, or fresh for direct TLS)
     * @param host libpq's {@code host} for this connection
     * @param port the server port
     * @return the TLS socket; the handshake starts on first use
     * @throws IOException when the socket cannot be layered
     */
    SSLSocket createSocket(Socket connected, String host, int port) throws IOException;

    /**
     * A client engine for {@code host} with {@link #sslParameters(String)} applied.
     *
     * @param host libpq's {@code host} for this connection
     * @param port the server port
     * @return a new client engine
     */
    SSLEngine createEngine(String host, int port);

    /**
     * libpq's {@code sslcertmode=require}: call after the handshake (libpq checks when the server
     * accepts the connection); fails when the policy requires a client certificate and none was
     * sent on {@code session}. Does nothing for other policies.
     *
     * @param session the TLS session of the accepted connection, or {@code null} for plaintext
     * @throws TlsMaterialException {@code server accepted connection without a valid SSL certificate}
     */
    default void checkClientCertificateSent(javax.net.ssl.SSLSession session) {
        PgSsl.checkClientCertificateSent(policy(), session);
    }
}
