#!/usr/bin/env python3
"""Random generation side by side: ``numpy.random`` and ``ferronum.random``, in one process.

Rows: ``default_rng(0).random``, ``integers(0, 1000)`` and ``standard_normal`` of 10M values,
the legacy ``rand`` of 10M, ``permutation(1_000_000)``, ``choice`` (with and without
replacement), and the same calls on 1,000 values (the per-call path).

Before timing, each ferronum result must equal NumPy's exactly (same seed, same stream: type,
dtype, shape and every value); a mismatch or exception is shown and makes the script exit 1
after the table (2: ferronum cannot be imported). Timing as in ``ufuncs.py`` (best of several
autoranged runs, NumPy and ferronum interleaved); each timed call continues its generator's
stream. Options: ``--quick``, ``--threads N``, ``--out DIR`` (where ``random.md`` goes).
``FERRONUM_BENCH_SELFTEST=1`` aliases ferronum to NumPy to test this script itself.
"""

from __future__ import annotations

import sys

from _cases import Case, options, output, run_cases, start, timing, timing_note, write_table

BIG, SMALL = 10_000_000, 1000

# (label, statement on a generator `g` (Generator from default_rng(0)) or `rs` (RandomState(0)))
CASES = [
    ("random 10M", "g.random(%d)" % BIG),
    ("integers(0, 1000) 10M", "g.integers(0, 1000, %d)" % BIG),
    ("standard_normal 10M", "g.standard_normal(%d)" % BIG),
    ("legacy rand 10M", "rs.rand(%d)" % BIG),
    ("permutation 1M", "g.permutation(1_000_000)"),
    ("choice 1M of 1M (replace)", "g.choice(1_000_000, 1_000_000)"),
    ("choice 1,000 of 1M (no replace)", "g.choice(1_000_000, 1000, replace=False)"),
    ("random 1,000", "g.random(%d)" % SMALL),
    ("integers 1,000", "g.integers(0, 1000, %d)" % SMALL),
    ("standard_normal 1,000", "g.standard_normal(%d)" % SMALL),
    ("normal(2, 3) 1,000", "g.normal(2.0, 3.0, %d)" % SMALL),
    ("legacy randn 1,000", "rs.randn(%d)" % SMALL),
]


def namespaces(lib):
    return {"g": lib.random.default_rng(0), "rs": lib.random.RandomState(0)}


def main(argv=None):
    args = options(__doc__, "random.md").parse_args(argv)
    started = start(args)
    if started is None:
        return 2
    fnp, info = started
    # Each side's generators start from the same seed, so the first calls (the checked ones)
    # draw the same streams.
    rows, problems = run_cases([Case(name, stmt) for name, stmt in CASES], fnp, *timing(args.quick),
                               names=namespaces)
    return write_table(rows, problems, info, output(args, "random.md"),
                       timing_note(args.quick, "equal to NumPy's first (same seed)"))


if __name__ == "__main__":
    sys.exit(main())
