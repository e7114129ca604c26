#!/usr/bin/env python3
"""The seed tutorial, every workload, side by side: pure Python, NumPy and ferronum.

"Numpy in Python for High Performance Computing" (shared/seed/numpy-hpc-tutorial.txt) times
squaring 1000 integers, building 1000x1000 arrays with ``asarray`` from nested lists, and five
ways to compute Euclidean distances (one pair of 1000-vectors, then 1000 pairs at once). This
script runs each of them in one process with pure Python, NumPy and ferronum. The tutorial's
array functions are written once, taking the array module as their ``np`` parameter, so NumPy
and ferronum run the very same code.

For every workload ferronum's result must have NumPy's dtype and shape and equal values (exact
for integers, ``assert_allclose(rtol=1e-12)`` for floats; a scalar result must also have NumPy's
scalar type). Any mismatch or exception is shown in its table row and makes the script exit 1
after the table is printed (2: ferronum cannot be imported).

Timing is ``timeit``'s: the number of calls per run is chosen autorange-style (until a run takes
at least --min-time), the best of several runs is reported as time per call.

The memory-bandwidth limit: no implementation can be faster than moving the bytes a workload
must move, at the speed the machine moves them. So at start-up the script measures the memory
bandwidth once, as a copy of a 256 MiB float64 array into another (far past any cache; counted
as 2 x 256 MiB, read + write; best of a few runs): with ``numpy.copyto`` on one thread, and with
ferronum's ``multiply(src, 1.0, out=dst)``, which ferronum splits over its thread pool (all its
threads, or ``--threads N``). The larger of the two is the machine's bandwidth; both are printed
with the machine. A workload's bytes moved are the minimum: each input read once (an array's
buffer; for ``asarray``, the nested lists' item pointers and the int objects, ``sys.getsizeof``
each) and the result array written once, no temporaries (scalar results count nothing). The
table's "memory limit" is bytes / bandwidth, and "ferronum / limit" is how many times that
ferronum's time is (1× = at the limit). Pure-Python rows get no limit.

Output: a table on stdout, and unless told otherwise ``bench/seed_tutorial.md`` (the table as
Markdown) and ``bench/seed_tutorial.png`` (bar chart, NumPy vs ferronum, log scale).

Options: ``--quick`` (fewer, shorter runs), ``--threads N`` (``ferronum.set_num_threads(N)``
before anything is measured), ``--no-plot``, ``--out DIR``, ``--contend`` (time beside a busy
process: while the workloads are timed, a second Python process runs ``while True: pass``, so
one core is taken; the memory bandwidth is measured before it starts. The outputs go to
``seed_tutorial_contended.md``/``.png`` instead, so the quiet-machine ones stay, and the table
is headed by a line that says the competitor ran and how much CPU it used).

``Competitor``, the context manager that runs that process, is shared with ``ufuncs.py``,
``reductions.py`` and ``contention.py``: the process is killed and reaped however the block
ends (normally, by an exception, by Ctrl-C; SIGTERM and SIGHUP end the block the same way).

Self-test of this script only: ``FERRONUM_BENCH_SELFTEST=1`` makes ``fnp = numpy``, so the
script's own plumbing (timing, checks, table, chart) can be exercised before ferronum is built.
It says nothing about ferronum, and writes its outputs to ``bench/out/`` instead.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import platform
import signal
import struct
import subprocess
import sys
import threading
import time
import timeit
from dataclasses import dataclass, field
from pathlib import Path

import numpy
import numpy.testing

HERE = Path(__file__).resolve().parent
SELFTEST = os.environ.get("FERRONUM_BENCH_SELFTEST", "").strip() not in ("", "0")
N = 1000  # vector length and number of vectors, as in the tutorial
BW_ARRAY_BYTES = 256 * 2**20  # per array of the bandwidth copy: far past any cache
POINTER = struct.calcsize("P")  # a list item as the list stores it


# ------------------------------------------------------------------ the tutorial's code ---
# Pure Python (lists), verbatim.
def naive_dist(p, q):
    square_distance = 0
    for p_i, q_i in zip(p, q):
        square_distance += (p_i - q_i) ** 2
    return square_distance ** 0.5


def naive_dists(ps, qs):
    return [naive_dist(p, q) for p, q in zip(ps, qs)]


# Whole-array versions, verbatim but for the module parameter `np` (numpy or ferronum).
def simple_numpy_dist(np, p, q):
    return (np.sum((p - q) ** 2)) ** 0.5


def numpy_norm_dist(np, p, q):
    return np.linalg.norm(p - q)


def simple_numpy_dists(np, ps, qs):
    return np.sum((ps - qs) ** 2, axis=1) ** 0.5


def numpy_norm_dists(np, ps, qs):
    return np.linalg.norm(ps - qs, axis=1)


def einsum_dists(np, ps, qs):
    difference = ps - qs
    return np.einsum("ij,ij->i", difference, difference) ** 0.5


# ------------------------------------------------------------------------- workloads ---
@dataclass
class Workload:
    name: str
    pure: str | None  # statement timed with pure Python (names from pure_namespace)
    array: str | None  # statement timed with `np` bound to numpy, then to ferronum
    inputs: tuple = ()  # inputs the statement reads (arrays built with the module under test)
    oracle: str | None = None  # pure-Python workload whose value NumPy's must match (self-check)


WORKLOADS = [
    Workload("i**2 (1000 ints)", "[i**2 for i in range(1000)]", "np.arange(1000) ** 2",
             oracle="i**2 (1000 ints)"),
    Workload("asarray 1000x1000", None, "np.asarray(ps_list)", ("ps_list",)),
    Workload("naive_dist", "naive_dist(p_list, q_list)", None),
    Workload("simple_numpy_dist", None, "simple_numpy_dist(np, p, q)", ("p", "q"), "naive_dist"),
    Workload("numpy_norm_dist", None, "numpy_norm_dist(np, p, q)", ("p", "q"), "naive_dist"),
    Workload("naive_dists", "naive_dists(ps_list, qs_list)", None),
    Workload("simple_numpy_dists", None, "simple_numpy_dists(np, ps, qs)", ("ps", "qs"), "naive_dists"),
    Workload("numpy_norm_dists", None, "numpy_norm_dists(np, ps, qs)", ("ps", "qs"), "naive_dists"),
    Workload("einsum_dists", None, "einsum_dists(np, ps, qs)", ("ps", "qs"), "naive_dists"),
]

FUNCTIONS = {
    f.__name__: f
    for f in (naive_dist, naive_dists, simple_numpy_dist, numpy_norm_dist,
              simple_numpy_dists, numpy_norm_dists, einsum_dists)
}


def pure_namespace():
    ps_list = [[i + 1000 * j for i in range(N)] for j in range(N)]
    qs_list = [[i + 1000 * j + 2 for i in range(N)] for j in range(N)]
    return dict(FUNCTIONS, p_list=[i for i in range(N)], q_list=[i + 2 for i in range(N)],
                ps_list=ps_list, qs_list=qs_list)


def array_namespace(mod, pure_ns):
    """Inputs built the tutorial's way with `mod`; a failure leaves the name out (and every
    workload that needs it then reports the error)."""
    ns = dict(FUNCTIONS, np=mod, ps_list=pure_ns["ps_list"])
    errors = {}
    makers = {
        "p": lambda: mod.arange(N),
        "q": lambda: mod.arange(N) + 2,
        "ps": lambda: mod.asarray(pure_ns["ps_list"]),
        "qs": lambda: mod.asarray(pure_ns["qs_list"]),
    }
    for name, make in makers.items():
        try:
            ns[name] = make()
        except Exception as e:  # noqa: BLE001 - reported in the table
            errors[name] = e
    return ns, errors


# -------------------------------------------------------------------- bytes moved ---
def bytes_read(obj):
    """Bytes a call must read to consume `obj`: an array's buffer; for a list of lists of ints,
    each inner list's item pointers and the int objects they point to (none of it contiguous,
    but every byte of it has to come in)."""
    if isinstance(obj, numpy.ndarray):
        return obj.nbytes
    return sum(POINTER * len(row) + sum(map(sys.getsizeof, row)) for row in obj)


def min_bytes(workload, namespace, result):
    """The fewest bytes the workload can move: its inputs read once and its result array written
    once. Temporaries are left out, since a fused implementation needs none; a scalar result
    stays in a register. None for pure-Python-only workloads (no limit is claimed there)."""
    if workload.array is None:
        return None
    written = result.nbytes if isinstance(result, numpy.ndarray) else 0
    return sum(bytes_read(namespace[name]) for name in workload.inputs) + written


# ------------------------------------------------------------------------ checking ---
def compare(got, want, *, strict_type=True):
    """None if `got` matches NumPy's `want` (dtype, shape, values; scalar type), else why not."""
    try:
        if isinstance(want, numpy.ndarray):
            if strict_type and isinstance(got, numpy.ndarray):
                return "returned a numpy.ndarray, not a ferronum array"
            dt, shape = getattr(got, "dtype", None), getattr(got, "shape", None)
            if not isinstance(dt, numpy.dtype):
                return f"dtype is {dt!r} ({type(dt).__name__}), not a numpy.dtype"
            if dt != want.dtype:
                return f"dtype {dt} != NumPy's {want.dtype}"
            if shape is None or tuple(shape) != want.shape:
                return f"shape {shape} != NumPy's {want.shape}"
            a = numpy.asarray(got)
            if a.dtype != want.dtype or a.shape != want.shape:
                return f"numpy.asarray(result) is {a.dtype}{a.shape}, expected {want.dtype}{want.shape}"
        elif isinstance(want, numpy.generic):
            if type(got) is not type(want):
                return f"type {type(got).__module__}.{type(got).__name__} != NumPy's numpy.{type(want).__name__}"
            a = numpy.asarray(got)
        else:
            if type(got) is not type(want):
                return f"type {type(got).__name__} != {type(want).__name__}"
            a = numpy.asarray(got)
        return compare_values(a, numpy.asarray(want))
    except Exception as e:  # noqa: BLE001
        return f"checking raised {type(e).__name__}: {e}"


