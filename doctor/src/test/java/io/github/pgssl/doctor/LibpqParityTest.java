package io.github.pgssl.doctor;

import io.github.pgssl.Secret;
import io.github.pgssl.SensitiveKeys;
import io.github.pgssl.testkit.pki.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The doctor's {@code settings} member against the real {@code PQconninfoParse} of the libpq on
 * this machine (a ten-line C program compiled with gcc). Skipped when gcc or libpq's headers are absent.
 */
class LibpqParityTest {
    @TempDir
    static Path dir;
    static Path helper;

    @BeforeAll
    static void compile() throws Exception {
        assumeTrue(onPath("gcc"), "gcc is not on PATH");
        assumeTrue(Files.exists(Path.of("/usr/include/postgresql/libpq-fe.h")), "libpq headers are not installed");
        Path src = dir.resolve("conninfo_parse.c");
        try (InputStream in = LibpqParityTest.class.getResourceAsStream("/conninfo_parse.c")) {
            Files.copy(in, src);
        }
        helper = dir.resolve("conninfo_parse");
        Process p = new ProcessBuilder("gcc", "-o", helper.toString(), src.toString(), "-I/usr/include/postgresql", "-lpq")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "cannot build against libpq: " + out);
    }

    static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    static Map<String, Object> libpq(String input) throws Exception {
        Process p = new ProcessBuilder(helper.toString(), input).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        Map<String, Object> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            String k = line.substring(0, tab);
            m.put(k, SensitiveKeys.isSensitive(k) ? Secret.MASK : line.substring(tab + 1));
        }
        return m;
    }

    @Test
    void explainSettingsWhenCorpusThenEqualLibpqConninfoParse() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        String ca = TestPki.generate().root().writeCertificatePem(dir.resolve("ca.pem")).toString();
        List<ExplainJsonTest.Corpus.Row> rows = ExplainJsonTest.Corpus.rows(ca);
        for (ExplainJsonTest.Corpus.Row row : rows) {
            DoctorRun r = DoctorRun.run(Map.of(), home, "--explain", "--json", row.input());
            assertEquals(0, r.exitCode(), row.name() + ": " + r.all());
            assertEquals(libpq(row.input()), r.json().get("settings"), row.name());
            // the hard-coded expectation is libpq's too
            assertEquals(ExplainJsonTest.Corpus.map(row.settings()), libpq(row.input()), row.name());
        }
    }
}
