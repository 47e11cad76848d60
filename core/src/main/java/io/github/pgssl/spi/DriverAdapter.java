package io.github.pgssl.spi;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.SslPolicy;

import java.util.Set;

/**
 * Turns a policy into one driver's native configuration. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.github.pgssl.spi.DriverAdapter}).
 *
 * <p>Selection is deterministic: among available adapters that produce the requested type, the
 * highest {@link #priority()} wins, ties broken by class name.
 */
public interface DriverAdapter {

    /** {@return a short name, e.g. {@code jdbc}, {@code r2dbc}, {@code vertx}} */
    String name();

    /** {@return the Maven coordinate that provides this adapter, e.g. {@code io.github.pgssl:pgssl-jdbc}} */
    String artifact();

    /** {@return the fully qualified names of the native types {@link #configure} can produce} */
    Set<String> nativeTypeNames();

    /** {@return whether the driver this adapter needs is on the class path} Must not throw. */
    boolean isAvailable();

    /** {@return the priority} Higher wins; default 0. */
    default int priority() {
        return 0;
    }

    /**
     * Builds a fresh native object of {@code type} for these settings (already merged with the
     * environment) and this policy.
     *
     * @param settings settings merged with the environment
     * @param policy the TLS policy to apply
     * @param type one of the {@link #nativeTypeNames() native types}
     * @param <T> the native type
     * @return a new object of that type
     * @throws io.github.pgssl.PgSslException when the driver cannot express the policy
     */
    <T> T configure(ConnectionSettings settings, SslPolicy policy, Class<T> type);
}
