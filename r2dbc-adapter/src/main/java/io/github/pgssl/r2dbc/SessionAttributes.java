package io.github.pgssl.r2dbc;

import io.github.pgssl.SslConfigurationException;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import reactor.core.publisher.Mono;

/**
 * libpq's {@code target_session_attrs}: after connecting, the session is checked and, on a
 * mismatch, closed and the next host tried (fe-connect.c, PG 14+ values).
 */
enum SessionAttributes {
    ANY("any"),
    READ_WRITE("read-write"),
    READ_ONLY("read-only"),
    PRIMARY("primary"),
    STANDBY("standby"),
    PREFER_STANDBY("prefer-standby");

    private final String wireValue;

    SessionAttributes(String wireValue) {
        this.wireValue = wireValue;
    }

    static SessionAttributes fromWireValue(String value) {
        for (SessionAttributes a : values()) {
            if (a.wireValue.equals(value)) {
                return a;
            }
        }
        throw new SslConfigurationException("target_session_attrs", "invalid target_session_attrs value: \"" + value
                + "\"; use any, read-write, read-only, primary, standby or prefer-standby");
    }

    /** A session that does not have the requested attributes; libpq moves to the next host. */
    static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    /** Completes with the connection when it qualifies, else closes it and fails with a {@link Mismatch}. */
    Mono<PostgresqlConnection> check(PostgresqlConnection connection) {
        if (this == ANY) {
            return Mono.just(connection);
        }
        return connection.createStatement("select pg_catalog.pg_is_in_recovery(), pg_catalog.current_setting('transaction_read_only')")
                .execute()
                .flatMap(r -> r.map((row, md) -> mismatch(Boolean.TRUE.equals(row.get(0, Boolean.class)), "on".equals(row.get(1, String.class)))))
                .next()
                .flatMap(problem -> problem.isEmpty()
                        ? Mono.just(connection)
                        : Mono.from(connection.close()).then(Mono.<PostgresqlConnection>error(new Mismatch(problem))))
                .onErrorResume(e -> !(e instanceof Mismatch), e -> Mono.from(connection.close()).then(Mono.error(e)));
    }

    /** libpq's message for a session that does not qualify, or empty. */
    private String mismatch(boolean inRecovery, boolean readOnly) {
        return switch (this) {
            case ANY -> "";
            case READ_WRITE -> readOnly ? "session is read-only" : "";
            case READ_ONLY -> readOnly ? "" : "session is not read-only";
            case PRIMARY -> inRecovery ? "server is in hot standby mode" : "";
            case STANDBY, PREFER_STANDBY -> inRecovery ? "" : "server is not in hot standby mode";
        };
    }
}
