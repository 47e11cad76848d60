package io.github.pgssl.doctor;

import io.github.pgssl.ClientIdentity;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.PgSslException;
import io.github.pgssl.PolicyDescription;
import io.github.pgssl.Secret;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TrustSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --explain}: what a connection string means, with no network. The input redacted, the
 * explicit settings as libpq's {@code PQconninfoParse} reports them, the merged settings with
 * their origin, the policy in plain words and each driver's native configuration (redacted).
 */
final class Explanation {
    final String input;
    final ConnectionSettings explicit;
    final ConnectionSettings merged;
    final SslPolicy policy;
    final Map<String, Object> nativeConfigs;
    /** Why no policy could be built from valid settings (a missing CA or key file), or null. */
    final PgSslException policyError;

    private Explanation(String input, ConnectionSettings explicit, ConnectionSettings merged, SslPolicy policy,
                        Map<String, Object> nativeConfigs, PgSslException policyError) {
        this.input = input;
        this.explicit = explicit;
        this.merged = merged;
        this.policy = policy;
        this.nativeConfigs = nativeConfigs;
        this.policyError = policyError;
    }

    /**
     * Whether a policy error is about the machine (a file libpq would look for at connect time)
     * rather than about the input: libpq reports those when connecting, so the doctor explains
     * the rest and reports them as a failed connection (exit 1), not as invalid input (exit 2).
     */
    static boolean isEnvironmental(PgSslException e) {
        Hints.Diagnosis d = Hints.diagnose(e);
        return e instanceof io.github.pgssl.TlsMaterialException || d == Hints.Diagnosis.MISSING_CA_FILE
                || d == Hints.Diagnosis.CLIENT_KEY;
    }

    /**
     * Parses and resolves; throws {@link io.github.pgssl.PgSslException} for invalid input.
     *
     * @param connectionString the string, or null for "environment only"
     */
    static Explanation of(String connectionString, PgEnvironment env, List<DriverKind> drivers) {
        ConnectionSettings explicit = connectionString == null ? null : PgSsl.parse(connectionString);
        ConnectionSettings merged = PgSsl.settings(connectionString, env);
        String redacted = explicit == null ? null : explicit.toRedactedUrl();
        SslPolicy policy;
        try {
            policy = PgSsl.policy(merged, env);
        } catch (PgSslException e) {
            if (!isEnvironmental(e)) {
                throw e;
            }
            Map<String, Object> natives = new LinkedHashMap<>();
            for (DriverKind d : drivers) {
                natives.put(d.id(), "not configured: no policy");
            }
            return new Explanation(redacted, explicit, merged, null, natives, e);
        }
        Map<String, Object> natives = new LinkedHashMap<>();
        for (DriverKind d : drivers) {
            natives.put(d.id(), d.describeNative(merged, policy));
        }
        return new Explanation(redacted, explicit, merged, policy, natives, null);
    }

