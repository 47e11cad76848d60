package io.github.pgssl.internal.tls;

import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsMaterial;

/** Builds TLS material once per distinct policy. Not API. */
public final class MaterialCache {
    private MaterialCache() {
    }

    public static TlsMaterial get(SslPolicy policy) {
        throw new UnsupportedOperationException("material not implemented yet");
    }
}
