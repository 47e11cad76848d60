package io.github.pgssl.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pgssl.testkit.server.ServerPresets;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.sqlclient.Pool;

import jakarta.inject.Inject;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A libpq host list whose first host is down ({@code postgresql://u@h:closed,h:port/db}): Quarkus
 * alone cannot read it (it splits the value at the comma), pgssl tries the hosts in libpq's order
 * and connects to the second. Hibernate Reactive Panache runs over that pool, so it runs over
 * pgssl's connection plan.
 */
class ReactiveHostListPanacheIT {
    static final TestDb DB = TestDb.get();
    static final int DOWN = TestDb.closedPort();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TestDb.class, Reactive.class, Greeting.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc", "false")
            .overrideConfigKey("quarkus.datasource.reactive.url", "postgresql://" + TestDb.scramUserInfo() + "@127.0.0.1:"
                    + DOWN + ",127.0.0.1:" + DB.port() + "/" + TestDb.APP_DB
                    + "?sslmode=verify-ca&sslrootcert=" + DB.root() + "&connect_timeout=5")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "drop-and-create");

    @Inject
    Pool pool;

    @Test
    void hostListWhenTheFirstHostIsDownThenConnectsToTheSecondOverVerifiedTls() throws Exception {
        assertEquals(List.of("true", Integer.toString(DB.port())),
                Reactive.row(pool, "select ssl::text, current_setting('port') from pg_stat_ssl where pid = pg_backend_pid()"));
    }

    @Test
    void panacheWhenPersistedAndReadBackThenRoundTripsOverThePgsslPool() throws Throwable {
        Long id = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            Greeting g = new Greeting();
            g.text = "hello over pgssl";
            return g.<Greeting>persist().map(saved -> saved.id);
        }));
        String text = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> Greeting.<Greeting>findById(id).map(g -> g.text)));
        assertEquals("hello over pgssl", text);
        String ssl = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery("select ssl::text from pg_stat_ssl where pid = pg_backend_pid()", String.class)
                        .getSingleResult())));
        assertEquals("true", ssl);
    }
}
