package io.github.pgssl.vertx4;

import io.vertx.core.Future;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.impl.SingletonSupplier;
import io.vertx.sqlclient.impl.SqlConnectionBase;
import io.vertx.sqlclient.spi.ConnectionFactory;
import io.vertx.sqlclient.spi.Driver;

/**
 * A pool-less connection on pgssl's connection factory, closed with its connection, as Vert.x's own
 * {@code PgConnection.connect} does with its factory.
 *
 * <p>This type only exists to reach {@code SqlConnectionBase.prepareForClose}, which is
 * {@code protected static}: it is abstract and never instantiated.
 */
abstract class SingleConnections extends SqlConnectionBase<SingleConnections> {

    private SingleConnections(ContextInternal context, ConnectionFactory factory, Driver driver) {
        super(context, factory, null, driver);
    }

    static Future<SqlConnection> connect(VertxInternal vertx, PgConnectOptions options) {
        ContextInternal context = vertx.getOrCreateContext();
        LibpqConnectionFactory factory;
        try {
            factory = new LibpqConnectionFactory(vertx, SingletonSupplier.wrap(options));
        } catch (RuntimeException e) {
            return context.failedFuture(e);
        }
        // The Context overload: it wraps the low-level connection into a PgConnection, as Vert.x does.
        Future<SqlConnection> connection = factory.connect((io.vertx.core.Context) context, options);
        // On success the connection closes the factory when it closes; on failure nobody else will.
        connection.onFailure(e -> factory.close(context.promise()));
        return prepareForClose(context, connection);
    }
}
