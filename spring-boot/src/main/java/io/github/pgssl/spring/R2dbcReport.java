package io.github.pgssl.spring;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.PolicyDescription;
import io.r2dbc.spi.ConnectionFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code pgssl} endpoint's report for {@code spring.r2dbc.url} ({@code r2dbc:pgssl:} or
 * {@code r2dbc:pool:pgssl:}): the same fields as for a DataSource, the connection checked through
 * the application's {@link ConnectionFactory}. Loaded only when R2DBC and Reactor are present.
 */
final class R2dbcReport {
    private static final List<String> PREFIXES = List.of("r2dbc:pgssl:", "r2dbc:pool:pgssl:", "r2dbcs:pgssl:");

    private R2dbcReport() {
    }

    /** The part after the R2DBC prefix, or {@code null} when the URL is not pgssl's. */
    static String connectionString(String url) {
        if (url == null) {
            return null;
        }
        for (String p : PREFIXES) {
            if (url.startsWith(p)) {
                return url.substring(p.length());
            }
        }
        return null;
    }

    /** The TLS facts for the {@code r2dbc} health, without blocking: policy, and the connection's protocol and cipher. */
    static Mono<Map<String, Object>> tls(String url, ConnectionFactory cf) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> secrets;
        try {
            ConnectionSettings settings = PgSsl.settings(connectionString(url), PgEnvironment.system());
            secrets = PgSslReport.secrets(settings);
            io.github.pgssl.SslPolicy policy = PgSsl.policy(settings, PgEnvironment.system());
            m.put("policy", PolicyDescription.kind(policy));
            m.put("serverAuthenticated", policy.authenticatesServer());
        } catch (RuntimeException e) {
            m.put("error", e.getMessage());
            return Mono.just(m);
        }
        return Mono.usingWhen(Mono.from(cf.create()),
                        c -> Flux.from(c.createStatement("select s.ssl, s.version, s.cipher from pg_stat_ssl s"
                                        + " where s.pid = pg_backend_pid()").execute())
                                .flatMap(r -> r.map((rw, md) -> Arrays.<Object>asList(rw.get(0, Boolean.class),
                                        rw.get(1, String.class), rw.get(2, String.class))))
                                .next(),
                        c -> c.close())
                .map(row -> {
                    m.put("ssl", row.get(0));
                    m.put("protocol", row.get(1));
                    m.put("cipher", row.get(2));
                    return m;
                })
                .onErrorResume(e -> {
                    String message = String.valueOf(e.getMessage());
                    for (String s : secrets) {
                        message = message.replace(s, io.github.pgssl.Secret.MASK);
                    }
                    m.put("error", message);
                    return Mono.just(m);
                });
    }

    static Map<String, Object> report(String url, ConnectionFactory cf) {
        Map<String, Object> m = new LinkedHashMap<>();
        String rest = connectionString(url);
        List<String> secrets;
        try {
            ConnectionSettings explicit = PgSsl.parse(rest);
            m.put("url", url.substring(0, url.length() - rest.length()) + explicit.toRedactedUrl());
            m.put("form", explicit.dialect());
            ConnectionSettings settings = PgSsl.settings(rest, PgEnvironment.system());
            secrets = PgSslReport.secrets(settings);
            m.put("sslmode", settings.get("sslmode").orElse("prefer"));
            m.put("policy", PgSslReport.policy(PgSsl.policy(settings, PgEnvironment.system()), settings));
        } catch (RuntimeException e) {
            m.putIfAbsent("url", "(invalid)");
            m.put("connection", "Failed");
            m.put("error", e.getMessage());
            m.put("error_type", e.getClass().getName());
            return m;
        }
        try {
            List<Object> row = Mono.usingWhen(Mono.from(cf.create()),
                    c -> Flux.from(c.createStatement("select s.ssl, s.version, s.cipher, current_setting('server_version')"
                                    + " from pg_stat_ssl s where s.pid = pg_backend_pid()").execute())
                            .flatMap(r -> r.map((rw, md) -> Arrays.<Object>asList(rw.get(0, Boolean.class), rw.get(1, String.class),
                                    rw.get(2, String.class), rw.get(3, String.class))))
                            .next(),
                    c -> c.close()).block(Duration.ofSeconds(30));
            m.put("connection", "OK");
            m.put("ssl", row.get(0));
            m.put("tls_version", row.get(1));
            m.put("cipher", row.get(2));
            m.put("server_version", row.get(3));
        } catch (RuntimeException e) {
            Throwable cause = reactor.core.Exceptions.unwrap(e);
            String message = String.valueOf(cause.getMessage());
            for (String s : secrets) {
                message = message.replace(s, io.github.pgssl.Secret.MASK);
            }
            m.put("connection", "Failed");
            m.put("ssl", null);
            m.put("tls_version", null);
            m.put("cipher", null);
            m.put("server_version", null);
            m.put("error", message);
            m.put("error_type", cause.getClass().getName());
        }
        return m;
    }
}
