package io.github.pgssl.quarkus.deployment;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Blocking helpers for the reactive tests (the test thread is not a Vert.x thread). */
final class Reactive {
    private Reactive() {
    }

    /** The first row of a query, as strings. */
    static List<String> row(Pool pool, String sql) throws Exception {
        Row row = pool.query(sql).execute().toCompletionStage().toCompletableFuture()
                .get(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).iterator().next();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            out.add(String.valueOf(row.getValue(i)));
        }
        return out;
    }

    /** Every message in a cause chain, one a line. */
    static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return b.toString();
    }
}
