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
        assertEquals(1, adapters.stream().filter(a -> a instanceof JdbcAdapter).count());
        JdbcAdapter a = new JdbcAdapter();
        assertTrue(a.isAvailable());
        assertTrue(a.nativeTypeNames().contains("javax.sql.DataSource"));
        assertEquals("jdbc", a.name());
    }
}
