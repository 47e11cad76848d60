package io.github.pgssl.vertx4;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.Version;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.pgclient.PgConnectOptions;

import java.util.Map;

/** Proves that the tests run where they claim to: Vert.x 4.5 and Netty 4.1 on the class path. */
final class Vertx4Lines {
    private Vertx4Lines() {
    }

    /**
     * A Vert.x on the native (epoll) transport: Vert.x 4.5 reaches a Unix socket only there (its
     * "must use a native transport" error otherwise), which the conformance SOCKET cases need.
     */
    static Vertx nativeVertx() {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        assertTrue(vertx.isNativeTransportEnabled(), "epoll transport: " + vertx.unavailableNativeTransportCause());
        return vertx;
    }

    static void assertVertx45AndNetty41() {
        String vertx = io.github.pgssl.vertx.internal.VertxLine.version(PgConnectOptions.class.getClassLoader());
        Map<String, Version> netty = Version.identify();
        String handler = netty.get("netty-handler").artifactVersion();
        System.out.println("pgssl-vertx4 tests on Vert.x " + vertx + ", netty-handler " + handler + " ("
                + VertxInternal.class.getName() + ")");
        assertTrue(vertx.startsWith("4.5."), "Vert.x " + vertx);
        assertTrue(handler.startsWith("4.1."), "netty-handler " + handler);
        netty.values().forEach(v -> assertTrue(v.artifactVersion().startsWith("4.1."), v.artifactId() + " " + v.artifactVersion()));
    }
}
