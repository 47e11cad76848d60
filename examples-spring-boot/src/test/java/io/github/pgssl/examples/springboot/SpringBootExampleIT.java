package io.github.pgssl.examples.springboot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The example as its one command runs it (embedded server, no DATABASE_URL), on a random port. */
class SpringBootExampleIT {

    @Test
    void exampleWhenStartedWithoutDatabaseUrlThenFlywayMigratesAndThePgsslEndpointSaysVerifiedTls() throws Exception {
        try (ConfigurableApplicationContext ctx = SpringBootExample.run("--server.port=0")) {
            String port = ctx.getEnvironment().getProperty("local.server.port");
            String json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/pgssl")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(json.contains("\"connection\":\"OK\""), json);
            assertTrue(json.contains("\"type\":\"verify-full\""), json);
            assertTrue(json.contains("\"tls_version\":\"TLSv1."), json);
            String users = String.valueOf(new org.springframework.jdbc.core.JdbcTemplate(ctx.getBean(javax.sql.DataSource.class))
                    .queryForObject("select count(*) from users", Long.class));
            assertTrue(users.equals("2"), users);
        }
    }
}
