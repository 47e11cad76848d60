package io.github.pgssl.doctor;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A sentinel password (and key passphrase) driven through every mode of the doctor, with valid and
 * malformed inputs, must appear in no output (stdout or stderr). No server is needed: probes go to
 * a closed port.
 */
class SentinelTest {
    static final String SENTINEL = "Sentinel-Pw-7731";
    static final String ENCODED = "Sentinel%2DPw%2D7731";

    @TempDir
    static Path home;

    static List<String> inputs() {
        return List.of(
                "postgresql://u:" + SENTINEL + "@127.0.0.1:1/db?sslmode=require",
                "postgresql://u:" + ENCODED + "@127.0.0.1:1/db?sslmode=disable",
                "postgresql://u@127.0.0.1:1/db?password=" + SENTINEL + "&sslpassword=" + SENTINEL,
                "host=127.0.0.1 port=1 user=u password=" + SENTINEL + " sslmode=prefer",
                "host=127.0.0.1 port=1 user=u password='" + SENTINEL + "' sslpassword='" + SENTINEL + "'",
                "jdbc:postgresql://127.0.0.1:1/db?user=u&password=" + SENTINEL,
                "r2dbc:postgresql://u:" + SENTINEL + "@127.0.0.1:1/db",
                // malformed
                "postgresql://u:" + SENTINEL + "@127.0.0.1:1/db?foo=bar",
                "postgresql://u:" + SENTINEL + "@[]/db",
                "postgresql://u:" + SENTINEL + "@h/%zz",
                "host=h password=" + SENTINEL + " application_name='it''s'",
                "host=h password='" + SENTINEL,
                "host=h password=" + SENTINEL + " sslmode=Require",
                "postgresql://u:" + SENTINEL + "@h:99999/db",
                "password=" + SENTINEL + " bogus=1");
    }

    static List<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (String in : inputs()) {
            out.add(Arguments.of((Object) new String[]{"--explain", in}));
            out.add(Arguments.of((Object) new String[]{"--explain", "--json", in}));
            out.add(Arguments.of((Object) new String[]{"--timeout", "2", in}));
            out.add(Arguments.of((Object) new String[]{"--json", "--timeout", "2", in}));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("runs")
    void doctorWhenSecretInInputThenNoOutputContainsIt(String[] args) {
        DoctorRun r = DoctorRun.run(Map.of("PGPASSWORD", SENTINEL + "-env"), home, args);
        assertFalse(r.all().contains(SENTINEL), String.join(" ", args) + " printed the sentinel:\n" + r.all());
        assertFalse(r.all().contains(ENCODED), String.join(" ", args) + " printed the encoded sentinel:\n" + r.all());
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void doctorWhenSecretInDatabaseUrlThenNoOutputContainsIt(String input) {
        DoctorRun r = DoctorRun.run(Map.of("DATABASE_URL", input), home, "--json", "--timeout", "2");
        assertFalse(r.all().contains(SENTINEL), r.all());
    }
}
