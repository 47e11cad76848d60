package io.github.pgssl.r2dbc;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.SslConfigurationException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** libpq's pairing of the {@code host}, {@code hostaddr} and {@code port} lists (fe-connect.c {@code pqConnectOptions2}). */
final class HostTargets {
    static final int DEFAULT_PORT = 5432;

    private HostTargets() {
    }

    static List<HostTarget> of(ConnectionSettings settings) {
        List<String> hosts = settings.hosts();
        List<String> addrs = settings.hostaddrs();
        List<String> ports = settings.ports();
        int count = !addrs.isEmpty() ? addrs.size() : !hosts.isEmpty() ? hosts.size() : 1;
        if (!addrs.isEmpty() && !hosts.isEmpty() && hosts.size() != addrs.size()) {
            throw new SslConfigurationException("hostaddr", "could not match " + hosts.size() + " host names to "
                    + addrs.size() + " hostaddr values; give one hostaddr per host");
        }
        if (ports.size() > 1 && ports.size() != count) {
            throw new SslConfigurationException("port", "could not match " + ports.size() + " port numbers to "
                    + count + " hosts; give one port for all hosts or one per host");
        }
        List<HostTarget> targets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String host = hosts.isEmpty() ? "" : hosts.get(i).trim();
            String addr = addrs.isEmpty() ? "" : addrs.get(i).trim();
            String portText = ports.isEmpty() ? "" : ports.get(ports.size() == 1 ? 0 : i).trim();
            int port = port(portText);
            String connect = !addr.isEmpty() ? addr : !host.isEmpty() ? host : defaultHost();
            targets.add(new HostTarget(connect, addr.isEmpty() ? connect : host, port, i));
        }
        return List.copyOf(targets);
    }

    private static int port(String text) {
        if (text.isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            int p = Integer.parseInt(text);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SslConfigurationException("port", "invalid port number: \"" + text + "\"; use a number from 1 to 65535");
    }

    /** libpq's compiled default: the Unix socket directory (Debian's, else upstream's {@code /tmp}). */
    private static String defaultHost() {
        return Files.isDirectory(Path.of("/var/run/postgresql")) ? "/var/run/postgresql" : "/tmp";
    }
}
