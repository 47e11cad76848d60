package io.github.pgssl.spring;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * pgssl's Spring Boot auto-configuration (Boot 3.5 and 4.0; registered in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}).
 *
 * <p>The URL handling ({@code jdbc:pgssl:} without {@code driver-class-name},
 * {@code DATABASE_URL}) is {@link PgSslEnvironmentPostProcessor}'s; this class adds:
 * <ul>
 * <li>with {@code pgssl.ssl-bundle=<name>}: {@link SslBundleFiles} and its use as
 *     {@code sslrootcert}/{@code sslcert}/{@code sslkey} (unless the URL sets them) of every HikariCP
 *     {@code jdbc:pgssl:} pool, of {@code spring.flyway.url}'s DataSource and of
 *     {@code spring.r2dbc.url} ({@code r2dbc:pgssl:}, {@code r2dbc:pool:pgssl:}). Not applied:
 *     {@code spring.liquibase.url} (Boot offers no Liquibase customizer) and non-Hikari pools.</li>
 * <li>with Spring Boot Actuator: the {@code pgssl} endpoint ({@link PgSslEndpoint}) and a {@code tls}
 *     detail in the {@code db} and {@code r2dbc} health ({@code DbHealthTls}, {@code R2dbcHealthTls}).</li>
 * </ul>
 */
@AutoConfiguration
@EnableConfigurationProperties(PgSslProperties.class)
public class PgSslAutoConfiguration {

    /** For Spring. */
    public PgSslAutoConfiguration() {
    }

    /** The SSL bundle, written as libpq's files. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "pgssl", name = "ssl-bundle")
    @ConditionalOnClass(SslBundles.class)
    static class SslBundleConfiguration {
        @Bean
        SslBundleFiles pgsslSslBundleFiles(SslBundles bundles, PgSslProperties properties) {
            return SslBundleFiles.of(bundles, properties.getSslBundle());
        }

        @Bean
        @ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
        static BeanPostProcessor pgsslHikariSslBundle(ObjectProvider<SslBundleFiles> files) {
            return new HikariBundlePostProcessor(files);
        }

        @Bean
        static BeanDefinitionRegistryPostProcessor pgsslSslBundleCustomizers() {
            return new BundleCustomizers();
        }
    }

    /**
     * Registers the Flyway and R2DBC customizers that hand the bundle's files to
     * {@code spring.flyway.url}'s own DataSource and to {@code spring.r2dbc.url}'s options, on
     * whichever Boot line is present ({@link BootCallbacks}).
     */
    static final class BundleCustomizers implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {
        private Environment environment;
        private volatile ConfigurableListableBeanFactory beanFactory;

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            if (ClassUtils.isPresent("org.flywaydb.core.api.configuration.FluentConfiguration", getClass().getClassLoader())) {
                BootCallbacks.register(registry, "pgsslFlywaySslBundleCustomizer", List.of(
                        "org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer",
                        "org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer"),
                        configuration -> flyway(configuration));
            }
            if (ClassUtils.isPresent("io.r2dbc.spi.ConnectionFactoryOptions", getClass().getClassLoader())) {
                BootCallbacks.register(registry, "pgsslR2dbcSslBundleCustomizer", List.of(
                        "org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer",
                        "org.springframework.boot.autoconfigure.r2dbc.ConnectionFactoryOptionsBuilderCustomizer"),
                        builder -> R2dbcBundle.apply(environment, files(), builder));
            }
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            this.beanFactory = beanFactory;
        }

        private SslBundleFiles files() {
            return beanFactory.getBean(SslBundleFiles.class);
        }

        private void flyway(Object configuration) {
            try {
                Object ds = configuration.getClass().getMethod("getDataSource").invoke(configuration);
                if (ds instanceof org.springframework.jdbc.datasource.AbstractDriverBasedDataSource d && d.getUrl() != null
                        && d.getUrl().startsWith(PgSslEnvironmentPostProcessor.JDBC_PREFIX)) {
                    java.util.Properties p = d.getConnectionProperties() == null ? new java.util.Properties() : d.getConnectionProperties();
                    SslBundleFiles f = files();
                    f.rootCertificate().ifPresent(x -> p.setProperty("sslrootcert", x.toString()));
                    f.clientCertificate().ifPresent(x -> p.setProperty("sslcert", x.toString()));
                    f.clientKey().ifPresent(x -> p.setProperty("sslkey", x.toString()));
                    d.setConnectionProperties(p);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("pgssl.ssl-bundle: cannot read Flyway's DataSource", e);
            }
        }
    }

