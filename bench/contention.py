#!/usr/bin/env python3
"""ferronum beside a busy process: NumPy, ferronum at its default thread count and ferronum at
1 thread, side by side, while another process keeps one core busy.

ferronum splits a large call over all the CPUs the process may use. When another process is
busy on one of them, a helper thread can be descheduled in the middle of a call, and the call
may then be slower than it would be on one thread. This script measures that: for every case of
``seed_tutorial.py`` (its NumPy/ferronum workloads; the two pure-Python ones have nothing to
compare), ``ufuncs.py`` and ``reductions.py`` (their case lists and inputs are imported from
them, so they are the same cases), it times three things in one process:

- NumPy;
- ferronum at its default thread count (``ferronum.get_num_threads()`` at start-up, or
  ``--threads N``);
- ferronum at 1 thread (``ferronum.set_num_threads(1)`` before each of its runs, the original
  count restored after each).

The runs of the three are interleaved (NumPy, default, 1 thread; best of several rounds), so
drift and load spikes hit them alike. Since ``set_num_threads`` replaces ferronum's threads,
every timed run follows one untimed call made at that run's thread count (for all three, NumPy
too, so they are treated alike). Calls per run are chosen autorange-style, as in the other
benches, with each ferronum timer calibrated at its own thread count.

While the cases are timed, a second Python process runs ``while True: pass`` (the competitor,
``seed_tutorial.Competitor``: killed and reaped however the script ends). ``--quiet-machine``
leaves it out, giving the same table on a quiet machine for comparison.

Before timing, each case's ferronum result is checked against NumPy's with the check of the
bench it comes from; a mismatch or exception is shown and makes the script exit 1 after the
table is printed (2: ferronum cannot be imported).

Output: one row per case with the three times, ``default / 1 thread`` (the default-thread time
over the 1-thread time: above 1× the threads cost time; rows above 1.10× are marked ▲) and the
speed-up of the default thread count over NumPy (NumPy time / ferronum time); then a summary:
the rows where the default thread count is more than 10% slower than 1 thread, the rows slower
than NumPy, and geometric means. The table is printed and written to ``bench/contention.md``
(``bench/contention_quiet.md`` with ``--quiet-machine``, so the two can be compared).

Options: ``--quick`` (fewer, shorter runs: best of 5 runs of >= 20 ms instead of 7 of >= 100
ms; 118 cases, about 1.5 minutes in the self-test on the 2-core machine), ``--threads N``
(``ferronum.set_num_threads(N)`` first: the default column then runs at N threads),
``--quiet-machine``, ``--out DIR``. ``FERRONUM_BENCH_SELFTEST=1`` aliases ferronum to NumPy to
test this script itself (set/get_num_threads do nothing, both ferronum columns are NumPy; output
goes to ``bench/out/`` and says nothing about ferronum). Since its two ferronum columns time the
same call, the self-test's ▲ count is the noise floor of that count on the machine it ran on.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy

import reductions
import seed_tutorial
import ufuncs
from seed_tutorial import (best_times, calibrated, contention, fmt_speedup, fmt_time, load_ferronum,
                           machine_info)

HERE = Path(__file__).resolve().parent
SELFTEST = os.environ.get("FERRONUM_BENCH_SELFTEST", "").strip() not in ("", "0")
SLOWER = 1.10  # default threads / 1 thread above this: the threads cost more than 10%


# ------------------------------------------------------------------------- threads ---
def get_threads(fnp):
    get = getattr(fnp, "get_num_threads", None)
    return get() if get else 1


@contextlib.contextmanager
def at_threads(fnp, n):
    """ferronum at `n` threads inside the block, its previous count restored after it (however
    the block ends). Nothing happens for a module without set_num_threads (the self-test)."""
    old = get_threads(fnp)
    if old == n or not hasattr(fnp, "set_num_threads"):
        yield
        return
    fnp.set_num_threads(n)
    try:
        yield
    finally:
        fnp.set_num_threads(old)


class Timed:
    """A calibrated statement whose runs happen at `threads` ferronum threads (None: left as
    it is, for NumPy). Each run follows one untimed call, so a run right after
    ``set_num_threads`` replaced the threads does not pay for starting them. ``(timed,
    timed.number)`` is what ``best_times`` takes: ``timeit(number)`` as in a timeit.Timer."""

    def __init__(self, stmt, namespace, min_time, fnp=None, threads=None):
        self.fnp, self.threads = fnp, threads
        with self._threads():
            self.timer, self.number = calibrated(stmt, namespace, min_time)

    def _threads(self):
        return contextlib.nullcontext() if self.threads is None else at_threads(self.fnp, self.threads)

    def timeit(self, number):
        with self._threads():
            self.timer.timeit(1)
            return self.timer.timeit(number)


# --------------------------------------------------------------------------- cases ---
@dataclass
class Case:
    bench: str
    name: str
    stmt: str
    ns_np: dict
    ns_f: dict
    check: Callable  # (ferronum's result, NumPy's) -> why it is wrong, or None
    error: str | None = None  # ferronum could not build the inputs: only NumPy is timed


def seed_cases(fnp):
    """The seed tutorial's workloads that NumPy and ferronum both run (not the pure-Python
    ones), with the tutorial's inputs built by each module."""
    pure_ns = seed_tutorial.pure_namespace()
    np_ns, np_errors = seed_tutorial.array_namespace(numpy, pure_ns)
    if np_errors:
        raise RuntimeError(f"NumPy could not build the inputs: {np_errors}")
    f_ns, f_errors = seed_tutorial.array_namespace(fnp, pure_ns)

    def check(got, want):
        return seed_tutorial.compare(got, want, strict_type=not SELFTEST)

    for w in seed_tutorial.WORKLOADS:
        if w.array is None:
            continue
        missing = [n for n in w.inputs if n in f_errors]
        error = None
        if missing:
            e = f_errors[missing[0]]
            error = f"building input {missing[0]}: {type(e).__name__}: {e}"
        yield Case("seed_tutorial", w.name, w.array, np_ns, f_ns, check, error)


