package io.github.pgssl.r2dbc;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.PgSslException;
import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.Outcome;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.R2dbcException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The two ways an application reaches r2dbc-postgresql through pgssl, as conformance clients. */
final class R2dbcConformanceClients {
    private R2dbcConformanceClients() {
    }

    /** {@code PgSsl.configure(cs, ConnectionFactory.class, env)}: core's façade finds this adapter. */
    static ConformanceClient adapter() {
        return (cs, env) -> outcome(() -> PgSsl.configure(cs, ConnectionFactory.class, env));
    }

    /** {@code ConnectionFactories.get("r2dbc:pgssl:postgresql://...")}, the string rewritten as such a URL. */
    static ConformanceClient url() {
        return (cs, env) -> outcome(() -> ConnectionFactories.get(ConnectionFactoryOptions.parse(toR2dbcUrl(cs)).mutate()
                .option(PgSslR2dbc.ENVIRONMENT, env).build()));
    }

    /**
     * A libpq connection string as an {@code r2dbc:pgssl:} URL: user and password in the userinfo,
     * hosts and ports in the authority, dbname as the path, every other keyword in the query.
     */
    static String toR2dbcUrl(String connectionString) {
        ConnectionSettings s = PgSsl.parse(connectionString);
        StringBuilder url = new StringBuilder("r2dbc:pgssl:postgresql://");
        String user = s.get("user").orElse(null);
        String password = s.password().map(p -> p.reveal()).orElse(null);
        if (user != null || password != null) {
            url.append(user == null ? "" : encode(user));
            if (password != null) {
                url.append(':').append(encode(password));
            }
            url.append('@');
        }
        List<String> hosts = s.hosts();
        List<String> ports = s.ports();
        StringJoiner authority = new StringJoiner(",");
        int n = Math.max(hosts.size(), Math.max(ports.size(), 1));
        for (int i = 0; i < n; i++) {
            String h = hosts.isEmpty() ? "" : hosts.get(Math.min(i, hosts.size() - 1));
            String p = ports.isEmpty() ? "" : ports.get(ports.size() == 1 ? 0 : i);
            authority.add((h.contains(":") ? "[" + h + "]" : encode(h)) + (p.isEmpty() ? "" : ":" + p));
        }
        url.append(authority);
        s.get("dbname").ifPresent(d -> url.append('/').append(encode(d)));
        char sep = '?';
        for (Map.Entry<String, String> e : s.keywords().entrySet()) {
            if (List.of("user", "host", "port", "dbname").contains(e.getKey())) {
                continue;
            }
            url.append(sep).append(e.getKey()).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        for (String secret : s.secretKeywords()) {
            if (!secret.equals("password")) {
                url.append(sep).append(secret).append('=').append(encode(s.secret(secret).orElseThrow().reveal()));
                sep = '&';
            }
        }
        return url.toString();
    }

    interface FactorySource {
        ConnectionFactory get();
    }

    private static Outcome outcome(FactorySource source) {
        try {
            ConnectionFactory cf = source.get();
            String state = Mono.usingWhen(Mono.from(cf.create()), R2dbcConformanceClients::sslState, Connection::close)
                    .block(Duration.ofSeconds(45));
            return "plaintext".equals(state) ? new Outcome.Plaintext() : new Outcome.Tls(state);
        } catch (R2dbcException | PgSslException e) {
            return new Outcome.Failed(e.getMessage());
        }
    }

    private static Mono<String> sslState(Connection c) {
        return Flux.from(c.createStatement(ConformanceClient.QUERY).execute())
                .flatMap(r -> r.map((row, md) -> Boolean.TRUE.equals(row.get(0, Boolean.class)) ? row.get(1, String.class) : "plaintext"))
                .next()
                .defaultIfEmpty("plaintext");
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters (for building test URLs). */
    static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
