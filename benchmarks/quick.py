#!/usr/bin/env python3
"""One line per comparison from a quick benchmark run (see quick.sh).

Fatal-cancel latency: the LATENCY lines that the benchmarks print at the end of each
trial ("throw->caller caught" and "throw->last sibling ended"); each variant's p50, p90
and p99 is divided by its reference's: StructuredTaskScope for the virtual-thread
variants, hand-written cancel(true) of futures on the same pool for the platform pool.

Overhead: JMH's JSON (-rf json) of SupervisionOverheadBenchmark; each variant's p50,
p90 and p99 per batch, its p50 per task and its allocation per task (-prof gc) are
divided by ExecutorService.invokeAll's on the same executor.

Usage:
  python3 benchmarks/quick.py cancel.txt [overhead.json]
  python3 benchmarks/quick.py --compare before.txt after.txt [more.txt ...]
      (the same LATENCY lines from runs of two builds: each file's p50/p90/p99 of the
      caller's latency, and its ratio to the first file's)
  python3 benchmarks/quick.py --compare before.json after.json [more.json ...]
      (the same for the overhead's JSON: p50/p90/p99 per batch and bytes per batch)
"""
import json
import re
import sys

LATENCY = re.compile(r"^LATENCY (\w+)\.(\w+)\[siblings=(\d+)\] (throw->[\w ]+): n=(\d+) "
                     r"p50=([\d.]+) us p90=([\d.]+) us p99=([\d.]+) us max=([\d.]+) us")

REFERENCES = {
    "templateOnVirtualThreads": "structuredTaskScope",
    "templateOnSpringVirtualThreads": "structuredTaskScope",
    "structuredTaskScope": "structuredTaskScope",
    "templateOnPlatformPool": "futuresCancelledOnPlatformPool",
    "futuresCancelledOnPlatformPool": "futuresCancelledOnPlatformPool",
}

OVERHEAD_REFERENCE = "executorService"


def read_latencies(path):
    """Return {(variant, siblings, what): (n, p50, p90, p99, max)}."""
    latencies = {}
    with open(path) as f:
        for line in f:
            match = LATENCY.match(line.strip())
            if match:
                _, variant, siblings, what = match.group(1, 2, 3, 4)
                values = tuple(float(v) for v in match.group(5, 6, 7, 8, 9))
                latencies[(variant, int(siblings), what)] = values
    return latencies


def ratios(values, reference):
    return "/".join(f"{v / r:.2f}" if r else "n/a" for v, r in zip(values, reference))


def print_cancel(latencies):
    print("fatal-cancel latency, us (p50/p90/p99 [max]), ratio p50/p90/p99 to the reference")
    for what in ("throw->caller caught", "throw->last sibling ended"):
        for key in sorted(k for k in latencies if k[2] == what):
            variant, siblings, _ = key
            n, p50, p90, p99, top = latencies[key]
            reference = REFERENCES.get(variant)
            ref = latencies.get((reference, siblings, what))
            ratio = ratios((p50, p90, p99), ref[1:4]) if ref else "n/a"
            print(f"  {what:26s} siblings={siblings:<5d} {variant:32s} {p50:9.1f} / {p90:9.1f} / {p99:9.1f}"
                  f" [{top:9.1f}] n={n:<6.0f} x{ratio} vs {reference}")


def read_overhead(path):
    """Return {(executor, tasks): {variant: (p50, p90, p99, bytes)}}."""
    with open(path) as f:
        results = json.load(f)
    rows = {}
    for result in results:
        variant = result["benchmark"].rsplit(".", 1)[1]
        params = result.get("params") or {}
        percentiles = result["primaryMetric"]["scorePercentiles"]
        alloc = result.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score", float("nan"))
        key = (params.get("executorKind"), int(params.get("tasks")))
        rows.setdefault(key, {})[variant] = (percentiles["50.0"], percentiles["90.0"], percentiles["99.0"], alloc)
    return rows


def print_overhead(path):
    rows = read_overhead(path)
    print("overhead per batch, us (p50/p90/p99), p50 and bytes per task, ratio p50/p90/p99 and bytes"
          " to ExecutorService.invokeAll on the same executor")
    for (executor, tasks), variants in sorted(rows.items()):
        ref = variants.get(OVERHEAD_REFERENCE)
        for variant, (p50, p90, p99, alloc) in sorted(variants.items()):
            ratio = ratios((p50, p90, p99, alloc), ref) if ref else "n/a"
            print(f"  {executor:8s} tasks={tasks:<5d} {variant:32s} {p50:9.1f} / {p90:9.1f} / {p99:9.1f}"
                  f"  {p50 / tasks:7.3f} us/task {alloc / tasks:8.0f} B/task  x{ratio}")


def compare_cells(values, text, compared):
    """One cell per run: its text, and the ratio of its compared values to the first run's."""
    cells = []
    for index, value in enumerate(values):
        if value is None:
            cells.append("n/a")
        elif index == 0:
            cells.append(text(value))
        else:
            cells.append(f"{text(value)} (x{ratios(compared(value), compared(values[0]))})")
    return " | ".join(cells)


def print_compare_overhead(paths):
    runs = [read_overhead(path) for path in paths]
    print("overhead per batch, us (p50/p90/p99) and bytes of each run, and its ratio to the first run's:")
    print("  " + " | ".join(paths))
    for key, variants in sorted(runs[0].items()):
        for variant in sorted(variants):
            values = [run.get(key, {}).get(variant) for run in runs]
            cells = compare_cells(values, lambda v: f"{v[0]:.1f}/{v[1]:.1f}/{v[2]:.1f} {v[3]:.0f} B", lambda v: v)
            print(f"  {key[0]:8s} tasks={key[1]:<5d} {variant:32s} {cells}")


def print_compare(paths):
    if paths[0].endswith(".json"):
        print_compare_overhead(paths)
        return
    runs = [read_latencies(path) for path in paths]
    print("throw->caller caught, us (p50/p90/p99) of each run, and its ratio to the first run's:")
    print("  " + " | ".join(paths))
    for key in sorted(k for k in runs[0] if k[2] == "throw->caller caught"):
        variant, siblings, _ = key
        cells = compare_cells([run.get(key) for run in runs], lambda v: f"{v[1]:.1f}/{v[2]:.1f}/{v[3]:.1f}",
                              lambda v: v[1:4])
        print(f"  siblings={siblings:<5d} {variant:32s} {cells}")


def main(args):
    if args and args[0] == "--compare":
        print_compare(args[1:])
        return
    print_cancel(read_latencies(args[0]))
    if len(args) > 1:
        print_overhead(args[1])


if __name__ == "__main__":
    main(sys.argv[1:])
