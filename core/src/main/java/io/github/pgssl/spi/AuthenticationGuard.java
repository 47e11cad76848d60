package io.github.pgssl.spi;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.internal.auth.AuthWatcher;
import io.github.pgssl.internal.auth.GuardedEngine;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import javax.net.ssl.SSLEngine;

/**
 * libpq's checks of the server's authentication request ({@code check_expected_areq} in
 * fe-auth.c), for drivers that cannot make them: {@code require_auth}, {@code channel_binding=require}
 * and {@code sslcertmode=require}. pgssl makes them itself on the TLS engines it hands to the
 * driver: {@link #guard(SSLEngine)} wraps an engine so that the decrypted startup messages are
 * read before the driver sees them. When the server's request breaks a requirement, the driver
 * receives, in its place, an {@code ErrorResponse} with libpq's message (SQLSTATE {@value #SQLSTATE}),
 * so it never answers the request: no password or proof leaves the client, as in libpq.
 *
 * <p>The rules, in libpq's order:
 * <ul>
 *   <li>{@code sslcertmode=require}: at {@code AuthenticationOk}, {@code server did not request an SSL
 *       certificate} when the server never asked (the key manager reports the request through
 *       {@link #certificateRequested(SSLEngine)}), else {@code server accepted connection without a
 *       valid SSL certificate} when none was sent.</li>
 *   <li>{@code require_auth}: {@code authentication method requirement "x" failed: <reason>}.</li>
 *   <li>{@code channel_binding=require}: only SASL requests are answered, and
 *       {@code AuthenticationOk} without a bound SCRAM exchange fails. Whether the SCRAM exchange
 *       itself was bound is the driver's to check; pgssl only lets SASL through when the driver can
 *       bind ({@link #of}'s {@code driverBindsChannel}).</li>
 * </ul>
 *
 * <p>Plaintext connections carry no engine: {@link #plaintextRefusal()} says why such an attempt
 * must not be made.
 */
public final class AuthenticationGuard {
    /** The SQLSTATE of the {@code ErrorResponse} pgssl puts in place of a refused request (08004, connection rejected). */
    public static final String SQLSTATE = "08004";

    private static final Map<SSLEngine, Boolean> CERTIFICATE_REQUESTS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final AuthenticationGuard NONE = new AuthenticationGuard(null, false, false, false, 0, false);

    /** Bits for the authentication request codes of the protocol (AUTH_REQ_*). */
    static final int PASSWORD = 3;
    static final int MD5 = 5;
    static final int GSS = 7;
    static final int SSPI = 9;
    static final int SASL = 10;
    /** The requests libpq's require_auth check knows (password, md5, GSS, GSS continue, SSPI, SASL and its steps). */
    private static final Set<Integer> KNOWN_REQUESTS = Set.of(PASSWORD, MD5, GSS, 8, SSPI, SASL, 11, 12);

    private final String requireAuth;
    private final boolean authRequired;
    private final boolean channelBindingRequired;
    private final boolean certificateRequired;
    private final int allowedMethods;
    private final boolean driverBindsChannel;

    private AuthenticationGuard(String requireAuth, boolean authRequired, boolean channelBindingRequired,
                                boolean certificateRequired, int allowedMethods, boolean driverBindsChannel) {
        this.requireAuth = requireAuth;
        this.authRequired = authRequired;
        this.channelBindingRequired = channelBindingRequired;
        this.certificateRequired = certificateRequired;
        this.allowedMethods = allowedMethods;
        this.driverBindsChannel = driverBindsChannel;
    }

    /** {@return a guard that checks nothing; its {@link #guard} returns the engine unchanged} */
    public static AuthenticationGuard none() {
        return NONE;
    }

