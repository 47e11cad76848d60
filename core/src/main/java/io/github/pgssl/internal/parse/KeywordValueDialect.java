package io.github.pgssl.internal.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.Secret;
import io.github.pgssl.spi.ConnectionStringDialect;

/**
 * libpq's keyword/value form ({@code conninfo_parse}): {@code host=db1 sslmode='verify-full'}.
 * The fallback dialect: it accepts every string no other dialect claims, as libpq does.
 */
public final class KeywordValueDialect implements ConnectionStringDialect {
    /** The dialect name. */
    public static final String NAME = "keyword-value";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean accepts(String connectionString) {
        return true;
    }

    @Override
    public ConnectionSettings parse(String s) {
        Assembler a = new Assembler(NAME, s);
        int n = s.length();
        int p = 0;
        boolean prevSensitive = false;
        StringBuilder val = new StringBuilder();
        while (p < n) {
            if (isSpace(s.charAt(p))) {
                p++;
                continue;
            }
            int nameStart = p;
            int nameEnd = -1;
            while (p < n) {
                char c = s.charAt(p);
                if (c == '=') {
                    break;
                }
                if (isSpace(c)) {
                    nameEnd = p;
                    p++;
                    while (p < n && isSpace(s.charAt(p))) {
                        p++;
                    }
                    break;
                }
                p++;
            }
            if (nameEnd < 0) {
                nameEnd = p;
            }
            String name = s.substring(nameStart, nameEnd);
            if (p >= n || s.charAt(p) != '=') {
                // Only blanks separate this word from the previous value: after a secret it is likely
                // the rest of that secret (password=a b, password='it''s'), so it is not shown.
                String shown = Redaction.isShowableKey(name, prevSensitive) ? name : Secret.MASK;
                throw a.error(null, "missing \"=\" after \"" + shown + "\" in connection info string");
            }
            p++;
            while (p < n && isSpace(s.charAt(p))) {
                p++;
            }
            val.setLength(0);
            if (p >= n || s.charAt(p) != '\'') {
                while (p < n) {
                    char c = s.charAt(p);
                    if (isSpace(c)) {
                        break;
                    }
                    if (c == '\\') {
                        p++;
                        if (p < n) {
                            val.append(s.charAt(p++));
                        }
                    } else {
                        val.append(c);
                        p++;
                    }
                }
            } else {
                p++;
                for (;;) {
                    if (p >= n) {
                        throw a.error(name, "unterminated quoted string in connection info string");
                    }
                    char c = s.charAt(p);
                    if (c == '\\') {
                        p++;
                        if (p < n) {
                            val.append(s.charAt(p++));
                        }
                        continue;
                    }
                    if (c == '\'') {
                        p++;
                        break;
                    }
                    val.append(c);
                    p++;
                }
            }
            String value = val.toString();
            a.afterSecret(prevSensitive);
            store(name, value, a);
            prevSensitive = Redaction.isSensitiveKey(name) || Redaction.namesSecret(value);
        }
        return a.build();
    }

    private static void store(String name, String value, Assembler a) {
        if (Assembler.isStorable(name)) {
            a.libpq(name, value);
        } else if (Assembler.isPgssl(name)) {
            a.pgssl(name, value);
        } else {
            throw a.error(a.settingName(name), "invalid connection option " + a.quoteKey(name)
                    + (Keywords.isTlsLike(name) ? Keywords.didYouMean(name, Keywords.NAMES) : ""));
        }
    }

    /** C {@code isspace} in the C locale. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
