package io.github.pgssl.flyway;

import io.github.pgssl.jdbc.PgSslDriver;

import java.sql.Connection;
import java.util.List;
import java.util.regex.Pattern;

import org.flywaydb.database.postgresql.PostgreSQLDatabaseType;

/**
 * A Flyway database type for {@code jdbc:pgssl:} URLs: Flyway's own URL configuration (the CLI, the
 * Maven and Gradle plugins, {@code Flyway.configure().dataSource(url, user, password)},
 * {@code spring.flyway.url}) opens connections through {@link PgSslDriver}, so the URL means what
 * libpq makes of it. Without it Flyway stops with "No Flyway database plugin found to handle
 * jdbc:pgssl:..." and prints the URL, password included.
 *
 * <p>Only the URL is handled here: once connected, Flyway asks each type whether it handles the
 * connection's product name, this one says no, and Flyway's own PostgreSQL support does the
 * migrating (the connection is pgjdbc's). Found by Flyway through
 * {@code META-INF/services/org.flywaydb.core.extensibility.Plugin}.
 *
 * <p><b>Security:</b> Flyway redacts URLs in its messages with {@link #getJDBCCredentialsPatterns()};
 * the patterns here cover the password in a URI's user-info, in a query ({@code ?password=}) and
 * in keyword/value form ({@code password=... sslpassword='...'}).
 */
public class PgSslFlywayDatabaseType extends PostgreSQLDatabaseType {
    private static final String PREFIX = PgSslDriver.PREFIX;
    private static final List<Pattern> CREDENTIALS = List.of(
            // postgresql://user:PASSWORD@host (the user-info ends at the last '@' before the path)
            Pattern.compile("^jdbc:pgssl:[A-Za-z0-9+.-]+://[^/?#]*?:([^/?#]+)@"),
            // ?password=PASSWORD, and keyword/value password=PASSWORD or password='PASS WORD'
            Pattern.compile("(?i)(?:^jdbc:pgssl:|[?&\\s])password\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|[^&\\s]+)"),
            // the client key's passphrase, in either form
            Pattern.compile("(?i)(?:^jdbc:pgssl:|[?&\\s])sslpassword\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|[^&\\s]+)"));

    /** For Flyway's plugin loader. */
    public PgSslFlywayDatabaseType() {
    }

    @Override
    public String getName() {
        return "PostgreSQL (pgssl)";
    }

    @Override
    public boolean handlesJDBCUrl(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public String getDriverClass(String url, ClassLoader classLoader) {
        return PgSslDriver.class.getName();
    }

    /** Never claims a connection: Flyway's PostgreSQL type migrates once connected. */
    @Override
    public boolean handlesDatabaseProductNameAndVersion(String databaseProductName, String databaseProductVersion,
            Connection connection) {
        return false;
    }

    /** The credentials come from the connection string (or pgpass, a service file, PG* variables). */
    @Override
    public boolean detectUserRequiredByUrl(String url) {
        return false;
    }

    /** libpq may find the password in pgpass, or need none (certificate, trust); never prompt. */
    @Override
    public boolean detectPasswordRequiredByUrl(String url) {
        return false;
    }

    @Override
    public Pattern getJDBCCredentialsPattern() {
        return CREDENTIALS.get(0);
    }

    @Override
    public List<Pattern> getJDBCCredentialsPatterns() {
        return CREDENTIALS;
    }
}
