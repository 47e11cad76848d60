/**
 * JUnit Jupiter support: {@link io.github.pgssl.testkit.junit.TlsPostgres} gives a test class one
 * throwaway PostgreSQL server and its PKI as method parameters.
 */
package io.github.pgssl.testkit.junit;
