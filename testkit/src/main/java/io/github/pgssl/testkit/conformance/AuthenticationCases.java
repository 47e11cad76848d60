package io.github.pgssl.testkit.conformance;

import io.github.pgssl.testkit.server.ServerPresets;

import java.util.List;

/**
 * libpq's checks of the server's authentication request ({@code require_auth},
 * {@code channel_binding=require}, {@code sslcertmode=require}), as PostgreSQL's own suite states
 * them ({@code src/test/authentication/t/001_password.pl}, {@code src/test/ssl/t/002_scram.pl},
 * {@code 001_ssltests.pl}), against the testkit's preset users: one table that every adapter runs
 * against a TLS server started with the testkit's client CA (so the server asks for a client
 * certificate). Each case connects with {@code sslmode=require}.
 */
public final class AuthenticationCases {

    /**
     * One case.
     *
     * @param name       readable name
     * @param user       the preset user ({@link ServerPresets})
     * @param password   its password, or {@code null}
     * @param database   the preset database
     * @param extra      further keyword/value settings
     * @param clientCertificate whether the testkit client certificate is configured ({@code sslcert}/{@code sslkey})
     * @param error      libpq's message the connection fails with, or {@code null} when it connects
     */
    public record Case(String name, String user, String password, String database, String extra, boolean clientCertificate,
                       String error) {
        /** {@return whether libpq connects (no {@code error} is expected)} */
        public boolean connects() {
            return error == null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String TRUST = ServerPresets.TRUST_USER;
    private static final String SCRAM = ServerPresets.SCRAM_USER;
    private static final String MD5 = ServerPresets.MD5_USER;
    private static final String PW = ServerPresets.PASSWORD_USER;
    private static final String DB = ServerPresets.TRUST_DB;

    private AuthenticationCases() {
    }

    private static Case ok(String name, String user, String extra) {
        return new Case(name, user, password(user), DB, extra, false, null);
    }

    private static Case fails(String name, String user, String extra, String error) {
        return new Case(name, user, password(user), DB, extra, false, error);
    }

    private static String password(String user) {
        return switch (user) {
            case ServerPresets.SCRAM_USER -> ServerPresets.SCRAM_PASSWORD;
            case ServerPresets.MD5_USER -> ServerPresets.MD5_PASSWORD;
            case ServerPresets.PASSWORD_USER -> ServerPresets.PASSWORD_PASSWORD;
            default -> null;
        };
    }

    private static String requirement(String value, String reason) {
        return "authentication method requirement \"" + value + "\" failed: " + reason;
    }

    /** {@return the {@code require_auth} cases (001_password.pl's, on md5, password, SCRAM and trust users)} */
    public static List<Case> requireAuth() {
        return List.of(
                ok("require_auth=password, password server", PW, "require_auth=password"),
                fails("require_auth=password, SCRAM server", SCRAM, "require_auth=password",
                        requirement("password", "server requested SASL authentication")),
                fails("require_auth=password, md5 server", MD5, "require_auth=password",
                        requirement("password", "server requested a hashed password")),
                fails("require_auth=password, trust", TRUST, "require_auth=password",
                        requirement("password", "server did not complete authentication")),
                ok("require_auth=md5, md5 server", MD5, "require_auth=md5"),
                fails("require_auth=md5, password server", PW, "require_auth=md5",
                        requirement("md5", "server requested a cleartext password")),
                ok("require_auth=scram-sha-256, SCRAM server", SCRAM, "require_auth=scram-sha-256"),
                fails("require_auth=scram-sha-256, md5 server", MD5, "require_auth=scram-sha-256",
                        requirement("scram-sha-256", "server requested a hashed password")),
                fails("require_auth=scram-sha-256, trust", TRUST, "require_auth=scram-sha-256",
                        requirement("scram-sha-256", "server did not complete authentication")),
                ok("require_auth=password,scram-sha-256, SCRAM server", SCRAM, "require_auth=password,scram-sha-256"),
                ok("require_auth=!md5, SCRAM server", SCRAM, "require_auth=!md5"),
                fails("require_auth=!scram-sha-256, SCRAM server", SCRAM, "require_auth=!scram-sha-256",
                        requirement("!scram-sha-256", "server requested SASL authentication")),
                fails("require_auth=!password,!md5, password server", PW, "require_auth=!password,!md5",
                        requirement("!password,!md5", "server requested a cleartext password")),
                ok("require_auth=none, trust", TRUST, "require_auth=none"),
                fails("require_auth=none, SCRAM server", SCRAM, "require_auth=none",
                        requirement("none", "server requested SASL authentication")),
                fails("require_auth=!none, trust", TRUST, "require_auth=!none",
                        requirement("!none", "server did not complete authentication")),
                ok("require_auth=!none, SCRAM server", SCRAM, "require_auth=!none"),
                ok("require_auth=scram-sha-256,none, trust", TRUST, "require_auth=scram-sha-256,none"),
                fails("require_auth mixes negative", SCRAM, "require_auth=scram-sha-256,!md5",
                        "negative require_auth method \"!md5\" cannot be mixed with non-negative methods"),
                fails("require_auth mixes positive", SCRAM, "require_auth=!password,!none,scram-sha-256",
                        "require_auth method \"scram-sha-256\" cannot be mixed with negative methods"),
                fails("require_auth duplicate", SCRAM, "require_auth=password,md5,password",
                        "require_auth method \"password\" is specified more than once"),
                fails("require_auth unknown", SCRAM, "require_auth=none,abcdefg",
                        "invalid require_auth value: \"abcdefg\""));
    }

    /** {@return the {@code channel_binding=require} cases (002_scram.pl's, against SCRAM, md5, cleartext, trust and cert)} */
    public static List<Case> channelBinding() {
        return List.of(
                fails("channel_binding=require, md5 server", MD5, "channel_binding=require",
                        "channel binding required but not supported by server's authentication request"),
                fails("channel_binding=require, password server", PW, "channel_binding=require",
                        "channel binding required but not supported by server's authentication request"),
                fails("channel_binding=require, trust", TRUST, "channel_binding=require",
                        "channel binding required, but server authenticated client without channel binding"),
                new Case("channel_binding=require, cert authentication", TRUST, null, ServerPresets.CERT_DB,
                        "channel_binding=require", true,
                        "channel binding required, but server authenticated client without channel binding"),
                ok("channel_binding=require, SCRAM server", SCRAM, "channel_binding=require"),
                ok("channel_binding=disable, md5 server", MD5, "channel_binding=disable"),
                fails("channel_binding invalid", SCRAM, "channel_binding=invalid_value",
                        "invalid channel_binding value: \"invalid_value\""));
    }

    /** {@return the {@code sslcertmode=require} cases (001_ssltests.pl's; the server asks for a client certificate)} */
    public static List<Case> certificateMode() {
        return List.of(
                new Case("sslcertmode=require with a certificate", TRUST, null, DB, "sslcertmode=require", true, null),
                fails("sslcertmode=require without a certificate", TRUST, "sslcertmode=require",
                        "server accepted connection without a valid SSL certificate"),
                ok("sslcertmode=allow without a certificate", TRUST, "sslcertmode=allow"));
    }
}
