package io.github.pgssl.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every scenario for every driver and writes the report.
 *
 * <pre>
 * java ... io.github.pgssl.reliability.ReliabilityRun [--out docs/reliability.md] [--workers 32]
 *     [--soak-seconds 600] [--quick] [--drivers HIKARI,R2DBC_POOL,VERTX] [--scenarios 4,7,1,2,3,5,6,8]
 *     [--drivers-in-parallel]
 * </pre>
 *
 * Exits with status 1 when a check failed (the report says which).
 */
public final class ReliabilityRun {
    /** The scenarios in the priority order. */
    public static final List<Integer> ALL_SCENARIOS = List.of(4, 7, 1, 2, 3, 5, 6, 8);

    private final Config config;
    private final List<ScenarioResult> results = new ArrayList<>();
    private final Map<Driver, List<ResourceSample>> soak = new EnumMap<>(Driver.class);
    private final String loadAtStart = Report.loadAverage();

    /** A run with these knobs. */
    public ReliabilityRun(Config config) {
        this.config = config;
    }

    /** Runs the scenarios (numbers of the issue) for the drivers, in that order; returns the results. */
    public List<ScenarioResult> run(List<Driver> drivers, List<Integer> scenarios) {
        for (Driver d : drivers) {
            Scenarios s = new Scenarios(config);
            for (int n : scenarios) {
                results.add(one(s, d, n));
            }
        }
        return List.copyOf(results);
    }

    /**
     * As {@link #run}, but the drivers side by side: each driver's scenarios other than the soak run
     * in order on a thread of their own (each scenario has its own servers and pool), then the soaks
     * (8) one driver after the other, so that each soak's process-wide samples (threads, descriptors,
     * heap) are of its driver alone. The short version ({@code ReliabilityIT}) runs this way to stay
     * within 3 minutes. Results are in the order {@link #run} gives.
     */
    public List<ScenarioResult> runDriversInParallel(List<Driver> drivers, List<Integer> scenarios) {
        List<Integer> concurrent = scenarios.stream().filter(n -> n != 8).toList();
        Map<Driver, Scenarios> perDriver = new EnumMap<>(Driver.class);
        Map<Driver, java.util.concurrent.Future<List<ScenarioResult>>> running = new EnumMap<>(Driver.class);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, drivers.size()),
                r -> new Thread(r, "reliability-driver"));
        try {
            for (Driver d : drivers) {
                Scenarios s = new Scenarios(config);
                perDriver.put(d, s);
                running.put(d, pool.submit(() -> {
                    List<ScenarioResult> rs = new ArrayList<>();
                    for (int n : concurrent) {
                        rs.add(one(s, d, n));
                    }
                    return rs;
                }));
            }
            Map<Driver, List<ScenarioResult>> byDriver = new EnumMap<>(Driver.class);
            for (Driver d : drivers) {
                byDriver.put(d, new ArrayList<>(running.get(d).get()));
            }
            if (scenarios.contains(8)) {
                for (Driver d : drivers) {
                    byDriver.get(d).add(one(perDriver.get(d), d, 8));
                }
            }
            for (Driver d : drivers) {
                synchronized (results) {
                    results.addAll(byDriver.get(d));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the drivers ran", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a driver's scenarios failed to run: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(results);
    }

    private ScenarioResult one(Scenarios s, Driver d, int n) {
        long t0 = System.nanoTime();
        ScenarioResult r = switch (n) {
            case 1 -> s.outage(d, false);
            case 2 -> s.outage(d, true);
            case 3 -> s.stalled(d);
            case 4 -> s.serverRotation(d);
            case 5 -> s.clientRotation(d);
            case 6 -> s.corruptFiles(d);
            case 7 -> s.untrusted(d);
            case 8 -> s.soak(d);
            default -> throw new IllegalArgumentException("no scenario " + n + "; scenarios are 1 to 8");
        };
        System.err.printf("reliability: %-30s %-30s %s in %d s%s%n", d.label(), r.scenario(), r.passed() ? "ok" : "FAILED",
                Duration.ofNanos(System.nanoTime() - t0).toSeconds(), r.passed() ? "" : " " + r.problems());
        if (n == 8) {
            synchronized (soak) {
                soak.put(d, s.soakSeries());
            }
        }
        return r;
    }

    /** The soak series per driver (after {@link #run}). */
    public Map<Driver, List<ResourceSample>> soakSeries() {
        synchronized (soak) {
            return Map.copyOf(soak);
        }
    }

    /** The Markdown report of the results so far. */
    public String report(String command) {
        return Report.markdown(config, command, results, soak, loadAtStart);
    }

    /** Command line entry point (reliability/run.sh). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of("docs/reliability.md");
        Config config = Config.full();
        List<Driver> drivers = List.of(Driver.values());
        List<Integer> scenarios = ALL_SCENARIOS;
        Integer workers = null;
        Long soakSeconds = null;
        boolean parallel = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> config = Config.quick();
                case "--drivers-in-parallel" -> parallel = true;
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--soak-seconds" -> soakSeconds = Long.parseLong(args[++i]);
                case "--drivers" -> drivers = java.util.Arrays.stream(args[++i].split(",")).map(Driver::valueOf).toList();
                case "--scenarios" -> scenarios = java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --out FILE --quick --workers N --soak-seconds N --drivers A,B --scenarios 1,2"
                        + " --drivers-in-parallel");
            }
        }
        if (workers != null) {
            config = config.withWorkers(workers);
        }
        if (soakSeconds != null) {
            config = config.withSoak(Duration.ofSeconds(soakSeconds));
        }
        ReliabilityRun run = new ReliabilityRun(config);
        List<ScenarioResult> results = parallel ? run.runDriversInParallel(drivers, scenarios) : run.run(drivers, scenarios);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, run.report("reliability/run.sh " + String.join(" ", args)));
        System.err.println("reliability: wrote " + out);
        boolean ok = results.stream().allMatch(ScenarioResult::passed);
        System.exit(ok ? 0 : 1);
    }
}
