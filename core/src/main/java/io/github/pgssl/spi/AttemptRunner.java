package io.github.pgssl.spi;

import io.github.pgssl.AttemptFailure;
import io.github.pgssl.ConnectionPlan;

import java.util.concurrent.CompletionStage;

/**
 * What an adapter supplies to carry out a {@link ConnectionPlan}: one attempt in its driver, the
 * recognition of its driver's exceptions, and (for {@code target_session_attrs}) a look at the
 * session. The order of servers and attempts, and what follows a failure, are core's
 * ({@link PlanExecution}); a runner never decides them.
 *
 * <p>Synchronous drivers return completed stages.
 *
 * @param <C> the driver's connection type
 */
public interface AttemptRunner<C> {

    /**
     * Makes one attempt: connects to {@code host} with TLS or in plaintext, as {@code attempt} says,
     * with the plan's user, database, the host's password and the host's policy. May fail the
     * stage or throw; either is passed to {@link #classify}.
     */
    CompletionStage<C> attempt(ConnectionPlan plan, ConnectionPlan.Host host, ConnectionPlan.Attempt attempt);

    /**
     * The per-driver hook: which kind of failure this is, in libpq's words (no secret, no per-host
     * prefix). Called with whatever {@link #attempt} or {@link #sessionState} failed with.
     */
    AttemptFailure classify(Throwable failure, ConnectionPlan.Host host, ConnectionPlan.Attempt attempt);

    /**
     * The session's state, for {@code target_session_attrs} ({@code pg_is_in_recovery()} and
     * {@code transaction_read_only}); called only when the plan needs the check.
     */
    CompletionStage<SessionState> sessionState(C connection);

    /** Closes a connection that the plan does not keep (a {@code target_session_attrs} mismatch). */
    void close(C connection);

    /**
     * What {@code target_session_attrs} looks at.
     *
     * @param inRecovery {@code pg_is_in_recovery()}
     * @param readOnly   {@code current_setting('transaction_read_only') = 'on'}
     */
    record SessionState(boolean inRecovery, boolean readOnly) {
    }
}
