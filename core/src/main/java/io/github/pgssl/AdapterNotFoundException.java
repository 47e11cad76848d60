package io.github.pgssl;

/** No adapter on the class path produces the requested driver type. */
public class AdapterNotFoundException extends PgSslException {
    private static final long serialVersionUID = 1L;

    /** The class name of the requested native type. */
    private final String requestedType;

    /**
     * Creates the exception.
     *
     * @param requestedType the class name of the native type asked for (a DataSource, a ConnectionFactory, ...)
     * @param message the message, naming the adapter artifact to add
     */
    public AdapterNotFoundException(String requestedType, String message) {
        super(null, message);
        this.requestedType = requestedType;
    }

    /**
     * The requested native type's class name.
     *
     * @return the class name of the type no adapter produces
     */
    public String requestedType() {
        return requestedType;
    }
}
