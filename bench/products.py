#!/usr/bin/env python3
"""Matrix products side by side: NumPy (OpenBLAS for floats) and ferronum, in one process.

Cases: matmul 1000x1000 float64, float32 and int64 (targets: NumPy time / ferronum time at least
0.9 for the floats, at least 3 for int64, where NumPy runs a plain triple loop); a (100, 64, 64)
float64 stack; 10,000 stacked 3x3 float64 products; ``dot`` of two 1-d float64 vectors of
100,000 elements; ``outer`` of two 1,000-element float64 vectors; ``kron`` of a 30x30 and a
20x20 float64 matrix; a 1000x1000 int64 product with a transposed operand.

Every ferronum input is ``ferronum.asarray(numpy_input)`` (zero-copy). Before timing, each
ferronum result must have NumPy's dtype and shape and equal values (exact for integers, max
relative difference reported and bounded for floats); a mismatch makes the script exit 1.

Timing: calls per run chosen autorange-style, best of several interleaved runs, time per call.
Options: ``--quick``, ``--threads N``.
"""

from __future__ import annotations

import argparse
import sys

import numpy

from seed_tutorial import SETTLE, best_times, calibrated, fmt_speedup, fmt_time, machine_info

try:
    import ferronum
except ImportError as e:  # pragma: no cover
    print(f"cannot import ferronum: {e}")
    sys.exit(2)

rng = numpy.random.default_rng(0)


def floats(shape, dtype="float64"):
    return rng.standard_normal(shape).astype(dtype)


def ints(shape):
    return rng.integers(-1000, 1000, size=shape, dtype="int64")


# (label, target ratio or None, inputs, statement using np / a / b)
def cases():
    return [
        ("matmul 1000x1000 float64", 0.9, (floats((1000, 1000)), floats((1000, 1000))), "np.matmul(a, b)"),
        ("matmul 1000x1000 float32", 0.9, (floats((1000, 1000), "float32"), floats((1000, 1000), "float32")),
         "np.matmul(a, b)"),
        ("matmul 1000x1000 int64", 3.0, (ints((1000, 1000)), ints((1000, 1000))), "np.matmul(a, b)"),
        ("matmul 1000x1000 int64, b.T", None, (ints((1000, 1000)), ints((1000, 1000))), "np.matmul(a, b.T)"),
        ("matmul (100,64,64) float64", None, (floats((100, 64, 64)), floats((100, 64, 64))), "a @ b"),
        ("matmul (10000,3,3) float64", None, (floats((10000, 3, 3)), floats((10000, 3, 3))), "a @ b"),
        ("matmul 3x3 float64 (one)", None, (floats((3, 3)), floats((3, 3))), "a @ b"),
        ("dot 1-d 100k float64", None, (floats(100_000), floats(100_000)), "np.dot(a, b)"),
        ("outer 1000 x 1000 float64", None, (floats(1000), floats(1000)), "np.outer(a, b)"),
        ("kron 30x30 (x) 20x20 float64", None, (floats((30, 30)), floats((20, 20))), "np.kron(a, b)"),
    ]


def check(got, want):
    if getattr(got, "dtype", None) != want.dtype or tuple(got.shape) != want.shape:
        return f"dtype/shape {getattr(got, 'dtype', None)} {getattr(got, 'shape', None)} != {want.dtype} {want.shape}"
    g, w = numpy.asarray(got), numpy.asarray(want)
    if w.dtype.kind in "iub":
        return None if numpy.array_equal(g, w) else "values differ"
    scale = numpy.max(numpy.abs(w), initial=1.0)
    rel = float(numpy.max(numpy.abs(g - w), initial=0.0) / scale)
    bound = 1e-4 if w.dtype == numpy.float32 else 1e-10
    return None if rel <= bound else f"max relative difference {rel:.2e} > {bound}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--threads", type=int)
    args = ap.parse_args()
    if args.threads:
        ferronum.set_num_threads(args.threads)
    min_time, repeat = (0.05, 3) if args.quick else (0.2, 7)
    print("\n".join(machine_info(ferronum, "ferronum")))
    print(f"{'case':32} {'NumPy':>10} {'ferronum':>10} {'speed-up':>9}  target")
    failed = False
    for label, target, (a, b), stmt in cases():
        fa, fb = ferronum.asarray(a), ferronum.asarray(b)
        want = eval(stmt, {"np": numpy, "a": a, "b": b})
        got = eval(stmt, {"np": ferronum, "a": fa, "b": fb})
        err = check(got, want)
        if err:
            print(f"{label:32} MISMATCH: {err}")
            failed = True
            continue
        tn = calibrated(stmt, {"np": numpy, "a": a, "b": b}, min_time)
        tf = calibrated(stmt, {"np": ferronum, "a": fa, "b": fb}, min_time)
        t_np, t_f = best_times([tn, tf], repeat, settle=SETTLE)
        ratio = t_np / t_f
        mark = "" if target is None else (f">= {target} " + ("ok" if ratio >= target else "MISSED"))
        print(f"{label:32} {fmt_time(t_np):>10} {fmt_time(t_f):>10} {fmt_speedup(ratio):>9}  {mark}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
