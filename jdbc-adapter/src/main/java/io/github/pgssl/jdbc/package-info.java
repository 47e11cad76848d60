/**
 * pgssl for pgjdbc: libpq's TLS meaning for a connection string, as a {@link javax.sql.DataSource}
 * ({@link io.github.pgssl.jdbc.PgSslDataSource}), as the {@code jdbc:pgssl:} driver
 * ({@link io.github.pgssl.jdbc.PgSslDriver}), or as pgjdbc's URL plus Properties
 * ({@link io.github.pgssl.jdbc.JdbcConfiguration}).
 *
 * <p>Entry points: {@link io.github.pgssl.jdbc.PgSslJdbc}, or {@code PgSsl.configure(url, DataSource.class)}
 * through the adapter SPI ({@link io.github.pgssl.jdbc.JdbcDriverAdapter}). TLS goes through
 * {@link io.github.pgssl.jdbc.PgSslSocketFactory}, pgjdbc's {@code sslfactory}, which shares core's cached
 * material; Unix-domain socket hosts go through {@link io.github.pgssl.jdbc.PgSslUnixSocketFactory}.
 */
package io.github.pgssl.jdbc;
