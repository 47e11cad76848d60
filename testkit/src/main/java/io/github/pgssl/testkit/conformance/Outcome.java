package io.github.pgssl.testkit.conformance;

import java.util.Objects;

/** What happened when a client connected: TLS with a protocol version, plaintext, or a failure. */
public sealed interface Outcome {

    /** Connected over TLS; {@code protocol} as {@code pg_stat_ssl.version} reports it, e.g. {@code TLSv1.3}. */
    record Tls(String protocol) implements Outcome {
        /**
         * Checks the protocol is present.
         *
         * @param protocol the negotiated protocol, e.g. {@code TLSv1.3}; not {@code null}
         */
        public Tls {
            Objects.requireNonNull(protocol, "protocol");
        }

        @Override
        public String toString() {
            return "TLS (" + protocol + ")";
        }
    }

    /** Connected without encryption. */
    record Plaintext() implements Outcome {
        @Override
        public String toString() {
            return "plaintext";
        }
    }

    /** Did not connect; {@code message} is everything the client said (all attempts, all causes). */
    record Failed(String message) implements Outcome {
        /**
         * Checks the message is present.
         *
         * @param message everything the client said; not {@code null}
         */
        public Failed {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return "failed: " + message;
        }
    }
}
