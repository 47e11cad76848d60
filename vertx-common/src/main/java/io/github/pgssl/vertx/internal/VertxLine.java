package io.github.pgssl.vertx.internal;

import io.github.pgssl.UnsupportedDriverException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The Vert.x line an adapter is built for, and whether that line is on the class path.
 * pgssl-vertx (5.0) and pgssl-vertx4 (4.5) each use their line's internal connector API, so each
 * refuses the other line with {@link UnsupportedDriverException} naming the version found (rather
 * than a {@code NoClassDefFoundError} at connect time), and each adapter's {@code DriverAdapter} is
 * available only on its own line, so {@code PgSsl.configure(url, PgConnectOptions.class)} picks the
 * one that fits.
 */
public final class VertxLine {
    /** Maven coordinates of the client. */
    public static final String DRIVER = "io.vertx:vertx-pg-client";

    private final String artifact;
    private final int major;
    private final String minimum;
    private final String apiClass;
    private final String fix;
    private volatile boolean checked;

    /**
     * @param artifact the adapter, named in the refusal ({@code pgssl-vertx4})
     * @param major    the supported major version (4 or 5)
     * @param minimum  the oldest supported version
     * @param apiClass a class only that line has (its internal {@code VertxInternal})
     * @param fix      what to do instead, ending the refusal
     */
    public VertxLine(String artifact, int major, String minimum, String apiClass, String fix) {
        this.artifact = artifact;
        this.major = major;
        this.minimum = minimum;
        this.apiClass = apiClass;
        this.fix = fix;
    }

    /** Refuses, once per class loader, a Vert.x of another line or one without the adapter's API. */
    public void check() {
        if (checked) {
            return;
        }
        ClassLoader loader = VertxLine.class.getClassLoader();
        check(version(loader), hasClass(apiClass, loader) && hasClass("io.vertx.sqlclient.ClientBuilder", loader));
        checked = true;
    }

    /**
     * Refuses a Vert.x of another line (or without the adapter's API).
     *
     * @param version the Vert.x version found ({@code unknown} when not read)
     * @param api     whether the API the adapter uses is there
     */
    public void check(String version, boolean api) {
        int found = major(version);
        if (!api || (found >= 0 && found != major)) {
            throw new UnsupportedDriverException(DRIVER, version, minimum, "Vert.x " + version + " is not supported by "
                    + artifact + ": it needs Vert.x " + major + ".x, " + minimum + " or newer; " + fix);
        }
    }

    /** {@return whether this line's Vert.x is on the class path (the adapter's {@code isAvailable})} */
    public boolean present() {
        ClassLoader loader = VertxLine.class.getClassLoader();
        int found = major(version(loader));
        return hasClass(apiClass, loader) && (found < 0 || found == major);
    }

    /** {@return the Vert.x version in {@code META-INF/vertx/vertx-version.txt}, or {@code unknown}} */
    public static String version(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream("META-INF/vertx/vertx-version.txt")) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static boolean hasClass(String className, ClassLoader loader) {
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
