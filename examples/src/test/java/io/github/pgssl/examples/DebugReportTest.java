package io.github.pgssl.examples;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.testkit.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The debug report without a server: invalid input and unreachable hosts are reported, never thrown, never with a secret. */
class DebugReportTest {
    static final String SENTINEL = "Sentinel-Pw-5520";

    @Test
    void collectWhenInvalidUrlThenFailedWithMessageAndNoSecret() {
        Map<String, Object> m = DebugReport.collect("postgresql://u:" + SENTINEL + "@h/db?foo=bar", PgEnvironment.empty());
        String json = Json.write(m);
        assertFalse(json.contains(SENTINEL), json);
        assertEquals("Failed", m.get("connection"));
        assertTrue(String.valueOf(m.get("error")).contains("invalid URI query parameter: \"foo\""), String.valueOf(m.get("error")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void collectWhenNothingListensThenEveryDriverFailedAndNoSecret() {
        Map<String, Object> m = DebugReport.collect("postgresql://u:" + SENTINEL + "@127.0.0.1:1/db?sslmode=disable&connect_timeout=2",
                PgEnvironment.empty());
        String json = Json.write(m);
        assertFalse(json.contains(SENTINEL), json);
        assertEquals("Failed", m.get("connection"));
        Map<String, Object> vars = (Map<String, Object>) ((Map<String, Object>) m.get("environment")).get("variables");
        assertEquals("postgresql://u:******@127.0.0.1:1/db?sslmode=disable&connect_timeout=2", vars.get("DATABASE_URL"));
        assertEquals("disable", vars.get("DATABASE_URL_SSL"));
        for (Object d : ((Map<String, Object>) m.get("drivers")).values()) {
            assertEquals("Failed", ((Map<String, Object>) d).get("connection"));
        }
    }
}
