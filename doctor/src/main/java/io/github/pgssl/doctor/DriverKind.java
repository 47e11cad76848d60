package io.github.pgssl.doctor;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.SslPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One of the three drivers the doctor connects through. */
interface DriverKind {

    /** {@code jdbc}, {@code r2dbc} or {@code vertx}. */
    String id();

    /** The native configuration pgssl builds for this driver, as plain redacted values (or an error text). */
    Object describeNative(ConnectionSettings settings, SslPolicy policy);

    /** A real connection: {@code select version()} and this backend's {@code pg_stat_ssl} row. Never throws. */
    DriverResult connect(ConnectionSettings settings, SslPolicy policy, Duration timeout);

    /** The SQL reading this backend's TLS state. */
    String SSL_QUERY = "select ssl, version, cipher from pg_stat_ssl where pid = pg_backend_pid()";

    static List<DriverKind> all() {
        return List.of(new JdbcDriver(), new R2dbcDriver(), new VertxDriver());
    }

    /** Drivers by id, in the given order; throws {@link IllegalArgumentException} naming the valid ids. */
    static List<DriverKind> select(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return all();
        }
        List<DriverKind> out = new ArrayList<>();
        for (String id : ids) {
            DriverKind found = null;
            for (DriverKind d : all()) {
                if (d.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                    found = d;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("--driver: unknown driver \"" + id + "\"; use jdbc, r2dbc or vertx");
            }
            if (out.stream().noneMatch(d -> d.id().equals(id))) {
                out.add(found);
            }
        }
        return out;
    }
}
