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

import sys

import numpy

from _cases import Case, options, output, run_cases, start, timing, timing_note, write_table


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


def check(got, want, fnp, inputs):
    if not isinstance(got, fnp.ndarray):
        return f"returned a {type(got).__module__}.{type(got).__name__}, not a ferronum array"
    if got.dtype != want.dtype or tuple(got.shape) != want.shape:
        return f"{got.dtype}{tuple(got.shape)} != NumPy's {want.dtype}{want.shape}"
    scale = max(1.0, float(numpy.max(numpy.abs(want))))
    err = float(numpy.max(numpy.abs(numpy.asarray(got) - want))) / scale
    return None if err <= 1e-9 else f"values differ by {err:.2e} of the largest"


def main(argv=None):
    args = options(__doc__, "fft.md").parse_args(argv)
    started = start(args)
    if started is None:
        return 2
    fnp, info = started
    cases = [Case(name, stmt, build, check=check) for name, stmt, build in CASES]
    rows, problems = run_cases(cases, fnp, *timing(args.quick))
    return write_table(rows, problems, info, output(args, "fft.md"), timing_note(args.quick))


if __name__ == "__main__":
    sys.exit(main())
