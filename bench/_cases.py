"""The side-by-side case loop and results table that the per-area benches share.

A bench (``indexing.py``, ``counting.py``, ``sorting.py``, ``fft.py``, ``numerics.py``,
``protocols.py``, ``random_streams.py``, ``file_io.py``) keeps its own list of cases and its own
checks; this module runs them the one way they all run:

- ``options``/``start``: the command line every one of them takes (``--quick``, ``--threads N``,
  ``--out DIR``), loading ferronum (NumPy itself under ``FERRONUM_BENCH_SELFTEST=1``), setting
  its threads and printing the machine;
- ``run_cases``: for each ``Case``, the inputs built once from a seeded generator, NumPy's
  statement on the NumPy inputs and ferronum's on the same memory (``ferronum.asarray``), the
  ferronum result checked against NumPy's, then both timed with ``calibrated``/``best_times``
  (autoranged, best of several runs, interleaved), one table row each;
- ``write_table``: the aligned table and the geometric mean of the speed-ups on stdout, the same
  as Markdown with the machine lines in ``<out>/<name>.md``, and the exit status (1 when a check
  failed, after listing the problems).

The leading underscore keeps ``make bench`` (every ``bench/[!_]*.py``) from running it.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy

from seed_tutorial import SELFTEST, best_times, calibrated, fmt_speedup, fmt_time, load_ferronum, machine_info

HERE = Path(__file__).resolve().parent
HEADERS = ("workload", "NumPy", "ferronum", "speed-up")
LEGEND = "speed-up = NumPy time / ferronum time (higher is better)"


def same(got, want, fnp, inputs=None):
    """None when `got` is NumPy's `want` exactly: a ferronum array of the same dtype, shape and
    values, a scalar of the same type and value, a tuple of such; else what differs."""
    if isinstance(want, tuple):
        if not isinstance(got, tuple) or len(got) != len(want):
            return f"returned {type(got).__name__}, not a tuple of {len(want)}"
        return next((p for g, w in zip(got, want) if (p := same(g, w, fnp))), None)
    if isinstance(want, numpy.generic):
        return None if type(got) is type(want) and got == want else f"{got!r} != NumPy's {want!r}"
    if not isinstance(got, fnp.ndarray):
        return f"returned a {type(got).__module__}.{type(got).__name__}, not a ferronum array"
    if got.dtype != want.dtype or tuple(got.shape) != want.shape:
        return f"{got.dtype}{tuple(got.shape)} != NumPy's {want.dtype}{want.shape}"
    return None if numpy.array_equal(numpy.asarray(got), want) else "values differ"


def no_inputs(rng):
    return {}


@dataclass(frozen=True)
class Case:
    name: str  # the table's workload label
    stmt: str  # NumPy's statement, `np` bound to numpy and the inputs to NumPy arrays
    build: Callable = no_inputs  # rng -> dict of NumPy inputs
    needs: str | None = None  # ferronum attribute the statement needs; skipped with a note if absent
    # The input the statement writes: each side writes its own copy, and the result checked is
    # that array after one run (NumPy's copied, since timing goes on writing it).
    writes: str | None = None
    check: Callable = same  # (got, want, fnp, inputs) -> None, or what differs
    # ferronum's statements, when not `stmt` with `np` bound to ferronum: each is checked
    # against NumPy's result and timed; the row gets one time per statement.
    f_stmts: tuple = field(default=())


def options(doc, md_name, quick_help="fewer, shorter timing runs"):
    """The parser of the options every bench takes; a bench adds its own before parsing."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help=quick_help)
    ap.add_argument("--threads", type=int, default=None, help="ferronum.set_num_threads(N) first")
    ap.add_argument("--out", type=Path, default=None, help=f"folder for {md_name} (default: bench/)")
    return ap


def start(args):
    """``(ferronum module, machine lines)`` once ferronum is loaded, its threads set and the
    machine printed; None when ferronum cannot be imported (the bench exits 2)."""
    loaded = load_ferronum()
    if loaded is None:
        return None
    fnp, label = loaded
    if args.threads is not None and not SELFTEST:
        fnp.set_num_threads(args.threads)
    info = machine_info(fnp, label)
    for line in info:
        print(line)
    return fnp, info


def timing(quick):
    """``(min_time, repeat)`` of ``calibrated``/``best_times`` for a full or a ``--quick`` run."""
    return (0.02, 3) if quick else (0.1, 5)


def evaluate(stmt, ns, writes=None):
    """The statement's value, or for one that writes an input, that input after the run."""
    if writes:
        exec(stmt, ns)  # noqa: S102 - our own statements
        return ns[writes]
    return eval(stmt, ns)  # noqa: S307


