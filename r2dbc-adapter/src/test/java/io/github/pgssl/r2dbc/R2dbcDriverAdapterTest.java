package io.github.pgssl.r2dbc;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslPolicy;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class R2dbcDriverAdapterTest {
    private static final ConnectionFactoryOptions NONE = ConnectionFactoryOptions.builder().build();
    private static final PgEnvironment EMPTY = PgEnvironment.of(Map.of("USER", "u"), Path.of("/nonexistent-pgssl-home"));

    @Test
    void configureWhenConnectionFactoryRequestedThroughCoreThenThisAdapter() {
        ConnectionFactory cf = PgSsl.configure("postgresql://u@db.example.com/app?sslmode=disable", ConnectionFactory.class, EMPTY);
        PgSslConnectionFactory pcf = assertInstanceOf(PgSslConnectionFactory.class, cf);
        assertInstanceOf(SslPolicy.Disabled.class, pcf.policy());
        assertEquals(java.util.List.of("connection to server at \"db.example.com\", port 5432"), pcf.hosts());
    }

    @Test
    void configureWhenDriverFactoryRequestedForRequireThenDriverFactory() {
        PostgresqlConnectionFactory f = PgSsl.configure("host=db.example.com sslmode=require user=u", PostgresqlConnectionFactory.class, EMPTY);
        assertEquals("PostgreSQL", f.getMetadata().getName());
    }

    @Test
    void configurationWhenRequireThenDriverToldRequireWithPgsslEngine() {
        PostgresqlConnectionConfiguration c = PgSslR2dbc.configuration("host=db.example.com hostaddr=10.0.0.5 port=6432 user=app dbname=appdb"
                + " sslmode=require application_name=svc connect_timeout=7", EMPTY);
        String text = c.toString();
        assertTrue(text.contains("host='10.0.0.5'") || text.contains("host=10.0.0.5"), text);
        assertTrue(text.contains("port=6432"), text);
        assertTrue(text.contains("database='appdb'"), text);
        assertTrue(text.contains("applicationName='svc'"), text);
        assertTrue(text.contains("connectTimeout=PT7S"), text);
        io.r2dbc.postgresql.client.SSLConfig ssl = (io.r2dbc.postgresql.client.SSLConfig) packagePrivate(c, "getSslConfig");
        assertEquals(io.r2dbc.postgresql.client.SSLMode.REQUIRE, ssl.getSslMode());
        assertEquals(io.r2dbc.postgresql.client.SSLNegotiation.POSTGRES, ssl.getSslNegotiation());
    }

    private static Object packagePrivate(Object target, String method) {
        try {
            java.lang.reflect.Method m = target.getClass().getDeclaredMethod(method);
            m.setAccessible(true);
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            prefer needs a second attempt | host=h sslmode=prefer | sslmode | sslmode=prefer needs a second connection attempt after a failed first one, which a PostgresqlConnectionConfiguration cannot express; configure io.r2dbc.spi.ConnectionFactory instead (PgSslR2dbc.connectionFactory), or use sslmode=require or stronger
            allow needs a second attempt  | host=h sslmode=allow  | sslmode | sslmode=allow needs a second connection attempt after a failed first one, which a PostgresqlConnectionConfiguration cannot express; configure io.r2dbc.spi.ConnectionFactory instead (PgSslR2dbc.connectionFactory), or use sslmode=require or stronger
            host list                     | host=a,b sslmode=require | host | a PostgresqlConnectionConfiguration holds one host, but host lists 2; configure io.r2dbc.spi.ConnectionFactory instead (PgSslR2dbc.connectionFactory), which tries the hosts in libpq's order
            """)
    void configurationWhenNotExpressibleThenRefusedNamingTheWayOut(String name, String cs, String setting, String message) {
        SslConfigurationException e = assertThrows(SslConfigurationException.class, () -> PgSslR2dbc.configuration(cs, EMPTY));
        assertEquals(message, e.getMessage());
        assertEquals(setting, e.setting().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            gssencmode=require | gssencmode=require     | gssencmode | gssencmode=require cannot be honoured: r2dbc-postgresql has no GSSAPI encryption; use gssencmode=prefer or disable
            requirepeer        | requirepeer=postgres   | requirepeer | requirepeer cannot be checked: r2dbc-postgresql does not expose the socket peer's user; remove requirepeer
            bad require_auth   | require_auth=none,foo  | require_auth | invalid require_auth value: "foo"
            mixed require_auth | require_auth=md5,!none | require_auth | negative require_auth method "!none" cannot be mixed with non-negative methods
            bad target attrs   | target_session_attrs=rw | target_session_attrs | invalid target_session_attrs value: "rw"; use any, read-write, read-only, primary, standby or prefer-standby
            bad load balance   | load_balance_hosts=yes | load_balance_hosts | invalid load_balance_hosts value: "yes"; use disable or random
            bad connect timeout| connect_timeout=10s    | connect_timeout | invalid integer value "10s" for connection option "connect_timeout"; give whole seconds, e.g. connect_timeout=10
            bad channel binding| channel_binding=maybe  | channel_binding | invalid channel_binding value: "maybe"; use disable, prefer or require
            """)
    void connectionFactoryWhenSettingCannotBeHonouredThenFailsLoudlyAtConfiguration(String name, String extra, String setting, String message) {
        ConnectionSettings s = Settings.of("host=db.example.com user=u " + extra);
        SslConfigurationException e = assertThrows(SslConfigurationException.class,
                () -> R2dbcDriverAdapter.connectionFactory(s, SslPolicy.disabled(), NONE));
        assertEquals(message, e.getMessage());
        assertEquals(setting, e.setting().orElseThrow());
    }

    @Test
    void connectionFactoryWhenOnlySocketHostsThenVerifyFullWithoutRootIsAccepted() {
        PgSslConnectionFactory cf = PgSslR2dbc.connectionFactory("host=/var/run/postgresql sslmode=verify-full sslrootcert=/nonexistent/root.crt", EMPTY);
        assertEquals(java.util.List.of("connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\""), cf.hosts());
        SslConfigurationException e = assertThrows(SslConfigurationException.class,
                () -> PgSslR2dbc.connectionFactory("host=db.example.com sslmode=verify-full sslrootcert=/nonexistent/root.crt", EMPTY));
        assertTrue(e.getMessage().startsWith("root certificate file \"/nonexistent/root.crt\" does not exist"), e.getMessage());
    }

    @Test
    void toStringWhenPasswordSetThenRedacted() {
        PgSslConnectionFactory cf = PgSslR2dbc.connectionFactory("postgresql://u:Sentinel-PW-77@db.example.com/app?sslmode=disable", EMPTY);
        assertFalse(cf.toString().contains("Sentinel-PW-77"), cf.toString());
        assertFalse(cf.firstAttemptConfiguration().toString().contains("Sentinel-PW-77"));
    }

    @Test
    void adapterWhenAskedThenDescribesItself() {
        R2dbcDriverAdapter a = new R2dbcDriverAdapter();
        assertEquals("r2dbc", a.name());
        assertEquals("io.github.pgssl:pgssl-r2dbc", a.artifact());
        assertTrue(a.isAvailable());
        assertTrue(a.nativeTypeNames().contains("io.r2dbc.spi.ConnectionFactory"));
    }
}
