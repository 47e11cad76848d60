package io.github.pgssl;

import java.util.Optional;

/**
 * The TLS engine chosen with {@code pgssl.tls_engine} (or {@code PGSSL_TLS_ENGINE}) cannot run:
 * its artifact is not on the class path, its native library does not load, or the driver cannot
 * use it. The message names the artifact to add or the engines that work.
 */
public class TlsEngineUnavailableException extends SslConfigurationException {
    private static final long serialVersionUID = 1L;

    /** The engine requested. */
    private final TlsEngine engine;

    /**
     * Creates the exception.
     *
     * @param engine the engine requested
     * @param message the message: the setting, the fact and the fix
     */
    public TlsEngineUnavailableException(TlsEngine engine, String message) {
        super("pgssl.tls_engine", message);
        this.engine = engine;
    }

    /** {@return the engine requested} */
    public TlsEngine engine() {
        return engine;
    }

    /** {@return the Maven artifact that provides it, when it is a native engine} */
    public Optional<String> artifact() {
        return engine.artifact();
    }
}
