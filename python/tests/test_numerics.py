"""The numerical helpers, differentially against NumPy: isclose, allclose, array_equal,
array_equiv, diff, ediff1d, gradient, interp, trapezoid, cumulative_sum/prod, convolve and
correlate. Values, dtypes, shapes, exception class and message; inputs unchanged."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp

from conftest import (ALL_DTYPES, COMPLEX, DTYPE_IDS, FLOATS, INEXACT, INTS, NUMERIC, array_pairs,
                      assert_same, assert_unchanged, same_outcome, snapshot)


def pair(n):
    return n, fnp.array(n)


SHAPES_1D = hnp.array_shapes(min_dims=1, max_dims=1, min_side=0, max_side=12)


# ------------------------------------------------------------------- isclose / allclose ---
CLOSE_DTYPES = st.sampled_from(FLOATS + COMPLEX + [np.dtype(np.int64), np.dtype(np.int8), np.dtype(np.bool_)])


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_isclose_allclose(data):
    same = data.draw(st.booleans())
    dt1 = data.draw(CLOSE_DTYPES)
    dt2 = dt1 if same else data.draw(CLOSE_DTYPES)
    bs = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, max_side=4))
    s1, s2 = (bs.input_shapes[0],) * 2 if same else bs.input_shapes
    n1, f1 = data.draw(array_pairs(dtype=dt1, shape=s1, small=data.draw(st.booleans())))
    n2, f2 = data.draw(array_pairs(dtype=dt2, shape=s2, small=True))
    if data.draw(st.booleans()) and n1.shape == n2.shape and dt1 == dt2:
        # Nearly equal values, so the tolerance decides.
        n2 = (n1 + (n1 * 1e-6 if dt1.kind in "fc" else 0)).astype(dt1)
        f2 = fnp.array(n2)
    rtol = data.draw(st.sampled_from([1e-5, 0.0, 1e-3, 0]))
    atol = data.draw(st.sampled_from([1e-8, 0.0, 1e-2, 1]))
    eq = data.draw(st.booleans())
    same_outcome(lambda: fnp.isclose(f1, f2, rtol, atol, eq), lambda: np.isclose(n1, n2, rtol, atol, eq))
    same_outcome(lambda: fnp.allclose(f1, f2, rtol, atol, eq), lambda: np.allclose(n1, n2, rtol, atol, eq))


def test_isclose_specials_and_scalars():
    vals = [0.0, -0.0, 1.0, np.inf, -np.inf, np.nan, 1e-9, 1 + 1e-6]
    a = np.array([[x for x in vals for _ in vals]], dtype=np.float64)
    b = np.array([[y for _ in vals for y in vals]], dtype=np.float64)
    for dt in (np.float32, np.float64, np.complex64, np.complex128, np.float16):
        n1, n2 = a.astype(dt), b.astype(dt)
        for eq in (False, True):
            same_outcome(lambda: fnp.isclose(fnp.array(n1), fnp.array(n2), equal_nan=eq),
                         lambda: np.isclose(n1, n2, equal_nan=eq))
            same_outcome(lambda: fnp.allclose(fnp.array(n1), fnp.array(n2), equal_nan=eq),
                         lambda: np.allclose(n1, n2, equal_nan=eq))
    # Scalars, lists, array tolerances.
    same_outcome(lambda: fnp.isclose(1.0, 1.0 + 1e-9), lambda: np.isclose(1.0, 1.0 + 1e-9))
    same_outcome(lambda: fnp.isclose([1, 2], 2), lambda: np.isclose([1, 2], 2))
    same_outcome(lambda: fnp.isclose(fnp.array([1.0, 2.0]), 2.0, atol=fnp.array([0.0, 1.0])),
                 lambda: np.isclose(np.array([1.0, 2.0]), 2.0, atol=np.array([0.0, 1.0])))
    same_outcome(lambda: fnp.allclose([1.0, np.nan], [1.0, np.nan], equal_nan=True),
                 lambda: np.allclose([1.0, np.nan], [1.0, np.nan], equal_nan=True))
    assert type(fnp.allclose(fnp.ones(3), fnp.ones(3))) is bool
    same_outcome(lambda: fnp.allclose(fnp.ones(3), fnp.ones(4)), lambda: np.allclose(np.ones(3), np.ones(4)))


def test_allclose_large_views():
    n = np.linspace(0, 1, 100_001)
    m = n + 1e-9
    m[77_777] += 1.0
    f, g = fnp.array(n), fnp.array(m)
    assert fnp.allclose(f, g) == np.allclose(n, m) is False
    assert fnp.allclose(f[:77_000], g[:77_000]) is True
    assert fnp.allclose(f[::-1], g[::-1]) == np.allclose(n[::-1], m[::-1])
    assert_same(fnp.isclose(f, g), np.isclose(n, m))


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_array_equal_equiv(data):
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    n1, f1 = data.draw(array_pairs(dtype=dt, shape=hnp.array_shapes(min_dims=0, max_dims=2, max_side=3),
                                   small=True))
    kind = data.draw(st.sampled_from(["same", "copy", "row", "other"]))
    if kind == "copy":
        n2 = n1.copy()
    elif kind == "row" and n1.ndim >= 1 and n1.size:
        n2 = n1[..., :1].copy()
    else:
        n2 = data.draw(hnp.arrays(dt, n1.shape, elements=st.sampled_from([0, 1]).map(lambda v: np.array(v).astype(dt))))
    f2 = n1 is n2 and f1 or fnp.array(n2)
    for eq in (False, True):
        same_outcome(lambda: fnp.array_equal(f1, f2, equal_nan=eq), lambda: np.array_equal(n1, n2, equal_nan=eq))
    same_outcome(lambda: fnp.array_equiv(f1, f2), lambda: np.array_equiv(n1, n2))
    nan = np.array([1.0, np.nan])
    for eq in (False, True):
        assert fnp.array_equal(fnp.array(nan), fnp.array(nan), equal_nan=eq) == np.array_equal(nan, nan.copy(), equal_nan=eq)
    assert fnp.array_equal([1, 2], [[1, 2]]) is False
    assert fnp.array_equiv([1, 2], [[1, 2], [1, 2]]) is True
    assert fnp.array_equiv([1, 2], [1, 2, 3]) is False


# ---------------------------------------------------------------------------------- diff ---
@settings(max_examples=150, deadline=None)
@given(st.data())
def test_diff(data):
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=5))
    n_, f_ = data.draw(array_pairs(dtype=dt, shape=shape, small=True))
    n = data.draw(st.integers(0, 3))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    kw = {}
    if data.draw(st.booleans()):
        kw["prepend"] = data.draw(st.sampled_from([0, 1.5, True]))
    if data.draw(st.booleans()):
        sh = list(shape)
        sh[axis] = 2
        kw["append"] = np.ones(sh, dtype=dt)
    fkw = {k: fnp.array(v) if isinstance(v, np.ndarray) else v for k, v in kw.items()}
    snap = snapshot(f_)
    same_outcome(lambda: fnp.diff(f_, n, axis, **fkw), lambda: np.diff(n_, n, axis, **kw), exact=False)
    assert_unchanged(f_, snap)


def test_diff_errors():
    a = fnp.arange(5)
    same_outcome(lambda: fnp.diff(a, -1), lambda: np.diff(np.arange(5), -1))
    same_outcome(lambda: fnp.diff(fnp.array(3)), lambda: np.diff(np.array(3)))
    same_outcome(lambda: fnp.diff(a, axis=2), lambda: np.diff(np.arange(5), axis=2))
    assert fnp.diff(a, 0) is a


def test_ediff1d():
    for dt in ALL_DTYPES:
        n = np.array([[1, 5], [2, 0]]).astype(dt)
        f = fnp.array(n)
        same_outcome(lambda: fnp.ediff1d(f), lambda: np.ediff1d(n), exact=False)
        if dt.kind != "b":
            same_outcome(lambda: fnp.ediff1d(f, to_end=[7, 8], to_begin=-1),
                         lambda: np.ediff1d(n, to_end=[7, 8], to_begin=-1), exact=False)
    same_outcome(lambda: fnp.ediff1d(fnp.array([1, 2]), to_begin=0.5),
                 lambda: np.ediff1d(np.array([1, 2]), to_begin=0.5))
    same_outcome(lambda: fnp.ediff1d([]), lambda: np.ediff1d([]))


# ------------------------------------------------------------------------------ gradient ---
@settings(max_examples=150, deadline=None)
@given(st.data())
def test_gradient(data):
    dt = data.draw(st.sampled_from(FLOATS + COMPLEX + INTS))
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=6))
    n_, f_ = data.draw(array_pairs(dtype=dt, shape=shape, small=True))
    edge = data.draw(st.sampled_from([1, 2]))
    axis = data.draw(st.sampled_from([None, 0, -1, (0, -1)]))
    axes = list(range(len(shape))) if axis is None else ([axis] if isinstance(axis, int) else sorted({a % len(shape) for a in axis}))
    if isinstance(axis, tuple) and len(axes) != 2:
        axis = 0
        axes = [0]
    spacing = data.draw(st.sampled_from(["none", "scalar", "arrays"]))
    nargs, fargs = (), ()
    if spacing == "scalar":
        nargs = fargs = (data.draw(st.sampled_from([2.0, 0.5, 3])),)
    elif spacing == "arrays":
        nargs = tuple(np.cumsum(np.arange(1, shape[a] + 1) % 3 + 0.5) if a % 2 else np.arange(shape[a]) * 2
                      for a in axes)
        fargs = tuple(fnp.array(x) for x in nargs)
    same_outcome(lambda: fnp.gradient(f_, *fargs, axis=axis, edge_order=edge),
                 lambda: np.gradient(n_, *nargs, axis=axis, edge_order=edge), exact=False)


def test_gradient_errors_and_dtypes():
    for dt in ALL_DTYPES:
        n = np.arange(6).astype(dt).reshape(2, 3)
        same_outcome(lambda: fnp.gradient(fnp.array(n)), lambda: np.gradient(n), exact=False)
    n = np.arange(5.0)
    f = fnp.array(n)
    same_outcome(lambda: fnp.gradient(f, edge_order=3), lambda: np.gradient(n, edge_order=3))
    same_outcome(lambda: fnp.gradient(f[:2], edge_order=2), lambda: np.gradient(n[:2], edge_order=2))
    same_outcome(lambda: fnp.gradient(f, 1, 2), lambda: np.gradient(n, 1, 2))
    same_outcome(lambda: fnp.gradient(f, fnp.arange(4)), lambda: np.gradient(n, np.arange(4)))
    same_outcome(lambda: fnp.gradient(f, fnp.ones((5, 1))), lambda: np.gradient(n, np.ones((5, 1))))
    same_outcome(lambda: fnp.gradient(f, axis=1), lambda: np.gradient(n, axis=1))



def _axes_strategy(nd):
    """None, one axis (either sign) or a tuple of distinct axes of an ``nd``-d array."""
    return st.one_of(st.none(), st.integers(-nd, nd - 1),
                     st.lists(st.integers(0, nd - 1), min_size=1, max_size=nd, unique=True).map(tuple))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_gradient_uniform_exact(data):
    """Real input with scalar spacings is the engine's one-pass gradient: NumPy's values bit
    for bit, every float dtype (integers as float64), axis, edge order, views, lengths 0-3
    along an axis (the too-small errors), empty arrays."""
    dt = data.draw(st.sampled_from(FLOATS + INTS))
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=6))
    n_, f_ = data.draw(array_pairs(dtype=dt, shape=shape, small=data.draw(st.booleans())))
    axis = data.draw(_axes_strategy(len(shape)))
    k = len(shape) if axis is None else (1 if isinstance(axis, int) else len(axis))
    edge = data.draw(st.sampled_from([1, 2]))
    spacing = st.sampled_from([1.0, 2.0, 0.5, 0.1, -0.3, 1e-3, 3, -1, 7.25e2])
    args = data.draw(st.sampled_from([(), (data.draw(spacing),), tuple(data.draw(spacing) for _ in range(k))]))
    with np.errstate(all="ignore"):
        same_outcome(lambda: fnp.gradient(f_, *args, axis=axis, edge_order=edge),
                     lambda: np.gradient(n_, *args, axis=axis, edge_order=edge), exact=True)


def test_gradient_uniform_edges():
    """Spacings the one-pass gradient leaves to the ufunc chain (NumPy scalars promote, zero
    divides) and floating-point warnings, which must name NumPy's ufunc."""
    import warnings
    n = np.array([[1.0, 4.0, 9.0, 16.0], [2.0, 3.0, 5.0, 7.0], [0.5, -1.5, 2.5, 1.0]], dtype=np.float32)
    f = fnp.array(n)
    for args in [(np.float64(0.5),), (np.float16(2),), (0.0,), (0, 1), (True,), (3000,)]:
        for edge in (1, 2):
            with np.errstate(all="ignore"):
                same_outcome(lambda: fnp.gradient(f, *args, edge_order=edge),
                             lambda: np.gradient(n, *args, edge_order=edge), exact=True)
    # float16 rounds each operation as NumPy's half loops do.
    h = (np.arange(40, dtype=np.float16) ** 2 / 7).reshape(5, 8)
    for edge in (1, 2):
        same_outcome(lambda: fnp.gradient(fnp.array(h), 0.3, edge_order=edge),
                     lambda: np.gradient(h, 0.3, edge_order=edge), exact=True)
    # inf - inf inside and at an edge (a scalar subtraction for 1-d input): NumPy's warnings.
    for s in (np.array([np.inf, 0.0, np.inf, 1.0, 2.0]), np.array([np.inf, np.inf, 1.0, 2.0]),
              np.array([[np.inf, 1.0], [np.inf, 2.0], [3.0, 4.0]])):
        got = []
        for lib, a in ((np, s), (fnp, fnp.array(s))):
            with warnings.catch_warnings(record=True) as w:
                warnings.simplefilter("always")
                r = lib.gradient(a)
            got.append(([str(x.message) for x in w], r))
        assert got[0][0] and got[1][0] == got[0][0]
        assert_same(got[1][1][0], got[0][1][0], exact=True)
    # Not changed, and a new array each call.
    snap = snapshot(f)
    r = fnp.gradient(f, axis=1)
    assert_unchanged(f, snap)
    assert not np.shares_memory(np.asarray(r), np.asarray(f))

