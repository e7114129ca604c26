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

import functools
import sys

import numpy

from _cases import Case, options, output, run_cases, same, start, timing, timing_note, write_table

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


def check(got, want, fnp, inputs, how):
    if how == "gather":
        # NumPy's quicksort orders ties freely: compare the values the positions gather.
        a = inputs["a"]
        if not isinstance(got, fnp.ndarray) or got.dtype != want.dtype or got.shape != want.shape:
            return "not an int64 array of NumPy's shape"
        return None if numpy.array_equal(a[numpy.asarray(got)], a[want]) else "values differ"
    if how.startswith("partition:"):
        k = int(how.split(":")[1])
        g = numpy.asarray(got)
        if got.dtype != want.dtype or g.shape != want.shape or g[k] != want[k]:
            return "kth value differs"
        return None if (g[:k] <= g[k]).all() and (g[k + 1:] >= g[k]).all() else "not partitioned"
    return same(got, want, fnp)


def main(argv=None):
    args = options(__doc__, "sorting.md").parse_args(argv)
    started = start(args)
    if started is None:
        return 2
    fnp, info = started
    cases = [Case(name, stmt, build, needs=func, check=functools.partial(check, how=how))
             for name, stmt, func, build, how in CASES]
    rows, problems = run_cases(cases, fnp, *timing(args.quick))
    return write_table(rows, problems, info, output(args, "sorting.md"), timing_note(args.quick))


if __name__ == "__main__":
    sys.exit(main())
