package io.github.pgssl;

import java.util.Objects;
import java.util.Optional;

/**
 * One failed connection attempt, classified in libpq's terms. A driver's small hook
 * ({@link io.github.pgssl.spi.AttemptRunner#classify}) recognises its exceptions and says which
 * {@link Kind} a failure is and how libpq would word it; {@link #next(Kind, boolean)} is the one rule,
 * for every driver, that says what libpq does next.
 *
 * <p>The reason never holds a secret: it is built from pgssl's messages, the server's, or JSSE's.
 */
public final class AttemptFailure {

    /** What failed, as far as libpq's next step is concerned. */
    public enum Kind {
        /** The TCP (or Unix-socket) connection could not be made: refused, unreachable, unknown host, timeout. */
        TRANSPORT,
        /** The server answered SQLSTATE 57P03 (cannot connect now: starting up, shutting down). */
        CANNOT_CONNECT_NOW,
        /** TLS failed: SSLRequest refused, handshake, certificate check, client key, {@code sslcertmode}. */
        TLS,
        /** The server rejected the startup: authentication, database, role, {@code pg_hba.conf}. */
        SERVER,
        /** The server does not match {@code target_session_attrs}. */
        SESSION_MISMATCH,
        /** The attempt cannot be made with these settings at all (e.g. a socket the JDK cannot open). */
        CONFIGURATION,
        /** Anything else the driver reports. */
        OTHER
    }

    /** libpq's next step after a failed attempt. */
    public enum Step {
        /** The next encryption attempt on the same server (a new connection). */
        NEXT_ATTEMPT,
        /** The next server of the host list. */
        NEXT_HOST,
        /** No further attempt: the connection fails. */
        END
    }

    private final Kind kind;
    private final String reason;
    private final String sqlState;
    private final Throwable cause;
    private final Endpoint endpoint;
    private final ConnectionPlan.Attempt attempt;
    private final AttemptFailure fallback;

    private AttemptFailure(Kind kind, String reason, String sqlState, Throwable cause, Endpoint endpoint,
                           ConnectionPlan.Attempt attempt, AttemptFailure fallback) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.sqlState = sqlState;
        this.cause = cause;
        this.endpoint = endpoint;
        this.attempt = attempt;
        this.fallback = fallback;
    }

    /**
     * A classified failure.
     *
     * @param kind     what failed; decides libpq's next step ({@link #next(Kind, boolean)})
     * @param reason   libpq's wording, without the {@code connection to server ... failed: } prefix; no secret
     * @param sqlState the server's or driver's SQLSTATE, or {@code null}
     * @param cause    the driver's exception, or {@code null}
     * @return the failure, not yet bound to a server or attempt
     */
    public static AttemptFailure of(Kind kind, String reason, String sqlState, Throwable cause) {
        return new AttemptFailure(kind, reason, sqlState, cause, null, null, null);
    }

    /**
     * This failure, followed by the failure of the plaintext attempt the driver already made on
     * its own (pgjdbc's {@code prefer} retries in plaintext after SQLSTATE 28000): that attempt is
     * then not made again, and it decides the next step.
     *
     * @param plaintext the failure of the driver's own plaintext attempt
     * @return a copy of this failure carrying {@code plaintext}; this one is unchanged
     */
    public AttemptFailure withFallback(AttemptFailure plaintext) {
        return new AttemptFailure(kind, reason, sqlState, cause, endpoint, attempt, Objects.requireNonNull(plaintext));
    }

    /**
     * This failure bound to the server and attempt it happened on (done by the plan's execution).
     *
     * @param endpoint the server the attempt was made on
     * @param attempt the encryption attempt that failed
     * @return a bound copy of this failure; this one is unchanged
     */
    public AttemptFailure at(Endpoint endpoint, ConnectionPlan.Attempt attempt) {
        return new AttemptFailure(kind, reason, sqlState, cause, Objects.requireNonNull(endpoint),
                Objects.requireNonNull(attempt), fallback);
    }

    /**
     * libpq's rule: a transport failure, 57P03 or a {@code target_session_attrs} mismatch moves to
     * the next server; a configuration error ends the connection; any other failure (TLS, the
     * server's rejection) moves to the next encryption attempt on the same server when there is
     * one ({@code allow}, {@code prefer}), else ends the connection, even if later servers would
     * succeed.
     *
     * @param kind what failed
     * @param moreAttemptsOnHost whether the plan has another encryption attempt left on the same server
     * @return the next step: another attempt on this server, the next server, or the end
     */
    public static Step next(Kind kind, boolean moreAttemptsOnHost) {
        return switch (kind) {
            case TRANSPORT, CANNOT_CONNECT_NOW, SESSION_MISMATCH -> Step.NEXT_HOST;
            case CONFIGURATION -> Step.END;
            case TLS, SERVER, OTHER -> moreAttemptsOnHost ? Step.NEXT_ATTEMPT : Step.END;
        };
    }

    /** {@return the kind} */
    public Kind kind() {
        return kind;
    }

    /** {@return libpq's wording of the failure, without the per-server prefix} */
    public String reason() {
        return reason;
    }

    /** {@return the SQLSTATE, if the server or driver gave one} */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }

    /** {@return the driver's exception, if any} */
    public Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    /** {@return the server, once bound by the execution} */
    public Optional<Endpoint> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** {@return the attempt, once bound by the execution} */
    public Optional<ConnectionPlan.Attempt> attempt() {
        return Optional.ofNullable(attempt);
    }

    /** {@return the plaintext attempt the driver made by itself after this one, if any} */
    public Optional<AttemptFailure> fallback() {
        return Optional.ofNullable(fallback);
    }

    /** {@return libpq's line for this failure: {@code connection to server at "h", port 5432 failed: <reason>}} */
    public String line() {
        return endpoint == null ? reason : endpoint.describe() + " failed: " + reason;
    }

    @Override
    public String toString() {
        return "AttemptFailure[" + kind + (attempt == null ? "" : " " + attempt) + ": " + line() + "]";
    }
}
