"""bincount, histogram, histogram_bin_edges, histogram2d and histogramdd, differentially against
NumPy: counts exactly, bin edges exactly (NumPy's linspace and estimators), weighted sums,
density, values on the edges, every estimator, errors with their messages."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ferronum as fnp

from conftest import array_pairs, same_outcome

INT_DTYPES = [np.dtype(t) for t in (np.bool_, np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32,
                                    np.int64, np.uint64)]
REAL_DTYPES = INT_DTYPES[1:] + [np.dtype(t) for t in (np.float16, np.float32, np.float64)]
ESTIMATORS = ["auto", "fd", "doane", "scott", "stone", "rice", "sturges", "sqrt"]


def exact(fcall, ncall, *, message=True):
    return same_outcome(fcall, ncall, message=message, exact=True)


# ---------------------------------------------------------------------------- bincount ---
@settings(max_examples=200, deadline=None)
@given(st.data())
def test_bincount(data):
    dt = data.draw(st.sampled_from(INT_DTYPES))
    n, f = data.draw(array_pairs(dtype=dt, shape=st.integers(0, 30).map(lambda k: (k,)), lo=0, hi=40))
    kw = {}
    if data.draw(st.booleans()):
        kw["minlength"] = data.draw(st.integers(0, 60))
    wn = wf = None
    if data.draw(st.booleans()):
        wdt = data.draw(st.sampled_from([np.float64, np.float32, np.int64, np.int8, np.bool_]))
        wn, wf = data.draw(array_pairs(dtype=wdt, shape=n.shape, small=True))
    exact(lambda: fnp.bincount(f, wf, **kw), lambda: np.bincount(n, wn, **kw))


def test_bincount_large_parallel():
    x = np.random.default_rng(0).integers(0, 1000, 3_000_000)
    exact(lambda: fnp.bincount(fnp.array(x)), lambda: np.bincount(x))
    w = np.random.default_rng(1).random(x.size)
    exact(lambda: fnp.bincount(fnp.array(x), fnp.array(w)), lambda: np.bincount(x, w))
    exact(lambda: fnp.bincount(fnp.array(x[::-3])), lambda: np.bincount(x[::-3]))


BINCOUNT_ERRORS = [
    lambda m: m.bincount(m.array([1.0, 2.7])),
    lambda m: m.bincount(m.array([-1, 2])),
    lambda m: m.bincount(m.array([[1, 2]])),
    lambda m: m.bincount(m.array(3)),
    lambda m: m.bincount(m.array([1]), minlength=-1),
    lambda m: m.bincount(m.array([1]), minlength=None),
    lambda m: m.bincount(m.array([1]), minlength=2.5),
    lambda m: m.bincount(m.array([1]), weights=m.array([1j])),
    lambda m: m.bincount(m.array([1, 2]), weights=m.array([1.0])),
    lambda m: m.bincount(m.array([1]), weights=m.array([[2.0]])),
    lambda m: m.bincount(m.array([-1]), weights=m.array([1j])),
    lambda m: m.bincount(m.array([], dtype=np.int64), minlength=3),
    lambda m: m.bincount(m.array([0, 1]), minlength=np.int8(3)),
    lambda m: m.bincount(m.array([1, 2], np.uint64)),
]


@pytest.mark.parametrize("k", range(len(BINCOUNT_ERRORS)))
def test_bincount_edge_cases(k):
    call = BINCOUNT_ERRORS[k]
    exact(lambda: call(fnp), lambda: call(np))


# --------------------------------------------------------------------------- histogram ---
def hist_both(n, f, **kw):
    fkw = {k: (fnp.array(v) if isinstance(v, np.ndarray) else v) for k, v in kw.items()}

    def fcall():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            h, e = fnp.histogram(f, **fkw)
        return h, e

    def ncall():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return np.histogram(n, **kw)

    return fcall, ncall


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_histogram_uniform(data):
    dt = data.draw(st.sampled_from(REAL_DTYPES))
    n, f = data.draw(array_pairs(dtype=dt, shape=st.integers(0, 40).map(lambda k: (k,)),
                                 allow_nan=False, allow_inf=False, fbound=1e4))
    kw = {"bins": data.draw(st.integers(1, 20))}
    if data.draw(st.booleans()):
        lo = data.draw(st.floats(-100, 100))
        kw["range"] = (lo, lo + data.draw(st.floats(0, 50)))
    if data.draw(st.booleans()):
        kw["density"] = True
    if data.draw(st.booleans()):
        wdt = data.draw(st.sampled_from([np.float64, np.float32, np.int64, np.complex128]))
        kw["weights"] = data.draw(array_pairs(dtype=wdt, shape=n.shape, small=True, views=False))[0]
    fcall, ncall = hist_both(n, f, **kw)
    same_outcome(fcall, ncall, exact=not kw.get("density") and "weights" not in kw)


@pytest.mark.parametrize("dt", ["float64", "float32", "float16", "int64", "uint8", "int8"])
def test_histogram_values_on_edges(dt):
    # Values on every edge and just beside it: each lands in NumPy's bin.
    edges = np.linspace(-3, 7, 31)
    vals = np.concatenate([edges, np.nextafter(edges, -np.inf), np.nextafter(edges, np.inf)])
    n = vals.astype(dt)
    f = fnp.array(n)
    for bins in [1, 3, 7, 10, 30, 31, 97]:
        exact(*hist_both(n, f, bins=bins))
        exact(*hist_both(n, f, bins=bins, range=(-3, 7)))
        exact(*hist_both(n, f, bins=bins, range=(-2.9, 6.1)))


def test_histogram_large_parallel():
    x = np.random.default_rng(0).standard_normal(1_000_000)
    exact(*hist_both(x, fnp.array(x), bins=100))
    w = np.random.default_rng(1).random(x.size)
    exact(*hist_both(x, fnp.array(x), bins=100, weights=w))
    x32 = x.astype(np.float32)
    exact(*hist_both(x32, fnp.array(x32), bins=33, range=(-1.5, 2.0)))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_histogram_edges(data):
    dt = data.draw(st.sampled_from(REAL_DTYPES))
    n, f = data.draw(array_pairs(dtype=dt, shape=st.integers(0, 40).map(lambda k: (k,)), small=True))
    edges = sorted(data.draw(st.lists(st.integers(-100, 100), min_size=1, max_size=8)))
    if data.draw(st.booleans()):
        edges = [e / 4 for e in edges]
    kw = {"bins": edges}
    if data.draw(st.booleans()):
        kw["weights"] = data.draw(array_pairs(dtype=np.float64, shape=n.shape, small=True, views=False))[0]
    if data.draw(st.booleans()):
        kw["density"] = True
    fcall, ncall = hist_both(n, f, **kw)
    if "weights" not in kw:
        same_outcome(fcall, ncall, exact=len(kw) == 1)
        return
    # NumPy sums weights between given edges as differences of a running sum; ferronum adds
    # them bin by bin: the same values up to that rounding.
    (hf, ef), (hn, en) = fcall(), ncall()
    assert hf.dtype == hn.dtype and hf.shape == hn.shape
    np.testing.assert_array_equal(np.asarray(ef), en)
    scale = np.abs(kw["weights"]).sum() + 1
    np.testing.assert_allclose(np.asarray(hf), hn, rtol=1e-12, atol=1e-13 * scale)


@pytest.mark.parametrize("est", ESTIMATORS)
@pytest.mark.parametrize("dt", ["float64", "float32", "int64", "uint8"])
def test_histogram_estimators(est, dt):
    rng = np.random.default_rng(3)
    for x in [rng.standard_normal(500) * 10, rng.standard_normal(5), np.array([1.0, 1, 1, 1]), np.array([])]:
        n = x.astype(dt)
        f = fnp.array(n)
        exact(*hist_both(n, f, bins=est))
        exact(lambda: fnp.histogram_bin_edges(f, bins=est), lambda: np.histogram_bin_edges(n, bins=est))
        exact(*hist_both(n, f, bins=est, range=(-5, 5)))


HIST_ERRORS = [
    lambda m: m.histogram(m.array([1.0, 2.0]), bins=[3, 1, 2]),
    lambda m: m.histogram(m.array([1.0, 2.0]), bins=0),
    lambda m: m.histogram(m.array([1.0, 2.0]), bins=2.5),
    lambda m: m.histogram(m.array([1.0, 2.0]), bins="nope"),
    lambda m: m.histogram(m.array([1.0, 2.0]), bins=[[1, 2]]),
    lambda m: m.histogram(m.array([1.0, 2.0]), bins="auto", weights=m.array([1.0, 1.0])),
    lambda m: m.histogram(m.array([1.0, 2.0]), range=(2, 1)),
    lambda m: m.histogram(m.array([1.0, 2.0]), range=(0, np.inf)),
    lambda m: m.histogram(m.array([1.0, np.nan])),
    lambda m: m.histogram(m.array([1.0, 2.0]), weights=m.array([1.0])),
    lambda m: m.histogram(m.array([True, False, True])),
    lambda m: m.histogram(m.array([], dtype=float)),
    lambda m: m.histogram(m.array([1e300, -1e300]), bins=10),
    lambda m: m.histogram(m.array([5.0, 5.0]), bins=3),
]


@pytest.mark.parametrize("k", range(len(HIST_ERRORS)))
def test_histogram_edge_cases(k):
    call = HIST_ERRORS[k]
    exact(lambda: call(fnp), lambda: call(np))


# ------------------------------------------------------------------- histogram2d / dd ---
@settings(max_examples=120, deadline=None)
@given(st.data())
def test_histogram2d(data):
    size = data.draw(st.integers(0, 30))
    xn, xf = data.draw(array_pairs(dtype=np.float64, shape=(size,), small=True))
    yn, yf = data.draw(array_pairs(dtype=np.float64, shape=(size,), small=True))
    kw = {}
    b = data.draw(st.sampled_from([3, (2, 5), [-50, 0, 50], "edges2"]))
    kw["bins"] = [[-100, 0, 10, 100], [-20, 20]] if b == "edges2" else b
    if data.draw(st.booleans()):
        kw["range"] = [(-50, 50), (-10, 60)]
    if data.draw(st.booleans()):
        kw["density"] = True
    if data.draw(st.booleans()):
        kw["weights"] = data.draw(array_pairs(dtype=np.float64, shape=(size,), small=True, views=False))[0]
    fkw = dict(kw)
    if "weights" in kw:
        fkw["weights"] = fnp.array(kw["weights"])
    same_outcome(lambda: fnp.histogram2d(xf, yf, **fkw), lambda: np.histogram2d(xn, yn, **kw),
                 exact=not kw.get("density"))


def test_histogramdd():
    rng = np.random.default_rng(5)
    s = rng.standard_normal((1000, 3))
    def flat(r):
        return (r[0], *r[1])

    for kw in [{}, {"bins": (2, 3, 4)}, {"bins": 5, "range": [(-1, 1)] * 3}, {"density": True},
               {"bins": [np.array([-1, 0, 1.0]), 4, np.array([0, 2.0])]}]:
        same_outcome(lambda: flat(fnp.histogramdd(fnp.array(s), **kw)), lambda: flat(np.histogramdd(s, **kw)),
                     exact=not kw.get("density"))
    w = rng.random(1000)
    same_outcome(lambda: flat(fnp.histogramdd(fnp.array(s), weights=fnp.array(w))),
                 lambda: flat(np.histogramdd(s, weights=w)))
    same_outcome(lambda: fnp.histogramdd(fnp.array(s), bins=(2, 3)), lambda: np.histogramdd(s, bins=(2, 3)))
    same_outcome(lambda: fnp.histogram2d(fnp.array(s[:, 0]), fnp.array(s[:3, 1])),
                 lambda: np.histogram2d(s[:, 0], s[:3, 1]))
