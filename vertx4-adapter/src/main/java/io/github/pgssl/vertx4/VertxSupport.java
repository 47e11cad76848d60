package io.github.pgssl.vertx4;

import io.github.pgssl.vertx.internal.VertxLine;

/**
 * Which Vert.x is on the class path, checked once when options are built: pgssl-vertx4 uses Vert.x
 * 4.5's client builder and internal connection factory, so Vert.x 5 (pgssl-vertx serves it) is
 * refused with {@link io.github.pgssl.UnsupportedDriverException} naming the version found.
 */
final class VertxSupport {
    /** The oldest Vert.x supported: {@code ClientBuilder} and {@code PgBuilder} arrived in 4.5.0. */
    static final String MINIMUM = "4.5.0";
    /** A class of Vert.x 4's internal API (Vert.x 5 moved it to {@code io.vertx.core.internal}). */
    static final String API = "io.vertx.core.impl.VertxInternal";

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

    /** The refusal for a Vert.x of another line, or one without the API pgssl-vertx4 uses. */
    static void checkDriver(String version, boolean api) {
        VertxLine.check("pgssl-vertx4", version, api, MINIMUM, 4, "use io.github.pgssl:pgssl-vertx for Vert.x 5,"
                + " or io.vertx:vertx-core and " + VertxLine.DRIVER + " 4.5.x (one version for both)");
    }

    /** Whether Vert.x 4 is on the class path (the adapter's {@code isAvailable}). */
    static boolean present() {
        return VertxLine.present(4, API, VertxSupport.class.getClassLoader());
    }
}
