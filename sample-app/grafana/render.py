"""Draws the panels of parallel-tasks-dashboard.json from a series of Prometheus scrapes.

Reads scrape-NNNN-<epoch>.txt files (the output of /actuator/prometheus) from a folder and
writes an SVG with the same queries as the dashboard, computed here: rates between
consecutive scrapes for the per-second panels, increases between consecutive scrapes for the
error and cancel counts (the dashboard's increase over $__interval, here the scrape
interval), and histogram_quantile over the bucket increases. Standard library only.
"""
import glob
import math
import os
import re
import sys
from collections import defaultdict

SAMPLE = re.compile(r'^([a-zA-Z_:]+)\{([^}]*)\} (\S+)$')
LABEL = re.compile(r'(\w+)="([^"]*)"')


def load(folder):
    scrapes = []
    for path in sorted(glob.glob(os.path.join(folder, 'scrape-*.txt'))):
        t = float(os.path.basename(path)[:-4].split('-', 2)[2])
        series = {}
        with open(path) as f:
            for line in f:
                m = SAMPLE.match(line.strip())
                if m and m.group(1).startswith('parallel_tasks_'):
                    labels = tuple(sorted(LABEL.findall(m.group(2))))
                    series[(m.group(1), labels)] = float(m.group(3))
        scrapes.append((t, series))
    return scrapes


def summed(series, name, by, where=None):
    out = defaultdict(float)
    for (metric, labels), value in series.items():
        if metric != name:
            continue
        d = dict(labels)
        if where and any(d.get(k) != v for k, v in where.items()):
            continue
        out[tuple(d.get(k, '') for k in by)] += value
    return out


def rates(scrapes, name, by, where=None):
    lines = defaultdict(list)
    for (t0, s0), (t1, s1) in zip(scrapes, scrapes[1:]):
        a, b = summed(s0, name, by, where), summed(s1, name, by, where)
        for key in set(a) | set(b):
            lines[key].append((t1, max(0.0, b.get(key, 0.0) - a.get(key, 0.0)) / (t1 - t0)))
    return lines


def increases(scrapes, name, by, where=None):
    lines = defaultdict(list)
    for (t0, s0), (t1, s1) in zip(scrapes, scrapes[1:]):
        a, b = summed(s0, name, by, where), summed(s1, name, by, where)
        for key in set(a) | set(b):
            lines[key].append((t1, max(0.0, b.get(key, 0.0) - a.get(key, 0.0))))
    return lines


def quantile(q, buckets):
    buckets = sorted((math.inf if le == '+Inf' else float(le), n) for le, n in buckets.items())
    total = buckets[-1][1] if buckets else 0
    if total <= 0:
        return None
    rank, prev_le, prev_n = q * total, 0.0, 0.0
    for le, n in buckets:
        if n >= rank:
            if math.isinf(le):
                return prev_le
            return prev_le + (le - prev_le) * ((rank - prev_n) / (n - prev_n) if n > prev_n else 0)
        prev_le, prev_n = le, n
    return prev_le


def quantiles(scrapes, name, q):
    line = []
    for (t0, s0), (t1, s1) in zip(scrapes, scrapes[1:]):
        a, b = summed(s0, name, ('le',)), summed(s1, name, ('le',))
        value = quantile(q, {k[0]: b.get(k, 0) - a.get(k, 0) for k in b})
        if value is not None:
            line.append((t1, value * 1000))
    return line


def gauge(scrapes, name):
    return [(t, sum(summed(s, name, ()).values())) for t, s in scrapes]


COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf']


