package io.github.pgssl.jdbc;

import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.Outcome;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs the conformance query on a JDBC connection and reports TLS or plaintext. */
final class JdbcOutcomes {
    private JdbcOutcomes() {
    }

    static Outcome of(Connection c) throws SQLException {
        try (c; Statement st = c.createStatement(); ResultSet rs = st.executeQuery(ConformanceClient.QUERY)) {
            if (rs.next() && rs.getBoolean(1)) {
                return new Outcome.Tls(rs.getString(2));
            }
            return new Outcome.Plaintext();
        }
    }

    /** {@code TLSv1.3} when the session is encrypted, {@code plaintext} otherwise. */
    static String state(Connection c) throws SQLException {
        Outcome o = of(c);
        return o instanceof Outcome.Tls t ? t.protocol() : "plaintext";
    }
}
