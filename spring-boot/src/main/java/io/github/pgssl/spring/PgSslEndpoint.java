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
 * works, the TLS version and cipher, the server version, and on failure the error and its type.
 *
 * <p><b>Security:</b> never a secret: the URL is redacted, connection secrets are masked in error
 * text. It does open a connection per call: expose it as you would the health endpoint.
 */
@Endpoint(id = "pgssl")
public class PgSslEndpoint {
    private final ObjectProvider<Map<String, DataSource>> dataSources;

    /**
     * @param dataSources the application's DataSources, by bean name
     */
    public PgSslEndpoint(ObjectProvider<Map<String, DataSource>> dataSources) {
        this.dataSources = dataSources;
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
        return m;
    }
}
