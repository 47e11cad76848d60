package io.github.pgssl.testkit.conformance;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The oracle: runs every conformance case through psql, so the suite's expectations stay libpq's.
 * Skipped when psql is not on PATH; cases needing a newer libpq than psql's are skipped with the reason.
 */
class PsqlConformanceIT extends ConformanceSuite {
    private PsqlClient psql;

    @BeforeAll
    void findPsql() {
        psql = PsqlClient.find().orElse(null);
        Assumptions.assumeTrue(psql != null, "psql is not on PATH");
    }

    @Override
    protected ConformanceClient client() {
        return psql;
    }

    @Override
    protected boolean includeExtendedCases() {
        return true;
    }

    @Override
    protected boolean supports(Requirement requirement) {
        return psql.supports(requirement);
    }
}
