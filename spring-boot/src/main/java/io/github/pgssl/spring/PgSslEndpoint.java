package io.github.pgssl.spring;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code pgssl} actuator endpoint ({@code GET /actuator/pgssl} once exposed with
 * {@code management.endpoints.web.exposure.include=pgssl}): for every {@code jdbc:pgssl:}
 * DataSource, the URL's form (redacted), the sslmode, the policy in words, whether a connection
 * works, the TLS version and cipher, the server version, and on failure the error and its type;
 * and the same for {@code spring.r2dbc.url} ({@code r2dbc:pgssl:}, {@code r2dbc:pool:pgssl:}) through
 * the application's {@code ConnectionFactory}.
 *
 * <p><b>Security:</b> never a secret: the URL is redacted, connection secrets are masked in error
 * text. It does open a connection per call: expose it as you would the health endpoint.
 */
@Endpoint(id = "pgssl")
public class PgSslEndpoint {
    private static final boolean R2DBC = org.springframework.util.ClassUtils.isPresent("io.r2dbc.spi.ConnectionFactory",
            PgSslEndpoint.class.getClassLoader()) && org.springframework.util.ClassUtils.isPresent("reactor.core.publisher.Mono",
            PgSslEndpoint.class.getClassLoader());

    private final ObjectProvider<Map<String, DataSource>> dataSources;
    private final org.springframework.beans.factory.BeanFactory beanFactory;
    private final org.springframework.core.env.Environment environment;

    /**
     * @param dataSources the application's DataSources, by bean name
     * @param beanFactory where the R2DBC {@code ConnectionFactory} is looked up, if any
     * @param environment where {@code spring.r2dbc.url} is read
     */
    public PgSslEndpoint(ObjectProvider<Map<String, DataSource>> dataSources, org.springframework.beans.factory.BeanFactory beanFactory,
                         org.springframework.core.env.Environment environment) {
        this.dataSources = dataSources;
        this.beanFactory = beanFactory;
        this.environment = environment;
    }

    /**
     * The report.
     *
     * @return {@code {"dataSources": {beanName: report}}}
     */
    @ReadOperation
    public Map<String, Object> report() {
        Map<String, Object> sources = new LinkedHashMap<>();
        Map<String, DataSource> all = dataSources.getIfAvailable(Map::of);
        all.forEach((name, ds) -> {
            PgSslReport.Target t = PgSslReport.target(ds);
            if (t != null) {
                sources.put(name, PgSslReport.jdbc(ds, t));
            }
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataSources", sources);
        String r2dbcUrl = environment.getProperty("spring.r2dbc.url");
        if (R2DBC && R2dbcReport.connectionString(r2dbcUrl) != null) {
            io.r2dbc.spi.ConnectionFactory cf = beanFactory.getBeanProvider(io.r2dbc.spi.ConnectionFactory.class).getIfUnique();
            if (cf != null) {
                m.put("r2dbc", R2dbcReport.report(r2dbcUrl, cf));
            }
        }
        return m;
    }
}
