package io.github.pgssl.r2dbc;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The option names a {@link ConnectionFactoryOptions} holds. The SPI (1.0) has no accessor for
 * them, so candidates are read from its {@code toString()} ({@code {a=1, b=2}}, secrets redacted)
 * and each is confirmed with {@link ConnectionFactoryOptions#hasOption}: a value that looks like
 * {@code x, y=z} cannot invent an option.
 */
final class OptionNames {
    private static final String PREFIX = "ConnectionFactoryOptions{options={";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private OptionNames() {
    }

    static Set<String> of(ConnectionFactoryOptions options) {
        String s = options.toString();
        Set<String> names = new LinkedHashSet<>();
        if (!s.startsWith(PREFIX)) {
            throw new IllegalStateException("unexpected ConnectionFactoryOptions.toString() format; pgssl-r2dbc needs r2dbc-spi 1.0");
        }
        String body = s.substring(PREFIX.length());
        for (int eq = body.indexOf('='); eq >= 0; eq = body.indexOf('=', eq + 1)) {
            int from = body.lastIndexOf(", ", eq);
            String candidate = body.substring(from < 0 ? 0 : from + 2, eq);
            if (NAME.matcher(candidate).matches() && options.hasOption(Option.valueOf(candidate))) {
                names.add(candidate);
            }
        }
        return names;
    }
}
