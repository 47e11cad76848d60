package io.github.pgssl.examples.strategy;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TrustSource;
import io.github.pgssl.spi.SslPolicyStrategy;

/**
 * A strategy written outside pgssl-core: verify-full against a CA certificate passed as PEM text
 * in an environment variable, for platforms that hand out the CA as a variable and offer no
 * writable file system.
 *
 * <p>Selected with {@code pgssl.strategy=env-ca} in the connection string, or
 * {@code PGSSL_STRATEGY=env-ca}. The variable is {@code PGSSL_CA_PEM}, or the one named by
 * {@code pgssl.ca_env=<NAME>}. Registered in
 * {@code META-INF/services/io.github.pgssl.spi.SslPolicyStrategy}.
 *
 * <p><b>Security:</b> as strong as verify-full: the chain must reach the given CA and the
 * certificate must name {@code host}.
 */
public final class EnvironmentCaStrategy implements SslPolicyStrategy {
    /** The name users select this strategy by. */
    public static final String NAME = "env-ca";
    /** The default variable holding the CA certificate(s) as PEM. */
    public static final String DEFAULT_VARIABLE = "PGSSL_CA_PEM";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SslPolicy create(ConnectionSettings settings, PgEnvironment environment) {
        String variable = settings.pgsslOptions().getOrDefault("ca_env", DEFAULT_VARIABLE);
        String pem = environment.get(variable).orElseThrow(() -> new SslConfigurationException("pgssl.ca_env",
                "pgssl.strategy=env-ca: environment variable " + variable + " is not set; set it to the CA certificate in PEM"));
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new SslConfigurationException("pgssl.ca_env", "pgssl.strategy=env-ca: environment variable " + variable
                    + " holds no PEM certificate; set it to text starting with -----BEGIN CERTIFICATE-----");
        }
        TlsOptions tls = TlsOptions.defaults()
                .withTrust(TrustSource.pemText(pem))
                .withSni(!"0".equals(settings.get("sslsni").orElse("1")));
        return new SslPolicy.VerifyFull(tls, SslPolicy.Fallback.NONE, NAME);
    }
}