def compare_values(a, want):
    if want.dtype.kind in "biu":
        if not numpy.array_equal(a, want):
            bad = numpy.argwhere(numpy.asarray(a != want).reshape(want.shape))
            return f"values differ (exact {want.dtype}) at {len(bad)} positions, first {bad[0].tolist()}"
        return None
    try:
        numpy.testing.assert_allclose(a, want, rtol=1e-12)
    except AssertionError as e:
        lines = [ln.strip() for ln in str(e).strip().splitlines() if ln.strip()]
        keep = [ln for ln in lines if ln.startswith(("Mismatched", "Max abs", "Max rel"))]
        return "values differ: " + "; ".join(keep or lines[1:4])
    return None


# -------------------------------------------------------------------------- timing ---
def calibrated(stmt, namespace, min_time):
    """A timeit.Timer and its number of calls per run: 1, 2, 5, 10, 20, 50, ... until a run takes
    at least `min_time` (timeit.Timer.autorange, with our min_time; it also warms up)."""
    timer = timeit.Timer(stmt, globals=namespace)
    number = 1
    while True:
        for k in (1, 2, 5):
            if timer.timeit(number * k) >= min_time:
                return timer, number * k
        number *= 10


# The pause before each timed run in the benches of BLAS-backed work (see best_times).
SETTLE = 0.15


