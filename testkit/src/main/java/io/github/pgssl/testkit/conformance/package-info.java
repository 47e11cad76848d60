/**
 * The shared conformance suite: {@link io.github.pgssl.testkit.conformance.ConformanceSuite} runs every
 * {@link io.github.pgssl.testkit.conformance.ConformanceCases case} (sslmode x server situation and more)
 * through a {@link io.github.pgssl.testkit.conformance.ConformanceClient} and checks libpq's
 * {@link io.github.pgssl.testkit.conformance.Outcome}.
 */
package io.github.pgssl.testkit.conformance;
