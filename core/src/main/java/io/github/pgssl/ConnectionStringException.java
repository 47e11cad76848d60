package io.github.pgssl;

/**
 * A connection string could not be read. The message is libpq's own text where libpq has one;
 * {@link #redactedInput()} shows the input with every secret masked.
 */
public class ConnectionStringException extends PgSslException {
    private static final long serialVersionUID = 1L;

    /** The input with every secret masked. */
    private final String redactedInput;

    /**
     * Creates the exception.
     *
     * @param setting the libpq keyword concerned, or {@code null}
     * @param message the message (never a secret, never the raw input)
     * @param redactedInput the input with every secret masked, or an empty string
     */
    public ConnectionStringException(String setting, String message, String redactedInput) {
        super(setting, message);
        this.redactedInput = redactedInput;
    }

    /**
     * The input with secrets masked, safe to log.
     *
     * @return the redacted input; empty when even that cannot be shown safely
     */
    public String redactedInput() {
        return redactedInput;
    }
}
