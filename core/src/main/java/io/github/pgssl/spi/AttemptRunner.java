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
     *
     * @param plan the plan being carried out: user, database and connection settings
     * @param host the server to connect to, with its password and TLS policy
     * @param attempt whether to connect with TLS or in plaintext
     * @return the open connection, or a failed stage
     */
    CompletionStage<C> attempt(ConnectionPlan plan, ConnectionPlan.Host host, ConnectionPlan.Attempt attempt);

    /**
     * The per-driver hook: which kind of failure this is, in libpq's words (no secret, no per-host
     * prefix). Called with whatever {@link #attempt} or {@link #sessionState} failed with.
     *
     * @param failure what the attempt or the session check failed with (unwrapped from a
     *        {@link java.util.concurrent.CompletionException})
     * @param host the server the attempt was made on
     * @param attempt the encryption attempt that failed
     * @return the failure in libpq's terms; {@link PlanExecution} binds it to {@code host} and {@code attempt}
     */
    AttemptFailure classify(Throwable failure, ConnectionPlan.Host host, ConnectionPlan.Attempt attempt);

    /**
     * The session's state, for {@code target_session_attrs} ({@code pg_is_in_recovery()} and
     * {@code transaction_read_only}); called only when the plan needs the check.
     *
     * @param connection a connection this runner's {@link #attempt} opened
     * @return the session's recovery and read-only state
     */
    CompletionStage<SessionState> sessionState(C connection);

    /**
     * Closes a connection that the plan does not keep (a {@code target_session_attrs} mismatch).
     *
     * @param connection a connection this runner's {@link #attempt} opened
     */
    void close(C connection);

    /**
     * What {@code target_session_attrs} looks at.
     *
     * @param inRecovery {@code pg_is_in_recovery()}
     * @param readOnly   {@code current_setting('transaction_read_only') = 'on'}
     */
    record SessionState(boolean inRecovery, boolean readOnly) {
        /**
         * The query every adapter runs for the check, as libpq does (one row: {@code pg_is_in_recovery()},
         * then {@code transaction_read_only} as text).
         */
        public static final String QUERY =
                "SELECT pg_catalog.pg_is_in_recovery(), pg_catalog.current_setting('transaction_read_only')";

        /**
         * From the two columns of {@link #QUERY}.
         *
         * @param inRecovery      the first column
         * @param readOnlySetting the second column ({@code on} or {@code off})
         * @return the state
         */
        public static SessionState of(boolean inRecovery, String readOnlySetting) {
            return new SessionState(inRecovery, "on".equals(readOnlySetting));
        }
    }
}
