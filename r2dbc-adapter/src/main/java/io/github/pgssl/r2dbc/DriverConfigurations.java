package io.github.pgssl.r2dbc;

import io.github.pgssl.ConnectionPlan;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.Endpoint;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslNegotiation;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsEngine;
import io.github.pgssl.TlsMaterial;
import io.github.pgssl.spi.AuthenticationGuard;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.postgresql.client.SSLNegotiation;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLParameters;

/**
 * Builds r2dbc-postgresql configurations for one host and one attempt (plaintext or TLS).
 *
 * <p>TLS is handed to the driver as {@link SSLMode#REQUIRE} (or {@link SSLMode#PREFER} for libpq's
 * {@code prefer}, so that a server answering {@code N} to the SSLRequest is used in plaintext on the
 * same connection, as libpq does): the driver then runs no hostname verifier of its own. The engine the driver creates is replaced by
 * one from pgssl's shared {@link TlsMaterial}, created for libpq's {@code host} (not the address
 * connected to), so the trust manager checks chain and hostname by libpq's rules during the
 * handshake and SNI follows libpq (DNS names only, none with {@code sslsni=0}).
 */
final class DriverConfigurations {

    /** Connection-level options pgssl owns; driver options with these names are not passed on. */
    private static final Set<String> OWNED = Set.of("driver", "protocol", "host", "port", "user", "password",
            "database", "socket", "ssl", "failover");

    /** The native TLS engines this adapter can run ({@code pgssl.tls_engine}), fastest first. */
    static final List<TlsEngine> NATIVE_ENGINES = List.of(TlsEngine.OPENSSL, TlsEngine.CONSCRYPT);

    private DriverConfigurations() {
    }

    /** A plaintext attempt. */
    static PostgresqlConnectionConfiguration plaintext(ConnectionPlan plan, ConnectionPlan.Host host,
                                                       ConnectionFactoryOptions driverOptions) {
        return base(plan, host, driverOptions).sslMode(SSLMode.DISABLE).build();
    }

    /** A TLS attempt enforcing {@code policy} with the material {@code material} supplies (called per handshake). */
    static PostgresqlConnectionConfiguration tls(ConnectionPlan plan, ConnectionPlan.Host host,
                                                 ConnectionFactoryOptions driverOptions, SslPolicy.Tls policy,
                                                 Supplier<TlsMaterial> material) {
        Endpoint target = host.endpoint();
        if (target.isUnixSocket()) {
            throw new IllegalArgumentException("no TLS over a Unix-domain socket");
        }
        String verifyHost = target.verifyHost().isEmpty() ? null : target.verifyHost();
        int port = target.port();
        boolean direct = policy.options().negotiation() == SslNegotiation.DIRECT;
        // require_auth, channel_binding=require, sslcertmode=require: pgssl reads the server's authentication
        // request on its engine, before the driver answers it (see AuthenticationGuard).
        AuthenticationGuard guard = AuthenticationGuard.of(plan.settings(), policy, DriverSupport.CHANNEL_BINDING);
        // pgssl.tls_engine: Netty's OpenSSL engine built on pgssl's managers, or the material's own engine
        // (the JDK's, or Conscrypt's, which Netty's SslHandler runs as well).
        TlsEngine engine = policy.options().engine().forDriver("r2dbc-postgresql", NATIVE_ENGINES, policy.options());
        Function<SSLEngine, SSLEngine> engines = engine == TlsEngine.OPENSSL
                ? driverEngine -> OpenSslEngines.create(material.get(), verifyHost, port)
                : driverEngine -> material.get().createEngine(verifyHost, port);
        PostgresqlConnectionConfiguration.Builder b = base(plan, host, driverOptions);
        DriverDefaultFiles.keepDriverFromDefaults(b);
        if (DriverSupport.SSL_NEGOTIATION) {
            Negotiation.apply(b, direct);
        }
        return b
                // PREFER: 'N' continues in plaintext on this connection; the driver itself also retries in
                // plaintext after a 28000/28P01 startup error (PgSslConnectionFactory accounts for that retry).
                // Not with a guard: an 'N' would continue in plaintext, where pgssl cannot read the exchange.
                .sslMode(policy.fallback() == SslPolicy.Fallback.PLAINTEXT_AFTER_TLS_FAILURE && !direct && !guard.active()
                        ? SSLMode.PREFER : SSLMode.REQUIRE)
                // r2dbc would add the connect address (even an IP literal) as SNI; pgssl's parameters decide.
                .sslSni(false)
                // The driver builds a context per attempt; see driverContext.
                .sslContextBuilderCustomizer(DriverConfigurations::driverContext)
                // These parameters only reach the driver's own engine, which is discarded below. They must stay
                // free of server names: with DIRECT the driver appends the connect address as SNI even when
                // sslSni is false, and two host names make SSLParameters.setServerNames throw.
                .sslParameters(address -> new SSLParameters())
                .sslEngineCustomizer(driverEngine -> guard.guard(engines.apply(driverEngine)))
                .build();
    }

