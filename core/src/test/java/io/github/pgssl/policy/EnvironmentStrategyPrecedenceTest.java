package io.github.pgssl.policy;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** PGSSL_STRATEGY never overrides an explicit stronger setting: libpq's order is explicit value first. */
class EnvironmentStrategyPrecedenceTest {
    @TempDir
    static Path tmp;
    static Path ca;

    static Path ca() throws Exception {
        if (ca == null) {
            ca = Files.writeString(tmp.resolve("ca.pem"), "x");
        }
        return ca;
    }

    static PgEnvironment env(String strategy) {
        return PgEnvironment.of(Map.of("PGSSL_STRATEGY", strategy, "PGSSL_PIN", "02".repeat(32)), null);
    }

    static Stream<Arguments> refused() throws Exception {
        String root = " sslrootcert=" + ca();
        return Stream.of(
                arguments("no-verify over verify-full", "host=h sslmode=verify-full" + root, "no-verify",
                        "PGSSL_STRATEGY=no-verify (does not verify the server certificate) would weaken the explicit sslmode=verify-full "
                                + "(verifies the certificate and the host name); an explicit setting wins over the environment, as in libpq: "
                                + "unset PGSSL_STRATEGY, or choose the strategy in the connection string with pgssl.strategy"),
                arguments("no-verify over sslrootcert=system", "host=h sslrootcert=system", "no-verify",
                        "PGSSL_STRATEGY=no-verify (does not verify the server certificate) would weaken the explicit sslrootcert=system "
                                + "(verifies the certificate and the host name); an explicit setting wins over the environment, as in libpq: "
                                + "unset PGSSL_STRATEGY, or choose the strategy in the connection string with pgssl.strategy"),
                arguments("no-verify over verify-ca", "host=h sslmode=verify-ca" + root, "no-verify",
                        "PGSSL_STRATEGY=no-verify (does not verify the server certificate) would weaken the explicit sslmode=verify-ca "
                                + "(verifies the certificate but not the host name); an explicit setting wins over the environment, as in libpq: "
                                + "unset PGSSL_STRATEGY, or choose the strategy in the connection string with pgssl.strategy"),
                arguments("ca-file over verify-full", "host=h sslmode=verify-full" + root, "ca-file",
                        "PGSSL_STRATEGY=ca-file (verifies the certificate but not the host name) would weaken the explicit sslmode=verify-full "
                                + "(verifies the certificate and the host name); an explicit setting wins over the environment, as in libpq: "
                                + "unset PGSSL_STRATEGY, or choose the strategy in the connection string with pgssl.strategy"),
                arguments("pinned over verify-full in a URI", "postgresql://h/db?sslmode=verify-full&sslrootcert=" + ca(), "pinned",
                        "PGSSL_STRATEGY=pinned (verifies the certificate but not the host name) would weaken the explicit sslmode=verify-full "
                                + "(verifies the certificate and the host name); an explicit setting wins over the environment, as in libpq: "
                                + "unset PGSSL_STRATEGY, or choose the strategy in the connection string with pgssl.strategy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void policyWhenEnvironmentStrategyWeakerThanExplicitThenRefusedNamingBoth(String name, String input, String strategy, String message) {
        PgEnvironment env = env(strategy);
        ConnectionSettings s = PgSsl.settings(input, env);
        SslConfigurationException e = assertThrows(SslConfigurationException.class, () -> PgSsl.policy(s, env));
        assertEquals(message, e.getMessage());
        assertEquals("PGSSL_STRATEGY", e.setting().orElseThrow());
    }

    static Stream<Arguments> allowed() throws Exception {
        return Stream.of(
                arguments("no explicit mode", "host=h", "no-verify", SslPolicy.NoVerify.class),
                arguments("explicit require is not stronger", "host=h sslmode=require", "no-verify", SslPolicy.NoVerify.class),
                arguments("an equal strategy", "host=h sslmode=verify-full sslrootcert=" + ca(), "full-verify", SslPolicy.VerifyFull.class),
                arguments("a stronger strategy", "host=h sslmode=verify-ca sslrootcert=" + ca(), "full-verify", SslPolicy.VerifyFull.class),
                arguments("the string's own strategy still wins", "host=h sslmode=verify-full pgssl.strategy=no-verify", "full-verify",
                        SslPolicy.NoVerify.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void policyWhenEnvironmentStrategyNotWeakerThenUsed(String name, String input, String strategy, Class<?> type) {
        PgEnvironment env = env(strategy);
        assertInstanceOf(type, PgSsl.policy(PgSsl.settings(input, env), env));
    }

    /** Both from the environment: PGSSLMODE is no more explicit than PGSSL_STRATEGY, so the strategy decides as before. */
    @Test
    void policyWhenModeAlsoFromEnvironmentThenStrategyDecides() {
        PgEnvironment env = PgEnvironment.of(Map.of("PGSSL_STRATEGY", "no-verify", "PGSSLMODE", "verify-full"), null);
        assertInstanceOf(SslPolicy.NoVerify.class, PgSsl.policy(PgSsl.settings("host=h", env), env));
    }
}
