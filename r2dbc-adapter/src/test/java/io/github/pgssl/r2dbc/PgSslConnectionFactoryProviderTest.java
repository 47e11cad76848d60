package io.github.pgssl.r2dbc;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PgSslConnectionFactoryProviderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            libpq keys kept                 | r2dbc:pgssl:postgresql://u:pw@h:5432/db?sslmode=verify-full&sslrootcert=/ca.pem | postgresql://u:******@h:5432/db?sslmode=verify-full&sslrootcert=/ca.pem
            postgres protocol (DATABASE_URL)| r2dbc:pgssl:postgres://u@h/db                                                   | postgresql://u@h/db
            no protocol                     | r2dbc:pgssl://h:6432/db                                                         | postgresql://h:6432/db
            encoded password round trip     | r2dbc:pgssl:postgresql://u:******@h/db                             | postgresql://u:******@h/db
            host list                       | r2dbc:pgssl:postgresql://h1:5432,h2:5433/db?target_session_attrs=any           | postgresql://h1:5432,h2:5433/db?target_session_attrs=any
            IPv6                            | r2dbc:pgssl:postgresql://[::1]:5432/db                                          | postgresql://[::1]:5432/db
            socket directory host           | r2dbc:pgssl:postgresql://%2Fvar%2Frun%2Fpostgresql/db                           | postgresql://%2Fvar%2Frun%2Fpostgresql/db
            hostaddr and sni                | r2dbc:pgssl:postgresql://db.example.com/db?hostaddr=127.0.0.1&sslsni=0          | postgresql://db.example.com/db?hostaddr=127.0.0.1&sslsni=0
            r2dbcs means verify-full        | r2dbcs:pgssl:postgresql://h/db                                                  | postgresql://h/db +ssl=true
            r2dbcs keeps an explicit sslmode| r2dbcs:pgssl:postgresql://h/db?sslmode=verify-ca                                | postgresql://h/db?sslmode=verify-ca
            ssl=true is r2dbc's verify-full| r2dbc:pgssl:postgresql://h/db?ssl=true                                           | postgresql://h/db +ssl=true
            r2dbc TLS spelling, any case    | r2dbc:pgssl:postgresql://h/db?sslrootCert=/x                                    | postgresql://h/db?sslrootcert=/x
            libpq options kept              | r2dbc:pgssl:postgresql://h/db?options=-c%20a%3Db                               | postgresql://h/db?options=-c%20a%3Db
            driver option set aside         | r2dbc:pgssl:postgresql://h/db?preparedStatementCacheQueries=5&sslmode=require   | postgresql://h/db?sslmode=require
            pool options left to r2dbc-pool | r2dbc:pgssl:postgresql://h/db?maxSize=8&initialSize=2&sslmode=require           | postgresql://h/db?sslmode=require
            pgssl option kept               | r2dbc:pgssl:postgresql://h/db?pgssl.strategy=no-verify                          | postgresql://h/db?pgssl.strategy=no-verify
            """)
    void urlWhenParsedBySpiThenReadByCoreWithoutUriRoundTrip(String name, String url, String expected) {
        ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(url);
        String got = PgSslConnectionFactoryProvider.inputs(options, ConnectionFactoryOptions.builder()).toString();
        // DriverInputs[ConnectionSettings[r2dbc-options <redacted url>]] with ", ssl=true" for the verify-full flag.
        assertEquals(expected, got.replace("DriverInputs[ConnectionSettings[r2dbc-options ", "").replace("], ssl=true]", " +ssl=true")
                .replace("]]", ""));
    }

    @Test
    void driverOptionWhenInUrlThenPassedToDriverNotToLibpq() {
        ConnectionFactoryOptions.Builder driver = ConnectionFactoryOptions.builder();
        PgSslConnectionFactoryProvider.inputs(ConnectionFactoryOptions.parse(
                "r2dbc:pgssl:postgresql://h/db?preparedStatementCacheQueries=5&statementTimeout=2s"), driver);
        ConnectionFactoryOptions built = driver.build();
        assertEquals("5", built.getValue(Option.valueOf("preparedStatementCacheQueries")));
        assertEquals("2s", built.getValue(Option.valueOf("statementTimeout")));
    }

    @Test
    void failoverProtocolWhenUsedThenRefusedWithHostListHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PgSslConnectionFactoryProvider.inputs(
                ConnectionFactoryOptions.parse("r2dbc:pgssl:failover://h1,h2/db"), ConnectionFactoryOptions.builder()));
        assertEquals("r2dbc:pgssl: URLs take the protocol postgresql or postgres (r2dbc:pgssl:postgresql://...), not \"failover\";"
                + " list several hosts as host1:port1,host2:port2", e.getMessage());
    }

    @Test
    void supportsWhenDriverIsPgsslThenTrue() {
        PgSslConnectionFactoryProvider p = new PgSslConnectionFactoryProvider();
        assertTrue(p.supports(ConnectionFactoryOptions.parse("r2dbc:pgssl:postgresql://h/db")));
        assertFalse(p.supports(ConnectionFactoryOptions.parse("r2dbc:postgresql://h/db")));
        assertEquals("pgssl", p.getDriver());
    }

    @Test
    void optionNamesWhenValueLooksLikeAnOptionThenOnlyRealNames() {
        ConnectionFactoryOptions o = ConnectionFactoryOptions.parse("r2dbc:pgssl:postgresql://u:secret@h/db?application_name=a,%20fake=1&sslmode=require");
        assertEquals(Set.of("driver", "protocol", "host", "user", "password", "database", "application_name", "sslmode"),
                OptionNames.of(o));
    }

    @Test
    void getWhenTlsKeyMistypedThenLibpqErrorWithSuggestionAndNoPassword() {
        io.github.pgssl.ConnectionStringException e = assertThrows(io.github.pgssl.ConnectionStringException.class,
                () -> io.r2dbc.spi.ConnectionFactories.get("r2dbc:pgssl:postgresql://u:Sentinel-PW-31@h/db?sslrootcrt=/ca.pem"));
        assertTrue(e.getMessage().startsWith("invalid URI query parameter: \"sslrootcrt\""), e.getMessage());
        assertTrue(e.getMessage().contains("\"sslrootcert\""), e.getMessage());
        assertFalse(e.getMessage().contains("Sentinel-PW-31"), e.getMessage());
    }

    @Test
    void getWhenSpringBootStyleDatabaseUrlThenPgsslFactoryWithLibpqPolicy() {
        PgSslConnectionFactory cf = (PgSslConnectionFactory) io.r2dbc.spi.ConnectionFactories.get(ConnectionFactoryOptions
                .parse("r2dbc:pgssl:postgres://app:pw@db.example.com:6543/app?sslmode=require")
                .mutate().option(PgSslR2dbc.ENVIRONMENT, io.github.pgssl.PgEnvironment.empty()).build());
        assertTrue(cf.policy() instanceof io.github.pgssl.SslPolicy.NoVerify, cf.policy().toString());
        assertEquals(java.util.List.of("connection to server at \"db.example.com\", port 6543"), cf.hosts());
    }

    @Test
    void getWhenR2dbcsThenVerifyFullWhichNeedsTheRootFile() {
        io.github.pgssl.SslConfigurationException e = assertThrows(io.github.pgssl.SslConfigurationException.class,
                () -> io.r2dbc.spi.ConnectionFactories.get(ConnectionFactoryOptions.parse("r2dbcs:pgssl:postgresql://u@h/db?sslrootcert=/nonexistent/ca.pem")
                        .mutate().option(PgSslR2dbc.ENVIRONMENT, io.github.pgssl.PgEnvironment.empty()).build()));
        assertTrue(e.getMessage().startsWith("root certificate file \"/nonexistent/ca.pem\" does not exist"), e.getMessage());
    }

    @Test
    void getWhenPolicyOptionThenOverridesUrl() {
        PgSslConnectionFactory cf = (PgSslConnectionFactory) io.r2dbc.spi.ConnectionFactories.get(ConnectionFactoryOptions
                .parse("r2dbc:pgssl:postgresql://u@h/db?sslmode=disable").mutate()
                .option(PgSslR2dbc.ENVIRONMENT, io.github.pgssl.PgEnvironment.empty())
                .option(PgSslR2dbc.POLICY, io.github.pgssl.SslPolicy.noVerify()).build());
        assertTrue(cf.policy() instanceof io.github.pgssl.SslPolicy.NoVerify, cf.policy().toString());
    }
}
