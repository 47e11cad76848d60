package io.github.pgssl.testkit.conformance;

import java.util.List;
import java.util.Objects;

/**
 * libpq's outcome for a case: TLS (optionally with a protocol version), plaintext, or a failure whose
 * message contains every given fragment (taken from libpq's messages, spec section 2).
 */
public final class Expectation {
    private enum Kind { TLS, PLAINTEXT, FAILED }

    private final Kind kind;
    private final String protocol;
    private final List<String> fragments;

    private Expectation(Kind kind, String protocol, List<String> fragments) {
        this.kind = kind;
        this.protocol = protocol;
        this.fragments = List.copyOf(fragments);
    }

    /** {@return the expectation: connected with TLS, any version} */
    public static Expectation tls() {
        return new Expectation(Kind.TLS, null, List.of());
    }

    /**
     * Connected with TLS at exactly this protocol version.
     *
     * @param protocol the negotiated protocol as {@link Outcome.Tls#protocol()} reports it, e.g. {@code TLSv1.3}
     * @return the expectation
     */
    public static Expectation tls(String protocol) {
        return new Expectation(Kind.TLS, Objects.requireNonNull(protocol), List.of());
    }

    /** {@return the expectation: connected without encryption} */
    public static Expectation plaintext() {
        return new Expectation(Kind.PLAINTEXT, null, List.of());
    }

    /**
     * Failed with a message containing each fragment.
     *
     * @param fragments libpq's message fragments, at least one; they may hold placeholders that the
     *        fixture resolves
     * @return the expectation
     * @throws IllegalArgumentException when no fragment is given
     */
    public static Expectation failed(String... fragments) {
        if (fragments.length == 0) {
            throw new IllegalArgumentException("a failure expectation needs at least one message fragment");
        }
        return new Expectation(Kind.FAILED, null, List.of(fragments));
    }

    /** {@return whether this expects a failure} */
    public boolean isFailure() {
        return kind == Kind.FAILED;
    }

    /** {@return the message fragments a failure must contain (empty unless {@link #isFailure()})} */
    public List<String> fragments() {
        return fragments;
    }

    /**
     * Whether {@code outcome} is what libpq does, with {@link String#contains} for fragments.
     *
     * @param outcome what the client under test did
     * @return whether it matches: the same kind, the same protocol if one is expected, and every fragment
     */
    public boolean matches(Outcome outcome) {
        return matches(outcome, (fragment, message) -> message.contains(fragment));
    }

    /**
     * Whether {@code outcome} is what libpq does, with a custom fragment matcher.
     *
     * @param outcome what the client under test did
     * @param matcher decides whether a failure message contains each fragment
     * @return whether it matches: the same kind, the same protocol if one is expected, and every fragment
     */
    public boolean matches(Outcome outcome, FragmentMatcher matcher) {
        switch (kind) {
            case TLS:
                return outcome instanceof Outcome.Tls t && (protocol == null || protocol.equals(t.protocol()));
            case PLAINTEXT:
                return outcome instanceof Outcome.Plaintext;
            default:
                if (!(outcome instanceof Outcome.Failed f)) {
                    return false;
                }
                for (String fragment : fragments) {
                    if (!matcher.contains(fragment, f.message())) {
                        return false;
                    }
                }
                return true;
        }
    }

    Expectation resolve(java.util.function.UnaryOperator<String> placeholders) {
        return new Expectation(kind, protocol, fragments.stream().map(placeholders).toList());
    }

    @Override
    public String toString() {
        switch (kind) {
            case TLS:
                return protocol == null ? "TLS" : "TLS (" + protocol + ")";
            case PLAINTEXT:
                return "plaintext";
            default:
                return "failure containing " + String.join(" and ", fragments.stream().map(s -> "\"" + s + "\"").toList());
        }
    }

    /** Decides whether a failure message contains libpq's message fragment. */
    @FunctionalInterface
    public interface FragmentMatcher {
        /**
         * Whether {@code message} says what {@code fragment} says.
         *
         * @param fragment libpq's message fragment
         * @param message the failure message of the client under test
         * @return whether {@code message} contains the fragment's meaning
         */
        boolean contains(String fragment, String message);
    }
}
