package io.github.pgssl.testkit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The operating-system user that runs PostgreSQL. PostgreSQL refuses to run as root, so when this JVM
 * runs as root (CI containers), the server runs as an unprivileged user ({@code nobody} unless
 * {@code -Dpgssl.testkit.runAs=name} or {@code PGSSL_TESTKIT_RUN_AS} says otherwise) through
 * util-linux's {@code setpriv}; otherwise as the current user.
 */
final class ServerUser {
    static final String RUN_AS_PROPERTY = "pgssl.testkit.runAs";
    static final String RUN_AS_ENV = "PGSSL_TESTKIT_RUN_AS";

    private static volatile ServerUser instance;

    private final boolean switching;
    private final String name;
    private final int uid;
    private final int gid;

    private ServerUser(boolean switching, String name, int uid, int gid) {
        this.switching = switching;
        this.name = name;
        this.uid = uid;
        this.gid = gid;
    }

    static ServerUser get() {
        ServerUser u = instance;
        if (u == null) {
            synchronized (ServerUser.class) {
                u = instance;
                if (u == null) {
                    u = detect();
                    instance = u;
                }
            }
        }
        return u;
    }

    private static ServerUser detect() {
        int self = currentUid();
        if (self != 0) {
            return new ServerUser(false, System.getProperty("user.name"), self, -1);
        }
        String name = System.getProperty(RUN_AS_PROPERTY);
        if (name == null || name.isBlank()) {
            name = System.getenv(RUN_AS_ENV);
        }
        if (name == null || name.isBlank()) {
            name = "nobody";
        }
        int uid = Integer.parseInt(Exec.run(List.of("id", "-u", name), Duration.ofSeconds(10), null).trim());
        int gid = Integer.parseInt(Exec.run(List.of("id", "-g", name), Duration.ofSeconds(10), null).trim());
        if (uid == 0) {
            throw new IllegalStateException(RUN_AS_PROPERTY + ": user \"" + name
                    + "\" is root, and PostgreSQL refuses to run as root; name an unprivileged user");
        }
        return new ServerUser(true, name, uid, gid);
    }

    private static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Integer.parseInt(Exec.run(List.of("id", "-u"), Duration.ofSeconds(10), null).trim());
        }
    }

    /** Whether commands are run as another user than this JVM's. */
    boolean isSwitching() {
        return switching;
    }

    String name() {
        return name;
    }

    /** The command line that runs {@code command} as this user. */
    List<String> command(List<String> command) {
        if (!switching) {
            return command;
        }
        List<String> out = new ArrayList<>();
        out.add("setpriv");
        out.add("--reuid=" + uid);
        out.add("--regid=" + gid);
        out.add("--clear-groups");
        out.add("--");
        out.addAll(command);
        return out;
    }

    /** Makes this user own {@code path} (no-op when not switching). */
    void own(Path path) {
        if (!switching) {
            return;
        }
        try {
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + path + " to user " + name, e);
        }
    }

    /** Makes this user own {@code root} and everything below it. */
    void ownTree(Path root) {
        if (!switching) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(this::own);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + root + " to user " + name, e);
        }
    }
}
