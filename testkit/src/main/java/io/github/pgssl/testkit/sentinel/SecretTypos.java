package io.github.pgssl.testkit.sentinel;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Connection strings that carry a sentinel secret behind typo-variants of the secret keys (up to two
 * edits, any case, {@code =}/{@code :}/blank separators, percent-encoding), in every string form
 * pgssl reads, plus the shapes where the secret follows another secret or sits in userinfo. For
 * sentinel tests of the renderers outside core (doctor, examples); core's own property test uses
 * the same shapes with jqwik.
 */
public final class SecretTypos {
    /** The secret key names the typos start from. */
    public static final List<String> SECRET_KEYS = List.of("password", "sslpassword", "sslPassword", "oauth_client_secret",
            "scram_client_key", "scram_server_key", "PGPASSWORD");
    /** What goes between the key and the value. */
    public static final List<String> SEPARATORS = List.of("=", ":", " ", " = ", "= ", " :", ": ");
    private static final String EDIT_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

    /** Templates: {k} the key, {s} the separator, {v} the sentinel. */
    public static final List<String> SHAPES = List.of(
            "{k}{s}{v}",
            "host=db {k}{s}{v}",
            "{k}{s}{v} host=db",
            "host=db {k}{s}'{v}' sslmode=require",
            "host=db {k}{s}{v} port=5432",
            "postgresql://app@db/app?{k}{s}{v}",
            "postgresql://db/app?sslmode=require&{k}{s}{v}&application_name=x",
            "postgres://db?{k}{s}{v}",
            "jdbc:postgresql://db/app?{k}{s}{v}",
            "jdbc:postgresql://db/app?user=u&{k}{s}{v}&ssl=true",
            "jdbc:postgresql:app?{k}{s}{v}",
            "r2dbc:postgresql://db/app?{k}{s}{v}",
            "r2dbcs:pool:postgresql://u@db/app?{k}{s}{v}",
            "postgresql+asyncpg://db/app?{k}{s}{v}",
            "postgresql+psycopg2://u@db/app?{k}{s}{v}",
            "{k}=abc {v}=y",
            "host=db {k}=abc {v}",
            "host=db {k} {v}",
            "postgresql://app@db/app?{k}&{v}",
            "postgresql://app@db/app?{k}=abc&{v}",
            "jdbc:postgresql://db/app?{k}&{v}",
            "r2dbc:postgresql://db/app?{k}&{v}=1",
            "postgresql://app:{v}@inel@db/app",
            "r2dbc:postgresql://app:{v}@inel@db/app",
            "postgresql+asyncpg://app:{v}@inel@db/app");

    private SecretTypos() {
    }

    /**
     * {@code count} inputs, reproducible from {@code seed}; the first ones use every shape once with the exact key.
     *
     * @param sentinel the secret value to hide in each input; a test asserts it never appears in output
     * @param count how many inputs to make
     * @param seed the seed of the random typos, shapes and separators
     * @return {@code count} connection strings, each carrying {@code sentinel} as a secret
     */
    public static List<String> inputs(String sentinel, int count, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (String shape : SHAPES) {
            if (out.size() < count) {
                out.add(fill(shape, SECRET_KEYS.get(out.size() % SECRET_KEYS.size()), "=", sentinel));
            }
        }
        while (out.size() < count) {
            String shape = SHAPES.get(r.nextInt(SHAPES.size()));
            String key = typo(SECRET_KEYS.get(r.nextInt(SECRET_KEYS.size())), r.nextInt(3), r);
            out.add(fill(shape, key, SEPARATORS.get(r.nextInt(SEPARATORS.size())), sentinel));
        }
        return out;
    }

    private static String fill(String shape, String key, String separator, String value) {
        return shape.replace("{k}", key).replace("{s}", separator).replace("{v}", value);
    }

    /**
     * Up to {@code edits} insertions, deletions, replacements or swaps, then a case mode and optional percent-encoding.
     *
     * @param key the key name to misspell, e.g. {@code sslpassword}
     * @param edits how many random edits to try (an edit that does not fit the position is skipped)
     * @param r the source of randomness, for reproducible typos
     * @return the misspelt key
     */
    public static String typo(String key, int edits, Random r) {
        StringBuilder b = new StringBuilder(key);
        for (int e = 0; e < edits; e++) {
            int i = r.nextInt(b.length() + 1);
            char c = EDIT_ALPHABET.charAt(r.nextInt(EDIT_ALPHABET.length()));
            int op = r.nextInt(4);
            if (op == 0) {
                b.insert(i, c);
            } else if (op == 1 && i < b.length()) {
                b.deleteCharAt(i);
            } else if (op == 2 && i < b.length()) {
                b.setCharAt(i, c);
            } else if (op == 3 && i + 1 < b.length()) {
                char t = b.charAt(i);
                b.setCharAt(i, b.charAt(i + 1));
                b.setCharAt(i + 1, t);
            }
        }
        StringBuilder out = new StringBuilder();
        int caseMode = r.nextInt(4);
        boolean encode = r.nextInt(5) == 0;
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (caseMode == 1 || (caseMode == 3 && r.nextBoolean())) {
                c = Character.toLowerCase(c);
            } else if (caseMode == 2 || caseMode == 3) {
                c = Character.toUpperCase(c);
            }
            if (encode && r.nextInt(3) == 0) {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
