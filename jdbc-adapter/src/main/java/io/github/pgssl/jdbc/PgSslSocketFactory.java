package io.github.pgssl.jdbc;

import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsMaterial;
import io.github.pgssl.TlsVerificationException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * pgjdbc's {@code sslfactory}: layers TLS over pgjdbc's socket with pgssl's shared
 * {@link TlsMaterial}, so the chain and libpq's hostname rules are enforced by pgssl's trust
 * manager during the handshake.
 *
 * <p>pgjdbc constructs this class by reflection for every physical connection (constructor
 * {@code (Properties)}, then {@code (String)}), so the constructor only looks up the material that
 * {@link PgSslJdbc} registered under {@code sslfactoryarg}: no file I/O, no {@code SSLContext}.
 *
 * <p>The socket is created for libpq's {@code host}, not the address pgjdbc dialled (which may be
 * a {@code hostaddr}): that name is verified and sent as SNI (DNS names only, honouring
 * {@code sslsni}).
 *
 * <p><b>Security:</b> use it only with {@code sslmode=require} toward pgjdbc, as pgssl's
 * configuration does; the verification decision is the pgssl policy's, made in the handshake.
 */
public final class PgSslSocketFactory extends SSLSocketFactory {
    private static final LongAdder CONSTRUCTIONS = new LongAdder();
    /** Test hook: sees the material of every socket created; {@code null} in production. */
    static volatile Consumer<TlsMaterial> socketObserver;
    /**
     * Set by the connector around a connect that must check {@code sslcertmode=require} after the
     * handshake: receives the socket. Inheritable, because pgjdbc connects on its own thread when a
     * login timeout is set.
     */
    static final InheritableThreadLocal<SSLSocket[]> CAPTURE = new InheritableThreadLocal<>();

    private final SslFactoryRegistry.Entry entry;

    /**
     * pgjdbc's preferred constructor: reads {@code sslfactoryarg} from the connection's properties.
     *
     * @param info the connection's properties; {@code sslfactoryarg} names pgssl's registered material
     */
    public PgSslSocketFactory(Properties info) {
        this(info.getProperty("sslfactoryarg"));
    }

    /**
     * pgjdbc's fallback constructor: receives {@code sslfactoryarg}.
     *
     * @param sslFactoryArg the key of pgssl's registered material
     */
    public PgSslSocketFactory(String sslFactoryArg) {
        this.entry = SslFactoryRegistry.lookup(sslFactoryArg);
        CONSTRUCTIONS.increment();
    }

    /** {@return how many factories pgjdbc has constructed in this JVM} One per TLS attempt. */
    public static long constructions() {
        return CONSTRUCTIONS.sum();
    }

    /** {@return the shared material this factory uses} */
    public TlsMaterial material() {
        return entry.material();
    }

    @Override
    public Socket createSocket(Socket connected, String host, int port, boolean autoClose) throws IOException {
        TlsMaterial material = entry.material();
        Consumer<TlsMaterial> observer = socketObserver;
        if (observer != null) {
            observer.accept(material);
        }
        String libpqHost = entry.verifyHost(host);
        if (libpqHost.isEmpty() && material.policy() instanceof SslPolicy.VerifyFull) {
            // JSSE replaces a null or empty peer host with the socket's address, so pgssl's trust manager
            // would check the hostaddr; refuse here, as libpq does, before any handshake.
            SSLHandshakeException e = new SSLHandshakeException("host name must be specified for a verified SSL connection");
            e.initCause(new TlsVerificationException(TlsVerificationException.Reason.HOSTNAME_MISMATCH,
                    "host name must be specified for a verified SSL connection; set host=<server name> next to hostaddr"));
            throw e;
        }
        SSLSocket s;
        if (autoClose) {
            s = material.createSocket(connected, libpqHost, port);
        } else {
            s = (SSLSocket) material.sslContext().getSocketFactory().createSocket(connected, libpqHost, port, false);
            s.setSSLParameters(material.sslParameters(libpqHost));
        }
        SSLSocket[] capture = CAPTURE.get();
        if (capture != null) {
            capture[0] = s;
        }
        return s;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return entry.material().sslContext().getDefaultSSLParameters().getCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return entry.material().sslContext().getSupportedSSLParameters().getCipherSuites();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw unconnected();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw unconnected();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw unconnected();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        throw unconnected();
    }

    private static SocketException unconnected() {
        return new SocketException("pgssl: PgSslSocketFactory only layers TLS over a connected socket, as pgjdbc uses it");
    }
}
