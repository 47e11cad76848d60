package io.github.pgssl.parse;

import io.github.pgssl.ConnectionStringException;
import io.github.pgssl.PgSsl;
import io.github.pgssl.internal.parse.Keywords;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Differential test: the same strings through pgssl and through the machine's libpq
 * ({@code PQconninfoParse}, via src/test/c/conninfo_dump.c compiled with gcc). Keywords and values
 * must agree, and so must the syntax-error texts (pgssl may add a "; did you mean" hint).
 * Skipped, with the reason, when gcc or libpq's headers are absent.
 */
class LibpqDifferentialTest {

    static final List<String> CORPUS = List.of(
            // URIs
            "postgresql://",
            "postgres://h",
            "postgresql://h:5433/db",
            "postgresql://u:pw@h/db",
            "postgresql://us%65r:p%40ss%3Aw%2Frd%25x@h",
            "postgresql://@h",
            "postgresql://u:@h",
            "postgresql://u:a:b@h",
            "postgresql://host?user=a@b",
            "postgresql://h1,h2:5433/db",
            "postgresql://h1,h2/",
            "postgresql://a:1,b,c:3",
            "postgresql://h1,/db",
            "postgresql://,/",
            "postgresql://[2001:db8::1]:5433/db",
            "postgresql://[200z:db8::1234]/",
            "postgresql://[::1],h2:5/",
            "postgresql://[::1]?sslmode=require",
            "postgresql://%2Fvar%2Flib%2Fpostgresql/dbname",
            "postgresql:///db?host=/tmp",
            "postgresql://:54317/db",
            "postgresql://h/",
            "postgresql://h/a/b",
            "postgresql://h/my%2Fdb",
            "postgresql://h/db?",
            "postgresql://h/db?sslmode=require&",
            "postgresql:///?host=h&port=1&dbname=d&user=u&password=p&sslrootcert=/ca.pem",
            "postgresql://h1/db?host=h2",
            "postgresql://h?ssl=true",
            "postgresql://h?ssl=true&sslmode=disable",
            "postgresql://h?sslmode=disable&ssl=true",
            "postgresql://h?ssl=tru%65",
            "postgresql://h?requiressl=1",
            "postgresql://h?requiressl=0",
            "postgresql://h?u%73er=x",
            "postgresql://h?application_name=%4a%4A",
            "postgresql://h?application_name=a+b",
            "postgresql://h?application_name=%C3%A9t%C3%A9",
            // Spaces in URIs: libpq 18 trims and rejects, libpq 17 and older keep them; pgssl follows 18
            // (LibpqUriParserTest), so they are not compared with whichever libpq the machine has.
            "postgresql://h?sslmode=Require",
            "postgresql://h?sslrootcert=",
            "postgresql://h?sslcert=/c&sslkey=/k&sslpassword=kp&sslcrl=/crl&sslcrldir=/d&sslsni=0",
            "postgresql://h?ssl_min_protocol_version=TLSv1.3&ssl_max_protocol_version=TLSv1.3",
            "postgresql://h?gssencmode=disable&channel_binding=require&target_session_attrs=read-write",
            "postgresql://h?hostaddr=127.0.0.1&connect_timeout=5&keepalives=1&options=-c%20a%3Db",
            // URI errors
            "postgresql://h/db?application_name=a%zz",
            "postgresql://h?application_name=%1",
            "postgresql://h/%",
            "postgresql://h%g1,h2/",
            "postgresql://h?application_name=a%00",
            "postgresql://h?uzer=x",
            "postgresql://h?foo=bar",
            "postgresql://h?ssl=false",
            "postgresql://h?ssl=TRUE",
            "postgresql://h?sslrootCert=/ca.pem",
            "postgresql://h?zzz",
            "postgresql://h/?&a=b",
            "postgresql://h?key=key=value",
            "postgresql://h/?=x",
            "postgresql://[]/",
            "postgresql://[::1",
            "postgresql://[::1]z/",
            // keyword/value
            "",
            "host=h port=5432",
            "host = h   port =5432",
            "host=h\tport=1\ndbname=d\ruser=u",
            "application_name='a b c'",
            "application_name='it\\'s a \\\\ test'",
            "application_name=a\\ b\\\\c",
            "application_name=b'c",
            "host='' port=1",
            "host=",
            "host= port=5",
            "sslmode=disable sslmode=require",
            "requiressl=1",
            "requiressl=yes",
            "user=u password='p w'",
            "host='h'port=1",
            // keyword/value errors
            "host",
            "host localhost",
            "application_name='it''s'",
            "postgre://x",
            "application_name='abc",
            "foo=bar",
            "Host=x",
            "=x",
            "ssl=true",
            "sslrootCert=/ca.pem",
            // more edge cases
            "host=a\\",
            "application_name='x'y=1",
            "application_name=x=y",
            "host=h\\ port=1",
            "  host  =  'h'  ",
            "host='\\'",
            "dbname=\u00e9t\u00e9 host=h",
            "h'ost=x",
            "host='a b'c=d",
            "postgresql://h/db?application_name=%e9",
            "postgresql://h:/db",
            "postgresql://h:5432:1/db",
            "postgresql://[::1]:/db",
            "postgresql://h/?application_name=",
            "postgresql://u@",
            "postgresql://u:p@",
            "postgresql://:@/",
            "postgresql://h?host=",
            "postgresql://h/db#frag",
            "postgres://[::1]x",
            "postgresql://h,[::1]:5,[fe80::1%25eth0]/db",
            "postgresql://%2Ftmp%2Fa%2Cb/db",
            "postgresql://h?options=-c%20search_path%3Dx%2Cy");

