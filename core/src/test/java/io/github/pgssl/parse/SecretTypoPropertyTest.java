package io.github.pgssl.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionStringException;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.PgSslException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Typo-variants of the secret keys (edit distance up to 2, any case, {@code =}/{@code :}/blank
 * separators, percent-encoding) carrying a sentinel value, in every connection-string form: the
 * sentinel never reaches an exception message, {@code redactedInput()}, an exception's
 * {@code toString}, the settings' {@code toString} or {@code toRedactedUrl}, nor the policy's
 * errors. 100,000 inputs per run.
 */
class SecretTypoPropertyTest {
    static final String S = "Zq7SENTINELx9";
    static final String S_ENCODED = "Zq7SENT%49NELx9";

    static final List<String> SECRET_KEYS = List.of("password", "sslpassword", "sslPassword", "oauth_client_secret",
            "scram_client_key", "scram_server_key", "PGPASSWORD");
    static final List<String> SEPARATORS = List.of("=", ":", " ", " = ", "= ", " :", ": ");
    static final String EDIT_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

    /** Where a "key, separator, value" goes: {k} the key, {s} the separator, {v} the value. */
    static final List<String> CONTEXTS = List.of(
            "{k}{s}{v}",
            "host=db {k}{s}{v}",
            "{k}{s}{v} host=db",
            "host=db {k}{s}'{v}' sslmode=require",
            "host=db {k}{s}{v} port=5432",
            "postgresql://app@db/app?{k}{s}{v}",
            "postgresql://db/app?sslmode=require&{k}{s}{v}&application_name=x",
            "postgresql://app@db/app?{k}{s}{v}&",
            "postgres://db?{k}{s}{v}",
            "jdbc:postgresql://db/app?{k}{s}{v}",
            "jdbc:postgresql://db/app?user=u&{k}{s}{v}&ssl=true",
            "jdbc:postgresql:app?{k}{s}{v}",
            "r2dbc:postgresql://db/app?{k}{s}{v}",
            "r2dbcs:pool:postgresql://u@db/app?{k}{s}{v}",
            "postgresql+asyncpg://db/app?{k}{s}{v}",
            "postgresql+psycopg2://u@db/app?{k}{s}{v}");

    /** Shapes where the secret is not after a key at all: the rest of a secret, or a password with '@'. */
    static final List<String> SHAPES = List.of(
            "{k}=abc {v}=y",
            "host=db {k}=abc {v}",
            "host=db {k} {v}",
            "postgresql://app@db/app?{k}&{v}",
            "postgresql://app@db/app?{k}=abc&{v}",
            "jdbc:postgresql://db/app?{k}&{v}",
            "r2dbc:postgresql://db/app?{k}&{v}=1",
            "postgresql://app:{v}@inel@db/app",
            "postgresql://app:x{v}@db@h2/app",
            "r2dbc:postgresql://app:{v}@inel@db/app",
            "postgresql+asyncpg://app:{v}@inel@db/app");

    @Provide
    Arbitrary<String> typoKeys() {
        Arbitrary<String> key = Arbitraries.of(SECRET_KEYS);
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(key, seed, Arbitraries.integers().between(0, 2)).as((k, s, edits) -> typo(k, edits, new Random(s)));
    }

