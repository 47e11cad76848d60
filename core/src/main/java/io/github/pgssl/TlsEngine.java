package io.github.pgssl;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The TLS implementation that runs the handshake. pgssl's rules (chain, CRLs, pins, libpq's
 * hostname rules, SNI, protocol versions, client keys, rotation) are the same with every engine:
 * each engine calls back into pgssl's trust and key managers; only the cryptography and the
 * protocol state machine change.
 *
 * <p>Chosen with {@link TlsOptions#withEngine}, the connection-string option
 * {@code pgssl.tls_engine} or the environment variable {@code PGSSL_TLS_ENGINE} (an explicit value
 * wins over the environment). The native engines are optional dependencies, never pulled in by
 * pgssl: a missing one fails with {@link TlsEngineUnavailableException} naming the artifact.
 *
 * <p><b>Security:</b> a native engine that cannot do a handshake as pgssl requires (for example
 * Conscrypt with {@code sslsni=0}, which it cannot honour) is refused with an exception, never
 * run with a weaker rule.
 */
public enum TlsEngine {
    /** The JDK's own TLS (JSSE): the default, no extra dependency. */
    JDK("jdk", null, null),
    /**
     * Conscrypt (BoringSSL) as a JSSE provider, for pgjdbc (and r2dbc-postgresql through Netty);
     * needs {@code org.conscrypt:conscrypt-openjdk-uber:2.5.2}.
     */
    CONSCRYPT("conscrypt", "org.conscrypt:conscrypt-openjdk-uber:2.5.2", "org.conscrypt.Conscrypt"),
    /**
     * Netty's OpenSSL engine (netty-tcnative, BoringSSL), for r2dbc-postgresql and Vert.x; needs
     * {@code io.netty:netty-tcnative-boringssl-static:2.0.84.Final} with the platform's classifier
     * (for example {@code linux-x86_64}).
     */
    OPENSSL("openssl", "io.netty:netty-tcnative-boringssl-static:2.0.84.Final (classifier linux-x86_64)",
            "io.netty.handler.ssl.OpenSsl"),
    /** The fastest engine on the class path that the driver can use; {@link #JDK} when there is none. */
    AUTO("auto", null, null);

    private final String wireValue;
    private final String artifact;
    private final String probeClass;
    private volatile Boolean available;

    TlsEngine(String wireValue, String artifact, String probeClass) {
        this.wireValue = wireValue;
        this.artifact = artifact;
        this.probeClass = probeClass;
    }

    /** {@return the value written in {@code pgssl.tls_engine} / {@code PGSSL_TLS_ENGINE}} */
    public String wireValue() {
        return wireValue;
    }

    /** {@return the Maven artifact that provides a native engine; empty for {@link #JDK} and {@link #AUTO}} */
    public Optional<String> artifact() {
        return Optional.ofNullable(artifact);
    }

    /**
     * Parses a wire value (case-insensitive).
     *
     * @param setting where the value came from ({@code pgssl.tls_engine} or {@code PGSSL_TLS_ENGINE}), for the message
     * @param value the value as written: {@code jdk}, {@code conscrypt}, {@code openssl} or {@code auto}
     * @return the engine it names
     * @throws SslConfigurationException naming the setting and the valid values
     */
    public static TlsEngine fromWireValue(String setting, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (TlsEngine e : values()) {
            if (e.wireValue.equals(v)) {
                return e;
            }
        }
        throw new SslConfigurationException(setting, setting + ": invalid TLS engine \"" + value
                + "\"; use jdk, conscrypt, openssl or auto");
    }

    /**
     * Whether the engine can run in this process: its classes are on the class path and its native
     * library loads. Always true for {@link #JDK} and {@link #AUTO}. Probed once.
     *
     * @return whether the engine can be used here
     */
    public boolean isAvailable() {
        return problem() == null;
    }

    /** Null when available, else why not (for the exception message). */
    private String problem() {
        if (probeClass == null) {
            return null;
        }
        Boolean a = available;
        if (a == null) {
            a = probe();
            available = a;
        }
        if (a) {
            return null;
        }
        return classPresent() ? "is on the class path but its native library does not load on this platform ("
                + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + ")"
                : "is not on the class path";
    }

    private boolean classPresent() {
        try {
            Class.forName(probeClass, false, TlsEngine.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private boolean probe() {
        try {
            Class<?> c = Class.forName(probeClass, true, TlsEngine.class.getClassLoader());
            return (Boolean) c.getMethod("isAvailable").invoke(null);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    /**
     * The concrete engine a driver runs for a policy with {@code options}: {@link #AUTO} becomes the
     * first of {@code nativeEngines} (the driver's preference, fastest first) that is available and
     * can honour the options, else {@link #JDK}; any other engine must be {@link #JDK} or among
     * {@code nativeEngines}, available, and able to honour the options.
     *
     * @param driver the driver's name, for the message (for example {@code pgjdbc})
     * @param nativeEngines the native engines the driver's adapter can use, fastest first
     * @param options the policy's TLS options
     * @return {@link #JDK} or a native engine that is available and honours {@code options}; never {@link #AUTO}
     * @throws TlsEngineUnavailableException when the engine is missing, the driver cannot use it, or
     *         it cannot honour a setting (the message names the setting)
     */
    public TlsEngine forDriver(String driver, List<TlsEngine> nativeEngines, TlsOptions options) {
        if (this == JDK) {
            return JDK;
        }
        if (this == AUTO) {
            for (TlsEngine e : nativeEngines) {
                if (e.cannotHonour(options) == null && e.isAvailable()) {
                    return e;
                }
            }
            return JDK;
        }
        if (!nativeEngines.contains(this)) {
            StringBuilder usable = new StringBuilder();
            for (TlsEngine e : nativeEngines) {
                usable.append(e.wireValue).append(", ");
            }
            throw new TlsEngineUnavailableException(this, "pgssl.tls_engine: " + driver + " cannot use the " + wireValue
                    + " engine; use " + usable + "auto or jdk");
        }
        requireAvailable();
        String refusal = cannotHonour(options);
        if (refusal != null) {
            throw new TlsEngineUnavailableException(this, refusal);
        }
        return this;
    }

    /**
     * Why this engine cannot run a handshake as {@code options} require, or null. Both native
     * engines send the host name as SNI whenever it looks like a DNS name, with no per-connection
     * switch (Conscrypt's {@code Java8PlatformUtil.setSSLParameters} and Netty's
     * {@code ReferenceCountedOpenSslEngine} only ever add a name), so {@code sslsni=0} is refused;
     * neither reports the ALPN protocol to the trust manager during the handshake, where pgssl checks
     * libpq's {@code postgresql} ALPN rule, so {@code sslnegotiation=direct} is refused too. Refused,
     * never run with the rule skipped.
     */
    String cannotHonour(TlsOptions options) {
        if (this == JDK || this == AUTO) {
            return null;
        }
        if (!options.sni()) {
            return "sslsni: sslsni=0 cannot be honoured by the " + wireValue + " engine, which always sends a DNS host name as SNI; "
                    + "use pgssl.tls_engine=jdk (or auto) with sslsni=0, or remove sslsni=0";
        }
        if (options.negotiation() == SslNegotiation.DIRECT) {
            return "sslnegotiation: sslnegotiation=direct cannot be checked with the " + wireValue + " engine, which does not report "
                    + "the negotiated ALPN protocol during the handshake; use pgssl.tls_engine=jdk (or auto) with sslnegotiation=direct, "
                    + "or use sslnegotiation=postgres";
        }
        return null;
    }

    /**
     * Fails unless {@link #isAvailable()}.
     *
     * @throws TlsEngineUnavailableException naming the artifact to add
     */
    public void requireAvailable() {
        String p = problem();
        if (p != null) {
            throw new TlsEngineUnavailableException(this, "pgssl.tls_engine: the " + wireValue + " engine " + p
                    + "; add " + artifact + ", or set pgssl.tls_engine=jdk");
        }
    }
}
