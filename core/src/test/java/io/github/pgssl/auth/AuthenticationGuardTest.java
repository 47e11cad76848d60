package io.github.pgssl.auth;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.internal.auth.AuthWatcher;
import io.github.pgssl.spi.AuthenticationGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libpq's {@code require_auth} parser and {@code check_expected_areq} verdicts (fe-connect.c,
 * fe-auth.c), and the startup-message reader, without a server (the real-server cases are the
 * adapters' {@code *AuthenticationIT}).
 */
class AuthenticationGuardTest {
    @TempDir
    Path home;

    private AuthenticationGuard guard(String conninfo) {
        PgEnvironment env = PgEnvironment.of(Map.of("USER", "u"), home);
        ConnectionSettings s = PgSsl.settings("host=db sslmode=require " + conninfo, env);
        return AuthenticationGuard.of(s, PgSsl.policy(s, env), true);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown method      | require_auth=none,abcdefg              | require_auth | invalid require_auth value: "abcdefg"
            negative mixed      | require_auth=scram-sha-256,!md5        | require_auth | negative require_auth method "!md5" cannot be mixed with non-negative methods
            positive mixed      | require_auth=!password,!none,scram-sha-256 | require_auth | require_auth method "scram-sha-256" cannot be mixed with negative methods
            duplicate           | require_auth=password,md5,password     | require_auth | require_auth method "password" is specified more than once
            negated duplicate   | require_auth=!none,!md5,!none          | require_auth | require_auth method "!none" is specified more than once
            bad channel binding | channel_binding=invalid_value          | channel_binding | invalid channel_binding value: "invalid_value"; use disable, prefer or require
            """)
    void ofWhenInvalidThenLibpqMessage(String name, String conninfo, String setting, String message) {
        SslConfigurationException e = assertThrows(SslConfigurationException.class, () -> guard(conninfo));
        assertEquals(message, e.getMessage());
        assertEquals(setting, e.setting().orElseThrow());
    }

    /** code: the server's request (0 = AuthenticationOk); finished: the client completed an exchange before. */
    @ParameterizedTest(name = "{0} / code {1}")
    @CsvSource(delimiter = '|', nullValues = "OK", textBlock = """
            require_auth=password          | 3  | false | OK
            require_auth=password          | 10 | false | authentication method requirement "password" failed: server requested SASL authentication
            require_auth=password          | 5  | false | authentication method requirement "password" failed: server requested a hashed password
            require_auth=password          | 0  | false | authentication method requirement "password" failed: server did not complete authentication
            require_auth=password          | 0  | true  | OK
            require_auth=md5               | 3  | false | authentication method requirement "md5" failed: server requested a cleartext password
            require_auth=!md5              | 10 | false | OK
            require_auth=!scram-sha-256    | 10 | false | authentication method requirement "!scram-sha-256" failed: server requested SASL authentication
            require_auth=none              | 0  | false | OK
            require_auth=none              | 3  | false | authentication method requirement "none" failed: server requested a cleartext password
            require_auth=!none             | 0  | false | authentication method requirement "!none" failed: server did not complete authentication
            require_auth=scram-sha-256,none | 0 | false | OK
            require_auth=gss               | 7  | false | OK
            require_auth=sspi              | 7  | false | authentication method requirement "sspi" failed: server requested GSSAPI authentication
            require_auth=password          | 2  | false | authentication method requirement "password" failed: server requested an unknown authentication type
            require_auth=!none             | 2  | false | authentication method requirement "!none" failed: server requested an unknown authentication type
            channel_binding=require        | 5  | false | channel binding required but not supported by server's authentication request
            channel_binding=require        | 3  | false | channel binding required but not supported by server's authentication request
            channel_binding=require        | 0  | false | channel binding required, but server authenticated client without channel binding
            channel_binding=require        | 12 | false | OK
            channel_binding=require        | 0  | true  | OK
            """)
    void checkWhenServerRequestsThenLibpqVerdict(String conninfo, int code, boolean finished, String expected) {
        assertEquals(expected, guard(conninfo).check(code, Set.of(), finished, null));
    }

    @Test
    void checkWhenChannelBindingRequiredAndNoPlusMechanismThenRefused() {
        AuthenticationGuard g = guard("channel_binding=require");
        assertEquals("channel binding is required, but server did not offer an authentication method that supports channel binding",
                g.check(10, Set.of("SCRAM-SHA-256"), false, null));
        assertNull(g.check(10, Set.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"), false, null));
    }

    @Test
    void ofWhenNothingAskedThenInactiveAndNoPlaintextRefusal() {
        AuthenticationGuard g = guard("channel_binding=prefer");
        assertFalse(g.active());
        assertTrue(g.plaintextRefusal().isEmpty());
        assertTrue(guard("require_auth=password").plaintextRefusal().orElseThrow().startsWith("require_auth is checked by pgssl on TLS"));
    }

    @Test
    void watcherWhenRequestSplitAcrossRecordsThenVerdictOnLastByte() {
        AuthWatcher w = new AuthWatcher(guard("require_auth=scram-sha-256"), null);
        byte[] md5 = {'R', 0, 0, 0, 12, 0, 0, 0, 5, 1, 2, 3, 4};
        for (int i = 0; i < md5.length - 1; i++) {
            assertNull(w.feed(md5[i]), "byte " + i);
        }
        assertEquals("authentication method requirement \"scram-sha-256\" failed: server requested a hashed password",
                w.feed(md5[md5.length - 1]));
        assertTrue(w.done());
    }

    @Test
    void watcherWhenSaslListThenMechanismsRead() {
        AuthWatcher w = new AuthWatcher(guard("channel_binding=require"), null);
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        byte[] names = "SCRAM-SHA-256\0\0".getBytes(StandardCharsets.US_ASCII);
        m.write('R');
        m.writeBytes(ByteBuffer.allocate(8).putInt(4 + 4 + names.length).putInt(10).array());
        m.writeBytes(names);
        String verdict = null;
        for (byte b : m.toByteArray()) {
            verdict = w.feed(b);
        }
        assertEquals("channel binding is required, but server did not offer an authentication method that supports channel binding",
                verdict);
    }

    @Test
    void watcherWhenServerErrorThenStopsWatching() {
        AuthWatcher w = new AuthWatcher(guard("require_auth=password"), null);
        for (byte b : AuthWatcher.errorResponse("password authentication failed for user \"u\"")) {
            assertNull(w.feed(b));
        }
        assertTrue(w.done());
    }

    @Test
    void errorResponseWhenBuiltThenFatal08004WithMessage() {
        byte[] e = AuthWatcher.errorResponse("m");
        assertEquals('E', e[0]);
        assertEquals(e.length - 1, ByteBuffer.wrap(e, 1, 4).getInt());
        String body = new String(e, 5, e.length - 5, StandardCharsets.UTF_8);
        assertEquals("SFATAL\0VFATAL\0C08004\0Mm\0\0", body);
    }

    @Test
    void policyWhenCertificateRequiredThenPlaintextRefusedWithLibpqWords() {
        PgEnvironment env = PgEnvironment.of(Map.of("USER", "u"), home);
        ConnectionSettings s = PgSsl.settings("host=db sslmode=prefer sslcertmode=require", env);
        SslPolicy p = PgSsl.policy(s, env);
        assertEquals("server did not request an SSL certificate (sslcertmode=require; this attempt is not encrypted)",
                AuthenticationGuard.of(s, p, false).plaintextRefusal().orElseThrow());
    }
}
