#!/usr/bin/env bash
# The TLS engine comparison (pgssl.tls_engine): per driver, verify-full with one root, the driver's
# native settings against pgssl with the JDK engine and with each native engine, against a testkit
# server with an RSA-2048 leaf and one with an ECDSA P-256 leaf; then the cold-start series (a fresh
# JVM per sample, main to the first SELECT 1 result, interleaved native / pgssl jdk / pgssl native
# engine); then the JMH "material for a seen policy" benchmark per engine (-prof gc).
# Prints markdown rows; docs/benchmarks.md's engine section quotes a run of this script.
#
#   N [20] ROUNDS [6] WARMUP [20] COLD [7] JMH [1] ENGINES [1] benchmarks/engines.sh
# ENGINES=0 JMH=0 runs only the cold-start series. The cold start of the driver's native settings
# and of pgssl with the jdk engine run on a class path without netty-tcnative and Conscrypt (with
# netty-tcnative present, Netty's default client provider, and so the "native" path, would be
# OpenSSL); pgssl with a native engine runs on the full class path.
# Builds through the reactor (no install): the class paths point at this checkout's modules.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-20}; ROUNDS=${ROUNDS:-6}; WARMUP=${WARMUP:-20}; COLD=${COLD:-7}; JMH=${JMH:-1}; ENGINES=${ENGINES:-1}
RUN=${RUN:-benchmarks/target/engines}
MVN="mvn -B -q -o"
rm -rf "$RUN"; mkdir -p "$RUN"; RUN=$(cd "$RUN" && pwd)

echo "== build and class paths" >&2
$MVN -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile="$RUN/cp-jdbc.txt" \
  -DexcludeGroupIds=io.vertx,io.netty,io.r2dbc,io.projectreactor,io.projectreactor.netty,org.reactivestreams \
  -DexcludeArtifactIds=r2dbc-postgresql,pgssl-r2dbc,pgssl-vertx >&2
$MVN -pl benchmarks -am -Pnetty41 package -DskipTests dependency:build-classpath -Dmdep.outputFile="$RUN/cp-r2dbc.txt" \
  -DexcludeGroupIds=io.vertx -DexcludeArtifactIds=pgssl-vertx >&2
$MVN -pl benchmarks -am -Pnetty42 package -DskipTests dependency:build-classpath -Dmdep.outputFile="$RUN/cp-vertx.txt" \
  -DexcludeGroupIds=io.r2dbc,io.projectreactor,io.projectreactor.netty -DexcludeArtifactIds=r2dbc-postgresql,pgssl-r2dbc >&2
cp -r benchmarks/target/classes "$RUN/classes"
cp benchmarks/target/benchmarks.jar "$RUN/benchmarks.jar"
mkdir -p "$RUN/lib"
for d in jdbc r2dbc vertx; do
  cp_new=""
  IFS=":" read -r -a jars < "$RUN/cp-$d.txt" || true
  for j in "${jars[@]}"; do
    [ -e "$RUN/lib/$(basename "$j")" ] || cp "$j" "$RUN/lib/"
    cp_new="${cp_new:+$cp_new:}$RUN/lib/$(basename "$j")"
  done
  printf '%s' "$RUN/classes:$cp_new" > "$RUN/cp-$d.txt"
  # the JDK-only class path for the cold start's native and pgssl-jdk samples
  tr ':' '\n' < "$RUN/cp-$d.txt" | grep -v -e netty-tcnative -e conscrypt | paste -sd: > "$RUN/cpjdk-$d.txt"
done

engine_of() { case "$1" in jdbc) echo conscrypt;; *) echo openssl;; esac; }

for leaf in rsa ecdsa; do
  mkdir -p "$RUN/$leaf"
  echo "== server with $leaf leaf" >&2
  # the server lives while its standard input (a fifo held open here) stays open
  mkfifo "$RUN/$leaf/stdin"
  java -cp "$(cat "$RUN/cp-jdbc.txt")" io.github.pgssl.benchmarks.connect.EngineServer "$leaf" "$RUN/$leaf" < "$RUN/$leaf/stdin" &
  SERVER=$!
  exec 9>"$RUN/$leaf/stdin"
  for _ in $(seq 1 120); do [ -e "$RUN/$leaf/target.properties" ] && break; sleep 1; done
  for d in jdbc r2dbc vertx; do
    [ "$ENGINES" = 1 ] || break
    for e in $(engine_of "$d") $([ "$d" = r2dbc ] && echo conscrypt); do
      java -cp "$(cat "$RUN/cp-$d.txt")" io.github.pgssl.benchmarks.connect.EngineHarness "$d" "$RUN/$leaf/target.properties" \
        "$N" "$ROUNDS" "$WARMUP" "$e" "$leaf" | tee -a "$RUN/engines.md"
    done
  done
  if [ "$leaf" = rsa ] && [ "$COLD" -gt 0 ]; then
    echo "== cold start (fresh JVM per sample)" >&2
    for d in jdbc r2dbc vertx; do
      e=$(engine_of "$d")
      for i in $(seq 1 "$COLD"); do
        for p in "native -" "pgssl -" "pgssl $e"; do
          case "$p" in "native -"|"pgssl -") cp="$RUN/cpjdk-$d.txt";; *) cp="$RUN/cp-$d.txt";; esac
          # shellcheck disable=SC2086
          r=$(java -cp "$(cat "$cp")" io.github.pgssl.benchmarks.connect.ColdStart "$d" $p "$RUN/$leaf/target.properties" 2>/dev/null)
          echo "$d ${p// /,} $r" | tee -a "$RUN/cold.txt" >&2
        done
      done
    done
  fi
  exec 9>&-
  wait "$SERVER" || true
done

if [ "$JMH" = 1 ]; then
  echo "== JMH: material for a seen policy, per engine" >&2
  mkdir -p "$RUN/tmp"
  CONSCRYPT_JAR=$(tr ':' '\n' < "$RUN/cp-jdbc.txt" | grep conscrypt-openjdk-uber)
  java -Djava.io.tmpdir="$RUN/tmp" -cp "$RUN/benchmarks.jar:$CONSCRYPT_JAR" org.openjdk.jmh.Main -prof gc -rf csv -rff "$RUN/jmh-engines.csv" \
    -f 1 -wi 3 -w 500ms -i 4 -r 500ms -jvmArgsAppend "-Djava.io.tmpdir=$RUN/tmp" EngineMaterialBenchmark >&2
fi
if [ -s "$RUN/cold.txt" ]; then
  echo "== cold start: median [min-max] ms from main to the first result; ratio to native" >&2
  python3 - "$RUN/cold.txt" <<'PY' | tee "$RUN/cold.md"
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) >= 3:
        runs[(f[0], f[1])].append(float(f[2]))
print("| driver | path | samples | median ms [min-max] | median / native |")
print("|---|---|---|---|---|")
for (d, p), v in sorted(runs.items()):
    base = statistics.median(runs[(d, "native,-")]) if (d, "native,-") in runs else float("nan")
    m = statistics.median(v)
    print(f"| {d} | {p} | {len(v)} | {m:.0f} [{min(v):.0f}-{max(v):.0f}] | {m / base:.2f} |")
PY
fi
echo "== results in $RUN (engines.md, cold.txt, jmh-engines.csv)" >&2
