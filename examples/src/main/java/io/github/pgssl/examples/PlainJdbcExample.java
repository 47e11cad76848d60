package io.github.pgssl.examples;

import io.github.pgssl.PgSsl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Plain JDBC: one connection string, libpq's TLS meaning, a {@link DataSource}.
 *
 * <pre>{@code
 * DATABASE_URL='postgresql://app@db.example.com/app?sslmode=verify-full&sslrootcert=/etc/pg/ca.pem' \
 *   java -cp pgssl-examples.jar io.github.pgssl.examples.PlainJdbcExample
 * }</pre>
 */
public final class PlainJdbcExample {
    private PlainJdbcExample() {
    }

    /** Connects once and describes the connection. */
    public static String run(String connectionString) throws SQLException {
        DataSource ds = PgSsl.configure(connectionString, DataSource.class);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select version(), ssl, version from pg_stat_ssl where pid = pg_backend_pid()")) {
            rs.next();
            return "jdbc: " + Describe.server(rs.getString(1)) + ", " + Describe.tls(rs.getBoolean(2), rs.getString(3));
        }
    }

    public static void main(String[] args) throws SQLException {
        try (ExampleDatabase db = ExampleDatabase.open()) {
            System.out.println(run(db.url()));
        }
    }
}
