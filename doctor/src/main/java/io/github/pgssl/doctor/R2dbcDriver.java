package io.github.pgssl.doctor;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgSsl;
import io.github.pgssl.Secret;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.r2dbc.PgSslConnectionFactory;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** r2dbc-postgresql through pgssl-r2dbc: a {@link ConnectionFactory}. */
final class R2dbcDriver implements DriverKind {
    /** r2dbc prints a password as stars of its length; the doctor never reveals a length. */
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password\\s*[=:]\\s*'?)[^',}\\s]*");

    @Override
    public String id() {
        return "r2dbc";
    }

    @Override
    public Object describeNative(ConnectionSettings settings, SslPolicy policy) {
        try {
            PgSslConnectionFactory cf = PgSsl.configure(settings, policy, PgSslConnectionFactory.class);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", cf.getClass().getName());
            m.put("hosts", cf.hosts());
            m.put("tls", JdbcDriver.tlsNote(policy, "r2dbc's SSL mode only switches TLS on; the SslEngine pgssl "
                    + "supplies carries the policy"));
            try {
                m.put("first_attempt", redact(cf.firstAttemptConfiguration().toString()));
            } catch (RuntimeException e) {
                m.put("first_attempt", "unavailable: " + Hints.safeMessage(e));
            }
            return m;
        } catch (RuntimeException e) {
            return "cannot configure: " + Hints.safeMessage(e);
        }
    }

    /** Object identities of lambdas say nothing to a reader. */
    private static final Pattern LAMBDA = Pattern.compile("[\\w.$]+\\$\\$Lambda[\\w$/]*@[0-9a-f]+");

    static String redact(String s) {
        String r = PASSWORD.matcher(s).replaceAll("$1" + Secret.MASK.replace("*", "\\*"));
        return LAMBDA.matcher(r).replaceAll("(function)");
    }

    @Override
    public DriverResult connect(ConnectionSettings settings, SslPolicy policy, Duration timeout) {
        long t0 = System.nanoTime();
        String host = settings.hosts().isEmpty() ? null : settings.hosts().get(0);
        try {
            ConnectionFactory cf = PgSsl.configure(settings, policy, ConnectionFactory.class);
            List<Object> row = Mono.usingWhen(Mono.from(cf.create()),
                    c -> query(c, "select version()").flatMap(v -> query(c, SSL_QUERY)
                            .map(ssl -> List.<Object>of(v.get(0), ssl))
                            .defaultIfEmpty(List.of(v.get(0)))),
                    Connection::close).block(timeout.plusSeconds(1));
            if (row == null) {
                throw new IllegalStateException("no answer to select version()");
            }
            String version = String.valueOf(row.get(0));
            if (row.size() > 1) {
                @SuppressWarnings("unchecked")
                List<Object> ssl = (List<Object>) row.get(1);
                return DriverResult.ok(id(), version, (Boolean) ssl.get(0), (String) ssl.get(1), (String) ssl.get(2), JdbcDriver.ms(t0));
            }
            return DriverResult.ok(id(), version, null, null, null, JdbcDriver.ms(t0));
        } catch (Exception e) {
            return DriverResult.failed(id(), e, host, JdbcDriver.ms(t0));
        }
    }

    private static Mono<List<Object>> query(Connection c, String sql) {
        return Flux.from(c.createStatement(sql).execute())
                .flatMap(r -> r.map((row, md) -> {
                    int n = md.getColumnMetadatas().size();
                    java.util.ArrayList<Object> out = new java.util.ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        out.add(row.get(i));
                    }
                    return (List<Object>) out;
                }))
                .next();
    }
}
