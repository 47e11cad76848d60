package io.github.pgssl.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslPolicy;

import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PgSslSocketFactoryTest {

    @Test
    void constructorWhenPropertiesCarryRegisteredArgThenSharesMaterial() {
        FakeMaterial m = new FakeMaterial(SslPolicy.noVerify());
        String arg = SslFactoryRegistry.register(m, Map.of("db.example.test", "db.example.test"));
        Properties info = new Properties();
        info.setProperty("sslfactoryarg", arg);
        long before = PgSslSocketFactory.constructions();
        PgSslSocketFactory a = new PgSslSocketFactory(info);
        PgSslSocketFactory b = new PgSslSocketFactory(arg);
        assertSame(m, a.material());
        assertSame(m, b.material());
        assertEquals(before + 2, PgSslSocketFactory.constructions());
    }

    @Test
    void createSocketWhenConnectHostIsHostaddrThenMaterialGetsLibpqHost() throws Exception {
        FakeMaterial m = new FakeMaterial(SslPolicy.noVerify());
        String arg = SslFactoryRegistry.register(m, Map.of("127.0.0.1", "db.example.test"));
        new PgSslSocketFactory(arg).createSocket(new Socket(), "127.0.0.1", 5432, true);
        assertEquals(List.of("db.example.test"), m.socketHosts);
    }

    @Test
    void createSocketWhenIpv6InBracketsThenBareLiteral() throws Exception {
        FakeMaterial m = new FakeMaterial(SslPolicy.noVerify());
        String arg = SslFactoryRegistry.register(m, Map.of("::1", "::1"));
        new PgSslSocketFactory(arg).createSocket(new Socket(), "[::1]", 5432, true);
        assertEquals(List.of("::1"), m.socketHosts);
    }

    @Test
    void createSocketWhenOnlyHostaddrThenNoHostName() throws Exception {
        FakeMaterial m = new FakeMaterial(SslPolicy.noVerify());
        String arg = SslFactoryRegistry.register(m, Map.of("10.1.2.3", ""));
        new PgSslSocketFactory(arg).createSocket(new Socket(), "10.1.2.3", 5432, true);
        assertEquals(List.of(""), m.socketHosts);
    }

    @Test
    void constructorWhenArgUnknownThenExplains() {
        SslConfigurationException e = assertThrows(SslConfigurationException.class, () -> new PgSslSocketFactory("m999999"));
        assertEquals("sslfactoryarg: key \"m999999\" is not registered in this JVM (or its configuration was released: keep the "
                + "Properties or JdbcConfiguration that PgSslJdbc built while connections are made); build the JDBC configuration with"
                + " PgSslJdbc (or use jdbc:pgssl:) in the process that connects", e.getMessage());
    }

    @Test
    void constructorWhenArgMissingThenExplains() {
        SslConfigurationException e = assertThrows(SslConfigurationException.class, () -> new PgSslSocketFactory(new Properties()));
        assertEquals("sslfactoryarg: io.github.pgssl.jdbc.PgSslSocketFactory needs the key pgssl registered; build the"
                + " JDBC configuration with PgSslJdbc (or use jdbc:pgssl:) instead of setting sslfactory by hand", e.getMessage());
    }

    @Test
    void createSocketWhenUnconnectedThenRefused() {
        FakeMaterial m = new FakeMaterial(SslPolicy.noVerify());
        PgSslSocketFactory f = new PgSslSocketFactory(SslFactoryRegistry.register(m, Map.of()));
        SocketException e = assertThrows(SocketException.class, () -> f.createSocket("h", 1));
        assertEquals("pgssl: PgSslSocketFactory only layers TLS over a connected socket, as pgjdbc uses it", e.getMessage());
    }
}