def best_times(stmts, repeat, settle=0.0):
    """Seconds per call for each (timer, number): the best of `repeat` runs. The runs of the
    statements are interleaved, so a load spike from elsewhere hits them alike.

    `settle` seconds pass idle before each run. OpenBLAS's worker threads spin for tens of
    milliseconds after a multithreaded call returns; without the pause they take the cores
    from whichever library runs next (a 1000x1000 matmul measured 38 ms right after NumPy's
    and 20 ms after a 0.1 s pause on the 2-core machine)."""
    best = [math.inf] * len(stmts)
    for _ in range(repeat):
        for i, (timer, number) in enumerate(stmts):
            if settle:
                time.sleep(settle)
            best[i] = min(best[i], timer.timeit(number) / number)
    return best


def best_time(stmt, namespace, min_time, repeat):
    return best_times([calibrated(stmt, namespace, min_time)], repeat)[0]


def fmt_time(t):
    if t is None:
        return "—"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if t >= scale:
            v = t / scale
            return f"{v:.3g} {unit}" if v < 100 else f"{v:.0f} {unit}"
    return f"{t * 1e9:.3g} ns"


def fmt_speedup(s):
    if s is None:
        return ""
    return f"{s:.2f}×" if s < 10 else f"{s:.1f}×" if s < 100 else f"{s:.0f}×"


