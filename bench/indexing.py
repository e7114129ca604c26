#!/usr/bin/env python3
"""Indexing, joining and repeating side by side: NumPy and ferronum, in one process.

Cases, each on large inputs and again on 1,000-element ones (the per-call path):

- boolean-mask select ``a[m]`` and mask assignment ``a[m] = 0`` of 10M float64 (half true);
- integer-array ``take(a, idx)`` and fancy getitem ``a[idx]`` of 10M random positions from 10M;
- ``a[idx] = v`` with 1M random indices into 10M;
- ``nonzero(m)`` and one-argument ``where(m)`` of a 10M mask;
- ``concatenate`` and ``stack`` of eight float64 arrays of 8 MB each (1,000,000 elements);
- ``repeat(a, 10)`` and ``tile(a, 10)`` of a 1,000,000-element float64 array (10M out);
- ``pad(b, 16)`` (constant) of a 4000x4000 float64 array.

The large rows are memory-bound (the threads split gathers, scatters, mask compaction and
copies); the small rows measure the per-call path. The data is random with a fixed seed; each ferronum input is
``ferronum.asarray(numpy_input)`` (zero-copy), so both read the same memory. A function that
ferronum does not have yet is skipped with a note.

Before timing, every ferronum result must have NumPy's type (a ferronum array), dtype, shape and
values exactly; a mismatch or exception is shown and makes the script exit 1 after the table
(2: ferronum cannot be imported).

Timing as in ``ufuncs.py``: calls per run chosen autorange-style, best of several runs (NumPy
and ferronum interleaved), time per call; the speed-up is NumPy time / ferronum time.

Options: ``--quick`` (fewer, shorter runs), ``--threads N`` (``ferronum.set_num_threads(N)``),
``--out DIR`` (where ``indexing.md`` goes; default ``bench/``).
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

# (label, statement, function it needs, input builder: rng -> dict of NumPy inputs); a statement
# that assigns is checked by the array it writes (`a`).
LARGE, SMALL = 1_000_000, 1000
BIG = 10_000_000


def eight(n):
    return lambda rng: {f"x{i}": rng.random(n) for i in range(8)}


def one(n):
    return lambda rng: {"a": rng.random(n)}


def masked(n):
    return lambda rng: {"a": rng.random(n), "m": rng.random(n) < 0.5}


def indexed(n, k):
    return lambda rng: {"a": rng.random(n), "idx": rng.integers(0, n, k), "v": rng.random(k)}


def square(n):
    return lambda rng: {"b": rng.random((n, n))}


EIGHT = "[x0, x1, x2, x3, x4, x5, x6, x7]"
CASES = [
    ("a[mask] 10M", "a[m]", "ndarray", masked(BIG)),
    ("a[mask] = 0 10M", "a[m] = 0.0", "ndarray", masked(BIG)),
    ("take 10M of 10M", "np.take(a, idx)", "take", indexed(BIG, BIG)),
    ("a[idx] 10M of 10M", "a[idx]", "ndarray", indexed(BIG, BIG)),
    ("a[idx] = v 1M into 10M", "a[idx] = v", "ndarray", indexed(BIG, LARGE)),
    ("nonzero 10M", "np.nonzero(m)", "nonzero", masked(BIG)),
    ("where(m) 10M", "np.where(m)", "where", masked(BIG)),
    ("pad 4000x4000", "np.pad(b, 16)", "pad", square(4000)),
    ("a[mask] 1,000", "a[m]", "ndarray", masked(SMALL)),
    ("a[mask] = 0 1,000", "a[m] = 0.0", "ndarray", masked(SMALL)),
    ("take 1,000", "np.take(a, idx)", "take", indexed(SMALL, SMALL)),
    ("a[idx] 1,000", "a[idx]", "ndarray", indexed(SMALL, SMALL)),
    ("a[idx] = v 100 into 1,000", "a[idx] = v", "ndarray", indexed(SMALL, SMALL // 10)),
    ("nonzero 1,000", "np.nonzero(m)", "nonzero", masked(SMALL)),
    ("pad 32x32", "np.pad(b, 16)", "pad", square(32)),
    ("concatenate 8 x 8 MB", f"np.concatenate({EIGHT})", "concatenate", eight(LARGE)),
    ("stack 8 x 8 MB", f"np.stack({EIGHT})", "stack", eight(LARGE)),
    ("repeat -> 10M", "np.repeat(a, 10)", "repeat", one(LARGE)),
    ("tile -> 10M", "np.tile(a, 10)", "tile", one(LARGE)),
    ("concatenate 8 x 1,000", f"np.concatenate({EIGHT})", "concatenate", eight(SMALL)),
    ("stack 8 x 1,000", f"np.stack({EIGHT})", "stack", eight(SMALL)),
    ("repeat 100 -> 1,000", "np.repeat(a, 10)", "repeat", one(SMALL // 10)),
    ("tile 100 -> 1,000", "np.tile(a, 10)", "tile", one(SMALL // 10)),
]


def run_stmt(stmt, ns):
    """The statement's value, or for an assignment the array it wrote."""
    if "=" in stmt.replace("==", ""):
        exec(stmt, ns)  # noqa: S102 - our own statements
        return ns["a"]
    return eval(stmt, ns)  # noqa: S307


def check(got, want, fnp):
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
    ap.add_argument("--out", type=Path, default=None, help="folder for indexing.md (default: bench/)")
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
    for name, stmt, func, build in CASES:
        if not hasattr(fnp, func):
            print(f"skipped `{name}`: ferronum has no `{func}` yet")
            continue
        inputs = build(rng)
        ns_np = dict(np=numpy, **inputs)
        ns_f = dict(np=fnp, **{k: fnp.asarray(v) for k, v in inputs.items()})
        print(f"  {name} ...", end="", flush=True, file=sys.stderr)
        # Inputs the statement writes are separate copies on each side.
        if "=" in stmt.replace("==", ""):
            ns_f["a"] = fnp.array(inputs["a"])
        want = run_stmt(stmt, ns_np)
        timed = [calibrated(stmt, ns_np, min_time)]
        problem = None
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
    out_dir = args.out or (HERE / "out" if SELFTEST else HERE)
    out_dir.mkdir(parents=True, exist_ok=True)
    md = ["| workload | NumPy | ferronum | speed-up |", "|---|--:|--:|--:|"]
    md += [f"| `{r[0]}` | " + " | ".join(r[1:]) + " |" for r in rows]
    if geo:
        md += ["", f"Geometric mean speed-up: **{geo:.2f}×** over {len(speeds)} rows."]
    md += ["", "Time per call, best of several `timeit` runs" + (" (`--quick`)" if args.quick else "")
           + "; results checked equal to NumPy's first.", ""] + [f"- {line}" for line in info]
    (out_dir / "indexing.md").write_text("\n".join(md) + "\n")
    if problems:
        print("\nproblems:\n  " + "\n  ".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
