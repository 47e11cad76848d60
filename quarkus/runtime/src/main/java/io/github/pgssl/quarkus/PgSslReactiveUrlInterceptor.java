package io.github.pgssl.quarkus;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.vertx.pgclient.PgConnectOptions;

import java.util.regex.Pattern;

/**
 * Lets {@code quarkus.datasource.reactive.url} hold any form pgssl reads. Quarkus parses that
 * value with Vert.x ({@code PgConnectOptions.fromUri}, after splitting it at commas) before any
 * {@code PgPoolCreator} runs; a libpq host list, a keyword/value string or a JDBC URL would fail
 * there, with the raw URL, password included, in the exception. For such a value Quarkus is given
 * a stand-in without secrets ({@value #STAND_IN}), and {@link PgSslPoolCreator} reads the value
 * as written under {@value #ORIGINAL}{@code quarkus.datasource.reactive.url}. A single URI that
 * Vert.x reads is passed through unchanged.
 */
public final class PgSslReactiveUrlInterceptor implements ConfigSourceInterceptor {
    private static final long serialVersionUID = 1L;
    /** The prefix under which the value as written stays readable. */
    public static final String ORIGINAL = "pgssl.original.";
    /** The default reactive datasource's URL property. */
    public static final String URL = "quarkus.datasource.reactive.url";
    /** What Quarkus parses instead of a value Vert.x cannot read (never connected to by pgssl). */
    public static final String STAND_IN = "postgresql://pgssl.invalid/pgssl";

    private static final Pattern SINGLE_URI = Pattern.compile("^postgres(ql)?://[^,]*$");

    /** For SmallRye Config. */
    public PgSslReactiveUrlInterceptor() {
    }

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        if (name.startsWith(ORIGINAL)) {
            return context.proceed(name.substring(ORIGINAL.length()));
        }
        ConfigValue value = context.proceed(name);
        if (value == null || value.getValue() == null || !URL.equals(name) || vertxReads(value.getValue())) {
            return value;
        }
        return value.withValue(STAND_IN);
    }

    private static boolean vertxReads(String url) {
        if (!SINGLE_URI.matcher(url).matches()) {
            return false;
        }
        try {
            PgConnectOptions.fromUri(url);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
