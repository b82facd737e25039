#!/usr/bin/env bash
# A quick look at the benchmarks, in under 3 minutes on 2 cores: builds the benchmarks jar
# with JDK 25, runs the fatal-cancel latency and supervision overhead benchmarks with one
# short fork each, and prints one line per comparison (see quick.py). Far too short for
# figures to publish (BENCHMARKS.md says how those were measured); enough to see a
# regression of several times. Not run by .ci/run.
#
# Usage: benchmarks/quick.sh [cancel|overhead]    (both by default)
# Environment: JDK25 (the JDK to build and run with), OUT (where the raw output goes).
set -euo pipefail
cd "$(dirname "$0")/.."

JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${OUT:-$(mktemp -d -t parallel-tasks-quick.XXXXXX)}
WHAT=${1:-all}
JAVA="$JDK25/bin/java"
JAR=benchmarks/target/benchmarks.jar
# One fork, one warm-up and two measurement iterations of a second each
RUN=(-f 1 -wi 1 -i 2 -w 1s -r 1s)

echo "building with $JDK25 ..."
JAVA_HOME="$JDK25" ./mvnw -B -q -pl autoconfigure,benchmarks -am -DskipTests package 2>&1 \
	| grep -v -e '^WARNING: ' || true
test -f "$JAR"

echo "load before: $(uptime)"
if [[ "$WHAT" == all || "$WHAT" == cancel ]]; then
	"$JAVA" --enable-preview -jar "$JAR" 'FatalCancelLatency' "${RUN[@]}" >"$OUT/cancel.txt" 2>&1
fi
if [[ "$WHAT" == all || "$WHAT" == overhead ]]; then
	"$JAVA" -jar "$JAR" SupervisionOverheadBenchmark "${RUN[@]}" -prof gc -rf json -rff "$OUT/overhead.json" \
		>"$OUT/overhead.txt" 2>&1
fi
echo "load after:  $(uptime)"
echo "raw output in $OUT"

ARGS=()
[[ -f "$OUT/cancel.txt" ]] && ARGS+=("$OUT/cancel.txt")
if [[ -f "$OUT/overhead.json" ]]; then
	[[ ${#ARGS[@]} -eq 0 ]] && ARGS+=(/dev/null)
	ARGS+=("$OUT/overhead.json")
fi
python3 benchmarks/quick.py "${ARGS[@]}"
