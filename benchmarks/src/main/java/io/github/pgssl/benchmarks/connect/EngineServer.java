package io.github.pgssl.benchmarks.connect;

import io.github.pgssl.testkit.pki.KeyAlgorithm;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A benchmark server for the engine runs: starts the testkit PostgreSQL with an RSA-2048 or ECDSA
 * P-256 leaf (CAs RSA-2048), writes its target properties, and stops when standard input closes.
 *
 * <p>usage: {@code EngineServer <rsa|ecdsa> <dir>}; the target is {@code <dir>/target.properties}.
 */
public final class EngineServer {
    private EngineServer() {
    }

    public static void main(String[] args) throws Exception {
        KeyAlgorithm leaf = args[0].equals("ecdsa") ? KeyAlgorithm.EC_P256 : KeyAlgorithm.RSA_2048;
        Path dir = Path.of(args[1]);
        try (BenchServer server = BenchServer.start(dir, leaf)) {
            Path tmp = dir.resolve("target.properties.tmp");
            server.target().store(tmp);
            Files.move(tmp, dir.resolve("target.properties"));
            System.err.println("engine server ready (" + leaf + " leaf)");
            while (System.in.read() >= 0) {
                // until the runner closes our standard input
            }
        }
        System.exit(0);
    }
}
