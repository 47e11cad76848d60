#!/usr/bin/env bash
# One command for every pgssl benchmark: builds the modules, runs the JMH microbenchmarks with the
# allocation profiler, runs the connection-setup harness (libpq floor, pgjdbc, r2dbc-postgresql,
# vertx-pg-client; native settings against pgssl; HikariCP fill) against a throwaway TLS
# PostgreSQL from pgssl-testkit, and writes docs/benchmarks.md from the raw results.
#
#   benchmarks/run.sh                 # full run (under 10 minutes on 2 cores, even shared)
#   N=10 ROUNDS=2 WARMUP=5 HIKARI_ROUNDS=1 JMH=0 benchmarks/run.sh   # quick smoke run
#
# Environment knobs (defaults in brackets):
#   N [40]              connections per round and path
#   ROUNDS [8]          rounds (all mode/path series interleaved connection by connection)
#   WARMUP [30]         warm-up connections per path and mode
#   HIKARI_ROUNDS [5]   50-connection pool fills per path
#   PGBENCH_ROUNDS [2]  rounds of the pgbench cross-check
#   JMH_QUICK           iteration options of the average-time JMH benchmarks
#   JMH [1]             0 skips the microbenchmarks
#   JMH_ARGS            extra JMH options (e.g. a benchmark regex)
#   BUILD [1]           0 skips the Maven build (reuse benchmarks/target)
#   TARGET              properties file of an already running server (host, port, database, user,
#                       password, rootFile, bundleFile) instead of a testkit server
#   OUT [docs/benchmarks.md]
#   RUN [benchmarks/target/run]   directory for the raw files of the run
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-40}
ROUNDS=${ROUNDS:-8}
WARMUP=${WARMUP:-30}
HIKARI_ROUNDS=${HIKARI_ROUNDS:-5}
PGBENCH_ROUNDS=${PGBENCH_ROUNDS:-2}
JMH=${JMH:-1}
JMH_ARGS=${JMH_ARGS:-}
BUILD=${BUILD:-1}
OUT=${OUT:-docs/benchmarks.md}
RUN=${RUN:-benchmarks/target/run}
MVN="mvn -B -q"

if [ "$BUILD" = 1 ]; then
  echo "== build (benchmarks and the modules it needs)" >&2
  $MVN -pl benchmarks -am install -DskipTests
fi

rm -rf "$RUN"
mkdir -p "$RUN"
RUN=$(cd "$RUN" && pwd)
# A private copy of what runs, so a concurrent build of the module cannot pull it away mid-run.
cp -r benchmarks/target/classes "$RUN/classes"
cp benchmarks/target/benchmarks.jar "$RUN/benchmarks.jar"

# One class path per driver: r2dbc-postgresql on the Netty 4.1 it was released with, vertx on 4.2,
# pgjdbc (and the coordinator) without Netty. Each runs in its own JVM.
# No netty-tcnative here: with it on the class path, Netty's default client provider becomes OpenSSL,
# so r2dbc-postgresql's native path would run BoringSSL while pgssl runs its default engine (jdk),
# and pgssl/native would measure the engine (about 1.25-1.40 on this machine), not pgssl. Both sides
# run the JDK engine here; native engines are compared by benchmarks/engines.sh, which keeps them.
NO_NATIVE_TLS=netty-tcnative-boringssl-static,netty-tcnative-classes
echo "== class paths" >&2
$MVN -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$RUN/cp-jdbc.txt" \
  -DexcludeGroupIds=io.vertx,io.netty,io.r2dbc,io.projectreactor,io.projectreactor.netty,org.reactivestreams \
  -DexcludeArtifactIds=r2dbc-postgresql,pgssl-r2dbc,pgssl-vertx >&2
$MVN -pl benchmarks -Pnetty41 dependency:build-classpath -Dmdep.outputFile="$RUN/cp-r2dbc.txt" \
  -DexcludeGroupIds=io.vertx -DexcludeArtifactIds=pgssl-vertx,$NO_NATIVE_TLS >&2
