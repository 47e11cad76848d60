package io.github.pgssl.doctor;

import java.io.PrintStream;

/** Progress of long steps, on stderr, so stdout stays a clean report (or clean JSON). */
interface Progress {
    void step(String what);

    static Progress to(PrintStream err) {
        return what -> {
            err.println("pgssl-doctor: " + what + " ...");
            err.flush();
        };
    }

    static Progress none() {
        return what -> {
        };
    }
}