# -------------------------------------------------------------------------------- interp ---
@settings(max_examples=150, deadline=None)
@given(st.data())
def test_interp(data):
    m = data.draw(st.integers(1, 9))
    xp = np.sort(np.array(data.draw(st.lists(st.sampled_from([-3.0, -1.0, 0.0, 0.5, 1.0, 2.5, 4.0, 7.0]),
                                             min_size=m, max_size=m))))
    if data.draw(st.booleans()):
        xp = np.unique(xp)
    cplx = data.draw(st.booleans())
    fpl = data.draw(st.lists(st.floats(-10, 10, allow_nan=False) | st.sampled_from([np.inf, -np.inf, np.nan]),
                             min_size=len(xp), max_size=len(xp)))
    fp = np.array(fpl)
    if cplx:
        c = np.empty(fp.shape, np.complex128)
        c.real, c.imag = fp, fp[::-1]
        fp = c
    x_dt = data.draw(st.sampled_from([np.float64, np.float32, np.int64, np.float16]))
    x = np.array(data.draw(st.lists(st.floats(-5, 9) | st.just(np.nan) | st.sampled_from([-3.0, 0.5, 7.0]), min_size=0, max_size=30))).astype(x_dt)
    if data.draw(st.booleans()) and x.size:
        x = x.reshape(1, -1)
    kw = {}
    if data.draw(st.booleans()):
        kw["left"] = -99.0 if not cplx else -99 + 1j
    if data.draw(st.booleans()):
        kw["right"] = 99.0
    if data.draw(st.booleans()) and len(np.unique(xp % 2.5)) == len(xp):
        # NumPy sorts the wrapped xp with an unstable sort: ties have no defined order.
        kw = {"period": data.draw(st.sampled_from([360, 2.5, -5.0]))}
    same_outcome(lambda: fnp.interp(fnp.array(x), fnp.array(xp), fnp.array(fp), **kw),
                 lambda: np.interp(x, xp, fp, **kw))


