package io.github.pgssl;

/**
 * A connection string could not be read. The message is libpq's own text where libpq has one;
 * {@link #redactedInput()} shows the input with every secret masked.
 */
public class ConnectionStringException extends PgSslException {
    private static final long serialVersionUID = 1L;

    private final String redactedInput;

    public ConnectionStringException(String setting, String message, String redactedInput) {
        super(setting, message);
        this.redactedInput = redactedInput;
    }

    /** The input with secrets masked, safe to log. May be empty when even that cannot be shown safely. */
    public String redactedInput() {
        return redactedInput;
    }
}
