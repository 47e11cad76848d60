package io.github.pgssl.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.SslPolicy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.api.Test;

/** The host-list algorithm against closed ports (no server needed); TLS outcomes are in the ITs. */
class ConnectorTest {

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void connectWhenEveryHostRefusesThenEachFailureListedInOrder() throws Exception {
        int p1 = closedPort();
        int p2 = closedPort();
        JdbcConfiguration c = JdbcConfigurationTest.cfg(SslPolicy.disabled(), "host", "127.0.0.1,localhost",
                "hostaddr", "127.0.0.1,127.0.0.1", "port", p1 + "," + p2, "user", "u", "password", "SENTINEL-pw-4711");
        SQLException e = assertThrows(SQLException.class, () -> c.dataSource().getConnection());
        assertInstanceOf(SQLNonTransientConnectionException.class, e);
        assertEquals("08001", e.getSQLState());
        assertEquals("connection to server at \"127.0.0.1\", port " + p1 + " failed: Connection refused\n"
                + "\tIs the server running on that host and accepting TCP/IP connections?\n"
                + "connection to server at \"localhost\" (127.0.0.1), port " + p2 + " failed: Connection refused\n"
                + "\tIs the server running on that host and accepting TCP/IP connections?", e.getMessage());
        assertNoSentinel(e);
    }

    @Test
    void connectWhenUnixSocketMissingThenLibpqMessageAndNextHost(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        int p = closedPort();
        JdbcConfiguration c = JdbcConfigurationTest.cfg(SslPolicy.noVerify(), "host", dir + ",127.0.0.1",
                "port", "5432," + p, "user", "u", "sslmode", "verify-full");
        SQLException e = assertThrows(SQLException.class, () -> c.dataSource().getConnection());
        String[] lines = e.getMessage().split("\n");
        assertEquals(4, lines.length, e.getMessage());
        assertTrue(lines[0].startsWith("connection to server on socket \"" + dir + "/.s.PGSQL.5432\" failed: "), lines[0]);
        assertEquals("\tIs the server running locally and accepting connections on that socket?", lines[1]);
        assertEquals("connection to server at \"127.0.0.1\", port " + p + " failed: Connection refused", lines[2]);
    }

    static void assertNoSentinel(Throwable e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        e.printStackTrace(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("SENTINEL"), "sentinel leaked into the exception");
    }
}
