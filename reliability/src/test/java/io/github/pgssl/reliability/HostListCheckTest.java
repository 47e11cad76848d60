package io.github.pgssl.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Scenario 3's host-list check ({@link Scenarios#hostList}) on scripted connects: what it lets through and what not. */
class HostListCheckTest {
    private static final int STALLED = 40001;
    private static final int GOOD = 40002;
    private static final String BOTH_TIMED_OUT = "connection to server at \"h\" (127.0.0.1), port " + STALLED
            + " failed: timeout expired\nconnection to server at \"h\" (127.0.0.1), port " + GOOD + " failed: timeout expired";

    /** Each connectOnce sleeps, then throws the scripted message or (for null) succeeds. */
    private static DriverPool scripted(long sleepMillis, String... messages) {
        AtomicInteger call = new AtomicInteger();
        return new DriverPool() {
            @Override
            public Probe query() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void connectOnce() throws Exception {
                Thread.sleep(sleepMillis);
                String m = messages[Math.min(call.getAndIncrement(), messages.length - 1)];
                if (m != null) {
                    throw new java.util.concurrent.ExecutionException(new IllegalStateException(m));
                }
            }

            @Override
            public void churn() {
            }

            @Override
            public void close() {
            }
        };
    }

    private static List<String> check(DriverPool p) {
        List<String> problems = new ArrayList<>();
        Scenarios.hostList(p, StalledListener.Mode.SILENT_AFTER_ACCEPT, 2, STALLED, GOOD, problems, new StringBuilder());
        return problems;
    }

    @Test
    void hostListWhenSecondHostReachedThenNoProblem() {
        assertEquals(List.of(), check(scripted(0, (String) null)));
    }

    @Test
    void hostListWhenBothTimedOutAfterTwoFullTimeoutsThenRetriedAndReached() {
        // 4.0 s: the first try spent a full connect_timeout (2 s) on each host.
        assertEquals(List.of(), check(scripted(4000, BOTH_TIMED_OUT, null)));
    }

    @Test
    void hostListWhenBothTimedOutSoonerThanTwoTimeoutsThenProblem() {
        // A deadline shared by the hosts would end the second attempt early.
        List<String> problems = check(scripted(0, BOTH_TIMED_OUT, null));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("SILENT_AFTER_ACCEPT: the host list did not reach the second host (try 1, "),
                problems.get(0));
    }

    @Test
    void hostListWhenOnlyFirstHostTriedThenProblem() {
        List<String> problems = check(scripted(0, "connection to server at \"h\" (127.0.0.1), port " + STALLED
                + " failed: timeout expired"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("did not reach the second host (try 1, "), problems.get(0));
    }

    @Test
    void hostListWhenSecondHostFailsOtherwiseThenProblem() {
        List<String> problems = check(scripted(0, "connection to server at \"h\" (127.0.0.1), port " + STALLED
                + " failed: timeout expired\nconnection to server at \"h\" (127.0.0.1), port " + GOOD
                + " failed: certificate verify failed"));
        assertEquals(1, problems.size());
    }

    @Test
    void hostListWhenConnectTakesTooLongThenProblem() {
        // Succeeds, but after connect_timeout plus 3 s.
        List<String> problems = check(scripted(5100, (String) null));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("SILENT_AFTER_ACCEPT: the host list took "), problems.get(0));
        assertTrue(problems.get(0).endsWith(" ms, over connect_timeout=2 plus 3 s"), problems.get(0));
    }
}
