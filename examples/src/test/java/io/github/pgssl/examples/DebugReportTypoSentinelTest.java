package io.github.pgssl.examples;

import io.github.pgssl.ConnectionStringException;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.testkit.json.Json;
import io.github.pgssl.testkit.sentinel.SecretTypos;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The debug endpoint's report for typo-variants of the secret keys carrying a sentinel: every input
 * the parser refuses is reported (never thrown) without the sentinel. Inputs that parse would make
 * the report connect; those are covered by the parser's own sentinel tests.
 */
class DebugReportTypoSentinelTest {
    static final String SENTINEL = "Zq7SENTINELx9";

    @Test
    void collectWhenTypoOfSecretKeyThenReportWithoutSentinel() {
        int refused = 0;
        for (String input : SecretTypos.inputs(SENTINEL, 20_000, 7)) {
            try {
                PgSsl.parse(input);
                continue;
            } catch (ConnectionStringException e) {
                refused++;
            }
            Map<String, Object> m = DebugReport.collect(input, PgEnvironment.empty());
            String json = Json.write(m);
            assertFalse(json.contains(SENTINEL), () -> "the report for " + input + " shows the sentinel: " + json);
        }
        assertTrue(refused > 15_000, "most typo inputs are refused by the parser: " + refused);
    }
}
