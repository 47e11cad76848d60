package io.github.pgssl.doctor;

import io.github.pgssl.ConnectionStringException;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The probed servers come from core's Endpoint; the doctor adds only its display and the probe limit. */
class TargetTest {

    private static List<Target> targets(String conninfo) {
        return Target.all(PgSsl.settings(conninfo, PgEnvironment.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            host name                | host=db.example.com port=5433             | db.example.com:5433                 | false
            host and hostaddr        | host=db.example.com hostaddr=127.0.0.1    | db.example.com (127.0.0.1):5432     | false
            hostaddr only            | hostaddr=127.0.0.1                        | 127.0.0.1:5432                      | false
            no host: default socket  | user=u                                    | /var/run/postgresql:5432            | true
            socket directory         | host=/tmp                                 | /tmp:5432                           | true
            /-host with hostaddr     | host=/tmp hostaddr=127.0.0.1              | /tmp (127.0.0.1):5432               | false
            """)
    void allWhenHostListThenCoreEndpointsDisplayed(String name, String conninfo, String display, boolean socket) {
        Target t = targets(conninfo).get(0);
        assertEquals(display, t.display());
        assertEquals(socket, t.isUnixSocket());
        assertNull(t.note());
    }

    @Test
    void allWhenMoreThanEightHostsThenProbeStopsWithNote() {
        List<Target> t = targets("host=h1,h2,h3,h4,h5,h6,h7,h8,h9,h10");
        assertEquals(Target.MAX_PROBED, t.size());
        assertEquals("the list has 10 hosts; the probe stops at 8", t.get(7).note());
        assertEquals(List.of(5432, 5432), t.subList(0, 2).stream().map(Target::port).toList());
    }

    @Test
    void allWhenPortInvalidThenCoreError() {
        ConnectionStringException e = assertThrows(ConnectionStringException.class, () -> targets("host=a port=x"));
        assertEquals("invalid integer value \"x\" for connection option \"port\"; use a number from 1 to 65535", e.getMessage());
        assertEquals("port", e.setting().orElseThrow());
    }
}
