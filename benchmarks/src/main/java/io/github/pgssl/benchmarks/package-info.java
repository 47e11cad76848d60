/**
 * JMH microbenchmarks for core and the connection-setup harness. Not part of {@code mvn verify}'s
 * tests; run with {@code java -jar benchmarks/target/benchmarks.jar}.
 */
package io.github.pgssl.benchmarks;
