package io.github.pgssl;

/** No adapter on the class path produces the requested driver type. */
public class AdapterNotFoundException extends PgSslException {
    private static final long serialVersionUID = 1L;

    private final String requestedType;

    public AdapterNotFoundException(String requestedType, String message) {
        super(null, message);
        this.requestedType = requestedType;
    }

    /** The requested native type's class name. */
    public String requestedType() {
        return requestedType;
    }
}
