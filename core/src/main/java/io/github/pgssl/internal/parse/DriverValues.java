package io.github.pgssl.internal.parse;

import io.github.pgssl.SslMode;

import java.util.Locale;

/** Translations of pgjdbc / r2dbc option values into libpq's. Not API. */
final class DriverValues {
    private DriverValues() {
    }

    /**
     * pgjdbc and r2dbc read sslmode case-insensitively (r2dbc also accepts enum names such as
     * {@code VERIFY_FULL}): normalise to libpq's spelling. An unknown value is kept as written
     * so that the resolver reports it.
     */
    static String sslMode(String value, boolean underscores) {
        String v = value.toLowerCase(Locale.ROOT);
        if (underscores) {
            v = v.replace('_', '-');
        }
        for (SslMode m : SslMode.values()) {
            if (m.wireValue().equals(v)) {
                return v;
            }
        }
        return value;
    }

    /** pgjdbc/r2dbc {@code targetServerType} to libpq {@code target_session_attrs}; {@code null} when libpq has none. */
    static String targetSessionAttrs(String setting, String value, Assembler a) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "any":
                return "any";
            case "primary":
            case "master":
                return "primary";
            case "secondary":
            case "slave":
            case "standby":
                return "standby";
            case "prefersecondary":
            case "preferslave":
            case "preferstandby":
                return "prefer-standby";
            case "preferprimary":
                return null; // no libpq equivalent: left to the driver
            default:
                throw a.error(setting, setting + ": invalid value \"" + value
                        + "\"; use any, primary, secondary, preferSecondary or preferPrimary");
        }
    }

    /** A Java-style boolean ({@code Boolean.parseBoolean}) as libpq's 1/0. */
    static String flag(String value) {
        return Boolean.parseBoolean(value) ? "1" : "0";
    }

    /** {@code loadBalanceHosts=true|false} as libpq's {@code load_balance_hosts}. */
    static String loadBalance(String value) {
        return Boolean.parseBoolean(value) ? "random" : "disable";
    }

    /**
     * The options pgjdbc and r2dbc-postgresql spell alike and that map onto libpq keywords
     * ({@code targetServerType}, {@code loadBalanceHosts}, {@code tcpKeepAlive}); one mapping for both.
     *
     * @return whether {@code key} was one of them (and is now stored)
     */
    static boolean sharedOption(String key, String value, Assembler a) {
        switch (key) {
            case "targetServerType": {
                String tsa = targetSessionAttrs(key, value, a);
                if (tsa == null) {
                    a.driver(key, value);
                } else {
                    a.libpq("target_session_attrs", tsa);
                }
                return true;
            }
            case "loadBalanceHosts":
                a.libpq("load_balance_hosts", loadBalance(value));
                return true;
            case "tcpKeepAlive":
                a.libpq("keepalives", flag(value));
                return true;
            default:
                return false;
        }
    }
}
