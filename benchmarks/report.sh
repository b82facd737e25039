#!/usr/bin/env bash
# Every figure of the README's performance table, from one run: builds the benchmarks jar
# with JDK 25, runs each harness once, in turn, and prints the table (see report.py), with
# the machine, the JDK and the load before and after each step. About 10 minutes on 2
# cores; run it on a machine that does nothing else, since each figure is a ratio of two
# variants measured in the same JVM but the machine's load moves the ratios too.
# Not run by .ci/run; benchmarks/quick.sh is the 3-minute look.
#
# Usage: benchmarks/report.sh
# Environment: JDK25 (the JDK to build and run with), OUT (where the raw output goes).
set -euo pipefail
cd "$(dirname "$0")/.."

JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${OUT:-$(mktemp -d -t parallel-tasks-report.XXXXXX)}
JAVA="$JDK25/bin/java"
JAR=benchmarks/target/benchmarks.jar
PACKAGE=io.github.paralleltasks.benchmarks

echo "building with $JDK25 ..."
JAVA_HOME="$JDK25" ./mvnw -B -q -pl autoconfigure,benchmarks -am -DskipTests package 2>&1 \
	| grep -v -e '^WARNING: ' || true
test -f "$JAR"

{
	echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- core autoconfigure benchmarks || echo ' (with uncommitted changes)')"
	echo "cpus $(nproc), $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
	echo "jdk $("$JAVA" -version 2>&1 | head -2 | tail -1)"
} >"$OUT/machine.txt"
: >"$OUT/load.txt"

step() {
	local name=$1
	shift
	echo "$(date -u +%H:%M:%S) $name ..."
	echo "$name before $(uptime | sed 's/.*load average: //')" >>"$OUT/load.txt"
	"$@" >"$OUT/$name.txt" 2>&1
	echo "$name after $(uptime | sed 's/.*load average: //')" >>"$OUT/load.txt"
}

# Fatal-cancel latency, throw -> caller caught, variants interleaved batch by batch
step cancel-virtual-8 "$JAVA" --enable-preview -cp "$JAR" $PACKAGE.CancelLatencyHarness 8 5000 1000
step cancel-virtual-1000 "$JAVA" --enable-preview -cp "$JAR" $PACKAGE.CancelLatencyHarness 1000 800 100
step cancel-platform-8 "$JAVA" --enable-preview -cp "$JAR" $PACKAGE.CancelLatencyHarness 8 3000 600 platform
step cancel-platform-1000 "$JAVA" --enable-preview -cp "$JAR" $PACKAGE.CancelLatencyHarness 1000 300 60 platform
# Supervision overhead, no-op tasks, metrics off: time interleaved in chunks, allocation by JMH
step overhead-16 "$JAVA" --enable-preview -cp "$JAR" $PACKAGE.SupervisionOverheadHarness 16 21 2000
step overhead-1000 "$JAVA" --enable-preview -cp "$JAR" $PACKAGE.SupervisionOverheadHarness 1000 21 100
step allocation "$JAVA" -jar "$JAR" SupervisionOverheadBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc \
	-rf json -rff "$OUT/allocation.json"
# The default metrics against metrics off, 16 tasks, interleaved
step metrics "$JAVA" --enable-preview -cp "$JAR" $PACKAGE.MetricsOverheadHarness 16 21 1000
# 100,000 virtual-thread tasks
step scale "$JAVA" --enable-preview -cp "$JAR" $PACKAGE.VirtualThreadScaleHarness 100000 5

echo "raw output in $OUT"
python3 benchmarks/report.py "$OUT"
