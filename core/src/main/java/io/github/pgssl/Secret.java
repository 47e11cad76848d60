package io.github.pgssl;

import java.util.Arrays;
import java.util.Objects;

/**
 * A secret value such as a password or a key passphrase.
 *
 * <p>It prints as {@code ******} whatever its content (the length is never revealed), and its
 * value is obtained only through the explicit {@link #reveal()}.
 *
 * <p><b>Security:</b> never log the result of {@link #reveal()}; pass it straight to the driver.
 */
public final class Secret {
    /** The text every renderer shows in place of a secret. */
    public static final String MASK = "******";

    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    /**
     * Wraps a secret value; {@code null} is not allowed, use {@link #of(String)} only with a value.
     *
     * @param value the secret, in clear text
     * @return the wrapped secret, which prints as {@value #MASK}
     */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        return new Secret(value.toCharArray());
    }

    /** {@return the secret in clear text} Every call site is a place a secret leaves pgssl. */
    public String reveal() {
        return new String(value);
    }

    /** {@return a copy of the secret as characters} For key-store APIs. */
    public char[] revealChars() {
        return value.clone();
    }

    /** {@return whether the secret is the empty string} */
    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    /** Always {@value #MASK}. */
    @Override
    public String toString() {
        return MASK;
    }
}
