package io.github.pgssl.r2dbc;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.UnsupportedDriverException;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;

import java.util.function.Function;

/**
 * What the r2dbc-postgresql on the class path can do, found once by looking (never by catching a
 * {@code NoClassDefFoundError} at connect time), so pgssl works with every release Spring Boot 3.5
 * (1.0.8) and 4.0 (1.1.1) manage and uses a feature only where the driver has it:
 *
 * <ul>
 * <li>{@code channel_binding} ({@code ChannelBindingMode}): r2dbc-postgresql 1.1.3+. Older drivers do
 *     no channel binding at all, which {@code disable} and {@code prefer} accept; {@code require} is
 *     refused at configuration time.</li>
 * <li>{@code sslnegotiation=direct} ({@code SSLNegotiation}): 1.1.x; refused on 1.0.x.</li>
 * <li>the TLS hooks pgssl needs (engine, context and parameter customizers, {@code sslSni}):
 *     every release from {@value #MINIMUM}; an older driver is refused with
 *     {@link UnsupportedDriverException}.</li>
 * </ul>
 */
final class DriverSupport {
    /** Maven coordinates of the driver. */
    static final String DRIVER = "org.postgresql:r2dbc-postgresql";
    /** The oldest release supported: the one Spring Boot 3.5 manages, the oldest tested. */
    static final String MINIMUM = "1.0.8";

    static final String VERSION = version();
    static final boolean CHANNEL_BINDING = present("io.r2dbc.postgresql.client.ChannelBindingMode");
    static final boolean SSL_NEGOTIATION = present("io.r2dbc.postgresql.client.SSLNegotiation");
    private static final boolean TLS_HOOKS = hasTlsHooks();

    private DriverSupport() {
    }

    /**
     * Refuses a driver older than {@value #MINIMUM} and settings this driver cannot honour.
     *
     * @throws UnsupportedDriverException for a driver without the TLS hooks pgssl needs
     * @throws SslConfigurationException for {@code channel_binding=require} or {@code sslnegotiation=direct}
     *         on a driver without them
     */
    static void check(ConnectionSettings settings) {
        checkDriver(VERSION, TLS_HOOKS);
        if (!CHANNEL_BINDING && settings.get("channel_binding").filter("require"::equals).isPresent()) {
            throw new SslConfigurationException("channel_binding", "channel_binding=require cannot be honoured: r2dbc-postgresql "
                    + VERSION + " has no channel binding (it came in 1.1.3); use org.postgresql:r2dbc-postgresql 1.1.3 or newer,"
                    + " or channel_binding=prefer");
        }
        if (!SSL_NEGOTIATION && settings.get("sslnegotiation").filter("direct"::equals).isPresent()) {
            throw new SslConfigurationException("sslnegotiation", "sslnegotiation=direct cannot be honoured: r2dbc-postgresql "
                    + VERSION + " has no direct TLS negotiation (it came in 1.1); use org.postgresql:r2dbc-postgresql 1.1.1 or"
                    + " newer, or sslnegotiation=postgres");
        }
    }

    /** The refusal for a driver without pgssl's TLS hooks, or older than {@value #MINIMUM}. */
    static void checkDriver(String version, boolean tlsHooks) {
        if (!tlsHooks || (!"unknown".equals(version) && compare(version, MINIMUM) < 0)) {
            throw new UnsupportedDriverException(DRIVER, version, MINIMUM, "r2dbc-postgresql " + version
                    + " is not supported by pgssl-r2dbc: the minimum is " + MINIMUM + " (Spring Boot 3.5 manages 1.0.8, 4.0"
                    + " manages 1.1.1); use " + DRIVER + " " + MINIMUM + " or newer");
        }
    }

    /** Compares dotted numeric versions ({@code 1.0.8.RELEASE} vs {@code 1.0.8}); qualifiers are ignored. */
    static int compare(String a, String b) {
        int[] x = numbers(a);
        int[] y = numbers(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? x[i] : 0, i < y.length ? y[i] : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int[] numbers(String v) {
        String[] parts = v.split("[.-]");
        int n = 0;
        int[] out = new int[parts.length];
        for (String p : parts) {
            if (!p.matches("\\d+")) {
                break;
            }
            out[n++] = Integer.parseInt(p);
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static String version() {
        Package p = PostgresqlConnectionFactory.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null || v.isBlank() ? "unknown" : v;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, DriverSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean hasTlsHooks() {
        try {
            Class<?> b = PostgresqlConnectionConfiguration.Builder.class;
            b.getMethod("sslEngineCustomizer", Function.class);
            b.getMethod("sslContextBuilderCustomizer", Function.class);
            b.getMethod("sslParameters", Function.class);
            b.getMethod("sslSni", boolean.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
