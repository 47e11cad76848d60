package io.github.pgssl.vertx;

import io.github.pgssl.Endpoint;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * libpq's connection plan for one connection string: the hosts in order and, per host, the
 * encryption attempts (spec §1.3). Immutable; the per-attempt Vert.x options are built once here,
 * so connecting allocates no SSL state and reads no file.
 */
final class ConnectPlan {

    /** One encryption attempt on a fresh TCP connection. */
    enum Attempt { TLS, PLAINTEXT }

    /**
     * One entry of libpq's host list (core's {@link Endpoint}) with its prebuilt Vert.x options.
     *
     * @param endpoint the server: host (verified, sent as SNI), hostaddr (connected to) and port
     * @param tls      options for the TLS attempt, or {@code null} when TLS is never tried
     * @param plain    options for the plaintext attempt, or {@code null} when plaintext is never tried
     */
    record Target(Endpoint endpoint, PgSslConnectOptions tls, PgSslConnectOptions plain) {

        /** libpq's {@code host}: what TLS verifies and sends as SNI ({@code ""} when only hostaddr is given). */
        String host() {
            return endpoint.host();
        }

        /** The numeric address connected to, or {@code null} when none was given. */
        String hostaddr() {
            return endpoint.hostaddr().isEmpty() ? null : endpoint.hostaddr();
        }

        int port() {
            return endpoint.port();
        }

        boolean isUnixSocket() {
            return endpoint.isUnixSocket();
        }

        /** libpq's prefix of a per-host error ({@code connection to server at "h" (addr), port N failed: }). */
        String failurePrefix() {
            return endpoint.describe() + " failed: ";
        }

        /** The short form {@link PgSslConnectOptions#targets()} lists: {@code host (hostaddr):port}. */
        String describe() {
            String host = host();
            String addr = hostaddr();
            return (host.isEmpty() ? addr : host) + (addr != null && !host.isEmpty() ? " (" + addr + ")" : "") + ":" + port();
        }

        /** The attempts libpq makes on this host, in order. */
        List<Attempt> attempts(SslPolicy policy) {
            if (isUnixSocket() || PgSsl.policyForHost(policy, endpoint.connectAddress()) instanceof SslPolicy.Disabled) {
                // libpq never tries SSL or GSS over a Unix-domain socket, whatever sslmode says (spec §1.2).
                return List.of(Attempt.PLAINTEXT);
            }
            return switch (policy.fallback()) {
                case NONE -> List.of(Attempt.TLS);
                case PLAINTEXT_AFTER_TLS_FAILURE -> List.of(Attempt.TLS, Attempt.PLAINTEXT);
                case PLAINTEXT_FIRST -> List.of(Attempt.PLAINTEXT, Attempt.TLS);
            };
        }

        PgSslConnectOptions options(Attempt attempt) {
            return attempt == Attempt.TLS ? tls : plain;
        }
    }

    private final SslPolicy policy;
    private final PolicyManagers managers;
    private final List<Target> targets;
    private final boolean randomOrder;
    private final int connectTimeoutMillis;

    ConnectPlan(SslPolicy policy, PolicyManagers managers, List<Target> targets, boolean randomOrder,
                int connectTimeoutMillis) {
        this.policy = policy;
        this.managers = managers;
        this.targets = List.copyOf(targets);
        this.randomOrder = randomOrder;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    /** libpq's {@code connect_timeout} in milliseconds (per host and attempt); 0 when unset. */
    int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    SslPolicy policy() {
        return policy;
    }

    /** The managers of the TLS attempts; {@code null} when TLS is never attempted. */
    PolicyManagers managers() {
        return managers;
    }

    List<Target> targets() {
        return targets;
    }

    /** The order of this connection's hosts: as written, or shuffled for {@code load_balance_hosts=random}. */
    List<Target> order() {
        if (!randomOrder || targets.size() < 2) {
            return targets;
        }
        List<Target> shuffled = new ArrayList<>(targets);
        Collections.shuffle(shuffled, ThreadLocalRandom.current());
        return shuffled;
    }

    List<String> describeTargets() {
        return targets.stream().map(Target::describe).toList();
    }
}
