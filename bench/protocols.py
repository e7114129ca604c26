#!/usr/bin/env python3
"""NumPy's protocols on ferronum arrays, side by side, in one process.

Each row times one workload three ways: NumPy on NumPy arrays, ferronum called directly, and
the NumPy entry point on ferronum arrays (``numpy.sin(x)`` through ``__array_ufunc__``,
``numpy.concatenate(...)`` through ``__array_function__``; for the buffer, DLPack and pickle
rows, NumPy's own consumer of a ferronum array). Columns:

- ``speed-up`` = NumPy time / time through the protocol (higher is better);
- ``protocol cost`` = time through the protocol / ferronum called directly (1.00× = free).

Every result is checked against NumPy's first (dtype, shape, values). A mismatch or exception is
shown and makes the script exit 1 after the table (2: ferronum cannot be imported).

Options: ``--quick`` (fewer, shorter runs), ``--threads N``, ``--out DIR`` (where
``protocols.md`` goes; default ``bench/``). ``FERRONUM_BENCH_SELFTEST=1`` aliases ferronum to
NumPy to test this script itself.
"""

from __future__ import annotations

import argparse
import math
import os
import pickle
import sys
from pathlib import Path

import numpy

from seed_tutorial import best_times, calibrated, fmt_speedup, fmt_time, load_ferronum, machine_info

HERE = Path(__file__).resolve().parent
SELFTEST = os.environ.get("FERRONUM_BENCH_SELFTEST", "").strip() not in ("", "0")

SMALL, LARGE = 1000, 1_000_000


def _oob(a):
    """A protocol-5 pickle round trip with out-of-band buffers (no copy of the data)."""
    bufs = []
    return pickle.loads(pickle.dumps(a, protocol=5, buffer_callback=bufs.append), buffers=bufs)


# (label, NumPy on NumPy arrays, ferronum directly, NumPy's entry point on ferronum arrays)
CASES = []
for _n, _tag in ((SMALL, "1,000"), (LARGE, "1M")):
    CASES += [
        (f"sin {_tag}", "np.sin(x)", "fnp.sin(x)", "np.sin(x)"),
        (f"add {_tag}", "np.add(x, y)", "fnp.add(x, y)", "np.add(x, y)"),
        (f"add out= {_tag}", "np.add(x, y, out=z)", "fnp.add(x, y, out=z)", "np.add(x, y, out=z)"),
        (f"add.reduce {_tag}", "np.add.reduce(x)", "fnp.add.reduce(x)", "np.add.reduce(x)"),
        (f"sum {_tag}", "np.sum(x)", "fnp.sum(x)", "np.sum(x)"),
        (f"concatenate {_tag}", "np.concatenate([x, y])", "fnp.concatenate([x, y])", "np.concatenate([x, y])"),
        (f"linalg.norm {_tag}", "np.linalg.norm(x)", "fnp.linalg.norm(x)", "np.linalg.norm(x)"),
    ]
CASES += [
    ("memoryview+frombuffer 1M", "np.frombuffer(memoryview(x))", "fnp.asarray(memoryview(x))",
     "np.frombuffer(memoryview(x))"),
    ("from_dlpack 1M", "np.from_dlpack(x)", "fnp.from_dlpack(x)", "np.from_dlpack(x)"),
    ("pickle5 out-of-band 1M", "oob(x)", "oob(x)", "oob(x)"),
    ("pickle4 1M", "pickle.loads(pickle.dumps(x, protocol=4))", "pickle.loads(pickle.dumps(x, protocol=4))",
     "pickle.loads(pickle.dumps(x, protocol=4))"),
]


def size_of(label):
    return LARGE if "1M" in label else SMALL


