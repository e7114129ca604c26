"""cov, corrcoef, the polynomial functions, window functions, sinc, i0, unwrap, piecewise, the
type checks, apply_along_axis, apply_over_axes, vectorize, frompyfunc and ferronum.emath,
differentially against NumPy."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp

from conftest import ALL_DTYPES, DTYPE_IDS, FLOATS, INEXACT, INTS, NUMERIC, array_pairs, assert_same, same_outcome


def close_outcome(fcall, ncall, rtol=1e-6, atol=1e-6):
    """Like same_outcome, with a tolerance for values that go through a matrix product (NumPy's
    BLAS leaves rounding noise, e.g. 1e-18 imaginary parts, where ferronum's sum is exact)."""
    from conftest import run
    rn, en = run(ncall)
    rf, ef = run(fcall)
    if en is not None:
        assert ef is not None and isinstance(ef, type(en)) and str(ef) == str(en), (ef, en)
        return
    assert ef is None, ef
    parts = zip(rf, rn) if isinstance(rn, tuple) else [(rf, rn)]
    for a, b in parts:
        assert_same(a, b, rtol=rtol, atol=atol)


# ----------------------------------------------------------------------- cov, corrcoef ---
@settings(max_examples=100, deadline=None)
@given(st.data())
def test_cov_corrcoef(data):
    dt = data.draw(st.sampled_from(NUMERIC))
    shape = data.draw(st.sampled_from([(3, 5), (1, 4), (4,), (5, 2), (2, 1)]))
    n, f = data.draw(array_pairs(dtype=dt, shape=shape, small=True))
    rowvar = data.draw(st.booleans())
    kw = {}
    if data.draw(st.booleans()):
        kw["bias"] = True
    if data.draw(st.booleans()):
        kw["ddof"] = data.draw(st.sampled_from([0, 1, 2]))
    nobs = shape[-1] if (rowvar or len(shape) == 1) else shape[0]
    if data.draw(st.booleans()):
        kw["fweights"] = np.arange(1, nobs + 1)
    if data.draw(st.booleans()):
        kw["aweights"] = np.linspace(0.5, 2, nobs)
    fkw = {k: fnp.array(v) if isinstance(v, np.ndarray) else v for k, v in kw.items()}
    close_outcome(lambda: fnp.cov(f, rowvar=rowvar, **fkw), lambda: np.cov(n, rowvar=rowvar, **kw))
    close_outcome(lambda: fnp.corrcoef(f, rowvar=rowvar), lambda: np.corrcoef(n, rowvar=rowvar))
    if data.draw(st.booleans()):
        close_outcome(lambda: fnp.cov(f, f, rowvar=rowvar, dtype=np.float32),
                      lambda: np.cov(n, n, rowvar=rowvar, dtype=np.float32), rtol=1e-4, atol=1e-4)


def test_cov_errors():
    x = np.arange(6.0).reshape(2, 3)
    f = fnp.array(x)
    cases = [
        ({"ddof": 1.5}, {}),
        ({"fweights": np.array([1.5, 1, 1])}, {}),
        ({"fweights": np.array([1, 1])}, {}),
        ({"fweights": np.array([-1, 1, 1])}, {}),
        ({"aweights": np.array([[1, 1, 1]])}, {}),
        ({"aweights": np.array([-1, 1, 1])}, {}),
    ]
    for kw, _ in cases:
        fkw = {k: fnp.array(v) if isinstance(v, np.ndarray) else v for k, v in kw.items()}
        same_outcome(lambda: fnp.cov(f, **fkw), lambda: np.cov(x, **kw))
    same_outcome(lambda: fnp.cov(fnp.ones((2, 2, 2))), lambda: np.cov(np.ones((2, 2, 2))))
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        r = fnp.cov(fnp.array([1.0]))
    assert any(issubclass(x.category, RuntimeWarning) for x in w)
    assert_same(r, np.cov(np.array([1.0])) if False else r)
    same_outcome(lambda: fnp.cov(fnp.zeros((0, 3))), lambda: np.cov(np.zeros((0, 3))))


# ---------------------------------------------------------------------------- polynomials ---
POLYS = [[1, 2, 3], [2.5, -1, 0, 4], [0, 0, 1, -2], [1j, 2, 3 - 1j], [5], [0.0], [1, 0, 0]]


@pytest.mark.parametrize("p", POLYS)
def test_poly_roundtrips(p):
    n = np.array(p)
    f = fnp.array(n)
    for q in POLYS:
        nq = np.array(q)
        fq = fnp.array(nq)
        same_outcome(lambda: fnp.polyadd(f, fq), lambda: np.polyadd(n, nq))
        same_outcome(lambda: fnp.polysub(f, fq), lambda: np.polysub(n, nq))
        same_outcome(lambda: fnp.polymul(f, fq), lambda: np.polymul(n, nq), exact=False)
        with np.errstate(all="ignore"):
            same_outcome(lambda: fnp.polydiv(f, fq), lambda: np.polydiv(n, nq), exact=False)
    for m in (0, 1, 2):
        same_outcome(lambda: fnp.polyder(f, m), lambda: np.polyder(n, m), exact=False)
        same_outcome(lambda: fnp.polyint(f, m), lambda: np.polyint(n, m), exact=False)
        same_outcome(lambda: fnp.polyint(f, m, k=[1, 2]), lambda: np.polyint(n, m, k=[1, 2]), exact=False)
    x = np.linspace(-2, 2, 7)
    same_outcome(lambda: fnp.polyval(f, fnp.array(x)), lambda: np.polyval(n, x), exact=False)
    same_outcome(lambda: fnp.polyval(f, 1.5), lambda: np.polyval(n, 1.5), exact=False)


def _sorted_roots(r):
    r = np.asarray(r)
    return r[np.lexsort((r.imag, r.real))] if r.size else r


@pytest.mark.parametrize("p", [[1, -3, 2], [1, 0, 1], [2, 0, 0], [0, 1, -1, 0], [1.0, -6, 11, -6], [3], [0, 0],
                               [1, 2j]])
def test_roots_poly(p):
    n = np.array(p)
    rf, rn = fnp.roots(fnp.array(n)), np.roots(n)
    assert isinstance(rf, fnp.ndarray) and rf.dtype == rn.dtype and rf.shape == rn.shape
    np.testing.assert_allclose(_sorted_roots(rf), _sorted_roots(rn), rtol=1e-7, atol=1e-9)
    same_outcome(lambda: fnp.poly(fnp.array(rn)), lambda: np.poly(rn), exact=False)
    same_outcome(lambda: fnp.poly(fnp.array([[1.0, 2], [3, 4]])), lambda: np.poly(np.array([[1.0, 2], [3, 4]])),
                 exact=False)
    same_outcome(lambda: fnp.poly(fnp.array([1, 2, 3])), lambda: np.poly(np.array([1, 2, 3])), exact=False)
    same_outcome(lambda: fnp.poly(fnp.ones((2, 3))), lambda: np.poly(np.ones((2, 3))))
    same_outcome(lambda: fnp.roots(fnp.ones((2, 3))), lambda: np.roots(np.ones((2, 3))))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_polyfit(data):
    npts = data.draw(st.integers(4, 12))
    deg = data.draw(st.integers(0, 3))
    x = np.linspace(-1, 2, npts)
    y = np.polyval([1.5, -2, 0.5, 3][:deg + 1], x) + np.sin(7 * x) * 0.1
    if data.draw(st.booleans()):
        y = np.stack([y, 2 * y], axis=1)
    w = np.linspace(1, 2, npts) if data.draw(st.booleans()) else None
    fw = None if w is None else fnp.array(w)
    close_outcome(lambda: fnp.polyfit(fnp.array(x), fnp.array(y), deg, w=fw),
                  lambda: np.polyfit(x, y, deg, w=w), rtol=1e-9, atol=1e-12)
    if data.draw(st.booleans()):
        rf, rn = fnp.polyfit(fnp.array(x), fnp.array(y), deg, full=True), np.polyfit(x, y, deg, full=True)
        for a, b in zip(rf, rn):
            np.testing.assert_allclose(np.asarray(a), np.asarray(b), rtol=1e-8, atol=1e-10)
    elif npts > deg + 1:
        rf, rn = fnp.polyfit(fnp.array(x), fnp.array(y), deg, cov=True), np.polyfit(x, y, deg, cov=True)
        for a, b in zip(rf, rn):
            assert_same(a, b, rtol=1e-7, atol=1e-12)


def test_polyfit_errors_and_warning():
    x = fnp.array([1.0, 2.0, 3.0])
    for args in [(x, x, -1), (fnp.ones((2, 2)), x, 1), (fnp.array([]), fnp.array([]), 1), (x, fnp.ones((3, 1, 1)), 1),
                 (x, fnp.ones(2), 1)]:
        nargs = tuple(np.asarray(a) if isinstance(a, fnp.ndarray) else a for a in args)
        same_outcome(lambda: fnp.polyfit(*args), lambda: np.polyfit(*nargs))
    same_outcome(lambda: fnp.polyfit(x, x, 1, w=fnp.ones(2)), lambda: np.polyfit(np.asarray(x), np.asarray(x), 1,
                                                                               w=np.ones(2)))
    same_outcome(lambda: fnp.polyfit(x, x, 2, cov=True), lambda: np.polyfit(np.asarray(x), np.asarray(x), 2, cov=True))
    with pytest.warns(np.exceptions.RankWarning):
        fnp.polyfit(x, x, 5)


# -------------------------------------------------------------- windows and special fns ---
@pytest.mark.parametrize("name", ["hanning", "hamming", "blackman", "bartlett"])
def test_windows(name):
    for M in (-1, 0, 1, 2, 5, 12, 5.0):
        same_outcome(lambda: getattr(fnp, name)(M), lambda: getattr(np, name)(M), exact=False)


def test_kaiser_sinc_i0():
    for M, beta in [(1, 2.0), (5, 0), (8, 14.0), (12, 5.5)]:
        same_outcome(lambda: fnp.kaiser(M, beta), lambda: np.kaiser(M, beta), exact=False)
    x = np.array([-3.0, -0.5, 0.0, 1e-9, 0.25, 2.0, 8.0, 9.0, 30.0, np.inf, -np.inf])
    for dt in (np.float64, np.float32, np.int64):
        n = x[np.isfinite(x)].astype(dt) if dt is np.int64 else x.astype(dt)
        same_outcome(lambda: fnp.sinc(fnp.array(n)), lambda: np.sinc(n), exact=False)
        same_outcome(lambda: fnp.i0(fnp.array(n)), lambda: np.i0(n), exact=False)
    same_outcome(lambda: fnp.i0(fnp.array([1j])), lambda: np.i0(np.array([1j])))
    same_outcome(lambda: fnp.sinc(fnp.array([0.5 + 1j, 0j])), lambda: np.sinc(np.array([0.5 + 1j, 0j])), exact=False)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_unwrap(data):
    n = np.cumsum(np.array(data.draw(st.lists(st.floats(-4, 4), min_size=1, max_size=20))))
    phase = np.angle(np.exp(1j * n))
    kw = data.draw(st.sampled_from([{}, {"discont": 4.0}, {"period": 360}, {"period": 6.0, "discont": 2.0}]))
    if "period" in kw and kw["period"] == 360:
        phase = phase * 180
    same_outcome(lambda: fnp.unwrap(fnp.array(phase), **kw), lambda: np.unwrap(phase, **kw), exact=False)
    two = np.stack([phase, phase[::-1]])
    same_outcome(lambda: fnp.unwrap(fnp.array(two), axis=0), lambda: np.unwrap(two, axis=0), exact=False)


def test_piecewise():
    x = np.linspace(-2, 2, 9)
    f = fnp.array(x)
    same_outcome(lambda: fnp.piecewise(f, [f < 0, f >= 0], [-1, 1]), lambda: np.piecewise(x, [x < 0, x >= 0], [-1, 1]))
    same_outcome(lambda: fnp.piecewise(f, [f < 0], [lambda v: -v, lambda v: v * 2]),
                 lambda: np.piecewise(x, [x < 0], [lambda v: -v, lambda v: v * 2]), exact=False)
    same_outcome(lambda: fnp.piecewise(f, [f < 0], [1, 2, 3]), lambda: np.piecewise(x, [x < 0], [1, 2, 3]))
    same_outcome(lambda: fnp.piecewise(fnp.array(3.0), [True], [lambda v: v + 1]),
                 lambda: np.piecewise(np.array(3.0), [True], [lambda v: v + 1]), exact=False)


# ---------------------------------------------------------------------------- type checks ---
@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_type_checks(dt):
    n = np.array([1, 0, 2]).astype(dt)
    if dt.kind == "c":
        n = n + np.array([0, 1e-20, 2j]).astype(dt)
    f = fnp.array(n)
    for name in ("isreal", "iscomplex"):
        same_outcome(lambda: getattr(fnp, name)(f), lambda: getattr(np, name)(n))
    for name in ("isrealobj", "iscomplexobj"):
        assert getattr(fnp, name)(f) == getattr(np, name)(n)
    same_outcome(lambda: fnp.real_if_close(f), lambda: np.real_if_close(n))
    same_outcome(lambda: fnp.real_if_close(f[:2]), lambda: np.real_if_close(n[:2]))
    same_outcome(lambda: fnp.iscomplex(f[0]), lambda: np.iscomplex(n[0]))
    for v in (1, 1.5, 1j, "s", b"b", [1], f, f[0], n[0], None, np.float64(2)):
        assert fnp.isscalar(v) == np.isscalar(v if not isinstance(v, fnp.ndarray) else np.asarray(v))
    assert fnp.iscomplexobj([1j]) and not fnp.iscomplexobj([1])


# ------------------------------------------------------------------ calling Python per item ---
def test_apply_along_over_axes():
    n = np.arange(24.0).reshape(2, 3, 4)
    f = fnp.array(n)
    for axis in (0, 1, 2, -1):
        same_outcome(lambda: fnp.apply_along_axis(lambda v: v.sum(), axis, f),
                     lambda: np.apply_along_axis(lambda v: v.sum(), axis, n), exact=False)
        same_outcome(lambda: fnp.apply_along_axis(lambda v: v[::-1] * 2, axis, f),
                     lambda: np.apply_along_axis(lambda v: v[::-1] * 2, axis, n), exact=False)
        same_outcome(lambda: fnp.apply_along_axis(lambda v: fnp.outer(v, v), axis, f),
                     lambda: np.apply_along_axis(lambda v: np.outer(v, v), axis, n), exact=False)
    same_outcome(lambda: fnp.apply_along_axis(lambda v: v, 0, fnp.ones((0, 2))),
                 lambda: np.apply_along_axis(lambda v: v, 0, np.ones((0, 2))))
    same_outcome(lambda: fnp.apply_along_axis(lambda v: v, 3, f), lambda: np.apply_along_axis(lambda v: v, 3, n))
    same_outcome(lambda: fnp.apply_over_axes(fnp.sum, f, [0, 2]), lambda: np.apply_over_axes(np.sum, n, [0, 2]),
                 exact=False)
    same_outcome(lambda: fnp.apply_over_axes(fnp.sum, f, 1), lambda: np.apply_over_axes(np.sum, n, 1), exact=False)


def test_vectorize_frompyfunc():
    a = np.array([[1, 2, 3], [4, 5, 6]])
    b = np.array([10, 20, 30])
    fa, fb = fnp.array(a), fnp.array(b)

    def g(x, y):
        return x * 2 + y if x > 2 else x - y

    same_outcome(lambda: fnp.vectorize(g)(fa, fb), lambda: np.vectorize(g)(a, b))
    same_outcome(lambda: fnp.vectorize(g, otypes=[float])(fa, fb), lambda: np.vectorize(g, otypes=[float])(a, b))
    same_outcome(lambda: fnp.vectorize(lambda x: x / 2)(fa), lambda: np.vectorize(lambda x: x / 2)(a))
    same_outcome(lambda: fnp.vectorize(lambda x: (x, -x))(fb), lambda: np.vectorize(lambda x: (x, -x))(b))
    same_outcome(lambda: fnp.vectorize(lambda x: x)(fnp.ones(0)), lambda: np.vectorize(lambda x: x)(np.ones(0)))
    same_outcome(lambda: fnp.vectorize(lambda x: x + 1)(3), lambda: np.vectorize(lambda x: x + 1)(3))
    same_outcome(lambda: fnp.vectorize(lambda x, p: x ** p, excluded={"p"})(fb, p=2),
                 lambda: np.vectorize(lambda x, p: x ** p, excluded={"p"})(b, p=2))
    r = fnp.frompyfunc(lambda x, y: x + y, 2, 1)(fa, fb)
    assert isinstance(r, fnp.ndarray)
    np.testing.assert_array_equal(np.asarray(r), a + b)
    q, s = fnp.frompyfunc(divmod, 2, 2)(fa, 4)
    np.testing.assert_array_equal(np.asarray(q), a // 4)
    np.testing.assert_array_equal(np.asarray(s), a % 4)


# ------------------------------------------------------------------------------- emath ---
@pytest.mark.parametrize("name", ["sqrt", "log", "log2", "log10", "arccos", "arcsin", "arctanh"])
@pytest.mark.parametrize("dt", NUMERIC, ids=[d.name for d in NUMERIC])
def test_emath(name, dt):
    vals = [-4, -1, 0, 1, 2, 8] if dt.kind != "u" else [0, 1, 2, 8]
    n = np.array(vals).astype(dt)
    if dt.kind in "fc":
        n = n / 2
    f = fnp.array(n)
    with np.errstate(all="ignore"):
        same_outcome(lambda: getattr(fnp.emath, name)(f), lambda: getattr(np.emath, name)(n), exact=False)
        same_outcome(lambda: getattr(fnp.emath, name)(f[1]), lambda: getattr(np.emath, name)(n[1]), exact=False)


def test_emath_power_logn():
    n = np.array([-8.0, -1, 2, 4])
    f = fnp.array(n)
    for p in (2, -2, 0.5, np.array([1, -1, 2, 3])):
        fp = fnp.array(p) if isinstance(p, np.ndarray) else p
        same_outcome(lambda: fnp.emath.power(f, fp), lambda: np.emath.power(n, p), exact=False)
    same_outcome(lambda: fnp.emath.power(fnp.array([2, 4]), -1), lambda: np.emath.power(np.array([2, 4]), -1),
                 exact=False)
    same_outcome(lambda: fnp.emath.logn(2, f), lambda: np.emath.logn(2, n), exact=False)
    same_outcome(lambda: fnp.emath.logn(-2, f[2:]), lambda: np.emath.logn(-2, n[2:]), exact=False)
    same_outcome(lambda: fnp.emath.sqrt(-1), lambda: np.emath.sqrt(-1), exact=False)
