package io.github.pgssl.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pgssl.UnsupportedDriverException;

import org.junit.jupiter.api.Test;

class PgjdbcSupportTest {

    @Test
    void checkDriverWhenOlderThanMinimumThenRefusedNamingFoundAndMinimum() {
        UnsupportedDriverException e = assertThrows(UnsupportedDriverException.class,
                () -> PgjdbcSupport.checkDriver("42.6.2", new int[] {42, 6, 2}, true));
        assertEquals("pgjdbc 42.6.2 is not supported by pgssl-jdbc: the minimum is 42.7.8 (Spring Boot 3.5 manages 42.7.8);"
                + " use org.postgresql:postgresql 42.7.8 or newer", e.getMessage());
        assertEquals("42.6.2", e.foundVersion());
        assertEquals("42.7.8", e.minimumVersion());
    }

    @Test
    void checkDriverWhenPropertiesMissingThenRefused() {
        assertThrows(UnsupportedDriverException.class, () -> PgjdbcSupport.checkDriver("42.7.9", new int[] {42, 7, 9}, false));
    }

    @Test
    void checkDriverWhenMinimumOrNewerThenAccepted() {
        PgjdbcSupport.checkDriver("42.7.8", new int[] {42, 7, 8}, true);
        PgjdbcSupport.checkDriver("42.10.0", new int[] {42, 10, 0}, true);
    }

    @Test
    void checkWhenThisBuildsPgjdbcThenAccepted() {
        PgjdbcSupport.check();
    }
}
