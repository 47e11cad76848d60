package io.github.pgssl.examples.quarkus;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Runs the example: with {@code DATABASE_URL} set, against that database; without it, against a
 * throwaway TLS PostgreSQL started here (its {@code DATABASE_URL} has {@code sslmode=verify-full}
 * and the run's CA). Then {@code curl localhost:8080/tls/jdbc}, {@code /tls/reactive} and
 * {@code /q/health}.
 */
@QuarkusMain
public final class QuarkusExample {
    private QuarkusExample() {
    }

    /**
     * Starts the application.
     *
     * @param args passed to Quarkus
     */
    public static void main(String... args) {
        if (System.getenv("DATABASE_URL") == null && System.getProperty("DATABASE_URL") == null) {
            EmbeddedDatabase db = EmbeddedDatabase.start();
            Runtime.getRuntime().addShutdownHook(new Thread(db::close, "pgssl-example-db"));
            System.setProperty("DATABASE_URL", db.url());
            System.out.println("DATABASE_URL not set: started a throwaway TLS PostgreSQL, " + db.redactedUrl());
        }
        Quarkus.run(args);
    }
}
