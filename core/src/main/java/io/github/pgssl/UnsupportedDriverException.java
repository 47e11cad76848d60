package io.github.pgssl;

/**
 * The database driver on the class path is a release pgssl cannot work with: raised when a
 * connection is configured (never a {@code NoClassDefFoundError} at connect time). The message
 * names the driver, the version found and the minimum, and the artifact to change.
 */
public class UnsupportedDriverException extends PgSslException {
    private static final long serialVersionUID = 1L;

    /** The driver's Maven coordinates. */
    private final String driver;
    /** The version found on the class path, or {@code unknown}. */
    private final String foundVersion;
    /** The oldest release pgssl supports. */
    private final String minimumVersion;

    /**
     * @param driver the driver's Maven coordinates ({@code org.postgresql:r2dbc-postgresql})
     * @param foundVersion the version found on the class path ({@code unknown} when the jar does not say)
     * @param minimumVersion the oldest release pgssl supports
     * @param message the full message
     */
    public UnsupportedDriverException(String driver, String foundVersion, String minimumVersion, String message) {
        super(null, message);
        this.driver = driver;
        this.foundVersion = foundVersion;
        this.minimumVersion = minimumVersion;
    }

    /** {@return the driver's Maven coordinates} */
    public String driver() {
        return driver;
    }

    /** {@return the version found on the class path, or {@code unknown}} */
    public String foundVersion() {
        return foundVersion;
    }

    /** {@return the oldest release pgssl supports} */
    public String minimumVersion() {
        return minimumVersion;
    }
}
