#!/usr/bin/env python3
"""Summarize JMH SampleTime results (JSON, -rf json) as a Markdown table.

For each benchmark: the median of all samples (JMH's p0.50), the median of each
measurement iteration, and the mean of those iteration medians with its 99.9%
confidence interval (Student's t, as JMH computes the error of a score), plus
gc.alloc.rate.norm when the run used -prof gc.

Usage: python3 benchmarks/summarize.py result.json [more.json ...]
"""
import json
import math
import statistics
import sys

# Two-sided 99.9% quantiles of Student's t for 1..10 degrees of freedom
T999 = [636.619, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587]


def iteration_median(histogram):
    pairs = sorted((value, count) for value, count in histogram)
    total = sum(count for _, count in pairs)
    seen = 0
    for value, count in pairs:
        seen += count
        if seen * 2 >= total:
            return value
    return float("nan")


def main(paths):
    print("| benchmark | params | median (all samples) | iteration medians: mean ± 99.9% CI | samples | alloc B/op |")
    print("|---|---|---|---|---|---|")
    for path in paths:
        with open(path) as f:
            results = json.load(f)
        for result in results:
            name = result["benchmark"].rsplit(".", 2)
            name = name[-2] + "." + name[-1]
            params = ", ".join(f"{k}={v}" for k, v in (result.get("params") or {}).items())
            metric = result["primaryMetric"]
            unit = metric["scoreUnit"].split("/")[0]
            medians = [iteration_median(it) for fork in metric.get("rawDataHistogram", []) for it in fork]
            n = sum(count for fork in metric.get("rawDataHistogram", []) for it in fork for _, count in it)
            if len(medians) > 1:
                mean = statistics.mean(medians)
                error = T999[min(len(medians) - 2, 9)] * statistics.stdev(medians) / math.sqrt(len(medians))
                spread = f"{mean:.1f} ± {error:.1f} {unit}"
            else:
                spread = "n/a"
            median = metric.get("scorePercentiles", {}).get("50.0", float("nan"))
            alloc = result.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
            alloc_text = f"{alloc['score']:.0f} ± {alloc['scoreError']:.0f}" if alloc else ""
            print(f"| {name} | {params} | {median:.1f} {unit} | {spread} | {n} | {alloc_text} |")


if __name__ == "__main__":
    main(sys.argv[1:])
