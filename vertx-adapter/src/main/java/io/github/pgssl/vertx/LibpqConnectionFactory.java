package io.github.pgssl.vertx;

import io.github.pgssl.spi.AttemptRunner.SessionState;
import io.github.pgssl.vertx.internal.AttemptSockets;
import io.github.pgssl.vertx.internal.SessionQuery;
import io.github.pgssl.vertx.internal.VertxAttemptRunner;
import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.impl.PgConnectionFactory;
import io.vertx.sqlclient.PropertyKind;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.impl.ConnectionFactoryBase;
import io.vertx.sqlclient.internal.Connection;
import io.vertx.sqlclient.internal.QueryResultHandler;
import io.vertx.sqlclient.internal.RowDesc;
import io.vertx.sqlclient.internal.command.SimpleQueryCommand;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Vert.x's Postgres connection factory with libpq's host order and attempts: options built by
 * pgssl run core's plan through {@link VertxAttemptRunner}; any other options connect as Vert.x would.
 *
 * <p>This extends a Vert.x implementation class ({@code io.vertx.pgclient.impl}, class path only),
 * so the adapter is tied to the vertx-pg-client 5.0 line.
 */
final class LibpqConnectionFactory extends PgConnectionFactory {

    LibpqConnectionFactory(VertxInternal vertx, NetClientOptions transportOptions) {
        super(vertx, transportOptions);
        recordSockets(this);
    }

    /**
     * Puts {@link AttemptSockets#recording} in front of the factory's client (Vert.x 5.0 creates it in
     * the constructor and keeps it in a final field), so that an attempt ended by {@code connect_timeout}
     * can close its socket.
     */
    private static void recordSockets(ConnectionFactoryBase<?> factory) {
        try {
            java.lang.reflect.Field field = ConnectionFactoryBase.class.getDeclaredField("client");
            field.setAccessible(true);
            field.set(factory, AttemptSockets.recording((NetClient) field.get(factory)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("pgssl-vertx: cannot reach vertx-sql-client's connection factory client"
                    + " (vertx-sql-client 5.0.x on the class path is required): " + e, e);
        }
    }

    @Override
    protected Future<Connection> doConnectInternal(PgConnectOptions options, ContextInternal context) {
        if (options instanceof PgSslConnectOptions p && p.plan().isPresent()) {
            return VertxAttemptRunner.connect(p.plan().get(), o -> super.doConnectInternal(o, context),
                    late -> late.close(null, (v, e) -> { }), c -> sessionState(c, context), context);
        }
        return super.doConnectInternal(options, context);
    }

    /**
     * Runs {@link SessionState#QUERY} on a connection the pool has not taken yet (for
     * {@code target_session_attrs}), as a simple query, as libpq does.
     */
    private static Future<SessionState> sessionState(Connection connection, ContextInternal context) {
        SessionState[] state = new SessionState[1];
        SimpleQueryCommand<List<Row>> query = new SimpleQueryCommand<>(SessionState.QUERY, false, true,
                Collectors.toList(), new QueryResultHandler<>() {
                    @Override
                    public <V> void addProperty(PropertyKind<V> property, V value) {
                    }

                    @Override
                    public void handleResult(int updated, int size, RowDesc desc, List<Row> rows, Throwable failure) {
                        state[0] = failure == null ? SessionQuery.read(rows) : null;
                    }
                });
        return connection.schedule(context, query).compose(done -> SessionQuery.result(state[0]));
    }
}
