/**
 * The reliability harness: HikariCP (pgjdbc), r2dbc-pool and the Vert.x pool, all through pgssl in
 * {@code sslmode=verify-full}, under concurrent load against throwaway testkit servers while the
 * server restarts, is killed, stalls, rotates certificates or turns hostile. {@link
 * io.github.pgssl.reliability.ReliabilityRun} runs every scenario and writes the report; {@code
 * reliability/run.sh} is the one command. Not published.
 */
package io.github.pgssl.reliability;
