package io.github.pgssl.vertx.internal;

import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.Outcome;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The conformance client's query over a Vert.x pool or connection, for both adapters' ITs (Vert.x
 * 4.5 and 5.0 spell these calls the same): run {@link ConformanceClient#QUERY}, report TLS or
 * plaintext, rethrow the failure that failed the {@code Future}, close the client.
 */
public final class VertxConformanceQueries {
    private VertxConformanceQueries() {
    }

    /** One query through a new pool, closed afterwards. */
    public static Outcome throughPool(Pool pool) throws Exception {
        try {
            return query(pool);
        } finally {
            await(pool.close(), 30);
        }
    }

    /** One connection opened by {@code connect}, one query, closed afterwards. */
    public static Outcome throughConnection(Supplier<Future<? extends SqlConnection>> connect) throws Exception {
        SqlConnection connection = await(connect.get(), 45);
        try {
            return query(connection);
        } finally {
            await(connection.close(), 30);
        }
    }

    private static Outcome query(SqlClient client) throws Exception {
        Row row = await(client.query(ConformanceClient.QUERY).execute(), 45).iterator().next();
        return row.getBoolean(0) ? new Outcome.Tls(row.getString(1)) : new Outcome.Plaintext();
    }

    /** The future's result within {@code seconds}; its failure rethrown as it is. */
    public static <T> T await(Future<T> future, int seconds) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
