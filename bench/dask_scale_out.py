#!/usr/bin/env python3
"""The seed tutorial's distances on a Dask cluster: NumPy chunks against ferronum chunks.

"Numpy in Python for High Performance Computing" (shared/seed/numpy-hpc-tutorial.txt) computes
the Euclidean distances of many pairs of vectors three ways: ``simple_numpy_dists``
(``sum((ps - qs) ** 2, axis=1) ** 0.5``), ``numpy_norm_dists`` (``linalg.norm(ps - qs,
axis=1)``) and ``einsum_dists`` (``einsum("ij,ij->i", d, d) ** 0.5``). Here ``ps`` and ``qs`` are
Dask arrays chunked by rows, held in the memory of a ``dask.distributed`` cluster, once with
NumPy chunks and once with ferronum chunks: the same values (drawn by ``da.random`` with the
same seed; ferronum's generator draws NumPy's stream bit for bit), the same chunking, the same
cluster. Also ``sum`` and ``mean`` of a 10M-element array.

For each workload the script prints the wall time of ``client.compute(expr).result()`` with
NumPy chunks and with ferronum chunks (best of several runs) and their ratio, and separates the
two parts of that time:

- per chunk: the time the workers spent computing the workload's tasks (Dask's task stream),
  divided by the number of input chunks. Each worker has one thread, so one ferronum thread:
  Dask's nanny sets ``OMP_NUM_THREADS=1`` for its workers and ferronum reads it at start-up;
- scheduler overhead: the wall time less that compute time spread over the workers
  (``wall - compute / workers``): task scheduling, moving results between processes, waiting,
  which the chunk type does not change much.

Results of the two chunk types are compared (``assert_allclose(rtol=1e-12)``) before timing.

Options: ``--quick`` (arrays of (40,000, 1,000) instead of (200,000, 1,000), fewer runs),
``--rows``, ``--cols``, ``--chunk-rows``,
``--workers`` (worker processes of the local cluster, one thread each), ``--repeat``,
``--scheduler ADDRESS`` (use a running cluster, e.g. ``tcp://host:8786``, instead of starting a
local one: each worker needs ferronum installed), ``--out FILE`` (the Markdown table; default
``bench/dask.md``; ``-`` for none).

Exits 0 with a message when ``dask[distributed]`` is not installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import argparse
import datetime
import math
import os
import platform
import subprocess
import time

import numpy

HERE = Path(__file__).resolve().parent


def fmt_time(t):
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if t >= scale:
            return f"{t / scale:.3g} {unit}"
    return f"{t / 1e-9:.3g} ns"


# The tutorial's many-pairs functions, written once for any array module ``np`` (numpy,
# ferronum, or dask.array).
def simple_numpy_dists(np, ps, qs):
    return np.sum((ps - qs) ** 2, axis=1) ** 0.5


def numpy_norm_dists(np, ps, qs):
    return np.linalg.norm(ps - qs, axis=1)


def einsum_dists(np, ps, qs):
    difference = ps - qs
    return np.einsum("ij,ij->i", difference, difference) ** 0.5


DISTANCES = {
    "simple_numpy_dists": simple_numpy_dists,
    "numpy_norm_dists": numpy_norm_dists,
    "einsum_dists": einsum_dists,
}


def timed_run(client, x, get_task_stream):
    """Wall time of ``client.compute(x).result()`` and the seconds the workers spent computing
    its tasks (Dask's task stream: the "compute" spans, not the transfers or the waiting)."""
    with get_task_stream(client) as ts:
        t0 = time.perf_counter()
        client.compute(x).result()
        wall = time.perf_counter() - t0
    busy = sum(ss["stop"] - ss["start"] for task in ts.data for ss in task.get("startstops", ())
               if ss.get("action") == "compute")
    return wall, busy


def best_of_pair(client, xa, xb, repeat, get_task_stream):
    """The fastest run of ``xa`` and of ``xb``, (wall, busy) each, their runs interleaved so
    that a slow spell of the shared machine does not fall on one of them only."""
    runs_a, runs_b = [], []
    for _ in range(repeat):
        runs_a.append(timed_run(client, xa, get_task_stream))
        runs_b.append(timed_run(client, xb, get_task_stream))
    return min(runs_a), min(runs_b)


def git_commit():
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=HERE, check=True).stdout.strip()
    except Exception:
        return "unknown"


