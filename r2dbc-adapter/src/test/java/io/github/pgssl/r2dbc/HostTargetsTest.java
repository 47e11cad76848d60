package io.github.pgssl.r2dbc;

import io.github.pgssl.SslConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HostTargetsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            one host, default port          | host=db.example.com                                   | db.example.com/db.example.com:5432
            hostaddr connects, host verifies | host=db.example.com hostaddr=10.0.0.5 port=6432       | 10.0.0.5/db.example.com:6432
            hostaddr alone verifies nothing  | hostaddr=127.0.0.1                                    | 127.0.0.1/:5432
            one port for all hosts           | host=a,b port=7                                       | a/a:7 b/b:7
            positional ports, empty default  | host=a,b,c port=1,,3                                  | a/a:1 b/b:5432 c/c:3
            hostaddr list counts the hosts   | host=a,b hostaddr=10.0.0.1,10.0.0.2                   | 10.0.0.1/a:5432 10.0.0.2/b:5432
            socket directory                 | host=/var/run/postgresql port=5433                    | /var/run/postgresql//var/run/postgresql:5433
            """)
    void hostListWhenPairedThenTargetsInLibpqOrder(String name, String settings, String expected) {
        String actual = String.join(" ", HostTargets.of(Settings.of(settings)).stream()
                .map(t -> t.connectAddress() + "/" + t.verifyHost() + ":" + t.port()).toList());
        assertEquals(expected, actual);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            hosts vs hostaddrs | host=a,b,c hostaddr=1.1.1.1,2.2.2.2 | hostaddr | could not match 3 host names to 2 hostaddr values; give one hostaddr per host
            ports vs hosts     | host=a,b port=1,2,3                 | port     | could not match 3 port numbers to 2 hosts; give one port for all hosts or one per host
            bad port           | host=a port=99999                   | port     | invalid port number: "99999"; use a number from 1 to 65535
            """)
    void hostListWhenMismatchedThenLibpqError(String name, String settings, String setting, String message) {
        SslConfigurationException e = assertThrows(SslConfigurationException.class, () -> HostTargets.of(Settings.of(settings)));
        assertEquals(message, e.getMessage());
        assertEquals(setting, e.setting().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain host         | host=db.example.com                   | connection to server at "db.example.com", port 5432 failed
            hostaddr shown     | host=db.example.com hostaddr=10.0.0.5 | connection to server at "db.example.com" (10.0.0.5), port 5432 failed
            socket             | host=/tmp port=5433                   | connection to server on socket "/tmp/.s.PGSQL.5433" failed
            """)
    void describeWhenFailingThenNamesServerLikeLibpq(String name, String settings, String expected) {
        assertEquals(expected, HostTargets.of(Settings.of(settings)).get(0).describe());
    }
}
