package io.github.pgssl.releasecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * A new Maven project that imports only {@code pgssl-bom} and depends on {@code pgssl-jdbc} (plus
 * the driver and, for its test, {@code pgssl-testkit}) resolves against the staged files and
 * connects to a testkit TLS server with verify-full.
 *
 * <p>The nested Maven gets a temporary local repository holding only what {@code mvn install} would
 * put there for pgssl (each published POM, jar, sources and Javadoc jar, and pgssl-parent); it
 * takes everything else from the build's local repository read as a remote {@code file:}
 * repository (a mirror), which Maven only reads. Nothing is installed into {@code ~/.m2}.
 */
class BomConsumerIT {
    private static final Reactor REACTOR = Reactor.fromSystemProperties();

    @Test
    void consumerWhenItImportsOnlyTheBomAndPgsslJdbcThenResolvesAndConnectsOverTls() throws Exception {
        Path work = Path.of(Reactor.require("pgssl.work.dir"));
        deleteTree(work);
        Path localRepo = work.resolve("local-repo");
        List<String> artifacts = new ArrayList<>(REACTOR.published);
        artifacts.add(Reactor.PARENT);
        for (String artifactId : artifacts) {
            Path dir = Files.createDirectories(localRepo.resolve(Reactor.GROUP.replace('.', '/'))
                    .resolve(artifactId).resolve(REACTOR.version));
            Files.copy(REACTOR.pom(artifactId).orElseThrow(), dir.resolve(REACTOR.fileName(artifactId, "", "pom")));
            for (String classifier : List.of("", "sources", "javadoc")) {
                Optional<Path> jar = REACTOR.jar(artifactId, classifier);
                if (jar.isPresent()) {
                    Files.copy(jar.get(), dir.resolve(REACTOR.fileName(artifactId, classifier, "jar")));
                }
            }
        }
        Path project = work.resolve("consumer");
        copyTree(Path.of(Reactor.require("pgssl.consumer.dir")), project);
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, settings(Path.of(Reactor.require("pgssl.local.repo"))));
        Path log = work.resolve("consumer-build.log");

        Path mvn = Path.of(Reactor.require("pgssl.maven.home"), "bin", "mvn");
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-s", settings.toString(),
                "-Dmaven.repo.local=" + localRepo,
                "-Dpgssl.version=" + REACTOR.version,
                "-Dpgjdbc.version=" + Reactor.require("pgssl.pgjdbc.version"),
                "-Djunit.version=" + Reactor.require("pgssl.junit.version"),
                "test"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("MAVEN_OPTS");
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the consumer build took over 5 minutes; log: " + log);
        }
        assertEquals(0, p.exitValue(), () -> "the consumer build failed; last lines of " + log + ":\n" + tail(log));

        Path report = project.resolve("target/surefire-reports/TEST-com.example.consumer.BomConsumerTest.xml");
        assertTrue(Files.isRegularFile(report), "no surefire report " + report);
        Element suite = Reactor.parse(report).getDocumentElement();
        assertEquals("1/0/0/0", suite.getAttribute("tests") + "/" + suite.getAttribute("failures") + "/"
                + suite.getAttribute("errors") + "/" + suite.getAttribute("skipped"),
                "consumer tests/failures/errors/skipped");

        // The pgssl artifacts were the ones built here, not copies from anywhere else: the nested
        // build read them from its local repository, where nothing marks them as downloaded.
        for (String artifactId : List.of("pgssl-bom", "pgssl-jdbc", "pgssl-core", "pgssl-testkit")) {
            Path dir = localRepo.resolve("io/github/pgssl").resolve(artifactId).resolve(REACTOR.version);
            assertTrue(Files.notExists(dir.resolve("_remote.repositories")),
                    artifactId + " was downloaded by the consumer build instead of taken from the build: " + dir);
        }
    }

    private static String settings(Path buildLocalRepo) {
        return """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
                  <mirrors>
                    <!-- Everything else from the build's local repository, read as a remote. -->
                    <mirror>
                      <id>build-local</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(buildLocalRepo.toUri());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read the log: " + e.getMessage() + ")";
        }
    }
}
