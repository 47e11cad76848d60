package io.github.pgssl.doctor;

import io.github.pgssl.ConnectionSettings;

import java.util.List;

/**
 * The first server of a connection: the name libpq verifies and sends as SNI ({@code host}), the
 * address it dials ({@code hostaddr}, else {@code host}) and the port.
 */
record Target(String host, String address, int port, String note) {

    static final int DEFAULT_PORT = 5432;

    /** The first host of the settings; a missing host means localhost, as the Java drivers do. */
    static Target of(ConnectionSettings s) {
        List<String> hosts = s.hosts();
        List<String> addrs = s.hostaddrs();
        List<String> ports = s.ports();
        String host = hosts.isEmpty() ? "" : hosts.get(0);
        String addr = addrs.isEmpty() ? "" : addrs.get(0);
        String note = null;
        if (host.isEmpty() && addr.isEmpty()) {
            host = "localhost";
            note = "host is not set: libpq would use the local Unix socket; the Java drivers use localhost";
        } else if (hosts.size() > 1 || addrs.size() > 1) {
            note = "several hosts are listed; the probe checks the first one";
        }
        int port = DEFAULT_PORT;
        String p = ports.isEmpty() ? "" : ports.get(0);
        if (!p.isEmpty()) {
            try {
                port = Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                throw new io.github.pgssl.ConnectionStringException("port",
                        "port: invalid port number \"" + p + "\"; use a number between 1 and 65535", "");
            }
        }
        return new Target(host, addr.isEmpty() ? host : addr, port, note);
    }

    /** Whether the host is a Unix-socket directory (libpq never uses TLS there). */
    boolean isUnixSocket() {
        return host.startsWith("/") || host.startsWith("@");
    }

    /** Whether {@code host} is an IP literal (no SNI is sent for it). */
    boolean hostIsIp() {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    String display() {
        return address.equals(host) ? host + ":" + port : host + " (" + address + "):" + port;
    }
}
