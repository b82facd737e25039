#!/usr/bin/env python3
"""The README's performance table from one run of report.sh.

Reads the raw output that report.sh left in a folder and prints a Markdown table: each
figure, its reference measured in the same JVM, their ratio, the target of issue 10 and
whether this run meets it (and by how much it misses). Then the machine, the JDK and the
load before and after each step.

Usage: python3 benchmarks/report.py OUT
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import quick  # noqa: E402

CANCEL = re.compile(r"^CANCEL siblings=(\d+) (\w+)\s+p50/p90/p99\s+([\d.]+) / +([\d.]+) / +([\d.]+) us")
OVERHEAD = re.compile(r"^OVERHEAD (\w+)\s+tasks=(\d+) invokeAll ([\d.]+) us per batch; template x([\d.]+) "
                      r"of invokeAll \(chunks ([\d.]+)-([\d.]+), \d+ chunks\); allOf x([\d.]+)")
METRICS = re.compile(r"^OVERHEAD (\w+)\s+tasks=16 (\w+)\s+x([\d.]+) of metrics off \(chunks ([\d.]+)-([\d.]+)\)")
SCALE = re.compile(r"^SCALE (\S+)\s+(\w+)\s+wall p50\s+([\d.]+) ms \(x([\d.]+)\).*peak heap p50\s+([\d.]+) MiB "
                   r"\(x([\d.]+)\)")
RETAINED = re.compile(r"^RETAINED (\w+)\s+(\d+) B per task in flight \(([+-]\d+) B against invokeAll\)")


def lines(out, name):
    path = os.path.join(out, name + ".txt")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line.strip() for line in f]


def verdict(ratios, limit):
    """'met', or what misses the limit and by how much, at the two decimals printed."""
    misses = [(label, round(value, 2)) for label, value in ratios if round(value, 2) > limit]
    if not misses:
        return "met"
    return "**not met**: " + ", ".join(f"{label} {value:.2f} ({(value / limit - 1) * 100:.0f}% over)"
                                       for label, value in misses)


def micros(values):
    return " / ".join(f"{v / 1000:.2f} ms" if v >= 1000 else f"{v:.0f} µs" for v in values)


def cancel_rows(out):
    rows = []
    plan = [("cancel-virtual-8", "structuredTaskScope", ["templateOnVirtualThreads", "templateOnSpringVirtualThreads"],
             ("p50", "p90", "p99"), 1.0, "≤ 1 at p50, p90, p99"),
            ("cancel-virtual-1000", "structuredTaskScope",
             ["templateOnVirtualThreads", "templateOnSpringVirtualThreads"], ("p50", "p99"), 1.2,
             "≤ 1.2 at p50 and p99"),
            ("cancel-platform-8", "futuresCancelledOnPlatformPool", ["templateOnPlatformPool"], ("p50", "p99"), 1.0,
             "≤ 1 at p50 and p99"),
            ("cancel-platform-1000", "futuresCancelledOnPlatformPool", ["templateOnPlatformPool"], ("p50", "p99"),
             1.0, "≤ 1 at p50 and p99")]
    names = {"templateOnVirtualThreads": "virtual threads (`newVirtualThreadPerTaskExecutor`)",
             "templateOnSpringVirtualThreads": "virtual threads (Spring `SimpleAsyncTaskExecutor`)",
             "templateOnPlatformPool": "platform `ThreadPoolTaskExecutor`, a thread per task",
             "structuredTaskScope": "`StructuredTaskScope`",
             "futuresCancelledOnPlatformPool": "`Future.cancel(true)` by hand, same pool"}
    for name, reference, variants, checked, limit, target in plan:
        found = {}
        siblings = None
        for line in lines(out, name):
            match = CANCEL.match(line)
            if match:
                siblings = int(match.group(1))
                found[match.group(2)] = [float(v) for v in match.group(3, 4, 5)]
        ref = found.get(reference)
        for variant in variants:
            values = found.get(variant)
            if values is None or ref is None:
                rows.append(f"| fatal cancel, {names[variant]} | {name} | n/a | | | {target} | no output |")
                continue
            ratios = [v / r for v, r in zip(values, ref)]
            labelled = [(label, ratio) for label, ratio in zip(("p50", "p90", "p99"), ratios) if label in checked]
            rows.append(f"| fatal cancel, throw → caller caught, p50 / p90 / p99: {names[variant]} | {siblings} | "
                        f"{micros(values)} | {names[reference]}: {micros(ref)} | "
                        f"{' / '.join(f'{r:.2f}' for r in ratios)} | {target} | {verdict(labelled, limit)} |")
    return rows


def overhead_rows(out, allocation):
    rows = []
    for name in ("overhead-16", "overhead-1000"):
        for line in lines(out, name):
            match = OVERHEAD.match(line)
            if not match:
                continue
            kind, tasks = match.group(1), int(match.group(2))
            invoke_all, ratio, low, high, all_of = (float(v) for v in match.group(3, 4, 5, 6, 7))
            executor = "platform pool of 2" if kind == "platform" else "virtual threads"
            alloc = allocation.get((kind, tasks), {})
            template_bytes = alloc.get("parallelTaskTemplate", (0, 0, 0, float("nan")))[3] / tasks
            reference_bytes = alloc.get("executorService", (0, 0, 0, float("nan")))[3] / tasks
            rows.append(f"| supervision, no-op tasks, metrics off: {executor} | {tasks} | "
                        f"×{ratio:.2f} of `invokeAll` (chunks {low:.2f}-{high:.2f}); {template_bytes:.0f} B per task | "
                        f"`invokeAll` {invoke_all:.1f} µs per batch, {reference_bytes:.0f} B per task; "
                        f"`CompletableFuture.allOf` ×{all_of:.2f} | time ×{ratio:.2f}, bytes "
                        f"×{template_bytes / reference_bytes:.2f} | time ≤ 1.1 | {verdict([('time', ratio)], 1.1)} |")
    return rows


def metrics_rows(out, allocation):
    rows = []
    names = {"ownRegistry": "`MicrometerParallelTaskMetrics(meterRegistry)`",
             "observations": "with an application's `ObservationRegistry` (the auto-configuration's)"}
    variants = {"ownRegistry": "parallelTaskTemplateWithMetrics", "observations": "parallelTaskTemplateWithObservations"}
    for line in lines(out, "metrics"):
        match = METRICS.match(line)
        if not match:
            continue
        kind, variant = match.group(1), match.group(2)
        ratio, low, high = (float(v) for v in match.group(3, 4, 5))
        bytes_per_task = allocation.get((kind, 16), {}).get(variants[variant], (0, 0, 0, float("nan")))[3] / 16
        executor = "platform pool of 2" if kind == "platform" else "virtual threads"
        rows.append(f"| default metrics on, 16 no-op tasks: {names[variant]}, {executor} | 16 | "
                    f"×{ratio:.2f} of metrics off (chunks {low:.2f}-{high:.2f}); {bytes_per_task:.0f} B per task | "
                    f"the same template, metrics off | ×{ratio:.2f} | ≤ 2 | {verdict([('time', ratio)], 2.0)} |")
    return rows


def scale_rows(out):
    rows = []
    scale = {}
    retained = {}
    for line in lines(out, "scale"):
        match = SCALE.match(line)
        if match:
            scale[(match.group(1), match.group(2))] = [float(v) for v in match.group(3, 4, 5, 6)]
        match = RETAINED.match(line)
        if match:
            retained[match.group(1)] = (int(match.group(2)), int(match.group(3)))
    for scenario, label, target, limit in (("success", "all successful", "≤ 1.2", 1.2),
                                            ("fatal-first", "one fatal error at 5 ms (task 0)", "—", None)):
        template = scale.get((scenario, "template"))
        reference = scale.get((scenario, "invokeAll"))
        sts = scale.get((scenario, "structuredTaskScope"))
        if template is None or reference is None:
            continue
        verdict_text = verdict([("wall", template[1])], limit) if limit else "—"
        rows.append(f"| 100,000 virtual-thread tasks of 10 ms, {label}: wall time, peak heap | 100,000 | "
                    f"{template[0]:.0f} ms, {template[2]:.0f} MiB | `invokeAll` {reference[0]:.0f} ms, "
                    f"{reference[2]:.0f} MiB; `StructuredTaskScope` ×{sts[1]:.2f} | wall ×{template[1]:.2f}, "
                    f"heap ×{template[3]:.2f} | wall {target} | {verdict_text} |")
    if "template" in retained:
        total, above = retained["template"]
        rows.append(f"| 100,000 virtual-thread tasks: heap retained per task in flight | 100,000 | {total} B | "
                    f"`invokeAll` {total - above} B | {above:+d} B | ≤ 1 KiB above `invokeAll` | "
                    f"{'met' if above <= 1024 else '**not met**'} |")
    return rows


def main(out):
    allocation_path = os.path.join(out, "allocation.json")
    allocation = quick.read_overhead(allocation_path) if os.path.exists(allocation_path) else {}
    print("| what | tasks | template | reference, same run | ratio | target | this run |")
    print("|---|---|---|---|---|---|---|")
    for row in cancel_rows(out) + overhead_rows(out, allocation) + metrics_rows(out, allocation) + scale_rows(out):
        print(row)
    print()
    for line in lines(out, "machine"):
        print(line)
    print("load average (1, 5, 15 min) before and after each step:")
    for line in lines(out, "load"):
        print("  " + line)


if __name__ == "__main__":
    main(sys.argv[1])
