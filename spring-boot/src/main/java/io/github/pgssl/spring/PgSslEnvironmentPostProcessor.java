package io.github.pgssl.spring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Fills in what Spring Boot cannot work out from a {@code jdbc:pgssl:} URL, at the lowest
 * precedence, so any property the application sets wins:
 *
 * <ul>
 * <li>{@code spring.datasource.driver-class-name}, {@code spring.flyway.driver-class-name} and
 *     {@code spring.liquibase.driver-class-name}: {@value #DRIVER_CLASS} when the matching
 *     {@code url} starts with {@code jdbc:pgssl:} and no driver class is set. Boot picks a
 *     driver class from the URL prefix (its {@code DatabaseDriver} table) and never asks
 *     {@link java.sql.DriverManager}, so without this it stops with "Failed to determine a
 *     suitable driver class" (DataSource) or "Driver has not been set" (Flyway, Liquibase).</li>
 * <li>With no {@code spring.datasource.url} and a {@code DATABASE_URL} in the environment (an
 *     application that set its own JDBC URL is left as it is, R2DBC and migrations included):
 *     {@code spring.datasource.url=jdbc:pgssl:${DATABASE_URL}}, and, when pgssl's R2DBC driver is
 *     on the class path and {@code spring.r2dbc.url} is not set,
 *     {@code spring.r2dbc.url=r2dbc:pgssl:${DATABASE_URL}} and (since Boot then creates no DataSource)
 *     {@code spring.flyway.url} and {@code spring.liquibase.url} as {@code jdbc:pgssl:${DATABASE_URL}}.
 *     {@value #DATABASE_URL_ENABLED}{@code =false}
 *     turns this off. The values are placeholders: the password is never copied into another
 *     property source.</li>
 * </ul>
 *
 * <p>Registered in {@code META-INF/spring.factories}; runs after Boot has loaded
 * {@code application.properties} and profiles.
 */
public final class PgSslEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {
    /** The name of the property source this adds (last, so it never overrides the application). */
    public static final String PROPERTY_SOURCE_NAME = "pgssl-defaults";
    /** The driver class set for {@code jdbc:pgssl:} URLs. */
    public static final String DRIVER_CLASS = "io.github.pgssl.jdbc.PgSslDriver";
    /** Property that turns the {@code DATABASE_URL} fallback off. */
    public static final String DATABASE_URL_ENABLED = "pgssl.database-url.enabled";
    /** The environment variable read when no {@code spring.datasource.url} is set. */
    public static final String DATABASE_URL = "DATABASE_URL";

    static final String JDBC_PREFIX = "jdbc:pgssl:";
    private static final List<String> URL_PREFIXES = List.of("spring.datasource", "spring.flyway", "spring.liquibase");
    private static final String R2DBC_PROVIDER = "io.github.pgssl.r2dbc.PgSslConnectionFactoryProvider";

    /** For {@code spring.factories}. */
    public PgSslEnvironmentPostProcessor() {
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        boolean databaseUrl = environment.getProperty(DATABASE_URL_ENABLED, Boolean.class, Boolean.TRUE)
                && hasText(environment.getProperty(DATABASE_URL));
        // Only an application with no database URL of its own is configured from DATABASE_URL: one that set
        // spring.datasource.url keeps its Flyway, Liquibase and R2DBC settings exactly as it wrote them.
        if (databaseUrl && !hasText(environment.getProperty("spring.datasource.url"))) {
            defaults.put("spring.datasource.url", JDBC_PREFIX + "${" + DATABASE_URL + "}");
            defaults.put("spring.datasource.driver-class-name", DRIVER_CLASS);
            // An R2DBC URL has the URI form only (r2dbc:pgssl:postgresql://...); a keyword/value DATABASE_URL stays JDBC-only.
            if (isUri(environment.getProperty(DATABASE_URL)) && !hasText(environment.getProperty("spring.r2dbc.url"))
                    && ClassUtils.isPresent(R2DBC_PROVIDER, PgSslEnvironmentPostProcessor.class.getClassLoader())) {
                defaults.put("spring.r2dbc.url", "r2dbc:pgssl:${" + DATABASE_URL + "}");
                // With a ConnectionFactory, Boot creates no DataSource (DataSourceAutoConfiguration backs off), so the
                // JDBC migration tools get the URL themselves, as Boot's R2DBC guide has users do by hand.
                for (String tool : List.of("spring.flyway", "spring.liquibase")) {
                    if (!hasText(environment.getProperty(tool + ".url"))) {
                        defaults.put(tool + ".url", JDBC_PREFIX + "${" + DATABASE_URL + "}");
                        defaults.put(tool + ".driver-class-name", DRIVER_CLASS);
                    }
                }
            }
        }
        for (String prefix : URL_PREFIXES) {
            String url = safeProperty(environment, prefix + ".url");
            if (url != null && url.startsWith(JDBC_PREFIX) && !hasText(environment.getProperty(prefix + ".driver-class-name"))) {
                defaults.put(prefix + ".driver-class-name", DRIVER_CLASS);
            }
        }
        if (!defaults.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
        }
    }

    /** The property with placeholders resolved, or its raw text when a placeholder cannot be resolved yet. */
    private static String safeProperty(ConfigurableEnvironment environment, String name) {
        try {
            return environment.getProperty(name);
        } catch (IllegalArgumentException unresolvable) {
            // The message of this exception can quote the URL; it is dropped, never logged.
            return null;
        }
    }

    private static boolean isUri(String s) {
        return s != null && (s.startsWith("postgresql://") || s.startsWith("postgres://"));
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    /** After Boot's config-data processing (application.properties, profiles). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
