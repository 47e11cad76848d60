/**
 * Throwaway PostgreSQL servers for tests: {@link io.github.pgssl.testkit.server.PostgresServer} (start,
 * switch certificates, restart, close), {@link io.github.pgssl.testkit.server.ServerTls},
 * {@link io.github.pgssl.testkit.server.ServerPresets} (users, databases, pg_hba presets) and
 * {@link io.github.pgssl.testkit.server.PostgresBinaries} (embedded or {@code PG_BIN}).
 */
package io.github.pgssl.testkit.server;
