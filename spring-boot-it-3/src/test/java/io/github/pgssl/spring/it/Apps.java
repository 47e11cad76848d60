package io.github.pgssl.spring.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Starts {@link TestApp} as {@code SpringApplication.run} would, with application properties and
 * environment variables. The variables replace the process environment's property source
 * ({@code systemEnvironment}, the one Boot reads {@code DATABASE_URL} and {@code SPRING_*} from),
 * since a JVM cannot change its own environment.
 */
final class Apps {
    private Apps() {
    }

    /** The R2DBC auto-configuration's class on this Boot line (it moved to its own module in Boot 4). */
    static String r2dbcAutoConfiguration() {
        String boot4 = "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration";
        return ClassUtils.isPresent(boot4, Apps.class.getClassLoader()) ? boot4
                : "org.springframework.boot.autoconfigure.r2dbc.R2dbcAutoConfiguration";
    }

    /** Whether this is Boot 4 (its split modules are on the class path). */
    static boolean isBoot4() {
        return ClassUtils.isPresent("org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration", Apps.class.getClassLoader());
    }

    static ConfigurableApplicationContext run(Map<String, String> env, String... properties) {
        return builder(env, WebApplicationType.NONE, properties).run();
    }

    static SpringApplicationBuilder builder(Map<String, String> env, WebApplicationType web, String... properties) {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> variables = new HashMap<>(System.getenv());
        variables.remove("DATABASE_URL");
        variables.putAll(env);
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        List<String> props = new ArrayList<>(List.of(properties));
        props.add("spring.main.banner-mode=off");
        return new SpringApplicationBuilder(TestApp.class).environment(environment).web(web)
                .properties(props.toArray(String[]::new));
    }

    /** Runs and returns the failure that stopped the application. */
    static Throwable failure(Map<String, String> env, String... properties) {
        try (ConfigurableApplicationContext ctx = run(env, properties)) {
            throw new AssertionError("the application started: " + ctx);
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Every message of a cause chain, one a line. */
    static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            sb.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

    static Throwable root(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

}