def snapshot(value):
    return tuple(map(snapshot, value)) if isinstance(value, tuple) else value.copy()


def speed_row(name, t_np, t_fs, problem):
    """``(workload, NumPy, ferronum, speed-up)``: the cells of a one-statement case."""
    t_f = t_fs[0] if t_fs else None
    speed = None if problem or not t_f else t_np / t_f
    return (name, fmt_time(t_np), fmt_time(t_f) if t_f else "ERROR", fmt_speedup(speed) or "—")


def run_cases(cases, fnp, min_time, repeat, *, seed=12345, names=None, to_ferronum=None, row=speed_row):
    """``(rows, problems)`` of the cases, in order.

    `names(module)`: further names each statement sees, bound for NumPy (numpy) and for
    ferronum (fnp), e.g. generators seeded alike; `to_ferronum(array)`: ferronum's input made
    from NumPy's (default ``fnp.asarray``, zero-copy); `row(name, t_np, t_fs, problem)`: the
    row's cells from NumPy's time and ferronum's (one per statement; empty when one raised)."""
    to_ferronum = to_ferronum or fnp.asarray
    rng = numpy.random.default_rng(seed)
    rows, problems = [], []
    for case in cases:
        if case.needs and not hasattr(fnp, case.needs):
            print(f"skipped `{case.name}`: ferronum has no `{case.needs}` yet")
            continue
        inputs = case.build(rng)
        ns_np = dict(np=numpy, **(names(numpy) if names else {}), **inputs)
        ns_f = dict(np=fnp, **(names(fnp) if names else {}), **{k: to_ferronum(v) for k, v in inputs.items()})
        if case.writes:
            ns_np[case.writes] = inputs[case.writes].copy()
            ns_f[case.writes] = fnp.array(inputs[case.writes])
        print(f"  {case.name} ...", end="", flush=True, file=sys.stderr)
        want = evaluate(case.stmt, ns_np, case.writes)
        if case.writes:
            want = snapshot(want)
        timed = [calibrated(case.stmt, ns_np, min_time)]
        f_stmts = case.f_stmts or (case.stmt,)
        problem = None
        try:
            for stmt in f_stmts:
                problem = problem or case.check(evaluate(stmt, ns_f, case.writes), want, fnp, inputs)
            timed += [calibrated(stmt, ns_f, min_time) for stmt in f_stmts]
        except Exception as e:  # noqa: BLE001
            problem = f"{type(e).__name__}: {e}"
        t_np, *t_fs = best_times(timed, repeat)
        print(" done", file=sys.stderr)
        rows.append(row(case.name, t_np, t_fs, problem))
        if problem:
            problems.append(f"{case.name}: {problem}")
    return rows, problems


def output(args, md_name):
    """Where the bench's Markdown goes: ``--out``, else ``bench/`` (``bench/out/`` in self-test)."""
    return (args.out or (HERE / "out" if SELFTEST else HERE)) / md_name


def timing_note(quick, checked="equal to NumPy's first"):
    """The Markdown line under a table timed by ``run_cases``."""
    return ("Time per call, best of several `timeit` runs" + (" (`--quick`)" if quick else "")
            + f"; results checked {checked}.")


def write_table(rows, problems, info, path, note, *, headers=HEADERS, speed_col=3, legend=LEGEND):
    """Print the table (first column left-aligned, the rest right-aligned), the geometric mean of
    the `speed_col` cells ("1.23×"; "—" where none) and the legend; write the same as Markdown
    with `note` and the machine lines to `path`; list the problems. The exit status: 1 after a
    problem, else 0."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)] if rows else [0] * len(headers)
    print()
    print(" | ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("-+-".join("-" * w for w in widths))
    for r in rows:
        print(" | ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(r, widths))))
    speeds = [float(r[speed_col].rstrip("×")) for r in rows if r[speed_col] != "—"]
    geo = math.exp(sum(map(math.log, speeds)) / len(speeds)) if speeds else None
    if geo:
        print(f"geometric mean speed-up: {geo:.2f}x over {len(speeds)} rows")
    print(legend)
    path.parent.mkdir(parents=True, exist_ok=True)
    md = ["| " + " | ".join(headers) + " |", "|---" + "|--:" * (len(headers) - 1) + "|"]
    md += [f"| `{r[0]}` | " + " | ".join(r[1:]) + " |" for r in rows]
    if geo:
        md += ["", f"Geometric mean speed-up: **{geo:.2f}×** over {len(speeds)} rows."]
    md += ["", note, ""] + [f"- {line}" for line in info]
    path.write_text("\n".join(md) + "\n")
    if problems:
        print("\nproblems:\n  " + "\n  ".join(problems))
        return 1
    return 0
