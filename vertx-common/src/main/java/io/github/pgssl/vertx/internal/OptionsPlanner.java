package io.github.pgssl.vertx.internal;

import io.github.pgssl.ConnectionPlan;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.Endpoint;
import io.github.pgssl.PgSslException;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslNegotiation;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TargetSessionAttrs;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TlsVersion;
import io.github.pgssl.spi.AuthenticationGuard;
import io.vertx.core.net.SocketAddress;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Translates merged settings and a policy into a Vert.x adapter's options, for both Vert.x lines
 * (pgssl-vertx on 5.0, pgssl-vertx4 on 4.5): core plans, this class builds the options of every
 * planned attempt, and the {@link Flavour} does the few things the two lines spell differently
 * (where the TLS settings go, the options and failure types). Holds no libpq sslmode rule: those
 * are in the policy.
 */
public final class OptionsPlanner {

    /**
     * What one Vert.x line does differently.
     *
     * @param <O> the adapter's public options type
     */
    public abstract static class Flavour<O extends PgConnectOptions> implements VertxPlan.FailureFactory {
        private final String artifact;
        private final String line;
        private final String connectors;
        private final Class<O> optionsType;

        /**
         * @param artifact    the adapter's artifact, as named in messages ({@code pgssl-vertx})
         * @param line        the Vert.x line it is built for, as named in messages ({@code 5.0})
         * @param connectors  the adapter's own connectors, as named in messages
         * @param optionsType the adapter's public options type
         */
        protected Flavour(String artifact, String line, String connectors, Class<O> optionsType) {
            this.artifact = artifact;
            this.line = line;
            this.connectors = connectors;
            this.optionsType = optionsType;
        }

        /** {@return the adapter's artifact, as named in messages} */
        public final String artifact() {
            return artifact;
        }

        /** {@return the Vert.x line the adapter is built for} */
        public final String line() {
            return line;
        }

        /** {@return the adapter's own connectors, as named in messages} */
        public final String connectors() {
            return connectors;
        }

        /** {@return the adapter's public options type} */
        public final Class<O> optionsType() {
            return optionsType;
        }

        /** Puts pgssl's TLS (its managers, libpq's protocol range, no Vert.x hostname check) on the base options. */
        protected abstract void applyTls(PgConnectOptions base, SslPolicy.Tls policy, PolicyManagers managers);

        /**
         * Puts the plan's transport settings ({@code connect_timeout}, libpq's SNI engine) on the
         * base options where the Vert.x line keeps them there (4.5, whose connect options are its
         * TCP options); nothing by default (5.0 passes them as the pool's transport options).
         */
        protected void applyTransport(PgConnectOptions base, ConnectionPlan plan, PolicyManagers managers) {
        }

        /** The adapter's options: {@code base}'s settings and what pgssl adds. */
        protected abstract O options(PgConnectOptions base, PlannedOptions<O> planned);
    }

    private OptionsPlanner() {
    }

    /**
     * The options of a connection string's plan: the outer options (first host) carry the plan
     * of every attempt.
     */
    public static <O extends PgConnectOptions> O build(ConnectionSettings settings, SslPolicy policy, Flavour<O> flavour) {
        checkExpressible(settings, policy, flavour);
        // Core validates and plans: hosts, per-host passwords, attempts, connect_timeout, user and database.
        ConnectionPlan plan = ConnectionPlan.of(settings, policy);
        PgConnectOptions base = baseOptions(settings, plan);
        // require_auth and sslcertmode=require: pgssl reads the server's authentication request on its own engines.
        AuthenticationGuard guard = AuthenticationGuard.of(settings, policy, false);
        PolicyManagers managers = policy instanceof SslPolicy.Tls ? new PolicyManagers(policy, guard) : null;
        boolean tls = policy instanceof SslPolicy.Tls;
        if (policy instanceof SslPolicy.Tls t) {
            flavour.applyTls(base, t, managers);
        }
        flavour.applyTransport(base, plan, managers);

        List<VertxPlan.Target<O>> targets = new ArrayList<>();
        for (ConnectionPlan.Host host : plan.hosts()) {
            Endpoint h = host.endpoint();
            SocketAddress address = h.hostaddr().isEmpty() ? null : hostaddrSocket(h);
            PgConnectOptions perHost = new PgConnectOptions(base).setHost(vertxHost(h)).setPort(h.port())
                    // libpq looks the password file up per host: no password means none (Vert.x's default is "pass").
                    .setPassword(host.password().isPresent() ? host.password().get().reveal() : "");
            O tlsAttempt = !tls || !host.attempts().contains(ConnectionPlan.Attempt.TLS) ? null
                    : flavour.options(perHost, new PlannedOptions<>(policy, null, address, null));
            if (tlsAttempt != null) {
                // VERIFY_CA only makes Vert.x insist on trust options; the trust manager decides everything else.
                tlsAttempt.setSslMode(policy.authenticatesServer() ? SslMode.VERIFY_CA : SslMode.REQUIRE);
            }
            O plainAttempt = flavour.options(perHost, new PlannedOptions<>(policy, null, address, null));
            plainAttempt.setSslMode(SslMode.DISABLE);
            targets.add(new VertxPlan.Target<>(host, tlsAttempt, plainAttempt));
        }
        VertxPlan<O> vertxPlan = new VertxPlan<>(plan, managers, targets, guard, flavour);

        VertxPlan.Target<O> first = targets.get(0);
        PgConnectOptions outerBase = new PgConnectOptions(first.plain());
        O outer = flavour.options(outerBase, new PlannedOptions<>(policy, vertxPlan,
                first.host().endpoint().hostaddr().isEmpty() ? null : first.plain().getSocketAddress(),
                foreignConnectorRefusal(plan, guard, flavour)));
        outer.setSslMode(vertxMode(first.host().policy()));
        return outer;
    }

