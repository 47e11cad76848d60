package io.github.pgssl;

import java.util.List;

/**
 * Every attempt of a {@link ConnectionPlan} failed. The message is libpq's: one line per failed
 * attempt, in the order tried ({@code connection to server at "h", port 5432 failed: ...}).
 * Adapters translate it into their driver's idiom ({@code SQLException}, an R2DBC exception, a
 * failed {@code Future}). Never holds a secret.
 */
public class ConnectionFailedException extends PgSslException {
    private static final long serialVersionUID = 1L;

    private final transient List<AttemptFailure> failures;

    /** @param failures the failed attempts in order, bound to their servers; not empty */
    public ConnectionFailedException(List<AttemptFailure> failures) {
        super(setting(failures), message(failures), failures.get(0).cause().orElse(null));
        this.failures = List.copyOf(failures);
        for (AttemptFailure f : this.failures.subList(1, this.failures.size())) {
            f.cause().filter(c -> c != getCause()).ifPresent(this::addSuppressed);
        }
    }

    /** {@return the failed attempts, in the order tried} */
    public List<AttemptFailure> failures() {
        return failures;
    }

    /** {@return the first failure: libpq reports its SQLSTATE and kind} */
    public AttemptFailure first() {
        return failures.get(0);
    }

    private static String message(List<AttemptFailure> failures) {
        StringBuilder sb = new StringBuilder();
        for (AttemptFailure f : failures) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(f.line());
        }
        return sb.toString();
    }

    private static String setting(List<AttemptFailure> failures) {
        AttemptFailure first = failures.get(0);
        if (first.cause().orElse(null) instanceof PgSslException p && p.setting().isPresent()) {
            return p.setting().get();
        }
        return switch (first.kind()) {
            case TLS -> "sslmode";
            case SESSION_MISMATCH -> "target_session_attrs";
            default -> "host";
        };
    }
}
