package io.github.pgssl.releasecheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The build as release-check sees it: the modules of the root POM, the published list
 * ({@code pgssl.published}) and the files each module's package phase made.
 */
final class Reactor {
    static final String GROUP = "io.github.pgssl";
    static final String PARENT = "pgssl-parent";

    final Path root;
    final String version;
    final List<String> published;

    private Reactor(Path root, String version, List<String> published) {
        this.root = root;
        this.version = version;
        this.published = published;
    }

    static Reactor fromSystemProperties() {
        Path root = Path.of(require("pgssl.root")).toAbsolutePath().normalize();
        List<String> published = Arrays.stream(require("pgssl.published").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new Reactor(root, require("pgssl.version"), published);
    }

    static String require(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run this test through"
                    + " the release-check module's failsafe configuration (mvn verify)");
        }
        return value;
    }

    /** Module directory to its POM document, in the root POM's order. */
    Map<Path, Document> modules() {
        Map<Path, Document> modules = new LinkedHashMap<>();
        Element project = parse(root.resolve("pom.xml")).getDocumentElement();
        for (Element module : children(child(project, "modules").orElseThrow(), "module")) {
            Path dir = root.resolve(module.getTextContent().trim());
            modules.put(dir, parse(dir.resolve("pom.xml")));
        }
        return modules;
    }

    /** The directory of the module that builds an artifact (the root for pgssl-parent). */
    Optional<Path> moduleDir(String artifactId) {
        if (artifactId.equals(PARENT)) {
            return Optional.of(root);
        }
        return modules().entrySet().stream()
                .filter(m -> text(m.getValue().getDocumentElement(), "artifactId").orElse("").equals(artifactId))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /**
     * The POM that deploying an artifact publishes: its module's pom.xml (nothing flattens it).
     */
    Optional<Path> pom(String artifactId) {
        return moduleDir(artifactId).map(d -> d.resolve("pom.xml")).filter(Files::isRegularFile);
    }

    /**
     * A jar the module's package phase attached, as {@code mvn deploy} would upload it:
     * {@code target/<artifactId>-<version>[-<classifier>].jar}.
     */
    Optional<Path> jar(String artifactId, String classifier) {
        return moduleDir(artifactId)
                .map(d -> d.resolve("target").resolve(fileName(artifactId, classifier, "jar")))
                .filter(Files::isRegularFile);
    }

    String fileName(String artifactId, String classifier, String extension) {
        return artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + "." + extension;
    }

    static Document parse(Path file) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static Optional<Element> child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim()).filter(s -> !s.isEmpty());
    }

    /** A dotted path of child elements, e.g. {@code scm.url}. */
    static Optional<String> path(Element project, String dotted) {
        Element e = project;
        String[] parts = dotted.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            Optional<Element> next = child(e, parts[i]);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            e = next.get();
        }
        return text(e, parts[parts.length - 1]);
    }
}