def ufunc_cases(fnp, skipped):
    for _, _, label, stmt, max_ulp, ns_np, ns_f in ufuncs.cases(fnp, skipped):
        def check(got, want, max_ulp=max_ulp):
            return ufuncs.check(got, want, fnp, max_ulp)[0]
        yield Case("ufuncs", label, stmt, ns_np, ns_f, check)


def reduction_cases(fnp):
    def check(got, want):
        return reductions.check(got, want, strict_type=not SELFTEST)[0]

    for _, _, label, np_fn, f_fn, x, fx, axis in reductions.cases(fnp):
        yield Case("reductions", label, "fn(x, axis=axis)", dict(fn=np_fn, x=x, axis=axis),
                   dict(fn=f_fn, x=fx, axis=axis), check)


def all_cases(fnp, ufunc_skipped):
    yield from seed_cases(fnp)
    yield from ufunc_cases(fnp, ufunc_skipped)
    yield from reduction_cases(fnp)


# --------------------------------------------------------------------------- rows ---
@dataclass
class Row:
    bench: str
    name: str
    numpy: float | None = None
    default: float | None = None  # ferronum at its default thread count
    one: float | None = None  # ferronum at 1 thread
    problem: str | None = None

    @property
    def slowdown(self):
        """Default-thread time / 1-thread time."""
        return self.default / self.one if self.default and self.one else None

    @property
    def speedup(self):
        """NumPy time / default-thread time."""
        return self.numpy / self.default if self.numpy and self.default else None

    @property
    def speedup_one(self):
        return self.numpy / self.one if self.numpy and self.one else None

    def cells(self):
        err = self.problem and self.default is None
        slow = self.slowdown
        return (self.bench, self.name, fmt_time(self.numpy),
                "ERROR" if err else fmt_time(self.default), "ERROR" if err else fmt_time(self.one),
                "—" if slow is None else f"{slow:.2f}×" + (" ▲" if slow > SLOWER else ""),
                fmt_speedup(self.speedup) + (" ✗" if self.problem else ""))


def run(fnp, cases, threads, min_time, repeat):
    rows = []
    for case in cases:
        row = Row(case.bench, case.name, problem=case.error)
        print(f"  {case.bench}: {case.name} ...", end="", flush=True, file=sys.stderr)
        want = eval(case.stmt, case.ns_np)  # noqa: S307 - our own statements
        timed = [Timed(case.stmt, case.ns_np, min_time)]
        if not case.error:
            try:
                row.problem = case.check(eval(case.stmt, case.ns_f), want)  # noqa: S307
                timed.append(Timed(case.stmt, case.ns_f, min_time, fnp, threads))
                timed.append(Timed(case.stmt, case.ns_f, min_time, fnp, 1))
            except Exception as e:  # noqa: BLE001
                row.problem = f"{type(e).__name__}: {e}"
                del timed[1:]
        row.numpy, *rest = best_times([(t, t.number) for t in timed], repeat)
        if rest:
            row.default, row.one = rest
        print(" done", file=sys.stderr)
        rows.append(row)
    return rows


def geomean(xs):
    xs = [x for x in xs if x]
    return math.exp(sum(map(math.log, xs)) / len(xs)) if xs else None


def summary(rows, threads):
    """Lines: the counts the script is for, then geometric means per bench."""
    timed = [r for r in rows if r.slowdown is not None]
    slower = [r for r in timed if r.slowdown > SLOWER]
    behind = [r for r in timed if r.speedup < 1]
    behind_one = [r for r in timed if r.speedup_one < 1]
    t = f"its default {threads} thread{'s' * (threads != 1)}"
    lines = [f"{len(slower)} of {len(timed)} rows: ferronum at {t} more than "
             f"{round((SLOWER - 1) * 100)}% slower than at 1 thread (▲); "
             f"{len(behind)} of {len(timed)} rows: ferronum at {t} slower than NumPy "
             f"(at 1 thread: {len(behind_one)})",
             "geometric means (default / 1 thread; NumPy / ferronum default; "
             "NumPy / ferronum 1 thread):"]
    for bench in list(dict.fromkeys(r.bench for r in rows)) + ["all"]:
        sel = [r for r in timed if bench in ("all", r.bench)]
        g = [geomean([getattr(r, k) for r in sel]) for k in ("slowdown", "speedup", "speedup_one")]
        lines.append(f"  {bench:13}: " + "; ".join("—" if x is None else f"{x:.2f}×" for x in g)
                     + f" ({len(sel)} rows)")
    return lines


