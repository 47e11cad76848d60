package io.github.pgssl.parse;

import io.github.pgssl.ConnectionStringException;
import io.github.pgssl.PgSsl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** JDBC, R2DBC and SQLAlchemy URLs mapped onto libpq keywords. */
class DriverDialectsTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                // ---- pgjdbc
                arguments("jdbc: hosts with and without port", "jdbc:postgresql://h1:5433,h2/db?sslmode=require",
                        "jdbc", "host=h1,h2|port=5433,5432|dbname=db|sslmode=require"),
                arguments("jdbc: database only", "jdbc:postgresql:db", "jdbc", "host=localhost|port=5432|dbname=db"),
                arguments("jdbc: triple slash", "jdbc:postgresql:///db", "jdbc", "host=localhost|port=5432|dbname=db"),
                arguments("jdbc: no database", "jdbc:postgresql://h:1/", "jdbc", "host=h|port=1"),
                arguments("jdbc: IPv6", "jdbc:postgresql://[::1]:5434/db", "jdbc", "host=::1|port=5434|dbname=db"),
                arguments("jdbc: ssl=true without sslmode is verify-full", "jdbc:postgresql://h/db?ssl=true",
                        "jdbc", "host=h|port=5432|dbname=db|sslmode=verify-full"),
                arguments("jdbc: empty ssl is verify-full", "jdbc:postgresql://h/db?ssl", "jdbc",
                        "host=h|port=5432|dbname=db|sslmode=verify-full"),
                arguments("jdbc: sslmode wins over ssl=true", "jdbc:postgresql://h/db?sslmode=require&ssl=true", "jdbc",
                        "host=h|port=5432|dbname=db|sslmode=require"),
                arguments("jdbc: ssl=false leaves sslmode unset (prefer)", "jdbc:postgresql://h/db?ssl=false", "jdbc",
                        "host=h|port=5432|dbname=db"),
                arguments("jdbc: sslmode case-insensitive as in pgjdbc", "jdbc:postgresql://h/db?sslmode=VERIFY-FULL", "jdbc",
                        "host=h|port=5432|dbname=db|sslmode=verify-full"),
                arguments("jdbc: renamed properties", "jdbc:postgresql://h/db?ApplicationName=my+app&connectTimeout=7"
                        + "&sslNegotiation=direct&channelBinding=require&gssEncMode=disable&kerberosServerName=k&requireAuth=scram-sha-256",
                        "jdbc", "host=h|port=5432|dbname=db|application_name=my app|connect_timeout=7|sslnegotiation=direct"
                                + "|channel_binding=require|gssencmode=disable|krbsrvname=k|require_auth=scram-sha-256"),
                arguments("jdbc: same-name properties", "jdbc:postgresql://h/db?user=u&password=p%26w&sslrootcert=/ca.pem"
                        + "&sslcert=/c.crt&sslkey=/c.key&sslpassword=kp&options=-c%20x%3Dy",
                        "jdbc", "host=h|port=5432|dbname=db|user=u|password=p&w|sslrootcert=/ca.pem|sslcert=/c.crt"
                                + "|sslkey=/c.key|sslpassword=kp|options=-c x=y"),
                arguments("jdbc: targetServerType mapped", "jdbc:postgresql://h/db?targetServerType=preferSecondary", "jdbc",
                        "host=h|port=5432|dbname=db|target_session_attrs=prefer-standby"),
                arguments("jdbc: targetServerType master", "jdbc:postgresql://h/db?targetServerType=master", "jdbc",
                        "host=h|port=5432|dbname=db|target_session_attrs=primary"),
                arguments("jdbc: preferPrimary has no libpq twin", "jdbc:postgresql://h/db?targetServerType=preferPrimary", "jdbc",
                        "host=h|port=5432|dbname=db|driver:targetServerType=preferPrimary"),
                arguments("jdbc: loadBalanceHosts and tcpKeepAlive", "jdbc:postgresql://h/db?loadBalanceHosts=true&tcpKeepAlive=true",
                        "jdbc", "host=h|port=5432|dbname=db|load_balance_hosts=random|keepalives=1"),
                arguments("jdbc: gssEncMode=allow stays with pgjdbc", "jdbc:postgresql://h/db?gssEncMode=allow", "jdbc",
                        "host=h|port=5432|dbname=db|driver:gssEncMode=allow"),
                arguments("jdbc: pgjdbc-only properties kept", "jdbc:postgresql://h/db?prepareThreshold=5&sslfactory=a.B&gsslib=auto",
                        "jdbc", "host=h|port=5432|dbname=db|driver:prepareThreshold=5|driver:sslfactory=a.B|driver:gsslib=auto"),
                arguments("jdbc: libpq keywords pgjdbc lacks are applied", "jdbc:postgresql://h/db?sslcrl=/crl.pem&sslnegotiation=direct",
                        "jdbc", "host=h|port=5432|dbname=db|sslcrl=/crl.pem|sslnegotiation=direct"),
                arguments("jdbc: pgssl option", "jdbc:postgresql://h/db?pgssl.strategy=pinned", "jdbc",
                        "host=h|port=5432|dbname=db|pgssl:strategy=pinned"),
                // ---- r2dbc
                arguments("r2dbc: userinfo, port, options", "r2dbc:postgresql://u:p%40w@h:5433/db?sslMode=verify-full&sslRootCert=/ca.pem",
                        "r2dbc", "user=u|password=p@w|host=h|port=5433|dbname=db|sslmode=verify-full|sslrootcert=/ca.pem"),
                arguments("r2dbc: legacy driver name", "r2dbc:postgres://h/db", "r2dbc", "host=h|dbname=db"),
                arguments("r2dbcs means verify-full", "r2dbcs:postgresql://h/db", "r2dbc", "host=h|dbname=db|sslmode=verify-full"),
                arguments("r2dbcs: sslMode wins", "r2dbcs:postgresql://h/db?sslMode=require", "r2dbc", "host=h|dbname=db|sslmode=require"),
                arguments("r2dbc: ssl=true is verify-full", "r2dbc:postgresql://h/db?ssl=true", "r2dbc",
                        "host=h|dbname=db|sslmode=verify-full"),
                arguments("r2dbc: enum-style sslMode", "r2dbc:postgresql://h?sslMode=VERIFY_CA", "r2dbc", "host=h|sslmode=verify-ca"),
                arguments("r2dbc: lower-case alias sslmode", "r2dbc:postgresql://h?sslmode=verify_full", "r2dbc", "host=h|sslmode=verify-full"),
                arguments("r2dbc: client cert options", "r2dbc:postgresql://h?sslCert=/c.crt&sslKey=/c.key&sslPassword=kp&sslNegotiation=DIRECT&sslSni=false",
                        "r2dbc", "host=h|sslcert=/c.crt|sslkey=/c.key|sslpassword=kp|sslnegotiation=direct|sslsni=0"),
                arguments("r2dbc: applicationName, connectTimeout ISO-8601", "r2dbc:postgresql://h?applicationName=app&connectTimeout=PT10S",
                        "r2dbc", "host=h|application_name=app|connect_timeout=10"),
                arguments("r2dbc: connectTimeout rounded up", "r2dbc:postgresql://h?connectTimeout=PT0.5S", "r2dbc", "host=h|connect_timeout=1"),
                arguments("r2dbc: options map to -c switches", "r2dbc:postgresql://h?options=search_path%3Dfoo%3Bstatement_timeout%3D5s",
                        "r2dbc", "host=h|options=-c search_path=foo -c statement_timeout=5s"),
                arguments("r2dbc: failover hosts", "r2dbc:postgresql:failover://h1:5432,h2:5433/db?targetServerType=primary",
                        "r2dbc", "host=h1,h2|port=5432,5433|dbname=db|target_session_attrs=primary"),
                arguments("r2dbc: socket", "r2dbc:postgresql://h/db?socket=/var/run/postgresql/.s.PGSQL.5432", "r2dbc",
                        "host=/var/run/postgresql|port=5432|dbname=db|driver:socket=/var/run/postgresql/.s.PGSQL.5432"),
                arguments("r2dbc: IPv6 single host", "r2dbc:postgresql://[::1]:5432/db", "r2dbc", "host=::1|port=5432|dbname=db"),
                arguments("r2dbc: driver-only options", "r2dbc:postgresql://h?fetchSize=10&statementTimeout=PT5S", "r2dbc",
                        "host=h|driver:fetchSize=10|driver:statementTimeout=PT5S"),
                arguments("r2dbc:pool: pool options", "r2dbc:pool:postgresql://h/db?maxSize=5&initialSize=1", "r2dbc",
                        "host=h|dbname=db|driver:maxSize=5|driver:initialSize=1"),
                arguments("r2dbcs:pool:", "r2dbcs:pool:postgresql://h/db", "r2dbc", "host=h|dbname=db|sslmode=verify-full"),
                // ---- SQLAlchemy
                arguments("sqlalchemy psycopg2 is a libpq URI", "postgresql+psycopg2://u:pw@h/db?sslmode=verify-full",
                        "sqlalchemy", "user=u|password=pw|host=h|dbname=db|sslmode=verify-full|driver:sqlalchemy.driver=psycopg2"),
                arguments("sqlalchemy psycopg: ssl=true as libpq", "postgresql+psycopg://h/db?ssl=true",
                        "sqlalchemy", "host=h|dbname=db|sslmode=require|driver:sqlalchemy.driver=psycopg"),
                arguments("sqlalchemy asyncpg: ssl=require", "postgresql+asyncpg://u@h/db?ssl=require",
                        "sqlalchemy", "user=u|host=h|dbname=db|sslmode=require|driver:sqlalchemy.driver=asyncpg"),
                arguments("sqlalchemy asyncpg: ssl=true is verify-full", "postgresql+asyncpg://h/db?ssl=true",
                        "sqlalchemy", "host=h|dbname=db|sslmode=verify-full|driver:sqlalchemy.driver=asyncpg"),
                arguments("sqlalchemy asyncpg: direct_tls and driver args", "postgresql+asyncpg://h/db?direct_tls=true&prepared_statement_cache_size=0",
                        "sqlalchemy", "host=h|dbname=db|sslnegotiation=direct|driver:direct_tls=true"
                                + "|driver:prepared_statement_cache_size=0|driver:sqlalchemy.driver=asyncpg"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parseWhenDriverUrlThenLibpqKeywords(String name, String input, String dialect, String expected) {
        var s = PgSsl.parse(input);
        assertEquals(dialect, s.dialect());
        assertEquals(Flat.expected(expected), Flat.of(s));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("jdbc: misspelt TLS key", "jdbc:postgresql://h/db?sslrootCert=/ca",
                        "invalid connection option \"sslrootCert\"; did you mean \"sslrootcert\"?"),
                arguments("jdbc: libpq spelling of a pgjdbc name is still a typo", "jdbc:postgresql://h/db?ssl_mode=require",
                        "invalid connection option \"ssl_mode\"; did you mean \"sslmode\"?"),
                arguments("jdbc: unknown key", "jdbc:postgresql://h/db?foo=bar", "invalid connection option \"foo\""),
                arguments("jdbc: userinfo not read by pgjdbc", "jdbc:postgresql://u:secret@h/db",
                        "invalid JDBC URL: pgjdbc does not read credentials written before \"@\" in the host part; "
                                + "pass user and password as query parameters or properties"),
                arguments("jdbc: two slashes after hosts", "jdbc:postgresql://h/db/x",
                        "invalid JDBC URL: more than one \"/\" after the host list; percent-encode \"/\" in the database name"),
                arguments("jdbc: single slash", "jdbc:postgresql:/db",
                        "invalid JDBC URL: use jdbc:postgresql://host/db, jdbc:postgresql:///db or jdbc:postgresql:db"),
                arguments("jdbc: unknown targetServerType", "jdbc:postgresql://h/db?targetServerType=bogus",
                        "targetServerType: invalid value \"bogus\"; use any, primary, secondary, preferSecondary or preferPrimary"),
                arguments("jdbc: bad escape", "jdbc:postgresql://h/db?ApplicationName=%zz", "invalid percent-encoded token: \"%zz\""),
                arguments("r2dbc: password in query", "r2dbc:postgresql://h/db?password=x",
                        "invalid R2DBC URL: R2DBC does not allow \"password\" in the query; "
                                + "write user and password in the URL's user info, before the host"),
                arguments("r2dbc: misspelt TLS key", "r2dbc:postgresql://h?sslRootcert=/ca",
                        "invalid connection option \"sslRootcert\"; did you mean \"sslrootcert\"?"),
                arguments("r2dbc: pool option without pool", "r2dbc:postgresql://h?maxSize=5", "invalid connection option \"maxSize\""),
                arguments("r2dbc: duration not ISO-8601", "r2dbc:postgresql://h?connectTimeout=10s",
                        "connectTimeout: invalid duration \"10s\"; use ISO-8601, e.g. PT10S"),
                arguments("r2dbc: malformed IPv6", "r2dbc:postgresql://[::1/db", "invalid R2DBC URL: malformed IPv6 address \"[::1\""),
                arguments("sqlalchemy asyncpg: bad ssl", "postgresql+asyncpg://h/db?ssl=yes",
                        "invalid asyncpg ssl value: \"yes\"; use true or one of disable, allow, prefer, require, verify-ca, verify-full"),
                arguments("sqlalchemy psycopg2: unknown key", "postgresql+psycopg2://h/db?foo=bar", "invalid URI query parameter: \"foo\""),
                arguments("sqlalchemy: libpq IPv6 error quotes the URI", "postgresql+psycopg2://[]/",
                        "IPv6 host address may not be empty in URI: \"postgresql+psycopg2://[]/\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void parseWhenDriverUrlMalformedThenError(String name, String input, String message) {
        ConnectionStringException e = assertThrows(ConnectionStringException.class, () -> PgSsl.parse(input));
        assertEquals(message, e.getMessage());
        assertFalse(e.redactedInput().contains("secret"));
    }
}
