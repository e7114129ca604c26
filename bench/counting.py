#!/usr/bin/env python3
"""Counting, histograms and ufunc methods side by side: NumPy and ferronum, in one process.

Cases, each on large inputs and again on 1,000-element ones (the per-call path):

- ``bincount`` of 10M int64 in [0, 1000), with and without float64 weights;
- ``histogram`` of 10M float64 (normal) in 100 uniform bins, with a range, and with weights;
  ``histogram`` with 21 given (non-uniform) edges;
- ``add.at`` of 1M random indices into 1,000 and into 1M float64 elements;
- ``add.reduce`` of 10M float64, ``add.reduce(axis=1)`` of 1000x10000,
  ``maximum.accumulate`` of 1M and ``multiply.outer`` of 1000 x 1000 float64;
- ``subtract.reduce`` (a ufunc with no reducing function) of 1M float64.

The data is random with a fixed seed; each ferronum input is ``ferronum.asarray(numpy_input)``
(zero-copy), so both read the same memory. Before timing, every ferronum result must have
NumPy's type, dtype, shape and values exactly (``add.at``: the array it wrote, from the same
start); a mismatch or exception is shown and makes the script exit 1 after the table.

Timing as in ``ufuncs.py``: calls per run chosen autorange-style, best of several runs (NumPy
and ferronum interleaved), time per call; the speed-up is NumPy time / ferronum time.

Options: ``--quick`` (fewer, shorter runs), ``--threads N`` (``ferronum.set_num_threads(N)``),
``--out DIR`` (where ``counting.md`` goes; default ``bench/``).
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy

from seed_tutorial import best_times, calibrated, fmt_speedup, fmt_time, load_ferronum, machine_info

HERE = Path(__file__).resolve().parent
BIG, LARGE, SMALL = 10_000_000, 1_000_000, 1000


def ints(n, k=1000):
    return lambda rng: {"x": rng.integers(0, k, n), "w": rng.random(n)}


def normal(n):
    return lambda rng: {"x": rng.standard_normal(n), "w": rng.random(n), "e": numpy.linspace(-3, 3, 21) ** 3 / 9}


def scatter(n, k):
    return lambda rng: {"a": numpy.zeros(n), "idx": rng.integers(0, n, k), "v": rng.random(k)}


def floats(*shape):
    return lambda rng: {"x": rng.random(shape) + 0.5}


# (label, statement, builder); a statement starting with "np.add.at" is checked by the array
# it writes (`a`).
CASES = [
    ("bincount 10M", "np.bincount(x)", ints(BIG)),
    ("bincount 10M weighted", "np.bincount(x, w)", ints(BIG)),
    ("histogram 10M, 100 bins", "np.histogram(x, 100)", normal(BIG)),
    ("histogram 10M, range", "np.histogram(x, 50, range=(-2, 2))", normal(BIG)),
    ("histogram 10M weighted", "np.histogram(x, 100, weights=w)", normal(BIG)),
    ("histogram 10M, 21 edges", "np.histogram(x, e)", normal(BIG)),
    ("add.at 1M into 1,000", "np.add.at(a, idx, v)", scatter(SMALL, LARGE)),
    ("add.at 1M into 1M", "np.add.at(a, idx, v)", scatter(LARGE, LARGE)),
    ("add.reduce 10M", "np.add.reduce(x)", floats(BIG)),
    ("add.reduce 1000x10000 axis=1", "np.add.reduce(x, axis=1)", floats(1000, 10000)),
    ("maximum.accumulate 1M", "np.maximum.accumulate(x)", floats(LARGE)),
    ("subtract.reduce 1M", "np.subtract.reduce(x)", floats(LARGE)),
    ("multiply.outer 1000x1000", "np.multiply.outer(x, x)", floats(SMALL)),
    ("bincount 1,000", "np.bincount(x)", ints(SMALL, 100)),
    ("histogram 1,000", "np.histogram(x, 10)", normal(SMALL)),
    ("add.at 1,000 into 1,000", "np.add.at(a, idx, v)", scatter(SMALL, SMALL)),
    ("add.reduce 1,000", "np.add.reduce(x)", floats(SMALL)),
    ("maximum.accumulate 1,000", "np.maximum.accumulate(x)", floats(SMALL)),
    ("multiply.outer 30x30", "np.multiply.outer(x, x)", floats(30)),
]


def run_stmt(stmt, ns):
    if stmt.startswith("np.add.at"):
        eval(stmt, ns)  # noqa: S307 - our own statements
        return ns["a"]
    return eval(stmt, ns)  # noqa: S307


def check(got, want, fnp):
    if isinstance(want, tuple):
        if not isinstance(got, tuple) or len(got) != len(want):
            return f"returned {type(got).__name__}, not a tuple of {len(want)}"
        return next((p for g, w in zip(got, want) if (p := check(g, w, fnp))), None)
    if isinstance(want, numpy.generic):
        return None if type(got) is type(want) and got == want else f"{got!r} != NumPy's {want!r}"
    if not isinstance(got, fnp.ndarray):
        return f"returned a {type(got).__module__}.{type(got).__name__}, not a ferronum array"
    if got.dtype != want.dtype or tuple(got.shape) != want.shape:
        return f"{got.dtype}{tuple(got.shape)} != NumPy's {want.dtype}{want.shape}"
    return None if numpy.array_equal(numpy.asarray(got), want) else "values differ"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer, shorter timing runs")
    ap.add_argument("--threads", type=int, default=None, help="ferronum.set_num_threads(N) first")
    ap.add_argument("--out", type=Path, default=None, help="folder for counting.md (default: bench/)")
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
    rng = numpy.random.default_rng(12345)
    rows, problems = [], []
    for name, stmt, build in CASES:
        inputs = build(rng)
        ns_np = dict(np=numpy, **{k: v.copy() for k, v in inputs.items()})
        ns_f = dict(np=fnp, **{k: fnp.asarray(v) for k, v in inputs.items()})
        if "a" in inputs:
            ns_f["a"] = fnp.array(inputs["a"])
        print(f"  {name} ...", end="", flush=True, file=sys.stderr)
        # A copy: timing NumPy's `add.at` goes on writing into its array.
        want = run_stmt(stmt, ns_np)
        want = tuple(w.copy() for w in want) if isinstance(want, tuple) else want.copy()
        problem = None
        timed = [calibrated(stmt, ns_np, min_time)]
        try:
            problem = check(run_stmt(stmt, ns_f), want, fnp)
            timed.append(calibrated(stmt, ns_f, min_time))
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
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)] if rows else [0] * 4
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
           + "; results checked equal to NumPy's first.", ""] + [f"- {line}" for line in info]
    (out_dir / "counting.md").write_text("\n".join(md) + "\n")
    if problems:
        print("\nproblems:\n  " + "\n  ".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
