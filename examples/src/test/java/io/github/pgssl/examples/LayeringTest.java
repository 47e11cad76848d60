package io.github.pgssl.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Module boundaries a reader and the build can see (issue 13): no class outside core depends on
 * core's {@code io.github.pgssl.internal} packages. Checked on the compiled classes of every module
 * on this module's class path (core, the three adapters, the testkit, the examples) and of the
 * sibling modules the reactor has built (doctor, flyway, the Spring Boot starter, benchmarks).
 */
class LayeringTest {
    private static final String[] CORE = {"io.github.pgssl", "io.github.pgssl.spi", "io.github.pgssl.internal.."};

    private static JavaClasses classes() {
        List<Path> locations = new ArrayList<>();
        // Each module on this class path, by one of its classes (a jar or a classes directory).
        for (Class<?> marker : List.of(io.github.pgssl.PgSsl.class, io.github.pgssl.jdbc.PgSslJdbc.class,
                io.github.pgssl.r2dbc.PgSslR2dbc.class, io.github.pgssl.vertx.PgSslVertx.class,
                io.github.pgssl.testkit.json.Json.class, DebugEndpointExample.class)) {
            try {
                locations.add(Path.of(marker.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        // Sibling modules the reactor built before this one (absent in a build of this module alone).
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        for (String module : List.of("doctor", "flyway", "spring-boot", "benchmarks")) {
            Path classesDir = root.resolve(module).resolve("target").resolve("classes");
            if (Files.isDirectory(classesDir)) {
                locations.add(classesDir);
            }
        }
        // A module reached through the reactor's package phase is a jar, otherwise a classes directory.
        Set<Location> where = new java.util.LinkedHashSet<>();
        for (Path p : locations) {
            if (Files.isRegularFile(p)) {
                try {
                    where.add(Location.of(new java.util.jar.JarFile(p.toFile())));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            } else {
                where.add(Location.of(p));
            }
        }
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(where);
    }

    @Test
    void nothingOutsideCoreDependsOnCoreInternals() {
        JavaClasses classes = classes();
        Set<String> packages = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        // The rule must see the modules it is about, or it proves nothing.
        for (String p : List.of("io.github.pgssl.jdbc", "io.github.pgssl.r2dbc", "io.github.pgssl.vertx",
                "io.github.pgssl.testkit.json", "io.github.pgssl.examples", "io.github.pgssl.internal.parse")) {
            assertTrue(packages.contains(p), "not imported: " + p);
        }
        noClasses().that().resideOutsideOfPackages(CORE)
                .should().dependOnClassesThat().resideInAPackage("io.github.pgssl.internal..")
                .because("core's internal packages are not API; adapters, tools and examples use io.github.pgssl and .spi")
                .check(classes);
    }
}
