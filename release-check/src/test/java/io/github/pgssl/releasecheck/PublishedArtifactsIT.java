package io.github.pgssl.releasecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What a release would publish, read from the files {@code mvn verify} built: every artifact of
 * {@code pgssl.published} (root POM) has the jars and POM metadata that Maven Central requires,
 * every other module skips deployment, and the BOM pins exactly that list.
 */
class PublishedArtifactsIT {
    private static final Reactor REACTOR = Reactor.fromSystemProperties();
    private static final String BOM = "pgssl-bom";
    /** What Central requires of every POM (its "Requirements" page): each must be non-empty. */
    private static final List<String> CENTRAL_FIELDS = List.of("name", "description", "url",
            "licenses.license.name", "licenses.license.url", "developers.developer.name",
            "scm.url", "scm.connection");

    static Stream<String> published() {
        return REACTOR.published.stream();
    }

    /** The published artifacts and pgssl-parent, whose POM is published too (the others inherit from it). */
    static Stream<String> publishedPoms() {
        return Stream.concat(Stream.of(Reactor.PARENT), published());
    }

    @Test
    void moduleWhenNotPublishedThenSkipsDeploymentAndWhenPublishedThenDeploys() {
        List<String> problems = new ArrayList<>();
        Set<String> moduleArtifacts = new TreeSet<>();
        for (Map.Entry<Path, Document> module : REACTOR.modules().entrySet()) {
            Element project = module.getValue().getDocumentElement();
            String artifactId = Reactor.text(project, "artifactId").orElseThrow();
            moduleArtifacts.add(artifactId);
            boolean skips = Reactor.child(project, "properties").flatMap(p -> Reactor.text(p, "maven.deploy.skip"))
                    .map("true"::equals).orElse(false);
            boolean listed = REACTOR.published.contains(artifactId);
            if (listed && skips) {
                problems.add(artifactId + " is in pgssl.published but sets maven.deploy.skip");
            } else if (!listed && !skips) {
                problems.add(artifactId + " (" + REACTOR.root.relativize(module.getKey()) + ") is not in pgssl.published"
                        + " and does not set maven.deploy.skip; add it to pgssl.published and pgssl-bom, or set"
                        + " <maven.deploy.skip>true</maven.deploy.skip> in its POM");
            }
        }
        REACTOR.published.stream().filter(Predicate.not(moduleArtifacts::contains))
                .forEach(a -> problems.add(a + " is in pgssl.published but no module of the root POM builds it"));
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("published")
    void publishedArtifactWhenPackagedThenHasPomJarSourcesAndJavadoc(String artifactId) throws IOException {
        Path pom = REACTOR.pom(artifactId)
                .orElseThrow(() -> new AssertionError(artifactId + ": no module of the root POM builds it"));
        String packaging = Reactor.text(Reactor.parse(pom).getDocumentElement(), "packaging").orElse("jar");
        if (packaging.equals("pom")) {
            return;
        }
        assertEquals("jar", packaging, artifactId);
        assertJarHas(artifactId, "", e -> e.getName().endsWith(".class"), "a class");
        assertJarHas(artifactId, "sources", e -> e.getName().endsWith(".java"), "a .java file");
        assertJarHas(artifactId, "javadoc", e -> e.getName().equals("index.html"), "index.html");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedPoms")
    void publishedPomWhenReadWithItsParentThenHasWhatCentralRequires(String artifactId) {
        Element project = publishedPom(artifactId);
        Optional<Element> parentRef = Reactor.child(project, "parent");
        Element parent = parentRef.map(p -> {
            assertEquals(Reactor.PARENT, Reactor.text(p, "artifactId").orElseThrow(), artifactId + " parent");
            return publishedPom(Reactor.PARENT);
        }).orElse(null);

        String groupId = Reactor.text(project, "groupId").or(() -> parentRef.flatMap(p -> Reactor.text(p, "groupId")))
                .orElse("");
        String version = Reactor.text(project, "version").or(() -> parentRef.flatMap(p -> Reactor.text(p, "version")))
                .orElse("");
        assertEquals(Reactor.GROUP + ":" + artifactId + ":" + REACTOR.version, groupId + ":" + artifactId + ":" + version);

        List<String> missing = new ArrayList<>();
        for (String field : CENTRAL_FIELDS) {
            // name and description are the module's own (Maven does not inherit name); the rest may
            // come from pgssl-parent.
            boolean own = field.equals("name") || field.equals("description");
            Optional<String> value = Reactor.path(project, field);
            if (value.isEmpty() && !own && parent != null) {
                value = Reactor.path(parent, field);
            }
            if (value.isEmpty()) {
                missing.add(field);
            }
        }
        assertEquals(List.of(), missing, artifactId + ": POM fields Central requires");

        // An inherited url or scm url gets "/<artifactId>" appended unless the parent says not to:
        // the published links must point at the repository, which has no such pages.
        if (parent != null) {
            String home = Reactor.text(parent, "url").orElseThrow();
            assertEquals(home, effectiveUrl(project, parent, artifactId, "url", parent,
                    "child.project.url.inherit.append.path"), artifactId + " url");
            Element parentScm = Reactor.child(parent, "scm").orElseThrow();
            assertEquals(home, effectiveUrl(project, parent, artifactId, "scm.url", parentScm,
                    "child.scm.url.inherit.append.path"), artifactId + " scm url");
        }
    }

    @Test
    void releaseCheckWhenBuiltThenComesAfterEveryOtherModule() {
        Set<String> modules = new TreeSet<>();
        Path self = null;
        for (Map.Entry<Path, Document> module : REACTOR.modules().entrySet()) {
            String artifactId = Reactor.text(module.getValue().getDocumentElement(), "artifactId").orElseThrow();
            if (artifactId.equals("pgssl-release-check")) {
                self = module.getKey();
            } else {
                modules.add(artifactId);
            }
        }
        assertTrue(self != null, "release-check is a module of the root POM");
        Element dependencies = Reactor.child(Reactor.parse(self.resolve("pom.xml")).getDocumentElement(), "dependencies")
                .orElseThrow();
        Set<String> ordered = new TreeSet<>();
        for (Element d : Reactor.children(dependencies, "dependency")) {
            if (Reactor.text(d, "groupId").orElse("").equals(Reactor.GROUP)) {
                ordered.add(Reactor.text(d, "artifactId").orElseThrow());
            }
        }
        assertEquals(modules, ordered, "release-check/pom.xml must depend (type pom) on every other module, so that"
                + " the reactor builds it last");
    }

    @Test
    void bomWhenBuiltThenPinsExactlyThePublishedArtifactsAtTheBuildVersion() {
        Element bom = publishedPom(BOM);
        assertTrue(Reactor.child(bom, "parent").isEmpty(),
                "pgssl-bom has no parent, so importing it imports no third-party versions");
        assertEquals(REACTOR.version, Reactor.text(bom, "version").orElseThrow(), "pgssl-bom version");
        assertEquals("pom", Reactor.text(bom, "packaging").orElse("jar"), "pgssl-bom packaging");

        Element dependencies = Reactor.child(Reactor.child(bom, "dependencyManagement").orElseThrow(), "dependencies")
                .orElseThrow();
        Set<String> pinned = new TreeSet<>();
        for (Element d : Reactor.children(dependencies, "dependency")) {
            String version = Reactor.text(d, "version").orElse("")
                    .replace("${project.version}", REACTOR.version);
            pinned.add(Reactor.text(d, "groupId").orElse("") + ":" + Reactor.text(d, "artifactId").orElse("")
                    + ":" + version + Reactor.text(d, "type").map(t -> ":" + t).orElse(""));
        }
        Set<String> expected = new TreeSet<>();
        REACTOR.published.stream().filter(a -> !a.equals(BOM))
                .forEach(a -> expected.add(Reactor.GROUP + ":" + a + ":" + REACTOR.version));
        assertEquals(expected, pinned, "pgssl-bom dependencyManagement against pgssl.published (root POM)");
    }

    private static String effectiveUrl(Element project, Element parent, String artifactId, String field,
            Element attributeHolder, String attribute) {
        Optional<String> own = Reactor.path(project, field);
        if (own.isPresent()) {
            return own.get();
        }
        String inherited = Reactor.path(parent, field).orElseThrow();
        boolean append = !"false".equals(attributeHolder.getAttribute(attribute));
        return append ? inherited + "/" + artifactId : inherited;
    }

    private static Element publishedPom(String artifactId) {
        return Reactor.parse(REACTOR.pom(artifactId)
                .orElseThrow(() -> new AssertionError(artifactId + ": no module of the root POM builds it")))
                .getDocumentElement();
    }

    private static void assertJarHas(String artifactId, String classifier, Predicate<ZipEntry> entry, String what)
            throws IOException {
        String label = artifactId + (classifier.isEmpty() ? "" : "-" + classifier) + ".jar";
        Path jar = REACTOR.jar(artifactId, classifier)
                .orElseThrow(() -> new AssertionError(label + " was not built (" + REACTOR.fileName(artifactId, classifier,
                        "jar") + " in the module's target/)"));
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertTrue(zip.stream().anyMatch(entry), label + " holds no " + what);
        }
    }
}
