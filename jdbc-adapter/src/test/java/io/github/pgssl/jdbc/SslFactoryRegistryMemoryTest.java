package io.github.pgssl.jdbc;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsMaterial;
import io.github.pgssl.internal.tls.MaterialCache;
import io.github.pgssl.testkit.pki.TestCertificate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 tenant configurations (own CA file each) through the JDBC native form: once their
 * Properties are dropped and the material cache is cleared, the registry lets go of every material
 * (it held about 62 MB after {@code clear()}). A configuration still held keeps working after GC.
 */
class SslFactoryRegistryMemoryTest {
    static final int TENANTS = 10_000;

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        MaterialCache.clear();
    }

    static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    static String tenant(Path ca) {
        return "host=db user=app sslmode=verify-ca sslrootcert=" + ca;
    }

    @Test
    void registryWhenTenThousandConfigurationsDroppedThenMaterialsReleased() throws Exception {
        String pem = TestCertificate.builder().commonName("tenant CA").certificateAuthority(0).build().certificatePem();
        Path[] files = new Path[TENANTS];
        for (int i = 0; i < TENANTS; i++) {
            files[i] = Files.writeString(dir.resolve("ca-" + i + ".pem"), pem);
        }
        MaterialCache.clear();
        usedAfterGc();
        int countBefore = SslFactoryRegistry.materialCount();
        long before = usedAfterGc();
        for (int i = 0; i < TENANTS; i++) {
            Properties p = PgSslJdbc.configuration(tenant(files[i]), PgEnvironment.empty()).properties();
            assertTrue(SslFactoryRegistry.lookup(p.getProperty("sslfactoryarg")).material() != null);
        }
        MaterialCache.clear();
        usedAfterGc();
        SslFactoryRegistry.materialCount(); // any registry access drops the entries whose Properties are gone
        long after = usedAfterGc();
        int left = SslFactoryRegistry.materialCount() - countBefore;
        long retainedKb = (after - before) >> 10;
        System.out.println("SslFactoryRegistryMemoryTest: " + TENANTS + " tenants, retained " + retainedKb + " KB, "
                + left + " materials registered after clear() and GC");
        assertTrue(left <= 16, left + " materials still registered");
        assertTrue(retainedKb < 12 * 1024, "retained " + retainedKb + " KB");
    }

    @Test
    void registryWhenPropertiesStillHeldThenFactoryFindsMaterialAfterGc() throws Exception {
        Path ca = TestCertificate.builder().commonName("held CA").certificateAuthority(0).build()
                .writeCertificatePem(dir.resolve("held.pem"));
        SslPolicy policy = PgSsl.policy(PgSsl.parse(tenant(ca)), PgEnvironment.empty());
        TlsMaterial material = PgSsl.material(policy);
        Properties p = PgSslJdbc.configuration(tenant(ca), PgEnvironment.empty()).properties();
        String arg = p.getProperty("sslfactoryarg");
        material = null;
        policy = null;
        MaterialCache.clear();
        usedAfterGc();
        TlsMaterial found = new PgSslSocketFactory(p).material();
        assertTrue(found != null);
        assertSame(found, SslFactoryRegistry.lookup(arg).material());
        assertTrue(Map.of("k", p).size() == 1); // p stays reachable up to here
    }
}