    /**
     * The checks the settings ask for, validated with libpq's messages.
     *
     * @param settings the merged connection settings ({@code require_auth}, {@code channel_binding})
     * @param policy the TLS policy; {@code sslcertmode=require} in its options adds the certificate check
     * @param driverBindsChannel whether the driver itself performs (and insists on) SCRAM channel binding
     *        when told {@code channel_binding=require}
     * @return the guard; {@link #none()} when the settings ask for no check
     * @throws SslConfigurationException for an invalid {@code require_auth} or {@code channel_binding} value
     */
    public static AuthenticationGuard of(ConnectionSettings settings, SslPolicy policy, boolean driverBindsChannel) {
        String binding = settings.get("channel_binding").orElse("prefer");
        validateChannelBinding(binding);
        TlsOptions tls = policy.tls().orElse(null);
        boolean certificate = tls != null && tls.clientCertificateRequired();
        String raw = settings.get("require_auth").orElse(null);
        if (raw == null || raw.isEmpty()) {
            if (!binding.equals("require") && !certificate) {
                return NONE;
            }
            return new AuthenticationGuard(null, false, binding.equals("require"), certificate, -1, driverBindsChannel);
        }
        // fe-connect.c, pqConnectOptions2: a comma-separated list, all positive or all negated ('!').
        boolean negated = false;
        boolean authRequired = true;
        int allowed = 0;
        Set<String> seen = new LinkedHashSet<>();
        boolean first = true;
        for (String part : raw.split(",", -1)) {
            String method = part;
            if (method.startsWith("!")) {
                if (first) {
                    negated = true;
                    authRequired = false;
                    allowed = -1;
                } else if (!negated) {
                    throw invalid("negative require_auth method \"" + part + "\" cannot be mixed with non-negative methods");
                }
                method = method.substring(1);
            } else if (negated) {
                throw invalid("require_auth method \"" + part + "\" cannot be mixed with negative methods");
            }
            first = false;
            int bits;
            switch (method) {
                case "password" -> bits = 1 << PASSWORD;
                case "md5" -> bits = 1 << MD5;
                case "gss" -> bits = (1 << GSS) | (1 << 8);
                case "sspi" -> bits = 1 << SSPI;
                case "scram-sha-256" -> bits = (1 << SASL) | (1 << 11) | (1 << 12);
                case "none" -> bits = 0;
                default -> throw invalid("invalid require_auth value: \"" + method + "\"");
            }
            if (!seen.add(part)) {
                throw invalid("require_auth method \"" + part + "\" is specified more than once");
            }
            if (method.equals("none")) {
                // libpq: "none" lets (or, negated, forbids) a server that asks for no authentication.
                authRequired = negated;
                continue;
            }
            allowed = negated ? allowed & ~bits : allowed | bits;
        }
        return new AuthenticationGuard(raw, authRequired, binding.equals("require"), certificate, allowed, driverBindsChannel);
    }

    /**
     * libpq's check of a {@code channel_binding} value.
     *
     * @param value the value as written: {@code disable}, {@code prefer} or {@code require}
     * @throws SslConfigurationException {@code invalid channel_binding value: "x"}
     */
    public static void validateChannelBinding(String value) {
        if (!value.equals("disable") && !value.equals("prefer") && !value.equals("require")) {
            throw new SslConfigurationException("channel_binding", "invalid channel_binding value: \"" + value
                    + "\"; use disable, prefer or require");
        }
    }

    private static SslConfigurationException invalid(String message) {
        return new SslConfigurationException("require_auth", message);
    }

    /** {@return whether any check is asked for; when not, {@link #guard} returns the engine unchanged} */
    public boolean active() {
        return this != NONE;
    }

    /** {@return whether {@code require_auth} is set} */
    public boolean checksRequireAuth() {
        return requireAuth != null;
    }

    /** {@return whether {@code channel_binding=require}} */
    public boolean requiresChannelBinding() {
        return channelBindingRequired;
    }

    /**
     * Why a plaintext attempt must not be made under these checks, or empty. libpq's own outcome
     * on plaintext is a failure for {@code channel_binding=require} (nothing to bind to) and for
     * {@code sslcertmode=require} (no certificate can be requested); {@code require_auth} could be
     * met there but pgssl cannot see a plaintext exchange, so it refuses rather than ignore it.
     *
     * @return the message naming the setting that forbids a plaintext attempt, or empty when none does
     */
    public Optional<String> plaintextRefusal() {
        if (certificateRequired) {
            return Optional.of("server did not request an SSL certificate (sslcertmode=require; this attempt is not encrypted)");
        }
        if (channelBindingRequired) {
            return Optional.of("channel binding required, but SSL is not in use on this attempt (channel_binding=require)");
        }
        if (requireAuth != null) {
            return Optional.of("require_auth is checked by pgssl on TLS connections only, and this attempt is not encrypted;"
                    + " use sslmode=require or stronger, or remove require_auth");
        }
        return Optional.empty();
    }