    /** The explicit settings, as {@code PQconninfoParse} would report them; secrets masked. */
    static Map<String, Object> settingsMap(ConnectionSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s == null) {
            return m;
        }
        s.keywords().forEach(m::put);
        for (String k : s.secretKeywords()) {
            m.put(k, Secret.MASK);
        }
        return m;
    }

    /** Merged settings with where each came from. */
    static Map<String, Object> effectiveMap(ConnectionSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        s.keywords().forEach((k, v) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("value", v);
            e.put("origin", s.origin(k).map(o -> o.name().toLowerCase(java.util.Locale.ROOT)).orElse(null));
            m.put(k, e);
        });
        for (String k : s.secretKeywords()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("value", Secret.MASK);
            e.put("origin", s.origin(k).map(o -> o.name().toLowerCase(java.util.Locale.ROOT)).orElse(null));
            m.put(k, e);
        }
        return m;
    }

    /** The policy's kind as a short name ({@link PolicyDescription#kind}). */
    static String kind(SslPolicy p) {
        return PolicyDescription.kind(p);
    }

    /** Where trust comes from, in words ({@link PolicyDescription#trust}). */
    static String describeTrust(TrustSource t) {
        return PolicyDescription.trust(t);
    }

    /**
     * The provider's advice on authenticating its server, when the host is a known provider's and
     * the policy does not authenticate the server (e.g. {@code sslmode=require} without a root
     * certificate); null otherwise.
     */
    static String providerAdvice(SslPolicy p, ConnectionSettings s) {
        if (p.authenticatesServer() || s.hosts().isEmpty()) {
            return null;
        }
        return Providers.trustAdvice(s.hosts().get(0));
    }

    /**
     * pgssl's documented differences from libpq that this string meets (README "Documented gaps and
     * deliberate differences"), one sentence each; empty when none applies.
     */
    static List<String> differences(SslPolicy p, ConnectionSettings s) {
        List<String> out = new java.util.ArrayList<>();
        io.github.pgssl.spi.AuthenticationGuard guard;
        try {
            guard = io.github.pgssl.spi.AuthenticationGuard.of(s, p, true);
        } catch (PgSslException e) {
            return out;
        }
        if (guard.active()) {
            out.add("r2dbc, Vert.x: require_auth, channel_binding=require and sslcertmode=require are checked by pgssl on the"
                    + " TLS engine it gives the driver, with libpq's messages; a plaintext attempt under them is refused"
                    + (guard.checksRequireAuth() ? " (libpq could connect there with require_auth)" : "")
                    + "; Vert.x's own connector (PgBuilder) refuses them: use PgSslVertx.pool or connect");
        }
        if (guard.checksRequireAuth()) {
            out.add("pgjdbc: require_auth is refused (pgjdbc exposes no hook to read the server's request)");
        }
        if (guard.requiresChannelBinding()) {
            out.add("Vert.x: channel_binding=require is refused (Vert.x 5.0 cannot bind the channel); pgjdbc and r2dbc bind it");
        }
        if (p.tls().map(t -> t.negotiation() == io.github.pgssl.SslNegotiation.DIRECT).orElse(false)) {
            out.add("Vert.x: sslnegotiation=direct is refused (needs Vert.x 5.1)");
        }
        return out;
    }

    /** The policy as JSON-ready plain values. */
    static Map<String, Object> policyMap(SslPolicy p, ConnectionSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", kind(p));
        m.put("strategy", p.strategy());
        m.put("encrypted", PolicyDescription.encryption(p));
        m.put("server_authenticated", p.authenticatesServer());
        m.put("provider_advice", providerAdvice(p, s));
        m.put("differences_from_libpq", differences(p, s));
        Map<String, Object> chain = new LinkedHashMap<>();
        Object hostname;
        if (p instanceof SslPolicy.Tls t) {
            TlsOptions o = t.options();
            boolean checked = !(o.trust() instanceof TrustSource.None);
            m.put("chain_checked", checked);
            m.put("trust", checked ? describeTrust(o.trust()) : null);
            hostname = p instanceof SslPolicy.VerifyFull ? s.hosts().isEmpty() ? "" : s.hosts().get(0) : null;
            m.put("hostname_checked", p instanceof SslPolicy.VerifyFull);
            m.put("hostname", hostname);
            ClientIdentity id = o.identity();
            m.put("client_certificate", id.isPresent() ? id.certificateFile().map(Object::toString).orElse(null) : null);
            m.put("client_key", id.isPresent() ? id.keyFile().map(Object::toString).orElse(null) : null);
            m.put("crl_file", o.crlFile().map(Object::toString).orElse(null));
            m.put("crl_directory", o.crlDirectory().map(Object::toString).orElse(null));
            m.put("min_tls_version", o.minVersion().map(Object::toString).orElse(null));
            m.put("max_tls_version", o.maxVersion().map(Object::toString).orElse(null));
            m.put("sni", o.sni());
            m.put("negotiation", o.negotiation().toString());
        } else {
            m.put("chain_checked", false);
            m.put("trust", null);
            m.put("hostname_checked", false);
            m.put("hostname", null);
        }
        m.put("fallback", p.fallback().name().toLowerCase(java.util.Locale.ROOT));
        m.put("summary", summary(p, s));
        return m;
    }

    /** The policy in plain words, one sentence per fact. */
    static List<String> summary(SslPolicy p, ConnectionSettings s) {
        List<String> out = new ArrayList<>();
        if (p instanceof SslPolicy.Disabled) {
            out.add("Not encrypted: the connection is plaintext.");
        } else if (p instanceof SslPolicy.Tls t) {
            TlsOptions o = t.options();
            out.add(switch (p.fallback()) {
                case NONE -> "Encrypted: TLS is required; the connection fails rather than go plaintext.";
                case PLAINTEXT_AFTER_TLS_FAILURE -> "Encrypted when possible: TLS is tried first and, after ANY failure of "
                        + "that attempt (including a refused certificate), plaintext on a new connection (sslmode=prefer).";
                case PLAINTEXT_FIRST -> "Plaintext first: TLS only if the server refuses the plaintext attempt (sslmode=allow).";
            });
            if (p instanceof SslPolicy.NoVerify) {
                out.add("The server is NOT authenticated: its certificate chain is not checked, so anyone on the path "
                        + "can impersonate it (no-verify).");
            } else {
                out.add("The certificate chain is checked against " + describeTrust(o.trust()) + ".");
            }
            if (p instanceof SslPolicy.VerifyFull) {
                String host = s.hosts().isEmpty() ? "" : s.hosts().get(0);
                out.add("The host name is checked: the certificate must name \"" + host + "\" (libpq's rules: SANs, "
                        + "CN only without a SAN of that type, one-label leading wildcard).");
            } else if (p instanceof SslPolicy.VerifyCa) {
                out.add("The host name is NOT checked: any certificate from these CAs is accepted for any host.");
            }
            if (o.identity().isPresent()) {
                out.add("A client certificate is presented: " + o.identity().certificateFile().orElse(null) + ".");
            } else {
                out.add("No client certificate is presented.");
            }
            boolean crlFile = o.crlFile().filter(java.nio.file.Files::exists).isPresent();
            boolean crlDir = o.crlDirectory().filter(java.nio.file.Files::isDirectory).isPresent();
            if (crlFile || crlDir) {
                out.add("Revocation is checked with " + (crlFile ? "sslcrl=" + o.crlFile().get() : "")
                        + (crlDir ? " sslcrldir=" + o.crlDirectory().get() : "") + " (a CRL is needed for every CA of the chain).");
            } else if (o.crlFile().isPresent() || o.crlDirectory().isPresent()) {
                out.add("Revocation is not checked: the CRL " + o.crlFile().map(Object::toString)
                        .orElseGet(() -> o.crlDirectory().map(Object::toString).orElse("")) + " does not exist (ignored, as libpq does).");
            }
            out.add("TLS versions: " + o.minVersion().map(Object::toString).orElse("any") + " to "
                    + o.maxVersion().map(Object::toString).orElse("the newest available") + "; SNI "
                    + (o.sni() ? "on (for host names, never for IP addresses)" : "off") + "; negotiation "
                    + o.negotiation() + ".");
        }
        if (!"libpq".equals(p.strategy())) {
            out.add("Chosen by the strategy \"" + p.strategy() + "\", not by sslmode.");
        }
        return out;
    }

    /** The policy member when no policy could be built. */
    Map<String, Object> policyErrorMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", policyError.getMessage());
        m.put("error_type", policyError.getClass().getName());
        m.put("setting", policyError.setting().orElse(null));
        m.put("diagnosis", Hints.diagnose(policyError).id);
        m.put("hint", Hints.forFailure(policyError, merged.hosts().isEmpty() ? null : merged.hosts().get(0)));
        return m;
    }

    /** The {@code --explain --json} object. */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", input);
        m.put("dialect", explicit == null ? null : explicit.dialect());
        m.put("settings", settingsMap(explicit));
        m.put("effective_settings", effectiveMap(merged));
        m.put("pgssl_options", new LinkedHashMap<>(merged.pgsslOptions()));
        m.put("policy", policy != null ? policyMap(policy, merged) : policyErrorMap());
        m.put("drivers", nativeConfigs);
        return m;
    }

    /** The human-readable explanation. */
    String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("Input (redacted): ").append(input == null ? "(none: environment and defaults only)" : input).append('\n');
        if (explicit != null) {
            sb.append("Form: ").append(explicit.dialect()).append('\n');
        }
        sb.append("\nSettings as libpq holds them (value, origin):\n");
        effectiveMap(merged).forEach((k, v) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) v;
            sb.append(String.format("  %-26s %-40s %s%n", k, e.get("value"), e.get("origin")));
        });
        if (!merged.pgsslOptions().isEmpty()) {
            sb.append("pgssl options: ").append(merged.pgsslOptions()).append('\n');
        }
        if (policy == null) {
            sb.append("\nPolicy: cannot be built: ").append(policyError.getMessage()).append('\n');
            sb.append("  hint: ").append(Hints.forFailure(policyError, merged.hosts().isEmpty() ? null : merged.hosts().get(0))).append('\n');
        } else {
            sb.append("\nPolicy: ").append(kind(policy)).append(" (strategy ").append(policy.strategy()).append(")\n");
            for (String line : summary(policy, merged)) {
                sb.append("  - ").append(line).append('\n');
            }
            for (String d : differences(policy, merged)) {
                sb.append("  difference from libpq: ").append(d).append('\n');
            }
            String advice = providerAdvice(policy, merged);
            if (advice != null) {
                sb.append("  provider advice (the server is not authenticated): ").append(advice).append('\n');
            }
        }
        sb.append("\nWhat each driver receives (redacted):\n");
        nativeConfigs.forEach((d, cfg) -> {
            sb.append("  ").append(d).append(":\n");
            appendIndented(sb, cfg, "    ");
        });
        return sb.toString();
    }

    static void appendIndented(StringBuilder sb, Object cfg, String indent) {
        if (cfg instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v instanceof Map<?, ?> sub && !sub.isEmpty()) {
                    sb.append(indent).append(k).append(":\n");
                    appendIndented(sb, sub, indent + "  ");
                } else {
                    sb.append(indent).append(k).append(" = ").append(v).append('\n');
                }
            });
        } else {
            sb.append(indent).append(cfg).append('\n');
        }
    }
}
