package io.github.pgssl.reliability;

import java.util.List;

/**
 * The measured outcome of one scenario for one driver. Times are in milliseconds; -1 where a figure
 * does not apply.
 *
 * @param driver the pool under test
 * @param scenario the scenario's number and name, e.g. "1 restart"
 * @param queries probe calls made
 * @param failed probe calls failed
 * @param failedOutsideWindow failed calls that started before the fault or after every worker had recovered
 * @param plaintext successful calls on a non-TLS connection, plus non-TLS connections the server authorized
 * @param connections connections the server authorized during the scenario
 * @param outageMillis from the fault to the server accepting connections again
 * @param recoveryMillis from the server being back to every worker having succeeded again
 * @param maxCallMillis the longest probe call
 * @param stuck worker threads that did not finish when stopped
 * @param detail what else was measured, in words
 * @param problems the checks that failed (empty: passed)
 */
public record ScenarioResult(Driver driver, String scenario, long queries, long failed, long failedOutsideWindow,
        long plaintext, long connections, long outageMillis, long recoveryMillis, long maxCallMillis, int stuck,
        String detail, List<String> problems) {
    /** Whether every check of the scenario held. */
    public boolean passed() {
        return problems.isEmpty();
    }
}
