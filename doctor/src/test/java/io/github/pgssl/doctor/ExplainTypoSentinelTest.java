package io.github.pgssl.doctor;

import io.github.pgssl.testkit.sentinel.SecretTypos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Typo-variants of the secret keys carrying a sentinel (testkit's {@link SecretTypos}) through
 * {@code --explain} and {@code --explain --json}: no output shows it. No network: --explain never connects.
 * (Core's SecretTypoPropertyTest drives 100,000 such inputs through the parser's renderers.)
 */
class ExplainTypoSentinelTest {
    static final String SENTINEL = "Zq7SENTINELx9";

    @TempDir
    static Path home;

    @Test
    void explainWhenTypoOfSecretKeyThenNoOutputShowsSentinel() {
        List<String> inputs = SecretTypos.inputs(SENTINEL, 2_000, 12);
        int runs = 0;
        for (String input : inputs) {
            for (String[] args : List.of(new String[] {"--explain", input}, new String[] {"--explain", "--json", input})) {
                DoctorRun r = DoctorRun.run(Map.of(), home, args);
                assertFalse(r.all().contains(SENTINEL), () -> String.join(" ", args) + " printed the sentinel:\n" + r.all());
                runs++;
            }
        }
        assertEquals(4_000, runs);
    }
}
