package io.github.pgssl.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.pgssl.PgSsl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * HikariCP over pgssl's DataSource: every pooled connection is made with libpq's TLS meaning
 * (host order, hostaddr, fallback) and shares one TLS context.
 */
public final class HikariExample {
    private HikariExample() {
    }

    /** Opens a pool of two, borrows a connection from it twice and describes the TLS session. */
    public static String run(String connectionString) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setDataSource(PgSsl.configure(connectionString, DataSource.class));
        config.setMaximumPoolSize(2);
        config.setPoolName("pgssl-example");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            String last = null;
            for (int i = 0; i < 2; i++) {
                try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("select version(), ssl, version from pg_stat_ssl where pid = pg_backend_pid()")) {
                    rs.next();
                    last = "hikari: " + Describe.server(rs.getString(1)) + ", " + Describe.tls(rs.getBoolean(2), rs.getString(3));
                }
            }
            return last;
        }
    }

    public static void main(String[] args) throws SQLException {
        try (ExampleDatabase db = ExampleDatabase.open()) {
            System.out.println(run(db.url()));
        }
    }
}
