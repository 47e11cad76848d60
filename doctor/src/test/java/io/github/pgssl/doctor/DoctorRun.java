package io.github.pgssl.doctor;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.testkit.json.JsonParser;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the doctor in-process with captured stdout/stderr and an injected environment. */
record DoctorRun(int exitCode, String out, String err) {

    static DoctorRun run(Map<String, String> env, Path home, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            code = DoctorCommand.run(args, po, pe, PgEnvironment.of(env, home));
        }
        return new DoctorRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    Map<String, Object> json() {
        return JsonParser.object(out);
    }

    String all() {
        return out + err;
    }
}