def fmt_ratio(r):
    if r is None:
        return "—"
    return f"{r:.2f}×" if r < 1 else f"{r:.1f}×" if r < 10 else f"{r:.0f}×"


def load_ferronum():
    """``(module, label)`` of what the benches time as ferronum: NumPy itself in the self-test
    (``FERRONUM_BENCH_SELFTEST=1``), else ferronum; None, after saying why on stderr, when
    ferronum cannot be imported."""
    if SELFTEST:
        print("FERRONUM_BENCH_SELFTEST: ferronum is aliased to numpy; this tests the script only.\n")
        return numpy, "ferronum(=numpy, self-test)"
    try:
        import ferronum
    except Exception as e:  # noqa: BLE001
        print(f"cannot import ferronum: {type(e).__name__}: {e}\nbuild it first: make build",
              file=sys.stderr)
        return None
    return ferronum, "ferronum"


# ----------------------------------------------------------------------- contention ---
COMPETITOR_CODE = "while True: pass"


def _children_cpu():
    """CPU seconds used by this process's finished and reaped children; None where unknown."""
    try:
        import resource
    except ImportError:  # not POSIX
        return None
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _exit_on_signal(signum, frame):
    raise SystemExit(128 + signum)


class Competitor:
    """A context manager: while its block runs, a second Python process (``sys.executable -c
    "while True: pass"``) keeps one core busy.

    The process is killed and reaped however the block ends: normally, by an exception, or by
    KeyboardInterrupt. While the block runs, SIGTERM and SIGHUP (if their handlers are the
    default ones, and in the main thread) raise SystemExit, so they end it the same way. After
    the block, ``cpu`` and ``wall`` are the competitor's CPU seconds and lifetime, and
    ``stopped_early`` is its exit status if it ended before the block did (then the later
    timings ran without it; ``line()`` says so)."""

    STARTUP = 0.3  # seconds for the interpreter to start and enter its loop before timing

    def __init__(self):
        self.proc = None
        self.cpu = self.wall = None
        self.stopped_early = None
        self._saved = {}
        self._cpu0 = self._t0 = None

    def __enter__(self):
        self._cpu0 = _children_cpu()
        self._catch_signals()
        try:
            self.proc = subprocess.Popen([sys.executable, "-c", COMPETITOR_CODE],
                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)
            self._t0 = time.perf_counter()
            time.sleep(self.STARTUP)
            if self.proc.poll() is not None:
                raise RuntimeError(f"the competitor process ended at once (exit status "
                                   f"{self.proc.returncode})")
        except BaseException:
            self._stop()
            raise
        return self

    def __exit__(self, exc_type, exc, tb):
        self._stop()
        return False

    def _stop(self):
        try:
            proc = self.proc
            if proc is not None and self.wall is None:
                if proc.poll() is not None:
                    self.stopped_early = proc.returncode
                else:
                    proc.kill()
                proc.wait()
                self.wall = time.perf_counter() - self._t0
                cpu1 = _children_cpu()
                if cpu1 is not None and self._cpu0 is not None:
                    self.cpu = cpu1 - self._cpu0
        finally:
            self._restore_signals()

    def _catch_signals(self):
        if threading.current_thread() is not threading.main_thread():
            return
        for name in ("SIGTERM", "SIGHUP"):
            sig = getattr(signal, name, None)
            if sig is not None and signal.getsignal(sig) is signal.SIG_DFL:
                self._saved[sig] = signal.signal(sig, _exit_on_signal)

    def _restore_signals(self):
        while self._saved:
            sig, handler = self._saved.popitem()
            signal.signal(sig, handler)

    def line(self):
        """One sentence for the heading of a table timed inside the block."""
        text = (f"Timed beside a competitor: a second Python process ran `{COMPETITOR_CODE}` "
                "while the timings ran")
        if self.cpu is not None and self.wall:
            text += (f" ({self.cpu:.1f} s of CPU in {self.wall:.1f} s, "
                     f"{100 * self.cpu / self.wall:.0f}% of one core)")
        if self.stopped_early is not None:
            text += (f"; it STOPPED EARLY (exit status {self.stopped_early}), so the later timings "
                     "ran without it")
        return text + "."


