package io.github.pgssl.r2dbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.PgSsl;
import io.github.pgssl.UnsupportedDriverException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DriverSupportTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
            "1.0.8.RELEASE, 1.0.8, 0",
            "1.0.7.RELEASE, 1.0.8, -1",
            "1.1.1.RELEASE, 1.0.8, 1",
            "1.1.3.RELEASE, 1.1.3, 0",
            "0.9.2.RELEASE, 1.0.8, -1",
            "1.0.10.RELEASE, 1.0.8, 1",
            "1.2.0-SNAPSHOT, 1.0.8, 1"})
    void compareWhenVersionsDifferThenNumericOrder(String a, String b, int expected) {
        assertEquals(expected, Integer.signum(DriverSupport.compare(a, b)));
    }

    @Test
    void checkDriverWhenOlderThanMinimumThenRefusedNamingFoundAndMinimum() {
        UnsupportedDriverException e = assertThrows(UnsupportedDriverException.class,
                () -> DriverSupport.checkDriver("0.9.2.RELEASE", true));
        assertEquals("r2dbc-postgresql 0.9.2.RELEASE is not supported by pgssl-r2dbc: the minimum is 1.0.8 (Spring Boot 3.5"
                + " manages 1.0.8, 4.0 manages 1.1.1); use org.postgresql:r2dbc-postgresql 1.0.8 or newer", e.getMessage());
        assertEquals("0.9.2.RELEASE", e.foundVersion());
        assertEquals("1.0.8", e.minimumVersion());
        assertEquals("org.postgresql:r2dbc-postgresql", e.driver());
    }

    @Test
    void checkDriverWhenTlsHooksMissingThenRefusedEvenWithUnknownVersion() {
        assertThrows(UnsupportedDriverException.class, () -> DriverSupport.checkDriver("unknown", false));
    }

    @Test
    void checkDriverWhenSupportedThenAccepted() {
        DriverSupport.checkDriver("1.0.8.RELEASE", true);
        DriverSupport.checkDriver("unknown", true);
    }

    @Test
    void thisBuildsDriverWhenCheckedThenSupportedWithEveryFeature() {
        // the module is built against r2dbc-postgresql 1.1.3: both optional features are there
        assertTrue(DriverSupport.CHANNEL_BINDING);
        assertTrue(DriverSupport.SSL_NEGOTIATION);
        DriverSupport.check(PgSsl.parse("postgresql://h/db?channel_binding=require&sslnegotiation=direct&sslmode=require"));
    }
}
