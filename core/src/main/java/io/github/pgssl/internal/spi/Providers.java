package io.github.pgssl.internal.spi;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * ServiceLoader iteration that isolates broken providers: a provider whose class is missing, whose
 * constructor throws, or whose jar is malformed is logged once at WARN and skipped. Not API.
 */
final class Providers {
    private static final System.Logger LOG = System.getLogger("io.github.pgssl.spi");
    private static final int MAX_PROVIDERS = 1000;

    private Providers() {
    }

    static <T> List<T> load(Class<T> service) {
        List<T> out = new ArrayList<>();
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        ClassLoader own = Providers.class.getClassLoader();
        loadInto(service, tccl != null ? tccl : own, out);
        if (tccl != null && tccl != own) {
            List<T> more = new ArrayList<>();
            loadInto(service, own, more);
            for (T t : more) {
                if (!ProviderOrder.containsClass(out, t.getClass())) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static <T> void loadInto(Class<T> service, ClassLoader loader, List<T> out) {
        Iterator<T> it = ServiceLoader.load(service, loader).iterator();
        for (int i = 0; i < MAX_PROVIDERS; i++) {
            try {
                if (!it.hasNext()) {
                    return;
                }
                out.add(it.next());
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                LOG.log(Level.WARNING, "pgssl: skipping a broken " + service.getSimpleName() + " provider: " + e.getMessage());
            }
        }
    }
}
