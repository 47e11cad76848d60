package io.github.pgssl.reliability;

/**
 * What one probe query saw on the server side of its connection ({@code pg_stat_ssl} of the backend).
 *
 * @param ssl whether the connection is TLS (a plaintext connection is a failure of the harness's checks)
 * @param clientSerial the serial of the client certificate the server accepted, or {@code ""} when none
 */
public record Probe(boolean ssl, String clientSerial) {
    /** The probe query: one row, from the server's view of this very connection. */
    public static final String SQL =
            "select ssl, coalesce(client_serial::text, '') from pg_stat_ssl where pid = pg_backend_pid()";
}
