package io.github.pgssl.tls;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsMaterial;
import io.github.pgssl.internal.tls.MaterialCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 10,000 tenants, each with its own CA file: once their policies and materials are dropped, the
 * cache keeps at most its documented number of recently used materials, and the retained heap stays
 * small (it was about 50 MB). A material still in use is never dropped.
 */
class MaterialCacheMemoryTest {
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

    static SslPolicy tenant(Path ca) {
        return PgSsl.policy(PgSsl.parse("host=db sslmode=verify-ca sslrootcert=" + ca), PgEnvironment.empty());
    }

    @Test
    void materialWhenTenThousandPoliciesDroppedThenRetainedHeapBounded() throws Exception {
        String pem = TestPki.ca("tenant CA").selfSigned().pem();
        Path[] files = new Path[TENANTS];
        for (int i = 0; i < TENANTS; i++) {
            files[i] = Files.writeString(dir.resolve("ca-" + i + ".pem"), pem);
        }
        MaterialCache.clear();
        long before = usedAfterGc();
        long peak = 0;
        for (int i = 0; i < TENANTS; i++) {
            TlsMaterial m = PgSsl.material(tenant(files[i]));
            assertTrue(m.sslContext() != null);
            if (i == TENANTS / 2) {
                peak = MaterialCache.size();
            }
        }
        long after = usedAfterGc();
        long retainedMb = (after - before) >> 20;
        int cached = MaterialCache.size();
        assertTrue(cached <= MaterialCache.DEFAULT_RECENT, "cache still holds " + cached + " materials (peak " + peak + ")");
        assertTrue(retainedMb < 12, "retained " + retainedMb + " MB after dropping " + TENANTS + " tenants");
        System.out.println("MaterialCacheMemoryTest: " + TENANTS + " tenants, retained " + ((after - before) >> 10)
                + " KB, " + cached + " materials cached after GC");
    }

    @Test
    void materialWhenStillHeldThenSurvivesGcAndIsShared() throws Exception {
        Path ca = TestPki.ca("held CA").selfSigned().writePem(dir.resolve("held.pem"));
        TlsMaterial held = PgSsl.material(tenant(ca));
        String pem = TestPki.ca("other CA").selfSigned().pem();
        for (int i = 0; i < MaterialCache.DEFAULT_RECENT * 2; i++) {
            PgSsl.material(tenant(Files.writeString(dir.resolve("other-" + i + ".pem"), pem)));
        }
        usedAfterGc();
        assertSame(held, PgSsl.material(tenant(ca)), "a material in use is shared, never rebuilt");
    }
}
