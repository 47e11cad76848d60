package io.github.pgssl.internal.spi;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.SslPolicy;

/** ServiceLoader discovery of driver adapters. Not API. */
public final class Adapters {
    private Adapters() {
    }

    public static <T> T configure(ConnectionSettings settings, SslPolicy policy, Class<T> type) {
        throw new UnsupportedOperationException("adapter discovery not implemented yet");
    }
}