    /** {@code spring.r2dbc.url} with {@code r2dbc:pgssl:} or {@code r2dbc:pool:pgssl:}: the bundle's files as options the URL does not set. */
    static final class R2dbcBundle {
        private R2dbcBundle() {
        }

        static void apply(Environment environment, SslBundleFiles files, Object builderObject) {
            String url = environment.getProperty("spring.r2dbc.url");
            if (url == null || !(builderObject instanceof io.r2dbc.spi.ConnectionFactoryOptions.Builder builder)) {
                return;
            }
            io.r2dbc.spi.ConnectionFactoryOptions parsed = io.r2dbc.spi.ConnectionFactoryOptions.parse(url);
            Object driver = parsed.getValue(io.r2dbc.spi.ConnectionFactoryOptions.DRIVER);
            Object protocol = parsed.getValue(io.r2dbc.spi.ConnectionFactoryOptions.PROTOCOL);
            boolean pgssl = "pgssl".equals(driver) || ("pool".equals(driver) && protocol != null && protocol.toString().startsWith("pgssl"));
            if (!pgssl) {
                return;
            }
            set(builder, parsed, "sslrootcert", files.rootCertificate());
            set(builder, parsed, "sslcert", files.clientCertificate());
            set(builder, parsed, "sslkey", files.clientKey());
        }

        private static void set(io.r2dbc.spi.ConnectionFactoryOptions.Builder builder, io.r2dbc.spi.ConnectionFactoryOptions parsed,
                                String name, java.util.Optional<java.nio.file.Path> file) {
            io.r2dbc.spi.Option<String> option = io.r2dbc.spi.Option.valueOf(name);
            // as for JDBC: a value in the URL wins over the bundle
            if (file.isPresent() && !parsed.hasOption(option)) {
                builder.option(option, file.get().toString());
            }
        }
    }

    /** Spring Boot Actuator: the {@code pgssl} endpoint and TLS details in the {@code db} health. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.actuate.endpoint.annotation.Endpoint",
            "org.springframework.jdbc.datasource.AbstractDriverBasedDataSource"})
    static class ActuatorConfiguration {
        @Bean
        @ConditionalOnMissingBean
        PgSslEndpoint pgsslEndpoint(ObjectProvider<Map<String, DataSource>> dataSources,
                                    org.springframework.beans.factory.BeanFactory beanFactory, Environment environment) {
            return new PgSslEndpoint(dataSources, beanFactory, environment);
        }

        @Bean
        static BeanPostProcessor pgsslDbHealthTls(ObjectProvider<DataSource> dataSource) {
            return new DbHealthTls(dataSource);
        }
    }

    /** Spring Boot Actuator with R2DBC: TLS details in the {@code r2dbc} health. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.actuate.endpoint.annotation.Endpoint", "io.r2dbc.spi.ConnectionFactory",
            "reactor.core.publisher.Mono"})
    static class ReactiveActuatorConfiguration {
        @Bean
        static BeanPostProcessor pgsslR2dbcHealthTls(ObjectProvider<io.r2dbc.spi.ConnectionFactory> connectionFactory,
                                                     Environment environment) {
            return new R2dbcHealthTls(connectionFactory, environment);
        }
    }

    /** Adds the bundle's files to a HikariCP pool of {@code jdbc:pgssl:} before it starts. */
    static final class HikariBundlePostProcessor implements BeanPostProcessor {
        private final ObjectProvider<SslBundleFiles> files;

        HikariBundlePostProcessor(ObjectProvider<SslBundleFiles> files) {
            this.files = files;
        }

        @Override
        public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
            if (bean instanceof HikariDataSource h && h.getJdbcUrl() != null
                    && h.getJdbcUrl().startsWith(PgSslEnvironmentPostProcessor.JDBC_PREFIX)) {
                SslBundleFiles f = files.getObject();
                // The jdbc:pgssl: driver reads libpq keywords from its Properties unless the URL sets them.
                f.rootCertificate().ifPresent(p -> h.addDataSourceProperty("sslrootcert", p.toString()));
                f.clientCertificate().ifPresent(p -> h.addDataSourceProperty("sslcert", p.toString()));
                f.clientKey().ifPresent(p -> h.addDataSourceProperty("sslkey", p.toString()));
            }
            return bean;
        }
    }
}
