package io.github.pgssl.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.testkit.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A small HTTP app (JDK HttpServer) serving {@code GET /api/v1/debug}: the debug JSON of
 * {@link DebugReport}. Listens on 127.0.0.1 only.
 *
 * <pre>{@code
 * java -cp pgssl-examples.jar io.github.pgssl.examples.DebugEndpointExample 8080 &
 * curl -s http://127.0.0.1:8080/api/v1/debug
 * }</pre>
 */
public final class DebugEndpointExample {
    /** The endpoint's path. */
    public static final String PATH = "/api/v1/debug";

    private DebugEndpointExample() {
    }

    /** Starts the server on {@code port} (0: any free port); the caller stops it. */
    public static HttpServer start(int port, String connectionString, PgEnvironment env) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext(PATH, exchange -> handle(exchange, connectionString, env));
        server.start();
        return server;
    }

    private static void handle(HttpExchange exchange, String connectionString, PgEnvironment env) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = (Json.write(DebugReport.collect(connectionString, env)) + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        ExampleDatabase db = ExampleDatabase.open();
        HttpServer server = start(port, db.url(), PgEnvironment.system());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            db.close();
        }));
        System.out.println("serving http://127.0.0.1:" + server.getAddress().getPort() + PATH + " (Ctrl-C to stop)");
    }
}
