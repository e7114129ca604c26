#!/usr/bin/env python3
"""Numerical helpers side by side: NumPy and ferronum, in one process.

Cases, on large inputs and again on 1,000-element ones (the per-call path):

- ``convolve`` of 1M float64 by a 101-tap kernel (direct sum, blocked and threaded);
- ``interp`` of 1M random points on 1,000 sample points;
- ``diff`` and ``gradient`` of 10M float64;
- ``cov`` of a (100, 100000) float64 matrix;
- ``allclose`` and ``isclose`` of two 10M float64 arrays (one fused pass);
- ``trapezoid`` and ``cumulative_sum`` of 10M float64, ``polyval`` of degree 5 on 1M.

The data is random with a fixed seed; each ferronum input is ``ferronum.asarray(numpy_input)``
(zero-copy), so both read the same memory. A function that ferronum does not have yet is
skipped with a note.

Before timing, every ferronum result must have NumPy's type, dtype and shape, and values equal
to NumPy's (exactly, or within 1e-12 relative where the summation order may differ:
``convolve``, ``cov``, ``trapezoid``, ``cumulative_sum``); a mismatch or exception is shown and
makes the script exit 1 after the table (2: ferronum cannot be imported).

Timing as in ``ufuncs.py``: calls per run chosen autorange-style, best of several runs (NumPy
and ferronum interleaved), time per call; the speed-up is NumPy time / ferronum time.

Options: ``--quick`` (fewer, shorter runs), ``--threads N`` (``ferronum.set_num_threads(N)``),
``--out DIR`` (where ``numerics.md`` goes; default ``bench/``).
``FERRONUM_BENCH_SELFTEST=1`` aliases ferronum to NumPy to test this script itself.
"""

from __future__ import annotations

import functools
import sys

import numpy

from _cases import Case, options, output, run_cases, start, timing, timing_note, write_table

LARGE, SMALL = 1_000_000, 1000
BIG = 10_000_000


def conv(n, k):
    return lambda rng: {"a": rng.random(n), "v": rng.random(k)}


def interp(n, m):
    return lambda rng: {"x": rng.uniform(-1, 101, n), "xp": numpy.sort(rng.uniform(0, 100, m)),
                        "fp": rng.random(m)}


def one(n):
    return lambda rng: {"a": rng.random(n)}


def close(n):
    def build(rng):
        a = rng.random(n)
        return {"a": a, "b": a + 1e-9}
    return build


def matrix(r, c):
    return lambda rng: {"m": rng.random((r, c))}


def poly(n):
    return lambda rng: {"p": rng.random(6), "x": rng.random(n)}


# (label, statement, function it needs, input builder, tolerance: None exact, else rtol)
CASES = [
    ("convolve 1M by 101", "np.convolve(a, v)", "convolve", conv(LARGE, 101), 1e-12),
    ("interp 1M on 1,000", "np.interp(x, xp, fp)", "interp", interp(LARGE, 1000), None),
    ("diff 10M", "np.diff(a)", "diff", one(BIG), None),
    ("gradient 10M", "np.gradient(a)", "gradient", one(BIG), None),
    ("cov (100, 100000)", "np.cov(m)", "cov", matrix(100, 100_000), 1e-12),
    ("allclose 10M", "np.allclose(a, b)", "allclose", close(BIG), None),
    ("isclose 10M", "np.isclose(a, b)", "isclose", close(BIG), None),
    ("trapezoid 10M", "np.trapezoid(a)", "trapezoid", one(BIG), 1e-12),
    ("cumulative_sum 10M", "np.cumulative_sum(a)", "cumulative_sum", one(BIG), 1e-12),
    ("polyval deg 5 on 1M", "np.polyval(p, x)", "polyval", poly(LARGE), None),
    ("convolve 1,000 by 11", "np.convolve(a, v)", "convolve", conv(SMALL, 11), 1e-12),
    ("interp 1,000 on 100", "np.interp(x, xp, fp)", "interp", interp(SMALL, 100), None),
    ("diff 1,000", "np.diff(a)", "diff", one(SMALL), None),
    ("gradient 1,000", "np.gradient(a)", "gradient", one(SMALL), None),
    ("cov (10, 100)", "np.cov(m)", "cov", matrix(10, 100), 1e-12),
    ("allclose 1,000", "np.allclose(a, b)", "allclose", close(SMALL), None),
    ("isclose 1,000", "np.isclose(a, b)", "isclose", close(SMALL), None),
    ("trapezoid 1,000", "np.trapezoid(a)", "trapezoid", one(SMALL), 1e-12),
    ("cumulative_sum 1,000", "np.cumulative_sum(a)", "cumulative_sum", one(SMALL), 1e-12),
]


def check(got, want, fnp, inputs, tol):
    if isinstance(want, (bool, numpy.generic)):
        if type(got) is not type(want):
            return f"returned {type(got).__name__}, NumPy {type(want).__name__}"
        ok = got == want if tol is None else numpy.isclose(got, want, rtol=tol, atol=0)
        return None if ok else f"{got!r} != NumPy's {want!r}"
    if not isinstance(got, fnp.ndarray):
        return f"returned a {type(got).__module__}.{type(got).__name__}, not a ferronum array"
    if got.dtype != want.dtype or tuple(got.shape) != want.shape:
        return f"{got.dtype}{tuple(got.shape)} != NumPy's {want.dtype}{want.shape}"
    g = numpy.asarray(got)
    ok = numpy.array_equal(g, want) if tol is None else numpy.allclose(g, want, rtol=tol, atol=tol)
    return None if ok else "values differ"


def main(argv=None):
    args = options(__doc__, "numerics.md").parse_args(argv)
    started = start(args)
    if started is None:
        return 2
    fnp, info = started
    cases = [Case(name, stmt, build, needs=func, check=functools.partial(check, tol=tol))
             for name, stmt, func, build, tol in CASES]
    rows, problems = run_cases(cases, fnp, *timing(args.quick))
    return write_table(rows, problems, info, output(args, "numerics.md"),
                       timing_note(args.quick, "against NumPy's first"))


if __name__ == "__main__":
    sys.exit(main())
