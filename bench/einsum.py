#!/usr/bin/env python3
"""einsum side by side: NumPy, ferronum (and opt_einsum when it is installed), in one process.

The hand-picked cases are the issues': on 1000x1000 int64, ``'ij,ij->i'``, ``'ij->i'`` and
``'ii->i'``; a 4-operand chain with ``optimize=True``; a batched ``'bij,bjk->bik'``; and
``'abcd,cdef->abef'`` on two shapes. Then come 50 seeded random contractions
(``random_cases``), each listed by its subscripts, shapes, dtype and whether it runs with
``optimize=True``. Each ferronum input is ``ferronum.asarray(numpy_input)`` (zero-copy), so
both read the same memory. Before timing, every ferronum result must have NumPy's dtype and
shape and equal values (exact for integers, 1e-9 relative for float64, 1e-4 for float32); a
mismatch makes the script exit 1 after the table.

Timing as in ``seed_tutorial.py``: autorange-style calls per run, best of several interleaved
runs. The summary is the geometric mean of the speed-ups (NumPy time / ferronum time).
Output: a table on stdout and ``bench/einsum.md``. Options: ``--quick``, ``--threads N``.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy

from seed_tutorial import SETTLE, best_times, calibrated, fmt_speedup, fmt_time, machine_info

HERE = Path(__file__).resolve().parent
TARGET = 2.0

try:
    import opt_einsum
except ImportError:  # optional: only adds a column
    opt_einsum = None


def cases(rng):
    """(name, subscripts, operands, kwargs)."""
    i64 = rng.integers(-1000, 1000, size=(1000, 1000))
    chain = [rng.random((400, 300)), rng.random((300, 500)), rng.random((500, 200)), rng.random((200, 50))]
    return [
        ("'ij,ij->i' int64 1000x1000", "ij,ij->i", [i64, i64], {}),
        ("'ij->i' int64 1000x1000", "ij->i", [i64], {}),
        ("'ii->i' int64 1000x1000", "ii->i", [i64], {}),
        ("4-operand chain, optimize=True", "ij,jk,kl,lm->im", chain, {"optimize": True}),
        ("'bij,bjk->bik' float64 64x(100x100)", "bij,bjk->bik",
         [rng.random((64, 100, 100)), rng.random((64, 100, 100))], {}),
        ("'abcd,cdef->abef' float64 (20,20,20,20)", "abcd,cdef->abef",
         [rng.random((20, 20, 20, 20)), rng.random((20, 20, 20, 20))], {}),
        ("'abcd,cdef->abef' 10x10x20x20,20x20x10x10 opt", "abcd,cdef->abef",
         [rng.random((10, 10, 20, 20)), rng.random((20, 20, 10, 10))], {"optimize": True}),
    ]


RANDOM_CASES = 50
RANDOM_SEED = 30


def random_cases(seed=RANDOM_SEED, count=RANDOM_CASES):
    """`count` seeded random contractions: 1 to 4 operands of 1 to 4 labels (repeats and
    transposes included) over sizes 1 to 64, implicit or explicit output, optimize False or
    True, float64 mostly, int64 and float32 now and then. Each operand holds at most 2**18
    elements, and the work NumPy would do (the naive loop without optimize, its path's
    FLOP count with it) stays under 2e7, so every case runs in milliseconds."""
    rng = numpy.random.default_rng(seed)
    pool = "abcdefgh"
    out = []
    while len(out) < count:
        size = {c: int(rng.choice([1, 2, 3, 5, 8, 16, 24, 32, 48, 64])) for c in pool}
        nops = int(rng.choice([1, 2, 2, 2, 3, 3, 4]))
        terms = []
        for _ in range(nops):
            k = int(rng.integers(1, 5))
            t = "".join(str(c) for c in rng.choice(list(pool[:6]), size=k, replace=rng.random() < 0.1))
            terms.append(t)
        used = sorted(set("".join(terms)))
        if rng.random() < 0.4:
            subs = ",".join(terms)
        else:
            o = [c for c in used if rng.random() < 0.45]
            rng.shuffle(o)
            subs = ",".join(terms) + "->" + "".join(o)
        optimize = bool(rng.random() < 0.5)
        dtype = rng.choice([numpy.float64] * 6 + [numpy.int64, numpy.float32])
        shapes = [tuple(size[c] for c in t) for t in terms]
        if any(math.prod(s) > 2 ** 18 for s in shapes):
            continue
        ops = [(rng.integers(-8, 9, size=s) if dtype == numpy.int64 else rng.random(s)).astype(dtype)
               for s in shapes]
        if optimize:
            text = numpy.einsum_path(subs, *ops, optimize=True)[1]
            work = float(text.split("Optimized FLOP count:")[1].split()[0])
        else:
            work = math.prod(size[c] for c in used) * nops
        if work > 2e7 or work < 1e3:
            continue
        name = f"{subs} {'x'.join(map(str, shapes[0]))}" + "".join(f",{'x'.join(map(str, s))}" for s in shapes[1:])
        name += f" {numpy.dtype(dtype).name}" + (" opt" if optimize else "")
        out.append((name, subs, ops, {"optimize": optimize} if optimize else {}))
    return out


def same(got, want):
    got = numpy.asarray(got)
    if got.dtype != want.dtype or got.shape != want.shape:
        return f"dtype/shape {got.dtype}{got.shape} != {want.dtype}{want.shape}"
    if want.dtype.kind in "iub":
        return None if numpy.array_equal(got, want) else "values differ"
    scale = max(float(numpy.max(numpy.abs(want))), 1e-300) if want.size else 1.0
    err = float(numpy.max(numpy.abs(got - want))) / scale if want.size else 0.0
    tol = 1e-4 if want.dtype == numpy.float32 else 1e-9
    return None if err < tol else f"max relative difference {err:.2e}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--threads", type=int, default=None)
    args = ap.parse_args(argv)
    import ferronum as fnp
    if args.threads:
        fnp.set_num_threads(args.threads)
    min_time, repeat = (0.05, 3) if args.quick else (0.2, 7)
    rng = numpy.random.default_rng(0)
    rows, bad = [], []
    hand = cases(rng)
    rand = random_cases()
    for num, (name, subs, ops, kw) in enumerate(hand + rand):
        if num == len(hand):
            print(f"\n{RANDOM_CASES} random contractions (seed {RANDOM_SEED}):")
            min_time, repeat = (0.02, 3) if args.quick else (0.05, 5)
        fops = [fnp.asarray(x) for x in ops]
        want = numpy.einsum(subs, *ops, **kw)
        why = same(fnp.einsum(subs, *fops, **kw), want)
        if why:
            bad.append(f"{name}: {why}")
        ns = {"np": numpy, "fnp": fnp, "ops": ops, "fops": fops, "subs": subs, "kw": kw, "oe": opt_einsum}
        stmts = [calibrated("np.einsum(subs, *ops, **kw)", ns, min_time),
                 calibrated("fnp.einsum(subs, *fops, **kw)", ns, min_time)]
        if opt_einsum is not None:
            stmts.append(calibrated("oe.contract(subs, *ops)", ns, min_time))
        t = best_times(stmts, repeat, settle=SETTLE if num < len(hand) else 0.0)
        rows.append((name, t[0], t[1], t[2] if len(t) > 2 else None))
        print(f"{name:42} numpy {fmt_time(t[0]):>10}  ferronum {fmt_time(t[1]):>10}  "
              f"{fmt_speedup(t[0] / t[1]):>8}" + (f"  opt_einsum {fmt_time(t[2]):>10}" if len(t) > 2 else ""),
              flush=True)
    def geomean(rs):
        return math.exp(sum(math.log(r[1] / r[2]) for r in rs) / len(rs))

    geo, geo_hand, geo_rand = geomean(rows), geomean(rows[:len(hand)]), geomean(rows[len(hand):])
    slower = sum(r[1] < r[2] for r in rows)
    print(f"\ngeometric mean speed-up: hand-picked {geo_hand:.2f}x, random {geo_rand:.2f}x, "
          f"all {geo:.2f}x (target {TARGET}x); {slower} of {len(rows)} slower than NumPy")
    info = machine_info(fnp, "ferronum")
    lines = ["# einsum: NumPy vs ferronum", "", *[f"- {x}" for x in info], "",
             "| case | NumPy | ferronum | speed-up |" + (" opt_einsum |" if opt_einsum else ""),
             "|---|--:|--:|--:|" + ("--:|" if opt_einsum else "")]
    for num, (name, tn, tf, to) in enumerate(rows):
        if num == len(hand):
            lines.append(f"| *{RANDOM_CASES} random contractions, seed {RANDOM_SEED}:* | | | |"
                         + (" |" if opt_einsum else ""))
        lines.append(f"| {name} | {fmt_time(tn)} | {fmt_time(tf)} | {fmt_speedup(tn / tf)} |"
                     + (f" {fmt_time(to)} |" if to is not None else ""))
    lines += ["", f"Geometric mean speed-up: hand-picked **{geo_hand:.2f}x**, random **{geo_rand:.2f}x**, "
              f"all **{geo:.2f}x** (target {TARGET}x); {slower} of {len(rows)} cases slower than NumPy."]
    if not args.quick:
        (HERE / "einsum.md").write_text("\n".join(lines) + "\n")
    for b in bad:
        print("MISMATCH:", b, file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
