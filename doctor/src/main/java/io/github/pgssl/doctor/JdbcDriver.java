package io.github.pgssl.doctor;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgSsl;
import io.github.pgssl.Secret;
import io.github.pgssl.SensitiveKeys;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.jdbc.JdbcConfiguration;
import io.github.pgssl.jdbc.PgSslDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import javax.sql.DataSource;

/** pgjdbc through pgssl-jdbc: a {@link DataSource}. */
final class JdbcDriver implements DriverKind {

    @Override
    public String id() {
        return "jdbc";
    }

    @Override
    public Object describeNative(ConnectionSettings settings, SslPolicy policy) {
        try {
            JdbcConfiguration cfg = PgSsl.configure(settings, policy, JdbcConfiguration.class);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", PgSslDataSource.class.getName() + " (or jdbc_url + properties for pgjdbc's own DataSource)");
            try {
                m.put("jdbc_url", cfg.jdbcUrl());
            } catch (RuntimeException e) {
                m.put("jdbc_url", "unavailable: " + Hints.safeMessage(e));
            }
            Map<String, Object> props = new LinkedHashMap<>();
            Properties p = cfg.properties();
            for (String name : new TreeSet<>(p.stringPropertyNames())) {
                props.put(name, SensitiveKeys.isSensitive(name) ? Secret.MASK : p.getProperty(name));
            }
            m.put("properties", props);
            m.put("tls", tlsNote(policy, "pgjdbc's sslmode is only its encrypt switch; the sslfactory "
                    + "carries pgssl's policy"));
            return m;
        } catch (RuntimeException e) {
            return "cannot configure: " + Hints.safeMessage(e);
        }
    }

    @Override
    public DriverResult connect(ConnectionSettings settings, SslPolicy policy, Duration timeout) {
        long t0 = System.nanoTime();
        String host = settings.hosts().isEmpty() ? null : settings.hosts().get(0);
        try {
            DataSource ds = PgSsl.configure(settings, policy, DataSource.class);
            ds.setLoginTimeout((int) Math.max(1, timeout.toSeconds()));
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
                String version;
                try (ResultSet rs = st.executeQuery("select version()")) {
                    rs.next();
                    version = rs.getString(1);
                }
                try (ResultSet rs = st.executeQuery(SSL_QUERY)) {
                    if (rs.next()) {
                        return DriverResult.ok(id(), version, rs.getBoolean(1), rs.getString(2), rs.getString(3), ms(t0));
                    }
                    return DriverResult.ok(id(), version, null, null, null, ms(t0));
                }
            }
        } catch (Exception e) {
            return DriverResult.failed(id(), e, host, ms(t0));
        }
    }

    /** Where the policy is enforced for a driver, in words. */
    static String tlsNote(SslPolicy policy, String how) {
        if (policy instanceof SslPolicy.Disabled) {
            return "plaintext: no TLS is configured";
        }
        return Explanation.kind(policy) + " enforced during the handshake by pgssl (" + how + ")";
    }

    static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