@given(st.data())
def test_interp_sorted_blocks(data):
    """The lockstep search for sorted `xp` (16+ points) and 64+ `x`: ties in `xp`, exact hits,
    NaN, infinities and points outside on both sides, in blocks and in the tail after them."""
    m = data.draw(st.integers(16, 40))
    pool = [-3.0, -1.0, 0.0, 0.5, 1.0, 2.5, 4.0, 7.0] + [float(v) for v in range(8, 40)]
    xp = np.sort(np.array(data.draw(st.lists(st.sampled_from(pool), min_size=m, max_size=m))))
    fp = np.array(data.draw(st.lists(st.floats(-10, 10) | st.sampled_from([np.inf, np.nan]), min_size=m, max_size=m)))
    n = data.draw(st.integers(64, 150))
    x = np.array(data.draw(st.lists(st.floats(-5, 45) | st.sampled_from([np.nan, np.inf, -np.inf] + pool),
                                    min_size=n, max_size=n)))
    kw = {"left": -99.0, "right": 99.0} if data.draw(st.booleans()) else {}
    same_outcome(lambda: fnp.interp(fnp.array(x), fnp.array(xp), fnp.array(fp), **kw),
                 lambda: np.interp(x, xp, fp, **kw))


def test_interp_large_and_scalars():
    rng = np.random.default_rng(1)
    xp = np.sort(rng.uniform(0, 100, 1000))
    fp = rng.normal(size=1000)
    x = rng.uniform(-5, 105, 200_000)
    assert_same(fnp.interp(fnp.array(x), fnp.array(xp), fnp.array(fp)), np.interp(x, xp, fp), exact=True)
    xs = np.sort(x)
    assert_same(fnp.interp(fnp.array(xs[::-3]), fnp.array(xp[:5]), fnp.array(fp[:5])),
                np.interp(xs[::-3], xp[:5], fp[:5]), exact=True)
    same_outcome(lambda: fnp.interp(2.5, [1, 2, 3], [3, 2, 0]), lambda: np.interp(2.5, [1, 2, 3], [3, 2, 0]))
    same_outcome(lambda: fnp.interp([0, 5], [1, 2, 3], [3j, 2, 0], left=1, right=2j),
                 lambda: np.interp([0, 5], [1, 2, 3], [3j, 2, 0], left=1, right=2j))