def panel(x, y, w, h, title, unit, lines, t0):
    out = [f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="#181b1f" stroke="#2c3235"/>',
           f'<text x="{x + 10}" y="{y + 20}" fill="#ccccdc" font-size="14" font-weight="bold">{title}</text>']
    px, py, pw, ph = x + 55, y + 35, w - 70, h - 105
    points = [p for _, line in lines for p in line]
    if not points:
        out.append(f'<text x="{px + 10}" y="{py + 40}" fill="#888">no data</text>')
        return out
    tmax = max(t for t, _ in points) - t0
    vmax = max(v for _, v in points) or 1.0
    vmax *= 1.1
    for i in range(5):
        gy = py + ph - ph * i / 4
        out.append(f'<line x1="{px}" y1="{gy:.1f}" x2="{px + pw}" y2="{gy:.1f}" stroke="#2c3235"/>')
        out.append(f'<text x="{px - 5}" y="{gy + 4:.1f}" fill="#8e8e8e" font-size="10" text-anchor="end">'
                   f'{vmax * i / 4:.3g}</text>')
    for i in range(0, int(tmax) + 1, max(10, int(tmax / 6) // 10 * 10 or 10)):
        gx = px + pw * i / max(tmax, 1)
        out.append(f'<text x="{gx:.1f}" y="{py + ph + 14}" fill="#8e8e8e" font-size="10" text-anchor="middle">{i}s</text>')
    out.append(f'<text x="{x + 10}" y="{py + ph / 2}" fill="#8e8e8e" font-size="10" '
               f'transform="rotate(-90 {x + 12} {py + ph / 2})">{unit}</text>')
    for i, (label, line) in enumerate(lines):
        color = COLORS[i % len(COLORS)]
        pts = ' '.join(f'{px + pw * (t - t0) / max(tmax, 1):.1f},{py + ph - ph * v / vmax:.1f}' for t, v in line)
        out.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2"/>')
        lx, ly = x + 10 + (i % 2) * (w // 2), y + h - 34 + (i // 2) * 14
        out.append(f'<rect x="{lx}" y="{ly - 8}" width="10" height="3" fill="{color}"/>'
                   f'<text x="{lx + 14}" y="{ly - 3}" fill="#ccccdc" font-size="10">{label}</text>')
    return out


def main(folder, target):
    scrapes = load(folder)
    t0 = scrapes[0][0]
    step = (scrapes[-1][0] - t0) / max(1, len(scrapes) - 1)
    short = lambda name: name.rsplit('.', 1)[-1]
    def named(lines, fmt):
        return [(fmt(k), v) for k, v in sorted(lines.items())]
    panels = [
        ('Batches by outcome', 'batches/s', named(rates(scrapes, 'parallel_tasks_batch_seconds_count', ('outcome',)), lambda k: k[0])),
        ('Tolerated errors by exception and task', f'errors per {step:.0f} s',
         named(increases(scrapes, 'parallel_tasks_tolerated_total', ('exception', 'task')), lambda k: f'{short(k[0])} / {k[1]}')),
        ('Fatal errors', f'errors per {step:.0f} s',
         named(increases(scrapes, 'parallel_tasks_fatal_total', ('exception', 'task')), lambda k: f'{short(k[0])} / {k[1]}')),
        ('Cancelled siblings by reason', f'tasks per {step:.0f} s',
         named(increases(scrapes, 'parallel_tasks_cancelled_total', ('reason',)), lambda k: k[0])),
        ('Batch and task latency', 'ms', [
            ('batch p50', quantiles(scrapes, 'parallel_tasks_batch_seconds_bucket', 0.5)),
            ('batch p95', quantiles(scrapes, 'parallel_tasks_batch_seconds_bucket', 0.95)),
            ('batch p99', quantiles(scrapes, 'parallel_tasks_batch_seconds_bucket', 0.99)),
            ('task p95', quantiles(scrapes, 'parallel_tasks_task_seconds_bucket', 0.95))]),
        ('Tasks in flight', 'tasks', [('parallel_tasks_active', gauge(scrapes, 'parallel_tasks_active'))]),
    ]
    w, h = 560, 260
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * w + 30}" height="{3 * h + 70}" '
           f'font-family="sans-serif"><rect width="100%" height="100%" fill="#111217"/>',
           f'<text x="10" y="24" fill="#ccccdc" font-size="16">parallel-tasks — sample application, '
           f'{len(scrapes)} scrapes over {scrapes[-1][0] - t0:.0f} s</text>']
    for i, (title, unit, lines) in enumerate(panels):
        svg += panel(10 + (i % 2) * (w + 10), 40 + (i // 2) * (h + 10), w, h, title, unit, lines, t0)
    svg.append('</svg>')
    with open(target, 'w') as f:
        f.write('\n'.join(svg))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
