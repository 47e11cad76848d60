package io.github.pgssl.examples.springboot;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application with JDBC, Flyway and Actuator whose database configuration is only
 * {@code DATABASE_URL} (the pgssl starter turns it into {@code jdbc:pgssl:${DATABASE_URL}}).
 * Without {@code DATABASE_URL} it starts a throwaway TLS PostgreSQL ({@link EmbeddedDatabase}) and
 * uses a verify-full URL for it. Serves {@code /actuator/pgssl} and {@code /actuator/health} on
 * {@code server.port} (8080 unless set).
 *
 * <pre>
 * mvn -B -q install -DskipTests        # once
 * mvn -B -q -pl examples-spring-boot exec:java
 * curl -s http://127.0.0.1:8080/actuator/pgssl
 * </pre>
 */
@SpringBootApplication
public class SpringBootExample {

    /** Starts the application (and, without {@code DATABASE_URL}, the embedded server first). */
    public static void main(String[] args) {
        run(args);
    }

    /** The running application; the embedded server (if any) stops when the context closes. */
    public static ConfigurableApplicationContext run(String... args) {
        SpringApplication app = new SpringApplication(SpringBootExample.class);
        EmbeddedDatabase embedded = null;
        if (System.getenv("DATABASE_URL") == null) {
            embedded = EmbeddedDatabase.start();
            app.setDefaultProperties(java.util.Map.of("DATABASE_URL", embedded.url()));
        }
        ConfigurableApplicationContext ctx = app.run(args);
        if (embedded != null) {
            EmbeddedDatabase server = embedded;
            ctx.addApplicationListener((org.springframework.context.event.ContextClosedEvent e) -> server.close());
        }
        return ctx;
    }

    /** One line saying what the application is connected to, printed at start-up. */
    @Bean
    ApplicationRunner describe(DataSource dataSource, org.springframework.core.env.Environment env) {
        return args -> {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select current_setting('server_version'), s.version,"
                            + " (select count(*) from users) from pg_stat_ssl s where s.pid = pg_backend_pid()")) {
                rs.next();
                System.out.println("spring-boot: PostgreSQL " + rs.getString(1) + ", encrypted with " + rs.getString(2)
                        + ", users: " + rs.getLong(3) + "; see http://127.0.0.1:" + env.getProperty("local.server.port")
                        + "/actuator/pgssl");
            }
        };
    }
}
