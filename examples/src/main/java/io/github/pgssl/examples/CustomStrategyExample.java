package io.github.pgssl.examples;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.examples.strategy.EnvironmentCaStrategy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A custom SSL policy strategy, selected by name: {@code pgssl.strategy=env-ca} makes pgssl take
 * the CA from the environment variable {@code PGSSL_CA_PEM} (see {@link EnvironmentCaStrategy}).
 *
 * <pre>{@code
 * PGSSL_CA_PEM="$(cat ca.pem)" DATABASE_URL='postgresql://app@db.example.com/app?pgssl.strategy=env-ca' \
 *   java -cp pgssl-examples.jar io.github.pgssl.examples.CustomStrategyExample
 * }</pre>
 */
public final class CustomStrategyExample {
    private CustomStrategyExample() {
    }

    /** Resolves the policy (to show which strategy made it) and connects through JDBC with it. */
    public static String run(String connectionString, PgEnvironment environment) throws SQLException {
        SslPolicy policy = PgSsl.policy(PgSsl.settings(connectionString, environment), environment);
        DataSource ds = PgSsl.configure(connectionString, DataSource.class, environment);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select ssl, version from pg_stat_ssl where pid = pg_backend_pid()")) {
            rs.next();
            return "strategy " + policy.strategy() + " (" + policy.getClass().getSimpleName() + "): "
                    + Describe.tls(rs.getBoolean(1), rs.getString(2));
        }
    }

    public static void main(String[] args) throws SQLException {
        try (ExampleDatabase db = ExampleDatabase.open()) {
            PgEnvironment env = PgEnvironment.system();
            String url = db.url();
            if (db.isEmbedded()) {
                // The embedded server's CA goes into the variable, and the URL names the strategy instead of sslrootcert.
                env = env.withVariable(EnvironmentCaStrategy.DEFAULT_VARIABLE, db.caPem());
                url = url.substring(0, url.indexOf('?')) + "?pgssl.strategy=" + EnvironmentCaStrategy.NAME;
            }
            System.out.println(run(url, env));
        }
    }
}
