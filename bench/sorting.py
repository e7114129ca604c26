#!/usr/bin/env python3
"""Sorting, searching and sets side by side: NumPy and ferronum, in one process.

Cases, on 1,000,000 elements and again on 1,000 (the per-call path):

- ``sort`` and ``argsort`` of float64, float32, int64 and int32 (random, no ties to speak of);
- ``argsort(kind='stable')`` of int64 with many duplicates (1,000 distinct values);
- ``unique`` of int64 (about 630,000 distinct of 1M), plain and with inverse and counts;
- ``searchsorted`` of 1M random and of 1M sorted float64 queries into 1M sorted values;
- ``isin`` of 1M int64 in 1,000; ``partition`` of 1M float64 at the middle; ``lexsort`` of two keys.

Every ferronum result is checked against NumPy's before timing: dtype, shape and values exactly,
except where NumPy leaves an order open: an argsort is compared through the values it
gathers, a partition by its kth value and NumPy's guarantee around it. A mismatch or exception
is shown and makes the script exit 1 after the table (2: ferronum cannot be imported).

Timing as in ``ufuncs.py``: calls per run chosen autorange-style, best of several runs (NumPy
and ferronum interleaved), time per call; the speed-up is NumPy time / ferronum time.

Options: ``--quick`` (fewer, shorter runs), ``--threads N`` (``ferronum.set_num_threads(N)``),
``--out DIR`` (where ``sorting.md`` goes; default ``bench/``).
``FERRONUM_BENCH_SELFTEST=1`` aliases ferronum to NumPy to test this script itself.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

import numpy

from seed_tutorial import best_times, calibrated, fmt_speedup, fmt_time, load_ferronum, machine_info

HERE = Path(__file__).resolve().parent
SELFTEST = os.environ.get("FERRONUM_BENCH_SELFTEST", "").strip() not in ("", "0")

# (label, statement, function it needs, input builder: rng -> dict of NumPy inputs, check)
LARGE, SMALL = 1_000_000, 1000
DTYPES = ("float64", "float32", "int64", "int32")


def values(n, dt):
    def build(rng):
        if dt.startswith("float"):
            return {"a": rng.standard_normal(n).astype(dt)}
        return {"a": rng.integers(-(2**31), 2**31 - 1, n).astype(dt)}
    return build


def dups(n, k):
    return lambda rng: {"a": rng.integers(0, k, n)}


def search(n, sorted_queries):
    def build(rng):
        v = rng.random(n)
        return {"s": numpy.sort(rng.random(n)), "v": numpy.sort(v) if sorted_queries else v}
    return build


def isin_case(n, k):
    return lambda rng: {"a": rng.integers(0, 10**6, n), "b": rng.integers(0, 10**6, k)}


def two_keys(n):
    return lambda rng: {"k1": rng.integers(0, 100, n), "k2": rng.standard_normal(n)}


CASES = []
for _n, _tag in ((LARGE, "1M"), (SMALL, "1,000")):
    for _dt in DTYPES:
        CASES.append((f"sort {_dt} {_tag}", "np.sort(a)", "sort", values(_n, _dt), "exact"))
    for _dt in DTYPES:
        CASES.append((f"argsort {_dt} {_tag}", "np.argsort(a)", "argsort", values(_n, _dt), "gather"))
    CASES += [
        (f"argsort stable int64 dups {_tag}", "np.argsort(a, kind='stable')", "argsort", dups(_n, 1000), "exact"),
        (f"unique int64 {_tag}", "np.unique(a)", "unique", dups(_n, _n), "exact"),
        (f"unique inverse+counts {_tag}", "np.unique(a, return_inverse=True, return_counts=True)", "unique",
         dups(_n, _n), "exact"),
        (f"searchsorted {_tag} in {_tag}", "np.searchsorted(s, v)", "searchsorted", search(_n, False), "exact"),
        (f"searchsorted sorted {_tag} in {_tag}", "np.searchsorted(s, v)", "searchsorted", search(_n, True),
         "exact"),
        (f"isin {_tag} in 1,000", "np.isin(a, b)", "isin", isin_case(_n, 1000), "exact"),
        (f"partition {_tag}", f"np.partition(a, {_n // 2})", "partition", values(_n, "float64"),
         f"partition:{_n // 2}"),
        (f"lexsort 2 keys {_tag}", "np.lexsort((k2, k1))", "lexsort", two_keys(_n), "exact"),
    ]


def run_stmt(stmt, ns):
    return eval(stmt, ns)  # noqa: S307


def check(got, want, fnp, how="exact", a=None):
    if how == "gather":
        # NumPy's quicksort orders ties freely: compare the values the positions gather.
        if not isinstance(got, fnp.ndarray) or got.dtype != want.dtype or got.shape != want.shape:
            return "not an int64 array of NumPy's shape"
        return None if numpy.array_equal(a[numpy.asarray(got)], a[want]) else "values differ"
    if how.startswith("partition:"):
        k = int(how.split(":")[1])
        g = numpy.asarray(got)
        if got.dtype != want.dtype or g.shape != want.shape or g[k] != want[k]:
            return "kth value differs"
        return None if (g[:k] <= g[k]).all() and (g[k + 1:] >= g[k]).all() else "not partitioned"
    if isinstance(want, tuple):
        if not isinstance(got, tuple) or len(got) != len(want):
            return f"returned {type(got).__name__}, not a tuple of {len(want)}"
        return next((p for g, w in zip(got, want) if (p := check(g, w, fnp))), None)
    if not isinstance(got, fnp.ndarray):
        return f"returned a {type(got).__module__}.{type(got).__name__}, not a ferronum array"
    if got.dtype != want.dtype or tuple(got.shape) != want.shape:
        return f"{got.dtype}{tuple(got.shape)} != NumPy's {want.dtype}{want.shape}"
    return None if numpy.array_equal(numpy.asarray(got), want) else "values differ"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer, shorter timing runs")
    ap.add_argument("--threads", type=int, default=None, help="ferronum.set_num_threads(N) first")
    ap.add_argument("--out", type=Path, default=None, help="folder for sorting.md (default: bench/)")
    args = ap.parse_args(argv)
    loaded = load_ferronum()
    if loaded is None:
        return 2
    fnp, label = loaded
    if args.threads is not None and not SELFTEST:
        fnp.set_num_threads(args.threads)
    min_time, repeat = (0.02, 3) if args.quick else (0.1, 5)
    info = machine_info(fnp, label)
    for line in info:
        print(line)
    rng = numpy.random.default_rng(12345)
    rows, problems = [], []
    for name, stmt, func, build, how in CASES:
        if not hasattr(fnp, func):
            print(f"skipped `{name}`: ferronum has no `{func}` yet")
            continue
        inputs = build(rng)
        ns_np = dict(np=numpy, **inputs)
        ns_f = dict(np=fnp, **{k: fnp.asarray(v) for k, v in inputs.items()})
        print(f"  {name} ...", end="", flush=True, file=sys.stderr)
        want = run_stmt(stmt, ns_np)
        timed = [calibrated(stmt, ns_np, min_time)]
        problem = None
        try:
            problem = check(run_stmt(stmt, ns_f), want, fnp, how, inputs.get("a"))
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
    out_dir = args.out or (HERE / "out" if SELFTEST else HERE)
    out_dir.mkdir(parents=True, exist_ok=True)
    md = ["| workload | NumPy | ferronum | speed-up |", "|---|--:|--:|--:|"]
    md += [f"| `{r[0]}` | " + " | ".join(r[1:]) + " |" for r in rows]
    if geo:
        md += ["", f"Geometric mean speed-up: **{geo:.2f}×** over {len(speeds)} rows."]
    md += ["", "Time per call, best of several `timeit` runs" + (" (`--quick`)" if args.quick else "")
           + "; results checked equal to NumPy's first.", ""] + [f"- {line}" for line in info]
    (out_dir / "sorting.md").write_text("\n".join(md) + "\n")
    if problems:
        print("\nproblems:\n  " + "\n  ".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