def contention(enabled):
    """A ``Competitor`` if `enabled`, else a context that does nothing (and gives None)."""
    return Competitor() if enabled else contextlib.nullcontext()


def output_name(stem, contended, suffix=".md"):
    """``stem.md``, or ``stem_contended.md`` for a run with a competitor."""
    return stem + ("_contended" if contended else "") + suffix


# -------------------------------------------------------------------------- machine ---
def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() in ("model name", "Model", "cpu model", "Hardware") and value.strip():
                    return value.strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def machine_info(fnp, label):
    cores = os.cpu_count() or 0
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = cores
    try:
        threads = fnp.get_num_threads()
    except Exception as e:  # noqa: BLE001
        threads = f"n/a ({type(e).__name__})"
    lines = [
        f"CPU: {cpu_model()}, {cores} cores" + (f" ({usable} usable)" if usable != cores else ""),
        f"Python {platform.python_version()}, NumPy {numpy.__version__}, "
        f"{label} {getattr(fnp, '__version__', '?')} with {threads} threads",
    ]
    env = [f"{k}={os.environ[k]}" for k in ("FERRONUM_NUM_THREADS", "OMP_NUM_THREADS",
                                             "OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE",
                                             "OPENBLAS_L2_SIZE") if k in os.environ]
    if env:
        lines.append("environment: " + " ".join(env))
    return lines


@dataclass
class Bandwidth:
    one_thread: float  # bytes per second, numpy.copyto
    threads: int  # the threads of the second measurement
    all_threads: float | None = None  # bytes per second, the module's multiply; None if it failed
    error: str | None = None

    @property
    def best(self):
        return max(self.one_thread, self.all_threads or 0.0)

    def line(self, label):
        many = (f"{self.all_threads / 1e9:.1f} GB/s" if self.all_threads is not None
                else f"n/a ({self.error})")
        return (f"memory bandwidth (copy of {BW_ARRAY_BYTES // 2**20} MiB float64, read + write "
                f"counted): 1 thread (numpy.copyto) {self.one_thread / 1e9:.1f} GB/s, "
                f"{self.threads} thread{'s' * (self.threads != 1)} "
                f"({label} multiply(x, 1.0, out=)) {many}; the limit uses {self.best / 1e9:.1f} GB/s")


def copy_rate(copy, nbytes, runs):
    """Bytes per second of `copy()`, which reads and writes `nbytes` each; best of `runs`, after
    one untimed call that faults the destination's pages in."""
    copy()
    best = math.inf
    for _ in range(runs):
        t0 = time.perf_counter()
        copy()
        best = min(best, time.perf_counter() - t0)
    return 2 * nbytes / best


