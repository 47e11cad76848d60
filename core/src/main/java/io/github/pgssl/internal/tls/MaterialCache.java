package io.github.pgssl.internal.tls;

import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsMaterial;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds TLS material once per distinct policy ({@link SslPolicy#equals}) and shares it. A policy
 * seen before costs one hash lookup. A build that fails is not cached, so the next call retries.
 *
 * <p>Memory is bounded: the cache holds a material weakly, so it is released once nothing uses it
 * (no connection, pool, DataSource or ConnectionFactory holds it), and keeps strong references only
 * to the {@value #DEFAULT_RECENT} most recently used materials (system property
 * {@code pgssl.materialCache.recent}), so that a driver that asks per connection does not rebuild
 * (and re-read files) after every garbage collection. With 10,000 tenants that each have their
 * own CA file, the materials of tenants no longer in use are collected; a tenant that comes back
 * after its material was collected has it rebuilt once. "Recently used" is approximated with the
 * CLOCK (second chance) algorithm, so that a hit takes no lock. Not API.
 */
public final class MaterialCache {
    /** How many recently used materials are kept even when nothing else holds them. */
    public static final int DEFAULT_RECENT = 256;
    private static final int RECENT = Math.max(0, Integer.getInteger("pgssl.materialCache.recent", DEFAULT_RECENT));

    private static final ConcurrentHashMap<SslPolicy, Ref> CACHE = new ConcurrentHashMap<>();
    private static final ReferenceQueue<PolicyMaterial> COLLECTED = new ReferenceQueue<>();
    /**
     * The strong references to recently used materials: a CLOCK ring (second chance), so that a hit
     * costs two volatile reads and no lock; only a material entering the ring takes the lock.
     * Guarded by itself.
     */
    private static final Ref[] RING = new Ref[Math.max(1, RECENT)];
    private static final PolicyMaterial[] PINNED = new PolicyMaterial[Math.max(1, RECENT)];
    private static int hand;

    /** A weak reference to a material that knows its key, so the entry can go when it is collected. */
    private static final class Ref extends WeakReference<PolicyMaterial> {
        final SslPolicy key;
        /** In the ring (strongly held there). */
        volatile boolean pinned;
        /** Used since the clock hand last passed. */
        volatile boolean used;

        Ref(SslPolicy key, PolicyMaterial m) {
            super(m, COLLECTED);
            this.key = key;
        }
    }

    private MaterialCache() {
    }

    public static TlsMaterial get(SslPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        expunge();
        Ref r = CACHE.get(policy);
        PolicyMaterial m = r == null ? null : r.get();
        if (m != null) {
            touch(r, m);
            return m;
        }
        if (!(policy instanceof SslPolicy.Tls tls)) {
            throw new SslConfigurationException("sslmode", "sslmode=disable uses no TLS, so it has no TLS material; "
                    + "check policy.tls() before asking for material, or use a TLS sslmode");
        }
        PolicyMaterial[] built = new PolicyMaterial[1];
        Ref now = CACHE.compute(tls, (k, old) -> {
            PolicyMaterial alive = old == null ? null : old.get();
            if (alive != null) {
                built[0] = alive;
                return old;
            }
            built[0] = PolicyMaterial.build((SslPolicy.Tls) k);
            return new Ref(k, built[0]);
        });
        touch(now, built[0]);
        return built[0];
    }

    private static void touch(Ref r, PolicyMaterial m) {
        if (RECENT == 0) {
            return;
        }
        if (r.pinned) {
            if (!r.used) {
                r.used = true;
            }
            return;
        }
        synchronized (RING) {
            if (r.pinned) {
                return;
            }
            for (;;) {
                Ref occupant = RING[hand];
                if (occupant == null || !occupant.used) {
                    if (occupant != null) {
                        occupant.pinned = false;
                    }
                    RING[hand] = r;
                    PINNED[hand] = m;
                    r.used = true;
                    r.pinned = true;
                    hand = (hand + 1) % RING.length;
                    return;
                }
                occupant.used = false;
                hand = (hand + 1) % RING.length;
            }
        }
    }

    /** Drops the entries whose material was collected. */
    private static void expunge() {
        for (java.lang.ref.Reference<? extends PolicyMaterial> r; (r = COLLECTED.poll()) != null; ) {
            Ref ref = (Ref) r;
            CACHE.remove(ref.key, ref);
        }
    }

    /** The number of policies with live material (for tests and diagnostics). */
    public static int size() {
        expunge();
        return CACHE.size();
    }

    /** Forgets every cached material (tests; connections already open keep theirs). */
    public static void clear() {
        synchronized (RING) {
            for (int i = 0; i < RING.length; i++) {
                if (RING[i] != null) {
                    RING[i].pinned = false;
                }
                RING[i] = null;
                PINNED[i] = null;
            }
            hand = 0;
        }
        CACHE.clear();
    }
}