    private static final Pattern HINT = Pattern.compile("; did you mean \"[^\"]+\"\\?$");
    private static final Pattern UNKNOWN = Pattern.compile(
            "^(?:invalid connection option|invalid URI query parameter:) \"([^\"]*)\"$");

    @TempDir
    static Path dir;

    static Map<String, Object> libpq;

    @BeforeAll
    static void runLibpq() throws Exception {
        Path source = Path.of("src/test/c/conninfo_dump.c");
        Path gcc = onPath("gcc");
        Path header = Path.of("/usr/include/postgresql/libpq-fe.h");
        Assumptions.assumeTrue(gcc != null, "gcc is not on PATH: libpq differential test skipped");
        Assumptions.assumeTrue(Files.exists(header), "libpq headers (" + header + ") absent: libpq differential test skipped");
        Assumptions.assumeTrue(Files.exists(source), "C helper " + source.toAbsolutePath() + " not found");
        Path exe = dir.resolve("conninfo_dump");
        Process cc = new ProcessBuilder(gcc.toString(), "-I/usr/include/postgresql", source.toString(), "-lpq", "-o", exe.toString())
                .redirectErrorStream(true).start();
        String ccOut = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(cc.waitFor(60, TimeUnit.SECONDS) && cc.exitValue() == 0,
                "could not compile against libpq (libpq.so missing?): " + ccOut);

        Process p = new ProcessBuilder(exe.toString()).start();
        Thread writer = new Thread(() -> {
            try (OutputStream out = p.getOutputStream()) {
                for (String s : CORPUS) {
                    out.write(s.getBytes(StandardCharsets.UTF_8));
                    out.write(0);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        byte[] all;
        try (InputStream in = p.getInputStream()) {
            all = in.readAllBytes();
        }
        writer.join(10_000);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "conninfo_dump did not finish");
        List<byte[]> records = split(all);
        assertEquals(CORPUS.size(), records.size(), "one record per corpus entry");
        libpq = new HashMap<>();
        for (int i = 0; i < CORPUS.size(); i++) {
            libpq.put(CORPUS.get(i), decode(new String(records.get(i), StandardCharsets.UTF_8)));
        }
    }

    static List<String> corpus() {
        return CORPUS;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("corpus")
    void parseWhenCorpusEntryThenSameAsLibpq(String input) {
        Object expected = libpq.get(input);
        Object actual;
        try {
            actual = Flat.of(PgSsl.parse(input));
        } catch (ConnectionStringException e) {
            actual = HINT.matcher(e.getMessage()).replaceFirst("");
        }
        if (expected instanceof String err) {
            Matcher m = UNKNOWN.matcher(err);
            // A keyword newer than this machine's libpq (e.g. sslnegotiation on libpq 15): not comparable.
            Assumptions.assumeFalse(m.matches() && Keywords.isKeyword(m.group(1)),
                    "libpq on this machine predates keyword " + (m.matches() ? m.group(1) : ""));
            if (!(actual instanceof String)) {
                fail("libpq rejects it (" + err + ") but pgssl accepts it: " + actual);
            }
        }
        assertEquals(expected, actual);
    }

    private static Object decode(String record) {
        if (record.startsWith("ERR\t")) {
            return unescape(record.substring(4, record.length() - 1));
        }
        Map<String, String> m = new TreeMap<>();
        String[] lines = record.split("\n");
        if (!lines[0].equals("OK")) {
            throw new IllegalStateException("bad record: " + record);
        }
        for (int i = 1; i < lines.length; i++) {
            int tab = lines[i].indexOf('\t');
            m.put(lines[i].substring(0, tab), unescape(lines[i].substring(tab + 1)));
        }
        return m;
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static List<byte[]> split(byte[] all) {
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        for (byte b : all) {
            if (b == 0) {
                out.add(cur.toByteArray());
                cur.reset();
            } else {
                cur.write(b);
            }
        }
        return out;
    }

    private static Path onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, exe);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
