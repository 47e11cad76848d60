package io.github.pgssl.doctor;

import io.github.pgssl.PgEnvironment;

/** {@code java -jar pgssl-doctor.jar [options] [CONNECTION_STRING]}. */
public final class Main {
    private Main() {
    }

    /**
     * Runs the doctor and exits with its code: 0 all connected (or explained), 1 a connection
     * failed, 2 invalid input.
     *
     * @param args the command line ({@code --help} lists the options)
     */
    public static void main(String[] args) {
        int code = DoctorCommand.run(args, System.out, System.err, PgEnvironment.system());
        System.out.flush();
        System.exit(code);
    }
}
