package io.github.pgssl;

import io.github.pgssl.internal.parse.HostList;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed connection: every libpq keyword that is set, as libpq holds it (host and port as
 * comma-separated lists), plus driver-specific options kept apart.
 *
 * <p>Immutable. Secrets ({@link SensitiveKeys}) are held as {@link Secret} and are absent from
 * {@link #keywords()}, {@link #toString()} and {@link #toRedactedUrl()}. Copies are made with
 * {@link #with(String, String)}.
 */
public final class ConnectionSettings {

    /** Where a keyword's value came from, in libpq's order of precedence (highest first). */
    public enum Origin {
        /** Written in the connection string. */
        EXPLICIT,
        /** From a service file section ({@code service=} / {@code PGSERVICE}). */
        SERVICE,
        /** From a {@code PG*} environment variable. */
        ENVIRONMENT,
        /** From the password file ({@code passfile}, {@code PGPASSFILE}, {@code ~/.pgpass}); only ever for {@code password}. */
        PASSWORD_FILE,
        /** libpq's compiled default (or a default libpq derives, such as dbname = user or ~/.postgresql/root.crt). */
        DEFAULT
    }

    private final String dialect;
    private final Map<String, String> values;
    private final Map<String, Secret> secrets;
    private final Map<String, Origin> origins;
    private final Map<String, String> driverOptions;
    private final Map<String, String> pgsslOptions;
    private final List<String> warnings;
    private final List<Secret> hostPasswords;

    private ConnectionSettings(Builder b) {
        this.dialect = b.dialect;
        // The builder is frozen by build(): it copies its maps before any later change, so these
        // views are never modified (no copy needed here).
        this.values = view(b.values);
        this.secrets = view(b.secrets);
        this.origins = view(b.origins);
        this.driverOptions = view(b.driverOptions);
        this.pgsslOptions = view(b.pgsslOptions);
        this.warnings = b.warnings.isEmpty() ? List.of() : List.copyOf(b.warnings);
        this.hostPasswords = b.hostPasswords.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(b.hostPasswords));
    }

    private static <V> Map<String, V> view(Map<String, V> m) {
        return m.isEmpty() ? Map.of() : Collections.unmodifiableMap(m);
    }

    /**
     * A builder, for dialects (parsers) and tests.
     *
     * @param dialect the form the string was written in ({@link #dialect()})
     * @return an empty builder
     */
    public static Builder builder(String dialect) {
        return new Builder(dialect);
    }

    /** {@return a builder holding a copy of this object's content} */
    public Builder toBuilder() {
        Builder b = new Builder(dialect);
        b.values.putAll(values);
        b.secrets.putAll(secrets);
        b.origins.putAll(origins);
        b.driverOptions.putAll(driverOptions);
        b.pgsslOptions.putAll(pgsslOptions);
        b.warnings.addAll(warnings);
        b.hostPasswords.addAll(hostPasswords);
        return b;
    }

    /** {@return the form the string was written in, e.g. {@code uri}, {@code keyword-value}, {@code jdbc}, {@code r2dbc}} */
    public String dialect() {
        return dialect;
    }

    /**
     * The value of a non-secret libpq keyword. Secret keywords are never returned here: see {@link #secret(String)}.
     *
     * @param keyword a libpq keyword
     * @return its value, or empty when unset or secret
     */
    public Optional<String> get(String keyword) {
        return Optional.ofNullable(values.get(keyword));
    }

    /**
     * The value of a secret keyword ({@code password}, {@code sslpassword}).
     *
     * @param keyword a secret libpq keyword
     * @return its value, or empty when unset
     */
    public Optional<Secret> secret(String keyword) {
        return Optional.ofNullable(secrets.get(keyword));
    }

    /** {@return {@code password}, if set} */
    public Optional<Secret> password() {
        return secret("password");
    }

    /** {@return {@code sslpassword}, if set} */
    public Optional<Secret> sslPassword() {
        return secret("sslpassword");
    }

    /**
     * {@return whether a keyword (secret or not) is set}
     *
     * @param keyword a libpq keyword
     */
    public boolean isSet(String keyword) {
        return values.containsKey(keyword) || secrets.containsKey(keyword);
    }

    /** {@return every non-secret libpq keyword that is set, in the order they were set} */
    public Map<String, String> keywords() {
        return values;
    }

    /** {@return the names of the secret keywords that are set} */
    public Set<String> secretKeywords() {
        return secrets.keySet();
    }

    /**
     * Where a keyword's value came from.
     *
     * @param keyword a libpq keyword
     * @return its origin, or empty when it is not set
     */
    public Optional<Origin> origin(String keyword) {
        return Optional.ofNullable(origins.get(keyword));
    }

    /** {@return the {@code host} list} Empty elements are kept, as libpq keeps them; empty when host is unset. */
    public List<String> hosts() {
        return splitList(values.get("host"));
    }

    /**
     * libpq's host list: {@code host}, {@code hostaddr} and {@code port} paired and defaulted as
     * libpq does (see {@link Endpoint}), in the order written. Always at least one element.
     *
     * @return the endpoints
     * @throws ConnectionStringException when the lists cannot be paired or a port is not valid
     */
    public List<Endpoint> endpoints() {
        return Endpoint.listOf(this);
    }

    /** {@return the {@code hostaddr} list; empty when unset} */
    public List<String> hostaddrs() {
        return splitList(values.get("hostaddr"));
    }

    /** {@return the {@code port} list; empty when unset} */
    public List<String> ports() {
        return splitList(values.get("port"));
    }

    /** {@return driver-specific options that are not libpq keywords, by their own names} For example pgjdbc's {@code prepareThreshold}. */
    public Map<String, String> driverOptions() {
        return driverOptions;
    }

    /** {@return pgssl's own options, without the prefix} They are written {@code pgssl.<name>} in a connection string. */
    public Map<String, String> pgsslOptions() {
        return pgsslOptions;
    }

    /**
     * {@return the warnings libpq would print while reading these settings} For example a password
     * file with group or world access, which is then ignored. Never contains a secret.
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The password for the host at {@code index} of the host list: the {@code password} keyword
     * when set, else what the password file gives for that host (libpq looks it up per host).
     *
     * @param index the host's position in {@link #endpoints()}
     * @return the password, or empty
     */
    public Optional<Secret> passwordForHost(int index) {
        Optional<Secret> p = password();
        if (p.isPresent() && !p.get().isEmpty()) {
            return p;
        }
        if (index >= 0 && index < hostPasswords.size() && hostPasswords.get(index) != null) {
            return Optional.of(hostPasswords.get(index));
        }
        return p;
    }

    /**
     * A copy with one non-secret keyword set, marked {@link Origin#EXPLICIT}; {@code null} removes it.
     *
     * @param keyword a libpq keyword
     * @param value its value, or {@code null}
     * @return the copy
     */
    public ConnectionSettings with(String keyword, String value) {
        Builder b = toBuilder();
        if (value == null) {
            b.remove(keyword);
        } else {
            b.set(keyword, value, Origin.EXPLICIT);
        }
        return b.build();
    }

    /**
     * A copy with a secret keyword set; {@code null} removes it.
     *
     * @param keyword a secret libpq keyword
     * @param value its value, or {@code null}
     * @return the copy
     */
    public ConnectionSettings withSecret(String keyword, Secret value) {
        Builder b = toBuilder();
        if (value == null) {
            b.remove(keyword);
        } else {
            b.setSecret(keyword, value, Origin.EXPLICIT);
        }
        return b.build();
    }

    /**
     * {@return a {@code postgresql://} URI for these settings with every secret replaced by {@value Secret#MASK}}
     * Safe to log.
     */
    public String toRedactedUrl() {
        return RedactedUrl.of(this);
    }

    /** Redacted: never shows a secret. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ConnectionSettings[").append(dialect).append(' ').append(toRedactedUrl());
        if (!driverOptions.isEmpty()) {
            sb.append(" driverOptions={");
            String sep = "";
            for (Map.Entry<String, String> e : driverOptions.entrySet()) {
                sb.append(sep).append(e.getKey()).append('=')
                        .append(SensitiveKeys.isSensitive(e.getKey()) ? Secret.MASK : e.getValue());
                sep = ", ";
            }
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionSettings c && dialect.equals(c.dialect) && values.equals(c.values)
                && secrets.equals(c.secrets) && driverOptions.equals(c.driverOptions)
                && pgsslOptions.equals(c.pgsslOptions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, secrets, driverOptions, pgsslOptions);
    }

    private static List<String> splitList(String v) {
        return v == null ? List.of() : HostList.split(v);
    }

    /** Mutable builder; {@link SensitiveKeys} decides which keywords are stored as secrets. */
    public static final class Builder {
        private final String dialect;
        private Map<String, String> values = new LinkedHashMap<>();
        private Map<String, Secret> secrets = new LinkedHashMap<>();
        private Map<String, Origin> origins = new LinkedHashMap<>();
        private Map<String, String> driverOptions = new LinkedHashMap<>();
        private Map<String, String> pgsslOptions = new LinkedHashMap<>();
        private List<String> warnings = new ArrayList<>();
        private List<Secret> hostPasswords = new ArrayList<>();
        /** Set by build(): the maps now back a ConnectionSettings and are copied before any change. */
        private boolean frozen;

        private Builder(String dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
        }

        private void thaw() {
            if (frozen) {
                values = new LinkedHashMap<>(values);
                secrets = new LinkedHashMap<>(secrets);
                origins = new LinkedHashMap<>(origins);
                driverOptions = new LinkedHashMap<>(driverOptions);
                pgsslOptions = new LinkedHashMap<>(pgsslOptions);
                warnings = new ArrayList<>(warnings);
                hostPasswords = new ArrayList<>(hostPasswords);
                frozen = false;
            }
        }

        /**
         * Sets a keyword; a sensitive keyword is stored as a {@link Secret}. The last call wins.
         *
         * @param keyword a libpq keyword
         * @param value its value
         * @param origin where the value came from
         * @return this builder
         */
        public Builder set(String keyword, String value, Origin origin) {
            if (SensitiveKeys.isSensitive(keyword)) {
                return setSecret(keyword, Secret.of(value), origin);
            }
            thaw();
            if (values.put(keyword, value) != null) {
                values.remove(keyword); // the last setting moves to the end
                values.put(keyword, value);
            }
            origins.put(keyword, origin);
            return this;
        }

        /**
         * Sets a secret keyword.
         *
         * @param keyword a secret libpq keyword
         * @param value its value
         * @param origin where the value came from
         * @return this builder
         */
        public Builder setSecret(String keyword, Secret value, Origin origin) {
            thaw();
            if (secrets.put(keyword, value) != null) {
                secrets.remove(keyword);
                secrets.put(keyword, value);
            }
            origins.put(keyword, origin);
            return this;
        }

        /**
         * Removes a keyword.
         *
         * @param keyword a libpq keyword
         * @return this builder
         */
        public Builder remove(String keyword) {
            thaw();
            values.remove(keyword);
            secrets.remove(keyword);
            origins.remove(keyword);
            return this;
        }

        /**
         * {@return the non-secret value of a keyword set in this builder, or {@code null}}
         *
         * @param keyword a libpq keyword
         */
        public String value(String keyword) {
            return values.get(keyword);
        }

        /**
         * {@return the secret value of a keyword set in this builder, or {@code null}}
         *
         * @param keyword a secret libpq keyword
         */
        public Secret secretValue(String keyword) {
            return secrets.get(keyword);
        }

        /**
         * {@return the origin of a keyword set in this builder, or {@code null}}
         *
         * @param keyword a libpq keyword
         */
        public Origin originOf(String keyword) {
            return origins.get(keyword);
        }

        /**
         * Adds a warning.
         *
         * @param message the warning, which must not contain a secret
         * @return this builder
         */
        public Builder warning(String message) {
            thaw();
            warnings.add(message);
            return this;
        }

        /**
         * Per-host passwords from the password file, by host index.
         *
         * @param passwords one per host, {@code null} where none
         * @return this builder
         */
        public Builder hostPasswords(List<Secret> passwords) {
            thaw();
            hostPasswords.clear();
            hostPasswords.addAll(passwords);
            return this;
        }

        /**
         * {@return whether a keyword is set in this builder}
         *
         * @param keyword a libpq keyword
         */
        public boolean isSet(String keyword) {
            return values.containsKey(keyword) || secrets.containsKey(keyword);
        }

        /**
         * Keeps a driver-specific option under its own name.
         *
         * @param name the option's name, as the driver spells it
         * @param value its value
         * @return this builder
         */
        public Builder driverOption(String name, String value) {
            thaw();
            driverOptions.put(name, value);
            return this;
        }

        /**
         * Keeps a pgssl option.
         *
         * @param name the option's name, without the {@code pgssl.} prefix
         * @param value its value
         * @return this builder
         */
        public Builder pgsslOption(String name, String value) {
            thaw();
            pgsslOptions.put(name, value);
            return this;
        }

        /** {@return the immutable settings} The builder stays usable: it copies its content before the next change. */
        public ConnectionSettings build() {
            frozen = true;
            return new ConnectionSettings(this);
        }
    }
}
