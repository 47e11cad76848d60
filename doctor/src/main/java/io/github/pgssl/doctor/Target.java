package io.github.pgssl.doctor;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.Endpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * One probed server of a connection: core's {@link Endpoint} (libpq's pairing of host, hostaddr
 * and port) plus the doctor's note about it.
 *
 * @param endpoint the server as libpq pairs it
 * @param note     what the report should add about this server, or {@code null}
 */
record Target(Endpoint endpoint, String note) {

    /** At most this many hosts of a list are probed. */
    static final int MAX_PROBED = 8;

    /** The first host of the settings. */
    static Target of(ConnectionSettings s) {
        return all(s).get(0);
    }

    /**
     * The servers of libpq's host list, at most {@link #MAX_PROBED}.
     *
     * @throws io.github.pgssl.ConnectionStringException when the lists cannot be paired or a port is invalid
     */
    static List<Target> all(ConnectionSettings s) {
        List<Endpoint> endpoints = s.endpoints();
        int n = endpoints.size();
        List<Target> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, MAX_PROBED); i++) {
            Endpoint e = endpoints.get(i);
            String note = null;
            if (i == MAX_PROBED - 1 && n > MAX_PROBED) {
                note = "the list has " + n + " hosts; the probe stops at " + MAX_PROBED;
            }
            out.add(new Target(e, note));
        }
        return List.copyOf(out);
    }

    /** libpq's {@code host}: the name verified and sent as SNI ({@code ""} when only hostaddr is given). */
    String host() {
        return endpoint.verifyHost();
    }

    /** The address dialled: {@code hostaddr}, else {@code host}. */
    String address() {
        return endpoint.connectAddress();
    }

    int port() {
        return endpoint.port();
    }

    /** Whether libpq connects over a Unix-domain socket here (it never uses TLS there). */
    boolean isUnixSocket() {
        return endpoint.isUnixSocket();
    }

    /** Whether {@code host} is an IP literal (no SNI is sent for it). */
    boolean hostIsIp() {
        return host().contains(":") || host().matches("[0-9.]+");
    }

    /** {@code host:port}, {@code host (hostaddr):port}, or {@code hostaddr:port} when only hostaddr is given. */
    String display() {
        if (host().isEmpty() || address().equals(host())) {
            return address() + ":" + port();
        }
        return host() + " (" + address() + "):" + port();
    }
}
