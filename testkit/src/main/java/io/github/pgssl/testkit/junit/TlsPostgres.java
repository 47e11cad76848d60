package io.github.pgssl.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one throwaway PostgreSQL server for the annotated test class and injects it (and its PKI)
 * into test methods, constructors and lifecycle methods:
 *
 * <pre>{@code
 * @TlsPostgres
 * class MyAppIT {
 *     @Test
 *     void connectsWithVerifyFull(PostgresServer server, TestPki pki, @TempDir Path dir) {
 *         Path root = pki.root().writeCertificatePem(dir.resolve("root.crt"));
 *         String conninfo = "host=" + TestPki.SERVER_NAME + " hostaddr=127.0.0.1 port=" + server.port()
 *                 + " user=ssltestuser dbname=trustdb sslmode=verify-full sslrootcert=" + root;
 *         ...
 *     }
 * }
 * }</pre>
 *
 * @see PostgresServerExtension
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PostgresServerExtension.class)
public @interface TlsPostgres {
    /** {@return whether the server has TLS on (default) or {@code ssl=off}} */
    boolean tls() default true;
}
