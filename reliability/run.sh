#!/usr/bin/env bash
# One command for the reliability harness: builds the modules it needs (compile only, nothing is
# installed), then runs every scenario of issue 16 for HikariCP (pgjdbc), r2dbc-pool and the Vert.x
# pool, all through pgssl in sslmode=verify-full against throwaway testkit PostgreSQL servers, and
# writes docs/reliability.md from the run. Exit status 1 when a check failed (the report says which).
#
#   reliability/run.sh                                  # 32 workers, 10-minute soak per driver
#   SOAK_SECONDS=120 reliability/run.sh                 # shorter soak
#   reliability/run.sh --drivers VERTX --scenarios 3,4  # any ReliabilityRun options after the knobs
#
# Environment knobs (defaults in brackets):
#   WORKERS [32]        concurrent workers (and pool size) per driver
#   SOAK_SECONDS [600]  duration of scenario 8 per driver
#   OUT [docs/reliability.md]
#   BUILD [1]           0 reuses reliability/target (classes and class path file)
#   JAVA_OPTS [-Xmx512m]
# The short version runs in `mvn -B verify` as ReliabilityIT (8 workers, 12 s soak).
set -euo pipefail
cd "$(dirname "$0")/.."

WORKERS=${WORKERS:-32}
SOAK_SECONDS=${SOAK_SECONDS:-600}
OUT=${OUT:-docs/reliability.md}
BUILD=${BUILD:-1}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
CP_FILE=reliability/target/reliability-classpath.txt

if [ "$BUILD" = 1 ]; then
  echo "== build (reliability and the modules it needs; nothing installed)" >&2
  # In one reactor run, the class path names the modules' target/classes directories.
  mvn -B -q -pl reliability -am compile dependency:build-classpath -Dmdep.outputFile=target/reliability-classpath.txt >&2
fi

echo "== run: $WORKERS workers, soak $SOAK_SECONDS s per driver -> $OUT" >&2
# shellcheck disable=SC2086
exec java $JAVA_OPTS -cp "reliability/target/classes:$(cat "$CP_FILE")" io.github.pgssl.reliability.ReliabilityRun \
  --workers "$WORKERS" --soak-seconds "$SOAK_SECONDS" --out "$OUT" "$@"
