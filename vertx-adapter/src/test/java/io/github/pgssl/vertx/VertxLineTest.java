package io.github.pgssl.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pgssl.UnsupportedDriverException;

import org.junit.jupiter.api.Test;

class VertxLineTest {

    @Test
    void checkDriverWhenVertx4ThenRefusedNamingFoundAndMinimum() {
        UnsupportedDriverException e = assertThrows(UnsupportedDriverException.class,
                () -> OptionsBuilder.LINE.check("4.5.14", true));
        assertEquals("Vert.x 4.5.14 is not supported by pgssl-vertx: it needs Vert.x 5.x, 5.0.0 or newer; use"
                + " io.github.pgssl:pgssl-vertx4 for Vert.x 4.5, or io.vertx:vertx-core and io.vertx:vertx-pg-client 5.0.0"
                + " or newer (one version for both)", e.getMessage());
        assertEquals("4.5.14", e.foundVersion());
    }

    @Test
    void checkDriverWhenApiMissingThenRefused() {
        assertThrows(UnsupportedDriverException.class, () -> OptionsBuilder.LINE.check("unknown", false));
    }

    @Test
    void checkWhenThisBuildsVertxThenAccepted() {
        OptionsBuilder.LINE.check("5.0.10", true);
        OptionsBuilder.LINE.check();
        assertEquals(true, OptionsBuilder.LINE.present());
        // pgssl-vertx4's adapter asks for Vert.x 4's internal API: absent here, so only pgssl-vertx claims PgConnectOptions.
        assertEquals(false, new io.github.pgssl.vertx.internal.VertxLine("pgssl-vertx4", 4, "4.5.0",
                "io.vertx.core.impl.VertxInternal", "").present());
    }
}