def test_interp_errors():
    cases = [
        ((1.0, [1, 2], [1, 2, 3]), {}),
        ((1.0, [], []), {}),
        (([], [], []), {}),
        ((1.0, [[1, 2]], [1, 2]), {}),
        ((1.0, [1, 2], 3.0), {}),
        ((1.0, [1, 2], [1, 2]), {"period": 0}),
        ((1.0, [[1, 2]], [1, 2]), {"period": 1}),
        ((1.0, [1, 2, 3], [1, 2]), {"period": 1}),
        ((1.0, [1, 2], [1, 2]), {"left": 1j}),
        ((1j, [1, 2], [1, 2]), {}),
        # All three arrays (the direct engine call).
        (([1.0], [1, 2], [1, 2, 3]), {}),
        (([1j], [1, 2], [1, 2]), {}),
        (([1.0], [1j, 2], [1, 2]), {}),
        (([1.0, 5.0], [1, 2], [1j, 2]), {"left": 1.5, "right": 2j}),
        (([[1.0, 3.0]], [1, 2], [[1, 2]]), {}),
        (([1.0], [], []), {}),
        (([[0.5, 1.5], [2.0, -1.0]], [1, 2], [3, 4]), {"right": -3.0}),
    ]
    for args, kw in cases:
        fa = tuple(fnp.array(a) if isinstance(a, list) else a for a in args)
        na = tuple(np.array(a) if isinstance(a, list) else a for a in args)
        same_outcome(lambda: fnp.interp(*fa, **kw), lambda: np.interp(*na, **kw))
        same_outcome(lambda: fnp.interp(*args, **kw), lambda: np.interp(*args, **kw))


