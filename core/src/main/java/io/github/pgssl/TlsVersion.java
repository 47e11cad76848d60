package io.github.pgssl;

import java.util.Locale;

/** TLS protocol versions, spelled as libpq's {@code ssl_min_protocol_version} accepts them (case-insensitively). */
public enum TlsVersion {
    /** {@code TLSv1}. */
    TLS_1_0("TLSv1"),
    /** {@code TLSv1.1}. */
    TLS_1_1("TLSv1.1"),
    /** {@code TLSv1.2}: libpq's default {@code ssl_min_protocol_version}. */
    TLS_1_2("TLSv1.2"),
    /** {@code TLSv1.3}. */
    TLS_1_3("TLSv1.3");

    private final String name;

    TlsVersion(String name) {
        this.name = name;
    }

    /** {@return the JSSE and libpq name, e.g. {@code TLSv1.3}} */
    public String protocolName() {
        return name;
    }

    /**
     * Parses libpq's spelling, case-insensitively.
     *
     * @param setting the keyword the value came from ({@code ssl_min_protocol_version} or {@code ssl_max_protocol_version})
     * @param value the value as written
     * @return the version
     * @throws SslConfigurationException with libpq's text {@code invalid "<setting>" value: "<v>"}
     */
    public static TlsVersion parse(String setting, String value) {
        for (TlsVersion v : values()) {
            if (v.name.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        throw new SslConfigurationException(setting, "invalid \"" + setting + "\" value: \"" + value
                + "\"; use TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3");
    }

    @Override
    public String toString() {
        return name;
    }
}
