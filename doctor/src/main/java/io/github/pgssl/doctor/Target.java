package io.github.pgssl.doctor;

import io.github.pgssl.ConnectionSettings;

import java.util.List;

/**
 * The first server of a connection: the name libpq verifies and sends as SNI ({@code host}), the
 * address it dials ({@code hostaddr}, else {@code host}) and the port.
 */
record Target(String host, String address, int port, String note) {

    static final int DEFAULT_PORT = 5432;

    /** At most this many hosts of a list are probed. */
    static final int MAX_PROBED = 8;

    /** The first host of the settings; a missing host means localhost, as the Java drivers do. */
    static Target of(ConnectionSettings s) {
        return all(s).get(0);
    }

    /**
     * Every entry of libpq's host list (at most {@link #MAX_PROBED}): as many as {@code hostaddr}
     * has elements, else as {@code host} has, else one; one port applies to all, else port i to host i.
     */
    static List<Target> all(ConnectionSettings s) {
        List<String> hosts = s.hosts();
        List<String> addrs = s.hostaddrs();
        List<String> ports = s.ports();
        int n = !addrs.isEmpty() ? addrs.size() : !hosts.isEmpty() ? hosts.size() : 1;
        List<Target> out = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(n, MAX_PROBED); i++) {
            String host = i < hosts.size() ? hosts.get(i) : "";
            String addr = i < addrs.size() ? addrs.get(i) : "";
            String note = null;
            if (host.isEmpty() && addr.isEmpty()) {
                host = "localhost";
                note = "host is not set: libpq would use the local Unix socket; the Java drivers use localhost";
            } else if (i == MAX_PROBED - 1 && n > MAX_PROBED) {
                note = "the list has " + n + " hosts; the probe stops at " + MAX_PROBED;
            }
            String p = ports.size() == 1 ? ports.get(0) : i < ports.size() ? ports.get(i) : "";
            int port = DEFAULT_PORT;
            if (!p.isEmpty()) {
                try {
                    port = Integer.parseInt(p.trim());
                } catch (NumberFormatException e) {
                    throw new io.github.pgssl.ConnectionStringException("port",
                            "port: invalid port number \"" + p + "\"; use a number between 1 and 65535", "");
                }
            }
            out.add(new Target(host, addr.isEmpty() ? host : addr, port, note));
        }
        return List.copyOf(out);
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