def measure_bandwidth(fnp, runs):
    """The machine's copy bandwidth, one thread and `fnp`'s threads. The arrays of one
    measurement are freed before the next, so at most 512 MiB are held at a time."""
    n = BW_ARRAY_BYTES // 8
    src, dst = numpy.ones(n), numpy.empty(n)
    bw = Bandwidth(copy_rate(lambda: numpy.copyto(dst, src), src.nbytes, runs),
                   threads=getattr(fnp, "get_num_threads", lambda: 1)())
    del src, dst
    try:
        src_f, dst_f = fnp.ones(n), fnp.empty(n)
        bw.all_threads = copy_rate(lambda: fnp.multiply(src_f, 1.0, out=dst_f), BW_ARRAY_BYTES, runs)
    except Exception as e:  # noqa: BLE001 - the one-thread number still gives a limit
        bw.error = f"{type(e).__name__}: {e}"
    return bw


# ---------------------------------------------------------------------------- main ---
@dataclass
class Row:
    name: str
    code: str
    has_array: bool
    pure: float | None = None
    numpy: float | None = None
    fnp: float | None = None
    fnp_error: str | None = None  # raised: not timed
    fnp_mismatch: str | None = None  # wrong result: timed, flagged
    limit: float | None = None  # seconds to move the workload's bytes at the machine's bandwidth
    notes: list = field(default_factory=list)

    @property
    def speedup(self):
        if self.numpy is None or self.fnp is None or self.fnp_error:
            return None
        return self.numpy / self.fnp

    @property
    def over_limit(self):
        if self.limit is None or self.fnp is None or self.fnp_error:
            return None
        return self.fnp / self.limit

    def fnp_cell(self, width=None):
        if self.fnp_error:
            text = f"ERROR: {self.fnp_error}"
        elif self.fnp_mismatch:
            text = f"{fmt_time(self.fnp)} ✗ MISMATCH"
        else:
            text = fmt_time(self.fnp)
        if width and len(text) > width:
            text = text[: width - 1] + "…"
        return text


