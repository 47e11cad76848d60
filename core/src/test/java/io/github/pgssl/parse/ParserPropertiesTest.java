package io.github.pgssl.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionStringException;
import io.github.pgssl.PgSsl;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Random and mutated connection strings: only {@link ConnectionStringException} ever escapes,
 * and a sentinel password never shows in a message, the redacted input, toString or toRedactedUrl
 * (unless the string made it a non-secret value, e.g. a host).
 */
class ParserPropertiesTest {
    static final String S = "Zq7SENTINELx9";

    private static final List<String> TOKENS = List.of("postgresql://", "postgres://", "jdbc:postgresql:", "jdbc:postgresql://",
            "r2dbc:postgresql://", "r2dbcs:pool:postgresql://", "r2dbc:postgresql:failover://", "postgresql+asyncpg://",
            "postgresql+psycopg2://", "[", "]", ":", "@", "/", "?", "&", "=", ",", "%", "%zz", "%00", "%41", "%2F", "'", "\\",
            " ", "\t", "host", "port", "user", "password", "sslpassword", "sslPassword", "ssl", "sslmode", "sslMode",
            "sslrootcert", "sslrootCert", "true", "false", "require", "verify-full", "h1", "::1", "5432", "db", "pgssl.pin",
            "requiressl", "1", "connectTimeout", "PT1S", "options", "socket", "targetServerType", "é", "\u0000");

    private static final List<String> SECRET_SLOTS = List.of("postgresql://u:%s@h/db", "postgresql://h/db?password=%s",
            "postgresql://h/db?sslpassword=%s", "password=%s host=h", "password='%s'", "sslpassword=%s",
            "jdbc:postgresql://h/db?password=%s", "jdbc:postgresql://h/db?sslpassword=%s", "r2dbc:postgresql://u:%s@h/db",
            "r2dbc:postgresql://h/db?sslPassword=%s", "postgresql+asyncpg://u:%s@h/db");

    @Provide
    Arbitrary<String> randomStrings() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(14).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> mutatedSecrets() {
        Arbitrary<String> base = Arbitraries.of(SECRET_SLOTS).map(t -> String.format(t, S));
        Arbitrary<String> prefix = Arbitraries.of(TOKENS).list().ofMaxSize(4).map(l -> String.join("", l));
        Arbitrary<String> suffix = Arbitraries.of(TOKENS).list().ofMaxSize(4).map(l -> String.join("", l));
        return Combinators.combine(prefix, base, suffix).as((p, b, s) -> p + b + s);
    }

    @Provide
    Arbitrary<String> fuzz() {
        return Arbitraries.strings().withChars("postgrsql:/@[]?&=%,'\\ 0aZ.+\t\n\u00e9").ofMaxLength(60);
    }

    @Property(tries = 3000)
    void parseWhenRandomTokensThenOnlyConnectionStringException(@ForAll("randomStrings") String input) {
        check(input);
    }

    @Property(tries = 3000)
    void parseWhenSecretSurroundedByNoiseThenNeverLeaked(@ForAll("mutatedSecrets") String input) {
        check(input);
    }

    @Property(tries = 3000)
    void parseWhenCharacterFuzzThenOnlyConnectionStringException(@ForAll("fuzz") String input) {
        check(input);
    }

    /** Found by the property above (seed 6160633861506519712): a quote in the wrong place before the secret. */
    @Example
    void parseWhenMisplacedQuoteTurnsSecretKeyIntoValueThenSecretStillHidden() {
        check("='password='" + S + "'");
        check("x='password=' " + S);
        check("host=h options='sslpassword=' " + S + " port=1");
        check("x='pasword=' " + S);
    }

    private static void check(String input) {
        ConnectionSettings s;
        try {
            s = PgSsl.parse(input);
        } catch (ConnectionStringException e) {
            assertFalse(e.getMessage().contains(S), () -> "message leaks: " + e.getMessage() + " for " + input);
            assertFalse(e.redactedInput().contains(S), () -> "redacted input leaks: " + e.redactedInput() + " for " + input);
            return;
        }
        // Other exception types propagate and fail the property.
        String shown = s.toString() + " " + s.toRedactedUrl();
        boolean nonSecretHolder = s.keywords().values().stream().anyMatch(v -> v.contains(S))
                || s.pgsslOptions().values().stream().anyMatch(v -> v.contains(S))
                || s.driverOptions().entrySet().stream().anyMatch(e -> e.getValue().contains(S) || e.getKey().contains(S))
                || s.keywords().keySet().stream().anyMatch(k -> k.contains(S));
        if (!nonSecretHolder) {
            assertFalse(shown.contains(S), () -> "rendering leaks: " + shown + " for " + input);
        }
    }
}