# ----------------------------------------------------------------- trapezoid, cumulative ---
@settings(max_examples=100, deadline=None)
@given(st.data())
def test_trapezoid(data):
    dt = data.draw(st.sampled_from(NUMERIC))
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5))
    n, f = data.draw(array_pairs(dtype=dt, shape=shape, small=True))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    which = data.draw(st.sampled_from(["dx", "x1d", "xnd", "none"]))
    if which == "dx":
        kw = fkw = {"dx": 0.5}
    elif which == "x1d":
        x = np.arange(shape[axis]) ** 2 / 3.0
        kw, fkw = {"x": x}, {"x": fnp.array(x)}
    elif which == "xnd":
        x = np.cumsum(np.ones(shape), axis=axis)
        kw, fkw = {"x": x}, {"x": fnp.array(x)}
    else:
        kw = fkw = {}
    same_outcome(lambda: fnp.trapezoid(f, axis=axis, **fkw), lambda: np.trapezoid(n, axis=axis, **kw), exact=False)



@settings(max_examples=300, deadline=None)
@given(st.data())
def test_trapezoid_fused_exact(data):
    """Float ``y`` with a Python ``dx`` or ``x`` of its dtype is one engine pass plus the
    engine's pairwise sum: NumPy's values bit for bit (views and other dtypes of ``x`` take
    the ufunc chain, which must agree too)."""
    dt = data.draw(st.sampled_from(FLOATS))
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=6))
    n, f = data.draw(array_pairs(dtype=dt, shape=shape, small=data.draw(st.booleans())))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    which = data.draw(st.sampled_from(["dx", "x1d", "xnd", "none"]))
    kw = fkw = {}
    if which == "dx":
        kw = fkw = {"dx": data.draw(st.sampled_from([0.5, 0.1, -2.25, 3, 0, 1e-3]))}
    elif which != "none":
        xdt = data.draw(st.sampled_from([dt, dt, np.dtype(np.float64), np.dtype(np.int64)]))
        xs = (shape[axis],) if which == "x1d" else shape
        x, fx = data.draw(array_pairs(dtype=xdt, shape=xs, small=True))
        kw, fkw = {"x": x}, {"x": fx}
    with np.errstate(all="ignore"):
        same_outcome(lambda: fnp.trapezoid(f, axis=axis, **fkw), lambda: np.trapezoid(n, axis=axis, **kw),
                     exact=True)


