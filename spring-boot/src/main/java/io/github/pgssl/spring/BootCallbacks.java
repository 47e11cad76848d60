package io.github.pgssl.spring;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.util.ClassUtils;

/**
 * Boot callbacks whose interface moved between Boot lines (Boot 4 split the auto-configuration
 * into modules: {@code org.springframework.boot.autoconfigure.r2dbc.X} became
 * {@code org.springframework.boot.r2dbc.autoconfigure.X}, {@code ...actuate.health.HealthIndicator}
 * became {@code ...health.contributor.HealthIndicator}). The interfaces have one abstract method;
 * the bean is a JDK proxy of whichever interface this class path has, so one starter jar serves
 * both lines without compiling against either package.
 */
final class BootCallbacks {
    private BootCallbacks() {
    }

    /**
     * Registers {@code beanName} as a proxy of the first present interface in {@code interfaceNames}
     * whose single abstract method hands its argument to {@code callback}; does nothing if none is present.
     */
    static void register(BeanDefinitionRegistry registry, String beanName, List<String> interfaceNames, Consumer<Object> callback) {
        Class<?> type = firstPresent(interfaceNames);
        if (type == null) {
            return;
        }
        RootBeanDefinition bd = new RootBeanDefinition();
        bd.setTargetType(type);
        bd.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        bd.setInstanceSupplier(() -> proxy(type, beanName, args -> {
            callback.accept(args == null || args.length == 0 ? null : args[0]);
            return null;
        }));
        registry.registerBeanDefinition(beanName, bd);
    }

    /** The first of these classes on the class path, or {@code null}. */
    static Class<?> firstPresent(List<String> names) {
        ClassLoader cl = BootCallbacks.class.getClassLoader();
        for (String name : names) {
            if (ClassUtils.isPresent(name, cl)) {
                return ClassUtils.resolveClassName(name, cl);
            }
        }
        return null;
    }

    /** A proxy of a one-method interface whose abstract method runs {@code body}; Object's methods by identity. */
    static Object proxy(Class<?> type, String name, Function<Object[], Object> body) {
        InvocationHandler handler = (proxy, method, args) -> {
            int n = method.getParameterCount();
            if (method.getName().equals("equals") && n == 1) {
                return proxy == args[0];
            }
            if (method.getName().equals("hashCode") && n == 0) {
                return System.identityHashCode(proxy);
            }
            if (method.getName().equals("toString") && n == 0) {
                return "pgssl " + type.getSimpleName() + " (" + name + ")";
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return body.apply(args);
        };
        return Proxy.newProxyInstance(BootCallbacks.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
