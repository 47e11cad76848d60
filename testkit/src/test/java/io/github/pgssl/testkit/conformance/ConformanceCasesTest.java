package io.github.pgssl.testkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConformanceCasesTest {

    @Test
    void allWhenListedThenIdsUniqueAndDecisionTableComplete() {
        List<ConformanceCase> all = new java.util.ArrayList<>(ConformanceCases.all());
        assertEquals(204, all.size());
        // PostgreSQL's 001_ssltests.pl client cases on its certificate shapes, sslcertmode and TLS ranges.
        assertEquals(57, all.stream().filter(c -> c.id().startsWith("SUITE-")).count());
        all.addAll(ConformanceCases.extended());
        Set<String> ids = new HashSet<>();
        for (ConformanceCase c : all) {
            assertTrue(ids.add(c.id()), "duplicate id " + c.id());
            assertTrue(c.id().matches("[A-Za-z0-9.+-]+"), "id not usable in documentedGaps(): " + c.id());
        }
        String[] rows = {"S0", "S1", "S2", "S3", "S3b", "S4", "S4b", "S4c", "S5", "S5b", "S6", "S6b", "S6d", "S7", "S8", "S8b"};
        for (String row : rows) {
            for (String mode : ConformanceCases.MODES) {
                assertTrue(ids.contains(row + "-" + mode), "missing " + row + "-" + mode);
            }
        }
        assertEquals(220, all.size());
    }

    @Test
    void allWhenDecisionTableThenMatchesSpecSection2Samples() {
        assertEquals("plaintext", find("S3-prefer").expectation().toString());
        assertEquals("failure containing \"certificate verify failed\"", find("S3-require").expectation().toString());
        assertEquals("TLS", find("S5-allow").expectation().toString());
        assertEquals(List.of("pg_hba.conf rejects connection for host \"127.0.0.1\", user \"ssltestuser\", database \"certdb\", no encryption",
                "connection requires a valid client certificate"), find("S6-allow").expectation().fragments());
        assertEquals("failure containing \"server certificate for \"common-name.pg-ssltest.test\" does not match host name "
                + "\"wronghost.test\"\"", find("S2-verify-full").expectation().toString());
        assertEquals(Set.of(Requirement.LIBPQ_17_SSLNEGOTIATION, Requirement.SERVER_17_DIRECT_SSL),
                find("DIRECT-require").requirements());
    }

    @Test
    void kvWhenBuiltThenUsesHostaddrAndPortPlaceholder() {
        assertEquals("host=h hostaddr=127.0.0.1 port={port} user=ssltestuser dbname=trustdb sslmode=require x=y",
                ConformanceCases.kv("h", "trustdb", "require", "x=y"));
    }

    private static ConformanceCase find(String id) {
        return ConformanceCases.all().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }
}
