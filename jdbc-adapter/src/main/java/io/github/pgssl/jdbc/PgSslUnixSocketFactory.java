package io.github.pgssl.jdbc;

import io.github.pgssl.PgSslException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Properties;
import javax.net.SocketFactory;

/**
 * pgjdbc's {@code socketFactory} for libpq's Unix-domain socket hosts ({@code host=/var/run/postgresql}):
 * connects to {@code <dir>/.s.PGSQL.<port>} (given as {@code socketFactoryArg}) through the JDK's
 * Unix-domain channels. pgssl never layers TLS on it: libpq does not either.
 *
 * <p>When the connection string sets {@code requirepeer}, the server process's operating-system
 * user is checked as libpq does (Linux {@code SO_PEERCRED}).
 */
public final class PgSslUnixSocketFactory extends SocketFactory {
    /** Property pgssl sets next to {@code socketFactoryArg} when {@code requirepeer} is given. */
    static final String REQUIRE_PEER = "pgsslRequirePeer";

    private final Path path;
    private final String requirePeer;

    /**
     * pgjdbc's preferred constructor.
     *
     * @param info the connection's properties: {@code socketFactoryArg}, the socket file path, and
     *     pgssl's {@code requirepeer} check
     */
    public PgSslUnixSocketFactory(Properties info) {
        this(info.getProperty("socketFactoryArg"), info.getProperty(REQUIRE_PEER));
    }

    /**
     * pgjdbc's fallback constructor: receives {@code socketFactoryArg}.
     *
     * @param socketFile the socket file path
     */
    public PgSslUnixSocketFactory(String socketFile) {
        this(socketFile, null);
    }

    private PgSslUnixSocketFactory(String socketFile, String requirePeer) {
        if (socketFile == null || socketFile.isEmpty()) {
            throw new PgSslException("host", "socketFactoryArg: PgSslUnixSocketFactory needs the socket file path;"
                    + " let PgSslJdbc build the configuration from host=/socket/dir");
        }
        this.path = Path.of(socketFile);
        this.requirePeer = requirePeer == null || requirePeer.isEmpty() ? null : requirePeer;
    }

    @Override
    public Socket createSocket() throws IOException {
        UnixDomainSocket s = UnixDomainSocket.connect(path);
        if (requirePeer != null) {
            String actual;
            try {
                actual = s.channel().getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user().getName();
            } catch (IOException | UnsupportedOperationException e) {
                s.close();
                throw new IOException(new PgSslException("requirepeer",
                        "requirepeer parameter is not supported on this platform; remove requirepeer", e));
            }
            if (!requirePeer.equals(actual)) {
                s.close();
                throw new IOException(new PgSslException("requirepeer", "requirepeer specifies \"" + requirePeer
                        + "\", but actual peer user name is \"" + actual + "\""));
            }
        }
        return s;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw tcp();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw tcp();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw tcp();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        throw tcp();
    }

    private static SocketException tcp() {
        return new SocketException("pgssl: PgSslUnixSocketFactory only opens Unix-domain sockets, through createSocket()");
    }
}
