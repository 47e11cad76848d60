package io.github.pgssl.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Driver;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PgSslDriverTest {
    private final PgSslDriver driver = new PgSslDriver();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jdbc:postgresql://h/db", "postgresql://h/db", "jdbc:pgsql://h", "JDBC:PGSSL:host=h", "jdbc:mysql://h", ""})
    void connectWhenUrlIsNotOursThenNullAndNotAccepted(String url) throws Exception {
        assertFalse(driver.acceptsURL(url));
        assertNull(driver.connect(url, new Properties()));
    }

    @Test
    void connectWhenUrlIsNullThenNull() throws Exception {
        assertFalse(driver.acceptsURL(null));
        assertNull(driver.connect(null, new Properties()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jdbc:pgssl:postgresql://u:p@h:25060/db?sslmode=require", "jdbc:pgssl:host=h sslmode=verify-full",
            "jdbc:pgssl:postgres://h/db"})
    void acceptsUrlWhenPgsslPrefixThenTrue(String url) {
        assertTrue(driver.acceptsURL(url));
    }

    @Test
    void driverManagerWhenPgsslUrlThenFindsRegisteredDriver() throws Exception {
        assertInstanceOf(PgSslDriver.class, DriverManager.getDriver("jdbc:pgssl:host=h"));
    }

    @Test
    void serviceLoaderWhenAskedForDriversThenListsPgsslDriver() {
        boolean found = ServiceLoader.load(Driver.class).stream().anyMatch(p -> p.type() == PgSslDriver.class);
        assertTrue(found);
    }

    @Test
    void serviceLoaderWhenAskedForAdaptersThenListsJdbcAdapter() {
        var adapters = ServiceLoader.load(io.github.pgssl.spi.DriverAdapter.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertEquals(1, adapters.stream().filter(a -> a instanceof JdbcDriverAdapter).count());
        JdbcDriverAdapter a = new JdbcDriverAdapter();
        assertTrue(a.isAvailable());
        assertTrue(a.nativeTypeNames().contains("javax.sql.DataSource"));
        assertEquals("jdbc", a.name());
    }

    @Test
    void configurationWhenSameUrlAndPropertiesThenCachedAndWhenPropertiesDifferThenNot() {
        Properties info = new Properties();
        info.put(PgSslDriver.ENVIRONMENT_PROPERTY, io.github.pgssl.PgEnvironment.empty());
        info.setProperty("user", "alice");
        String url = "jdbc:pgssl:host=db.example.test sslmode=disable";
        JdbcConfiguration a = driver.configuration(url, info);
        Properties same = new Properties();
        same.putAll(info);
        org.junit.jupiter.api.Assertions.assertSame(a, driver.configuration(url, same));
        info.setProperty("user", "bob");
        JdbcConfiguration b = driver.configuration(url, info);
        org.junit.jupiter.api.Assertions.assertNotSame(a, b);
        assertEquals("alice", a.user());
        assertEquals("bob", b.user());
    }

    @Test
    void configurationWhenUrlSetsUserThenUrlWinsOverProperties() {
        Properties info = new Properties();
        info.put(PgSslDriver.ENVIRONMENT_PROPERTY, io.github.pgssl.PgEnvironment.empty());
        info.setProperty("user", "fromProperties");
        info.setProperty("application_name", "props-app");
        info.setProperty("prepareThreshold", "0");
        JdbcConfiguration c = driver.configuration("jdbc:pgssl:postgresql://fromUrl@db.example.test/db?sslmode=disable", info);
        assertEquals("fromUrl", c.user());
        assertEquals("props-app", c.properties().getProperty("ApplicationName"));
        assertEquals("0", c.properties().getProperty("prepareThreshold"));
    }
}