def test_trapezoid_fused_long():
    """Long rows: the pairwise summation order of NumPy's sum (exact equality)."""
    rng = np.random.default_rng(5)
    for dt in FLOATS:
        n = rng.random((3, 1000)).astype(dt)
        f = fnp.array(n)
        x = np.cumsum(rng.random(1000)).astype(dt)
        for axis in (0, 1, -1):
            same_outcome(lambda: fnp.trapezoid(f, dx=0.1, axis=axis), lambda: np.trapezoid(n, dx=0.1, axis=axis))
        same_outcome(lambda: fnp.trapezoid(f, fnp.array(x)), lambda: np.trapezoid(n, x))
        same_outcome(lambda: fnp.trapezoid(f[1]), lambda: np.trapezoid(n[1]))
        same_outcome(lambda: fnp.trapezoid(f[1, ::3]), lambda: np.trapezoid(n[1, ::3]))

@pytest.mark.parametrize("name", ["cumulative_sum", "cumulative_prod"])
@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_cumulative(name, dt):
    n = (np.arange(12) % 5).astype(dt).reshape(3, 4)
    f = fnp.array(n)
    ff, nf = getattr(fnp, name), getattr(np, name)
    for axis in (0, 1, -1):
        for init in (False, True):
            same_outcome(lambda: ff(f, axis=axis, include_initial=init), lambda: nf(n, axis=axis, include_initial=init),
                         exact=False)
    same_outcome(lambda: ff(f), lambda: nf(n))
    same_outcome(lambda: ff(f[0], include_initial=True), lambda: nf(n[0], include_initial=True), exact=False)
    same_outcome(lambda: ff(f[0, 0]), lambda: nf(n[0, 0]), exact=False)
    same_outcome(lambda: ff(f, axis=0, dtype=np.float64), lambda: nf(n, axis=0, dtype=np.float64), exact=False)
    out_n = np.zeros((4, 4), dtype=np.float64)
    out_f = fnp.zeros((4, 4), dtype=np.float64)
    r = ff(f, axis=0, out=out_f, include_initial=True)
    nf(n, axis=0, out=out_n, include_initial=True)
    assert r is out_f
    assert_same(out_f, out_n)