def headers(threads):
    t = f"{threads} thread{'s' * (threads != 1)}"
    return ("bench", "case", "NumPy", f"ferronum default ({t})", "ferronum 1 thread",
            "default / 1 thread", "speed-up vs NumPy")


def print_table(rows, threads):
    hs = headers(threads)
    cells = [r.cells() for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(hs)]

    def line(values):
        return " | ".join(v.ljust(w) if i < 2 else v.rjust(w) for i, (v, w) in enumerate(zip(values, widths)))

    print(line(hs))
    print("-+-".join("-" * w for w in widths))
    for i, (r, c) in enumerate(zip(rows, cells)):
        if i and r.bench != rows[i - 1].bench:
            print("-+-".join("-" * w for w in widths))
        print(line(c))
    print(f"{hs[5]} = the default thread count's time / the 1-thread time (▲: above "
          f"{SLOWER:.2f}×); speed-up vs NumPy = NumPy time / ferronum time at the default count")


def markdown(rows, threads, heading, info, notes, summary_lines, quick):
    hs = headers(threads)
    out = [f"**{heading}**", "", "| " + " | ".join(hs) + " |", "|---|---|--:|--:|--:|--:|--:|"]
    for r in rows:
        c = [x.replace("|", "\\|") for x in r.cells()]
        out.append(f"| {c[0]} | `{c[1]}` | " + " | ".join(c[2:]) + " |")
    out += ["", "Time per call, best of several `timeit` runs" + (" (`--quick`)" if quick else "")
            + "; the runs of NumPy, ferronum at its default thread count and ferronum at 1 thread "
            "are interleaved, each after one untimed call at its thread count. "
            f"{hs[5]} = the default count's time / the 1-thread time (▲: more than "
            f"{round((SLOWER - 1) * 100)}% slower with the threads); speed-up vs NumPy = NumPy time / "
            "ferronum time at the default count. Cases: those of `seed_tutorial.py` (NumPy/ferronum "
            "workloads), `ufuncs.py` and `reductions.py`; every ferronum result is checked first "
            "with that bench's check.",
            "", "```", *summary_lines, "```", ""]
    out += [f"- {line}" for line in info + notes]
    return "\n".join(out) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer, shorter timing runs")
    ap.add_argument("--threads", type=int, default=None,
                    help="ferronum.set_num_threads(N) first (the default-count column)")
    ap.add_argument("--quiet-machine", action="store_true",
                    help="no competitor process; write contention_quiet.md")
    ap.add_argument("--out", type=Path, default=None,
                    help="folder for contention.md (default: bench/, bench/out/ in self-test)")
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
    threads = get_threads(fnp)
    # More runs than the other benches take: the 10% threshold needs a steadier best time.
    min_time, repeat = (0.02, 5) if args.quick else (0.1, 7)

    info = machine_info(fnp, label)
    ufunc_skipped = [c[0] for c in ufuncs.CASES if not all(hasattr(fnp, n) for n in c[2])]
    notes = [f"skipped ufunc `{n}`: ferronum has no `{n}` yet" for n in ufunc_skipped]
    notes += [f"skipped reduction `{n}`: ferronum has no `{f}` yet"
              for n, _, f in reductions.CASES if not hasattr(fnp, f)]
    if SELFTEST:
        notes.append(f"**{label}**: not a measurement of ferronum")
    if threads == 1:
        notes.append("ferronum's default is 1 thread here, so its two columns time the same thing")
    for line in info + notes:
        print(line)
    print(f"timing: best of {repeat} runs, each of >= {min_time * 1e3:.0f} ms; time per call\n")

    try:
        with contention(not args.quiet_machine) as competitor:
            rows = run(fnp, all_cases(fnp, ufunc_skipped), threads, min_time, repeat)
    finally:
        with contextlib.suppress(Exception):
            if hasattr(fnp, "set_num_threads") and get_threads(fnp) != threads:
                fnp.set_num_threads(threads)
    heading = competitor.line() if competitor else (
        "Quiet machine (`--quiet-machine`): no competitor process ran.")
    summary_lines = summary(rows, threads)
    print()
    print(heading)
    print_table(rows, threads)
    print()
    print("\n".join(summary_lines))
    problems = [r for r in rows if r.problem]
    if problems:
        print("\nproblems:")
        for r in problems:
            print(f"  {r.bench}: {r.name}: {r.problem}")

    out_dir.mkdir(parents=True, exist_ok=True)
    md_path = out_dir / ("contention_quiet.md" if args.quiet_machine else "contention.md")
    md_path.write_text(markdown(rows, threads, heading, info, notes, summary_lines, args.quick))
    print(f"\nwrote {md_path}")
    if problems:
        print("\nFAILED: ferronum's results differ from NumPy's or raised (see above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
