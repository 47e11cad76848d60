package io.github.pgssl.internal.parse;

import io.github.pgssl.internal.spi.ProviderOrder;
import io.github.pgssl.spi.ConnectionStringDialect;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Discovery of {@link ConnectionStringDialect}s with {@link ServiceLoader}: ordered by priority
 * (highest first), then class name. A provider that fails to load is skipped (logged), so one
 * broken jar cannot stop parsing. The built-ins are always present. Not API.
 */
public final class Dialects {
    private static final Logger LOG = Logger.getLogger(Dialects.class.getName());

    private static volatile List<ConnectionStringDialect> cached;

    private Dialects() {
    }

    /** The dialects, discovered once with the class loader of this class. */
    public static List<ConnectionStringDialect> all() {
        List<ConnectionStringDialect> d = cached;
        if (d == null) {
            d = discover(ServiceLoader.load(ConnectionStringDialect.class, Dialects.class.getClassLoader()));
            cached = d;
        }
        return d;
    }

    /** Discovers from one loader; exposed for tests. */
    public static List<ConnectionStringDialect> discover(ServiceLoader<ConnectionStringDialect> loader) {
        List<ConnectionStringDialect> found = new ArrayList<>();
        Iterator<ConnectionStringDialect> it = loader.iterator();
        // Bounded: a provider list cannot be longer than this in any sane class path.
        for (int guard = 0; guard < 10_000; guard++) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.log(Level.WARNING, "pgssl: skipping a connection-string dialect that failed to load: " + e);
            }
        }
        return order(found);
    }

    /** Adds missing built-ins and sorts by priority (descending), then class name. */
    static List<ConnectionStringDialect> order(List<ConnectionStringDialect> found) {
        // Plain loops, no streams or comparator lambdas: this runs on every first connection.
        List<ConnectionStringDialect> all = new ArrayList<>(found);
        for (ConnectionStringDialect builtin : builtins()) {
            if (!ProviderOrder.containsClass(all, builtin.getClass())) {
                all.add(builtin);
            }
        }
        int[] priorities = new int[all.size()];
        for (int i = 0; i < priorities.length; i++) {
            priorities[i] = all.get(i).priority();
        }
        ProviderOrder.sort(all, priorities);
        return List.copyOf(all);
    }

    /** The dialects pgssl ships. */
    public static List<ConnectionStringDialect> builtins() {
        return List.of(new LibpqUriDialect(), new JdbcDialect(), new R2dbcDialect(), new SqlAlchemyDialect(),
                new KeywordValueDialect());
    }

    /** The first dialect (in order) that accepts the string. */
    public static ConnectionStringDialect select(List<ConnectionStringDialect> dialects, String s) {
        for (ConnectionStringDialect d : dialects) {
            try {
                if (d.accepts(s)) {
                    return d;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "pgssl: dialect " + d.getClass().getName() + " failed in accepts(): " + e.getClass().getName());
            }
        }
        return new KeywordValueDialect();
    }
}
