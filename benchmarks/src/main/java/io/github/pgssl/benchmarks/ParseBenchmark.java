package io.github.pgssl.benchmarks;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing connection strings ({@code PgSsl.parse}) in each form core reads, plus the environment
 * merge ({@code PgSsl.settings}) with an injected, file-less environment. The headline case is a
 * 200-character libpq URI with userinfo, three hosts, an IPv6 address and TLS parameters.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParseBenchmark {
    /** 200 characters exactly (checked in {@link #setUp()}). */
    static final String URI_200 = "postgresql://app_user:s3cr%40t@db1.example.com:5432,db2.example.com:5433,[2001:db8::7]:5434/"
            + "orders?sslmode=verify-full&sslrootcert=/etc/pg/ca.pem&application_name=benchXYZ&target_session_attrs=primary";

    static final String KEYWORD_VALUE = "host=db1.example.com port=5432 dbname=orders user=app_user password='s3cr@t' "
            + "sslmode=verify-full sslrootcert=/etc/pg/ca.pem application_name=bench";
    static final String JDBC = "jdbc:postgresql://db1.example.com:5432,db2.example.com:5433/orders?user=app_user"
            + "&password=s3cr%40t&sslmode=verify-full&sslrootcert=/etc/pg/ca.pem&ApplicationName=bench&prepareThreshold=5";
    static final String R2DBC = "r2dbc:postgresql://app_user:s3cr%40t@db1.example.com:5432/orders?sslMode=verify-full"
            + "&sslRootCert=/etc/pg/ca.pem&applicationName=bench&connectTimeout=PT10S";
    static final String SQLALCHEMY = "postgresql+asyncpg://app_user:s3cr%40t@db1.example.com:5432/orders?ssl=verify-full";

    private PgEnvironment env;

    @Setup
    public void setUp() {
        if (URI_200.length() != 200) {
            throw new IllegalStateException("URI_200 has " + URI_200.length() + " characters");
        }
        // No home directory and no variables: no file is read, only the merge itself is measured.
        env = PgEnvironment.of(Map.of("PGAPPNAME", "x"), null).withOsUser("bench");
        PgSsl.parse(URI_200); // fail fast if the string stopped parsing
    }

    @Benchmark
    public ConnectionSettings uri200() {
        return PgSsl.parse(URI_200);
    }

    @Benchmark
    public ConnectionSettings keywordValue() {
        return PgSsl.parse(KEYWORD_VALUE);
    }

    @Benchmark
    public ConnectionSettings jdbc() {
        return PgSsl.parse(JDBC);
    }

    @Benchmark
    public ConnectionSettings r2dbc() {
        return PgSsl.parse(R2DBC);
    }

    @Benchmark
    public ConnectionSettings sqlalchemy() {
        return PgSsl.parse(SQLALCHEMY);
    }

    @Benchmark
    public ConnectionSettings uri200WithEnvironment() {
        return PgSsl.settings(URI_200, env);
    }

    @Benchmark
    public String uri200Redacted() {
        return PgSsl.parse(URI_200).toRedactedUrl();
    }
}
