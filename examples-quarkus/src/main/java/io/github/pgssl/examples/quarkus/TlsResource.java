package io.github.pgssl.examples.quarkus;

import io.agroal.api.AgroalDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What each datasource's connection is: {@code ssl, protocol, user} from {@code pg_stat_ssl},
 * over JDBC ({@code /tls/jdbc}) and over the reactive pool ({@code /tls/reactive}).
 */
@Path("/tls")
@Produces(MediaType.TEXT_PLAIN)
public class TlsResource {
    static final String QUERY = "select ssl::text || ' ' || coalesce(version, '-') || ' ' || current_user"
            + " from pg_stat_ssl where pid = pg_backend_pid()";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Pool pool;

    /**
     * The JDBC datasource's connection.
     *
     * @return {@code ssl protocol user}
     * @throws SQLException when the database cannot be reached
     */
    @GET
    @Path("/jdbc")
    public String jdbc() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * The reactive pool's connection.
     *
     * @return {@code ssl protocol user}
     */
    @GET
    @Path("/reactive")
    public Uni<String> reactive() {
        return pool.query(QUERY).execute().map(rows -> {
            Row row = rows.iterator().next();
            return row.getString(0);
        });
    }
}
