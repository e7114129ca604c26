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

import pickle
import sys

import numpy

from _cases import Case, options, output, run_cases, start, timing_note, write_table
from seed_tutorial import fmt_speedup, fmt_time

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


def xyz(n):
    return lambda rng: {"x": rng.random(n), "y": rng.random(n), "z": numpy.empty(n)}


def check(got, want, fnp, inputs):
    if isinstance(want, numpy.generic) or numpy.ndim(want) == 0:
        return None if numpy.isclose(numpy.asarray(got), want, rtol=1e-12, atol=0) else f"{got!r} != {want!r}"
    if got.dtype != want.dtype or tuple(got.shape) != want.shape:
        return f"{got.dtype}{tuple(got.shape)} != NumPy's {want.dtype}{want.shape}"
    return None if numpy.allclose(numpy.asarray(got), want, rtol=1e-12, atol=0) else "values differ"


def row(name, t_np, t_fs, problem):
    t_direct, t_proto = t_fs if len(t_fs) == 2 else (None, None)
    ok = not problem and t_proto
    return (name, fmt_time(t_np), fmt_time(t_direct), fmt_time(t_proto) if t_proto else "ERROR",
            fmt_speedup(t_np / t_proto) if ok else "—", f"{t_proto / t_direct:.2f}×" if ok else "—")


HEADERS = ("workload", "NumPy", "ferronum direct", "NumPy API on ferronum", "speed-up", "protocol cost")


def main(argv=None):
    args = options(__doc__, "protocols.md").parse_args(argv)
    started = start(args)
    if started is None:
        return 2
    fnp, info = started
    cases = [Case(name, s_np, xyz(size_of(name)), check=check, f_stmts=(s_direct, s_proto))
             for name, s_np, s_direct, s_proto in CASES]
    # Each side's arrays are its own: `out=z` writes, and ferronum's own buffers are what the
    # buffer, DLPack and pickle rows export.
    rows, problems = run_cases(cases, fnp, *((0.02, 5) if args.quick else (0.1, 7)), seed=7,
                               names=lambda lib: {"fnp": fnp, "pickle": pickle, "oob": _oob},
                               to_ferronum=lambda v: fnp.asarray(v.copy()), row=row)
    return write_table(rows, problems, info, output(args, "protocols.md"),
                       timing_note(args.quick, "against NumPy's first"), headers=HEADERS, speed_col=4,
                       legend="speed-up = NumPy time / time through the protocol; "
                              "protocol cost = that time / ferronum direct")


if __name__ == "__main__":
    sys.exit(main())
