package io.github.pgssl;

/** libpq 17's {@code sslnegotiation}: how TLS starts. */
public enum SslNegotiation {
    /** SSLRequest first, then TLS (every server version). */
    POSTGRES("postgres"),
    /** TLS ClientHello right after TCP connect, with ALPN {@code postgresql} (PostgreSQL 17+). Needs sslmode require or stronger. */
    DIRECT("direct");

    private final String wireValue;

    SslNegotiation(String wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * libpq's spelling.
     *
     * @return {@code postgres} or {@code direct}
     */
    public String wireValue() {
        return wireValue;
    }

    /**
     * Parses libpq's spelling; libpq's error text otherwise.
     *
     * @param v an {@code sslnegotiation} value as written
     * @return the negotiation
     * @throws SslConfigurationException with libpq's error text when {@code v} is not one
     */
    public static SslNegotiation fromWireValue(String v) {
        for (SslNegotiation n : values()) {
            if (n.wireValue.equals(v)) {
                return n;
            }
        }
        throw new SslConfigurationException("sslnegotiation", "invalid sslnegotiation value: \"" + v
                + "\"; use postgres or direct");
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