    /**
     * Why Vert.x's own connector ({@code PgBuilder}, {@code PgConnection.connect}), which makes one
     * attempt to the first host, must not use these options: a host list (it would silently try
     * the first host only), or {@code verify-full} with only a {@code hostaddr} (it would verify the
     * address where libpq refuses). {@code null} when it may.
     */
    private static PgSslException foreignConnectorRefusal(ConnectionPlan plan, AuthenticationGuard guard, Flavour<?> flavour) {
        if (guard.active()) {
            String setting = guard.checksRequireAuth() ? "require_auth" : "sslcertmode";
            return new PgSslException(setting, setting + ": Vert.x's own connector (PgBuilder, PgConnection.connect) creates"
                    + " TLS engines pgssl cannot see, so the server's authentication request cannot be checked as libpq does; use "
                    + flavour.connectors() + ", which check it");
        }
        if (plan.targetSessionAttrs() != TargetSessionAttrs.ANY) {
            String value = plan.targetSessionAttrs().wireValue();
            return new PgSslException("target_session_attrs", "target_session_attrs=" + value + ": Vert.x's own"
                    + " connector (PgBuilder, PgConnection.connect) cannot check the session before handing the"
                    + " connection out; use " + flavour.connectors() + ", which check it as libpq does");
        }
        if (plan.hosts().size() > 1) {
            return new PgSslException("host", "host: the connection string lists " + plan.hosts().size()
                    + " hosts, and Vert.x's own connector (PgBuilder, PgConnection.connect) tries only the first; use "
                    + flavour.connectors() + ", which try every host in libpq's order");
        }
        ConnectionPlan.Host only = plan.hosts().get(0);
        java.util.Optional<String> refusal = only.refusal(ConnectionPlan.Attempt.TLS);
        return refusal.isPresent() ? new PgSslException("host", only.failurePrefix() + refusal.get()) : null;
    }

    /** The Vert.x mode for these options used by Vert.x's own connector (first host only). */
    public static SslMode vertxMode(SslPolicy policy) {
        if (!(policy instanceof SslPolicy.Tls)) {
            return SslMode.DISABLE;
        }
        // Vert.x's ALLOW and PREFER retry on a new connection after any failure of the first
        // attempt (TLS, certificate or startup error), which is libpq's behaviour (spec §1.3).
        return switch (policy.fallback()) {
            case PLAINTEXT_AFTER_TLS_FAILURE -> SslMode.PREFER;
            case PLAINTEXT_FIRST -> SslMode.ALLOW;
            // Never VERIFY_FULL: it would switch on the JDK's RFC 2818 hostname check, which
            // contradicts libpq's rules (CN fallback, IP hosts against dNSNames); pgssl's trust
            // manager checks the hostname instead.
            case NONE -> policy.authenticatesServer() ? SslMode.VERIFY_CA : SslMode.REQUIRE;
        };
    }

    private static void checkExpressible(ConnectionSettings settings, SslPolicy policy, Flavour<?> flavour) {
        // Plain conditions, no lambdas: this runs on every first connection (cold start).
        if (policy.tls().isPresent() && policy.tls().get().negotiation() == SslNegotiation.DIRECT) {
            throw new SslConfigurationException("sslnegotiation",
                    "sslnegotiation=direct needs vertx-pg-client 5.1.0 or later; " + flavour.artifact() + " is built for Vert.x "
                            + flavour.line() + ".x, which always sends an SSLRequest; use sslnegotiation=postgres");
        }
        if ("require".equals(settings.get("gssencmode").orElse(null))) {
            throw new PgSslException("gssencmode", "gssencmode=require is not supported by vertx-pg-client, which"
                    + " never requests GSSAPI encryption; use gssencmode=disable or prefer");
        }
        if (!settings.get("requirepeer").orElse("").isEmpty() && anyUnixSocket(settings.endpoints())) {
            throw new PgSslException("requirepeer", "requirepeer cannot be checked by vertx-pg-client (it does not read"
                    + " the peer credentials of a Unix socket); remove requirepeer or connect over TCP");
        }
        String channelBinding = settings.get("channel_binding").orElse(null);
        if (channelBinding != null) {
            AuthenticationGuard.validateChannelBinding(channelBinding);
        }
        if ("require".equals(channelBinding)) {
            throw new PgSslException("channel_binding", "channel_binding=require cannot be enforced by vertx-pg-client "
                    + flavour.line() + ".x (it has no channel binding mode); use channel_binding=prefer");
        }
    }