$MVN -pl benchmarks -Pnetty42 dependency:build-classpath -Dmdep.outputFile="$RUN/cp-vertx.txt" \
  -DexcludeGroupIds=io.r2dbc,io.projectreactor,io.projectreactor.netty \
  -DexcludeArtifactIds=r2dbc-postgresql,pgssl-r2dbc,$NO_NATIVE_TLS >&2

# Private copies of every jar too: a concurrent `mvn install` must not swap a jar under a running JVM.
mkdir -p "$RUN/lib"
for d in jdbc r2dbc vertx; do
  cp_new=""
  IFS=":" read -r -a jars < "$RUN/cp-$d.txt" || true  # the file has no final newline
  for j in "${jars[@]}"; do
    [ -e "$RUN/lib/$(basename "$j")" ] || cp "$j" "$RUN/lib/"
    cp_new="${cp_new:+$cp_new:}$RUN/lib/$(basename "$j")"
  done
  printf '%s' "$cp_new" > "$RUN/cp-$d.txt"
done

JMH_VERSION=$(unzip -p "$RUN/benchmarks.jar" META-INF/maven/org.openjdk.jmh/jmh-core/pom.properties 2>/dev/null | sed -n 's/^version=//p')
# The average-time benchmarks (policy, parsing, material for a seen policy) run with shorter
# iterations than their annotations (JMH_QUICK) to keep the whole run under 10 minutes on 2 cores;
# the rest of MaterialBenchmark (single-shot first builds: cold start needs fresh forks, not
# warm-up) keeps its own annotations.
JMH_QUICK=${JMH_QUICK:--f 1 -wi 3 -w 500ms -i 4 -r 500ms}
QUICK='PolicyBenchmark|ParseBenchmark|MaterialBenchmark.seenPolicy'
if [ "$JMH" = 1 ]; then
  echo "== JMH microbenchmarks (-prof gc)" >&2
  # A private java.io.tmpdir: JMH's lock file lives there, and other JMH users on the machine
  # would otherwise make this run exit at once.
  mkdir -p "$RUN/tmp"
  JMH_JVM=(java -Djava.io.tmpdir="$RUN/tmp" -jar "$RUN/benchmarks.jar" -prof gc -rf csv -foe false -jvmArgsAppend "-Djava.io.tmpdir=$RUN/tmp")
  # shellcheck disable=SC2086
  "${JMH_JVM[@]}" -rff "$RUN/jmh-avgt.csv" $JMH_QUICK $JMH_ARGS "$QUICK" >&2 || echo "JMH failed; the report will say so" >&2
  # shellcheck disable=SC2086
  "${JMH_JVM[@]}" -rff "$RUN/jmh-cold.csv" -e 'seenPolicy' $JMH_ARGS 'MaterialBenchmark' >&2 || echo "JMH failed; the report will say so" >&2
fi

CP="$RUN/classes:$(cat "$RUN/cp-jdbc.txt")"
echo "== connection-setup harness" >&2
java -cp "$CP" -Dpgssl.bench.jmhVersion="$JMH_VERSION" -Dpgssl.bench.jmhArgs="\`-prof gc $JMH_QUICK $JMH_ARGS '$QUICK'\`, then \`-prof gc -e seenPolicy $JMH_ARGS MaterialBenchmark\` (iterations and forks from the annotations)" \
  -Dpgssl.bench.csource=benchmarks/src/main/c/libpq_connect.c -Dpgssl.bench.pgbenchRounds="$PGBENCH_ROUNDS" \
  io.github.pgssl.benchmarks.connect.BenchmarkRun "$RUN" "$N" "$ROUNDS" "$WARMUP" "$HIKARI_ROUNDS" ${TARGET:+"$TARGET"}

java -cp "$CP" io.github.pgssl.benchmarks.connect.Report "$RUN" "$OUT"
echo "== wrote $OUT" >&2
