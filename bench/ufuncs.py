#!/usr/bin/env python3
"""Element-wise ufuncs (add, multiply, sqrt, exp, a chained expression) side by side: NumPy and
ferronum, in one process.

Cases, for float64, float32 and int64 inputs:

- ``add(a, b)``, ``multiply(a, b)``, ``sqrt(a)``, ``exp(a)`` (``numpy.<name>`` vs
  ``ferronum.<name>``);
- the chain ``(a*2.0+b)*a-1.0`` (the operators, with temporaries);

each on 1-d arrays of 1,000 elements ("small": the per-call path) and of 4,000,000 elements
("large": the loops and the threads).

The data is random with a fixed seed: floats uniform in [0, 1) (for ``exp``, in [-5, 5), so
nothing overflows), int64 in [-1000, 1000) (for ``sqrt``, in [0, 1000); for ``exp``, in
[-20, 20)). Each ferronum input is ``ferronum.asarray(numpy_input)`` (zero-copy), so both read
the same memory. A function that ferronum does not have yet is skipped with a note.

Before timing, every ferronum result must have NumPy's type (a ferronum array), dtype and shape
exactly, and NumPy's values: exactly for ``add``, ``multiply`` and ``sqrt`` and for the integer
chain, within 4 ulp for ``exp`` and the float chain (the distance in units in the last place,
``numpy.spacing`` of NumPy's value, is reported). Any mismatch or exception is shown and makes
the script exit 1 after the table is printed (2: ferronum cannot be imported).

Timing, as in ``seed_tutorial.py``: calls per run chosen autorange-style, best of several runs
(NumPy and ferronum runs interleaved), time per call. The summary gives the geometric mean of
the speed-ups (NumPy time / ferronum time) for the small and the large group, and per function.

Output: a table on stdout and ``bench/ufuncs.md`` (Markdown, with the machine).

Options: ``--quick`` (fewer, shorter runs), ``--threads N`` (``ferronum.set_num_threads(N)``),
``--out DIR``, ``--contend`` (time beside a busy process: a second Python process runs ``while
True: pass`` while the cases are timed, see ``seed_tutorial.Competitor``; the table goes to
``bench/ufuncs_contended.md`` instead, headed by a line that says so).
``FERRONUM_BENCH_SELFTEST=1`` aliases ferronum to NumPy to test this script itself (its output
goes to ``bench/out/`` and says nothing about ferronum). Adding a case: one line in ``CASES``;
``cases()`` gives every case with its inputs (``contention.py`` times the same ones).
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

# (label, statement, names of the module functions it needs, number of array inputs, max ulp
# difference allowed for float results: 0 = bit for bit). The statement sees `np` (numpy or
# ferronum) and the inputs `a`, `b`.
CASES = [
    ("add", "np.add(a, b)", ("add",), 2, 0),
    ("multiply", "np.multiply(a, b)", ("multiply",), 2, 0),
    ("sqrt", "np.sqrt(a)", ("sqrt",), 1, 0),
    ("exp", "np.exp(a)", ("exp",), 1, 4),
    ("chain", "(a*2.0+b)*a-1.0", (), 2, 4),
]
DTYPES = ["float64", "float32", "int64"]
SIZES = {"small": 1000, "large": 4_000_000}


def make_input(rng, func, size, dtype):
    if dtype.startswith("int"):
        lo, hi = {"sqrt": (0, 1000), "exp": (-20, 20)}.get(func, (-1000, 1000))
        return rng.integers(lo, hi, size=size, dtype=dtype)
    if func == "exp":
        return (rng.random(size) * 10.0 - 5.0).astype(dtype)
    return rng.random(size, dtype=dtype)


def ulp_distance(got, want):
    """Largest |got - want| in units of numpy.spacing(want), over the finite values; inf where
    NaNs or infinities do not match."""
    g, w = numpy.asarray(got), numpy.asarray(want)
    fin = numpy.isfinite(w)
    if not numpy.array_equal(numpy.isnan(g), numpy.isnan(w)) or not numpy.array_equal(g[numpy.isinf(w)],
                                                                                        w[numpy.isinf(w)]):
        return math.inf
    if not fin.any():
        return 0.0
    with numpy.errstate(all="ignore"):
        d = numpy.abs(g[fin].astype(numpy.float64) - w[fin].astype(numpy.float64))
        d = d / numpy.abs(numpy.spacing(w[fin])).astype(numpy.float64)
    return float(numpy.max(d))


def check(got, want, fnp, max_ulp):
    """(why it is wrong or None, max ulp difference for float results or None)."""
    try:
        if not isinstance(got, fnp.ndarray):
            return f"returned a {type(got).__module__}.{type(got).__name__}, not a ferronum array", None
        if got.dtype != want.dtype:
            return f"dtype {got.dtype} != NumPy's {want.dtype}", None
        if tuple(got.shape) != want.shape:
            return f"shape {got.shape} != NumPy's {want.shape}", None
        g = numpy.asarray(got)
        if want.dtype.kind in "biu":
            return (None if numpy.array_equal(g, want) else "values differ (exact integers)"), None
        ulps = ulp_distance(g, want)
        if ulps > max_ulp:
            return (f"max difference {ulps:.3g} ulp > {max_ulp}" if max_ulp else
                    f"not bit-identical to NumPy (max {ulps:.3g} ulp)"), ulps
        return None, ulps
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
    ulps: float | None = None
    problem: str | None = None

    @property
    def speedup(self):
        return None if self.problem or not self.fnp else self.numpy / self.fnp

    def cells(self):
        diff = "exact" if self.ulps is None or self.ulps == 0 else f"{self.ulps:.2g} ulp"
        return (self.name, fmt_time(self.numpy),
                "ERROR" if self.problem and self.fnp is None else fmt_time(self.fnp),
                fmt_speedup(self.speedup) + (" ✗" if self.problem else ""), str(self.threads),
                "—" if self.problem and self.fnp is None else diff)


def geomean(xs):
    xs = [x for x in xs if x]
    return math.exp(sum(map(math.log, xs)) / len(xs)) if xs else None


def threads_of(fnp):
    get = getattr(fnp, "get_num_threads", None)
    return get() if get else 1


def cases(fnp, skipped):
    """Every case in table order, as (group, func, label, statement, max ulp, NumPy namespace,
    ferronum namespace); the inputs are drawn as the cases come, from one fixed-seed generator."""
    rng = numpy.random.default_rng(12345)
    for group, size in SIZES.items():
        for dtype in DTYPES:
            for func, stmt, _, nin, max_ulp in CASES:
                if func in skipped:
                    continue
                a = make_input(rng, func, size, dtype)
                b = make_input(rng, func, size, dtype)
                fa, fb = fnp.asarray(a), fnp.asarray(b)
                yield (group, func, f"{func} {dtype} {size:,}", stmt, max_ulp,
                       dict(np=numpy, a=a, b=b), dict(np=fnp, a=fa, b=fb))


def run(fnp, min_time, repeat, skipped):
    rows = []
    for group, func, label, stmt, max_ulp, ns_np, ns_f in cases(fnp, skipped):
        row = Row(group, func, label, threads_of(fnp))
        print(f"  {label} ...", end="", flush=True, file=sys.stderr)
        want = eval(stmt, ns_np)  # noqa: S307 - our own statements
        timed = [calibrated(stmt, ns_np, min_time)]
        try:
            row.problem, row.ulps = check(eval(stmt, ns_f), want, fnp, max_ulp)  # noqa: S307
            timed.append(calibrated(stmt, ns_f, min_time))
        except Exception as e:  # noqa: BLE001
            row.problem = f"{type(e).__name__}: {e}"
        row.numpy, *rest = best_times(timed, repeat)
        row.fnp = rest[0] if rest else None
        print(" done", file=sys.stderr)
        rows.append(row)
    return rows


def summary(rows, skipped):
    """Lines: geometric mean of the speed-ups per function and group."""
    funcs = [c[0] for c in CASES if c[0] not in skipped]
    lines = ["geometric mean of speed-ups (target: >= %.1f× for small and for large):" % TARGET]
    for func in funcs + ["all"]:
        parts = []
        for group in list(SIZES) + ["all"]:
            g = geomean([r.speedup for r in rows if func in ("all", r.func) and group in ("all", r.group)])
            mark = "" if func != "all" or group == "all" or g is None else (" ✓" if g >= TARGET else " ✗")
            parts.append(f"{group} {fmt_speedup(g) or '—'}{mark}")
        lines.append(f"  {func:8}: " + ", ".join(parts))
    return lines


HEADERS = ("workload", "NumPy", "ferronum", "speed-up", "threads", "max diff")


def print_table(rows):
    cells = [r.cells() for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(HEADERS)]

    def line(values):
        return " | ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(values, widths)))

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
            "NumPy's first (type, dtype, shape exactly; values exact for ints and for add, multiply, "
            "sqrt; within 4 ulp for exp and the float chain). Workloads: `add(a, b)`, `multiply(a, b)`, "
            "`sqrt(a)`, `exp(a)` and `chain` = `(a*2.0+b)*a-1.0`.",
            "", "```", *summary_lines, "```", ""]
    out += [f"- {line}" for line in info + notes]
    return "\n".join(out) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer, shorter timing runs")
    ap.add_argument("--threads", type=int, default=None, help="ferronum.set_num_threads(N) first")
    ap.add_argument("--out", type=Path, default=None, help="folder for ufuncs.md (default: bench/)")
    ap.add_argument("--contend", action="store_true",
                    help="time beside a busy competitor process; write ufuncs_contended.md")
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
    skipped = [c[0] for c in CASES if not all(hasattr(fnp, n) for n in c[2])]
    notes = [f"skipped `{n}`: ferronum has no `{n}` yet" for n in skipped]
    for line in info + notes:
        print(line)
    print(f"timing: best of {repeat} runs, each of >= {min_time * 1e3:.0f} ms; time per call\n")

    with contention(args.contend) as competitor:
        rows = run(fnp, min_time, repeat, skipped)
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
    md_path = out_dir / output_name("ufuncs", args.contend)
    md_path.write_text(markdown(rows, info, notes, summary_lines, args.quick, heading))
    print(f"\nwrote {md_path}")
    if problems:
        print("\nFAILED: ferronum's results differ from NumPy's or raised (see above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