# -------------------------------------------------------------------- convolve, correlate ---
@settings(max_examples=200, deadline=None)
@given(st.data())
def test_convolve_correlate(data):
    dt1 = data.draw(st.sampled_from(ALL_DTYPES))
    dt2 = data.draw(st.sampled_from([dt1] + ALL_DTYPES))
    # Integer-valued elements, so float sums are exact in any order.
    n1, f1 = data.draw(array_pairs(dtype=dt1, shape=data.draw(SHAPES_1D), lo=-8, hi=8))
    n2, f2 = data.draw(array_pairs(dtype=dt2, shape=data.draw(SHAPES_1D), lo=-8, hi=8))
    if dt1.kind in "fc":
        n1 = np.round(n1)
        f1 = fnp.array(n1)
    if dt2.kind in "fc":
        n2 = np.round(n2)
        f2 = fnp.array(n2)
    mode = data.draw(st.sampled_from(["full", "same", "valid", 0, 1, 2]))
    s1, s2 = snapshot(f1), snapshot(f2)
    same_outcome(lambda: fnp.convolve(f1, f2, mode), lambda: np.convolve(n1, n2, mode))
    same_outcome(lambda: fnp.correlate(f1, f2, mode), lambda: np.correlate(n1, n2, mode))
    assert_unchanged(f1, s1)
    assert_unchanged(f2, s2)


def test_convolve_long_and_wraparound():
    rng = np.random.default_rng(0)
    a = rng.normal(size=100_003)
    v = rng.normal(size=101)
    for mode in ("full", "same", "valid"):
        assert_same(fnp.convolve(fnp.array(a), fnp.array(v), mode), np.convolve(a, v, mode), rtol=1e-12, atol=1e-12)
        c = a[:5000] + 1j * a[5000:10000]
        w = v + 2j
        assert_same(fnp.correlate(fnp.array(c), fnp.array(w), mode), np.correlate(c, w, mode), rtol=1e-12, atol=1e-11)
        assert_same(fnp.correlate(fnp.array(w), fnp.array(c), mode), np.correlate(w, c, mode), rtol=1e-12, atol=1e-11)
    for dt in INTS:
        x = np.array([100, 120, -7, 99, 3]).astype(dt)
        assert_same(fnp.convolve(fnp.array(x), fnp.array(x)), np.convolve(x, x))
    f32 = rng.normal(size=3000).astype(np.float32)
    assert_same(fnp.convolve(fnp.array(f32), fnp.array(f32[:40])), np.convolve(f32, f32[:40]), rtol=1e-4, atol=1e-4)


def test_convolve_errors():
    cases = [([], [1]), ([1], []), (1, [1]), ([[1]], [1]), ([1, 2], [[1]]), ([], []), ([[]], [1]),
             ([1, 2], 3.5), (2j, [1, 2, 3]), ([1, 2], [1, 2, 3, 4])]
    for a, v in cases:
        for wrap in (lambda x: x, fnp.asarray):
            same_outcome(lambda: fnp.convolve(wrap(a), wrap(v)), lambda: np.convolve(a, v))
            same_outcome(lambda: fnp.convolve(wrap(a), wrap(v), "same"), lambda: np.convolve(a, v, "same"))
        for fn in ("convolve", "correlate"):
            same_outcome(lambda: getattr(fnp, fn)(a, v), lambda: getattr(np, fn)(a, v))
    for mode in ["x", "V", "f", 3, 1.0, None]:
        same_outcome(lambda: fnp.correlate([1, 2], [1], mode), lambda: np.correlate([1, 2], [1], mode))
        same_outcome(lambda: fnp.convolve([1, 2], [1], mode), lambda: np.convolve([1, 2], [1], mode))
