package io.github.pgssl.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionStringException;
import io.github.pgssl.internal.parse.Dialects;
import io.github.pgssl.internal.parse.Parsers;
import io.github.pgssl.spi.ConnectionStringDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** ServiceLoader discovery of dialects: priority then class name; a broken provider is skipped. */
class DialectDiscoveryTest {

    /** A third-party dialect for {@code myco://}. */
    public static final class MycoDialect implements ConnectionStringDialect {
        @Override
        public String name() {
            return "myco";
        }

        @Override
        public int priority() {
            return 200;
        }

        @Override
        public boolean accepts(String s) {
            return s.startsWith("myco://");
        }

        @Override
        public ConnectionSettings parse(String s) {
            return ConnectionSettings.builder("myco").set("host", s.substring(7), ConnectionSettings.Origin.EXPLICIT).build();
        }
    }

    /** Same priority as {@link MycoDialect}, sorts after it by class name. */
    public static final class ZuluDialect implements ConnectionStringDialect {
        @Override
        public String name() {
            return "zulu";
        }

        @Override
        public int priority() {
            return 200;
        }

        @Override
        public boolean accepts(String s) {
            return s.startsWith("myco://") || s.startsWith("zulu://");
        }

        @Override
        public ConnectionSettings parse(String s) {
            throw new IllegalStateException("zulu failed on " + s);
        }
    }

    /** A provider whose constructor throws. */
    public static final class BrokenDialect implements ConnectionStringDialect {
        public BrokenDialect() {
            throw new IllegalStateException("broken on purpose");
        }

        @Override
        public String name() {
            return "broken";
        }

        @Override
        public boolean accepts(String s) {
            return true;
        }

        @Override
        public ConnectionSettings parse(String s) {
            return null;
        }
    }

    @TempDir
    Path dir;

    private List<ConnectionStringDialect> discoverWith(String... providers) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(ConnectionStringDialect.class.getName()), String.join("\n", providers) + "\n");
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        return Dialects.discover(ServiceLoader.load(ConnectionStringDialect.class, loader));
    }

    @Test
    void discoverWhenBrokenProvidersThenSkippedAndOthersOrdered() throws Exception {
        List<ConnectionStringDialect> d = discoverWith(
                "com.example.DoesNotExist",
                BrokenDialect.class.getName(),
                ZuluDialect.class.getName(),
                MycoDialect.class.getName());
        assertEquals(List.of("myco", "zulu", "uri", "jdbc", "r2dbc", "sqlalchemy", "keyword-value"),
                d.stream().map(ConnectionStringDialect::name).toList());
    }

    @Test
    void discoverWhenDefaultLoaderThenBuiltinsInOrder() {
        assertEquals(List.of("uri", "jdbc", "r2dbc", "sqlalchemy", "keyword-value"),
                Dialects.all().stream().map(ConnectionStringDialect::name).toList());
    }

    @Test
    void parseWhenThirdPartyDialectAcceptsThenUsed() throws Exception {
        List<ConnectionStringDialect> d = discoverWith(MycoDialect.class.getName(), ZuluDialect.class.getName());
        assertEquals("h1", Parsers.parse("myco://h1", d).get("host").orElseThrow());
        assertEquals("uri", Parsers.parse("postgresql://h", d).dialect());
    }

    @Test
    void parseWhenDialectThrowsForeignExceptionThenWrappedWithoutItsMessage() throws Exception {
        List<ConnectionStringDialect> d = discoverWith(ZuluDialect.class.getName());
        ConnectionStringException e = assertThrows(ConnectionStringException.class,
                () -> Parsers.parse("zulu://u:Zq7SENTINELx9@h", d));
        assertEquals("connection string: dialect \"zulu\" (" + ZuluDialect.class.getName()
                + ") failed with java.lang.IllegalStateException; check the string or remove that dialect's jar", e.getMessage());
        assertFalse(e.redactedInput().contains("Zq7SENTINELx9"));
    }
}
