package io.github.pgssl.benchmarks.connect;

/** The four TLS situations the harness measures, named as they appear in the report. */
public enum Mode {
    /** Plaintext: the cost of a connection without TLS. */
    DISABLE("disable", "disable"),
    /** Encrypted, server not authenticated. */
    REQUIRE("require", "require"),
    /** Chain and hostname verified against a file holding the one real root. */
    VERIFY_FULL_ROOT("verify-full", "verify-full, 1 root"),
    /** Chain and hostname verified against a 120-certificate bundle shaped like the one AWS RDS ships. */
    VERIFY_FULL_BUNDLE("verify-full", "verify-full, 120-cert bundle");

    private final String sslmode;
    private final String label;

    Mode(String sslmode, String label) {
        this.sslmode = sslmode;
        this.label = label;
    }

    /** libpq's sslmode value. */
    public String sslmode() {
        return sslmode;
    }

    /** The row label of the report. */
    public String label() {
        return label;
    }

    /** Whether the server is authenticated (a root file is needed). */
    public boolean verifies() {
        return this == VERIFY_FULL_ROOT || this == VERIFY_FULL_BUNDLE;
    }
}
