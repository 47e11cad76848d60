package io.github.pgssl;

import java.util.Arrays;
import java.util.stream.Collectors;

/** libpq's {@code sslmode} values, with their wire spelling (case-sensitive, as in libpq). */
public enum SslMode {
    /** Plaintext only. */
    DISABLE("disable"),
    /** Plaintext first, TLS if the server insists. */
    ALLOW("allow"),
    /** TLS first, plaintext after any failure of the TLS attempt (libpq's default). */
    PREFER("prefer"),
    /** TLS only; the chain is verified when a root file exists (libpq's rule). */
    REQUIRE("require"),
    /** TLS, chain verified against the root certificates, hostname not checked. */
    VERIFY_CA("verify-ca"),
    /** TLS, chain and hostname verified. */
    VERIFY_FULL("verify-full");

    private final String wireValue;

    SslMode(String wireValue) {
        this.wireValue = wireValue;
    }

    /** {@return the value as written in a connection string, e.g. {@code verify-full}} */
    public String wireValue() {
        return wireValue;
    }

    /** {@return whether this mode requires the server certificate chain to be verified in every case} */
    public boolean verifies() {
        return this == VERIFY_CA || this == VERIFY_FULL;
    }

    /**
     * Parses libpq's spelling exactly (libpq is case-sensitive).
     *
     * @param value an {@code sslmode} value as written in a connection string
     * @return the mode
     * @throws SslConfigurationException naming the valid values when {@code value} is not one
     */
    public static SslMode fromWireValue(String value) {
        for (SslMode m : values()) {
            if (m.wireValue.equals(value)) {
                return m;
            }
        }
        String valid = Arrays.stream(values()).map(SslMode::wireValue).collect(Collectors.joining(", "));
        throw new SslConfigurationException("sslmode",
                "invalid sslmode value: \"" + value + "\"; use one of " + valid);
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
