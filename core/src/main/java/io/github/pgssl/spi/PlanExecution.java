package io.github.pgssl.spi;

import io.github.pgssl.AttemptFailure;
import io.github.pgssl.ConnectionFailedException;
import io.github.pgssl.ConnectionPlan;
import io.github.pgssl.TargetSessionAttrs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Carries out a {@link ConnectionPlan} as libpq's {@code PQconnectPoll} does (spec §1.3), through
 * an adapter's {@link AttemptRunner}: servers in the plan's order; per server its encryption
 * attempts, each on a new connection; after a failure, {@link AttemptFailure#next} decides; a
 * {@code target_session_attrs} mismatch moves on, and {@code prefer-standby} makes a second pass
 * for any server. When nothing connects, the stage fails with a {@link ConnectionFailedException}
 * listing every failed attempt in order.
 *
 * @param <C> the driver's connection type
 */
public final class PlanExecution<C> {
    private final ConnectionPlan plan;
    private final AttemptRunner<C> runner;
    private final List<ConnectionPlan.Host> order;
    private final List<AttemptFailure> failures = new ArrayList<>();

    private PlanExecution(ConnectionPlan plan, AttemptRunner<C> runner, RandomGenerator random) {
        this.plan = plan;
        this.runner = runner;
        this.order = plan.order(random);
    }

    /**
     * Runs the plan; {@code load_balance_hosts=random} shuffles with a thread-local generator, or
     * with {@link ConnectionPlan#seededRandom()} when {@code pgssl.load_balance_seed} is set.
     *
     * @param <C> the driver's connection type
     * @param plan the plan to carry out
     * @param runner the adapter's runner that makes each attempt in its driver
     * @return the first connection that succeeds (and matches {@code target_session_attrs}), or a
     *         stage failed with a {@link ConnectionFailedException} listing every failed attempt
     */
    public static <C> CompletionStage<C> run(ConnectionPlan plan, AttemptRunner<C> runner) {
        RandomGenerator seeded = plan.seededRandom().orElse(null);
        return run(plan, runner, seeded != null ? seeded : ThreadLocalRandom.current());
    }

    /**
     * Runs the plan with a given generator for {@code load_balance_hosts=random} (tests: a fixed seed).
     *
     * @param <C> the driver's connection type
     * @param plan the plan to carry out
     * @param runner the adapter's runner that makes each attempt in its driver
     * @param random the generator that shuffles the servers under {@code load_balance_hosts=random}
     * @return the first connection that succeeds (and matches {@code target_session_attrs}), or a
     *         stage failed with a {@link ConnectionFailedException} listing every failed attempt
     */
    public static <C> CompletionStage<C> run(ConnectionPlan plan, AttemptRunner<C> runner, RandomGenerator random) {
        PlanExecution<C> e = new PlanExecution<>(Objects.requireNonNull(plan, "plan"),
                Objects.requireNonNull(runner, "runner"), Objects.requireNonNull(random, "random"));
        TargetSessionAttrs target = plan.targetSessionAttrs();
        return e.host(target, 0).thenCompose(c -> {
            if (c != null) {
                return CompletableFuture.completedFuture(c);
            }
            if (target == TargetSessionAttrs.PREFER_STANDBY) {
                // libpq: no standby found, so any server will do, in the same order.
                return e.host(TargetSessionAttrs.ANY, 0).thenCompose(e::orFail);
            }
            return e.orFail(null);
        });
    }

    private CompletionStage<C> orFail(C c) {
        return c != null ? CompletableFuture.completedFuture(c) : fail();
    }

    private CompletionStage<C> fail() {
        return CompletableFuture.failedFuture(new ConnectionFailedException(failures));
    }

    /** Tries servers from {@code index} on; completes with {@code null} when every server passed on. */
    private CompletionStage<C> host(TargetSessionAttrs target, int index) {
        if (index >= order.size()) {
            return CompletableFuture.completedFuture(null);
        }
        return attempt(target, index, 0);
    }

    private CompletionStage<C> attempt(TargetSessionAttrs target, int index, int k) {
        ConnectionPlan.Host host = order.get(index);
        ConnectionPlan.Attempt attempt = host.attempts().get(k);
        boolean more = k + 1 < host.attempts().size();
        var refusal = host.refusal(attempt);
        if (refusal.isPresent()) {
            AttemptFailure f = AttemptFailure.of(AttemptFailure.Kind.TLS, refusal.get(), null, null);
            return step(target, index, k, record(f, host, attempt), more);
        }
        CompletionStage<C> stage;
        try {
            stage = runner.attempt(plan, host, attempt);
        } catch (RuntimeException ex) {
            stage = CompletableFuture.failedFuture(ex);
        }
        return stage.handle((c, err) -> {
            if (err != null) {
                AttemptFailure f = record(runner.classify(unwrap(err), host, attempt), host, attempt);
                return step(target, index, k, f, more);
            }
            return check(target, index, k, host, attempt, c, more);
        }).thenCompose(s -> s);
    }

    private CompletionStage<C> check(TargetSessionAttrs target, int index, int k, ConnectionPlan.Host host,
                                     ConnectionPlan.Attempt attempt, C c, boolean more) {
        if (!target.needsCheck()) {
            return CompletableFuture.completedFuture(c);
        }
        CompletionStage<AttemptRunner.SessionState> state;
        try {
            state = runner.sessionState(c);
        } catch (RuntimeException ex) {
            state = CompletableFuture.failedFuture(ex);
        }
        return state.handle((s, err) -> {
            if (err != null) {
                runner.close(c);
                return step(target, index, k, record(runner.classify(unwrap(err), host, attempt), host, attempt), more);
            }
            if (target.accepts(s.inRecovery(), s.readOnly())) {
                return CompletableFuture.completedFuture(c);
            }
            runner.close(c);
            AttemptFailure f = AttemptFailure.of(AttemptFailure.Kind.SESSION_MISMATCH, target.mismatch(), null, null);
            return step(target, index, k, record(f, host, attempt), more);
        }).thenCompose(x -> x);
    }

    /** Records a failure (and a fallback the driver made itself); returns the one that decides the next step. */
    private AttemptFailure record(AttemptFailure f, ConnectionPlan.Host host, ConnectionPlan.Attempt attempt) {
        AttemptFailure bound = f.at(host.endpoint(), attempt);
        failures.add(bound);
        if (f.fallback().isPresent()) {
            AttemptFailure plain = f.fallback().get().at(host.endpoint(), ConnectionPlan.Attempt.PLAINTEXT);
            failures.add(plain);
            return plain;
        }
        return bound;
    }

    private CompletionStage<C> step(TargetSessionAttrs target, int index, int k, AttemptFailure decisive, boolean more) {
        // A fallback made by the driver itself used up the remaining attempt on this server.
        boolean remaining = more && decisive.attempt().orElse(null) == order.get(index).attempts().get(k);
        return switch (AttemptFailure.next(decisive.kind(), remaining)) {
            case NEXT_ATTEMPT -> attempt(target, index, k + 1);
            case NEXT_HOST -> host(target, index + 1);
            case END -> fail();
        };
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
