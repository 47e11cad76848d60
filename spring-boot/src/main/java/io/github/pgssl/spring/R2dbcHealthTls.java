package io.github.pgssl.spring;

import io.r2dbc.spi.ConnectionFactory;

import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

import reactor.core.publisher.Mono;

/**
 * Adds a {@code tls} detail (policy, whether the server is authenticated, protocol, cipher) to
 * Boot's {@code r2dbc} health indicator when {@code spring.r2dbc.url} is pgssl's and the
 * application has one ConnectionFactory; Boot's indicator still decides the status. Reactive all
 * the way (no blocking), on Boot 3.5 and 4.0 (see {@link BootCallbacks}).
 */
final class R2dbcHealthTls implements BeanPostProcessor {
    static final String BEAN_NAME = "r2dbcHealthContributor";
    private static final List<String> INDICATOR = List.of("org.springframework.boot.health.contributor.ReactiveHealthIndicator",
            "org.springframework.boot.actuate.health.ReactiveHealthIndicator");
    private static final List<String> HEALTH = List.of("org.springframework.boot.health.contributor.Health",
            "org.springframework.boot.actuate.health.Health");

    private final ObjectProvider<ConnectionFactory> connectionFactory;
    private final Environment environment;

    R2dbcHealthTls(ObjectProvider<ConnectionFactory> connectionFactory, Environment environment) {
        this.connectionFactory = connectionFactory;
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> indicator = BootCallbacks.firstPresent(INDICATOR);
        Class<?> health = BootCallbacks.firstPresent(HEALTH);
        if (!BEAN_NAME.equals(beanName) || indicator == null || health == null || !indicator.isInstance(bean)) {
            return bean;
        }
        return BootCallbacks.proxy(indicator, beanName, args -> withTls(indicator, health, bean));
    }

    private Mono<?> withTls(Class<?> indicator, Class<?> healthType, Object delegate) {
        Mono<?> health;
        try {
            health = (Mono<?>) indicator.getMethod("health").invoke(delegate);
        } catch (InvocationTargetException e) {
            return Mono.error(e.getCause());
        } catch (ReflectiveOperationException e) {
            return Mono.error(new IllegalStateException("pgssl: cannot add TLS details to the r2dbc health", e));
        }
        String url = environment.getProperty("spring.r2dbc.url");
        ConnectionFactory cf = connectionFactory.getIfUnique();
        if (R2dbcReport.connectionString(url) == null || cf == null) {
            return health;
        }
        return health.flatMap(h -> R2dbcReport.tls(url, cf).map(tls -> rebuild(healthType, h, tls)));
    }

    private static Object rebuild(Class<?> healthType, Object health, Map<String, Object> tls) {
        try {
            Object status = healthType.getMethod("getStatus").invoke(health);
            @SuppressWarnings("unchecked")
            Map<String, Object> details = new LinkedHashMap<>((Map<String, Object>) healthType.getMethod("getDetails").invoke(health));
            details.put("tls", tls);
            Object builder = healthType.getMethod("status", status.getClass()).invoke(null, status);
            builder.getClass().getMethod("withDetails", Map.class).invoke(builder, details);
            return builder.getClass().getMethod("build").invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("pgssl: cannot add TLS details to the r2dbc health", e);
        }
    }
}
