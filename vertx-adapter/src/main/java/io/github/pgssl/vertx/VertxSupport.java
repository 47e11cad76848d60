package io.github.pgssl.vertx;

import io.github.pgssl.UnsupportedDriverException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Which Vert.x is on the class path, checked once when options are built: pgssl-vertx uses Vert.x
 * 5's client builder and internal transport API, so Vert.x 4 (which has neither) is refused with
 * {@link UnsupportedDriverException} naming the version found, rather than a
 * {@code NoClassDefFoundError} at connect time.
 */
final class VertxSupport {
    /** Maven coordinates of the client. */
    static final String DRIVER = "io.vertx:vertx-pg-client";
    /** The oldest Vert.x line supported. */
    static final String MINIMUM = "5.0.0";

    private static volatile boolean checked;

    private VertxSupport() {
    }

    static void check() {
        if (checked) {
            return;
        }
        checkDriver(version(), present("io.vertx.core.internal.VertxInternal") && present("io.vertx.sqlclient.ClientBuilder"));
        checked = true;
    }

    /** The refusal for a Vert.x before 5, or one without the API pgssl-vertx uses. */
    static void checkDriver(String version, boolean api) {
        int major = -1;
        try {
            major = Integer.parseInt(version.split("[.-]")[0]);
        } catch (NumberFormatException unknown) {
            // "unknown": the API check decides
        }
        if (!api || (major >= 0 && major < 5)) {
            throw new UnsupportedDriverException(DRIVER, version, MINIMUM, "Vert.x " + version + " is not supported by"
                    + " pgssl-vertx: the minimum is " + MINIMUM + "; use io.vertx:vertx-core and " + DRIVER + " " + MINIMUM
                    + " or newer (one version for both)");
        }
    }

    private static String version() {
        try (InputStream in = VertxSupport.class.getClassLoader().getResourceAsStream("META-INF/vertx/vertx-version.txt")) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, VertxSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
