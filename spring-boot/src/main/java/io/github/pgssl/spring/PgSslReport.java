package io.github.pgssl.spring;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.PolicyDescription;
import io.github.pgssl.Secret;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TrustSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

/**
 * What the {@code pgssl} actuator endpoint and the {@code db} health say about one
 * {@code jdbc:pgssl:} DataSource: the URL's form (redacted), sslmode, the policy in words, and
 * whether a connection works with which TLS version and cipher. Never a secret: the URL is shown
 * redacted, and the connection's secrets are masked in any error text.
 */
final class PgSslReport {
    private static final String TLS_SQL = "select s.ssl, s.version, s.cipher, current_setting('server_version')"
            + " from pg_stat_ssl s where s.pid = pg_backend_pid()";
    private static final List<String> FILE_KEYWORDS = List.of("sslrootcert", "sslcert", "sslkey");

    private PgSslReport() {
    }

    /** The URL of a pool or driver-based DataSource, if it is {@code jdbc:pgssl:}; with the libpq file keywords it adds. */
    record Target(String url, Properties properties) {
        @Override
        public String toString() {
            return "Target[redacted]";
        }
    }

    static Target target(DataSource ds) {
        try {
            if (ds.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)) {
                com.zaxxer.hikari.HikariDataSource h = ds.unwrap(com.zaxxer.hikari.HikariDataSource.class);
                return pgssl(h.getJdbcUrl()) ? new Target(h.getJdbcUrl(), h.getDataSourceProperties()) : null;
            }
        } catch (NoClassDefFoundError | java.sql.SQLException noHikari) {
            // not a Hikari pool
        }
        if (ds instanceof org.springframework.jdbc.datasource.AbstractDriverBasedDataSource d && pgssl(d.getUrl())) {
            return new Target(d.getUrl(), d.getConnectionProperties() == null ? new Properties() : d.getConnectionProperties());
        }
        return null;
    }

    private static boolean pgssl(String url) {
        return url != null && url.startsWith(PgSslEnvironmentPostProcessor.JDBC_PREFIX);
    }

    /** The endpoint's report for one DataSource. */
    static Map<String, Object> jdbc(DataSource ds, Target target) {
        Map<String, Object> m = new LinkedHashMap<>();
        ConnectionSettings settings;
        List<String> secrets = List.of();
        try {
            ConnectionSettings explicit = PgSsl.parse(target.url().substring(PgSslEnvironmentPostProcessor.JDBC_PREFIX.length()));
            m.put("url", PgSslEnvironmentPostProcessor.JDBC_PREFIX + explicit.toRedactedUrl());
            m.put("form", explicit.dialect());
            settings = withFiles(PgSsl.settings(target.url().substring(PgSslEnvironmentPostProcessor.JDBC_PREFIX.length()),
                    PgEnvironment.system()), target.properties());
            secrets = secrets(settings);
            m.put("sslmode", settings.get("sslmode").orElse("prefer"));
            m.put("policy", policy(PgSsl.policy(settings, PgEnvironment.system()), settings));
        } catch (RuntimeException e) {
            // pgssl's own messages carry no secret and no raw URL
            m.putIfAbsent("url", "(invalid)");
            m.put("connection", "Failed");
            m.put("error", e.getMessage());
            m.put("error_type", e.getClass().getName());
            return m;
        }
        m.putAll(connection(ds, secrets));
        return m;
    }

    /** The TLS facts of one live connection, for the health details. */
    static Map<String, Object> tls(DataSource ds, Target target) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            ConnectionSettings settings = withFiles(PgSsl.settings(
                    target.url().substring(PgSslEnvironmentPostProcessor.JDBC_PREFIX.length()), PgEnvironment.system()),
                    target.properties());
            SslPolicy policy = PgSsl.policy(settings, PgEnvironment.system());
            m.put("policy", PolicyDescription.kind(policy));
            m.put("serverAuthenticated", policy.authenticatesServer());
            Map<String, Object> c = connection(ds, secrets(settings));
            m.put("ssl", c.get("ssl"));
            m.put("protocol", c.get("tls_version"));
            m.put("cipher", c.get("cipher"));
            if (c.containsKey("error")) {
                m.put("error", c.get("error"));
            }
        } catch (RuntimeException e) {
            m.put("error", e.getMessage());
        }
        return m;
    }

    private static Map<String, Object> connection(DataSource ds, List<String> secrets) {
        Map<String, Object> m = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(TLS_SQL)) {
            rs.next();
            m.put("connection", "OK");
            m.put("ssl", rs.getBoolean(1));
            m.put("tls_version", rs.getString(2));
            m.put("cipher", rs.getString(3));
            m.put("server_version", rs.getString(4));
        } catch (Exception thrown) {
            Throwable e = driverFailure(thrown);
            String message = String.valueOf(e.getMessage());
            for (String s : secrets) {
                message = message.replace(s, Secret.MASK);
            }
            m.put("connection", "Failed");
            m.put("ssl", null);
            m.put("tls_version", null);
            m.put("cipher", null);
            m.put("server_version", null);
            m.put("error", message);
            m.put("error_type", e.getClass().getName());
        }
        return m;
    }

    /**
     * The failure that explains a failed connection: a pool's timeout ("Connection is not
     * available") says nothing, so its cause, the driver's last failure, is reported instead.
     */
    private static Throwable driverFailure(Throwable t) {
        Throwable best = t;
        for (Throwable c = t; c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof java.sql.SQLException && !c.getClass().getName().startsWith("com.zaxxer.")
                    && !(c instanceof java.sql.SQLTransientConnectionException && String.valueOf(c.getMessage()).contains("Connection is not available"))) {
                return c;
            }
            best = c;
        }
        return t == null ? best : t;
    }

    /** The file keywords a pool adds (the SSL bundle's), where the URL does not set them: as the driver reads them. */
    private static ConnectionSettings withFiles(ConnectionSettings s, Properties properties) {
        for (String k : FILE_KEYWORDS) {
            String v = properties == null ? null : properties.getProperty(k);
            if (v != null && s.origin(k).orElse(null) != ConnectionSettings.Origin.EXPLICIT) {
                s = s.with(k, v);
            }
        }
        return s;
    }

    static List<String> secrets(ConnectionSettings settings) {
        List<String> out = new ArrayList<>();
        for (String k : settings.secretKeywords()) {
            settings.secret(k).map(Secret::reveal).filter(v -> v.length() >= 3).ifPresent(v -> {
                out.add(v);
                out.add(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
            });
        }
        return out;
    }

    /** The policy in words. */
    static Map<String, Object> policy(SslPolicy p, ConnectionSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", PolicyDescription.kind(p));
        m.put("strategy", p.strategy());
        m.put("encrypted", PolicyDescription.encryption(p));
        m.put("server_authenticated", p.authenticatesServer());
        String trust = null;
        boolean clientCertificate = false;
        if (p instanceof SslPolicy.Tls t) {
            TlsOptions o = t.options();
            trust = o.trust() instanceof TrustSource.None ? null : PolicyDescription.trust(o.trust());
            clientCertificate = o.identity().isPresent();
        }
        m.put("trust", trust);
        m.put("hostname_checked", p instanceof SslPolicy.VerifyFull);
        m.put("client_certificate", clientCertificate);
        m.put("summary", summary(p, s));
        return m;
    }

    private static String summary(SslPolicy p, ConnectionSettings s) {
        if (p instanceof SslPolicy.Disabled) {
            return "Not encrypted: the connection is plaintext.";
        }
        String encryption = switch (p.fallback()) {
            case NONE -> "Encrypted: TLS is required.";
            case PLAINTEXT_AFTER_TLS_FAILURE -> "Encrypted when possible: after any failure of the TLS attempt, plaintext (sslmode=prefer).";
            case PLAINTEXT_FIRST -> "Plaintext first: TLS only if the server refuses plaintext (sslmode=allow).";
        };
        String auth;
        if (p instanceof SslPolicy.VerifyFull) {
            auth = " The server's chain is verified and its certificate must name " + (s.hosts().isEmpty() ? "the host" : s.hosts().get(0)) + ".";
        } else if (p instanceof SslPolicy.VerifyCa) {
            auth = " The server's chain is verified; its name is not checked.";
        } else {
            auth = " The server is not authenticated: anyone on the network path could impersonate it.";
        }
        return encryption + auth;
    }
}
