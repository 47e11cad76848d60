package io.github.pgssl.spring;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
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
 *     {@code sslrootcert}/{@code sslcert}/{@code sslkey} of every HikariCP {@code jdbc:pgssl:} pool;</li>
 * <li>with Spring Boot Actuator: the {@code pgssl} endpoint ({@link PgSslEndpoint}).</li>
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
