package io.github.pgssl;

/**
 * libpq's {@code target_session_attrs}: which server of the host list is acceptable once connected.
 * One enum for every adapter; the check itself ({@link #accepts}) and libpq's wording of a mismatch
 * ({@link #mismatch()}) live here.
 */
public enum TargetSessionAttrs {
    /** Any server. */
    ANY("any", null),
    /** A server whose sessions are read-write by default ({@code default_transaction_read_only=off}, not in recovery). */
    READ_WRITE("read-write", "session is read-only"),
    /** A server whose sessions are read-only by default. */
    READ_ONLY("read-only", "session is not read-only"),
    /** A server not in hot standby. */
    PRIMARY("primary", "server is in hot standby mode"),
    /** A server in hot standby. */
    STANDBY("standby", "server is not in hot standby mode"),
    /** A standby if there is one, else any server (libpq makes a second pass over the hosts). */
    PREFER_STANDBY("prefer-standby", "server is not in hot standby mode");

    private final String wireValue;
    private final String mismatch;

    TargetSessionAttrs(String wireValue, String mismatch) {
        this.wireValue = wireValue;
        this.mismatch = mismatch;
    }

    /** {@return libpq's spelling, e.g. {@code read-write}} */
    public String wireValue() {
        return wireValue;
    }

    /** {@return libpq's message when a server does not match, e.g. {@code session is read-only}; {@code null} for {@link #ANY}} */
    public String mismatch() {
        return mismatch;
    }

    /** {@return whether the session attributes must be queried after connecting} */
    public boolean needsCheck() {
        return this != ANY;
    }

    /**
     * Whether a server in this state is acceptable.
     *
     * @param inRecovery {@code pg_is_in_recovery()}
     * @param readOnly   {@code transaction_read_only} is {@code on}
     * @return whether the connection may be kept; {@link #PREFER_STANDBY} accepts only a standby
     *         here, its fallback to any server being a second pass of the plan
     */
    public boolean accepts(boolean inRecovery, boolean readOnly) {
        return switch (this) {
            case ANY -> true;
            case READ_WRITE -> !readOnly;
            case READ_ONLY -> readOnly;
            case PRIMARY -> !inRecovery;
            case STANDBY, PREFER_STANDBY -> inRecovery;
        };
    }

    /**
     * The value for libpq's spelling (case-insensitive, as libpq compares it with {@code strcmp} on
     * the lower-case names); an unset or empty value is {@link #ANY}.
     *
     * @param value the {@code target_session_attrs} value as written, or {@code null}
     * @return the matching value
     * @throws SslConfigurationException naming {@code target_session_attrs} and the valid values
     */
    public static TargetSessionAttrs fromWireValue(String value) {
        if (value == null || value.isEmpty()) {
            return ANY;
        }
        for (TargetSessionAttrs t : values()) {
            if (t.wireValue.equals(value)) {
                return t;
            }
        }
        throw new SslConfigurationException("target_session_attrs", "invalid target_session_attrs value: \""
                + value
                + "\"; use any, read-write, read-only, primary, standby or prefer-standby");
    }
}
