package io.github.pgssl.internal.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * libpq's pairing of the {@code host}, {@code hostaddr} and {@code port} lists
 * ({@code pqConnectOptions2}): the one implementation behind {@link io.github.pgssl.Endpoint}
 * and the per-host password-file lookup. Elements are returned raw (an empty element stays
 * empty); defaults and port validation are the caller's, because libpq applies them only when
 * it connects. Not API.
 */
public final class HostList {

    /** One paired entry: the raw {@code host}, {@code hostaddr} and {@code port} elements (each possibly empty). */
    public record Entry(String host, String hostaddr, String port) {
    }

    /**
     * Lists that cannot be paired: the setting to fix, libpq's exact message, and the fix (the
     * parser reports libpq's text alone, as psql does).
     */
    public record Mismatch(String setting, String message, String fix) {
    }

    private HostList() {
    }

    /**
     * libpq's check of the three raw keyword values ({@code null} or empty = unset) before it
     * pairs them: the host count is the element count of {@code hostaddr} if it is non-empty,
     * else of {@code host}, else 1; {@code host} must then have as many elements as
     * {@code hostaddr}; {@code port} has one element (for every host) or one per host.
     *
     * @return the mismatch, or {@code null} when {@link #pair} can pair the lists
     */
    public static Mismatch mismatch(String host, String hostaddr, String port) {
        int hosts = count(host);
        int addrs = count(hostaddr);
        int ports = count(port);
        int n = addrs > 0 ? addrs : hosts > 0 ? hosts : 1;
        if (addrs > 0 && hosts > 0 && hosts != n) {
            return new Mismatch("hostaddr", "could not match " + hosts + " host names to " + n
                    + " hostaddr values", "give one hostaddr per host");
        }
        if (ports > 1 && ports != n) {
            return new Mismatch("port", "could not match " + ports + " port numbers to " + n
                    + " hosts", "give one port for all hosts, or one per host");
        }
        return null;
    }

    /**
     * Pairs the three raw keyword values as libpq does (see {@link #mismatch}, which the caller
     * checks first).
     *
     * @throws IllegalArgumentException when {@link #mismatch} reports a mismatch
     */
    public static List<Entry> pair(String host, String hostaddr, String port) {
        Mismatch m = mismatch(host, hostaddr, port);
        if (m != null) {
            throw new IllegalArgumentException(m.message() + "; " + m.fix());
        }
        List<String> hosts = isEmpty(host) ? List.of() : split(host);
        List<String> addrs = isEmpty(hostaddr) ? List.of() : split(hostaddr);
        List<String> ports = isEmpty(port) ? List.of() : split(port);
        int n = !addrs.isEmpty() ? addrs.size() : !hosts.isEmpty() ? hosts.size() : 1;
        List<Entry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Entry(hosts.isEmpty() ? "" : hosts.get(i),
                    addrs.isEmpty() ? "" : addrs.get(i),
                    ports.isEmpty() ? "" : ports.get(ports.size() == 1 ? 0 : i)));
        }
        return List.copyOf(out);
    }

    /** The element count of {@link #split}, 0 for {@code null} or empty. */
    private static int count(String v) {
        if (isEmpty(v)) {
            return 0;
        }
        int n = 1;
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) == ',') {
                n++;
            }
        }
        return n;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    /** libpq's {@code parse_comma_separated_list}: no quoting, no trimming, empty elements kept. */
    public static List<String> split(String v) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= v.length(); i++) {
            if (i == v.length() || v.charAt(i) == ',') {
                out.add(v.substring(start, i));
                start = i + 1;
            }
        }
        return List.copyOf(out);
    }

    /** Whether libpq reads {@code host} as a Unix-domain socket directory ({@code /}) or abstract socket ({@code @}). */
    public static boolean isUnixSocket(String host) {
        return host != null && (host.startsWith("/") || host.startsWith("@"));
    }
}