    /** Up to {@code edits} random insertions, deletions, replacements or swaps, then random case and optional percent-encoding. */
    static String typo(String key, int edits, Random r) {
        StringBuilder b = new StringBuilder(key);
        for (int e = 0; e < edits; e++) {
            int i = r.nextInt(b.length() + 1);
            char c = EDIT_ALPHABET.charAt(r.nextInt(EDIT_ALPHABET.length()));
            switch (r.nextInt(4)) {
                case 0 -> b.insert(i, c);
                case 1 -> {
                    if (i < b.length()) {
                        b.deleteCharAt(i);
                    }
                }
                case 2 -> {
                    if (i < b.length()) {
                        b.setCharAt(i, c);
                    }
                }
                default -> {
                    if (i + 1 < b.length()) {
                        char t = b.charAt(i);
                        b.setCharAt(i, b.charAt(i + 1));
                        b.setCharAt(i + 1, t);
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder();
        int caseMode = r.nextInt(4); // as is, lower, upper, random per character
        boolean encode = r.nextInt(5) == 0;
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            c = switch (caseMode) {
                case 1 -> Character.toLowerCase(c);
                case 2 -> Character.toUpperCase(c);
                case 3 -> r.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c);
                default -> c;
            };
            if (encode && r.nextInt(3) == 0) {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Provide
    Arbitrary<String> inputs() {
        Arbitrary<String> context = Arbitraries.of(concat(CONTEXTS, SHAPES));
        Arbitrary<String> separator = Arbitraries.of(SEPARATORS);
        Arbitrary<String> value = Arbitraries.of(S, S, S_ENCODED);
        return Combinators.combine(context, typoKeys(), separator, value)
                .as((c, k, s, v) -> c.replace("{k}", k).replace("{s}", s).replace("{v}", v));
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    @Property(tries = 100_000, shrinking = ShrinkingMode.FULL)
    void everyOutputWhenTypoOfSecretKeyThenSentinelAbsent(@ForAll("inputs") String input) {
        check(input);
    }

    /** Each context and shape at least once, with the exact secret names and every separator. */
    @Test
    void everyOutputWhenExactSecretKeyInEveryShapeThenSentinelAbsent() {
        int n = 0;
        for (String c : concat(CONTEXTS, SHAPES)) {
            for (String k : SECRET_KEYS) {
                for (String s : SEPARATORS) {
                    for (String v : List.of(S, S_ENCODED)) {
                        check(c.replace("{k}", k).replace("{s}", s).replace("{v}", v));
                        n++;
                    }
                }
            }
        }
        assertEquals((CONTEXTS.size() + SHAPES.size()) * SECRET_KEYS.size() * SEPARATORS.size() * 2, n);
    }

    /** The five leaks the review found, each now shown without the sentinel. */
    @Test
    void redactedInputWhenReviewCasesThenStructuralMask() {
        assertRedacted("postgresql://app@db/app?password:" + S, "postgresql://app@db/app?******");
        assertRedacted("postgresql://app@db/app?sslpassword:" + S, "postgresql://app@db/app?******");
        assertRedacted("host=db pasword=" + S, "host=db pasword=******");
        assertRedacted("password=abc " + S + "=y", "password=****** ******");
        assertRedacted("postgresql://app@db/app?password&" + S, "postgresql://app@db/app?password&******");
        assertRedacted("postgresql://app:S3nt@inel@db/app", "postgresql://app:******@db/app");
    }

    static void assertRedacted(String input, String redacted) {
        ConnectionStringException e = org.junit.jupiter.api.Assertions.assertThrows(ConnectionStringException.class,
                () -> PgSsl.parse(input));
        assertEquals(redacted, e.redactedInput(), input);
        check(input);
    }

    @Test
    void parseWhenUnencodedAtInUserinfoThenRefusedLikeSlash() {
        ConnectionStringException e = org.junit.jupiter.api.Assertions.assertThrows(ConnectionStringException.class,
                () -> PgSsl.parse("postgresql://app:S3nt@inel@db/app"));
        assertEquals("password: the URI has more than one unencoded \"@\" before the host, so libpq would read the part "
                + "after the first \"@\" as the host name; percent-encode \"@\" in the user name or password as %40", e.getMessage());
        assertEquals("password", e.setting().orElseThrow());
        assertEquals("S3nt@inel", PgSsl.parse("postgresql://app:S3nt%40inel@db/app").password().orElseThrow().reveal());
        assertTrue(PgSsl.parse("postgresql://host?user=a@b").get("host").orElseThrow().equals("b"));
    }

    /** Typo detection must not make an ordinary libpq keyword secret (it would vanish from keywords()). */
    @Test
    void isSensitiveWhenOrdinaryKeywordThenFalse() {
        for (io.github.pgssl.internal.parse.Keywords.Keyword k : io.github.pgssl.internal.parse.Keywords.all()) {
            boolean secret = io.github.pgssl.SensitiveKeys.NAMES.contains(k.name());
            assertEquals(secret, io.github.pgssl.SensitiveKeys.isSensitive(k.name()), k.name());
        }
        for (String k : List.of("sslmode", "sslcert", "sslkey", "sslrootcert", "passfile", "pgpassfile", "PGPASSFILE", "user",
                "sslMode", "sslCert", "sslKey", "sslRootCert", "sslfactory", "sslhostnameverifier", "sslNegotiation", "options")) {
            assertFalse(io.github.pgssl.SensitiveKeys.isSensitive(k), k);
        }
    }

    static void check(String input) {
        ConnectionSettings s;
        try {
            s = PgSsl.parse(input);
        } catch (ConnectionStringException e) {
            assertAbsent(input, "message", e.getMessage());
            assertAbsent(input, "redactedInput", e.redactedInput());
            assertAbsent(input, "exception", String.valueOf(e));
            return;
        }
        assertAbsent(input, "toString", s.toString());
        assertAbsent(input, "toRedactedUrl", s.toRedactedUrl());
        assertAbsent(input, "keywords", s.keywords().toString());
        try {
            ConnectionSettings merged = PgSsl.settings(input, PgEnvironment.empty());
            assertAbsent(input, "merged toString", merged.toString());
            PgSsl.policy(merged, PgEnvironment.empty());
        } catch (PgSslException e) {
            assertAbsent(input, "settings or policy error", String.valueOf(e));
        }
    }

    static void assertAbsent(String input, String where, String text) {
        assertFalse(text.contains(S) || text.contains(S_ENCODED) || text.contains("S3nt"),
                () -> where + " shows the sentinel: " + text + "\n  input: " + input);
    }
}
