package io.github.pgssl.doctor;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.Secret;
import io.github.pgssl.SensitiveKeys;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.vertx.PgSslConnectOptions;
import io.github.pgssl.vertx.PgSslVertx;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** vertx-pg-client through pgssl-vertx: {@link PgSslConnectOptions} and a pgssl pool. */
final class VertxDriver implements DriverKind {

    @Override
    public String id() {
        return "vertx";
    }

    @Override
    public Object describeNative(ConnectionSettings settings, SslPolicy policy) {
        try {
            PgSslConnectOptions o = PgSslVertx.connectOptions(settings, policy);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", o.getClass().getName());
            m.put("targets", o.targets());
            m.put("tls", JdbcDriver.tlsNote(policy, "Vert.x's sslMode and empty hostnameVerificationAlgorithm are "
                    + "expected: pgssl's trust manager in sslOptions carries the policy"));
            m.putAll(plain(o.toJson()));
            return m;
        } catch (RuntimeException e) {
            return "cannot configure: " + Hints.safeMessage(e);
        }
    }

    /** A JSON object as plain maps, secrets masked, empty and default-noise members dropped. */
    static Map<String, Object> plain(JsonObject json) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : json) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (SensitiveKeys.isSensitive(e.getKey())) {
                m.put(e.getKey(), Secret.MASK);
            } else if (v instanceof JsonObject jo) {
                m.put(e.getKey(), plain(jo));
            } else if (v instanceof JsonArray ja) {
                List<Object> l = new ArrayList<>();
                for (Object x : ja) {
                    l.add(x instanceof JsonObject jo ? plain(jo) : String.valueOf(x));
                }
                m.put(e.getKey(), l);
            } else {
                m.put(e.getKey(), String.valueOf(v));
            }
        }
        return m;
    }

    @Override
    public DriverResult connect(ConnectionSettings settings, SslPolicy policy, Duration timeout) {
        long t0 = System.nanoTime();
        String host = settings.hosts().isEmpty() ? null : settings.hosts().get(0);
        Vertx vertx = Vertx.vertx();
        try {
            PgSslConnectOptions o = PgSslVertx.connectOptions(settings, policy);
            Pool pool = PgSslVertx.pool(vertx, o, new PoolOptions().setMaxSize(1));
            try {
                RowSet<Row> v = pool.query("select version()").execute()
                        .toCompletionStage().toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                String version = v.iterator().next().getString(0);
                RowSet<Row> s = pool.query(SSL_QUERY).execute()
                        .toCompletionStage().toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                if (s.iterator().hasNext()) {
                    Row r = s.iterator().next();
                    return DriverResult.ok(id(), version, r.getBoolean(0), r.getString(1), r.getString(2), JdbcDriver.ms(t0));
                }
                return DriverResult.ok(id(), version, null, null, null, JdbcDriver.ms(t0));
            } finally {
                pool.close();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            return DriverResult.failed(id(), e.getCause() != null ? e.getCause() : e, host, JdbcDriver.ms(t0));
        } catch (Exception e) {
            return DriverResult.failed(id(), e, host, JdbcDriver.ms(t0));
        } finally {
            vertx.close();
        }
    }
}
