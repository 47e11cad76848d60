package io.github.pgssl.jdbc;

import io.github.pgssl.UnsupportedDriverException;

/**
 * Which pgjdbc is on the class path, checked once when a configuration is built: a release older
 * than {@value #MINIMUM} (or one without the connection properties pgssl sets, such as
 * {@code sslNegotiation} and {@code channelBinding}, which an older pgjdbc would silently ignore)
 * is refused with {@link UnsupportedDriverException}, never left to weaken a connection.
 */
final class PgjdbcSupport {
    /** Maven coordinates of the driver. */
    static final String DRIVER = "org.postgresql:postgresql";
    /** The oldest release supported: the one Spring Boot 3.5 manages, the oldest tested. */
    static final String MINIMUM = "42.7.8";
    private static final int[] MINIMUM_PARTS = {42, 7, 8};

    private static volatile Boolean checked;

    private PgjdbcSupport() {
    }

    /** Refuses an unsupported pgjdbc; does nothing when pgjdbc is absent (the driver says so itself). */
    static void check() {
        if (Boolean.TRUE.equals(checked)) {
            return;
        }
        Class<?> info;
        try {
            info = Class.forName("org.postgresql.util.DriverInfo", false, PgjdbcSupport.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return;
        }
        String version = "unknown";
        int[] parts = null;
        try {
            // read reflectively: DriverInfo's constants would otherwise be compiled into this class
            version = String.valueOf(info.getField("DRIVER_VERSION").get(null));
            parts = new int[] {info.getField("MAJOR_VERSION").getInt(null), info.getField("MINOR_VERSION").getInt(null),
                    info.getField("PATCH_VERSION").getInt(null)};
        } catch (ReflectiveOperationException | RuntimeException unknown) {
            // an unusual build; the property check below still decides
        }
        boolean properties = org.postgresql.PGProperty.forName("sslNegotiation") != null
                && org.postgresql.PGProperty.forName("channelBinding") != null;
        checkDriver(version, parts, properties);
        checked = Boolean.TRUE;
    }

    /** The refusal for a version below {@value #MINIMUM} or a driver without the properties pgssl sets. */
    static void checkDriver(String version, int[] parts, boolean properties) {
        if (!properties || (parts != null && java.util.Arrays.compare(parts, MINIMUM_PARTS) < 0)) {
            throw new UnsupportedDriverException(DRIVER, version, MINIMUM, "pgjdbc " + version + " is not supported by"
                    + " pgssl-jdbc: the minimum is " + MINIMUM + " (Spring Boot 3.5 manages 42.7.8); use " + DRIVER + " "
                    + MINIMUM + " or newer");
        }
    }
}
