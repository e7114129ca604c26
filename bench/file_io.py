#!/usr/bin/env python3
"""File I/O side by side: NumPy and ferronum, in one process.

Cases (sizes of the full run; ``--quick`` uses the smaller ones in brackets):

- ``save`` then ``load`` of a float64 array of 1 GB [64 MB] to a file on local disk, and each
  half alone;
- ``load(mmap_mode='r')`` of that file and a sum over the map (the page cache is warm);
- ``savez_compressed`` and ``load`` of an ``.npz`` with two 16 MB [4 MB] arrays of
  low-entropy values (deflate has something to do);
- ``loadtxt`` of a numeric CSV of 100 MB [10 MB]: 8 float64 columns as ``savetxt`` writes them;
- ``savetxt`` of 200,000 [50,000] rows of 8 float64 columns (``%.18e``).

Every ferronum result is checked against NumPy's first (dtype, shape, values; the ``.npy``
files byte for byte). A mismatch or exception is shown and makes the script exit 1 after the
table (2: ferronum cannot be imported).

Timing: each case runs NumPy and ferronum alternately (which goes first alternates too),
``repeat`` times, best time kept, with ``os.sync()`` before each timed call so that neither
pays for the other's dirty pages; the files go to a temporary folder (``--dir`` to choose
one) and are removed afterwards. Loads read files just written, from the page cache.

Options: ``--quick``, ``--threads N`` (``ferronum.set_num_threads(N)``), ``--dir DIR``,
``--out DIR`` (where ``io.md`` goes; default ``bench/``).
``FERRONUM_BENCH_SELFTEST=1`` aliases ferronum to NumPy to test this script itself.
"""

from __future__ import annotations

import io
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy

from _cases import options, output, same, speed_row, start, write_table


def best(fn, repeat):
    t = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        t = min(t, time.perf_counter() - t0)
    return t


def cases(fnp, d, quick):
    rng = numpy.random.default_rng(7)
    big_mb = 64 if quick else 1024
    a = rng.standard_normal(big_mb * (1 << 20) // 8)
    fa = fnp.asarray(a)
    pn, pf = d / "n.npy", d / "f.npy"

    def save_np():
        numpy.save(pn, a)

    def save_f():
        fnp.save(pf, fa)

    save_np()
    save_f()
    problem = None if pn.read_bytes() == pf.read_bytes() else ".npy bytes differ from NumPy's"
    yield f"save float64 {big_mb} MB", save_np, save_f, problem
    yield (f"load float64 {big_mb} MB", lambda: numpy.load(pn), lambda: fnp.load(pf),
           same(fnp.load(pf), numpy.load(pn), fnp))
    yield (f"save+load float64 {big_mb} MB", lambda: (save_np(), numpy.load(pn)),
           lambda: (save_f(), fnp.load(pf)), None)
    yield (f"load mmap + sum {big_mb} MB", lambda: numpy.load(pn, mmap_mode="r").sum(),
           lambda: fnp.load(pf, mmap_mode="r").sum(),
           None if abs(float(fnp.load(pf, mmap_mode="r").sum()) - float(numpy.load(pn, mmap_mode="r").sum()))
           < 1e-6 * big_mb * 1e5 else "sums differ")

    zmb = 4 if quick else 16
    z1 = (rng.integers(0, 16, zmb * (1 << 20) // 8)).astype(numpy.float64)
    z2 = numpy.repeat(numpy.arange(zmb * (1 << 20) // 8 // 64, dtype=numpy.int64), 64)
    f1, f2 = fnp.asarray(z1), fnp.asarray(z2)
    zn, zf = d / "n.npz", d / "f.npz"

    def npz_np():
        numpy.savez_compressed(zn, x=z1, y=z2)
        with numpy.load(zn) as z:
            return z["x"], z["y"]

    def npz_f():
        fnp.savez_compressed(zf, x=f1, y=f2)
        with fnp.load(zf) as z:
            return z["x"], z["y"]

    got, want = npz_f(), npz_np()
    yield (f"savez_compressed+load 2x{zmb} MB", npz_np, npz_f,
           same(got[0], want[0], fnp) or same(got[1], want[1], fnp))

    csv_mb = 10 if quick else 100
    rows = csv_mb * (1 << 20) // 162  # %.17g of normal values: about 162 bytes a row
    t = rng.standard_normal((rows, 8))
    cp = d / "t.csv"
    numpy.savetxt(cp, t, delimiter=",", fmt="%.17g")
    real_mb = cp.stat().st_size / (1 << 20)
    yield (f"loadtxt csv {real_mb:.0f} MB ({rows:,} rows x 8)",
           lambda: numpy.loadtxt(cp, delimiter=","), lambda: fnp.loadtxt(cp, delimiter=","),
           same(fnp.loadtxt(cp, delimiter=","), numpy.loadtxt(cp, delimiter=","), fnp))

    srows = 50_000 if quick else 200_000
    s = t[:srows]
    fs = fnp.asarray(s)

    def st_np():
        b = io.StringIO()
        numpy.savetxt(b, s)
        return b.getvalue()

    def st_f():
        b = io.StringIO()
        fnp.savetxt(b, fs)
        return b.getvalue()

    yield (f"savetxt {srows:,} rows x 8", st_np, st_f, None if st_np() == st_f() else "text differs")


def main(argv=None):
    ap = options(__doc__, "io.md", quick_help="smaller files, fewer runs")
    ap.add_argument("--dir", type=Path, default=None, help="folder for the temporary files")
    args = ap.parse_args(argv)
    started = start(args)
    if started is None:
        return 2
    fnp, info = started
    repeat = 4
    d = Path(tempfile.mkdtemp(prefix="ferronum-io-", dir=args.dir))
    rows, problems = [], []
    try:
        for name, f_np, f_f, problem in cases(fnp, d, args.quick):
            print(f"  {name} ...", end="", flush=True, file=sys.stderr)
            t_np = t_f = math.inf
            try:
                for r in range(repeat):
                    # Written data are flushed before each timing, and the order alternates:
                    # otherwise whichever runs second meets the kernel's throttling of the
                    # first one's dirty pages.
                    for which in ((0, 1) if r % 2 == 0 else (1, 0)):
                        os.sync()
                        if which == 0:
                            t_np = min(t_np, best(f_np, 1))
                        else:
                            t_f = min(t_f, best(f_f, 1))
            except Exception as e:  # noqa: BLE001
                problem = f"{type(e).__name__}: {e}"
            print(" done", file=sys.stderr)
            rows.append(speed_row(name, t_np, [t_f] if math.isfinite(t_f) else [], problem))
            if problem:
                problems.append(f"{name}: {problem}")
    finally:
        shutil.rmtree(d, ignore_errors=True)
    note = (f"Best of {repeat} runs per case, NumPy and ferronum alternating"
            + (" (`--quick`: smaller files)" if args.quick else "")
            + "; results checked equal to NumPy's first (`.npy` files byte for byte).")
    return write_table(rows, problems, info, output(args, "io.md"), note)


if __name__ == "__main__":
    sys.exit(main())
