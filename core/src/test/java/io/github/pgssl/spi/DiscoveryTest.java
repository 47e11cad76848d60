package io.github.pgssl.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pgssl.AdapterNotFoundException;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.internal.parse.Dialects;
import io.github.pgssl.internal.spi.Adapters;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adapter and dialect discovery: priority, class-name tie-break, supertypes, broken providers isolated, missing-adapter text. */
class DiscoveryTest {
    static final ConnectionSettings SETTINGS = ConnectionSettings.builder("keyword-value").build();

    @Test
    void availableWhenProvidersAreBrokenOrUnavailableThenSkippedAndOrdered() {
        assertEquals(List.of("high", "alpha-tie", "beta-tie", "low"),
                Adapters.available().stream().map(DriverAdapter::name).collect(Collectors.toList()));
    }

    @Test
    void configureWhenSeveralAdaptersProduceTheTypeThenHighestPriorityWins() {
        TestAdapters.Native n = PgSsl.configure(SETTINGS, SslPolicy.disabled(), TestAdapters.Native.class);
        assertEquals("high", n.adapter);
        assertSame(SslPolicy.disabled(), n.policy);
    }

    @Test
    void configureWhenPrioritiesTieThenClassNameDecides() {
        assertEquals("alpha-tie", PgSsl.configure(SETTINGS, SslPolicy.disabled(), TestAdapters.TieType.class).adapter);
    }

    @Test
    void configureWhenRequestedTypeIsASupertypeThenAssignableAdapterIsFound() {
        TestAdapters.NativeBase n = PgSsl.configure(SETTINGS, SslPolicy.disabled(), TestAdapters.NativeBase.class);
        assertInstanceOf(TestAdapters.Native.class, n);
        assertEquals("high", n.adapter);
    }

    @Test
    void configureWhenNoAdapterProducesTheTypeThenListsAdaptersAndArtifact() {
        AdapterNotFoundException e = assertThrows(AdapterNotFoundException.class,
                () -> PgSsl.configure(SETTINGS, SslPolicy.disabled(), javax.sql.DataSource.class));
        assertEquals("no pgssl adapter produces javax.sql.DataSource; available adapters: [high, alpha-tie, beta-tie, low]; "
                + "add the artifact io.github.pgssl:pgssl-jdbc", e.getMessage());
        assertEquals("javax.sql.DataSource", e.requestedType());
    }

    @Test
    void fixWhenWellKnownDriverTypeThenNamesItsArtifact() {
        assertEquals("add the artifact io.github.pgssl:pgssl-r2dbc", Adapters.fix("io.r2dbc.spi.ConnectionFactory"));
        assertEquals("add the artifact io.github.pgssl:pgssl-r2dbc", Adapters.fix("org.postgresql.r2dbc.PostgresqlConnectionConfiguration"));
        assertEquals("add the artifact io.github.pgssl:pgssl-vertx", Adapters.fix("io.vertx.pgclient.PgConnectOptions"));
        assertEquals("add the artifact io.github.pgssl:pgssl-jdbc", Adapters.fix("java.util.Properties"));
        assertEquals("add the artifact io.github.pgssl:pgssl-jdbc", Adapters.fix("java.sql.Driver"));
        assertEquals("add the pgssl adapter artifact for this driver (io.github.pgssl:pgssl-jdbc, pgssl-r2dbc or pgssl-vertx)",
                Adapters.fix("com.example.Other"));
    }

    @Test
    void dialectWhenRegisteredByAJarThenDiscoveredAndSelected(@TempDir Path jar) throws Exception {
        // a "jar" (directory) that only registers a dialect, plus one broken entry
        Path services = Files.createDirectories(jar.resolve("META-INF/services"));
        Files.writeString(services.resolve(ConnectionStringDialect.class.getName()),
                TestStrategies.TestDialect.class.getName() + "\nio.github.pgssl.spi.NoSuchDialectClass\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            List<ConnectionStringDialect> dialects = Dialects.discover(ServiceLoader.load(ConnectionStringDialect.class, loader));
            ConnectionStringDialect d = Dialects.select(dialects, "pgssl-test:db.example.com");
            assertInstanceOf(TestStrategies.TestDialect.class, d);
            assertEquals("db.example.com", d.parse("pgssl-test:db.example.com").get("host").orElseThrow());
            // the built-ins still handle everything else
            assertEquals("keyword-value", Dialects.select(dialects, "host=x").parse("host=x").dialect());
        }
    }
}
