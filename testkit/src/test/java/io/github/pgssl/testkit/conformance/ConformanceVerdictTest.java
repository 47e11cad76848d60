package io.github.pgssl.testkit.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class ConformanceVerdictTest {
    private static final Expectation.FragmentMatcher CONTAINS = (fragment, message) -> message.contains(fragment);

    private static void check(Expectation e, Outcome o, boolean gap) {
        ConformanceSuite.check("X-1", e, o, gap, CONTAINS, "host=h", "/home");
    }

    @Test
    void matchesWhenFailureContainsEveryFragmentThenTrue() {
        Expectation e = Expectation.failed("first", "second");
        assertTrue(e.matches(new Outcome.Failed("a second and a first")));
        assertFalse(e.matches(new Outcome.Failed("only the first")));
        assertFalse(e.matches(new Outcome.Plaintext()));
    }

    @Test
    void matchesWhenTlsWithProtocolThenVersionMustBeEqual() {
        assertTrue(Expectation.tls().matches(new Outcome.Tls("TLSv1.2")));
        assertTrue(Expectation.tls("TLSv1.3").matches(new Outcome.Tls("TLSv1.3")));
        assertFalse(Expectation.tls("TLSv1.3").matches(new Outcome.Tls("TLSv1.2")));
        assertFalse(Expectation.plaintext().matches(new Outcome.Tls("TLSv1.3")));
    }

    @Test
    void failedWhenNoFragmentThenRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Expectation::failed);
        assertEquals("a failure expectation needs at least one message fragment", e.getMessage());
    }

    @Test
    void checkWhenOutcomeDiffersThenFailsNamingBoth() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> check(Expectation.failed("certificate verify failed"), new Outcome.Plaintext(), false));
        assertEquals("X-1: libpq gives failure containing \"certificate verify failed\", but the client gave plaintext\n"
                + "  connection string: host=h\n  HOME: /home ==> expected: <true> but was: <false>", e.getMessage());
    }

    @Test
    void checkWhenOutcomeMatchesThenPasses() {
        assertDoesNotThrow(() -> check(Expectation.tls(), new Outcome.Tls("TLSv1.3"), false));
    }

    @Test
    void checkWhenGapFailsLoudlyThenPasses() {
        assertDoesNotThrow(() -> check(Expectation.plaintext(), new Outcome.Failed("sslmode=allow is not supported"), true));
    }

    @Test
    void checkWhenGapConnectsDifferentlyThenFails() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> check(Expectation.failed("certificate verify failed"), new Outcome.Tls("TLSv1.3"), true));
        assertTrue(e.getMessage().startsWith("X-1 is a documented gap, so the client must refuse with a clear error, "
                + "but it gave TLS (TLSv1.3) where libpq gives failure containing \"certificate verify failed\""), e.getMessage());
    }

    @Test
    void checkWhenGapNowConformsThenFailsAskingToRemoveIt() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> check(Expectation.plaintext(), new Outcome.Plaintext(), true));
        assertEquals("X-1 is listed in documentedGaps() but now behaves like libpq (plaintext); remove it from the list "
                + "==> expected: <false> but was: <true>", e.getMessage());
    }

    @Test
    void redactWhenPasswordsThenMasked() {
        assertEquals("host=h user=u password=****** sslpassword=****** dbname=d",
                ConformanceSuite.redact("host=h user=u password=p@ss:w/rd%x sslpassword=key-pass!word dbname=d"));
        assertEquals("postgresql://scramuser:******@127.0.0.1:5/trustdb?sslmode=require",
                ConformanceSuite.redact("postgresql://scramuser:p%40ss%3Aw%2Frd%25x@127.0.0.1:5/trustdb?sslmode=require"));
        assertEquals("postgresql://u@h/db?password=******", ConformanceSuite.redact("postgresql://u@h/db?password=x"));
    }

    @Test
    void describeWhenCausesThenAllMessagesJoined() {
        Exception e = new IllegalStateException("outer", new java.io.IOException("inner"));
        assertEquals("java.lang.IllegalStateException: outer / caused by: java.io.IOException: inner",
                ConformanceSuite.describe(e));
    }
}
