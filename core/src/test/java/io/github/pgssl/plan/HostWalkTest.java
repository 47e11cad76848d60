package io.github.pgssl.plan;

import io.github.pgssl.AttemptFailure;
import io.github.pgssl.AttemptFailure.Kind;
import io.github.pgssl.ConnectionFailedException;
import io.github.pgssl.ConnectionPlan;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.spi.AttemptRunner;
import io.github.pgssl.spi.PlanExecution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The host walk core runs for every adapter, table-driven: what each server does to each attempt,
 * the attempts made (host, TLS or not) and the outcome. The runner is a script: this tests the
 * walk's decisions only; the adapters' ITs run the same walk against real servers.
 */
class HostWalkTest {

    /** A scripted outcome: "ok", "ok:standby", "ok:ro", or a failure kind. */
    private static final class Script implements AttemptRunner<String> {
        final Map<String, String> outcomes;
        final List<String> made = new ArrayList<>();

        Script(Map<String, String> outcomes) {
            this.outcomes = outcomes;
        }

        @Override
        public CompletionStage<String> attempt(ConnectionPlan plan, ConnectionPlan.Host host, ConnectionPlan.Attempt a) {
            String key = host.endpoint().host() + "/" + a;
            made.add(key);
            String o = outcomes.getOrDefault(key, outcomes.getOrDefault(host.endpoint().host(), "ok"));
            if (o.startsWith("ok")) {
                return CompletableFuture.completedFuture(key + (o.length() > 2 ? o.substring(2) : ""));
            }
            return CompletableFuture.failedFuture(new IllegalStateException(o));
        }

        @Override
        public AttemptFailure classify(Throwable failure, ConnectionPlan.Host host, ConnectionPlan.Attempt a) {
            return AttemptFailure.of(Kind.valueOf(failure.getMessage()), failure.getMessage().toLowerCase(), null, failure);
        }

        @Override
        public CompletionStage<SessionState> sessionState(String c) {
            return CompletableFuture.completedFuture(new SessionState(c.endsWith(":standby"), c.endsWith(":ro")
                    || c.endsWith(":standby")));
        }

        @Override
        public void close(String c) {
            made.add("close " + c);
        }
    }

    static Stream<Arguments> walks() {
        return Stream.of(
                arguments("first host down: next host", "host=a,b sslmode=require",
                        Map.of("a", "TRANSPORT"), List.of("a/TLS", "b/TLS"), "b/TLS"),
                arguments("TLS failure under require is final, later hosts untried", "host=a,b sslmode=require",
                        Map.of("a", "TLS"), List.of("a/TLS"), "fail:1"),
                arguments("prefer: TLS failure falls back to plaintext on the same host", "host=a,b sslmode=prefer",
                        Map.of("a/TLS", "TLS"), List.of("a/TLS", "a/PLAINTEXT"), "a/PLAINTEXT"),
                arguments("prefer: both attempts rejected by the server ends it", "host=a,b sslmode=prefer",
                        Map.of("a", "SERVER"), List.of("a/TLS", "a/PLAINTEXT"), "fail:2"),
                arguments("allow: plaintext first, then TLS", "host=a sslmode=allow",
                        Map.of("a/PLAINTEXT", "SERVER"), List.of("a/PLAINTEXT", "a/TLS"), "a/TLS"),
                arguments("57P03 moves to the next host", "host=a,b sslmode=disable",
                        Map.of("a", "CANNOT_CONNECT_NOW"), List.of("a/PLAINTEXT", "b/PLAINTEXT"), "b/PLAINTEXT"),
                arguments("configuration error ends without the next host", "host=a,b sslmode=disable",
                        Map.of("a", "CONFIGURATION"), List.of("a/PLAINTEXT"), "fail:1"),
                arguments("every host down: every failure listed", "host=a,b,c sslmode=disable",
                        Map.of("a", "TRANSPORT", "b", "TRANSPORT", "c", "TRANSPORT"),
                        List.of("a/PLAINTEXT", "b/PLAINTEXT", "c/PLAINTEXT"), "fail:3"),
                arguments("read-write skips a read-only server", "host=a,b sslmode=disable target_session_attrs=read-write",
                        Map.of("a", "ok:ro"), List.of("a/PLAINTEXT", "close a/PLAINTEXT:ro", "b/PLAINTEXT"), "b/PLAINTEXT"),
                arguments("prefer-standby without standby: second pass takes any", "host=a,b sslmode=disable target_session_attrs=prefer-standby",
                        Map.of(), List.of("a/PLAINTEXT", "close a/PLAINTEXT", "b/PLAINTEXT", "close b/PLAINTEXT", "a/PLAINTEXT"),
                        "a/PLAINTEXT"),
                arguments("standby found on the second host", "host=a,b sslmode=disable target_session_attrs=standby",
                        Map.of("b", "ok:standby"), List.of("a/PLAINTEXT", "close a/PLAINTEXT", "b/PLAINTEXT"),
                        "b/PLAINTEXT:standby"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("walks")
    void runWhenScriptedServersThenLibpqSequence(String name, String url, Map<String, String> outcomes,
                                                 List<String> expectedAttempts, String expected) {
        PgEnvironment env = PgEnvironment.of(Map.of("USER", "u"), (Path) null);
        ConnectionSettings s = PgSsl.settings(url, env);
        ConnectionPlan plan = ConnectionPlan.of(s, PgSsl.policy(s, env));
        Script script = new Script(new HashMap<>(outcomes));
        String outcome;
        try {
            outcome = PlanExecution.run(plan, script, new Random(1)).toCompletableFuture().join();
        } catch (CompletionException e) {
            ConnectionFailedException f = (ConnectionFailedException) e.getCause();
            outcome = "fail:" + f.failures().size();
            assertEquals(f.failures().size(), f.getMessage().split("\n").length);
            assertEquals(true, f.getMessage().startsWith("connection to server at \""), f.getMessage());
        }
        assertEquals(expectedAttempts, script.made);
        assertEquals(expected, outcome);
    }
}
