package io.github.pgssl;

import io.github.pgssl.internal.parse.HostList;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One server of libpq's host list: the {@code host}, {@code hostaddr} and {@code port} elements
 * at one position, paired and defaulted exactly as libpq's {@code pqConnectOptions2} and
 * {@code PQconnectPoll} do. Get the list with {@link ConnectionSettings#endpoints()}.
 *
 * <p>The rules, in one place for every adapter and the doctor:
 * <ul>
 *   <li>The number of servers is the element count of {@code hostaddr} if it is non-empty, else
 *   of {@code host}, else 1. When both are given they must have as many elements
 *   ({@code could not match 1 host names to 2 hostaddr values}).</li>
 *   <li>{@code port} has one element (used for every server) or one per server
 *   ({@code could not match 3 port numbers to 2 hosts}). An empty element means
 *   {@value #DEFAULT_PORT}; any other must be an integer from 1 to 65535.</li>
 *   <li>An element with neither {@code host} nor {@code hostaddr} means the default Unix-socket
 *   directory, {@value #DEFAULT_SOCKET_DIRECTORY}.</li>
 *   <li>{@code hostaddr} is where the TCP connection goes (no DNS); {@code host} is still the name
 *   verified against the certificate and sent as SNI, never {@code hostaddr}.</li>
 *   <li>Without a {@code hostaddr}, a {@code host} starting with {@code /} (a directory) or
 *   {@code @} (an abstract socket) is a Unix-domain socket, over which libpq never uses TLS.</li>
 * </ul>
 *
 * <p>Default socket directory: libpq compiles it in ({@code DEFAULT_PGSOCKET_DIR}); pgssl uses
 * {@code /var/run/postgresql}, the value of Debian's and PGDG's packages (upstream's source
 * default is {@code /tmp}), whether or not the directory exists on this machine, so that the
 * endpoint, and the password-file lookup for it, do not depend on the machine that parses.
 *
 * <p>Immutable; holds no secret.
 */
public final class Endpoint {
    /** libpq's {@code DEF_PGPORT}. */
    public static final int DEFAULT_PORT = 5432;

    /** libpq's {@code DEFAULT_PGSOCKET_DIR} as Debian and PGDG build it. */
    public static final String DEFAULT_SOCKET_DIRECTORY = "/var/run/postgresql";

    private final int index;
    private final String host;
    private final String hostaddr;
    private final int port;

    private Endpoint(int index, String host, String hostaddr, int port) {
        this.index = index;
        this.host = Objects.requireNonNull(host, "host");
        this.hostaddr = Objects.requireNonNull(hostaddr, "hostaddr");
        this.port = port;
    }

    /**
     * An endpoint given directly (already defaulted): mainly for tests and adapters that build one
     * server by hand. {@code hostaddr} is {@code ""} when not set; {@code host} may be {@code ""}
     * only when {@code hostaddr} is set.
     *
     * @param index the position of this server in the host list as written
     * @param host libpq's {@code host} (a name, an address or a socket directory), or {@code ""}
     * @param hostaddr libpq's numeric {@code hostaddr}, or {@code ""}
     * @param port the TCP port (for a socket, the number in the socket file's name)
     * @return the endpoint
     * @throws IllegalArgumentException when both are empty or the port is not 1 to 65535
     */
    public static Endpoint of(int index, String host, String hostaddr, int port) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(hostaddr, "hostaddr");
        if (host.isEmpty() && hostaddr.isEmpty()) {
            throw new IllegalArgumentException("host and hostaddr are both empty; give one of them");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not from 1 to 65535");
        }
        return new Endpoint(index, host, hostaddr, port);
    }

    /**
     * libpq's host list for these settings, in the order written (load balancing is the
     * caller's). Always at least one element.
     *
     * @throws ConnectionStringException when the lists cannot be paired or a port is not valid;
     *         the message is libpq's, followed by the fix
     */
    static List<Endpoint> listOf(ConnectionSettings settings) {
        String redacted = settings.toRedactedUrl();
        String hosts = settings.get("host").orElse(null);
        String hostaddrs = settings.get("hostaddr").orElse(null);
        String ports = settings.get("port").orElse(null);
        HostList.Mismatch mismatch = HostList.mismatch(hosts, hostaddrs, ports);
        if (mismatch != null) {
            throw new ConnectionStringException(mismatch.setting(), mismatch.message() + "; " + mismatch.fix(), redacted);
        }
        List<HostList.Entry> entries = HostList.pair(hosts, hostaddrs, ports);
        List<Endpoint> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            HostList.Entry e = entries.get(i);
            String host = e.host().isEmpty() && e.hostaddr().isEmpty() ? DEFAULT_SOCKET_DIRECTORY : e.host();
            out.add(new Endpoint(i, host, e.hostaddr(), port(e.port(), redacted)));
        }
        return List.copyOf(out);
    }

    /** libpq's {@code parse_int_param} then its range check, with their two messages. */
    private static int port(String text, String redacted) {
        if (text.isEmpty()) {
            return DEFAULT_PORT;
        }
        int p;
        try {
            p = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new ConnectionStringException("port", "invalid integer value \"" + text
                    + "\" for connection option \"port\"; use a number from 1 to 65535", redacted);
        }
        if (p < 1 || p > 65535) {
            throw new ConnectionStringException("port", "invalid port number: \"" + text
                    + "\"; use a number from 1 to 65535", redacted);
        }
        return p;
    }

    /** {@return the position of this server in the list as written} The per-host password lookup uses it. */
    public int index() {
        return index;
    }

    /**
     * {@return libpq's {@code host} for this server} That is the name (or socket directory) as
     * written, the default socket directory when neither host nor hostaddr is given, {@code ""} when
     * only a hostaddr is given.
     */
    public String host() {
        return host;
    }

    /** {@return the numeric {@code hostaddr}, or {@code ""} when not given} */
    public String hostaddr() {
        return hostaddr;
    }

    /** {@return the TCP port, or the number in the socket file's name for a Unix-domain socket} */
    public int port() {
        return port;
    }

    /** {@return where the connection goes: {@code hostaddr} when given, else {@code host}} */
    public String connectAddress() {
        return hostaddr.isEmpty() ? host : hostaddr;
    }

    /**
     * {@return the name verify-full checks the server certificate against and SNI sends} Always
     * {@code host}, never {@code hostaddr}; {@code ""} when only a hostaddr is given.
     */
    public String verifyHost() {
        return host;
    }

    /** {@return whether libpq connects over a Unix-domain socket} That is: no hostaddr, and host starts with {@code /} or {@code @}. */
    public boolean isUnixSocket() {
        return hostaddr.isEmpty() && HostList.isUnixSocket(host);
    }

    /** {@return the socket file libpq opens for a Unix-domain socket: {@code <host>/.s.PGSQL.<port>}} */
    public String socketPath() {
        return (host.endsWith("/") ? host : host + "/") + ".s.PGSQL." + port;
    }

    /**
     * How libpq's errors name this server, without the trailing {@code " failed"}:
     * {@code connection to server on socket "/dir/.s.PGSQL.5432"},
     * {@code connection to server at "db.example.com" (10.0.0.5), port 5432} when host and
     * hostaddr differ, else {@code connection to server at "db.example.com", port 5432}.
     *
     * @return the description
     */
    public String describe() {
        if (isUnixSocket()) {
            return "connection to server on socket \"" + socketPath() + "\"";
        }
        if (!hostaddr.isEmpty() && !host.isEmpty() && !host.equals(hostaddr)) {
            return "connection to server at \"" + host + "\" (" + hostaddr + "), port " + port;
        }
        return "connection to server at \"" + connectAddress() + "\", port " + port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint e && e.index == index && e.port == port && e.host.equals(host)
                && e.hostaddr.equals(hostaddr);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, host, hostaddr, port);
    }

    @Override
    public String toString() {
        return "Endpoint[" + index + ": " + describe() + "]";
    }
}
