package io.github.pgssl.doctor;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.Secret;
import io.github.pgssl.SensitiveKeys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line of defence: every line the doctor prints passes through here, and any known secret
 * value (password, sslpassword, PGPASSWORD) is replaced by {@value Secret#MASK}. The reports are
 * built without secrets in the first place; this catches a driver message that echoes one.
 */
final class Scrubber {
    /** Shorter values would mask ordinary words; such secrets are still never rendered by the reports. */
    private static final int MIN_LENGTH = 3;
    private static final Pattern URI_PASSWORD = Pattern.compile("://[^:@/?]*:([^@/?]+)@");
    private static final Pattern KV_PASSWORD = Pattern.compile("(?:^|\\s)(?:password|sslpassword)\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|\\S+)");

    private final List<String> secrets;

    private Scrubber(Set<String> secrets) {
        List<String> l = new ArrayList<>(secrets);
        l.removeIf(s -> s == null || s.length() < MIN_LENGTH);
        l.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(l);
    }

    static Scrubber of(String input, PgEnvironment env) {
        Set<String> s = new LinkedHashSet<>();
        env.variables().forEach((k, v) -> {
            if (SensitiveKeys.isSensitive(k)) {
                s.add(v);
            }
        });
        if (input != null) {
            try {
                ConnectionSettings cs = PgSsl.parse(input);
                for (String k : cs.secretKeywords()) {
                    cs.secret(k).map(Secret::reveal).ifPresent(s::add);
                }
            } catch (RuntimeException e) {
                // invalid input: fall back to the patterns below
            }
            Matcher m = URI_PASSWORD.matcher(input);
            while (m.find()) {
                s.add(m.group(1));
                s.add(java.net.URLDecoder.decode(m.group(1).replace("+", "%2B"), StandardCharsets.UTF_8));
            }
            Matcher k = KV_PASSWORD.matcher(input);
            while (k.find()) {
                String v = k.group(1);
                s.add(v);
                if (v.startsWith("'") && v.endsWith("'") && v.length() >= 2) {
                    s.add(v.substring(1, v.length() - 1).replace("\\'", "'").replace("\\\\", "\\"));
                }
            }
            for (String part : input.split("[?&]")) {
                int eq = part.indexOf('=');
                if (eq > 0 && SensitiveKeys.isSensitive(part.substring(0, eq))) {
                    s.add(part.substring(eq + 1));
                    s.add(java.net.URLDecoder.decode(part.substring(eq + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
                }
            }
        }
        return new Scrubber(s);
    }

    /** A scrubber that also knows the secrets of these settings. */
    Scrubber with(ConnectionSettings cs) {
        if (cs == null) {
            return this;
        }
        Set<String> s = new LinkedHashSet<>(secrets);
        for (String k : cs.secretKeywords()) {
            cs.secret(k).map(Secret::reveal).ifPresent(s::add);
        }
        return new Scrubber(s);
    }

    String scrub(String text) {
        String t = text;
        for (String s : secrets) {
            t = t.replace(s, Secret.MASK);
        }
        return t;
    }

    /** A stream that writes whole lines, scrubbed, to {@code target}. */
    PrintStream wrap(PrintStream target) {
        return new PrintStream(new LineScrubber(target), true, StandardCharsets.UTF_8);
    }

    private final class LineScrubber extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineScrubber(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        private void emit() {
            target.print(scrub(line.toString(StandardCharsets.UTF_8)));
            target.flush();
            line.reset();
        }

        @Override
        public synchronized void flush() {
            target.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            if (line.size() > 0) {
                emit();
            }
            target.flush();
        }
    }
}
