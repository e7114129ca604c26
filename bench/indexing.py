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

import sys

from _cases import Case, options, output, run_cases, start, timing, timing_note, write_table

# (label, statement, function it needs, input builder: rng -> dict of NumPy inputs)
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


def main(argv=None):
    args = options(__doc__, "indexing.md").parse_args(argv)
    started = start(args)
    if started is None:
        return 2
    fnp, info = started
    # A statement that assigns is checked by the array it writes (`a`), a copy on each side.
    cases = [Case(name, stmt, build, needs=func, writes="a" if "=" in stmt.replace("==", "") else None)
             for name, stmt, func, build in CASES]
    rows, problems = run_cases(cases, fnp, *timing(args.quick))
    return write_table(rows, problems, info, output(args, "indexing.md"), timing_note(args.quick))


if __name__ == "__main__":
    sys.exit(main())
