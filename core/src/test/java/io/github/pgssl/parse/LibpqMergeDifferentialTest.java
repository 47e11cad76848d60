package io.github.pgssl.parse;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionSettings.Origin;
import io.github.pgssl.ConnectionStringException;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Differential test of the environment merge: for each scenario (environment variables, service
 * files, a connection string), what libpq's {@code PQconninfo} reports after {@code PQconnectStart}
 * against what {@code PgSsl.settings} gives. Every scenario points libpq at 127.0.0.1 port 1, and
 * the connection is never polled. Skipped, with the reason, without gcc or libpq headers.
 *
 * <p>Compared: every keyword this machine's libpq knows, except where pgssl deliberately stores
 * more (documented in docs/modules/core-parser.md): the default SSL file names (libpq applies them
 * inside initialize_SSL without reporting them), {@code options}' compiled default "", and
 * {@code service}, which libpq before 18 does not keep in the connection (PQconninfo reports none).
 */
class LibpqMergeDifferentialTest {
    private static final String LOCAL = "PGHOST=127.0.0.1|PGPORT=1";

    @TempDir
    static Path dir;
    static Path exe;

    @BeforeAll
    static void compile() throws Exception {
        Path source = Path.of("src/test/c/conninfo_dump.c");
        Path gcc = null;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "gcc"))) {
                gcc = Path.of(d, "gcc");
                break;
            }
        }
        Assumptions.assumeTrue(gcc != null, "gcc is not on PATH: libpq merge differential test skipped");
        Assumptions.assumeTrue(Files.exists(Path.of("/usr/include/postgresql/libpq-fe.h")),
                "libpq headers absent: libpq merge differential test skipped");
        exe = dir.resolve("conninfo_dump");
        Process cc = new ProcessBuilder(gcc.toString(), "-I/usr/include/postgresql", source.toString(), "-lpq", "-o", exe.toString())
                .redirectErrorStream(true).start();
        String out = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(cc.waitFor(60, TimeUnit.SECONDS) && cc.exitValue() == 0, "could not compile against libpq: " + out);
    }

    static Stream<Arguments> scenarios() {
        String svc = "[s]\nsslmode=verify-ca\nhost=127.0.0.1\nport=1\napplication_name=fromsvc\n";
        return Stream.of(
                arguments("compiled defaults", LOCAL, "", null, ""),
                arguments("PG* variables", LOCAL + "|PGSSLMODE=verify-full|PGSSLROOTCERT=/x/ca.pem|PGAPPNAME=app|PGDATABASE=d"
                        + "|PGUSER=u|PGCONNECT_TIMEOUT=5|PGTARGETSESSIONATTRS=read-write|PGSSLCERT=/x/c.crt|PGSSLCRL=/x/crl",
                        "", null, ""),
                arguments("explicit beats variables", LOCAL + "|PGSSLMODE=disable|PGAPPNAME=env", "", null,
                        "sslmode=require application_name=mine"),
                arguments("PGREQUIRESSL=1", LOCAL + "|PGREQUIRESSL=1", "", null, ""),
                arguments("PGSSLMODE beats PGREQUIRESSL", LOCAL + "|PGREQUIRESSL=1|PGSSLMODE=allow", "", null, ""),
                arguments("service file beats variables", "PGSERVICE=s|PGSSLMODE=disable|PGAPPNAME=env|PGSERVICEFILE=@svc", svc, null, ""),
                arguments("explicit beats service file", "PGSERVICEFILE=@svc", svc, null, "service=s application_name=mine"),
                arguments("service in a URI", "PGSERVICEFILE=@svc", svc, null, "postgresql:///?service=s"),
                arguments("~/.pg_service.conf", "", null, svc, "service=s"),
                arguments("PGSYSCONFDIR when the home file lacks the section", "PGSYSCONFDIR=@sys", "[other]\nport=2\n", svc,
                        "service=s"),
                arguments("service not found", LOCAL + "|PGSERVICEFILE=@svc", svc, null, "service=nope"),
                arguments("service file syntax error", "PGSERVICEFILE=@svc", "[s]\nhost 127.0.0.1\n", null, "service=s"),
                arguments("service file unknown keyword", "PGSERVICEFILE=@svc", "[s]\nhots=127.0.0.1\n", null, "service=s"),
                arguments("nested service", "PGSERVICEFILE=@svc", "[s]\nport=1\nservice=t\n", null, "service=s"),
                arguments("service file missing", "PGSERVICEFILE=@missing", null, null, "service=s"),
                arguments("URI empty host and dbname: variables apply", LOCAL + "|PGDATABASE=envdb", "", null, "postgresql://:1/"),
                arguments("dbname defaults to user", LOCAL + "|PGUSER=alice", "", null, ""),
                arguments("empty host blocks PGHOST", "PGHOST=elsewhere|PGPORT=1", "", null, "host='' hostaddr=127.0.0.1"),
                arguments("port count mismatch", "", "", null, "host=a,b port=1,2,3"),
                arguments("hostaddr count mismatch", "", "", null, "host=a hostaddr=127.0.0.1,127.0.0.2 port=1"),
                arguments("sslrootcert=system without sslmode", LOCAL, "", null, "sslrootcert=system"),
                arguments("requiressl keyword", LOCAL + "|PGSSLMODE=disable", "", null, "requiressl=1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void settingsWhenScenarioThenSameAsLibpq(String name, String vars, String serviceFile, String homeServiceFile,
                                              String conninfo) throws Exception {
        Path home = Files.createTempDirectory(dir, "home");
        Path svc = home.resolve("svc.conf");
        Path sys = Files.createDirectories(home.resolve("sys"));
        if (serviceFile != null) {
            Files.writeString(name.startsWith("PGSYSCONFDIR") ? home.resolve(".pg_service.conf") : svc, serviceFile);
        }
        if (homeServiceFile != null) {
            Files.writeString(name.startsWith("PGSYSCONFDIR") ? sys.resolve("pg_service.conf") : home.resolve(".pg_service.conf"),
                    homeServiceFile);
        }
        Map<String, String> env = new HashMap<>();
        if (!vars.isEmpty()) {
            for (String kv : vars.split("\\|")) {
                int eq = kv.indexOf('=');
                env.put(kv.substring(0, eq), kv.substring(eq + 1).replace("@svc", svc.toString())
                        .replace("@sys", sys.toString()).replace("@missing", home.resolve("missing.conf").toString()));
            }
        }
        // the compiled SYSCONFDIR must not leak in: point it at an empty directory unless the scenario sets it
        env.putIfAbsent("PGSYSCONFDIR", home.resolve("nosys").toString());

        ProcessBuilder pb = new ProcessBuilder(exe.toString(), "--merge", conninfo);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);

        String osUser = System.getProperty("user.name");
        PgEnvironment pgEnv = PgEnvironment.of(env, home).withOsUser(osUser);
        if (out.startsWith("ERR\t")) {
            String libpqError = out.substring(4).trim();
            String pgsslError;
            try {
                PgSsl.settings(conninfo, pgEnv);
                pgsslError = "(accepted)";
            } catch (ConnectionStringException e) {
                pgsslError = e.getMessage();
            }
            assertEquals(libpqError, pgsslError);
            return;
        }
        Map<String, Optional<String>> libpq = new TreeMap<>();
        for (String line : out.split("\n")) {
            if (line.equals("OK") || line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            libpq.put(tab < 0 ? line : line.substring(0, tab), tab < 0 ? Optional.empty() : Optional.of(line.substring(tab + 1)));
        }
        ConnectionSettings s = PgSsl.settings(conninfo, pgEnv);
        Map<String, Optional<String>> pgssl = new TreeMap<>();
        for (String k : libpq.keySet()) {
            Optional<String> v = s.get(k).or(() -> s.secret(k).map(x -> x.reveal()));
            boolean sslFileDefault = (k.equals("sslcert") || k.equals("sslkey") || k.equals("sslrootcert") || k.equals("sslcrl"))
                    && s.origin(k).equals(Optional.of(Origin.DEFAULT));
            if (sslFileDefault || s.origin(k).equals(Optional.of(Origin.PASSWORD_FILE))) {
                v = Optional.empty();
            }
            if (k.equals("service") && libpq.get(k).isEmpty()) {
                v = Optional.empty(); // libpq < 18 keeps no field for service, so PQconninfo cannot report it
            }
            if (k.equals("options") && v.isEmpty() && libpq.get(k).equals(Optional.of(""))) {
                v = Optional.of("");
            }
            pgssl.put(k, v);
        }
        assertEquals(libpq, pgssl);
    }
}
