package io.github.pgssl.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSslException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A sentinel password driven through every renderer of the adapter, for valid and malformed strings. */
class RedactionTest {
    static final String SENTINEL = "Sentinel-Pw-0xC0FFEE";

    static String leakCheck(Object o) {
        String s = String.valueOf(o);
        assertFalse(s.contains(SENTINEL), () -> "sentinel leaked: " + s);
        return s;
    }

    static String trace(Throwable e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        e.printStackTrace(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    static Stream<String> validStrings() throws Exception {
        int closed = ConnectorTest.closedPort();
        return Stream.of(
                "postgresql://u:" + SENTINEL + "@127.0.0.1:" + closed + "/db?sslmode=disable",
                "host=127.0.0.1 port=" + closed + " user=u password=" + SENTINEL + " sslmode=disable",
                "host=127.0.0.1 port=" + closed + " user=u password='" + SENTINEL + "' sslpassword=" + SENTINEL
                        + " sslmode=disable");
    }

    @ParameterizedTest
    @MethodSource("validStrings")
    void everyRendererWhenValidStringThenNoSentinel(String cs) {
        JdbcConfiguration cfg = PgSslJdbc.configuration(cs, PgEnvironment.empty());
        leakCheck(cfg);
        leakCheck(cfg.jdbcUrl());
        leakCheck(cfg.dataSource());
        leakCheck(cfg.settings());
        assertTrue(cfg.properties().getProperty("password").contains(SENTINEL), "pgjdbc still gets the password");
        SQLException e = assertThrows(SQLException.class, () -> cfg.dataSource().getConnection());
        leakCheck(trace(e));
        SQLException d = assertThrows(SQLException.class, () -> DriverManager.getConnection(PgSslDriver.PREFIX + cs, emptyEnv()));
        leakCheck(trace(d));
    }

    static Stream<String> malformedStrings() {
        return Stream.of(
                "postgresql://u:" + SENTINEL + "@h/db?sslmode=verify_full",
                "postgresql://u:" + SENTINEL + "@h/db?bogus=1",
                "postgresql://u:" + SENTINEL + "@[::1/db",
                "host=h password=" + SENTINEL + " sslmode=Require",
                "host=h password='" + SENTINEL,
                "host=h password=" + SENTINEL + " require_auth=scram-sha-256",
                "host=h password=" + SENTINEL + " port=1,2,3");
    }

    @ParameterizedTest
    @MethodSource("malformedStrings")
    void everyRendererWhenMalformedStringThenNoSentinel(String cs) {
        PgSslException e = assertThrows(PgSslException.class, () -> PgSslJdbc.configuration(cs, PgEnvironment.empty()));
        leakCheck(trace(e));
        SQLException d = assertThrows(SQLException.class, () -> DriverManager.getConnection(PgSslDriver.PREFIX + cs, emptyEnv()));
        assertEquals("08001", d.getSQLState());
        leakCheck(trace(d));
    }

    @Test
    void driverWhenPasswordOnlyInPropertiesThenNotInAnyMessage() throws Exception {
        Properties info = emptyEnv();
        info.setProperty("user", "u");
        info.setProperty("password", SENTINEL);
        int closed = ConnectorTest.closedPort();
        SQLException d = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                PgSslDriver.PREFIX + "host=127.0.0.1 port=" + closed + " sslmode=disable", info));
        leakCheck(trace(d));
        assertTrue(d.getMessage().startsWith("connection to server at \"127.0.0.1\", port " + closed + " failed: Connection refused"),
                d.getMessage());
    }

    private static Properties emptyEnv() {
        Properties p = new Properties();
        p.put(PgSslDriver.ENVIRONMENT_PROPERTY, PgEnvironment.empty());
        return p;
    }
}
