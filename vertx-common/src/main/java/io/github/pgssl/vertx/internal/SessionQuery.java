package io.github.pgssl.vertx.internal;

import io.github.pgssl.spi.AttemptRunner.SessionState;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;

import java.util.List;

/**
 * Reads the answer to core's {@link SessionState#QUERY} (for {@code target_session_attrs}); each
 * Vert.x line runs the query with its own internal command API.
 */
public final class SessionQuery {
    private SessionQuery() {
    }

    /** {@return the session state in one row, or {@code null} when the answer is not one row} */
    public static SessionState read(List<Row> rows) {
        if (rows == null || rows.size() != 1) {
            return null;
        }
        Row row = rows.get(0);
        return SessionState.of(Boolean.TRUE.equals(row.getBoolean(0)), row.getString(1));
    }

    /** {@return the state read, or the failure saying the answer was not one row} */
    public static Future<SessionState> result(SessionState state) {
        return state != null ? Future.succeededFuture(state)
                : Future.failedFuture(new IllegalStateException("target_session_attrs: the server's answer to \""
                        + SessionState.QUERY + "\" was not one row"));
    }
}
