#!/usr/bin/env python3
"""numpy.linalg decompositions side by side: NumPy (OpenBLAS/LAPACK) and ferronum (faer), in
one process.

Each case is a 400x400 float64 matrix, random normal / 400 with a fixed seed plus the
identity (well conditioned, determinant finite); symmetric positive definite for ``cholesky`` and ``eigh``; ``b``
is a 400-vector for ``solve`` and ``lstsq``. Each ferronum input is ``ferronum.asarray`` of
the NumPy one (zero-copy), so both read the same memory. Before timing, each ferronum result
is checked against NumPy's by reconstruction (or directly where unique); a mismatch makes
the script exit 1 after the table.

Timing as in ``seed_tutorial.py``: calls per run chosen autorange-style, best of several runs
with NumPy and ferronum interleaved. The ratio is NumPy time / ferronum time (above 1:
ferronum faster); the summary is their geometric mean. The target is at least 0.8 for each.

Options: ``--n N`` (matrix order), ``--quick``, ``--threads N``, ``--stack B`` (also time a
stack of B small 8x8 matrices for each function).
"""

from __future__ import annotations

import argparse
import math
import sys

import numpy

from seed_tutorial import SETTLE, best_times, calibrated, fmt_speedup, fmt_time, machine_info

TARGET = 0.8


def cases(n, rng):
    a = rng.standard_normal((n, n)) / n + numpy.eye(n)  # det stays finite
    g = rng.standard_normal((n, n))
    spd = g @ g.T + n * numpy.eye(n)
    b = rng.standard_normal(n)
    return [
        ("det", "linalg.det(a)", a),
        ("inv", "linalg.inv(a)", a),
        ("solve", "linalg.solve(a, b)", a),
        ("cholesky", "linalg.cholesky(a)", spd),
        ("qr", "linalg.qr(a)", a),
        ("svd", "linalg.svd(a)", a),
        ("eigh", "linalg.eigh(a)", spd),
        ("eig", "linalg.eig(a)", a),
        ("lstsq", "linalg.lstsq(a, b)", a),
        ("pinv", "linalg.pinv(a)", a),
    ], b


def check(name, fr, nr, a):
    """The ferronum result agrees with NumPy's (up to the sign/phase freedom)."""
    A = numpy.asarray
    if name in ("det", "inv", "solve", "cholesky", "pinv"):
        return numpy.allclose(A(fr), nr, rtol=1e-8, atol=1e-12)
    if name == "lstsq":
        return numpy.allclose(A(fr[0]), nr[0], rtol=1e-8, atol=1e-12)
    if name == "qr":
        return numpy.allclose(A(fr[0]) @ A(fr[1]), a, atol=1e-8 * abs(a).max())
    if name == "svd":
        u, s, vh = (A(x) for x in fr)
        return numpy.allclose((u * s) @ vh, a, atol=1e-8 * abs(a).max()) and numpy.allclose(s, nr[1])
    if name in ("eig", "eigh"):
        w, v = A(fr[0]), A(fr[1])
        return numpy.allclose(a @ v, v * w, atol=1e-8 * abs(a).max())
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--threads", type=int)
    ap.add_argument("--stack", type=int, default=0)
    args = ap.parse_args()
    try:
        import ferronum
    except ImportError as e:
        print(f"cannot import ferronum: {e}")
        return 2
    if args.threads:
        ferronum.set_num_threads(args.threads)
    min_time, repeat = (0.05, 3) if args.quick else (0.2, 5)
    print("\n".join(machine_info(ferronum, "ferronum")))
    rng = numpy.random.default_rng(0)
    groups = [(f"{args.n}x{args.n}", *cases(args.n, rng))]
    if args.stack:
        c, b = cases(8, rng)
        c = [(nm, st, numpy.ascontiguousarray(numpy.broadcast_to(a, (args.stack, 8, 8)))) for nm, st, a in c]
        groups.append((f"{args.stack}x8x8", [x for x in c if x[0] not in ("lstsq",)],
                       numpy.ascontiguousarray(numpy.broadcast_to(b[:, None], (args.stack, 8, 1)))))
    failed = False
    for label, cs, b in groups:
        print(f"\n{label} float64")
        print(f"{'function':10} {'ferronum':>10} {'NumPy':>10} {'ratio':>8}")
        ratios = []
        for name, stmt, a in cs:
            ns = {"linalg": numpy.linalg, "a": a, "b": b}
            fs = {"linalg": ferronum.linalg, "a": ferronum.asarray(a), "b": ferronum.asarray(b)}
            try:
                ok = check(name, eval(stmt, fs), eval(stmt, ns), a) if label.startswith(str(args.n)) else True
            except Exception as e:  # noqa: BLE001
                print(f"{name:10} error: {type(e).__name__}: {e}")
                failed = True
                continue
            tn, tf = best_times([calibrated(stmt, ns, min_time), calibrated(stmt, fs, min_time)], repeat, settle=SETTLE)
            r = tn / tf
            ratios.append(r)
            flag = "" if ok else "  MISMATCH"
            failed |= not ok
            below = "  (below target)" if r < TARGET else ""
            print(f"{name:10} {fmt_time(tf):>10} {fmt_time(tn):>10} {fmt_speedup(r):>8}{below}{flag}")
        if ratios:
            g = math.exp(sum(map(math.log, ratios)) / len(ratios))
            print(f"{'geomean':10} {'':>10} {'':>10} {fmt_speedup(g):>8}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
