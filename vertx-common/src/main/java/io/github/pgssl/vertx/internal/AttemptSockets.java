package io.github.pgssl.vertx.internal;

import io.vertx.core.Future;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The sockets one planned attempt opens, so that an attempt ended by {@code connect_timeout} closes
 * its socket, as libpq does. Vert.x's connection factory gives no handle on the socket until the
 * whole connection is up; a server that accepts TCP and then never answers would otherwise keep the
 * socket open until the pool closes. The factory's {@link NetClient} is wrapped ({@link #recording})
 * so that every socket it opens while an attempt is being started ({@link #during}) is recorded.
 */
public final class AttemptSockets {
    private static final ThreadLocal<List<Future<NetSocket>>> CURRENT = new ThreadLocal<>();

    private final List<Future<NetSocket>> sockets;

    private AttemptSockets(List<Future<NetSocket>> sockets) {
        this.sockets = sockets;
    }

    /**
     * Starts an attempt and records the sockets the factory's client opens while it does.
     *
     * @param start starts the attempt (Vert.x asks its client for the socket before it returns)
     * @param <T> what the attempt yields
     * @param result receives the attempt's future
     * @return the sockets of this attempt
     */
    static <T> AttemptSockets during(Supplier<Future<T>> start, List<Future<T>> result) {
        List<Future<NetSocket>> recorded = new ArrayList<>(1);
        List<Future<NetSocket>> outer = CURRENT.get();
        CURRENT.set(recorded);
        try {
            result.add(start.get());
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
        return new AttemptSockets(recorded);
    }

    /** Closes every socket of the attempt, now or as soon as its TCP connection completes. */
    void close() {
        for (Future<NetSocket> s : sockets) {
            s.onSuccess(NetSocket::close);
        }
    }

    /** {@return how many sockets the attempt asked for} */
    int count() {
        return sockets.size();
    }

    /**
     * A client that records each socket it opens for the attempt being started on this thread, if
     * any, and otherwise behaves as {@code client}.
     *
     * @param client the connection factory's client
     * @return the recording client
     */
    public static NetClient recording(NetClient client) {
        if (Proxy.isProxyClass(client.getClass()) && Proxy.getInvocationHandler(client) instanceof Recorder) {
            return client;
        }
        return (NetClient) Proxy.newProxyInstance(NetClient.class.getClassLoader(), new Class<?>[] {NetClient.class},
                new Recorder(client));
    }

    private record Recorder(NetClient client) implements InvocationHandler {
        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "pgssl recording " + client;
                };
            }
            Object r;
            try {
                r = method.invoke(client, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            List<Future<NetSocket>> attempt = CURRENT.get();
            if (attempt != null && method.getName().equals("connect") && r instanceof Future<?> f) {
                attempt.add((Future<NetSocket>) f);
            }
            return r;
        }
    }
}
