package io.github.pgssl.vertx4;

import io.github.pgssl.spi.AttemptRunner.SessionState;
import io.github.pgssl.vertx.internal.AttemptSockets;
import io.github.pgssl.vertx.internal.SessionQuery;
import io.github.pgssl.vertx.internal.VertxAttemptRunner;
import io.vertx.core.Future;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.impl.PgConnectionFactory;
import io.vertx.sqlclient.PropertyKind;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnectOptions;
import io.vertx.sqlclient.impl.Connection;
import io.vertx.sqlclient.impl.QueryResultHandler;
import io.vertx.sqlclient.impl.RowDesc;
import io.vertx.sqlclient.impl.command.SimpleQueryCommand;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Vert.x 4.5's Postgres connection factory with libpq's host order and attempts: options built by
 * pgssl run core's plan through {@link VertxAttemptRunner}; any other options connect as Vert.x would.
 *
 * <p>This extends a Vert.x implementation class ({@code io.vertx.pgclient.impl}), so the adapter is
 * tied to the vertx-pg-client 4.5 line.
 */
final class LibpqConnectionFactory extends PgConnectionFactory {

    LibpqConnectionFactory(VertxInternal vertx, Supplier<? extends Future<? extends SqlConnectOptions>> options) {
        super(vertx, options);
    }

    /**
     * Vert.x's client for these options behind {@link AttemptSockets#recording}, so that an attempt
     * ended by {@code connect_timeout} can close its socket.
     */
    @Override
    protected NetClient netClient(NetClientOptions options) {
        return AttemptSockets.recording(super.netClient(options));
    }

    @Override
    protected Future<Connection> doConnectInternal(SqlConnectOptions options, ContextInternal context) {
        if (options instanceof PgSslConnectOptions p && p.plan().isPresent()) {
            return VertxAttemptRunner.connect(p.plan().get(), o -> super.doConnectInternal(o, context),
                    late -> late.close(null, context.promise()), c -> sessionState(c, context), context);
        }
        return super.doConnectInternal(options, context);
    }

    /**
     * Runs {@link SessionState#QUERY} on a connection the pool has not taken yet (for
     * {@code target_session_attrs}), as a simple query, as libpq does (Vert.x 4.5's command API).
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
