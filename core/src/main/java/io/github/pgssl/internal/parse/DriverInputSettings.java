package io.github.pgssl.internal.parse;

import io.github.pgssl.ConnectionSettings;

/**
 * Settings read from a driver's own inputs (JDBC Properties, DataSource setters, R2DBC options),
 * before the merge with the string. Not API.
 *
 * @param settings the keywords, pgssl options and driver options the inputs set (all {@code EXPLICIT})
 * @param sslTrue  pgjdbc's {@code ssl=true} without an sslmode: verify-full unless the string sets a mode
 */
public record DriverInputSettings(ConnectionSettings settings, boolean sslTrue) {
    /** No inputs. */
    public static final DriverInputSettings NONE = new DriverInputSettings(ConnectionSettings.builder("none").build(), false);
}
