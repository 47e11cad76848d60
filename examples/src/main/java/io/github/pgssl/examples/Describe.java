package io.github.pgssl.examples;

/** Short descriptions shared by the examples. */
final class Describe {
    private Describe() {
    }

    /** "PostgreSQL 17.5 on x86_64-pc-linux-gnu, ..." becomes "PostgreSQL 17.5". */
    static String server(String version) {
        int on = version == null ? -1 : version.indexOf(" on ");
        return on > 0 ? version.substring(0, on) : String.valueOf(version);
    }

    static String tls(Boolean ssl, String version) {
        return Boolean.TRUE.equals(ssl) ? "encrypted with " + version : "NOT encrypted";
    }
}