def as_like(want, pure_value):
    """The pure-Python result in the form of NumPy's result, for the script's self-check."""
    if isinstance(want, numpy.ndarray):
        return numpy.asarray(pure_value).astype(want.dtype)
    return type(want)(pure_value)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer, shorter timing runs")
    ap.add_argument("--threads", type=int, default=None, help="ferronum.set_num_threads(N) first")
    ap.add_argument("--no-plot", action="store_true", help="do not write the PNG chart")
    ap.add_argument("--out", type=Path, default=None,
                    help="folder for seed_tutorial.md/.png (default: bench/, bench/out/ in self-test)")
    ap.add_argument("--contend", action="store_true",
                    help="time beside a busy competitor process; write seed_tutorial_contended.md/.png")
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
    min_time, repeat = (0.02, 3) if args.quick else (0.2, 5)

    info = machine_info(fnp, label)
    print("  measuring memory bandwidth ...", end="", flush=True, file=sys.stderr)
    bandwidth = measure_bandwidth(fnp, runs=3 if args.quick else 5)
    print(" done", file=sys.stderr)
    for line in info + [bandwidth.line(label)]:
        print(line)
    print(f"timing: best of {repeat} runs, each of >= {min_time * 1e3:.0f} ms; time per call\n")

    pure_ns = pure_namespace()
    np_ns, np_errors = array_namespace(numpy, pure_ns)
    if np_errors:
        raise RuntimeError(f"NumPy could not build the inputs: {np_errors}")
    f_ns, f_errors = array_namespace(fnp, pure_ns)

    rows, values, failed = [], {}, False
    with contention(args.contend) as competitor:
        for w in WORKLOADS:
            row = Row(w.name, w.array or w.pure, has_array=w.array is not None)
            print(f"  {w.name} ...", end="", flush=True, file=sys.stderr)
            if w.pure:
                values[w.name] = eval(w.pure, pure_ns)  # noqa: S307 - our own fixed statements
                row.pure = best_time(w.pure, pure_ns, min_time, repeat)
            if w.array:
                want = eval(w.array, np_ns)  # noqa: S307
                row.limit = min_bytes(w, np_ns, want) / bandwidth.best
                if w.oracle is not None:  # the script's own sanity: NumPy agrees with pure Python
                    why = compare(want, as_like(want, values[w.oracle]), strict_type=False)
                    if why:
                        row.notes.append(f"NumPy disagrees with pure Python: {why}")
                        failed = True
                missing = [n for n in w.inputs if n in f_errors]
                if missing:
                    e = f_errors[missing[0]]
                    row.fnp_error = f"building input {missing[0]}: {type(e).__name__}: {e}"
                else:
                    try:
                        got = eval(w.array, f_ns)  # noqa: S307
                    except Exception as e:  # noqa: BLE001
                        row.fnp_error = f"{type(e).__name__}: {e}"
                    else:
                        row.fnp_mismatch = compare(got, want, strict_type=not SELFTEST)
                timed = [calibrated(w.array, np_ns, min_time)]
                if not row.fnp_error:
                    try:
                        timed.append(calibrated(w.array, f_ns, min_time))
                        row.numpy, row.fnp = best_times(timed, repeat)
                    except Exception as e:  # noqa: BLE001
                        row.fnp, row.fnp_error = None, f"while timing: {type(e).__name__}: {e}"
                if row.numpy is None:
                    row.numpy = best_times(timed[:1], repeat)[0]
                failed = failed or bool(row.fnp_error or row.fnp_mismatch)
            print(" done", file=sys.stderr)
            rows.append(row)

    heading = [competitor.line()] if competitor else []
    print()
    for line in heading:
        print(line)
    print_table(rows, label)
    problems = [(r.name, p) for r in rows
                for p in ([r.fnp_error] if r.fnp_error else [])
                + ([f"mismatch: {r.fnp_mismatch}"] if r.fnp_mismatch else []) + r.notes]
    if problems:
        print("\nproblems:")
        for name, p in problems:
            print(f"  {name}: {p}")

    out_dir.mkdir(parents=True, exist_ok=True)
    md_path = out_dir / output_name("seed_tutorial", args.contend)
    bw_line = bandwidth.line(label) + (" (measured before the competitor started)" if competitor else "")
    md_path.write_text(markdown(rows, info + [bw_line], label, args.quick, heading))
    print(f"\nwrote {md_path}")
    if not args.no_plot:
        png_path = out_dir / output_name("seed_tutorial", args.contend, ".png")
        if plot(rows, info, label, png_path, contended=bool(competitor)):
            print(f"wrote {png_path}")

    if failed:
        print("\nFAILED: ferronum's results differ from NumPy's or raised (see above)", file=sys.stderr)
        return 1
    return 0


HEADERS = ("workload", "pure Python", "NumPy", "ferronum", "memory limit", "ferronum / limit",
           "speed-up")


def table_cells(row, width=None):
    fnp_cell = row.fnp_cell(width) if row.has_array else "—"
    return (row.name, fmt_time(row.pure), fmt_time(row.numpy), fnp_cell, fmt_time(row.limit),
            fmt_ratio(row.over_limit), fmt_speedup(row.speedup))


def print_table(rows, label):
    headers = HEADERS[:3] + (label,) + HEADERS[4:]
    cells = [table_cells(r, width=60) for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]

    def line(values):
        return " | ".join(v.ljust(w) if i == 0 else v.rjust(w)
                          for i, (v, w) in enumerate(zip(values, widths)))

    print(line(headers))
    print("-+-".join("-" * w for w in widths))
    for c in cells:
        print(line(c))
    print("speed-up = NumPy time / ferronum time (higher is better); memory limit = the least "
          "bytes the workload moves / the machine's bandwidth (above)")


