package io.github.pgssl.internal.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What a file looked like (existence, size, mtime, inode), to notice replacement cheaply. Not API. */
record FileStamp(Path path, boolean exists, long size, long modifiedNanos, Object fileKey) {

    static FileStamp of(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            long nanos = a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
            return new FileStamp(p, true, a.size(), nanos, a.fileKey());
        } catch (IOException e) {
            return new FileStamp(p, false, -1, -1, null);
        }
    }

    static List<FileStamp> of(List<Path> paths) {
        List<FileStamp> out = new ArrayList<>(paths.size());
        for (Path p : paths) {
            out.add(of(p));
        }
        return out;
    }

    static boolean isRegularFile(Path p) {
        return Files.isRegularFile(p, LinkOption.values());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileStamp f && path.equals(f.path) && exists == f.exists && size == f.size
                && modifiedNanos == f.modifiedNanos && Objects.equals(fileKey, f.fileKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, size, modifiedNanos);
    }
}
