package io.github.pgssl.testkit.server;

/** Run in a child JVM by {@link ProcessLeakIT}: starts a server, prints its data directory, then exits or hangs. */
public final class LeakCheckChild {
    private LeakCheckChild() {
    }

    public static void main(String[] args) throws Exception {
        PostgresServer s = PostgresServer.builder().start();
        System.out.println("DATA " + s.dataDirectory());
        System.out.flush();
        if (args.length > 0 && args[0].equals("exit")) {
            System.exit(0); // without close(): the shutdown hook must stop the server
        }
        Thread.sleep(120_000); // killed with SIGKILL by the parent: the watchdog must stop the server
        System.exit(3);
    }
}
