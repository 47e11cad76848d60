package io.github.pgssl.doctor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --explain} prints the provider's advice when the resolved policy does not authenticate the server. */
class ProviderAdviceTest {
    /** The seed's URL shape: DigitalOcean's console string (SQLAlchemy's driver prefix, sslmode=require). */
    static final String DIGITALOCEAN = "postgresql+asyncpg://doadmin:AVNS_sentinel@db-postgresql-nyc1-12345-do-user-678-0.b"
            + ".db.ondigitalocean.com:25060/defaultdb?sslmode=require";

    @TempDir
    Path dir;

    @Test
    void explainWhenDigitalOceanRequireThenNamesCaCertificateFix() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        DoctorRun r = DoctorRun.run(Map.of(), home, "--explain", DIGITALOCEAN);
        assertTrue(r.all().contains("provider advice (the server is not authenticated): DigitalOcean: download"
                + " ca-certificate.crt from the database's Connection Details in the control panel and use sslmode=verify-full"
                + " sslrootcert=<path to ca-certificate.crt>; on App Platform ${db.CA_CERT} holds the certificate as PEM text"), r.all());
        assertFalse(r.all().contains("AVNS_sentinel"), r.all());
    }

    @Test
    void explainJsonWhenDigitalOceanRequireThenProviderAdvice() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        DoctorRun r = DoctorRun.run(Map.of(), home, "--explain", "--json", DIGITALOCEAN);
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) r.json().get("policy");
        assertTrue(((String) p.get("provider_advice")).startsWith("DigitalOcean: download ca-certificate.crt"), r.all());
    }

    @Test
    void explainWhenCloudSqlNameRequireThenServerCaPemAndVerifyCa() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        DoctorRun r = DoctorRun.run(Map.of(), home, "--explain", "--json",
                "postgresql://app@1a2b3c.europe-west1.sql.goog/app?sslmode=require");
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) r.json().get("policy");
        String advice = (String) p.get("provider_advice");
        assertTrue(advice.startsWith("Google Cloud SQL: download server-ca.pem"), advice);
        assertTrue(advice.contains("sslmode=verify-ca"), advice);
    }

    @Test
    void explainWhenRequireAuthThenDifferencesFromLibpqReported() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        DoctorRun r = DoctorRun.run(Map.of(), home, "--explain", "--json",
                "postgresql://app@db.example.com/app?sslmode=require&require_auth=scram-sha-256");
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) r.json().get("policy");
        assertEquals(java.util.List.of("r2dbc, Vert.x: require_auth, channel_binding=require and sslcertmode=require are checked by"
                        + " pgssl on the TLS engine it gives the driver, with libpq's messages; a plaintext attempt under them is"
                        + " refused (libpq could connect there with require_auth); Vert.x's own connector (PgBuilder) refuses"
                        + " them: use PgSslVertx.pool or connect",
                "pgjdbc: require_auth is refused (pgjdbc exposes no hook to read the server's request)"),
                p.get("differences_from_libpq"));
        DoctorRun text = DoctorRun.run(Map.of(), home, "--explain",
                "postgresql://app@db.example.com/app?sslmode=require&require_auth=scram-sha-256");
        assertTrue(text.all().contains("  difference from libpq: pgjdbc: require_auth is refused"), text.all());
    }

    @Test
    void explainWhenVerifyFullThenNoProviderAdvice() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        DoctorRun r = DoctorRun.run(Map.of(), home, "--explain", "--json",
                "postgresql://doadmin@db-x-do-user-1-0.b.db.ondigitalocean.com:25060/defaultdb?sslmode=verify-full&sslrootcert=system");
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) r.json().get("policy");
        assertNull(p.get("provider_advice"));
        assertEquals(true, p.get("server_authenticated"));
    }
}
