package io.github.pgssl.doctor;

import io.github.pgssl.PgEnvironment;

/** {@code java -jar pgssl-doctor.jar [options] [CONNECTION_STRING]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = DoctorCommand.run(args, System.out, System.err, PgEnvironment.system());
        System.out.flush();
        System.exit(code);
    }
}
