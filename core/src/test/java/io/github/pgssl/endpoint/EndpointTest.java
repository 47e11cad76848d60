package io.github.pgssl.endpoint;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionSettings.Origin;
import io.github.pgssl.ConnectionStringException;
import io.github.pgssl.Endpoint;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** libpq's host/hostaddr/port pairing ({@code pqConnectOptions2}, spec §3.3), in its one home. */
class EndpointTest {

    /** Settings built directly, so that the pairing is checked by {@link Endpoint} rather than by the parser. */
    private static ConnectionSettings settings(String spec) {
        ConnectionSettings.Builder b = ConnectionSettings.builder("test");
        for (String kv : spec.trim().split(" +")) {
            int eq = kv.indexOf('=');
            b.set(kv.substring(0, eq), kv.substring(eq + 1).replace("{sp}", " "), Origin.EXPLICIT);
        }
        return b.build();
    }

    /** index:connectAddress/verifyHost:port[:unix], space-separated. */
    private static String render(List<Endpoint> endpoints) {
        return String.join(" ", endpoints.stream().map(e -> e.index() + ":" + e.connectAddress() + "/" + e.verifyHost()
                + ":" + e.port() + (e.isUnixSocket() ? ":unix" : "")).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nothing set: default socket directory   | user=u                                       | 0:/var/run/postgresql//var/run/postgresql:5432:unix
            empty host: default socket directory    | host=                                        | 0:/var/run/postgresql//var/run/postgresql:5432:unix
            one host, default port                  | host=db.example.com                          | 0:db.example.com/db.example.com:5432
            hostaddr connects, host verifies        | host=db.example.com hostaddr=10.0.0.5 port=6432 | 0:10.0.0.5/db.example.com:6432
            hostaddr alone verifies nothing         | hostaddr=127.0.0.1                           | 0:127.0.0.1/:5432
            hostaddr count wins over one empty host | host= hostaddr=10.0.0.1,10.0.0.2             | 0:10.0.0.1/:5432 1:10.0.0.2/:5432
            one port for all hosts                  | host=a,b port=7                              | 0:a/a:7 1:b/b:7
            positional ports, empty element default | host=a,b,c port=1,,3                         | 0:a/a:1 1:b/b:5432 2:c/c:3
            empty port: 5432                        | host=a port=                                 | 0:a/a:5432
            hostaddr list counts the hosts          | host=a,b hostaddr=10.0.0.1,10.0.0.2          | 0:10.0.0.1/a:5432 1:10.0.0.2/b:5432
            empty host element: socket directory    | host=db,                                     | 0:db/db:5432 1:/var/run/postgresql//var/run/postgresql:5432:unix
            empty hostaddr element: host is used    | host=a,b hostaddr=10.0.0.1,                  | 0:10.0.0.1/a:5432 1:b/b:5432
            socket directory                        | host=/tmp port=5433                          | 0:/tmp//tmp:5433:unix
            abstract socket                         | host=@pg                                     | 0:@pg/@pg:5432:unix
            hostaddr makes a /-host TCP             | host=/tmp hostaddr=127.0.0.1                 | 0:127.0.0.1//tmp:5432
            port with spaces (parse_int_param)      | host=a port={sp}6432{sp}                     | 0:a/a:6432
            IPv6 host                               | host=::1                                     | 0:::1/::1:5432
            """)
    void endpointsWhenListsPairThenLibpqOrderAndDefaults(String name, String spec, String expected) {
        assertEquals(expected, render(settings(spec).endpoints()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            more hosts than hostaddrs | host=a,b,c hostaddr=1.1.1.1,2.2.2.2 | hostaddr | could not match 3 host names to 2 hostaddr values; give one hostaddr per host
            fewer hosts than hostaddrs | host=a hostaddr=1.1.1.1,2.2.2.2    | hostaddr | could not match 1 host names to 2 hostaddr values; give one hostaddr per host
            more ports than hosts      | host=a,b port=1,2,3                 | port     | could not match 3 port numbers to 2 hosts; give one port for all hosts, or one per host
            two ports, default host    | port=1,2                            | port     | could not match 2 port numbers to 1 hosts; give one port for all hosts, or one per host
            port too large             | host=a port=99999                   | port     | invalid port number: "99999"; use a number from 1 to 65535
            port zero                  | host=a port=0                       | port     | invalid port number: "0"; use a number from 1 to 65535
            negative port              | host=a,b port=1,-5                  | port     | invalid port number: "-5"; use a number from 1 to 65535
            port not a number          | host=a port=54x                     | port     | invalid integer value "54x" for connection option "port"; use a number from 1 to 65535
            port beyond int            | host=a port=99999999999             | port     | invalid integer value "99999999999" for connection option "port"; use a number from 1 to 65535
            """)
    void endpointsWhenListsDoNotPairThenLibpqError(String name, String spec, String setting, String message) {
        ConnectionSettings s = settings(spec);
        ConnectionStringException e = assertThrows(ConnectionStringException.class, s::endpoints);
        assertEquals(message, e.getMessage());
        assertEquals(setting, e.setting().orElseThrow());
        assertEquals(s.toRedactedUrl(), e.redactedInput());
    }

    @Test
    void parseWhenListsDoNotPairThenLibpqWordsBeforeConnecting() {
        // The parser reports libpq's text alone (LibpqMergeDifferentialTest holds it to libpq's output).
        ConnectionStringException e = assertThrows(ConnectionStringException.class,
                () -> PgSsl.settings("host=a,b port=1,2,3", PgEnvironment.empty()));
        assertEquals("could not match 3 port numbers to 2 hosts", e.getMessage());
    }

    @Test
    void parseWhenPortInvalidThenErrorOnlyWhenEndpointsAreAsked() {
        // libpq checks a port's value only when it connects; psql -h a -p x fails then, not while parsing.
        ConnectionSettings s = PgSsl.settings("host=a port=x", PgEnvironment.empty());
        ConnectionStringException e = assertThrows(ConnectionStringException.class, s::endpoints);
        assertEquals("invalid integer value \"x\" for connection option \"port\"; use a number from 1 to 65535", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            host name            | host=db.example.com port=5433               | connection to server at "db.example.com", port 5433
            host and hostaddr    | host=db.example.com hostaddr=10.0.0.5       | connection to server at "db.example.com" (10.0.0.5), port 5432
            hostaddr only        | hostaddr=10.0.0.5                           | connection to server at "10.0.0.5", port 5432
            same host and addr   | host=10.0.0.5 hostaddr=10.0.0.5             | connection to server at "10.0.0.5", port 5432
            socket               | host=/sockets port=5433                         | connection to server on socket "/sockets/.s.PGSQL.5433"
            socket, trailing /   | host=/sockets/                                  | connection to server on socket "/sockets/.s.PGSQL.5432"
            default socket       | user=u                                      | connection to server on socket "/var/run/postgresql/.s.PGSQL.5432"
            """)
    void describeWhenEndpointThenLibpqErrorPrefix(String name, String spec, String expected) {
        assertEquals(expected, settings(spec).endpoints().get(0).describe());
    }

    @Test
    void socketPathWhenUnixSocketThenLibpqSocketFile() {
        Endpoint e = settings("host=/var/run/postgresql port=6000").endpoints().get(0);
        assertTrue(e.isUnixSocket());
        assertEquals("/var/run/postgresql/.s.PGSQL.6000", e.socketPath());
        assertEquals("", e.hostaddr());
    }

    @Test
    void ofWhenGivenDirectlyThenSameAsListed() {
        assertEquals(settings("host=db hostaddr=10.0.0.1 port=7").endpoints().get(0), Endpoint.of(0, "db", "10.0.0.1", 7));
        assertFalse(Endpoint.of(0, "db", "", 7).isUnixSocket());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.of(0, "", "", 5432));
        assertEquals("host and hostaddr are both empty; give one of them", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Endpoint.of(0, "db", "", 70000));
        assertEquals("port 70000 is not from 1 to 65535", e.getMessage());
    }

    @Test
    void defaultsWhenReadThenDebianCompiledValues() {
        assertEquals("/var/run/postgresql", Endpoint.DEFAULT_SOCKET_DIRECTORY);
        assertEquals(5432, Endpoint.DEFAULT_PORT);
    }
}
