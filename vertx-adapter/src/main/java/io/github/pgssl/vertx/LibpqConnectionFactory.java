package io.github.pgssl.vertx;

import io.github.pgssl.vertx.internal.VertxAttemptRunner;
import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.impl.PgConnectionFactory;
import io.vertx.sqlclient.internal.Connection;

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
    }

    @Override
    protected Future<Connection> doConnectInternal(PgConnectOptions options, ContextInternal context) {
        if (options instanceof PgSslConnectOptions p && p.plan().isPresent()) {
            return VertxAttemptRunner.connect(p.plan().get(), o -> super.doConnectInternal(o, context),
                    late -> late.close(null, (v, e) -> { }), context);
        }
        return super.doConnectInternal(options, context);
    }
}