    private static boolean anyUnixSocket(List<Endpoint> endpoints) {
        for (Endpoint e : endpoints) {
            if (e.isUnixSocket()) {
                return true;
            }
        }
        return false;
    }

    private static PgConnectOptions baseOptions(ConnectionSettings s, ConnectionPlan plan) {
        PgConnectOptions o = new PgConnectOptions();
        o.setUser(plan.user());
        o.setDatabase(plan.database());
        String applicationName = s.get("application_name").orElse(s.get("fallback_application_name").orElse(null));
        if (applicationName != null) {
            o.addProperty("application_name", applicationName);
        }
        String options = s.get("options").orElse(null);
        if (options != null) {
            o.addProperty("options", options);
        }
        // Vert.x reconnects on its own when asked; libpq does not (the plan does libpq's retries).
        o.setReconnectAttempts(0);
        return o;
    }

    /** libpq's min/max as an explicit list: min defaults to TLSv1.2, max to the newest. */
    public static Set<String> protocols(TlsOptions t) {
        TlsVersion min = t.minVersion().orElse(TlsVersion.TLS_1_2);
        TlsVersion max = t.maxVersion().orElse(TlsVersion.TLS_1_3);
        Set<String> out = new LinkedHashSet<>();
        for (TlsVersion v : TlsVersion.values()) {
            if (v.compareTo(min) >= 0 && v.compareTo(max) <= 0) {
                out.add(v.protocolName());
            }
        }
        return out;
    }

    /**
     * What Vert.x is given as its host: libpq's host name (so that TLS verifies and sends it), the
     * address when only hostaddr is set; with both, {@link #hostaddrSocket} supplies the address.
     */
    private static String vertxHost(Endpoint e) {
        return e.host().isEmpty() ? e.hostaddr() : e.host();
    }

    /** Connect to the numeric hostaddr while the socket address keeps libpq's host as its name (spec §3.3). */
    private static SocketAddress hostaddrSocket(Endpoint h) {
        InetAddress numeric = numericAddress(h.hostaddr());
        if (h.host().isEmpty()) {
            return SocketAddress.inetSocketAddress(new InetSocketAddress(numeric, h.port()));
        }
        try {
            InetAddress named = InetAddress.getByAddress(h.host(), numeric.getAddress());
            return SocketAddress.inetSocketAddress(new InetSocketAddress(named, h.port()));
        } catch (UnknownHostException e) {
            throw new PgSslException("hostaddr", "could not parse network address \"" + h.hostaddr()
                    + "\"; hostaddr must be a numeric IPv4 or IPv6 address", e);
        }
    }

    public static InetAddress numericAddress(String hostaddr) {
        String a = hostaddr.trim();
        try {
            if (a.indexOf(':') >= 0) {
                // Bracketed, InetAddress reads it as an IPv6 literal and never asks DNS.
                String literal = a.startsWith("[") ? a : "[" + a + "]";
                if (literal.matches("\\[[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?]")) {
                    return InetAddress.getByName(literal);
                }
            } else {
                byte[] v4 = inetAton(a);
                if (v4 != null) {
                    return InetAddress.getByAddress(v4);
                }
            }
        } catch (UnknownHostException e) {
            // fall through to libpq's message
        }
        throw new PgSslException("hostaddr", "could not parse network address \"" + hostaddr
                + "\"; hostaddr must be a numeric IPv4 or IPv6 address");
    }

    /** {@code inet_aton}'s decimal forms: a, a.b, a.b.c, a.b.c.d (the last part fills the remaining bytes). */
    public static byte[] inetAton(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || !s.matches("[0-9.]+")) {
            return null;
        }
        String[] parts = s.split("\\.");
        if (parts.length > 4) {
            return null;
        }
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 10) {
                return null;
            }
            v[i] = Long.parseLong(parts[i]);
            if (i < parts.length - 1 && v[i] > 255) {
                return null;
            }
        }
        long last = v[parts.length - 1];
        int lastBytes = 5 - parts.length;
        if (last >= (1L << (8 * lastBytes))) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < parts.length - 1; i++) {
            out[i] = (byte) v[i];
        }
        for (int i = 3; i >= parts.length - 1; i--) {
            out[i] = (byte) (last & 0xff);
            last >>= 8;
        }
        return out;
    }
}