    /**
     * {@code engine} with these checks on its decrypted startup messages ({@code engine} itself when none apply).
     *
     * @param engine the TLS engine about to be handed to the driver
     * @return the engine to hand to the driver instead
     */
    public SSLEngine guard(SSLEngine engine) {
        return active() ? new GuardedEngine(engine, new AuthWatcher(this, engine)) : engine;
    }

    /**
     * For key managers: records that the server asked {@code engine} for a client certificate
     * (libpq's {@code ssl_cert_requested}).
     *
     * @param engine the engine whose handshake saw a certificate request; {@code null} is ignored
     */
    public static void certificateRequested(SSLEngine engine) {
        if (engine != null) {
            CERTIFICATE_REQUESTS.put(engine, Boolean.TRUE);
        }
    }

    /**
     * The verdict on one authentication request code of the server (0 = AuthenticationOk), or
     * {@code null} to let it through. Not API: the engine wrapper calls it.
     *
     * @param code the request code of the server's {@code Authentication} message (3 password, 5 MD5,
     *        10 SASL, ...)
     * @param saslMechanisms the mechanisms of an {@code AuthenticationSASL} request (code 10), else empty
     * @param finished whether the client completed an exchange before (a password was requested, or SASL final)
     * @param engine the delegate engine (for the certificate request and the sent certificate)
     * @return libpq's reason for refusing the request, or {@code null} to let it through
     */
    public String check(int code, Set<String> saslMechanisms, boolean finished, SSLEngine engine) {
        if (code == 0 && certificateRequired) {
            if (!CERTIFICATE_REQUESTS.containsKey(engine)) {
                return "server did not request an SSL certificate";
            }
            var local = engine.getSession() == null ? null : engine.getSession().getLocalCertificates();
            if (local == null || local.length == 0) {
                return "server accepted connection without a valid SSL certificate";
            }
        }
        if (requireAuth != null) {
            String reason = null;
            if (code == 0) {
                if (authRequired && !finished) {
                    reason = "server did not complete authentication";
                }
            } else if (!KNOWN_REQUESTS.contains(code) || (allowedMethods & (1 << code)) == 0) {
                // libpq's default case: a request it does not know is refused whatever the list says.
                reason = describe(code);
            }
            if (reason != null) {
                return "authentication method requirement \"" + requireAuth + "\" failed: " + reason;
            }
        }
        if (channelBindingRequired) {
            switch (code) {
                case SASL -> {
                    if (!saslMechanisms.contains("SCRAM-SHA-256-PLUS")) {
                        return "channel binding is required, but server did not offer an authentication method that supports channel binding";
                    }
                    if (!driverBindsChannel) {
                        return "channel binding required, but the driver cannot bind the channel (channel_binding=require)";
                    }
                }
                case 11, 12 -> {
                }
                case 0 -> {
                    if (!finished) {
                        return "channel binding required, but server authenticated client without channel binding";
                    }
                }
                default -> {
                    return "channel binding required but not supported by server's authentication request";
                }
            }
        }
        return null;
    }

    private static String describe(int code) {
        return switch (code) {
            case PASSWORD -> "server requested a cleartext password";
            case MD5 -> "server requested a hashed password";
            case GSS, 8 -> "server requested GSSAPI authentication";
            case SSPI -> "server requested SSPI authentication";
            case SASL, 11, 12 -> "server requested SASL authentication";
            default -> "server requested an unknown authentication type";
        };
    }

    /** The settings, never a secret. */
    @Override
    public String toString() {
        return "AuthenticationGuard[require_auth=" + requireAuth + ", channel_binding=" + (channelBindingRequired ? "require" : "not required")
                + ", sslcertmode=" + (certificateRequired ? "require" : "not required") + "]";
    }
}
