#!/usr/bin/env python3
"""Random generation side by side: ``numpy.random`` and ``ferronum.random``, in one process.

Rows: ``default_rng(0).random``, ``integers(0, 1000)`` and ``standard_normal`` of 10M values,
the legacy ``rand`` of 10M, ``permutation(1_000_000)``, ``choice`` (with and without
replacement), and the same calls on 1,000 values (the per-call path).

Before timing, each ferronum result must equal NumPy's exactly (same seed, same stream: type,
dtype, shape and every value); a mismatch or exception is shown and makes the script exit 1
after the table (2: ferronum cannot be imported). Timing as in ``ufuncs.py`` (best of several
autoranged runs, NumPy and ferronum interleaved); each timed call continues its generator's
stream. Options: ``--quick``, ``--threads N``, ``--out DIR`` (where ``random.md`` goes).
"""

from __future__ import annotations

import os
import sys

# This file's name shadows the standard library's `random` (which NumPy's imports need) while
# its folder leads sys.path: load the stdlib module first, then put the folder last.
_HERE_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != _HERE_DIR]
import random as _stdlib_random  # noqa: E402,F401
sys.path.append(_HERE_DIR)

import argparse  # noqa: E402
import math  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy  # noqa: E402

from seed_tutorial import best_times, calibrated, fmt_speedup, fmt_time, load_ferronum, machine_info

HERE = Path(__file__).resolve().parent
BIG, SMALL = 10_000_000, 1000

# (label, statement on a generator `g` (Generator from default_rng(0)) or `rs` (RandomState(0)))
CASES = [
    ("random 10M", "g.random(%d)" % BIG),
    ("integers(0, 1000) 10M", "g.integers(0, 1000, %d)" % BIG),
    ("standard_normal 10M", "g.standard_normal(%d)" % BIG),
    ("legacy rand 10M", "rs.rand(%d)" % BIG),
    ("permutation 1M", "g.permutation(1_000_000)"),
    ("choice 1M of 1M (replace)", "g.choice(1_000_000, 1_000_000)"),
    ("choice 1,000 of 1M (no replace)", "g.choice(1_000_000, 1000, replace=False)"),
    ("random 1,000", "g.random(%d)" % SMALL),
    ("integers 1,000", "g.integers(0, 1000, %d)" % SMALL),
    ("standard_normal 1,000", "g.standard_normal(%d)" % SMALL),
    ("normal(2, 3) 1,000", "g.normal(2.0, 3.0, %d)" % SMALL),
    ("legacy randn 1,000", "rs.randn(%d)" % SMALL),
]


def check(got, want, fnp):
    if not isinstance(got, fnp.ndarray):
        return f"returned a {type(got).__module__}.{type(got).__name__}, not a ferronum array"
    if got.dtype != want.dtype or tuple(got.shape) != want.shape:
        return f"{got.dtype}{tuple(got.shape)} != NumPy's {want.dtype}{want.shape}"
    return None if numpy.array_equal(numpy.asarray(got), want) else "values differ"


def namespaces(lib):
    return dict(g=lib.random.default_rng(0), rs=lib.random.RandomState(0))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer, shorter timing runs")
    ap.add_argument("--threads", type=int, default=None, help="ferronum.set_num_threads(N) first")
    ap.add_argument("--out", type=Path, default=None, help="folder for random.md (default: bench/)")
    args = ap.parse_args(argv)
    loaded = load_ferronum()
    if loaded is None:
        return 2
    fnp, label = loaded
    if args.threads is not None:
        fnp.set_num_threads(args.threads)
    min_time, repeat = (0.02, 3) if args.quick else (0.1, 5)
    info = machine_info(fnp, label)
    for line in info:
        print(line)
    rows, problems = [], []
    for name, stmt in CASES:
        print(f"  {name} ...", end="", flush=True, file=sys.stderr)
        want = eval(stmt, namespaces(numpy))  # noqa: S307 - our own statements
        problem, t_f = None, None
        ns_np = namespaces(numpy)
        timed = [calibrated(stmt, ns_np, min_time)]
        try:
            problem = check(eval(stmt, namespaces(fnp)), want, fnp)  # noqa: S307
            timed.append(calibrated(stmt, namespaces(fnp), min_time))
        except Exception as e:  # noqa: BLE001
            problem = f"{type(e).__name__}: {e}"
        t_np, *rest = best_times(timed, repeat)
        t_f = rest[0] if rest else None
        print(" done", file=sys.stderr)
        speed = None if problem or not t_f else t_np / t_f
        rows.append((name, fmt_time(t_np), fmt_time(t_f) if t_f else "ERROR", fmt_speedup(speed) or "—"))
        if problem:
            problems.append(f"{name}: {problem}")
    headers = ("workload", "NumPy", "ferronum", "speed-up")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    print()
    print(" | ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("-+-".join("-" * w for w in widths))
    for r in rows:
        print(" | ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(r, widths))))
    speeds = [float(r[3].rstrip("×")) for r in rows if r[3] != "—"]
    geo = math.exp(sum(map(math.log, speeds)) / len(speeds)) if speeds else None
    if geo:
        print(f"geometric mean speed-up: {geo:.2f}x over {len(speeds)} rows")
    print("speed-up = NumPy time / ferronum time (higher is better)")
    out_dir = args.out or HERE
    out_dir.mkdir(parents=True, exist_ok=True)
    md = ["| workload | NumPy | ferronum | speed-up |", "|---|--:|--:|--:|"]
    md += [f"| `{r[0]}` | " + " | ".join(r[1:]) + " |" for r in rows]
    if geo:
        md += ["", f"Geometric mean speed-up: **{geo:.2f}×** over {len(speeds)} rows."]
    md += ["", "Time per call, best of several `timeit` runs" + (" (`--quick`)" if args.quick else "")
           + "; results checked equal to NumPy's first (same seed).", ""] + [f"- {line}" for line in info]
    (out_dir / "random.md").write_text("\n".join(md) + "\n")
    if problems:
        print("\nproblems:\n  " + "\n  ".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
