package io.github.pgssl.spring;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.util.ClassUtils;

/**
 * Registers a Boot customizer callback whose interface moved between Boot lines (Boot 4 split the
 * auto-configuration into modules: {@code org.springframework.boot.autoconfigure.r2dbc.X} became
 * {@code org.springframework.boot.r2dbc.autoconfigure.X}). The interfaces have one method taking
 * one argument; the bean is a JDK proxy of whichever interface this class path has, so one starter
 * jar serves both lines without compiling against either package.
 */
final class BootCallbacks {
    private BootCallbacks() {
    }

    /**
     * Registers {@code beanName} as a proxy of the first present interface in {@code interfaceNames}
     * whose single abstract method hands its argument to {@code callback}; does nothing if none is present.
     */
    static void register(BeanDefinitionRegistry registry, String beanName, List<String> interfaceNames, Consumer<Object> callback) {
        ClassLoader cl = BootCallbacks.class.getClassLoader();
        for (String name : interfaceNames) {
            if (!ClassUtils.isPresent(name, cl)) {
                continue;
            }
            Class<?> type = ClassUtils.resolveClassName(name, cl);
            InvocationHandler handler = (proxy, method, args) -> {
                switch (method.getName()) {
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "toString":
                        return "pgssl " + type.getSimpleName() + " (" + beanName + ")";
                    default:
                        if (method.isDefault()) {
                            return InvocationHandler.invokeDefault(proxy, method, args);
                        }
                        callback.accept(args == null || args.length == 0 ? null : args[0]);
                        return null;
                }
            };
            RootBeanDefinition bd = new RootBeanDefinition();
            bd.setTargetType(type);
            bd.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
            bd.setInstanceSupplier(() -> Proxy.newProxyInstance(cl, new Class<?>[] {type}, handler));
            registry.registerBeanDefinition(beanName, bd);
            return;
        }
    }
}
