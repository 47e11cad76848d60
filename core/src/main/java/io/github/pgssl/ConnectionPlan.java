package io.github.pgssl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * libpq's connection plan for one connection string, worked out once, in core: the servers of the
 * host list in order (after {@code load_balance_hosts}), each with its {@link Endpoint}, its password
 * (the {@code password} keyword, else the password file's entry for that server), its TLS policy
 * and its encryption attempts in libpq's order; {@code connect_timeout}; {@code target_session_attrs};
 * the user and database names. Adapters carry out the attempts (see
 * {@link io.github.pgssl.spi.PlanExecution}); they never decide the order.
 *
 * <p>All validation of these settings happens in {@link #of}: an invalid {@code load_balance_hosts},
 * {@code target_session_attrs} or {@code connect_timeout} fails there, with libpq's message.
 *
 * <p>Immutable; {@link #toString()} never shows a password.
 */
public final class ConnectionPlan {

    /** One encryption attempt, on a new connection. */
    public enum Attempt {
        /** An SSLRequest (or a direct TLS handshake with {@code sslnegotiation=direct}), then TLS. */
        TLS,
        /** A startup packet without encryption. */
        PLAINTEXT;

        /** {@return whether this attempt uses TLS} */
        public boolean tls() {
            return this == TLS;
        }
    }

    /** libpq's message when {@code verify-full} has no host name to check (only {@code hostaddr} was given). */
    public static final String HOST_NAME_REQUIRED = "host name must be specified for a verified SSL connection";

    /** One server of the host list, with what libpq uses to connect to it. Holds its password: never printed. */
    public static final class Host {
        private final Endpoint endpoint;
        private final Secret password;
        private final SslPolicy policy;
        private final List<Attempt> attempts;

        private Host(Endpoint endpoint, Secret password, SslPolicy policy) {
            this.endpoint = endpoint;
            this.password = password;
            // libpq never attempts TLS (or GSS) over a Unix-domain socket, whatever sslmode says.
            this.policy = endpoint.isUnixSocket() ? SslPolicy.disabled() : policy;
            this.attempts = attempts(this.policy);
        }

        /** {@return the server: where to connect and which name to verify} */
        public Endpoint endpoint() {
            return endpoint;
        }

        /** {@return the password for this server, if any: {@code password}, else the password file's entry for it} */
        public Optional<Secret> password() {
            return Optional.ofNullable(password);
        }

        /** {@return the TLS policy for this server ({@link SslPolicy#disabled()} over a Unix-domain socket)} */
        public SslPolicy policy() {
            return policy;
        }

        /** {@return the encryption attempts libpq makes on this server, in order; never empty} */
        public List<Attempt> attempts() {
            return attempts;
        }

        /**
         * Why an attempt must not be made at all, in libpq's words, or empty: a TLS attempt under
         * {@code verify-full} when only {@code hostaddr} names the server ({@value #HOST_NAME_REQUIRED}).
         * The address never stands in for the name.
         *
         * @param attempt the attempt about to be made on this server
         * @return libpq's message refusing the attempt, or empty when it may be made
         */
        public Optional<String> refusal(Attempt attempt) {
            if (attempt.tls() && policy instanceof SslPolicy.VerifyFull && endpoint.verifyHost().isEmpty()) {
                return Optional.of(HOST_NAME_REQUIRED);
            }
            return Optional.empty();
        }

        /** {@return libpq's prefix of an error about this server: {@code connection to server at "h", port 5432 failed: }} */
        public String failurePrefix() {
            return endpoint.describe() + " failed: ";
        }

        private Host withPassword(Secret p) {
            return new Host(endpoint, p, policy);
        }

        private static List<Attempt> attempts(SslPolicy policy) {
            if (policy instanceof SslPolicy.Disabled) {
                return List.of(Attempt.PLAINTEXT);
            }
            return switch (policy.fallback()) {
                case NONE -> List.of(Attempt.TLS);
                case PLAINTEXT_AFTER_TLS_FAILURE -> List.of(Attempt.TLS, Attempt.PLAINTEXT);
                case PLAINTEXT_FIRST -> List.of(Attempt.PLAINTEXT, Attempt.TLS);
            };
        }

        /** Redacted: the endpoint and attempts, never the password. */
        @Override
        public String toString() {
            return "Host[" + endpoint.describe() + ", attempts=" + attempts + ", password=" + (password == null ? "none" : Secret.MASK) + "]";
        }
    }

    private final ConnectionSettings settings;
    private final SslPolicy policy;
    private final List<Host> hosts;
    private final boolean loadBalance;
    private final Duration connectTimeout;
    private final TargetSessionAttrs targetSessionAttrs;
    private final String user;
    private final String database;
    private final Long loadBalanceSeed;

    private ConnectionPlan(ConnectionSettings settings, SslPolicy policy, List<Host> hosts, boolean loadBalance,
                           Duration connectTimeout, TargetSessionAttrs targetSessionAttrs, String user, String database,
                           Long loadBalanceSeed) {
        this.settings = settings;
        this.policy = policy;
        this.hosts = List.copyOf(hosts);
        this.loadBalance = loadBalance;
        this.connectTimeout = connectTimeout;
        this.targetSessionAttrs = targetSessionAttrs;
        this.user = user;
        this.database = database;
        this.loadBalanceSeed = loadBalanceSeed;
    }

    /**
     * The plan for settings already merged with the environment ({@link PgSsl#settings}) and their
     * policy. The user is the merged {@code user} (libpq's default, the operating-system user of
     * the injected {@link PgEnvironment}, is filled in by the merge); the database defaults to the user.
     *
     * @param settings the merged connection settings
     * @param policy the TLS policy derived from {@code settings}; servers reached over a Unix-domain
     *        socket get {@link SslPolicy#disabled()} instead
     * @return the validated plan
     * @throws PgSslException when {@code load_balance_hosts}, {@code target_session_attrs},
     *         {@code connect_timeout} or the host list is not valid, or no user name is known
     */
    public static ConnectionPlan of(ConnectionSettings settings, SslPolicy policy) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(policy, "policy");
        String lb = settings.get("load_balance_hosts").orElse("disable");
        if (!lb.equals("disable") && !lb.equals("random")) {
            throw new SslConfigurationException("load_balance_hosts", "invalid load_balance_hosts value: \"" + lb
                    + "\"; use disable or random");
        }
        refuseUnenforceable(settings);
        TargetSessionAttrs target = TargetSessionAttrs.fromWireValue(settings.get("target_session_attrs").orElse(null));
        Duration timeout = connectTimeout(settings.get("connect_timeout").orElse(null));
        List<Host> hosts = new ArrayList<>();
        for (Endpoint e : settings.endpoints()) {
            Secret password = settings.passwordForHost(e.index()).orElse(null);
            hosts.add(new Host(e, password == null || password.isEmpty() ? null : password, policy));
        }
        String user = nonEmpty(settings, "user");
        if (user == null) {
            throw new SslConfigurationException("user", "user: no user name is given and the environment has none"
                    + " (USER is unset); set user in the connection string or PGUSER");
        }
        String dbname = nonEmpty(settings, "dbname");
        String database = dbname != null ? dbname : user;
        return new ConnectionPlan(settings, policy, hosts, lb.equals("random"), timeout, target, user, database,
                seed(settings.pgsslOptions().get("load_balance_seed")));
    }

    /** {@code pgssl.load_balance_seed}: a whole number, or none. */
    private static Long seed(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new SslConfigurationException("pgssl.load_balance_seed", "pgssl.load_balance_seed: invalid integer value \""
                    + value + "\"; give a whole number, or remove it for a new random order per connection");
        }
    }

    /** libpq 18's SCRAM and OAuth keywords: no driver pgssl serves can use them. */
    private static final List<String> AUTH_18 = List.of("scram_client_key", "scram_server_key", "oauth_issuer",
            "oauth_client_id", "oauth_client_secret", "oauth_scope");

    /**
     * libpq 18 settings that no driver pgssl serves can honour, refused before connecting rather than
     * ignored: {@code min_protocol_version} above 3.0 (the drivers speak protocol 3.0 only; libpq 18
     * would negotiate 3.2 or fail), {@code sslkeylogfile} (the JDK's TLS has no key-log hook), and
     * the SCRAM-key and OAuth keywords. Values are checked with libpq 18's messages.
     */
    private static void refuseUnenforceable(ConnectionSettings settings) {
        String min = protocolVersion(settings, "min_protocol_version");
        protocolVersion(settings, "max_protocol_version");
        if (min != null && !min.equals("3.0")) {
            throw new SslConfigurationException("min_protocol_version", "min_protocol_version=" + min
                    + ": the Java drivers speak protocol 3.0 only, and libpq 18 would require " + (min.equals("latest")
                    ? "the newest version" : "protocol " + min) + "; remove min_protocol_version or set it to 3.0");
        }
        if (nonEmpty(settings, "sslkeylogfile") != null) {
            throw new SslConfigurationException("sslkeylogfile", "sslkeylogfile: the JDK's TLS cannot write session keys, so"
                    + " pgssl does not honour it; remove sslkeylogfile (debug TLS with -Djavax.net.debug=ssl:handshake)");
        }
        for (String k : AUTH_18) {
            if (settings.keywords().containsKey(k) || settings.secretKeywords().contains(k)) {
                throw new SslConfigurationException(k, k + ": the Java drivers have no libpq 18 " + (k.startsWith("oauth")
                        ? "OAuth" : "SCRAM-key") + " authentication, and pgssl does not drop it silently; remove " + k);
            }
        }
    }

    private static String protocolVersion(ConnectionSettings settings, String keyword) {
        String v = nonEmpty(settings, keyword);
        if (v != null && !v.equals("3.0") && !v.equals("3.2") && !v.equals("latest")) {
            throw new SslConfigurationException(keyword, "invalid " + keyword + " value: \"" + v + "\"; use 3.0, 3.2 or latest");
        }
        return v;
    }

    /** The value of {@code keyword}, or {@code null} when it is unset or empty (no lambda: first-connection path). */
    private static String nonEmpty(ConnectionSettings settings, String keyword) {
        String v = settings.get(keyword).orElse(null);
        return v == null || v.isEmpty() ? null : v;
    }

    /**
     * libpq's {@code connect_timeout}: whole seconds (libpq's {@code parse_int_param}); zero, a
     * negative value or none means no limit; 1 second becomes 2, as libpq enforces a minimum of 2.
     *
     * @param value the {@code connect_timeout} value as written, or {@code null}
     * @return the timeout per attempt, or empty for no limit
     * @throws SslConfigurationException {@code invalid integer value "x" for connection option "connect_timeout"}
     */
    public static Optional<Duration> parseConnectTimeout(String value) {
        return Optional.ofNullable(connectTimeout(value));
    }

    private static Duration connectTimeout(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        long seconds;
        try {
            seconds = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new SslConfigurationException("connect_timeout", "invalid integer value \"" + value
                    + "\" for connection option \"connect_timeout\"; give whole seconds, e.g. connect_timeout=10");
        }
        if (seconds <= 0) {
            return null;
        }
        return Duration.ofSeconds(Math.max(2, Math.min(seconds, Integer.MAX_VALUE)));
    }

    /**
     * A copy in which every server uses this user and password ({@code null}: none), as a JDBC
     * {@code getConnection(user, password)}.
     *
     * @param user the user name; also the database name when {@code dbname} is not set
     * @param password the password for every server, replacing {@code password} and the password
     *        file's entries; {@code null} for none
     * @return the new plan; this one is unchanged
     */
    public ConnectionPlan withCredentials(String user, Secret password) {
        Objects.requireNonNull(user, "user");
        List<Host> copy = new ArrayList<>(hosts.size());
        for (Host h : hosts) {
            copy.add(h.withPassword(password));
        }
        String dbname = nonEmpty(settings, "dbname");
        return new ConnectionPlan(settings, policy, copy, loadBalance, connectTimeout, targetSessionAttrs, user,
                dbname != null ? dbname : user, loadBalanceSeed);
    }

    /** {@return the merged settings this plan was built from} */
    public ConnectionSettings settings() {
        return settings;
    }

    /** {@return the TLS policy for TCP servers} */
    public SslPolicy policy() {
        return policy;
    }

    /** {@return the servers in the order written} */
    public List<Host> hosts() {
        return hosts;
    }

    /**
     * The servers in the order of one connection: as written, or shuffled with {@code random} for
     * {@code load_balance_hosts=random} (libpq shuffles the host list per connection).
     *
     * @param random the generator for the shuffle; not used unless {@code load_balance_hosts=random}
     *        and there are at least two servers
     * @return the servers in the order to try them
     */
    public List<Host> order(RandomGenerator random) {
        if (!loadBalance || hosts.size() < 2) {
            return hosts;
        }
        List<Host> shuffled = new ArrayList<>(hosts);
        // Fisher-Yates, as libpq's libpq_prng shuffle of conn->connhost.
        for (int i = shuffled.size() - 1; i > 0; i--) {
            Collections.swap(shuffled, i, random.nextInt(i + 1));
        }
        return List.copyOf(shuffled);
    }

    /**
     * The generator for {@code load_balance_hosts=random}: a fresh one seeded with
     * {@code pgssl.load_balance_seed} when that pgssl option is set (the same order on every
     * connection, for tests and reproducible diagnostics; libpq has no such option), else empty
     * (a new random order per connection).
     *
     * @return a new generator seeded with {@code pgssl.load_balance_seed}, or empty when it is not set
     */
    public Optional<RandomGenerator> seededRandom() {
        return loadBalanceSeed == null ? Optional.empty() : Optional.of(new java.util.Random(loadBalanceSeed));
    }

    /** {@return whether {@code load_balance_hosts=random}} */
    public boolean loadBalance() {
        return loadBalance;
    }

    /** {@return libpq's {@code connect_timeout} per attempt; empty: no limit of libpq's own} */
    public Optional<Duration> connectTimeout() {
        return Optional.ofNullable(connectTimeout);
    }

    /** {@return libpq's {@code target_session_attrs}} */
    public TargetSessionAttrs targetSessionAttrs() {
        return targetSessionAttrs;
    }

    /** {@return the user name sent to the server} */
    public String user() {
        return user;
    }

    /** {@return the database name sent to the server ({@code dbname}, or the user name)} */
    public String database() {
        return database;
    }

    /** Redacted: never a password. */
    @Override
    public String toString() {
        return "ConnectionPlan[" + hosts + ", loadBalance=" + loadBalance + ", target_session_attrs="
                + targetSessionAttrs.wireValue() + ", connect_timeout=" + connectTimeout + ", user=" + user
                + ", database=" + database + "]";
    }
}
