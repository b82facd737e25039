#!/usr/bin/env bash
# Runs the sample application under a short mixed load, scrapes /actuator/prometheus every
# two seconds, and draws the panels of the Grafana dashboard from those scrapes into
# dashboard.svg and dashboard.png (rsvg-convert, from Debian's librsvg2-bin), for the README
# where Grafana itself cannot run. Usage, from the repository root, after ./mvnw -B verify:
#   sample-app/grafana/load-and-render.sh [seconds]
set -euo pipefail
seconds=${1:-60}
out=$(mktemp -d)
here=$(cd "$(dirname "$0")" && pwd)
java -jar "$here"/../target/parallel-tasks-sample-app-*.jar --server.port=8080 > "$out/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf localhost:8080/actuator/health > /dev/null && break; sleep 1; done
end=$((SECONDS + seconds))
load() {
	while [ $SECONDS -lt $end ]; do
		for id in 42 7 504 42 404 13 504 42; do
			curl -s -o /dev/null "localhost:8080/orders/$id/summary"
		done
	done
}
pids=()
for _ in 1 2 3 4; do load & pids+=($!); done
n=0
while [ $SECONDS -lt $end ]; do
	curl -s localhost:8080/actuator/prometheus > "$out/scrape-$(printf %04d $n)-$(date +%s.%N).txt"
	n=$((n + 1))
	sleep 2
done
wait "${pids[@]}"
python3 "$here/render.py" "$out" "$here/dashboard.svg"
rsvg-convert -o "$here/dashboard.png" "$here/dashboard.svg"
echo "scrapes and log in $out; figures in $here/dashboard.svg and dashboard.png"
