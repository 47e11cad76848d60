package io.github.pgssl.examples.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** The example's throwaway TLS PostgreSQL as the test's {@code DATABASE_URL}, as its main does. */
public class ExampleDatabase implements QuarkusTestResourceLifecycleManager {
    private EmbeddedDatabase db;

    @Override
    public Map<String, String> start() {
        db = EmbeddedDatabase.start();
        return Map.of("DATABASE_URL", db.url());
    }

    @Override
    public void stop() {
        if (db != null) {
            db.close();
        }
    }
}
