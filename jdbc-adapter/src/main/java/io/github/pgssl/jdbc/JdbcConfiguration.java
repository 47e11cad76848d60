package io.github.pgssl.jdbc;

import io.github.pgssl.ConnectionPlan;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.Endpoint;
import io.github.pgssl.PgSsl;
import io.github.pgssl.PgSslException;
import io.github.pgssl.Secret;
import io.github.pgssl.SslNegotiation;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TargetSessionAttrs;
import io.github.pgssl.TlsMaterial;
import io.github.pgssl.TlsOptions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * One connection string, merged and resolved, expressed for pgjdbc: the host list (with
 * {@code hostaddr}), database, user, the pgjdbc properties that are not about TLS, and the TLS
 * policy.
 *
 * <p>Two ways to use it:
 * <ul>
 *   <li>{@link #dataSource()}: a {@link javax.sql.DataSource} that connects exactly as libpq does
 *   (libpq's host order, {@code hostaddr}, {@code prefer}/{@code allow} fallback after any failure,
 *   {@code target_session_attrs}). This is the recommended form.</li>
 *   <li>{@link #jdbcUrl()} and {@link #properties()}: pgjdbc's native form, for tools that take a
 *   {@code jdbc:postgresql:} URL and Properties. TLS is still pgssl's (same trust manager, SNI,
 *   client key, versions), but connection attempts are pgjdbc's: see the notes on those methods.</li>
 * </ul>
 *
 * <p>Immutable. {@link #toString()} never shows the password.
 */
public final class JdbcConfiguration {
    static final String FACTORY = PgSslSocketFactory.class.getName();

    private final ConnectionSettings settings;
    private final SslPolicy policy;
    private final ConnectionPlan plan;
    private final List<Endpoint> endpoints;
    private final Map<String, String> baseProperties;
    private final String requirePeer;

    /** pgjdbc's URL host for one server (a Unix socket is reached through {@link PgSslUnixSocketFactory}). */
    static String urlHost(Endpoint e) {
        if (e.isUnixSocket()) {
            // pgjdbc needs a host name; PgSslUnixSocketFactory returns an already-connected socket, so it is never dialled.
            return "localhost";
        }
        String h = e.connectAddress();
        return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
    }

    /** libpq's prefix for errors about one server: {@code connection to server at "h", port N failed: }. */
    static String describe(Endpoint e) {
        return e.describe() + " failed: ";
    }

    /** The native TLS engines pgjdbc can run ({@code pgssl.tls_engine}), fastest first. */
    static final java.util.List<io.github.pgssl.TlsEngine> NATIVE_ENGINES = java.util.List.of(io.github.pgssl.TlsEngine.CONSCRYPT);

    private JdbcConfiguration(ConnectionSettings settings, SslPolicy policy) {
        this.settings = settings;
        this.policy = policy;
        // libpq's value checks first (require_auth, channel_binding), so a malformed value gets libpq's message.
        io.github.pgssl.spi.AuthenticationGuard.of(settings, policy, true);
        for (String k : settings.keywords().keySet()) {
            if (LibpqKeywords.REFUSED.contains(k)) {
                throw new PgSslException(k, k + ": pgjdbc cannot enforce this setting, and pgssl does not drop it silently;"
                        + " remove " + k + " from the connection string or connect with libpq");
            }
        }
        for (String k : settings.secretKeywords()) {
            if (LibpqKeywords.REFUSED.contains(k)) {
                throw new PgSslException(k, k + ": pgjdbc cannot enforce this setting, and pgssl does not drop it silently;"
                        + " remove " + k + " from the connection string or connect with libpq");
            }
        }
        // pgjdbc takes an SSLSocketFactory: the JDK's engine or Conscrypt behind pgssl's factory (core builds
        // the context for the chosen engine); Netty's OpenSSL engine has no socket form.
        // (Plain code rather than lambdas and streams here: this runs on the first connection of a JVM.)
        TlsOptions tls = policy.tls().orElse(null);
        if (tls != null) {
            tls.engine().forDriver("pgjdbc", NATIVE_ENGINES, tls);
        }
        // Core validates and plans (hosts, attempts, passwords, connect_timeout, target_session_attrs, defaults).
        this.plan = ConnectionPlan.of(settings, policy);
        List<ConnectionPlan.Host> hosts = plan.hosts();
        List<Endpoint> endpointList = new ArrayList<>(hosts.size());
        for (ConnectionPlan.Host h : hosts) {
            endpointList.add(h.endpoint());
        }
        this.endpoints = List.copyOf(endpointList);
        String peer = settings.get("requirepeer").orElse(null);
        this.requirePeer = peer == null || peer.isEmpty() ? null : peer;
        this.baseProperties = Collections.unmodifiableMap(baseProperties(settings, plan));
    }

    /**
     * Expresses merged settings and a policy for pgjdbc.
     *
     * @param settings the merged settings ({@link io.github.pgssl.PgSsl#settings(String)})
     * @param policy the TLS policy every connection follows
     * @return the configuration
     * @throws io.github.pgssl.UnsupportedDriverException when the pgjdbc on the class path is older than pgssl supports
     * @throws PgSslException when a setting cannot be expressed (the message names it and the fix)
     */
    public static JdbcConfiguration of(ConnectionSettings settings, SslPolicy policy) {
        PgjdbcSupport.check();
        return new JdbcConfiguration(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(policy, "policy"));
    }

    /** {@return the settings this configuration was built from} Secrets are redacted in their {@code toString}. */
    public ConnectionSettings settings() {
        return settings;
    }

    /** {@return the TLS policy every connection follows} */
    public SslPolicy policy() {
        return policy;
    }

    /** {@return the database name sent to the server} That is {@code dbname}, or the user name as libpq defaults it. */
    public String database() {
        return plan.database();
    }

    /** {@return the user name} That is {@code user}, or the operating-system user as libpq defaults it. */
    public String user() {
        return plan.user();
    }

    /** {@return libpq's connection plan for these settings, worked out by core} */
    public ConnectionPlan plan() {
        return plan;
    }

    /** {@return a DataSource connecting exactly as libpq does} */
    public PgSslDataSource dataSource() {
        return new PgSslDataSource(this);
    }

    List<Endpoint> endpoints() {
        return endpoints;
    }


    /**
     * pgjdbc's native URL for the whole host list, without credentials:
     * {@code jdbc:postgresql://h1:5432,h2:5433/db}. Use with {@link #properties()}.
     *
     * @return the URL
     * @throws PgSslException when a host is a Unix-domain socket, which pgjdbc cannot reach
     */
    public String jdbcUrl() {
        StringBuilder sb = new StringBuilder("jdbc:postgresql://");
        String sep = "";
        for (Endpoint e : endpoints) {
            requireNativeExpressible(e);
            sb.append(sep).append(urlHost(e)).append(':').append(e.port());
            sep = ",";
        }
        return sb.append('/').append(enc(plan.database())).toString();
    }

    /**
     * pgjdbc's native properties for {@link #jdbcUrl()}: user, password, non-TLS options and
     * pgssl's {@code sslfactory}. Builds (or reuses) the policy's TLS material now.
     *
     * <p>Differences from libpq in this native form, all toward failing rather than weakening:
     * {@code prefer} becomes pgjdbc's {@code prefer}, which falls back to plaintext only when
     * the server refuses TLS or rejects the TLS attempt with SQLState 28000, not after a failed
     * certificate check; {@code allow} becomes pgjdbc's {@code allow}; multi-host lists are tried
     * by pgjdbc, which advances to the next host after any failure; {@code target_session_attrs}
     * becomes pgjdbc's nearest {@code targetServerType}. Use {@link #dataSource()} for libpq's
     * exact behaviour.
     *
     * <p><b>Security:</b> the result holds the password in clear text, as pgjdbc needs it.
     *
     * @return a new Properties for {@link #jdbcUrl()}
     */
    public Properties properties() {
        Properties p = new Properties();
        p.putAll(baseProperties);
        p.setProperty("user", plan.user());
        Secret password = settings.password().orElse(null);
        if (password != null) {
            p.setProperty("password", password.reveal());
        }
        p.setProperty("targetServerType", targetServerType(plan.targetSessionAttrs()));
        if (plan.loadBalance()) {
            p.setProperty("loadBalanceHosts", "true");
        }
        Endpoint socket = null;
        for (Endpoint e : endpoints) {
            if (e.isUnixSocket()) {
                socket = e;
                break;
            }
        }
        if (socket != null) {
            requireNativeExpressible(socket);
            unixSocket(p, socket);
            return p;
        }
        if (policy instanceof SslPolicy.Tls tls) {
            Map<String, String> mapping = new LinkedHashMap<>();
            for (Endpoint e : endpoints) {
                mapping.put(e.connectAddress(), e.verifyHost());
            }
            p.setProperty("sslmode", switch (policy.fallback()) {
                case NONE -> "require";
                case PLAINTEXT_AFTER_TLS_FAILURE -> "prefer";
                case PLAINTEXT_FIRST -> "allow";
            });
            p.setProperty("sslfactory", FACTORY);
            p.setProperty("sslfactoryarg", SslFactoryRegistry.register(PgSsl.material(policy), mapping));
            p.setProperty("sslNegotiation", tls.options().negotiation() == SslNegotiation.DIRECT ? "direct" : "postgres");
        } else {
            p.setProperty("sslmode", "disable");
        }
        return p;
    }

    /** pgjdbc's nearest {@code targetServerType}, for the native URL/Properties form only. */
    private static String targetServerType(TargetSessionAttrs t) {
        return switch (t) {
            case ANY -> "any";
            case READ_WRITE, PRIMARY -> "primary";
            case READ_ONLY, STANDBY -> "secondary";
            case PREFER_STANDBY -> "preferSecondary";
        };
    }

    /** The URL of one attempt: a single host, so that core decides the host order. */
    String attemptUrl(Endpoint e, String database) {
        requireSupportedSocket(e);
        return "jdbc:postgresql://" + urlHost(e) + ":" + e.port() + "/" + enc(database);
    }

    /**
     * The properties of one attempt. {@code material} is {@code null} for a plaintext attempt.
     * pgjdbc is always told {@code require} or {@code disable}: pgssl makes the fallback decisions.
     */
    Properties attemptProperties(Endpoint e, TlsMaterial material, String userName, Secret pass) {
        Properties p = new Properties();
        p.putAll(baseProperties);
        p.setProperty("user", userName);
        if (pass != null) {
            p.setProperty("password", pass.reveal());
        }
        if (e.isUnixSocket()) {
            unixSocket(p, e);
        } else if (material == null) {
            p.setProperty("sslmode", "disable");
        } else {
            p.setProperty("sslmode", "require");
            p.setProperty("sslfactory", FACTORY);
            p.setProperty("sslfactoryarg", SslFactoryRegistry.register(material, Map.of(e.connectAddress(), e.verifyHost())));
            SslPolicy.Tls tls = (SslPolicy.Tls) policy;
            p.setProperty("sslNegotiation", tls.options().negotiation() == SslNegotiation.DIRECT ? "direct" : "postgres");
        }
        return p;
    }

    /** libpq never uses TLS over a Unix-domain socket; pgjdbc reaches it through {@link PgSslUnixSocketFactory}. */
    private void unixSocket(Properties p, Endpoint e) {
        p.setProperty("sslmode", "disable");
        p.setProperty("socketFactory", PgSslUnixSocketFactory.class.getName());
        p.setProperty("socketFactoryArg", e.socketPath());
        if (requirePeer != null) {
            p.setProperty(PgSslUnixSocketFactory.REQUIRE_PEER, requirePeer);
        }
    }

    static void requireSupportedSocket(Endpoint e) {
        if (e.isUnixSocket() && e.host().startsWith("@")) {
            throw new PgSslException("host", "host: \"" + e.host() + "\" is an abstract Unix-domain socket, which the JDK"
                    + " cannot open; use the socket's directory path or a TCP host");
        }
    }

    private void requireNativeExpressible(Endpoint e) {
        requireSupportedSocket(e);
        if (e.isUnixSocket() && endpoints.size() > 1) {
            throw new PgSslException("host", "host: a host list with a Unix-domain socket (\"" + e.host() + "\") cannot be"
                    + " expressed as one pgjdbc URL; use PgSslJdbc.dataSource() or jdbc:pgssl:, which connect host by host");
        }
    }

    private static Map<String, String> baseProperties(ConnectionSettings s, ConnectionPlan plan) {
        Map<String, String> p = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : s.driverOptions().entrySet()) {
            if (LibpqKeywords.PGJDBC_IRRELEVANT.contains(e.getKey())) {
                continue;
            }
            if (LibpqKeywords.PGJDBC_OWNED.contains(e.getKey())) {
                throw new PgSslException(e.getKey(), e.getKey() + ": pgssl sets this pgjdbc property itself from libpq's"
                        + " settings; remove it and use the libpq keyword (sslmode, sslrootcert, host, target_session_attrs, ...)");
            }
            p.put(e.getKey(), e.getValue());
        }
        java.time.Duration connectTimeout = plan.connectTimeout().orElse(null);
        long timeout = connectTimeout == null ? 0L : connectTimeout.toSeconds();
        p.put("connectTimeout", Long.toString(timeout));
        // libpq waits for the SSLRequest answer as long as connect_timeout allows; pgjdbc's own 5 s default
        // would fail (or, under prefer, silently fall back to plaintext) on a slow server.
        p.putIfAbsent("sslResponseTimeout", Long.toString(timeout * 1000));
        String applicationName = s.get("application_name").orElse(null);
        if (applicationName == null) {
            applicationName = s.get("fallback_application_name").orElse(null);
        }
        putIfSet(p, "ApplicationName", applicationName);
        putIfSet(p, "options", s.get("options").orElse(null));
        p.put("tcpKeepAlive", Boolean.toString(!"0".equals(s.get("keepalives").orElse("1").trim())));
        putIfSet(p, "replication", s.get("replication").orElse(null));
        String gssencmode = s.get("gssencmode").orElse(null);
        if (gssencmode != null) {
            p.put("gssEncMode", switch (gssencmode) {
                case "disable" -> "disable";
                // libpq tries GSS only with a credential cache; pgjdbc's "allow" likewise sends no GSSENCRequest up front.
                case "prefer" -> "allow";
                case "require" -> "require";
                default -> throw new PgSslException("gssencmode", "invalid gssencmode value: \"" + gssencmode
                        + "\"; use disable, prefer or require");
            });
        }
        putIfSet(p, "kerberosServerName", s.get("krbsrvname").orElse(null));
        putIfSet(p, "gsslib", s.get("gsslib").orElse(null));
        String channelBinding = s.get("channel_binding").orElse(null);
        if (channelBinding != null) {
            if (!channelBinding.equals("disable") && !channelBinding.equals("prefer") && !channelBinding.equals("require")) {
                throw new PgSslException("channel_binding", "invalid channel_binding value: \"" + channelBinding
                        + "\"; use disable, prefer or require");
            }
            p.put("channelBinding", channelBinding);
        }
        return p;
    }

    private static void putIfSet(Map<String, String> p, String key, String value) {
        if (value != null) {
            p.put(key, value);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Redacted: the settings' redacted URL and the policy; never a secret. */
    @Override
    public String toString() {
        return "JdbcConfiguration[" + settings.toRedactedUrl() + ", " + policy + "]";
    }
}