def markdown(rows, info, label, quick, heading=()):
    out = [f"**{line}**" for line in heading] + ([""] if heading else [])
    out += ["| " + " | ".join(HEADERS) + " |",
           "|---" + "|--:" * (len(HEADERS) - 1) + "|"]
    for r in rows:
        cells = [c.replace("|", "\\|") for c in table_cells(r)]
        cells[0] = f"`{cells[0]}`"
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    out.append("Time per call, best of several `timeit` runs"
               + (" (`--quick`)" if quick else "") + "; speed-up = NumPy time / ferronum time. "
               "Every ferronum result is checked against NumPy's (dtype, shape, values).")
    out.append("")
    out.append("Memory limit = the fewest bytes the workload must move / the machine's memory "
               f"bandwidth, the faster of the two copies below (a {BW_ARRAY_BYTES // 2**20} MiB "
               "float64 copy, read + write counted). Bytes moved: each input read once (an "
               "array's buffer; for `asarray`, the nested lists' item pointers plus the int "
               "objects, `sys.getsizeof` each) and the result array written once, no "
               "temporaries. ferronum / limit = "
               "ferronum's time / the limit (1× would be at the limit). The small workloads' "
               "data sits in cache and their limits are far below the cost of a call, so their "
               "ratios measure call overhead, not memory; inputs that fit in the last-level "
               "cache can even beat the limit (below 1×).")
    out.append("")
    out.extend(f"- {line}" for line in info)
    if label != "ferronum":
        out.append(f"- **{label}**: not a measurement of ferronum")
    out.append("")
    out.append("Workloads (`np` is numpy or ferronum; lists for pure Python):")
    out.append("")
    for r in rows:
        out.append(f"- `{r.name}`: `{r.code}`")
    return "\n".join(out) + "\n"


def plot(rows, info, label, path, contended=False):
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except Exception as e:  # noqa: BLE001
        print(f"no chart: matplotlib unavailable ({type(e).__name__}: {e})", file=sys.stderr)
        return False
    shown = [r for r in rows if r.numpy is not None]
    if not shown:
        return False
    x = numpy.arange(len(shown))
    w = 0.38
    fig, ax = plt.subplots(figsize=(11, 5.5), dpi=120)
    np_t = [r.numpy * 1e6 for r in shown]
    f_t = [r.fnp * 1e6 if r.fnp is not None and not r.fnp_error else math.nan for r in shown]
    ax.bar(x - w / 2, np_t, w, label="NumPy", color="#4c72b0")
    bars = ax.bar(x + w / 2, f_t, w, label=label, color="#dd8452")
    ax.set_yscale("log")
    ax.set_ylabel("time per call (µs, log scale; lower is better)")
    ax.set_xticks(x, [r.name for r in shown], rotation=20, ha="right")
    finite = [t for t in np_t + f_t if not math.isnan(t)]
    ax.set_ylim(min(finite) / 2, max(finite) * 4)
    for bar, r in zip(bars, shown):
        if r.fnp_error:
            text, y = "error", min(finite)
        elif r.speedup is None:
            continue
        else:
            text = fmt_speedup(r.speedup) + (" ✗" if r.fnp_mismatch else "")
            y = bar.get_height()
        ax.annotate(text, (bar.get_x() + bar.get_width() / 2, y), xytext=(0, 3),
                    textcoords="offset points", ha="center", va="bottom", fontsize=9,
                    fontweight="bold", color="#c44e52" if r.fnp_error or r.fnp_mismatch else "black")
    ax.set_title("Seed tutorial workloads: NumPy vs ferronum (labels: NumPy time / ferronum time)"
                 + ("\nbeside a competitor process busy-looping on one core" if contended else ""),
                 fontsize=11)
    fig.text(0.01, 0.01, " · ".join(info), fontsize=7.5, color="#555555")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    ax.grid(axis="y", which="both", alpha=0.25)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(path)
    plt.close(fig)
    return True


if __name__ == "__main__":
    sys.exit(main())
