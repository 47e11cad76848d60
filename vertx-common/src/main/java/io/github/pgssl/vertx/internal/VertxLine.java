package io.github.pgssl.vertx.internal;

import io.github.pgssl.UnsupportedDriverException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Which Vert.x line is on the class path. pgssl-vertx (5.0) and pgssl-vertx4 (4.5) each use their
 * line's internal connector API, so each refuses the other line with
 * {@link UnsupportedDriverException} naming the version found, rather than a
 * {@code NoClassDefFoundError} at connect time; their {@code DriverAdapter}s are available only on
 * their own line, so {@code PgSsl.configure(url, PgConnectOptions.class)} picks the one that fits.
 */
public final class VertxLine {
    /** Maven coordinates of the client. */
    public static final String DRIVER = "io.vertx:vertx-pg-client";

    private VertxLine() {
    }

    /**
     * Whether the Vert.x on the class path is of major version {@code major} and has {@code apiClass}.
     *
     * @param major    4 or 5
     * @param apiClass a class only that line has (its internal {@code VertxInternal})
     * @param loader   where to look
     * @return whether the adapter of that line can run
     */
    public static boolean present(int major, String apiClass, ClassLoader loader) {
        int found = major(version(loader));
        return hasClass(apiClass, loader) && (found < 0 || found == major);
    }

    /**
     * Refuses a Vert.x of another line (or without the adapter's API).
     *
     * @param artifact the adapter, named in the message
     * @param version  the Vert.x version found ({@code unknown} when not read)
     * @param api      whether the API the adapter uses is there
     * @param minimum  the oldest supported version
     * @param major    the supported major version
     * @param fix      what to do instead
     */
    public static void check(String artifact, String version, boolean api, String minimum, int major, String fix) {
        int found = major(version);
        if (!api || (found >= 0 && found != major)) {
            throw new UnsupportedDriverException(DRIVER, version, minimum, "Vert.x " + version + " is not supported by "
                    + artifact + ": it needs Vert.x " + major + ".x, " + minimum + " or newer; " + fix);
        }
    }

    /** {@return the Vert.x version in {@code META-INF/vertx/vertx-version.txt}, or {@code unknown}} */
    public static String version(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream("META-INF/vertx/vertx-version.txt")) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** {@return whether {@code className} loads} */
    public static boolean hasClass(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.split("[.-]")[0]);
        } catch (NumberFormatException unknown) {
            return -1; // "unknown": the API check decides
        }
    }
}
