#!/usr/bin/env python3
"""numpy.fft side by side: NumPy (pocketfft) and ferronum (rustfft/realfft), in one process.

Cases: ``fft``/``rfft``/``ifft``/``irfft`` of 2^20 float64 points; the same along the last
axis of a (256, 4096) batch and along the first axis of a (4096, 256) one; ``fft`` of the
prime length 1,000,003; ``fft2``/``rfft2``/``ifft2`` of 2048x2048; and the per-call path on
1,000 elements. Inputs are float64 (complex128 for the inverse transforms), random with a
fixed seed; each ferronum input is ``ferronum.asarray(numpy_input)`` (zero-copy).

Before timing, every ferronum result must have NumPy's type (a ferronum array), dtype and
shape, and values within 1e-9 of NumPy's (relative to the largest magnitude); a mismatch or
exception is shown and makes the script exit 1 after the table (2: ferronum cannot be
imported).

Timing as in ``ufuncs.py``: calls per run chosen autorange-style, best of several runs (NumPy
and ferronum interleaved), time per call; the speed-up is NumPy time / ferronum time.

Options: ``--quick`` (fewer, shorter runs), ``--threads N`` (``ferronum.set_num_threads(N)``),
``--out DIR`` (where ``fft.md`` goes; default ``bench/``).
``FERRONUM_BENCH_SELFTEST=1`` aliases ferronum to NumPy to test this script itself.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

import numpy

from seed_tutorial import best_times, calibrated, fmt_speedup, fmt_time, load_ferronum, machine_info

HERE = Path(__file__).resolve().parent
SELFTEST = os.environ.get("FERRONUM_BENCH_SELFTEST", "").strip() not in ("", "0")


def real(*shape):
    return lambda rng: {"a": rng.standard_normal(shape)}


def cplx(*shape):
    return lambda rng: {"a": rng.standard_normal(shape) + 1j * rng.standard_normal(shape)}


M = 2 ** 20
CASES = [
    ("fft 2^20", "np.fft.fft(a)", real(M)),
    ("rfft 2^20", "np.fft.rfft(a)", real(M)),
    ("ifft 2^20 complex", "np.fft.ifft(a)", cplx(M)),
    ("irfft 2^20", "np.fft.irfft(a)", cplx(M // 2 + 1)),
    ("fft (256, 4096) axis -1", "np.fft.fft(a)", real(256, 4096)),
    ("rfft (256, 4096) axis -1", "np.fft.rfft(a)", real(256, 4096)),
    ("fft (4096, 256) axis 0", "np.fft.fft(a, axis=0)", real(4096, 256)),
    ("fft prime 1,000,003", "np.fft.fft(a)", real(1_000_003)),
    ("fft2 2048x2048", "np.fft.fft2(a)", real(2048, 2048)),
    ("fft2 2048x2048 complex", "np.fft.fft2(a)", cplx(2048, 2048)),
    ("rfft2 2048x2048", "np.fft.rfft2(a)", real(2048, 2048)),
    ("fft 1,000", "np.fft.fft(a)", real(1000)),
    ("rfft 1,000", "np.fft.rfft(a)", real(1000)),
    ("ifft 1,000 complex", "np.fft.ifft(a)", cplx(1000)),
    ("irfft 1,000", "np.fft.irfft(a)", cplx(501)),
    ("fft 1,024 ortho", "np.fft.fft(a, norm='ortho')", real(1024)),
    ("fftfreq 1,000", "np.fft.fftfreq(1000, 0.1)", lambda rng: {}),
]


def check(got, want, fnp):
    if not isinstance(got, fnp.ndarray):
        return f"returned a {type(got).__module__}.{type(got).__name__}, not a ferronum array"
    if got.dtype != want.dtype or tuple(got.shape) != want.shape:
        return f"{got.dtype}{tuple(got.shape)} != NumPy's {want.dtype}{want.shape}"
    scale = max(1.0, float(numpy.max(numpy.abs(want))))
    err = float(numpy.max(numpy.abs(numpy.asarray(got) - want))) / scale
    return None if err <= 1e-9 else f"values differ by {err:.2e} of the largest"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer, shorter timing runs")
    ap.add_argument("--threads", type=int, default=None, help="ferronum.set_num_threads(N) first")
    ap.add_argument("--out", type=Path, default=None, help="folder for fft.md (default: bench/)")
    args = ap.parse_args(argv)
    loaded = load_ferronum()
    if loaded is None:
        return 2
    fnp, label = loaded
    if args.threads is not None and not SELFTEST:
        fnp.set_num_threads(args.threads)
    min_time, repeat = (0.02, 3) if args.quick else (0.1, 5)
    info = machine_info(fnp, label)
    for line in info:
        print(line)
    rng = numpy.random.default_rng(12345)
    rows, problems = [], []
    for name, stmt, build in CASES:
        inputs = build(rng)
        ns_np = dict(np=numpy, **inputs)
        ns_f = dict(np=fnp, **{k: fnp.asarray(v) for k, v in inputs.items()})
        print(f"  {name} ...", end="", flush=True, file=sys.stderr)
        want = eval(stmt, ns_np)  # noqa: S307 - our own statements
        timed = [calibrated(stmt, ns_np, min_time)]
        problem = None
        try:
            problem = check(eval(stmt, ns_f), want, fnp)  # noqa: S307
            timed.append(calibrated(stmt, ns_f, min_time))
        except Exception as e:  # noqa: BLE001
            problem = f"{type(e).__name__}: {e}"
        t_np, *rest = best_times(timed, repeat)
        t_f = rest[0] if rest else None
        print(" done", file=sys.stderr)
        speed = None if problem or not t_f else t_np / t_f
        rows.append((name, fmt_time(t_np), fmt_time(t_f) if t_f else "ERROR", fmt_speedup(speed) or "—"))
        if problem:
            problems.append(f"{name}: {problem}")
    headers = ("workload", "NumPy", "ferronum", "speed-up")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)] if rows else [0] * 4
    print()
    print(" | ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("-+-".join("-" * w for w in widths))
    for r in rows:
        print(" | ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(r, widths))))
    speeds = [float(r[3].rstrip("×")) for r in rows if r[3] != "—"]
    geo = math.exp(sum(map(math.log, speeds)) / len(speeds)) if speeds else None
    if geo:
        print(f"geometric mean speed-up: {geo:.2f}x over {len(speeds)} rows")
    print("speed-up = NumPy time / ferronum time (higher is better)")
    out_dir = args.out or (HERE / "out" if SELFTEST else HERE)
    out_dir.mkdir(parents=True, exist_ok=True)
    md = ["| workload | NumPy | ferronum | speed-up |", "|---|--:|--:|--:|"]
    md += [f"| `{r[0]}` | " + " | ".join(r[1:]) + " |" for r in rows]
    if geo:
        md += ["", f"Geometric mean speed-up: **{geo:.2f}×** over {len(speeds)} rows."]
    md += ["", "Time per call, best of several `timeit` runs" + (" (`--quick`)" if args.quick else "")
           + "; results checked equal to NumPy's first.", ""] + [f"- {line}" for line in info]
    (out_dir / "fft.md").write_text("\n".join(md) + "\n")
    if problems:
        print("\nproblems:\n  " + "\n  ".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
