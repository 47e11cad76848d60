package io.github.pgssl.jdbc;

import io.github.pgssl.PgSslException;

/** libpq's {@code target_session_attrs}, checked by pgssl-jdbc after connecting (libpq's wording on mismatch). */
enum TargetSessionAttrs {
    ANY("any", "any", null),
    READ_WRITE("read-write", "primary", "session is read-only"),
    READ_ONLY("read-only", "secondary", "session is not read-only"),
    PRIMARY("primary", "primary", "server is in hot standby mode"),
    STANDBY("standby", "secondary", "server is not in hot standby mode"),
    PREFER_STANDBY("prefer-standby", "preferSecondary", "server is not in hot standby mode");

    final String wireValue;
    /** pgjdbc's nearest {@code targetServerType}, for the native URL/Properties form only. */
    final String pgjdbcTargetServerType;
    /** libpq's message when a server does not match. */
    final String mismatch;

    TargetSessionAttrs(String wireValue, String pgjdbcTargetServerType, String mismatch) {
        this.wireValue = wireValue;
        this.pgjdbcTargetServerType = pgjdbcTargetServerType;
        this.mismatch = mismatch;
    }

    static TargetSessionAttrs fromWireValue(String v) {
        for (TargetSessionAttrs t : values()) {
            if (t.wireValue.equals(v)) {
                return t;
            }
        }
        throw new PgSslException("target_session_attrs", "invalid target_session_attrs value: \"" + v
                + "\"; use any, read-write, read-only, primary, standby or prefer-standby");
    }

    /** Whether a server in this state is acceptable. */
    boolean accepts(boolean inRecovery, boolean readOnly) {
        switch (this) {
            case READ_WRITE:
                return !readOnly;
            case READ_ONLY:
                return readOnly;
            case PRIMARY:
                return !inRecovery;
            case STANDBY:
            case PREFER_STANDBY:
                return inRecovery;
            default:
                return true;
        }
    }
}
