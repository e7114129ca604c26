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
``FERRONUM_BENCH_SELFTEST=1`` aliases ferronum to NumPy to test this script itself.
"""

from __future__ import annotations

import sys

import numpy

from _cases import Case, options, output, run_cases, start, timing, timing_note, write_table

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


def main(argv=None):
    args = options(__doc__, "counting.md").parse_args(argv)
    started = start(args)
    if started is None:
        return 2
    fnp, info = started
    cases = [Case(name, stmt, build, writes="a" if stmt.startswith("np.add.at") else None)
             for name, stmt, build in CASES]
    rows, problems = run_cases(cases, fnp, *timing(args.quick))
    return write_table(rows, problems, info, output(args, "counting.md"), timing_note(args.quick))


if __name__ == "__main__":
    sys.exit(main())
