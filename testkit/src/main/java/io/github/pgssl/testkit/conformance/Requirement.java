package io.github.pgssl.testkit.conformance;

/** What a case needs beyond the basics; a case whose requirement is not met is skipped with the reason. */
public enum Requirement {
    /** {@code sslrootcert=system} (libpq 16 and later; libpq 15 reads it as a file name). */
    LIBPQ_16_SSLROOTCERT_SYSTEM("sslrootcert=system needs libpq 16 or later"),
    /** The {@code sslcertmode} keyword (libpq 16 and later). */
    LIBPQ_16_SSLCERTMODE("sslcertmode needs libpq 16 or later"),
    /** The {@code sslnegotiation} keyword (libpq 17 and later). */
    LIBPQ_17_SSLNEGOTIATION("sslnegotiation needs libpq 17 or later"),
    /** Direct TLS ({@code sslnegotiation=direct}) accepted by the server (PostgreSQL 17 and later). */
    SERVER_17_DIRECT_SSL("direct SSL needs a PostgreSQL 17 or later server"),
    /** Connecting over a Unix-domain socket. */
    UNIX_SOCKET("needs Unix-domain socket support in the client");

    private final String reason;

    Requirement(String reason) {
        this.reason = reason;
    }

    /** {@return why a case with this requirement may be skipped} */
    public String reason() {
        return reason;
    }
}
