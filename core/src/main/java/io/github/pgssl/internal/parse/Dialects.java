package io.github.pgssl.internal.parse;

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
            if (!containsClass(all, builtin.getClass())) {
                all.add(builtin);
            }
        }
        // Insertion sort (stable; the list is a handful of dialects).
        for (int i = 1; i < all.size(); i++) {
            ConnectionStringDialect d = all.get(i);
            int j = i - 1;
            while (j >= 0 && before(d, all.get(j))) {
                all.set(j + 1, all.get(j));
                j--;
            }
            all.set(j + 1, d);
        }
        return List.copyOf(all);
    }

    private static boolean containsClass(List<ConnectionStringDialect> dialects, Class<?> type) {
        for (ConnectionStringDialect d : dialects) {
            if (d.getClass() == type) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code a} sorts strictly before {@code b}: higher priority first, then class name. */
    private static boolean before(ConnectionStringDialect a, ConnectionStringDialect b) {
        int pa = a.priority();
        int pb = b.priority();
        if (pa != pb) {
            return pa > pb;
        }
        return a.getClass().getName().compareTo(b.getClass().getName()) < 0;
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
