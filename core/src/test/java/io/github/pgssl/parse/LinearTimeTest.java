package io.github.pgssl.parse;

import io.github.pgssl.ConnectionStringException;
import io.github.pgssl.PgSsl;
import io.github.pgssl.internal.parse.Redaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every parse, error and redaction is linear: 1 MB inputs built to hit the quadratic paths of the
 * old redaction (a 450 KB string of "password=" took over 20 s) finish well within a second even
 * on a loaded CI machine. benchmarks' LargeInputBenchmark gives the precise figures.
 */
class LinearTimeTest {
    static final int MB = 1 << 20;
    /**
     * A guard against quadratic paths, not a speed claim: unloaded the times are tens of
     * milliseconds (benchmarks' LargeInputBenchmark), a quadratic path takes minutes, and a 2 s bound
     * failed on a 2-core machine at load 16. 15 s keeps the guard and survives a loaded CI machine.
     */
    static final long LIMIT_MS = 15_000;

    static String repeat(String unit, String tail) {
        return unit.repeat(MB / unit.length()) + tail;
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("keyword/value: password= repeats, then a bare word", repeat("password=", " bogus")),
                arguments("keyword/value: password= with blanks", repeat("password= ", "bogus x")),
                arguments("keyword/value: quoted password repeats", repeat("password='a' ", "bogus")),
                arguments("URI: parameters without '='", "postgresql://h/db?" + repeat("a&", "")),
                arguments("URI: password= repeats in the query, unknown key last", "postgresql://h/db?" + repeat("password=x&", "bogus=1")),
                arguments("URI: many '@' in the authority", "postgresql://u:" + repeat("@", "h/db")),
                arguments("URI: many ':' and '@'", "postgresql://" + repeat("a:@", "/db")),
                arguments("JDBC: password= repeats, unknown key last", "jdbc:postgresql://h/db?" + repeat("password=x&", "bogus")),
                arguments("R2DBC: password= repeats", "r2dbc:postgresql://h/db?" + repeat("sslPassword=x&", "bogus=1")),
                arguments("a 1 MB TLS-like key (did-you-mean)", "host=h ssl" + "x".repeat(MB) + "=1"),
                arguments("a 1 MB unknown key", "host=h " + "k".repeat(MB) + "=1"),
                arguments("an unterminated quote", "host=h password='" + "x".repeat(MB)),
                arguments("many '=' in one value of a URI", "postgresql://h/db?password=" + repeat("=", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void parseWhenMegabyteInvalidThenErrorInLinearTime(String name, String input) {
        long t = System.nanoTime();
        ConnectionStringException e = assertThrows(ConnectionStringException.class, () -> PgSsl.parse(input));
        String shown = e.getMessage() + e.redactedInput();
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertTrue(ms < LIMIT_MS, name + " took " + ms + " ms");
        assertFalse(shown.isEmpty());
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                arguments("keyword/value: a 1 MB value", "host=h application_name=" + "a".repeat(MB)),
                arguments("keyword/value: password= repeats (one long password)", repeat("password=", "")),
                arguments("URI: 1 MB of parameters", "postgresql://h/db?" + repeat("application_name=x&", "sslmode=require")),
                arguments("URI: a 1 MB dbname", "postgresql://u:p@h/" + "d".repeat(MB)),
                arguments("URI: 1 MB of hosts", "postgresql://" + repeat("h,", "h") + "/db"),
                arguments("JDBC: 1 MB of parameters", "jdbc:postgresql://h/db?" + repeat("ApplicationName=x&", "sslmode=require")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parseWhenMegabyteValidThenLinearTime(String name, String input) {
        long t = System.nanoTime();
        String shown = PgSsl.parse(input).toString();
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertTrue(ms < LIMIT_MS, name + " took " + ms + " ms");
        assertFalse(shown.isEmpty());
    }

    @Test
    void redactionWhenMegabyteOfSeparatorsThenLinearTime() {
        for (String unit : new String[] {"password=", "=", "@", ":@", "a:b@", "password ", "&", "?&=", "'", "\\", "u:p@h/"}) {
            String input = repeat(unit, "");
            long t = System.nanoTime();
            Redaction.redactInput(input);
            Redaction.redactInput("postgresql://" + input);
            Redaction.maskAssignments(input);
            long ms = (System.nanoTime() - t) / 1_000_000;
            assertTrue(ms < LIMIT_MS, "\"" + unit + "\" repeated took " + ms + " ms");
        }
    }
}
