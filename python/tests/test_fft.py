"""ferronum.fft against NumPy: values (within NumPy's own error against an exact DFT), dtypes,
shapes, strides, `out=`, norms, zero-padding and cropping, errors and their messages."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp
from conftest import ALL_DTYPES, DTYPE_IDS, apply_recipe, run, same_outcome, snapshot, assert_unchanged
from conftest import view_recipes

ONE_AXIS = ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft"]
N_AXES = ["fftn", "ifftn", "fft2", "ifft2", "rfftn", "irfftn", "rfft2", "irfft2"]
NORMS = [None, "backward", "ortho", "forward"]
PRIMES = [67, 97, 101, 127, 251, 509, 1009, 2003, 4093]
LENGTHS = list(range(1, 65)) + [96, 100, 128, 210, 243, 256, 360, 625, 1000, 1024, 2048, 2310, 4096] + PRIMES


def _single(dt):
    return np.dtype(dt) in (np.float16, np.float32, np.complex64)


def _tol(a):
    return 2e-5 if np.asarray(a).dtype in (np.complex64, np.float32, np.float16) else 1e-12


def assert_close(f, n, tol=None):
    """Same type, dtype, shape and (for non-empty results) strides; values within `tol` of
    the largest magnitude (transforms spread rounding over every output)."""
    assert isinstance(f, fnp.ndarray), type(f)
    fa = np.asarray(f)
    assert fa.dtype == n.dtype, (fa.dtype, n.dtype)
    assert fa.shape == n.shape, (fa.shape, n.shape)
    if n.size:
        assert fa.strides == n.strides, (fa.strides, n.strides)
    tol = _tol(n) if tol is None else tol
    scale = max(1.0, float(np.max(np.abs(n.astype(np.complex128))))) if n.size else 1.0
    np.testing.assert_allclose(fa.astype(np.complex128), n.astype(np.complex128), rtol=0, atol=tol * scale)


def outcome(fcall, ncall):
    """Runs both calls: the same exception class and message, or both results (to compare
    within a tolerance: transforms round differently from pocketfft)."""
    rn, en = run(ncall)
    rf, ef = run(fcall)
    if en is not None:
        assert ef is not None, f"NumPy raised {type(en).__name__}: {en}; ferronum returned {rf!r}"
        assert isinstance(ef, type(en)) or (issubclass(type(en), TypeError) and type(ef) is TypeError), (ef, en)
        assert str(ef) == str(en), (str(ef), str(en))
        return None, None
    assert ef is None, f"ferronum raised {type(ef).__name__}: {ef}; NumPy returned {rn!r}"
    return rf, rn


def both(name, module="fft"):
    return getattr(getattr(fnp, module), name), getattr(getattr(np, module), name)


def sample(shape, dtype, seed=0):
    rng = np.random.default_rng(seed)
    dt = np.dtype(dtype)
    if dt.kind == "b":
        return rng.integers(0, 2, shape).astype(bool)
    if dt.kind in "iu":
        return rng.integers(0, 50, shape).astype(dt)
    if dt.kind == "c":
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dt)
    return rng.standard_normal(shape).astype(dt)


# ------------------------------------------------------------------------- accuracy ---
def exact_dft(x, inverse=False):
    """The DFT of `x` in long double: exponents reduced exactly (k * j mod n) first."""
    x = np.asarray(x).astype(np.clongdouble)
    n = x.size
    j = np.arange(n)
    out = np.empty(n, np.clongdouble)
    sign = 1 if inverse else -1
    ang = np.longdouble(2) * np.arccos(np.longdouble(-1)) / np.longdouble(n) * np.arange(n).astype(np.longdouble)
    roots = np.cos(ang).astype(np.clongdouble) + sign * 1j * np.sin(ang).astype(np.clongdouble)
    for k0 in range(0, n, 512):
        ks = np.arange(k0, min(n, k0 + 512))
        out[k0:k0 + len(ks)] = roots[(ks[:, None] * j[None, :]) % n] @ x
    return out


def rel_err(y, ref):
    y = np.asarray(y).astype(np.clongdouble)
    return float(np.linalg.norm((y - ref).astype(np.complex128)) / max(np.linalg.norm(ref.astype(np.complex128)), 1e-300))


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("n", LENGTHS)
def test_fft_accuracy_against_exact_dft(n, dtype):
    x = sample(n, dtype, seed=n)
    ref = exact_dft(x)
    eps = np.finfo(np.dtype(dtype).char.lower() if False else (np.float32 if dtype == np.complex64 else np.float64)).eps
    e_f = rel_err(fnp.fft.fft(x), ref)
    e_n = rel_err(np.fft.fft(x), ref)
    assert e_f <= max(3 * e_n, 8 * eps), (n, e_f, e_n)
    # the inverse, too
    refi = exact_dft(x, inverse=True) / n
    e_f = rel_err(fnp.fft.ifft(x), refi)
    e_n = rel_err(np.fft.ifft(x), refi)
    assert e_f <= max(3 * e_n, 8 * eps), (n, e_f, e_n)


@pytest.mark.parametrize("n", LENGTHS)
def test_rfft_irfft_accuracy_against_exact_dft(n):
    x = sample(n, np.float64, seed=n)
    ref = exact_dft(x)[: n // 2 + 1]
    eps = np.finfo(np.float64).eps
    e_f = rel_err(fnp.fft.rfft(x), ref)
    e_n = rel_err(np.fft.rfft(x), ref)
    assert e_f <= max(3 * e_n, 8 * eps), (n, e_f, e_n)
    # irfft of a spectrum back to the signal
    spec = np.fft.rfft(x)
    back_f = np.asarray(fnp.fft.irfft(spec, n))
    back_n = np.fft.irfft(spec, n)
    e_f = np.linalg.norm(back_f - x) / np.linalg.norm(x)
    e_n = np.linalg.norm(back_n - x) / np.linalg.norm(x)
    assert e_f <= max(3 * e_n, 8 * eps), (n, e_f, e_n)


def exact_answer(name, x, n):
    """The exact transform (along axis 0) of an impulse at 0 or a constant, as a complex
    long-double DFT would round it."""
    x = np.asarray(x, dtype=np.float64)
    if name in ("irfft", "hfft"):
        scale = 1.0 / n if name == "irfft" else 1.0
        return np.broadcast_to(x[:1] * scale, (n,) + x.shape[1:]).copy()
    m = x.shape[0] if name in ("fft", "ifft") else x.shape[0] // 2 + 1
    if np.all(x[1:] == 0):
        spec = np.broadcast_to(x[:1], (m,) + x.shape[1:]).astype(complex)
    else:
        spec = np.zeros((m,) + x.shape[1:], complex)
        spec[0] = x[0] * x.shape[0]
    if name in ("ifft", "ihfft"):
        spec = spec / x.shape[0]
    return spec


@pytest.mark.parametrize("n", [1, 2, 3, 5, 6, 7, 8, 9, 12, 15, 17, 64, 97, 100, 1000, 1024, 4093])
@pytest.mark.parametrize("name", ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft"])
def test_exact_cases_identical(name, n):
    """Impulses at 0 and constants transform exactly, in both libraries (for the inverse
    real transforms, whose input is a half spectrum: the spectrum of a constant)."""
    f, g = both(name)
    cases = [np.eye(1, n, 0)[0], 3 * np.eye(1, n, 0)[0], np.ones(n), np.full(n, 3.0), np.zeros(n),
             np.full((2, n), 2.0).T]
    if name in ("irfft", "hfft"):
        cases = [np.eye(1, n // 2 + 1, 0)[0] * n, np.zeros(n // 2 + 1)]
    m = n if name in ("irfft", "hfft") else None
    for x in cases:
        rf, rn = np.asarray(f(x, m, axis=0)), g(x, m, axis=0)
        assert rf.dtype == rn.dtype and rf.shape == rn.shape
        np.testing.assert_array_equal(rf, exact_answer(name, x, n))
        if n in (1, 2, 4, 8, 64, 1024):
            np.testing.assert_array_equal(rf, rn)  # where pocketfft is exact too


# ------------------------------------------------------------------- one-axis transforms ---
@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("name", ONE_AXIS)
def test_dtypes(name, dtype):
    f, g = both(name)
    x = sample((3, 8), dtype)
    rf, rn = outcome(lambda: f(x), lambda: g(x))
    if rn is not None:
        assert_close(rf, rn)


@pytest.mark.parametrize("norm", NORMS)
@pytest.mark.parametrize("n", [None, 1, 2, 5, 7, 8, 16, 33])
@pytest.mark.parametrize("name", ONE_AXIS)
def test_n_and_norm(name, n, norm):
    f, g = both(name)
    for dtype in (np.float64, np.complex128, np.float32, np.complex64, np.float16, np.int32):
        x = sample((4, 9), dtype, seed=3)
        rf, rn = outcome(lambda: f(x, n=n, norm=norm), lambda: g(x, n=n, norm=norm))
        if rn is not None:
            assert_close(rf, rn)


@pytest.mark.parametrize("axis", [0, 1, 2, -1, -2, -3])
@pytest.mark.parametrize("name", ONE_AXIS)
def test_axes_and_layouts(name, axis):
    f, g = both(name)
    base = sample((5, 6, 7), np.complex128 if name not in ("rfft", "ihfft") else np.float64, seed=1)
    views = [base, base.transpose(2, 0, 1), base[::-1, ::2], base[:, ::-1, 1:].transpose(1, 2, 0),
             np.asfortranarray(base), base[..., ::-3]]
    for v in views:
        for n in (None, 4, 12):
            rf, rn = outcome(lambda: f(v, n=n, axis=axis), lambda: g(v, n=n, axis=axis))
            if rn is not None:
                assert_close(rf, rn)
            rf, rn = outcome(lambda: f(fnp.asarray(v), n=n, axis=axis), lambda: g(v, n=n, axis=axis))


@given(st.data())
def test_hypothesis_views(data):
    name = data.draw(st.sampled_from(ONE_AXIS))
    dt = data.draw(st.sampled_from([np.float64, np.complex128, np.float32, np.complex64, np.int16, np.bool_]))
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=9))
    x = sample(shape, dt, seed=data.draw(st.integers(0, 100)))
    recipe = data.draw(view_recipes(shape))
    v = apply_recipe(x, recipe)
    fv = apply_recipe(fnp.asarray(x), recipe)
    axis = data.draw(st.integers(-v.ndim, v.ndim - 1)) if v.ndim else -1
    n = data.draw(st.one_of(st.none(), st.integers(1, 20)))
    norm = data.draw(st.sampled_from(NORMS))
    f, g = both(name)
    rf, rn = outcome(lambda: f(fv, n=n, axis=axis, norm=norm), lambda: g(v, n=n, axis=axis, norm=norm))
    if rn is not None:
        assert_close(rf, rn)
    assert_unchanged(fv, snapshot(v))


def test_empty_batches_and_zero_length_axes():
    for name in ONE_AXIS:
        f, g = both(name)
        for shape, n in [((0, 4), None), ((0, 4), 6), ((3, 0), 4), ((2, 0, 3), None)]:
            if name in ("irfft", "hfft") and shape[-1] == 0:
                continue  # NumPy reads uninitialised memory there
            x = np.zeros(shape, complex if name not in ("rfft", "ihfft") else float)
            rf, rn = outcome(lambda: f(x, n=n), lambda: g(x, n=n))
            if rn is not None:
                assert np.asarray(rf).shape == rn.shape and np.asarray(rf).dtype == rn.dtype
                if rn.size:
                    np.testing.assert_array_equal(np.asarray(rf), rn)


def test_irfft_ignores_imaginary_parts_of_dc_and_nyquist():
    x = np.array([1 + 5j, 2 - 1j, 3 + 2j, 4 + 7j, 5 - 3j])
    for n in (8, 9, 4):
        assert_close(fnp.fft.irfft(x, n), np.fft.irfft(x, n))
        assert_close(fnp.fft.hfft(x, n), np.fft.hfft(x, n))


# ------------------------------------------------------------------------------ out ---
@pytest.mark.parametrize("name", ["fft", "ifft", "rfft", "irfft", "ihfft"])
def test_out(name):
    f, g = both(name)
    x = sample((3, 8), np.float64 if name in ("rfft", "ihfft") else np.complex128)
    m = {"rfft": 5, "ihfft": 5, "irfft": 14}.get(name, 8)
    for dt in (np.complex128, np.complex64, np.float64, np.float32, np.int64):
        o_f, o_n = fnp.zeros((3, m), dt), np.zeros((3, m), dt)
        rf, rn = outcome(lambda: f(x, out=o_f), lambda: g(x, out=o_n))
        if rn is not None:
            assert rf is o_f
            assert_close(o_f, o_n)
    # a wrong shape, a read-only output, a non-array
    for shape in [(3, m + 1), (2, 3, m), (m,)]:
        outcome(lambda: f(x, out=fnp.zeros(shape, complex)), lambda: g(x, out=np.zeros(shape, complex)))
    ro_f, ro_n = fnp.zeros((3, m), complex), np.zeros((3, m), complex)
    ro_f.flags.writeable = False
    ro_n.flags.writeable = False
    if name != "irfft":
        same_outcome(lambda: f(x, out=ro_f), lambda: g(x, out=ro_n))
    with pytest.raises(TypeError, match="return arrays must be of ArrayType"):
        f(x, out=[1, 2])


def test_out_broadcasts_input_rows():
    x = sample((1, 8), np.complex128)
    o_f, o_n = fnp.zeros((3, 8), complex), np.zeros((3, 8), complex)
    outcome(lambda: fnp.fft.fft(x, out=o_f), lambda: np.fft.fft(x, out=o_n))
    assert_close(o_f, o_n)
    outcome(lambda: fnp.fft.fft(np.ones((3, 8)), out=fnp.zeros((2, 8), complex)),
                 lambda: np.fft.fft(np.ones((3, 8)), out=np.zeros((2, 8), complex)))
    same_outcome(lambda: fnp.fft.fft(np.ones((3, 8, 5)), axis=1, out=fnp.zeros((2, 8, 5), complex)),
                 lambda: np.fft.fft(np.ones((3, 8, 5)), axis=1, out=np.zeros((2, 8, 5), complex)))


def test_out_in_place_and_overlapping():
    x = sample((4, 16), np.complex128, seed=5)
    a = fnp.array(x)
    r = fnp.fft.fft(a, out=a)
    assert r is a
    assert_close(a, np.fft.fft(x))
    # out overlapping the input shifted by one row
    big = fnp.array(np.concatenate([x, x[:1]]))
    nb = np.concatenate([x, x[:1]])
    fnp.fft.fft(big[:-1], out=big[1:])
    np.fft.fft(nb[:-1], out=nb[1:])
    assert_close(big, nb)
    # along the first axis, in place
    a = fnp.array(x)
    fnp.fft.ifft(a, axis=0, out=a)
    assert_close(a, np.fft.ifft(x, axis=0))


def test_hfft_ifft2_irfft2_ignore_out_as_numpy():
    x = sample((4, 6), np.complex128)
    o = fnp.zeros((4, 10))
    r = fnp.fft.hfft(x, out=o)
    assert r is not o and float(fnp.abs(o).max()) == 0
    o2 = fnp.zeros((4, 6), complex)
    assert fnp.fft.ifft2(x, out=o2) is not o2
    o3 = fnp.zeros((4, 10))
    assert fnp.fft.irfft2(x, out=o3) is not o3


# --------------------------------------------------------------------------- errors ---
ERROR_CASES = [
    ("fft", (8,), dict(n=0)), ("fft", (8,), dict(n=-1)), ("fft", (8,), dict(n=2.5)), ("fft", (8,), dict(n="3")),
    ("fft", (8,), dict(n=True)), ("fft", (8,), dict(norm="bad")), ("ifft", (8,), dict(norm="bad")),
    ("rfft", (8,), dict(norm="bad")), ("irfft", (8,), dict(norm="bad")), ("hfft", (8,), dict(norm="bad")),
    ("ihfft", (8,), dict(norm="bad")), ("fft", (8,), dict(norm=1)), ("fft", (8,), dict(axis=1)),
    ("fft", (8,), dict(axis=-2)), ("fft", (8,), dict(n=4, axis=1)), ("fft", (8,), dict(axis=1.0)),
    ("fft", (), dict()), ("fft", (), dict(n=3)), ("fft", (0,), dict()), ("fft", (3, 0), dict()),
    ("irfft", (1,), dict()), ("hfft", (1,), dict()), ("irfft", (0,), dict()), ("hfft", (0,), dict(norm="x")),
    ("ihfft", (0,), dict(norm="x")), ("rfft", (0,), dict(norm="x")), ("ifft", (0,), dict(norm="x")),
    ("irfft", (8,), dict(n=1)), ("fft", (8,), dict(n=np.int64(4))), ("fft", (8,), dict(axis=np.int64(0))),
]


@pytest.mark.parametrize("name,shape,kw", ERROR_CASES)
def test_errors(name, shape, kw):
    f, g = both(name)
    x = sample(shape, np.float64)
    outcome(lambda: f(x, **kw), lambda: g(x, **kw))


@pytest.mark.parametrize("name", ["rfft", "ihfft"])
def test_real_transforms_refuse_complex_input(name):
    f, g = both(name)
    for n in (None, 7):
        x = sample(8, np.complex128)
        outcome(lambda: f(x, n=n), lambda: g(x, n=n))


def test_out_cast_errors():
    x = sample(8, np.complex128)
    for name, dt in [("fft", np.float64), ("ifft", np.int32), ("rfft", np.float32), ("irfft", np.int64)]:
        f, g = both(name)
        m = {"rfft": 5, "irfft": 14}.get(name, 8)
        xx = x.real.copy() if name == "rfft" else x
        with pytest.raises(TypeError) as ef:
            f(xx, out=fnp.zeros(m, dt))
        with pytest.raises(TypeError) as en:
            g(xx, out=np.zeros(m, dt))
        assert str(ef.value) == str(en.value)


# ---------------------------------------------------------------------- n-d transforms ---
ND_CASES = [
    dict(), dict(axes=(0,)), dict(axes=(1, 0)), dict(axes=(-1,)), dict(axes=(0, 0)), dict(axes=(0, 2)),
    dict(s=(3, 4), axes=(0, 1)), dict(s=(8, 8), axes=(-2, -1)), dict(s=(-1, 5), axes=(0, 1)),
    dict(s=(2, 3), axes=(0,)), dict(axes=()), dict(s=(0, 3), axes=(0, 1)), dict(s=3), dict(axes=1),
    dict(axes=[1, 0]), dict(s=[5], axes=[-1]), dict(norm="ortho"), dict(norm="forward"), dict(norm="bad"),
    dict(s=(4, 6, 2), axes=(2, 0, 1)),
]


@pytest.mark.parametrize("kw", ND_CASES, ids=[str(k) for k in ND_CASES])
@pytest.mark.parametrize("name", N_AXES)
def test_nd(name, kw):
    f, g = both(name)
    for dtype in (np.float64, np.complex128, np.float32, np.int8):
        if name in ("rfftn", "rfft2") and np.dtype(dtype).kind == "c":
            continue
        x = sample((4, 5, 3), dtype, seed=7)
        for v in (x, x.transpose(1, 2, 0)[::-1]):
            rf, rn = outcome(lambda: f(v, **kw), lambda: g(v, **kw))
            if rn is not None:
                if isinstance(rn, np.ndarray) and rn.dtype.kind in "fc" and isinstance(rf, fnp.ndarray):
                    assert_close(rf, rn, tol=1e-4 if _single(dtype) else 1e-11)


def test_nd_deprecation_warnings():
    x = sample((4, 6), np.float64)
    for name in ("fftn", "rfftn", "irfftn", "ifftn"):
        f, g = both(name)
        for kw in (dict(s=(4, 6)), dict(s=(4, None), axes=(0, 1))):
            with warnings.catch_warnings(record=True) as wf:
                warnings.simplefilter("always")
                rf = f(x, **kw)
            with warnings.catch_warnings(record=True) as wn:
                warnings.simplefilter("always")
                rn = g(x, **kw)
            assert [(w.category, str(w.message)) for w in wf] == [(w.category, str(w.message)) for w in wn]
            assert_close(rf, rn)


@pytest.mark.parametrize("name", ["fftn", "fft2", "rfftn", "rfft2"])
def test_nd_out(name):
    f, g = both(name)
    x = sample((4, 6), np.float64)
    m = 4 if name.startswith("r") else 6
    o_f, o_n = fnp.zeros((4, m), complex), np.zeros((4, m), complex)
    rf, rn = outcome(lambda: f(x, out=o_f), lambda: g(x, out=o_n))
    assert rf is o_f
    assert_close(o_f, o_n)


def test_roundtrips():
    x = sample((6, 10, 4), np.float64, seed=11)
    np.testing.assert_allclose(np.asarray(fnp.fft.ifftn(fnp.fft.fftn(x))).real, x, atol=1e-12)
    np.testing.assert_allclose(np.asarray(fnp.fft.irfftn(fnp.fft.rfftn(x), x.shape, axes=(0, 1, 2))), x, atol=1e-12)
    np.testing.assert_allclose(np.asarray(fnp.fft.irfft2(fnp.fft.rfft2(x), x.shape[-2:])), x, atol=1e-12)
    np.testing.assert_allclose(np.asarray(fnp.fft.ihfft(fnp.fft.hfft(x[0, 0], 7), 7)), x[0, 0][:4], atol=1e-12)


# --------------------------------------------------------------------- parallel batches ---
def test_results_do_not_depend_on_thread_count(restore_threads):
    x = sample((64, 1024), np.complex128, seed=2)
    xr = sample((64, 1000), np.float64, seed=3)
    runs = []
    for t in (1, 2, 3):
        fnp.set_num_threads(t)
        runs.append([np.asarray(r) for r in (fnp.fft.fft(x), fnp.fft.fft(x, axis=0), fnp.fft.rfft(xr),
                                             fnp.fft.irfft(x, axis=0), fnp.fft.fft2(x))])
    for other in runs[1:]:
        for a, b in zip(runs[0], other):
            np.testing.assert_array_equal(a, b)
    assert_close(fnp.fft.fft(x, axis=0), np.fft.fft(x, axis=0))
    assert_close(fnp.fft.fft2(x), np.fft.fft2(x), tol=1e-11)


def test_large_prime_and_long_transforms():
    for n in (65537, 2 ** 16 + 2, 100003):
        x = sample(n, np.float64, seed=n)
        assert_close(fnp.fft.fft(x), np.fft.fft(x), tol=1e-10)
        assert_close(fnp.fft.rfft(x), np.fft.rfft(x), tol=1e-10)
        assert_close(fnp.fft.irfft(np.fft.rfft(x), n), np.fft.irfft(np.fft.rfft(x), n), tol=1e-10)


# -------------------------------------------------------------------- frequencies, shifts ---
@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 10, 11, np.int64(6), np.int8(7), True])
@pytest.mark.parametrize("d", [1.0, 0.1, 2, 3j, np.float32(0.5), np.float16(2), np.int64(3), np.array(0.25)])
def test_fftfreq(n, d):
    for name in ("fftfreq", "rfftfreq"):
        f, g = both(name)
        rf, rn = same_outcome(lambda: f(n, d), lambda: g(n, d))


@pytest.mark.parametrize("args", [(0,), (-1,), (4.0,), ("4",), (0, 2.0), (4, 1.0, "gpu"), (4, 1.0, "cpu"),
                                  (4, np.array([1.0, 2.0, 3.0, 4.0]))])
def test_fftfreq_errors(args):
    for name in ("fftfreq", "rfftfreq"):
        f, g = both(name)
        same_outcome(lambda: f(*args), lambda: g(*args))


@pytest.mark.parametrize("axes", [None, 0, 1, -1, (0,), (0, 1), [1, 0], (1, 1), 5, (0, 7)])
def test_shifts(axes):
    for name in ("fftshift", "ifftshift"):
        f, g = both(name)
        for x in (np.arange(12).reshape(3, 4), np.arange(35.0).reshape(5, 7)[::-1], np.arange(5), np.float64(3)):
            same_outcome(lambda: f(x, axes), lambda: g(x, axes))
    assert_close(fnp.fft.fftshift(fnp.fft.fftfreq(10)), np.fft.fftshift(np.fft.fftfreq(10)), tol=0)


def test_module_surface():
    assert set(np.fft.__all__) <= set(dir(fnp.fft))
    for name in np.fft.__all__:
        assert callable(getattr(fnp.fft, name))
