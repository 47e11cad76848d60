package io.github.pgssl.doctor;

import io.github.pgssl.ConnectionStringException;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSslException;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.testkit.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pgssl-doctor [--explain] [--json] [--driver d]... [CONNECTION_STRING]}.
 *
 * <p>Exit codes: 0 when every requested driver connected (or the explanation succeeded), 1 when a
 * connection failed, 2 for invalid input. Reports go to stdout, progress to stderr; no output
 * ever contains a secret.
 */
@Command(name = "pgssl-doctor", mixinStandardHelpOptions = true, version = "pgssl-doctor 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Explains and probes a PostgreSQL connection string the way psql (libpq) reads it, and shows what "
                        + "pgjdbc, r2dbc-postgresql and vertx-pg-client receive from pgssl.",
                "",
                "With no CONNECTION_STRING and no DATABASE_URL it starts an embedded TLS PostgreSQL with a generated CA "
                        + "and demonstrates every strategy through every driver."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every requested driver connected (or --explain succeeded)", "1:a connection failed",
                "2:invalid input"})
public final class DoctorCommand implements Callable<Integer> {
    /** Exit code: all good. */
    public static final int OK = 0;
    /** Exit code: a connection failed. */
    public static final int FAILED = 1;
    /** Exit code: invalid input. */
    public static final int INVALID = 2;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONNECTION_STRING",
            description = "libpq URI or keyword/value string, JDBC or R2DBC URL; default: $DATABASE_URL")
    String connectionString;

    @Option(names = "--explain", description = "Explain the settings and the policy; no network.")
    boolean explain;

    @Option(names = "--json", description = "One JSON object on stdout.")
    boolean json;

    @Option(names = "--driver", split = ",", paramLabel = "DRIVER",
            description = "Only these drivers: jdbc, r2dbc, vertx (repeatable or comma-separated; default: all).")
    List<String> drivers = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Timeout of each network step, in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private final PrintStream out;
    private final PrintStream err;
    private final PgEnvironment env;

    DoctorCommand(PrintStream out, PrintStream err, PgEnvironment env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /**
     * Runs the doctor with injected streams and environment.
     *
     * @param args the command line ({@code --help} lists the options)
     * @param out where the report goes
     * @param err where usage errors go
     * @param env the environment libpq would see
     * @return the exit code: 0 all connected (or explained), 1 a connection failed, 2 invalid input
     */
    public static int run(String[] args, PrintStream out, PrintStream err, PgEnvironment env) {
        DoctorCommand cmd = new DoctorCommand(out, err, env);
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("pgssl-doctor: " + ex.getMessage());
            err.println("Try 'pgssl-doctor --help' for usage.");
            return INVALID;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            err.println("pgssl-doctor: internal error: " + ex.getClass().getSimpleName());
            return FAILED;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
        List<DriverKind> selected;
        try {
            selected = DriverKind.select(drivers);
        } catch (IllegalArgumentException e) {
            err.println("pgssl-doctor: " + e.getMessage());
            return INVALID;
        }
        String input = connectionString;
        boolean fromEnv = false;
        if (input == null && env.get("DATABASE_URL").isPresent()) {
            input = env.get("DATABASE_URL").get();
            fromEnv = true;
        }
        Scrubber scrub = Scrubber.of(input, env);
        if (input == null && !explain) {
            Demo demo = new Demo(scrub.wrap(out), scrub.wrap(err), timeout);
            return demo.run(selected, json);
        }
        Explanation ex;
        try {
            ex = Explanation.of(input, env, selected);
        } catch (PgSslException e) {
            return invalid(scrub, e);
        }
        scrub = scrub.with(ex.explicit).with(ex.merged);
        if (explain || ex.policyError != null) {
            // With no policy (a missing CA or key file) there is nothing to probe: libpq would fail here too.
            scrub.wrap(out).print(json ? Json.write(ex.json()) + "\n" : ex.text());
            return ex.policyError != null ? FAILED : OK;
        }
        List<Target> targets;
        try {
            targets = Target.all(ex.merged);
        } catch (ConnectionStringException e) {
            return invalid(scrub, e);
        }
        PrintStream o = scrub.wrap(out);
        Progress progress = Progress.to(scrub.wrap(err));
        List<ProbeReport> probes = new ArrayList<>();
        for (Target t : targets) {
            probes.add(new Probe(timeout, progress).run(t, io.github.pgssl.PgSsl.policyForHost(ex.policy, t.address())));
        }
        // The drivers walk the host list as libpq does; the report explains them with the first reachable host.
        ProbeReport probe = probes.stream().filter(p -> !p.tcpFailed()).findFirst().orElse(probes.get(0));
        Map<String, DriverResult> results = new LinkedHashMap<>();
        if (probe.tcpFailed()) {
            Step tcp = probe.steps.get(0);
            for (DriverKind d : selected) {
                results.put(d.id(), new DriverResult(d.id(), false, null, null, null, null,
                        "not attempted: " + tcp.detail(), null, probe.tcpDiagnosis, tcp.hint(), 0));
            }
        } else {
            for (DriverKind d : selected) {
                progress.step("connecting through " + d.id());
                results.put(d.id(), d.connect(ex.merged, ex.policy, timeout).explainedBy(probe));
            }
        }
        boolean allOk = results.values().stream().allMatch(DriverResult::connected);
        if (json) {
            o.print(Json.write(Report.probeJson(ex, fromEnv, probe, probes, results, env)) + "\n");
        } else {
            o.print(Report.probeText(ex, probes, results));
        }
        return allOk ? OK : FAILED;
    }

    private int invalid(Scrubber scrub, PgSslException e) {
        String setting = e.setting().orElse(null);
        String hint = e instanceof SslConfigurationException || e instanceof ConnectionStringException
                ? "fix the connection string as the message says" : Hints.forFailure(e, null);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", e.getMessage());
            m.put("error_type", e.getClass().getName());
            m.put("setting", setting);
            if (e instanceof ConnectionStringException c) {
                m.put("input", c.redactedInput());
            }
            m.put("hint", hint);
            scrub.wrap(out).print(Json.write(m) + "\n");
        } else {
            scrub.wrap(err).println("pgssl-doctor: invalid input: " + e.getMessage());
        }
        return INVALID;
    }
}
