package io.github.pgssl.vertx4;

import io.github.pgssl.vertx.internal.VertxAttemptRunner;
import io.vertx.core.Future;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.pgclient.impl.PgConnectionFactory;
import io.vertx.sqlclient.SqlConnectOptions;
import io.vertx.sqlclient.impl.Connection;

import java.util.function.Supplier;

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

    @Override
    protected Future<Connection> doConnectInternal(SqlConnectOptions options, ContextInternal context) {
        if (options instanceof PgSslConnectOptions p && p.plan().isPresent()) {
            return VertxAttemptRunner.connect(p.plan().get(), o -> super.doConnectInternal(o, context),
                    late -> late.close(null, context.promise()), context);
        }
        return super.doConnectInternal(options, context);
    }
}
