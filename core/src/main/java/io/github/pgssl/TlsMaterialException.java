package io.github.pgssl;

import java.nio.file.Path;
import java.util.Optional;

/** A certificate, key or CRL could not be read or used. */
public class TlsMaterialException extends PgSslException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public TlsMaterialException(String setting, Path file, String message) {
        super(setting, message);
        this.file = file;
    }

    public TlsMaterialException(String setting, Path file, String message, Throwable cause) {
        super(setting, message, cause);
        this.file = file;
    }

    /** The file concerned, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