def cpu_name():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--rows", type=int, default=None)
    ap.add_argument("--cols", type=int, default=1000)
    ap.add_argument("--chunk-rows", type=int, default=None)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=None)
    ap.add_argument("--scheduler", default=None, help="address of a running Dask scheduler")
    ap.add_argument("--threads", type=int, default=None, help="accepted for make bench; workers use one")
    ap.add_argument("--out", default=str(HERE / "dask.md"))
    args = ap.parse_args(argv)

    try:
        import dask
        import dask.array as da
        from distributed import Client, LocalCluster, get_task_stream, wait
    except ImportError as e:
        print(f"dask_scale_out.py: skipped, dask[distributed] is not installed ({e})")
        return 0
    import ferronum as fnp

    # The size, (200,000, 1,000): 1.6 GB per array, 6.4 GB for both pairs in the
    # workers' memory; --quick is a fifth of it.
    rows = args.rows or (40_000 if args.quick else 200_000)
    chunk_rows = args.chunk_rows or (5_000 if args.quick else 10_000)
    cols = args.cols
    repeat = args.repeat or (3 if args.quick else 5)
    n_sum = 10_000_000
    chunk_sum = 1_000_000

    load = os.getloadavg()
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        info = client.scheduler_info()["workers"]
        n_workers = len(info)
        worker_threads = sum(w["nthreads"] for w in info.values())
        pools = sorted(set(client.run(fnp.get_num_threads).values()))

        def make(backend, shape, chunks, seed):
            with dask.config.set({"array.backend": backend}):
                return da.random.default_rng(seed).random(shape, chunks=chunks)

        data = {}
        for backend in ("numpy", "ferronum"):
            ps = make(backend, (rows, cols), (chunk_rows, cols), 1)
            qs = make(backend, (rows, cols), (chunk_rows, cols), 2)
            v = make(backend, (n_sum,), (chunk_sum,), 3)
            ps, qs, v = client.persist([ps, qs, v])
            wait([ps, qs, v])
            data[backend] = (ps, qs, v)
        assert isinstance(data["ferronum"][0]._meta, fnp.ndarray)

        workloads = {name: (lambda f: lambda ps, qs, v: f(da, ps, qs))(f) for name, f in DISTANCES.items()}
        workloads[f"sum {n_sum // 1_000_000}M"] = lambda ps, qs, v: v.sum()
        workloads[f"mean {n_sum // 1_000_000}M"] = lambda ps, qs, v: v.mean()

        n_chunks = {name: rows // chunk_rows for name in DISTANCES}
        n_chunks.update({name: n_sum // chunk_sum for name in workloads if name not in DISTANCES})

        rows_out = []
        failures = 0
        for name, expr in workloads.items():
            xn = expr(*data["numpy"])
            xf = expr(*data["ferronum"])
            rn = client.compute(xn).result()
            rf = client.compute(xf).result()
            try:
                assert numpy.ndim(rn) == 0 or isinstance(rf, fnp.ndarray), type(rf)
                assert numpy.asarray(rf).dtype == numpy.asarray(rn).dtype
                numpy.testing.assert_allclose(numpy.asarray(rf), rn, rtol=1e-12)
            except AssertionError as e:
                failures += 1
                print(f"MISMATCH {name}: {e}")
            (tn, bn), (tf, bf) = best_of_pair(client, xn, xf, repeat, get_task_stream)
            # Per chunk: the workers' compute time over all the tasks, per input chunk.
            # Overhead: the wall time less that compute spread over the workers.
            k = n_chunks[name]
            cn, cf = bn / k, bf / k
            on, of = tn - bn / n_workers, tf - bf / n_workers
            rows_out.append((name, tn, tf, tn / tf, cn, cf, cn / cf, on, of))
            print(f"{name:20s} dask+NumPy {fmt_time(tn):>9s}  dask+ferronum {fmt_time(tf):>9s}  "
                  f"ratio {tn / tf:5.2f}x   per chunk {fmt_time(cn):>9s} / {fmt_time(cf):>9s} "
                  f"({cn / cf:4.2f}x)  overhead {fmt_time(max(on, 0)):>9s} / {fmt_time(max(of, 0)):>9s}",
                  flush=True)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    geo = math.exp(sum(math.log(r[3]) for r in rows_out[:3]) / 3)
    print(f"geometric mean of the three distance workloads, dask+NumPy / dask+ferronum: {geo:.2f}x")

    header = [
        "| workload | Dask + NumPy chunks | Dask + ferronum chunks | speed-up | per chunk, NumPy | "
        "per chunk, ferronum | per-chunk speed-up | overhead, NumPy | overhead, ferronum |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    lines = [
        f"| `{r[0]}` | {fmt_time(r[1])} | {fmt_time(r[2])} | {r[3]:.2f}× | {fmt_time(r[4])} | "
        f"{fmt_time(r[5])} | {r[6]:.2f}× | {fmt_time(max(r[7], 0))} | {fmt_time(max(r[8], 0))} |"
        for r in rows_out
    ]
    where = args.scheduler or f"a `LocalCluster` of {n_workers} worker processes, 1 thread each"
    md = "\n".join([
        "# The seed tutorial's distances on Dask: NumPy chunks vs ferronum chunks",
        "",
        f"Measured {datetime.date.today().isoformat()} at commit {git_commit()} (`bench/dask_scale_out.py"
        f"{' --quick' if args.quick else ''}`) on {where}; {worker_threads} worker threads, ferronum's pool "
        f"in each worker: {', '.join(map(str, pools))} thread(s).",
        "",
        f"`ps`, `qs`: ({rows:,}, {cols:,}) float64 each, chunks of ({chunk_rows:,}, {cols:,}) "
        f"({rows // chunk_rows} chunks, {chunk_rows * cols * 8 / 2**20:.0f} MiB each), held in the workers' memory; "
        f"`sum`/`mean`: {n_sum:,} float64 in chunks of {chunk_sum:,}. "
        + ("The size the issue asks for." if (rows, cols) == (200_000, 1000)
           else "The issue asks for (200,000, 1,000) (the default without `--quick`)."),
        "",
        *header,
        *lines,
        "",
        f"Geometric mean speed-up of the three distance workloads: **{geo:.2f}×**.",
        "",
        f"Time = `client.compute(expr).result()`, best of {repeat} (NumPy and ferronum runs interleaved). "
        "Per chunk = the workers' compute time in that run (Dask's task stream) / input chunks. "
        "Overhead = time − compute time / workers: scheduling, moving results between processes, "
        "waiting, which the chunk type barely changes.",
        "",
        f"- CPU: {cpu_name()}, {os.cpu_count()} cores; load average at the start {load[0]:.1f} "
        "(other processes share this machine)",
        f"- Python {platform.python_version()}, NumPy {numpy.__version__}, ferronum {fnp.__version__}, "
        f"dask {dask.__version__}",
        "",
    ])
    if args.out != "-":
        Path(args.out).write_text(md)
        print(f"wrote {args.out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
