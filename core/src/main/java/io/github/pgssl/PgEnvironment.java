package io.github.pgssl;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The process environment as libpq sees it: environment variables ({@code PG*},
 * {@code DATABASE_URL}, {@code SSL_CERT_FILE} ...) and the home directory that {@code ~} means.
 *
 * <p>{@code ~} is {@code $HOME} when it is set and non-empty (libpq 15 and later), not Java's
 * {@code user.home}. Tests inject both with {@link #of(Map, Path)}.
 */
public final class PgEnvironment {
    private final Map<String, String> variables;
    private final Path home;
    private final String osUser;

    private PgEnvironment(Map<String, String> variables, Path home) {
        this(variables, home, variables.get("USER"));
    }

    private PgEnvironment(Map<String, String> variables, Path home, String osUser) {
        this.variables = Map.copyOf(variables);
        this.home = home;
        this.osUser = osUser == null || osUser.isEmpty() ? null : osUser;
    }

    /** {@return the real environment of this process} */
    public static PgEnvironment system() {
        Map<String, String> env = System.getenv();
        String h = env.get("HOME");
        Path home = h != null && !h.isEmpty() ? Path.of(h) : Path.of(System.getProperty("user.home"));
        return new PgEnvironment(env, home, System.getProperty("user.name"));
    }

    /**
     * An injected environment; {@code home} may be {@code null} when there is no home directory.
     * The operating-system user (libpq's default {@code user}) is taken from {@code USER}, if set.
     *
     * @param variables the environment variables
     * @param home the home directory {@code ~} means, or {@code null}
     * @return the environment
     */
    public static PgEnvironment of(Map<String, String> variables, Path home) {
        Objects.requireNonNull(variables, "variables");
        return new PgEnvironment(variables, home);
    }

    /** {@return an empty environment with no home directory} Only explicit settings and compiled defaults apply. */
    public static PgEnvironment empty() {
        return new PgEnvironment(Map.of(), null);
    }

    /**
     * The value of an environment variable; an empty value counts as unset here. (libpq's
     * {@code conninfo_add_defaults} takes an empty {@code PG*} variable as a value: the parser's
     * environment merge reads {@link #variables()} for that.)
     *
     * @param name the variable's name
     * @return its value, or empty when unset or empty
     */
    public Optional<String> get(String name) {
        String v = variables.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** {@return all variables} For diagnostics: callers must redact {@code PGPASSWORD} and URLs. */
    public Map<String, String> variables() {
        return variables;
    }

    /** {@return the home directory that {@code ~} means, if any} */
    public Optional<Path> home() {
        return Optional.ofNullable(home);
    }

    /** {@return the operating-system user name} It is libpq's default {@code user} ({@code getpwuid(geteuid())}). */
    public Optional<String> osUser() {
        return Optional.ofNullable(osUser);
    }

    /**
     * A copy with another operating-system user name.
     *
     * @param user the user name, or {@code null} for none
     * @return the copy
     */
    public PgEnvironment withOsUser(String user) {
        return new PgEnvironment(variables, home, user);
    }

    /**
     * A copy with one variable set (or removed when {@code value} is null).
     *
     * @param name the variable's name
     * @param value its value, or {@code null} to remove it
     * @return the copy
     */
    public PgEnvironment withVariable(String name, String value) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>(variables);
        if (value == null) {
            m.remove(name);
        } else {
            m.put(name, value);
        }
        return new PgEnvironment(m, home, osUser);
    }

    /**
     * A copy with another home directory.
     *
     * @param home the home directory, or {@code null} for none
     * @return the copy
     */
    public PgEnvironment withHome(Path home) {
        return new PgEnvironment(variables, home, osUser);
    }

    @Override
    public String toString() {
        return "PgEnvironment[" + variables.size() + " variables, home=" + home + "]";
    }
}
