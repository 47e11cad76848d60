package io.github.pgssl.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionStringException;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sentinel secret through every renderer: toString, toRedactedUrl, exception message and redacted input. */
class SentinelSecretTest {
    static final String S = "Zq7SENTINELx9";

    /** Valid strings: the sentinel is a secret in each, and must be parsed as one. */
    static List<String> valid() {
        return List.of(
                "postgresql://u:" + S + "@h/db",
                "postgres://u:" + S + "@h1,h2/db?sslmode=require",
                "postgresql://h/db?password=" + S,
                "postgresql://h/db?sslpassword=" + S + "&sslkey=/k",
                "postgresql://h/db?pass%77ord=" + S,
                "postgresql://h/db?oauth_client_secret=" + S,
                "password=" + S + " host=h",
                "password='" + S + " with blank' host=h",
                "sslpassword=" + S,
                "jdbc:postgresql://h/db?password=" + S,
                "jdbc:postgresql://h/db?sslpassword=" + S,
                "r2dbc:postgresql://u:" + S + "@h/db",
                "r2dbcs:pool:postgresql://u:" + S + "@h/db?sslPassword=" + S,
                "postgresql+asyncpg://u:" + S + "@h/db?ssl=require");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void renderWhenSecretParsedThenNeverShown(String input) {
        ConnectionSettings s = PgSsl.parse(input);
        assertTrue(s.secretKeywords().stream().anyMatch(k -> s.secret(k).orElseThrow().reveal().contains(S)),
                "the sentinel must have been read as a secret");
        assertFalse(s.toString().contains(S), s.toString());
        assertFalse(s.toRedactedUrl().contains(S), s.toRedactedUrl());
        assertFalse(s.keywords().values().stream().anyMatch(v -> v.contains(S)));
        assertFalse(s.password().map(Object::toString).orElse("").contains(S));
        // the redacted URL is itself a libpq URI that parses back to the masked secret
        ConnectionSettings back = PgSsl.parse(s.toRedactedUrl());
        assertEquals(s.keywords().keySet(), back.keywords().keySet());
        for (String k : s.secretKeywords()) {
            assertEquals(Secret.MASK, back.secret(k).orElseThrow().reveal(), k);
        }
    }

    /** Malformed strings holding the sentinel in a secret position. */
    static List<String> malformed() {
        return List.of(
                "postgresql://u:" + S + "@[]/",
                "postgresql://u:" + S + "@[::1",
                "postgresql://u:" + S + "@[::1]z/",
                "postgresql://u:" + S + "%zz@h",
                "postgresql://u:" + S + "%00@h",
                "postgresql://h?password=" + S + "%zz",
                "postgresql://h?password=" + S + "&foo=bar",
                "postgresql://h?password=" + S + "&sslrootCert=x",
                "postgresql://h?password=" + S + "&zzz",
                "postgresql://h?password=" + S + "=x",
                "postgresql://u:" + S + "@h/db?key=a=b",
                "password=" + S + " trailing",
                "password='" + S,
                "password=" + S + " foo=bar",
                "password = " + S + " x",
                "application_name='x password=" + S,
                "jdbc:postgresql://u:" + S + "@h/db",
                "jdbc:postgresql://[::1&password=" + S + "/db",
                "jdbc:postgresql://h/db?password=" + S + "&foo=bar",
                "jdbc:postgresql://h/db?password=" + S + "%zz",
                "r2dbc:postgresql://u:" + S + "@h/db?password=" + S,
                "r2dbc:postgresql://u:" + S + "@[::1/db",
                "r2dbc:postgresql://u:" + S + "@h/db?connectTimeout=x",
                "postgresql+asyncpg://u:" + S + "@h/db?ssl=bogus",
                "postgresql+psycopg2://u:" + S + "@[]/",
                "host=h password " + S,
                "host=h password " + S + " port=5432",
                "postgresql://u:pa/" + S + "@h/db",
                "postgresql://u:" + S + "/x@h/db",
                "postgres://u:" + S + "/x@h:5432/db?sslmode=require",
                "r2dbc:postgresql://u:" + S + "/x@h/db",
                "jdbc:postgresql://u:p/" + S + "@h/db",
                "jdbc:postgresql://u:" + S + "/x@h/db",
                "postgresql+asyncpg://u:" + S + "/x@h/db");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void errorWhenMalformedThenSentinelAbsentFromMessageAndInput(String input) {
        ConnectionStringException e = assertThrows(ConnectionStringException.class, () -> PgSsl.parse(input));
        assertFalse(e.getMessage().contains(S), e.getMessage());
        assertFalse(e.redactedInput().contains(S), e.redactedInput());
        assertFalse(String.valueOf(e).contains(S));
    }

    @Test
    void parseWhenPasswordHoldsUnencodedSlashThenRefusedWithFix() {
        ConnectionStringException e = assertThrows(ConnectionStringException.class,
                () -> PgSsl.parse("postgresql://u:" + S + "/x@h/db"));
        assertEquals("password: the URI has \"@\" after a \"/\", so libpq would read part of the password as the port "
                + "and the rest as the database name; percent-encode \"/\" in the user name or password as %2F "
                + "(or \"@\" in the database name as %40)", e.getMessage());
        assertEquals("postgresql://u:******@h/db", e.redactedInput());
        assertEquals(S + "/x", PgSsl.parse("postgresql://u:" + S + "%2Fx@h/db").password().orElseThrow().reveal());
    }

    @Test
    void resolveWhenSecretsFromEnvironmentThenNeverShown() {
        PgEnvironment env = PgEnvironment.of(Map.of("PGPASSWORD", S, "DATABASE_URL", "postgresql://u:" + S + "@h/db"), null);
        ConnectionSettings fromEnv = PgSsl.settings("host=h", env);
        assertFalse(fromEnv.toString().contains(S));
        ConnectionSettings fromUrl = PgSsl.settings(null, env);
        assertEquals(S, fromUrl.password().orElseThrow().reveal());
        assertFalse(fromUrl.toString().contains(S));
        assertFalse(fromUrl.toRedactedUrl().contains(S));
    }

    @Test
    void renderWhenDriverOptionLooksSecretThenMasked() {
        ConnectionSettings s = ConnectionSettings.builder("test").driverOption("dbSecretToken", S).build();
        assertFalse(s.toString().contains(S), s.toString());
    }

    @Test
    void renderWhenSecretThenMaskOnly() {
        assertEquals("******", Secret.of(S).toString());
        assertEquals("postgresql://u:******@h/db", PgSsl.parse("postgresql://u:" + S + "@h/db").toRedactedUrl());
    }
}
