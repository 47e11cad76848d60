package io.github.pgssl.internal.tls;

import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsMaterial;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds TLS material once per distinct policy ({@link SslPolicy#equals}) and shares it. A policy
 * seen before costs one hash lookup. A build that fails is not cached, so the next call retries.
 * Not API.
 */
public final class MaterialCache {
    private static final ConcurrentHashMap<SslPolicy, PolicyMaterial> CACHE = new ConcurrentHashMap<>();

    private MaterialCache() {
    }

    public static TlsMaterial get(SslPolicy policy) {
        PolicyMaterial m = CACHE.get(Objects.requireNonNull(policy, "policy"));
        if (m != null) {
            return m;
        }
        if (!(policy instanceof SslPolicy.Tls tls)) {
            throw new SslConfigurationException("sslmode", "sslmode=disable uses no TLS, so it has no TLS material; "
                    + "check policy.tls() before asking for material, or use a TLS sslmode");
        }
        return CACHE.computeIfAbsent(tls, p -> PolicyMaterial.build((SslPolicy.Tls) p));
    }

    /** Forgets every cached material (tests; connections already open keep theirs). */
    public static void clear() {
        CACHE.clear();
    }
}
