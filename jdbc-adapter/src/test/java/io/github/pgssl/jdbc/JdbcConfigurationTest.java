package io.github.pgssl.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionSettings.Origin;
import io.github.pgssl.Endpoint;
import io.github.pgssl.PgSslException;
import io.github.pgssl.SslPolicy;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcConfigurationTest {

    static ConnectionSettings settings(String... kv) {
        ConnectionSettings.Builder b = ConnectionSettings.builder("keyword-value");
        for (int i = 0; i < kv.length; i += 2) {
            b.set(kv[i], kv[i + 1], Origin.EXPLICIT);
        }
        return b.build();
    }

    static JdbcConfiguration cfg(SslPolicy policy, String... kv) {
        return JdbcConfiguration.of(settings(kv), policy);
    }

    static Stream<Arguments> urls() {
        return Stream.of(
                Arguments.of("single host, default port", new String[] {"host", "db.example.test", "dbname", "app", "user", "u"},
                        "jdbc:postgresql://db.example.test:5432/app"),
                Arguments.of("host list with ports", new String[] {"host", "h1,h2", "port", "5433,5434", "dbname", "app", "user", "u"},
                        "jdbc:postgresql://h1:5433,h2:5434/app"),
                Arguments.of("one port applies to every host", new String[] {"host", "h1,h2", "port", "6000", "dbname", "d", "user", "u"},
                        "jdbc:postgresql://h1:6000,h2:6000/d"),
                Arguments.of("empty port element means 5432", new String[] {"host", "h1,h2", "port", "6000,", "dbname", "d", "user", "u"},
                        "jdbc:postgresql://h1:6000,h2:5432/d"),
                Arguments.of("IPv6 literal in brackets", new String[] {"host", "::1", "dbname", "d", "user", "u"},
                        "jdbc:postgresql://[::1]:5432/d"),
                Arguments.of("hostaddr is dialled, not host", new String[] {"host", "db.example.test", "hostaddr", "127.0.0.1", "dbname", "d", "user", "u"},
                        "jdbc:postgresql://127.0.0.1:5432/d"),
                Arguments.of("dbname defaults to user", new String[] {"host", "h", "user", "alice"},
                        "jdbc:postgresql://h:5432/alice"),
                Arguments.of("dbname is encoded", new String[] {"host", "h", "dbname", "a b+c/d?e", "user", "u"},
                        "jdbc:postgresql://h:5432/a+b%2Bc%2Fd%3Fe"),
                Arguments.of("no host means libpq's default socket (localhost is pgjdbc's placeholder)",
                        new String[] {"dbname", "d", "user", "u"}, "jdbc:postgresql://localhost:5432/d"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urls")
    void jdbcUrlWhenSettingsGivenThenPgjdbcNativeUrl(String name, String[] kv, String expected) {
        assertEquals(expected, cfg(SslPolicy.disabled(), kv).jdbcUrl());
    }

    @Test
    void jdbcUrlWhenDbnameHasSpecialCharactersThenPgjdbcDecodesItBack() throws Exception {
        String url = cfg(SslPolicy.disabled(), "host", "h", "dbname", "a b+c/d?e%", "user", "u").jdbcUrl();
        Properties parsed = org.postgresql.Driver.parseURL(url, new Properties());
        assertEquals("a b+c/d?e%", parsed.getProperty("PGDBNAME"));
    }

    static Stream<Arguments> mappedProperties() {
        return Stream.of(
                Arguments.of("connect_timeout", new String[] {"connect_timeout", "7"}, "connectTimeout", "7"),
                Arguments.of("connect_timeout unset means infinite, as libpq", new String[] {}, "connectTimeout", "0"),
                Arguments.of("negative connect_timeout means infinite", new String[] {"connect_timeout", "-3"}, "connectTimeout", "0"),
                Arguments.of("SSLRequest wait follows connect_timeout", new String[] {"connect_timeout", "7"}, "sslResponseTimeout", "7000"),
                Arguments.of("SSLRequest wait unbounded without connect_timeout", new String[] {}, "sslResponseTimeout", "0"),
                Arguments.of("application_name", new String[] {"application_name", "svc"}, "ApplicationName", "svc"),
                Arguments.of("fallback_application_name", new String[] {"fallback_application_name", "fb"}, "ApplicationName", "fb"),
                Arguments.of("application_name beats fallback", new String[] {"fallback_application_name", "fb", "application_name", "a"},
                        "ApplicationName", "a"),
                Arguments.of("options", new String[] {"options", "-c search_path=x"}, "options", "-c search_path=x"),
                Arguments.of("keepalives default on", new String[] {}, "tcpKeepAlive", "true"),
                Arguments.of("keepalives=0", new String[] {"keepalives", "0"}, "tcpKeepAlive", "false"),
                Arguments.of("channel_binding", new String[] {"channel_binding", "require"}, "channelBinding", "require"),
                Arguments.of("gssencmode=prefer sends no GSSENCRequest up front", new String[] {"gssencmode", "prefer"}, "gssEncMode", "allow"),
                Arguments.of("gssencmode=require", new String[] {"gssencmode", "require"}, "gssEncMode", "require"),
                Arguments.of("krbsrvname", new String[] {"krbsrvname", "pg"}, "kerberosServerName", "pg"),
                Arguments.of("target_session_attrs read-write", new String[] {"target_session_attrs", "read-write"}, "targetServerType", "primary"),
                Arguments.of("target_session_attrs prefer-standby", new String[] {"target_session_attrs", "prefer-standby"},
                        "targetServerType", "preferSecondary"),
                Arguments.of("load_balance_hosts=random", new String[] {"load_balance_hosts", "random"}, "loadBalanceHosts", "true"),
                Arguments.of("plaintext policy", new String[] {}, "sslmode", "disable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappedProperties")
    void propertiesWhenLibpqKeywordSetThenPgjdbcProperty(String name, String[] extra, String key, String expected) {
        String[] kv = Stream.concat(Stream.of("host", "h", "user", "u"), Stream.of(extra)).toArray(String[]::new);
        assertEquals(expected, cfg(SslPolicy.disabled(), kv).properties().getProperty(key));
    }

    @Test
    void propertiesWhenPasswordSetThenOnlyInPropertiesNeverInUrl() {
        JdbcConfiguration c = cfg(SslPolicy.disabled(), "host", "h", "user", "u", "password", "s3cr3t-SENTINEL");
        assertEquals("s3cr3t-SENTINEL", c.properties().getProperty("password"));
        assertFalse(c.jdbcUrl().contains("SENTINEL"));
        assertFalse(c.toString().contains("SENTINEL"));
        assertFalse(c.dataSource().toString().contains("SENTINEL"));
    }

    @Test
    void propertiesWhenDriverOptionGivenThenPassedThrough() {
        ConnectionSettings s = settings("host", "h", "user", "u").toBuilder().driverOption("prepareThreshold", "0").build();
        assertEquals("0", JdbcConfiguration.of(s, SslPolicy.disabled()).properties().getProperty("prepareThreshold"));
    }

    @Test
    void propertiesWhenPemKeyAlgorithmGivenThenDroppedBecauseCoreReadsKeysByContent() {
        ConnectionSettings s = settings("host", "h", "user", "u").toBuilder().driverOption("pemKeyAlgorithm", "EC").build();
        assertNull(JdbcConfiguration.of(s, SslPolicy.disabled()).properties().getProperty("pemKeyAlgorithm"));
    }

    @Test
    void ofWhenDriverOptionIsPgjdbcTlsPropertyThenRefused() {
        ConnectionSettings s = settings("host", "h", "user", "u").toBuilder().driverOption("sslfactory", "x.Y").build();
        PgSslException e = assertThrows(PgSslException.class, () -> JdbcConfiguration.of(s, SslPolicy.disabled()));
        assertEquals("sslfactory: pgssl sets this pgjdbc property itself from libpq's settings; remove it and use the"
                + " libpq keyword (sslmode, sslrootcert, host, target_session_attrs, ...)", e.getMessage());
        assertEquals("sslfactory", e.setting().orElseThrow());
    }

    @Test
    void ofWhenRequireAuthSetThenRefusedLoudly() {
        PgSslException e = assertThrows(PgSslException.class, () -> cfg(SslPolicy.disabled(), "require_auth", "scram-sha-256"));
        assertEquals("require_auth: pgjdbc cannot enforce this setting, and pgssl does not drop it silently; remove"
                + " require_auth from the connection string or connect with libpq", e.getMessage());
    }

    @Test
    void ofWhenHostListsDoNotPairThenCoreError() {
        // The pairing rules and their table-driven tests live in core (EndpointTest); this checks they are used.
        PgSslException e = assertThrows(PgSslException.class, () -> cfg(SslPolicy.disabled(), "host", "a", "port", "x1"));
        assertEquals("invalid integer value \"x1\" for connection option \"port\"; use a number from 1 to 65535", e.getMessage());
        assertEquals("port", e.setting().orElseThrow());
    }

    @Test
    void ofWhenTargetSessionAttrsInvalidThenLibpqError() {
        PgSslException e = assertThrows(PgSslException.class,
                () -> cfg(SslPolicy.disabled(), "host", "a", "target_session_attrs", "master"));
        assertEquals("invalid target_session_attrs value: \"master\"; use any, read-write, read-only, primary, standby"
                + " or prefer-standby", e.getMessage());
    }

    @Test
    void ofWhenConnectTimeoutInvalidThenLibpqError() {
        PgSslException e = assertThrows(PgSslException.class,
                () -> cfg(SslPolicy.disabled(), "host", "a", "connect_timeout", "10s"));
        assertEquals("invalid integer value \"10s\" for connection option \"connect_timeout\"; give whole seconds,"
                + " e.g. connect_timeout=10", e.getMessage());
    }

    @Test
    void nativeFormWhenHostIsUnixSocketThenPgsslSocketFactoryAndNoTls() {
        JdbcConfiguration c = cfg(SslPolicy.noVerify(), "host", "/var/run/postgresql", "port", "5433", "user", "u",
                "dbname", "d", "requirepeer", "postgres");
        assertEquals("jdbc:postgresql://localhost:5433/d", c.jdbcUrl());
        Properties p = c.properties();
        assertEquals("disable", p.getProperty("sslmode"));
        assertNull(p.getProperty("sslfactory"));
        assertEquals(PgSslUnixSocketFactory.class.getName(), p.getProperty("socketFactory"));
        assertEquals("/var/run/postgresql/.s.PGSQL.5433", p.getProperty("socketFactoryArg"));
        assertEquals("postgres", p.getProperty(PgSslUnixSocketFactory.REQUIRE_PEER));
        assertEquals("connection to server on socket \"/var/run/postgresql/.s.PGSQL.5433\" failed: ",
                JdbcConfiguration.describe(c.endpoints().get(0)));
    }

    @Test
    void endpointsWhenHostEmptyAndNoHostaddrThenDefaultSocketDirectory() {
        JdbcConfiguration c = cfg(SslPolicy.disabled(), "host", "db.example.test,", "hostaddr", "", "user", "u");
        assertEquals(List.of(false, true), c.endpoints().stream().map(Endpoint::isUnixSocket).toList());
        assertEquals("/var/run/postgresql/.s.PGSQL.5432", c.endpoints().get(1).socketPath());
        assertEquals("/var/run/postgresql/.s.PGSQL.5432",
                cfg(SslPolicy.disabled(), "user", "u").properties().getProperty("socketFactoryArg"));
    }

    @Test
    void nativeFormWhenHostListHasUnixSocketThenFailsLoudly() {
        JdbcConfiguration c = cfg(SslPolicy.disabled(), "host", "/tmp,db.example.test", "user", "u");
        PgSslException e = assertThrows(PgSslException.class, c::jdbcUrl);
        assertEquals("host: a host list with a Unix-domain socket (\"/tmp\") cannot be expressed as one pgjdbc URL; use"
                + " PgSslJdbc.dataSource() or jdbc:pgssl:, which connect host by host", e.getMessage());
    }

    @Test
    void jdbcUrlWhenAbstractUnixSocketThenFailsLoudly() {
        JdbcConfiguration c = cfg(SslPolicy.disabled(), "host", "@pg", "user", "u");
        PgSslException e = assertThrows(PgSslException.class, c::jdbcUrl);
        assertEquals("host: \"@pg\" is an abstract Unix-domain socket, which the JDK cannot open; use the socket's"
                + " directory path or a TCP host", e.getMessage());
    }

    @Test
    void attemptPropertiesWhenTlsThenRequireAndPgsslFactoryWithHostaddrMappedToHost() {
        SslPolicy policy = SslPolicy.noVerify();
        JdbcConfiguration c = cfg(policy, "host", "db.example.test", "hostaddr", "127.0.0.1", "user", "u", "password", "pw");
        FakeMaterial m = new FakeMaterial(policy);
        Endpoint e = c.endpoints().get(0);
        Properties p = c.attemptProperties(e, m, "u", null);
        assertEquals("require", p.getProperty("sslmode"));
        assertEquals(PgSslSocketFactory.class.getName(), p.getProperty("sslfactory"));
        assertEquals("postgres", p.getProperty("sslNegotiation"));
        assertNull(p.getProperty("password"));
        SslFactoryRegistry.Entry entry = SslFactoryRegistry.lookup(p.getProperty("sslfactoryarg"));
        assertEquals("db.example.test", entry.verifyHost("127.0.0.1"));
        assertTrue(p.getProperty("sslfactoryarg").contains("127.0.0.1=db.example.test"));
    }

    @Test
    void attemptPropertiesWhenPlaintextThenDisableAndNoFactory() {
        JdbcConfiguration c = cfg(SslPolicy.noVerify(), "host", "h", "user", "u");
        Properties p = c.attemptProperties(c.endpoints().get(0), null, "u", null);
        assertEquals("disable", p.getProperty("sslmode"));
        assertNull(p.getProperty("sslfactory"));
    }

    @Test
    void endpointsWhenHostaddrOnlyThenNoVerifyHost() {
        Endpoint e = cfg(SslPolicy.disabled(), "hostaddr", "10.0.0.1", "user", "u").endpoints().get(0);
        assertEquals("10.0.0.1", e.connectAddress());
        assertEquals("", e.verifyHost());
        assertEquals("connection to server at \"10.0.0.1\", port 5432 failed: ", JdbcConfiguration.describe(e));
        Endpoint named = cfg(SslPolicy.disabled(), "host", "db.example.test", "hostaddr", "10.0.0.1", "user", "u")
                .endpoints().get(0);
        assertEquals("connection to server at \"db.example.test\" (10.0.0.1), port 5432 failed: ", JdbcConfiguration.describe(named));
    }

    @Test
    void registryWhenSameMaterialRegisteredTwiceThenOneMaterialEntry() {
        FakeMaterial m = new FakeMaterial(SslPolicy.noVerify());
        int before = SslFactoryRegistry.materialCount();
        String a = SslFactoryRegistry.register(m, Map.of("h", "h"));
        String b = SslFactoryRegistry.register(m, Map.of("127.0.0.1", "h"));
        assertEquals(before + 1, SslFactoryRegistry.materialCount());
        assertEquals(a.substring(0, a.indexOf(';') < 0 ? a.length() : a.indexOf(';')), b.substring(0, b.indexOf(';')));
    }
}
