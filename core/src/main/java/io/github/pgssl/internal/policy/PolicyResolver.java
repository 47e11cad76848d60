package io.github.pgssl.internal.policy;

import io.github.pgssl.ClientIdentity;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslMode;
import io.github.pgssl.SslNegotiation;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.SslPolicy.Fallback;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TrustSource;
import io.github.pgssl.internal.spi.Strategies;
import io.github.pgssl.internal.parse.HostList;
import io.github.pgssl.internal.parse.SettingPaths;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one place that holds libpq's sslmode rules (spec libpq.md §0-§2; fe-connect.c
 * {@code pqConnectOptions2}, fe-secure-openssl.c {@code initialize_SSL}). Not API.
 *
 * <p>Settings arrive merged with the environment; {@link ConnectionSettings#origin} tells whether
 * sslmode was given ({@code EXPLICIT}, {@code SERVICE}, {@code ENVIRONMENT}) or defaulted.
 * When {@code pgssl.strategy} or {@code PGSSL_STRATEGY} names a strategy, that strategy decides
 * instead of sslmode.
 */
public final class PolicyResolver {
    /** The strategy name of policies resolved by libpq's rules. */
    public static final String LIBPQ = "libpq";

    private static final String HINT = "Either provide the file, use the system's trusted roots with sslrootcert=system, "
            + "or change sslmode to disable server certificate verification.";

    private PolicyResolver() {
    }

    public static SslPolicy resolve(ConnectionSettings settings, PgEnvironment env) {
        String strategy = nonEmpty(settings.pgsslOptions().get("strategy"));
        if (strategy != null) {
            return Strategies.find(strategy).create(settings, env);
        }
        Optional<String> fromEnv = env.get("PGSSL_STRATEGY");
        if (fromEnv.isPresent()) {
            SslPolicy p = Strategies.find(fromEnv.get()).create(settings, env);
            refuseWeakerThanExplicit(settings, fromEnv.get(), p);
            return p;
        }
        return libpq(settings, env);
    }

    /**
     * libpq's order is "explicit value first, then the environment": a {@code PGSSL_STRATEGY} that
     * would verify less than an explicit {@code sslmode=verify-ca}/{@code verify-full} or
     * {@code sslrootcert=system} (in the string or a service file) is refused rather than obeyed.
     */
    private static void refuseWeakerThanExplicit(ConnectionSettings s, String strategy, SslPolicy policy) {
        String explicit = null;
        int required = 0;
        if (isExplicit(s, "sslmode")) {
            String mode = s.get("sslmode").orElse("");
            if (mode.equals("verify-full")) {
                explicit = "sslmode=verify-full";
                required = 3;
            } else if (mode.equals("verify-ca")) {
                explicit = "sslmode=verify-ca";
                required = 2;
            }
        }
        if (required < 3 && isExplicit(s, "sslrootcert") && "system".equals(s.get("sslrootcert").orElse(null))) {
            explicit = "sslrootcert=system";
            required = 3;
        }
        int given = strength(policy);
        if (given < required) {
            throw new SslConfigurationException("PGSSL_STRATEGY", "PGSSL_STRATEGY=" + strategy + " (" + describe(given)
                    + ") would weaken the explicit " + explicit + " (" + describe(required)
                    + "); an explicit setting wins over the environment, as in libpq: unset PGSSL_STRATEGY, "
                    + "or choose the strategy in the connection string with pgssl.strategy");
        }
    }

    private static boolean isExplicit(ConnectionSettings s, String keyword) {
        ConnectionSettings.Origin o = s.origin(keyword).orElse(null);
        return o == ConnectionSettings.Origin.EXPLICIT || o == ConnectionSettings.Origin.SERVICE;
    }

    /** 0 plaintext, 1 encryption only, 2 the certificate chain (or a pin), 3 the chain and the host name. */
    private static int strength(SslPolicy p) {
        if (p instanceof SslPolicy.VerifyFull) {
            return 3;
        }
        if (p instanceof SslPolicy.VerifyCa) {
            return 2;
        }
        return p instanceof SslPolicy.NoVerify ? 1 : 0;
    }

    private static String describe(int strength) {
        return switch (strength) {
            case 3 -> "verifies the certificate and the host name";
            case 2 -> "verifies the certificate but not the host name";
            case 1 -> "does not verify the server certificate";
            default -> "does not encrypt";
        };
    }

    /** libpq's rules, ignoring any strategy selection. */
    public static SslPolicy libpq(ConnectionSettings s, PgEnvironment env) {
        // sslmode "given": in the string, a service file, PGSSLMODE, or requiressl/PGREQUIRESSL
        String modeText = null;
        boolean given = false;
        if (s.isSet("sslmode") && s.origin("sslmode").orElse(ConnectionSettings.Origin.EXPLICIT) != ConnectionSettings.Origin.DEFAULT) {
            modeText = s.get("sslmode").orElse("");
            given = true;
        } else if (s.get("requiressl").isPresent()) {
            modeText = s.get("requiressl").get().startsWith("1") ? "require" : "prefer";
            given = true;
        } else if (s.isSet("sslmode")) {
            modeText = s.get("sslmode").orElse("prefer");
        }
        String rootcert = nonEmpty(s.get("sslrootcert").orElse(null));
        boolean system = "system".equals(rootcert);
        SslMode mode;
        if (given) {
            mode = SslMode.fromWireValue(modeText);
        } else if (system) {
            mode = SslMode.VERIFY_FULL;
        } else {
            mode = modeText == null ? SslMode.PREFER : SslMode.fromWireValue(modeText);
        }

        String negotiationText = nonEmpty(s.get("sslnegotiation").orElse(null));
        SslNegotiation negotiation = negotiationText == null ? SslNegotiation.POSTGRES : SslNegotiation.fromWireValue(negotiationText);
        if (negotiation == SslNegotiation.DIRECT && mode.compareTo(SslMode.REQUIRE) < 0) {
            throw new SslConfigurationException("sslnegotiation", "weak sslmode \"" + mode.wireValue()
                    + "\" may not be used with sslnegotiation=direct (use \"require\", \"verify-ca\", or \"verify-full\")");
        }
        if (system && given && mode != SslMode.VERIFY_FULL) {
            throw new SslConfigurationException("sslmode", "weak sslmode \"" + mode.wireValue()
                    + "\" may not be used with sslrootcert=system (use \"verify-full\")");
        }
        if (mode == SslMode.DISABLE || onlyUnixSockets(s)) {
            // libpq still checks these values, but loads no file: no TLS is ever attempted
            TlsSettings.validate(s);
            return SslPolicy.disabled();
        }
        TlsOptions common = TlsSettings.common(s, env, negotiation);
        Fallback fallback = switch (mode) {
            case ALLOW -> Fallback.PLAINTEXT_FIRST;
            case PREFER -> Fallback.PLAINTEXT_AFTER_TLS_FAILURE;
            default -> Fallback.NONE;
        };
        if (system) {
            // sslrootcert=system: OpenSSL's default paths, no CRL loading (libpq)
            return new SslPolicy.VerifyFull(common.withTrust(TrustSource.system(env)), fallback, LIBPQ);
        }
        Path pgDir = TlsSettings.pgDirectory(env);
        Path root = rootcert != null ? SettingPaths.of("sslrootcert", rootcert) : pgDir != null ? pgDir.resolve("root.crt") : null;
        if (root == null) {
            if (mode.verifies()) {
                throw new SslConfigurationException("sslrootcert",
                        "could not get home directory to locate root certificate file\n" + HINT);
            }
            return new SslPolicy.NoVerify(common, fallback, LIBPQ);
        }
        if (!Files.exists(root)) {
            if (mode.verifies()) {
                throw new SslConfigurationException("sslrootcert", "root certificate file \"" + root + "\" does not exist\n" + HINT);
            }
            return new SslPolicy.NoVerify(common, fallback, LIBPQ);
        }
        // a root file that exists makes require, prefer and allow verify the chain (libpq's rule)
        TlsOptions verified = TlsSettings.withCrls(common.withTrust(TrustSource.pemFile(root)), s, pgDir);
        if (mode == SslMode.VERIFY_FULL) {
            return new SslPolicy.VerifyFull(verified, fallback, LIBPQ);
        }
        return new SslPolicy.VerifyCa(verified, fallback, LIBPQ);
    }

    /**
     * Whether every host is a Unix-domain socket (and no hostaddr is given): libpq then never
     * attempts TLS, so file checks such as a missing root certificate do not apply.
     */
    static boolean onlyUnixSockets(ConnectionSettings s) {
        for (String a : s.hostaddrs()) {
            if (!a.isEmpty()) {
                return false;
            }
        }
        if (s.hosts().isEmpty()) {
            return false;
        }
        for (String h : s.hosts()) {
            if (!HostList.isUnixSocket(h)) {
                return false;
            }
        }
        return true;
    }

    /** {@code v}, or {@code null} when it is {@code null} or empty. */
    private static String nonEmpty(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    /** The client identity libpq would load: sslcert (or the default) when the file exists. */
    static ClientIdentity identity(ConnectionSettings s, PgEnvironment env) {
        return TlsSettings.identity(s, TlsSettings.pgDirectory(env));
    }
}
