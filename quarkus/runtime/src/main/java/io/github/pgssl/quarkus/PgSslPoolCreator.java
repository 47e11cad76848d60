package io.github.pgssl.quarkus;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.vertx4.PgSslVertx4;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.sqlclient.Pool;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The default reactive datasource's pool, built by pgssl from {@code quarkus.datasource.reactive.url}
 * as written (any form pgssl reads, {@code DATABASE_URL} when it is {@code ${DATABASE_URL}}), with
 * libpq's meaning: host lists and their order, {@code hostaddr}, SNI, {@code sslmode} fallback,
 * {@code connect_timeout}, and refusal reasons in libpq's words. Vert.x 4.5's own parse of the URL
 * (the {@code PgConnectOptions} in the {@link PgPoolCreator.Input}) is not used; the pool options
 * (size, idle time, event loops) are.
 *
 * <p>{@code quarkus.datasource.username} and {@code password} apply when the URL has none (as
 * libpq's {@code PGUSER}/{@code PGPASSWORD}); {@code quarkus.pgssl.tls-configuration-name} gives
 * the root certificates when the URL sets no {@code sslrootcert} (as {@code PGSSLROOTCERT}).
 */
@Singleton
public class PgSslPoolCreator implements PgPoolCreator {
    private final TlsRegistryTrust trust;

    /**
     * For CDI.
     *
     * @param trust the TLS registry trust, if configured
     */
    @Inject
    public PgSslPoolCreator(TlsRegistryTrust trust) {
        this.trust = trust;
    }

    @Override
    public Pool create(Input input) {
        Config config = ConfigProvider.getConfig();
        String url = config.getOptionalValue(PgSslReactiveUrlInterceptor.ORIGINAL + PgSslReactiveUrlInterceptor.URL, String.class)
                .orElse(null);
        PgEnvironment env = PgEnvironment.system();
        Optional<String> user = config.getOptionalValue("quarkus.datasource.username", String.class);
        Optional<String> password = config.getOptionalValue("quarkus.datasource.password", String.class);
        if (user.isPresent()) {
            env = env.withVariable("PGUSER", user.get());
        }
        if (password.isPresent()) {
            env = env.withVariable("PGPASSWORD", password.get());
        }
        Optional<java.nio.file.Path> root = trust.rootCertificate();
        if (root.isPresent()) {
            env = env.withVariable("PGSSLROOTCERT", root.get().toString());
        }
        return PgSslVertx4.pool(input.vertx(), url, env, input.poolOptions());
    }
}
