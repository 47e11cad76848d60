package io.github.pgssl.examples.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/**
 * The example as it runs: application.properties with {@code DATABASE_URL} only (a verify-full
 * URL to the throwaway TLS server), both datasources over TLS, health UP.
 */
@QuarkusTest
@QuarkusTestResource(value = ExampleDatabase.class, restrictToAnnotatedClass = true)
class QuarkusExampleIT {
    @TestHTTPResource("/")
    URI root;

    private String get(String path, int status) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(root.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), r.body());
        return r.body();
    }

    @Test
    void jdbcWhenDatabaseUrlOnlyThenVerifiedTlsConnection() throws Exception {
        assertTrue(get("tls/jdbc", 200).startsWith("true TLSv1.3 ssltestuser"), get("tls/jdbc", 200));
    }

    @Test
    void reactiveWhenDatabaseUrlOnlyThenVerifiedTlsConnection() throws Exception {
        assertTrue(get("tls/reactive", 200).startsWith("true TLSv1.3 ssltestuser"), get("tls/reactive", 200));
    }

    @Test
    void healthWhenBothDatasourcesConnectThenUp() throws Exception {
        String json = get("q/health", 200);
        assertTrue(json.contains("\"status\": \"UP\"") || json.contains("\"status\":\"UP\""), json);
        assertTrue(json.contains("Reactive PostgreSQL connections health check"), json);
        assertTrue(json.contains("Database connections health check"), json);
    }
}
