package io.github.pgssl.r2dbc;

import io.github.pgssl.PgSsl;

import java.util.Objects;

/**
 * One entry of libpq's host list: where the TCP connection goes ({@code hostaddr}, else
 * {@code host}), the name libpq verifies and sends as SNI ({@code host}), and the port.
 *
 * @param connectAddress the address or name the driver connects to
 * @param verifyHost     libpq's {@code host} for this entry; empty when only {@code hostaddr} was given
 * @param port           the TCP port (or the socket file's port number)
 * @param index          the entry's position in libpq's host list (for the per-host password-file lookup)
 */
record HostTarget(String connectAddress, String verifyHost, int port, int index) {

    HostTarget {
        Objects.requireNonNull(connectAddress, "connectAddress");
        Objects.requireNonNull(verifyHost, "verifyHost");
    }

    /** The first entry of a list. */
    HostTarget(String connectAddress, String verifyHost, int port) {
        this(connectAddress, verifyHost, port, 0);
    }

    /** A Unix-domain socket directory (libpq: a host starting with {@code /} or {@code @}). */
    boolean isUnixSocket() {
        return PgSsl.isUnixSocket(connectAddress);
    }

    /** The socket file r2dbc-postgresql connects to, libpq's {@code <dir>/.s.PGSQL.<port>}. */
    String socketFile() {
        return connectAddress + (connectAddress.endsWith("/") ? "" : "/") + ".s.PGSQL." + port;
    }

    /** How libpq names this server in its errors: {@code "host" (addr)} when both are known. */
    String describe() {
        if (isUnixSocket()) {
            return "connection to server on socket \"" + socketFile() + "\" failed";
        }
        String shown = verifyHost.isEmpty() ? connectAddress : verifyHost;
        String addr = !verifyHost.isEmpty() && !verifyHost.equals(connectAddress) ? " (" + connectAddress + ")" : "";
        return "connection to server at \"" + shown + "\"" + addr + ", port " + port + " failed";
    }

    @Override
    public String toString() {
        return describe();
    }
}
