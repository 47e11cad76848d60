package io.github.pgssl.benchmarks;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Resolving libpq's TLS policy from already-parsed settings ({@code PgSsl.policy}), the step
 * between parsing and TLS material that every {@code PgSsl.configure} call runs once. The
 * environment is injected (empty variables, a fresh home without {@code ~/.postgresql}) so the
 * machine's own files cannot change the result.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyBenchmark {
    private Path dir;
    private PgEnvironment env;
    private ConnectionSettings verifyFull;
    private ConnectionSettings require;
    private ConnectionSettings defaults;
    private String verifyFullUri;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("pgssl-policy-bench");
        Path home = Files.createDirectories(dir.resolve("home"));
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n");
        env = PgEnvironment.of(Map.of(), home);
        verifyFullUri = "postgresql://app@db.example.com:5432/app?sslmode=verify-full&sslrootcert=" + ca;
        verifyFull = PgSsl.settings(verifyFullUri, env);
        require = PgSsl.settings("postgresql://app@db.example.com:5432/app?sslmode=require", env);
        // No sslmode: libpq's default prefer, which looks for ~/.postgresql/root.crt.
        defaults = PgSsl.settings("postgresql://app@db.example.com:5432/app", env);
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** sslmode=verify-full with an sslrootcert file. */
    @Benchmark
    public SslPolicy policyVerifyFull() {
        return PgSsl.policy(verifyFull, env);
    }

    /** sslmode=require, no root certificate. */
    @Benchmark
    public SslPolicy policyRequire() {
        return PgSsl.policy(require, env);
    }

    /** No sslmode: prefer, after checking for the default root certificate file. */
    @Benchmark
    public SslPolicy policyDefaultPrefer() {
        return PgSsl.policy(defaults, env);
    }

    /** From the connection string to the policy: parse, merge the environment, resolve. */
    @Benchmark
    public SslPolicy settingsAndPolicy() {
        return PgSsl.policy(PgSsl.settings(verifyFullUri, env), env);
    }
}
