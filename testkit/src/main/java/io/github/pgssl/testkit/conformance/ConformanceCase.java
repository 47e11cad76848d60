package io.github.pgssl.testkit.conformance;

import java.util.Objects;
import java.util.Set;

/**
 * One row of the conformance matrix: a connection string against one of the suite's servers, in a
 * fresh HOME, and libpq's outcome for it.
 *
 * <p>The connection string and expectation are templates: {@code {port}} is the port of the case's
 * server, {@code {socket}} its Unix socket directory, and {@code {file:NAME}} a file of the suite's
 * PKI directory (see {@link ConformanceFixture}).
 */
public final class ConformanceCase {
    private final String id;
    private final String description;
    private final ConformanceFixture.Server server;
    private final String connectionTemplate;
    private final Expectation expectation;
    private final Set<Requirement> requirements;
    private final String homeRootCertificate;

    ConformanceCase(String id, String description, ConformanceFixture.Server server, String connectionTemplate,
            Expectation expectation, Set<Requirement> requirements, String homeRootCertificate) {
        this.id = Objects.requireNonNull(id);
        this.description = Objects.requireNonNull(description);
        this.server = Objects.requireNonNull(server);
        this.connectionTemplate = Objects.requireNonNull(connectionTemplate);
        this.expectation = Objects.requireNonNull(expectation);
        this.requirements = Set.copyOf(requirements);
        this.homeRootCertificate = homeRootCertificate;
    }

    /** {@return a stable id, e.g. {@code S3-prefer}: what {@link ConformanceSuite#documentedGaps()} lists} */
    public String id() {
        return id;
    }

    /** {@return what the case sets up, in words} */
    public String description() {
        return description;
    }

    /** {@return libpq's outcome (fragments may hold {@code {file:...}} placeholders)} */
    public Expectation expectation() {
        return expectation;
    }

    /** {@return what the client and server need for this case} */
    public Set<Requirement> requirements() {
        return requirements;
    }

    /** {@return the server the case connects to} */
    public ConformanceFixture.Server server() {
        return server;
    }

    /** {@return the connection string template} */
    public String connectionTemplate() {
        return connectionTemplate;
    }

    /** {@return the suite file copied to {@code ~/.postgresql/root.crt} in the case's HOME, or {@code null}} */
    public String homeRootCertificate() {
        return homeRootCertificate;
    }

    /** {@return the test name: id, setup and expected outcome} */
    public String displayName() {
        return id + ": " + description + " -> " + expectation;
    }

    @Override
    public String toString() {
        return displayName();
    }
}
