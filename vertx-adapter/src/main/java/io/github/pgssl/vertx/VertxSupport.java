package io.github.pgssl.vertx;

import io.github.pgssl.vertx.internal.VertxLine;

/**
 * Which Vert.x is on the class path, checked once when options are built: pgssl-vertx uses Vert.x
 * 5's client builder and internal transport API, so Vert.x 4 (which has neither; pgssl-vertx4
 * serves it) is refused with {@link io.github.pgssl.UnsupportedDriverException} naming the version
 * found, rather than a {@code NoClassDefFoundError} at connect time.
 */
final class VertxSupport {
    /** The oldest Vert.x supported. */
    static final String MINIMUM = "5.0.0";
    /** A class of Vert.x 5's internal API (Vert.x 4 has {@code io.vertx.core.impl.VertxInternal}). */
    static final String API = "io.vertx.core.internal.VertxInternal";

    private static volatile boolean checked;

    private VertxSupport() {
    }

    static void check() {
        if (checked) {
            return;
        }
        ClassLoader loader = VertxSupport.class.getClassLoader();
        checkDriver(VertxLine.version(loader), VertxLine.hasClass(API, loader)
                && VertxLine.hasClass("io.vertx.sqlclient.ClientBuilder", loader));
        checked = true;
    }

    /** The refusal for a Vert.x of another line, or one without the API pgssl-vertx uses. */
    static void checkDriver(String version, boolean api) {
        VertxLine.check("pgssl-vertx", version, api, MINIMUM, 5, "use io.github.pgssl:pgssl-vertx4 for Vert.x 4.5,"
                + " or io.vertx:vertx-core and " + VertxLine.DRIVER + " " + MINIMUM + " or newer (one version for both)");
    }

    /** Whether Vert.x 5 is on the class path (the adapter's {@code isAvailable}). */
    static boolean present() {
        return VertxLine.present(5, API, VertxSupport.class.getClassLoader());
    }
}
