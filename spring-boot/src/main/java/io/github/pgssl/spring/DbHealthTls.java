package io.github.pgssl.spring;

import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Adds a {@code tls} detail (protocol, cipher, policy, whether the server is authenticated) to
 * Boot's {@code db} health indicator when the application's one DataSource is {@code jdbc:pgssl:}.
 * Boot's indicator still decides the status; this wraps it (on Boot 3.5 and 4.0, whose
 * {@code HealthIndicator} and {@code Health} live in different packages; see {@link BootCallbacks}).
 */
final class DbHealthTls implements BeanPostProcessor {
    static final String BEAN_NAME = "dbHealthContributor";
    private static final List<String> INDICATOR = List.of("org.springframework.boot.health.contributor.HealthIndicator",
            "org.springframework.boot.actuate.health.HealthIndicator");
    private static final List<String> HEALTH = List.of("org.springframework.boot.health.contributor.Health",
            "org.springframework.boot.actuate.health.Health");

    private final ObjectProvider<DataSource> dataSource;

    DbHealthTls(ObjectProvider<DataSource> dataSource) {
        this.dataSource = dataSource;
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

    private Object withTls(Class<?> indicator, Class<?> healthType, Object delegate) {
        try {
            Object health = indicator.getMethod("health").invoke(delegate);
            DataSource ds = dataSource.getIfUnique();
            PgSslReport.Target target = ds == null ? null : PgSslReport.target(ds);
            if (target == null) {
                return health;
            }
            Object status = healthType.getMethod("getStatus").invoke(health);
            @SuppressWarnings("unchecked")
            Map<String, Object> details = new LinkedHashMap<>((Map<String, Object>) healthType.getMethod("getDetails").invoke(health));
            details.put("tls", PgSslReport.tls(ds, target));
            Object builder = healthType.getMethod("status", status.getClass()).invoke(null, status);
            builder.getClass().getMethod("withDetails", Map.class).invoke(builder, details);
            return builder.getClass().getMethod("build").invoke(builder);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("pgssl: cannot add TLS details to the db health", e);
        }
    }
}