    /**
     * Keeps the context the driver builds for every TLS attempt as cheap as it can be: its engine is
     * discarded for pgssl's, so it needs neither OpenSSL nor a key. JDK keeps it leak-free, and no key
     * manager spares a key store per connection: with the placeholder pair of
     * {@link DriverDefaultFiles} (when {@code ~/.postgresql/postgresql.crt} or {@code .pk8} exists),
     * Netty would otherwise build and password-protect a PKCS#12 key store on every connection
     * (about 6.6 ms each on the benchmark machine, longer than a whole connection).
     */
    static SslContextBuilder driverContext(SslContextBuilder builder) {
        return builder.sslProvider(SslProvider.JDK).keyManager((KeyManagerFactory) null);
    }

    private static PostgresqlConnectionConfiguration.Builder base(ConnectionPlan plan, ConnectionPlan.Host host,
                                                                  ConnectionFactoryOptions driverOptions) {
        ConnectionSettings settings = plan.settings();
        Endpoint target = host.endpoint();
        rejectInexpressible(settings);
        String user = plan.user();
        ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.builder();
        copyDriverOptions(driverOptions, options);
        options.option(ConnectionFactoryOptions.DRIVER, PostgresqlConnectionFactoryProvider.POSTGRESQL_DRIVER);
        options.option(ConnectionFactoryOptions.USER, user);
        if (target.isUnixSocket()) {
            options.option(PostgresqlConnectionFactoryProvider.SOCKET, target.socketPath());
        } else {
            options.option(ConnectionFactoryOptions.HOST, stripBrackets(target.connectAddress()));
            options.option(ConnectionFactoryOptions.PORT, target.port());
        }
        PostgresqlConnectionConfiguration.Builder b = PostgresqlConnectionFactoryProvider.builder(options.build());
        b.database(plan.database());
        // libpq looks the password file up per host (host, else hostaddr, as the key): core's plan holds it.
        host.password().ifPresent(p -> b.password(p.reveal()));
        settings.get("application_name").or(() -> settings.get("fallback_application_name"))
                .ifPresent(b::applicationName);
        plan.connectTimeout().ifPresent(b::connectTimeout);
        settings.get("options").filter(o -> !o.isBlank()).ifPresent(o -> b.options(Map.of("options", o)));
        if (DriverSupport.CHANNEL_BINDING) {
            settings.get("channel_binding").ifPresent(v -> ChannelBinding.apply(b, v));
        } else {
            // r2dbc-postgresql before 1.1.3 does no channel binding, which disable and prefer accept;
            // DriverSupport.check refused require at configuration time. The value is still validated.
            settings.get("channel_binding").ifPresent(ChannelBinding::validate);
        }
        if (!target.isUnixSocket()) {
            b.port(target.port());
        }
        return b;
    }

    /** libpq settings this driver cannot honour: fail loudly rather than connect with another meaning. */
    private static void rejectInexpressible(ConnectionSettings settings) {
        settings.get("channel_binding").ifPresent(AuthenticationGuard::validateChannelBinding);
        settings.get("gssencmode").filter("require"::equals).ifPresent(v -> {
            throw new SslConfigurationException("gssencmode", "gssencmode=require cannot be honoured: r2dbc-postgresql has no GSSAPI"
                    + " encryption; use gssencmode=prefer or disable");
        });
        settings.get("requirepeer").filter(v -> !v.isEmpty()).ifPresent(v -> {
            throw new SslConfigurationException("requirepeer", "requirepeer cannot be checked: r2dbc-postgresql does not expose the"
                    + " socket peer's user; remove requirepeer");
        });
    }

    private static void copyDriverOptions(ConnectionFactoryOptions from, ConnectionFactoryOptions.Builder to) {
        for (String name : DriverOptionNames.NAMES) {
            Option<Object> option = Option.valueOf(name);
            Object value = from.getValue(option);
            if (value != null && !OWNED.contains(name.toLowerCase(Locale.ROOT))) {
                to.option(option, value);
            }
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * {@code channel_binding} for r2dbc-postgresql 1.1.3+; a class of its own so that older drivers,
     * which lack {@code ChannelBindingMode}, never load it.
     */
    private static final class ChannelBinding {
        static void apply(PostgresqlConnectionConfiguration.Builder b, String value) {
            b.channelBinding(switch (validate(value)) {
                case "disable" -> io.r2dbc.postgresql.client.ChannelBindingMode.DISABLE;
                case "prefer" -> io.r2dbc.postgresql.client.ChannelBindingMode.PREFER;
                default -> io.r2dbc.postgresql.client.ChannelBindingMode.REQUIRE;
            });
        }

        static String validate(String value) {
            AuthenticationGuard.validateChannelBinding(value);
            return value;
        }
    }

    /** {@code sslnegotiation} for r2dbc-postgresql 1.1+ ({@code SSLNegotiation}); 1.0.x never loads it. */
    private static final class Negotiation {
        static void apply(PostgresqlConnectionConfiguration.Builder b, boolean direct) {
            b.sslNegotiation(direct ? SSLNegotiation.DIRECT : SSLNegotiation.POSTGRES);
        }
    }
}
