package io.github.pgssl.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs sample test classes through the JUnit launcher and checks what the extension did. */
class PostgresServerExtensionIT {
    static final List<PostgresServer> SEEN = new CopyOnWriteArrayList<>();

    @TlsPostgres
    static class TlsSample {
        @Test
        void first(PostgresServer server, TestPki pki) {
            SEEN.add(server);
            assertEquals(pki.server().certificate(), server.servedCertificate());
        }

        @Test
        void second(PostgresServer server) {
            SEEN.add(server);
        }
    }

    @TlsPostgres(tls = false)
    static class PlainSample {
        @Test
        void plain(PostgresServer server) {
            SEEN.add(server);
            assertFalse(server.tlsEnabled());
        }
    }

    private static TestExecutionSummary run(Class<?> c) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(c)).build(), listener);
        return listener.getSummary();
    }

    @Test
    void extensionWhenClassRunsThenOneTlsServerSharedAndDeletedAfterwards() {
        SEEN.clear();
        TestExecutionSummary s = run(TlsSample.class);
        assertEquals(2, s.getTestsSucceededCount(), () -> s.getFailures().toString());
        assertEquals(2, SEEN.size());
        assertSame(SEEN.get(0), SEEN.get(1));
        assertTrue(SEEN.get(0).tlsEnabled());
        assertFalse(Files.exists(SEEN.get(0).dataDirectory()), "server files left after the class");
    }

    @Test
    void extensionWhenTlsFalseThenPlainServer() {
        SEEN.clear();
        TestExecutionSummary s = run(PlainSample.class);
        assertEquals(1, s.getTestsSucceededCount(), () -> s.getFailures().toString());
        assertFalse(Files.exists(SEEN.get(0).dataDirectory()));
    }
}