def check(got, want, fnp):
    if isinstance(want, numpy.generic) or numpy.ndim(want) == 0:
        return None if numpy.isclose(numpy.asarray(got), want, rtol=1e-12, atol=0) else f"{got!r} != {want!r}"
    if got.dtype != want.dtype or tuple(got.shape) != want.shape:
        return f"{got.dtype}{tuple(got.shape)} != NumPy's {want.dtype}{want.shape}"
    return None if numpy.allclose(numpy.asarray(got), want, rtol=1e-12, atol=0) else "values differ"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer, shorter timing runs")
    ap.add_argument("--threads", type=int, default=None, help="ferronum.set_num_threads(N) first")
    ap.add_argument("--out", type=Path, default=None, help="folder for protocols.md (default: bench/)")
    args = ap.parse_args(argv)
    loaded = load_ferronum()
    if loaded is None:
        return 2
    fnp, label = loaded
    if args.threads is not None and not SELFTEST:
        fnp.set_num_threads(args.threads)
    min_time, repeat = (0.02, 5) if args.quick else (0.1, 7)
    info = machine_info(fnp, label)
    for line in info:
        print(line)
    rng = numpy.random.default_rng(7)
    rows, problems = [], []
    for name, s_np, s_direct, s_proto in CASES:
        n = size_of(name)
        inputs = {"x": rng.random(n), "y": rng.random(n), "z": numpy.empty(n)}
        base = dict(np=numpy, fnp=fnp, pickle=pickle, oob=_oob)
        ns_np = dict(base, **inputs)
        ns_f = dict(base, **{k: fnp.asarray(v.copy()) for k, v in inputs.items()})
        print(f"  {name} ...", end="", flush=True, file=sys.stderr)
        want = eval(s_np, ns_np)  # noqa: S307
        timed = [calibrated(s_np, ns_np, min_time)]
        problem = None
        try:
            for stmt in (s_direct, s_proto):
                problem = problem or check(eval(stmt, ns_f), want, fnp)  # noqa: S307
            timed += [calibrated(s_direct, ns_f, min_time), calibrated(s_proto, ns_f, min_time)]
        except Exception as e:  # noqa: BLE001
            problem = f"{type(e).__name__}: {e}"
        t_np, *rest = best_times(timed, repeat)
        t_direct, t_proto = rest if len(rest) == 2 else (None, None)
        print(" done", file=sys.stderr)
        ok = not problem and t_proto
        rows.append((name, fmt_time(t_np), fmt_time(t_direct), fmt_time(t_proto) if t_proto else "ERROR",
                     fmt_speedup(t_np / t_proto) if ok else "—",
                     f"{t_proto / t_direct:.2f}×" if ok else "—"))
        if problem:
            problems.append(f"{name}: {problem}")
    headers = ("workload", "NumPy", "ferronum direct", "NumPy API on ferronum", "speed-up", "protocol cost")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    print()
    print(" | ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("-+-".join("-" * w for w in widths))
    for r in rows:
        print(" | ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(r, widths))))
    speeds = [float(r[4].rstrip("×")) for r in rows if r[4] != "—"]
    geo = math.exp(sum(map(math.log, speeds)) / len(speeds)) if speeds else None
    if geo:
        print(f"geometric mean speed-up: {geo:.2f}x over {len(speeds)} rows")
    print("speed-up = NumPy time / time through the protocol; protocol cost = that time / ferronum direct")
    out_dir = args.out or (HERE / "out" if SELFTEST else HERE)
    out_dir.mkdir(parents=True, exist_ok=True)
    md = ["| workload | NumPy | ferronum direct | NumPy API on ferronum | speed-up | protocol cost |",
          "|---|--:|--:|--:|--:|--:|"]
    md += [f"| `{r[0]}` | " + " | ".join(r[1:]) + " |" for r in rows]
    if geo:
        md += ["", f"Geometric mean speed-up: **{geo:.2f}×** over {len(speeds)} rows."]
    md += ["", "Time per call, best of several `timeit` runs" + (" (`--quick`)" if args.quick else "")
           + "; results checked against NumPy's first.", ""] + [f"- {line}" for line in info]
    (out_dir / "protocols.md").write_text("\n".join(md) + "\n")
    if problems:
        print("\nproblems:\n  " + "\n  ".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
