package io.github.pgssl.testkit.conformance;

import io.github.pgssl.PgEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared behaviour contract: every client (each driver through pgssl, and psql) must give libpq's
 * outcome for every {@link ConformanceCases case}.
 *
 * <pre>{@code
 * class JdbcConformanceIT extends ConformanceSuite {
 *     protected ConformanceClient client() { return (cs, env) -> ...; }
 *     protected Set<String> documentedGaps() { return Set.of("SOCKET-verify-full-plaintext"); }
 * }
 * }</pre>
 *
 * <p>The servers ({@link ConformanceFixture}) start once, on the first case, and stop after the last.
 * Each case gets a fresh HOME, passed as {@code PgEnvironment.of(Map.of("HOME", home), home)}.
 *
 * <p>A case listed in {@link #documentedGaps()} must fail loudly: the client must report a failure
 * (not connect in some other way), and the case fails if it conforms after all, so the list stays true.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConformanceSuite {
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(60);
    /**
     * System property: when {@code true} and psql is on PATH, every case is also run through psql
     * and must give the stated expectation there too (off by default: PsqlConformanceIT does this once).
     */
    public static final String PSQL_ORACLE_PROPERTY = "pgssl.conformance.psqlOracle";

    private ConformanceFixture fixture;
    private RuntimeException fixtureFailure;

    /** {@return the client under test} */
    protected abstract ConformanceClient client();

    /** {@return ids of cases this client cannot do (see {@link ConformanceCase#id()}); each must fail loudly} */
    protected Set<String> documentedGaps() {
        return Set.of();
    }

    /**
     * Whether to run {@link ConformanceCases#extended()} too (default false: opt in once the client
     * passes them, or list the ones it cannot do in {@link #documentedGaps()}).
     *
     * @return whether the extended cases run as well as {@link ConformanceCases#all()}
     */
    protected boolean includeExtendedCases() {
        return false;
    }

    /**
     * Whether the client supports a {@link Requirement} (default: all); unsupported cases are skipped.
     *
     * @param requirement what a case needs beyond the basics
     * @return whether cases with this requirement run
     */
    protected boolean supports(Requirement requirement) {
        return true;
    }

    /**
     * Whether a failure {@code message} says what libpq's {@code fragment} says. Default: the message
     * contains the fragment. Override only with a documented, reviewed mapping.
     *
     * @param fragment libpq's message fragment
     * @param message the client's failure message
     * @return whether the message matches the fragment
     */
    protected boolean failureMatches(String fragment, String message) {
        return message.contains(fragment);
    }

    /** One dynamic test per case. */
    @TestFactory
    Stream<DynamicTest> conformance() {
        Set<String> gaps = documentedGaps();
        List<ConformanceCase> cases = new ArrayList<>(ConformanceCases.all());
        if (includeExtendedCases()) {
            cases.addAll(ConformanceCases.extended());
        }
        Set<String> ids = new HashSet<>();
        for (ConformanceCase c : cases) {
            ids.add(c.id());
        }
        List<String> unknown = new ArrayList<>();
        for (String g : gaps) {
            if (!ids.contains(g)) {
                unknown.add(g);
            }
        }
        Assertions.assertTrue(unknown.isEmpty(), () -> "documentedGaps() lists unknown case ids " + unknown);
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.displayName(), () -> run(c, gaps.contains(c.id()))));
    }

    @AfterAll
    void stopConformanceServers() {
        if (fixture != null) {
            fixture.close();
            fixture = null;
        }
    }

    private synchronized ConformanceFixture fixture() {
        if (fixtureFailure != null) {
            throw new IllegalStateException("the conformance servers did not start (see the first failed case)", fixtureFailure);
        }
        if (fixture == null) {
            try {
                fixture = ConformanceFixture.start();
            } catch (RuntimeException e) {
                fixtureFailure = e;
                throw e;
            }
        }
        return fixture;
    }

    private void run(ConformanceCase c, boolean gap) {
        for (Requirement r : c.requirements()) {
            if (r == Requirement.SERVER_17_DIRECT_SSL) {
                Assumptions.assumeTrue(fixture().serverMajorVersion() >= 17,
                        () -> c.id() + " skipped: " + r.reason() + " (server is " + fixture().serverMajorVersion() + ")");
            } else {
                Assumptions.assumeTrue(supports(r), () -> c.id() + " skipped: " + r.reason());
            }
        }
        ConformanceFixture f = fixture();
        String conninfo = f.resolve(c.connectionTemplate(), c.server());
        Expectation expected = c.expectation().resolve(s -> f.resolve(s, c.server()));
        java.nio.file.Path home = f.newHome(c.id(), c.homeRootCertificate());
        PgEnvironment env = PgEnvironment.of(Map.of("HOME", home.toString()), home);
        ConformanceClient client = client();
        Outcome outcome = Assertions.assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            try {
                return client.connect(conninfo, env);
            } catch (Exception e) {
                return new Outcome.Failed(describe(e));
            }
        }, () -> c.id() + ": the client did not answer within " + CASE_TIMEOUT + " for " + redact(conninfo));
        check(c.id(), expected, outcome, gap, this::failureMatches, redact(conninfo), home.toString());
        if (Boolean.getBoolean(PSQL_ORACLE_PROPERTY)) {
            crossCheckWithPsql(c, conninfo, expected, f);
        }
    }

    private void crossCheckWithPsql(ConformanceCase c, String conninfo, Expectation expected, ConformanceFixture f) {
        PsqlClient psql = PsqlClient.find().orElse(null);
        if (psql == null || !c.requirements().stream().allMatch(psql::supports)) {
            return;
        }
        java.nio.file.Path home = f.newHome(c.id() + "-psql", c.homeRootCertificate());
        Outcome byPsql;
        try {
            byPsql = psql.connect(conninfo, PgEnvironment.of(Map.of("HOME", home.toString()), home));
        } catch (Exception e) {
            byPsql = new Outcome.Failed(describe(e));
        }
        Outcome o = byPsql;
        Assertions.assertTrue(expected.matches(o), () -> c.id() + ": the suite's expectation (" + expected
                + ") is not what " + psql + " does (" + o + "); fix the case\n  connection string: " + redact(conninfo));
    }

    /**
     * The verdict for one case: libpq's outcome must be matched, or, for a documented gap, the client
     * must fail with a message (and must not match, or the gap list is stale).
     */
    static void check(String id, Expectation expected, Outcome outcome, boolean gap, Expectation.FragmentMatcher matcher,
            String conninfo, String home) {
        Assertions.assertNotNull(outcome, () -> id + ": the client returned no outcome");
        boolean conforms = expected.matches(outcome, matcher);
        if (gap) {
            Assertions.assertFalse(conforms, () -> id + " is listed in documentedGaps() but now behaves like libpq ("
                    + outcome + "); remove it from the list");
            Assertions.assertTrue(outcome instanceof Outcome.Failed failed && !failed.message().isBlank(),
                    () -> id + " is a documented gap, so the client must refuse with a clear error, but it gave "
                            + outcome + " where libpq gives " + expected + "\n  connection string: " + conninfo);
            return;
        }
        Assertions.assertTrue(conforms, () -> id + ": libpq gives " + expected + ", but the client gave " + outcome
                + "\n  connection string: " + conninfo + "\n  HOME: " + home);
    }

    /** The connection string with passwords masked, for failure messages (test secrets are still secrets). */
    static String redact(String conninfo) {
        return conninfo.replaceAll("\\b(password|sslpassword)=\\S+", "$1=******")
                .replaceAll("^(postgres(?:ql)?://[^:/@]*):[^@/]*@", "$1:******@");
    }

    /** Every message of an exception and its causes, joined: what a user would read. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" / caused by: ");
            }
            sb.append(t.getClass().getName()).append(": ").append(t.getMessage());
            for (Throwable s : t.getSuppressed()) {
                sb.append(" / suppressed: ").append(s);
            }
        }
        return sb.toString();
    }
}
