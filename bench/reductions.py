#!/usr/bin/env python3
"""Reductions (sum, max, mean) side by side: NumPy and ferronum, in one process.

Each case is a function called as ``fn(x, axis=...)`` with ``numpy.<name>`` and with
``ferronum.<name>``, for float64, float32 and int64 inputs:

- small: a 1-d array of 1,000 elements (axis None, 0) and a 30x30 array (axis None, 0, 1);
- large: a 1-d array of 4,000,000 elements (axis None) and a 2000x2000 array (axis None, 0, 1).

The data is random with a fixed seed (floats uniform in [0, 1), ints in [-1000, 1000)), and
each ferronum input is ``ferronum.asarray(numpy_input)`` (zero-copy), so both read the same
memory. A function that ferronum does not have yet is skipped with a note.

Before timing, every ferronum result must have NumPy's dtype and shape (and scalar type) exactly,
and equal values: exact for integers; for floats the max relative difference is reported (sums
may differ in the last bits when the work is split differently) and must stay below 1e-6
(float32) or 1e-12 (float64). Any mismatch or exception is shown and makes the script exit 1
after the table is printed (2: ferronum cannot be imported).

Timing, as in ``seed_tutorial.py``: calls per run chosen autorange-style, best of several runs
(NumPy and ferronum runs interleaved), time per call. The summary gives the geometric mean of
the speed-ups (NumPy time / ferronum time) for the small and the large group, and per function.

Output: a table on stdout and ``bench/reductions.md`` (Markdown, with the machine).

Options: ``--quick`` (fewer, shorter runs), ``--threads N`` (``ferronum.set_num_threads(N)``),
``--out DIR``, ``--contend`` (time beside a busy process: a second Python process runs ``while
True: pass`` while the cases are timed, see ``seed_tutorial.Competitor``; the table goes to
``bench/reductions_contended.md`` instead, headed by a line that says so).
``FERRONUM_BENCH_SELFTEST=1`` aliases ferronum to NumPy to test this script itself (its output
goes to ``bench/out/`` and says nothing about ferronum). Adding a function: one line in
``CASES``; ``cases()`` gives every case with its input (``contention.py`` times the same ones).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy

from seed_tutorial import (best_times, calibrated, contention, fmt_speedup, fmt_time, load_ferronum, machine_info,
                           output_name)

HERE = Path(__file__).resolve().parent
TARGET = 1.5  # the target for the geometric mean of each group's speed-ups
SELFTEST = os.environ.get("FERRONUM_BENCH_SELFTEST", "").strip() not in ("", "0")

# (name, numpy function, name of the ferronum function): called as fn(x, axis=axis).
CASES = [
    ("sum", numpy.sum, "sum"),
    ("max", numpy.max, "max"),
    ("mean", numpy.mean, "mean"),
]
DTYPES = ["float64", "float32", "int64"]
SHAPES = {  # group -> [(shape, axes)]
    "small": [((1000,), (None, 0)), ((30, 30), (None, 0, 1))],
    "large": [((4_000_000,), (None,)), ((2000, 2000), (None, 0, 1))],
}
RTOL = {"float32": 1e-6, "float64": 1e-12}


def make_input(rng, shape, dtype):
    if dtype.startswith("int"):
        return rng.integers(-1000, 1000, size=shape, dtype=dtype)
    return rng.random(shape, dtype=dtype)


def check(got, want, strict_type=True):
    """(why it is wrong or None, max relative difference for floats or None). `strict_type`
    False (the self-test) lets a numpy.ndarray stand for a ferronum array."""
    try:
        if strict_type and isinstance(want, numpy.ndarray) and isinstance(got, numpy.ndarray):
            return "returned a numpy.ndarray, not a ferronum array", None
        if isinstance(want, numpy.generic) and type(got) is not type(want):
            return f"type {type(got).__name__} != NumPy's numpy.{type(want).__name__}", None
        if getattr(got, "dtype", None) != want.dtype:
            return f"dtype {getattr(got, 'dtype', None)} != NumPy's {want.dtype}", None
        if tuple(getattr(got, "shape", ())) != want.shape:
            return f"shape {getattr(got, 'shape', None)} != NumPy's {want.shape}", None
        a, w = numpy.asarray(got), numpy.asarray(want)
        if w.dtype.kind in "biu":
            return (None if numpy.array_equal(a, w) else "values differ (exact integers)"), None
        a, w = a.astype(numpy.float64), w.astype(numpy.float64)
        rel = float(numpy.max(numpy.abs(a - w) / numpy.maximum(numpy.abs(w), 1e-300), initial=0.0))
        tol = RTOL[str(want.dtype)]
        return (None if rel <= tol else f"max relative difference {rel:.3g} > {tol:g}"), rel
    except Exception as e:  # noqa: BLE001
        return f"checking raised {type(e).__name__}: {e}", None


@dataclass
class Row:
    group: str
    func: str
    name: str
    threads: int
    numpy: float | None = None
    fnp: float | None = None
    rel: float | None = None
    problem: str | None = None

    @property
    def speedup(self):
        return None if self.problem or not self.fnp else self.numpy / self.fnp

    def cells(self):
        rel = "exact" if self.rel is None else f"{self.rel:.1e}"
        return (self.name, fmt_time(self.numpy),
                "ERROR" if self.problem and self.fnp is None else fmt_time(self.fnp),
                fmt_speedup(self.speedup) + (" ✗" if self.problem else ""), str(self.threads),
                "—" if self.problem and self.fnp is None else rel)


def geomean(xs):
    xs = [x for x in xs if x]
    return math.exp(sum(map(math.log, xs)) / len(xs)) if xs else None


def threads_of(fnp):
    get = getattr(fnp, "get_num_threads", None)
    return get() if get else 1


def cases(fnp):
    """Every case in table order, as (group, name, label, NumPy function, ferronum function,
    input, ferronum input, axis); the inputs are drawn as the cases come, from one fixed-seed
    generator. Functions that ferronum lacks are left out."""
    rng = numpy.random.default_rng(12345)
    found = [(n, f, getattr(fnp, fname)) for n, f, fname in CASES if hasattr(fnp, fname)]
    for group, shapes in SHAPES.items():
        for shape, axes in shapes:
            for dtype in DTYPES:
                x = make_input(rng, shape, dtype)
                fx = fnp.asarray(x)
                for name, np_fn, f_fn in found:
                    for axis in axes:
                        label = f"{name} {dtype} {'x'.join(map(str, shape))} axis={axis}"
                        yield group, name, label, np_fn, f_fn, x, fx, axis


def run(fnp, min_time, repeat):
    rows = []
    for group, name, label, np_fn, f_fn, x, fx, axis in cases(fnp):
        row = Row(group, name, label, threads_of(fnp))
        print(f"  {label} ...", end="", flush=True, file=sys.stderr)
        want = np_fn(x, axis=axis)
        timed = [calibrated("fn(x, axis=axis)", dict(fn=np_fn, x=x, axis=axis), min_time)]
        try:
            row.problem, row.rel = check(f_fn(fx, axis=axis), want, strict_type=not SELFTEST)
            timed.append(calibrated("fn(x, axis=axis)", dict(fn=f_fn, x=fx, axis=axis), min_time))
        except Exception as e:  # noqa: BLE001
            row.problem = f"{type(e).__name__}: {e}"
        row.numpy, *rest = best_times(timed, repeat)
        row.fnp = rest[0] if rest else None
        print(" done", file=sys.stderr)
        rows.append(row)
    return rows


def summary(rows, skipped):
    """Lines: geometric mean of the speed-ups per function and group."""
    funcs = [n for n, _, _ in CASES if n not in skipped]
    lines = ["geometric mean of speed-ups (target: >= %.1f× for small and for large):" % TARGET]
    for func in funcs + ["all"]:
        parts = []
        for group in list(SHAPES) + ["all"]:
            g = geomean([r.speedup for r in rows
                         if func in ("all", r.func) and group in ("all", r.group)])
            mark = "" if func != "all" or group == "all" or g is None else (" ✓" if g >= TARGET else " ✗")
            parts.append(f"{group} {fmt_speedup(g) or '—'}{mark}")
        lines.append(f"  {func:5}: " + ", ".join(parts))
    return lines


HEADERS = ("workload", "NumPy", "ferronum", "speed-up", "threads", "max rel diff")


def print_table(rows):
    cells = [r.cells() for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(HEADERS)]

    def line(values):
        return " | ".join(v.ljust(w) if i == 0 else v.rjust(w)
                          for i, (v, w) in enumerate(zip(values, widths)))

    print(line(HEADERS))
    print("-+-".join("-" * w for w in widths))
    for i, (r, c) in enumerate(zip(rows, cells)):
        if i and r.group != rows[i - 1].group:
            print("-+-".join("-" * w for w in widths))
        print(line(c))
    print("speed-up = NumPy time / ferronum time (higher is better)")


def markdown(rows, info, notes, summary_lines, quick, heading=()):
    out = [f"**{line}**" for line in heading] + ([""] if heading else [])
    out += ["| group | " + " | ".join(HEADERS) + " |", "|---|---|--:|--:|--:|--:|--:|"]
    for r in rows:
        c = r.cells()
        out.append(f"| {r.group} | `{c[0]}` | " + " | ".join(c[1:]) + " |")
    out += ["", "Time per call, best of several `timeit` runs" + (" (`--quick`)" if quick else "")
            + "; speed-up = NumPy time / ferronum time. Every ferronum result is checked against "
            "NumPy's (dtype, shape exactly; values exact for ints, max relative difference for floats).",
            "", "```", *summary_lines, "```", ""]
    out += [f"- {line}" for line in info + notes]
    return "\n".join(out) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer, shorter timing runs")
    ap.add_argument("--threads", type=int, default=None, help="ferronum.set_num_threads(N) first")
    ap.add_argument("--out", type=Path, default=None, help="folder for reductions.md (default: bench/)")
    ap.add_argument("--contend", action="store_true",
                    help="time beside a busy competitor process; write reductions_contended.md")
    args = ap.parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    loaded = load_ferronum()
    if loaded is None:
        return 2
    fnp, label = loaded
    out_dir = args.out or (HERE / "out" if SELFTEST else HERE)
    if args.threads is not None and not SELFTEST:
        fnp.set_num_threads(args.threads)
    min_time, repeat = (0.02, 3) if args.quick else (0.1, 5)

    info = machine_info(fnp, label)
    skipped = [n for n, _, fname in CASES if not hasattr(fnp, fname)]
    notes = [f"skipped `{n}`: ferronum has no `{n}` yet" for n in skipped]
    for line in info + notes:
        print(line)
    print(f"timing: best of {repeat} runs, each of >= {min_time * 1e3:.0f} ms; time per call\n")

    with contention(args.contend) as competitor:
        rows = run(fnp, min_time, repeat)
    heading = [competitor.line()] if competitor else []
    print()
    for line in heading:
        print(line)
    print_table(rows)
    summary_lines = summary(rows, skipped)
    print()
    print("\n".join(summary_lines))
    problems = [r for r in rows if r.problem]
    if problems:
        print("\nproblems:")
        for r in problems:
            print(f"  {r.name}: {r.problem}")

    out_dir.mkdir(parents=True, exist_ok=True)
    md_path = out_dir / output_name("reductions", args.contend)
    md_path.write_text(markdown(rows, info, notes, summary_lines, args.quick, heading))
    print(f"\nwrote {md_path}")
    if problems:
        print("\nFAILED: ferronum's results differ from NumPy's or raised (see above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
