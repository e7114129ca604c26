"""Sorting, searching and sets, differentially against NumPy: sort/argsort (functions and
methods, axes, kinds, NaN and complex orders, views), partition/argpartition, lexsort,
searchsorted, digitize, sort_complex, unique and its Array API forms, isin and the 1-d set
functions, count_nonzero(axis). Values, dtypes, shapes, exception class and message."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp

from conftest import (ALL_DTYPES, DTYPE_IDS, FLOATS, INEXACT, array_pairs, assert_same, assert_unchanged,
                      same_outcome, snapshot)

KINDS = [None, "quicksort", "mergesort", "heapsort", "stable"]
SHAPES = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=6)


def special_values(dt):
    """Values with ties, zeros of both signs, infinities and NaNs for dtype ``dt``."""
    dt = np.dtype(dt)
    if dt.kind == "b":
        return st.booleans()
    if dt.kind in "iu":
        info = np.iinfo(dt)
        return st.sampled_from([0, 1, 2, 3, info.max, info.min, 5, info.max - 1])
    if dt.kind == "f":
        return st.sampled_from([0.0, -0.0, 1.5, -2.0, np.inf, -np.inf, np.nan, 3.0, 1.5])
    parts = [0.0, -0.0, 1.0, -1.0, np.nan, np.inf]
    return st.builds(complex, st.sampled_from(parts), st.sampled_from(parts))


@st.composite
def sort_inputs(draw, views=True):
    dt = draw(st.sampled_from(ALL_DTYPES))
    shape = draw(SHAPES)
    n, f = draw(array_pairs(dtype=dt, shape=shape, views=views, small=draw(st.booleans())))
    if draw(st.booleans()) and n.size:
        # Ties and special values.
        vals = draw(hnp.arrays(dt, n.shape, elements=special_values(dt)))
        n = vals
        f = fnp.array(vals)
        if draw(st.booleans()) and n.ndim:
            n, f = n[..., ::-1], f[..., ::-1]
    axis = draw(st.one_of(st.none(), st.integers(-max(n.ndim, 1), max(n.ndim, 1) - 1)))
    return n, f, axis


def _has_ties(n, axis):
    if n.size == 0:
        return False
    s = np.sort(n, axis=axis)
    s = s.ravel() if axis is None else np.moveaxis(s, axis, -1)
    eq = s[..., 1:] == s[..., :-1]
    nan = np.isnan(s) if s.dtype.kind in "fc" else np.zeros(s.shape, bool)
    return bool(eq.any() or (nan[..., 1:] & nan[..., :-1]).any())


def _signbits(x):
    x = np.asarray(x)
    if x.dtype.kind == "f":
        return np.signbit(x)
    if x.dtype.kind == "c":
        return np.signbit(x.real), np.signbit(x.imag)
    return x


@settings(max_examples=300, deadline=None)
@given(sort_inputs(), st.sampled_from(KINDS))
def test_sort_argsort(inp, kind):
    n, f, axis = inp
    snap = snapshot(f)
    rf, rn = same_outcome(lambda: fnp.sort(f, axis=axis, kind=kind), lambda: np.sort(n, axis=axis, kind=kind))
    if rn is not None and kind in ("mergesort", "stable"):
        # A stable sort keeps tied zeros and NaNs in their order.
        np.testing.assert_array_equal(_signbits(rf), _signbits(rn))
    if rn is not None and n.dtype.kind == "c":
        # Complex NaN classes: the parts in place, not just "a NaN".
        np.testing.assert_array_equal(np.isnan(np.asarray(rf).real), np.isnan(rn.real))
        np.testing.assert_array_equal(np.isnan(np.asarray(rf).imag), np.isnan(rn.imag))
    if n.ndim == 0:
        # The arg functions read a 0-d array as 1-d.
        same_outcome(lambda: fnp.argsort(f, axis=axis, kind=kind), lambda: np.argsort(n, axis=axis, kind=kind))
        return
    af, an = fnp.argsort(f, axis=axis, kind=kind), None
    an_err = None
    try:
        an = np.argsort(n, axis=axis, kind=kind)
    except Exception as e:  # noqa: BLE001
        an_err = e
    if an_err is None:
        assert af.dtype == an.dtype and af.shape == an.shape
        if kind in ("mergesort", "stable") or not _has_ties(n, axis):
            np.testing.assert_array_equal(np.asarray(af), an)
        else:
            src = n.ravel() if axis is None else n
            ax = 0 if axis is None else axis
            np.testing.assert_array_equal(np.take_along_axis(src, np.asarray(af), ax),
                                          np.take_along_axis(src, an, ax))
    assert_unchanged(f, snap)


@settings(max_examples=150, deadline=None)
@given(sort_inputs(), st.sampled_from(KINDS))
def test_sort_method_in_place(inp, kind):
    n, f, axis = inp
    n = n.copy()
    if axis is None:
        axis = -1
    base = fnp.array(n)
    view = base[..., ::-1] if n.ndim else base
    nview = n[..., ::-1] if n.ndim else n
    rf, rn = same_outcome(lambda: view.sort(axis=axis, kind=kind), lambda: nview.sort(axis=axis, kind=kind))
    np.testing.assert_array_equal(np.asarray(base), n)


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_sort_large_every_dtype(dt):
    # Long lanes take the radix sort and the parallel paths.
    rng = np.random.default_rng(1)
    if dt.kind == "b":
        n = rng.integers(0, 2, 70_000).astype(dt)
    elif dt.kind in "iu":
        info = np.iinfo(dt)
        n = rng.integers(info.min, info.max, 70_000, dtype=dt, endpoint=True)
    else:
        n = (rng.standard_normal(70_000) * 100).astype(dt)
        if dt.kind == "c":
            n = n + 1j * rng.integers(-3, 3, n.size)
        n[::97] = np.nan
        n[::89] = -0.0
        n[::83] = 0.0
    n = n.astype(dt)
    f = fnp.array(n)
    for kind in KINDS:
        assert_same(fnp.sort(f, kind=kind), np.sort(n, kind=kind), exact=True)
    np.testing.assert_array_equal(np.asarray(fnp.argsort(f, kind="stable")), np.argsort(n, kind="stable"))
    # 2-d, along both axes, and a strided view.
    n2, f2 = n[:69_000].reshape(300, 230)[:, ::-2], f[:69_000].reshape(300, 230)[:, ::-2]
    for ax in (0, 1, None):
        assert_same(fnp.sort(f2, axis=ax), np.sort(n2, axis=ax), exact=True)
        np.testing.assert_array_equal(np.asarray(fnp.argsort(f2, axis=ax, stable=True)),
                                      np.argsort(n2, axis=ax, stable=True))


def test_sort_orders_of_specials():
    x = np.array([np.nan, -np.nan, 1.0, -0.0, 0.0, -np.inf, np.inf, np.nan], dtype=np.float64)
    for dt in FLOATS:
        n = x.astype(dt)
        np.testing.assert_array_equal(np.asarray(fnp.argsort(fnp.array(n), stable=True)), np.argsort(n, stable=True))
    c = np.array([complex(np.nan, 1), complex(1, np.nan), complex(2, 0), complex(np.nan, np.nan),
                  complex(np.nan, -1), complex(-1, np.nan), complex(1, -5), complex(1, 5)])
    for dt in (np.complex64, np.complex128):
        n = c.astype(dt)
        np.testing.assert_array_equal(np.asarray(fnp.argsort(fnp.array(n))), np.argsort(n, stable=True))
        np.testing.assert_array_equal(np.asarray(fnp.sort(fnp.array(n))), np.sort(n))


@pytest.mark.parametrize("call", [
    lambda m, a: m.sort(a, kind="xyz"),
    lambda m, a: m.sort(a, kind=""),
    lambda m, a: m.sort(a, kind=3),
    lambda m, a: m.sort(a, kind="stable", stable=True),
    lambda m, a: m.sort(a, order="x"),
    lambda m, a: m.sort(m.asarray(3.0)),
    lambda m, a: m.sort(a, axis=1),
    lambda m, a: m.sort(a, axis=1.5),
    lambda m, a: m.argsort(a, axis=-2),
    lambda m, a: m.argsort(m.asarray(3.0)),
    lambda m, a: m.argsort(m.asarray(3.0), axis=None),
    lambda m, a: m.argsort(m.asarray(3.0), axis=1),
    lambda m, a: m.argpartition(m.asarray(3.0), 0),
    lambda m, a: m.argpartition(m.asarray(3.0), 0, axis=1),
    lambda m, a: m.asarray(3.0).argsort(),
    lambda m, a: m.sort(m.asarray(3.0), axis=None),
    lambda m, a: m.sort(a, kind="Quick"),
    lambda m, a: m.sort(a, kind="m", stable=None),
    lambda m, a: m.sort(a, stable=False),
    lambda m, a: m.partition(a, 5),
    lambda m, a: m.partition(a, -6),
    lambda m, a: m.partition(a, -5),
    lambda m, a: m.partition(a, [1, 7]),
    lambda m, a: m.partition(a, 1.5),
    lambda m, a: m.partition(a, []),
    lambda m, a: m.partition(a, True),
    lambda m, a: m.partition(a, [[1]]),
    lambda m, a: m.partition(a, 2, kind="x"),
    lambda m, a: m.argpartition(a, 5),
    lambda m, a: m.partition(m.asarray(3.0), 0),
    lambda m, a: m.partition(m.asarray(3.0), 0, axis=None),
    lambda m, a: m.searchsorted(m.ones((2, 2)), 1),
    lambda m, a: m.searchsorted(m.asarray(3.0), 1),
    lambda m, a: m.searchsorted(a, 1, side="x"),
    lambda m, a: m.searchsorted(a, 1, side="R"),
    lambda m, a: m.searchsorted(a, 1, sorter=[0, 1]),
    lambda m, a: m.searchsorted(a, 1, sorter=[0, 1, 2, 3, 4.0]),
    lambda m, a: m.lexsort([]),
    lambda m, a: m.lexsort([[1, 2], [1, 2, 3]]),
    lambda m, a: m.lexsort(m.asarray(3)),
    lambda m, a: m.lexsort([[1, 2]], axis=1),
    lambda m, a: m.lexsort([m.asarray(3)]),
    lambda m, a: m.digitize([1, 2], [1, 3, 2]),
    lambda m, a: m.digitize([1, 2], [[1, 3, 2]]),
    lambda m, a: m.digitize([1j], [1, 3]),
    lambda m, a: m.isin([1, 2], [1], kind="x"),
    lambda m, a: m.isin([1.0, 2], [1], kind="table"),
    lambda m, a: m.unique(m.zeros((2, 3)), axis=2),
    lambda m, a: m.unique(m.zeros((2, 3)), axis=-3),
    lambda m, a: m.unique(a, axis=1),
    lambda m, a: m.sort_complex(m.asarray(3)),
], ids=lambda c: "")
def test_errors_and_edge_calls(call):
    n = np.arange(5.0)
    f = fnp.array(n)
    same_outcome(lambda: call(fnp, f), lambda: call(np, n))


def test_read_only_in_place():
    for m in (np, fnp):
        a = m.arange(4.0)[::-1]
        a.flags.writeable = False
        with pytest.raises(ValueError, match="sort array is read-only"):
            a.sort()
        with pytest.raises(ValueError, match="partition array is read-only"):
            a.partition(1)


# ---------------------------------------------------------------------------- partition ---
def _check_partition(res, n, kth, axis, arg):
    """NumPy's guarantee, and that the kth values are NumPy's."""
    src = n.ravel() if axis is None else n
    ax = -1 if axis is None else axis
    vals = np.take_along_axis(src, res, ax) if arg else res
    s = np.sort(src, axis=ax)
    m = np.moveaxis(vals, ax, -1)
    ms = np.moveaxis(s, ax, -1)
    if arg:
        # A permutation of each lane.
        np.testing.assert_array_equal(np.sort(np.moveaxis(res, ax, -1), axis=-1),
                                      np.broadcast_to(np.arange(m.shape[-1]), m.shape))
    np.testing.assert_array_equal(np.sort(m, axis=-1), ms)
    L = m.shape[-1]
    for k in np.atleast_1d(kth):
        k = int(k) % L
        np.testing.assert_array_equal(m[..., k], ms[..., k])
        # Nothing after kth is smaller, nothing before is greater (in sort order).
        if n.dtype.kind not in "fc" and L:
            assert (m[..., :k] <= m[..., k:k + 1]).all() and (m[..., k + 1:] >= m[..., k:k + 1]).all()


@settings(max_examples=200, deadline=None)
@given(sort_inputs(), st.data())
def test_partition(inp, data):
    n, f, axis = inp
    L = n.size if axis is None else (n.shape[axis] if n.ndim else 0)
    if L == 0:
        return
    kth = data.draw(st.one_of(st.integers(-L, L - 1), st.lists(st.integers(-L, L - 1), min_size=1, max_size=3)))
    for arg in (False, True):
        fn = fnp.argpartition if arg else fnp.partition
        nn = np.argpartition if arg else np.partition
        rn = nn(n, kth, axis=axis)
        rf = fn(f, kth, axis=axis)
        assert rf.dtype == rn.dtype and rf.shape == rn.shape
        _check_partition(np.asarray(rf), n, kth, axis, arg)
    if axis is not None:
        g = fnp.array(n)
        g.partition(kth, axis=axis)
        _check_partition(np.asarray(g), n, kth, axis, False)
        _check_partition(np.asarray(fnp.array(n).argpartition(kth, axis=axis)), n, kth, axis, True)


def test_partition_large():
    rng = np.random.default_rng(2)
    n = rng.standard_normal(100_001)
    n[::7] = np.nan
    f = fnp.array(n)
    for kth in (0, 50_000, -1, [10, 99_000, 5]):
        _check_partition(np.asarray(fnp.partition(f, kth)), n, kth, -1, False)
        _check_partition(np.asarray(fnp.argpartition(f, kth)), n, kth, -1, True)


# ------------------------------------------------------------------------------ lexsort ---
@settings(max_examples=150, deadline=None)
@given(st.data())
def test_lexsort(data):
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=5))
    k = data.draw(st.integers(1, 3))
    keys = []
    for _ in range(k):
        dt = data.draw(st.sampled_from(ALL_DTYPES))
        keys.append(data.draw(hnp.arrays(dt, shape, elements=special_values(dt))))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    same_outcome(lambda: fnp.lexsort([fnp.array(x) for x in keys], axis=axis), lambda: np.lexsort(keys, axis=axis))
    if all(x.dtype == keys[0].dtype for x in keys):
        st_n = np.stack(keys)
        same_outcome(lambda: fnp.lexsort(fnp.array(st_n), axis=axis), lambda: np.lexsort(st_n, axis=axis))


def test_lexsort_tuples_and_large():
    same_outcome(lambda: fnp.lexsort(((3, 1, 2), (1, 1, 0))), lambda: np.lexsort(((3, 1, 2), (1, 1, 0))))
    rng = np.random.default_rng(3)
    a, b = rng.integers(0, 10, 50_000), rng.standard_normal(50_000).round(1)
    same_outcome(lambda: fnp.lexsort([fnp.array(b), fnp.array(a)]), lambda: np.lexsort([b, a]))


# ------------------------------------------------------------------------- searchsorted ---
@settings(max_examples=250, deadline=None)
@given(st.data())
def test_searchsorted(data):
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    m = data.draw(st.integers(0, 12))
    a = data.draw(hnp.arrays(dt, m, elements=special_values(dt)))
    vdt = data.draw(st.sampled_from([dt] + ALL_DTYPES))
    vshape = data.draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=5))
    v = data.draw(hnp.arrays(vdt, vshape, elements=special_values(vdt)))
    side = data.draw(st.sampled_from(["left", "right"]))
    use_sorter = data.draw(st.booleans())
    if use_sorter:
        sorter = np.argsort(a, kind="stable")
        same_outcome(lambda: fnp.searchsorted(fnp.array(a), fnp.array(v), side=side, sorter=fnp.array(sorter)),
                     lambda: np.searchsorted(a, v, side=side, sorter=sorter))
    a = np.sort(a)
    same_outcome(lambda: fnp.searchsorted(fnp.array(a), fnp.array(v), side=side),
                 lambda: np.searchsorted(a, v, side=side))
    same_outcome(lambda: fnp.array(a).searchsorted(fnp.array(v), side),
                 lambda: a.searchsorted(v, side))
    if v.ndim == 0:
        x = v.item()
        same_outcome(lambda: fnp.searchsorted(fnp.array(a), x, side=side), lambda: np.searchsorted(a, x, side=side))


def test_searchsorted_large_and_scalars():
    rng = np.random.default_rng(4)
    a = np.sort(rng.standard_normal(200_000))
    v = rng.standard_normal(100_000)
    for side in ("left", "right"):
        same_outcome(lambda: fnp.searchsorted(fnp.array(a), fnp.array(v), side),
                     lambda: np.searchsorted(a, v, side))
        same_outcome(lambda: fnp.searchsorted(fnp.array(a), fnp.array(np.sort(v)), side),
                     lambda: np.searchsorted(a, np.sort(v), side))
    i8 = np.array([1, 2, 100], np.int8)
    for x in (1000, 1.5, -1, 2):
        same_outcome(lambda: fnp.searchsorted(fnp.array(i8), x), lambda: np.searchsorted(i8, x))
    u = np.array([1, 2, 100], np.uint64)
    same_outcome(lambda: fnp.searchsorted(fnp.array(u), -1), lambda: np.searchsorted(u, -1))
    same_outcome(lambda: fnp.searchsorted([1, 2, 3], [[2, 3]]), lambda: np.searchsorted([1, 2, 3], [[2, 3]]))


# ----------------------------------------------------------------------------- digitize ---
@settings(max_examples=150, deadline=None)
@given(st.data())
def test_digitize(data):
    dt = data.draw(st.sampled_from([d for d in ALL_DTYPES if d.kind != "c"]))
    bins = np.sort(data.draw(hnp.arrays(np.float64, data.draw(st.integers(0, 6)),
                                        elements=st.sampled_from([0.0, 1.0, 2.5, -3.0, 7.0, np.inf, np.nan]))))
    if data.draw(st.booleans()):
        bins = bins[::-1]
    if data.draw(st.booleans()):
        bins = data.draw(st.permutations(list(bins))) if len(bins) else bins
        bins = np.asarray(bins, dtype=np.float64)
    x = data.draw(hnp.arrays(dt, data.draw(hnp.array_shapes(min_dims=0, max_dims=2, max_side=4)),
                             elements=special_values(dt)))
    right = data.draw(st.booleans())
    same_outcome(lambda: fnp.digitize(fnp.array(x), fnp.array(bins), right=right),
                 lambda: np.digitize(x, bins, right=right))


# ----------------------------------------------------------------------- sort_complex ---
@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_sort_complex(dt):
    n = np.array([3, 1, 0, 2, 1, 5], dtype=dt)
    same_outcome(lambda: fnp.sort_complex(fnp.array(n)), lambda: np.sort_complex(n))
    same_outcome(lambda: fnp.sort_complex(fnp.array(n).reshape(2, 3)), lambda: np.sort_complex(n.reshape(2, 3)))


# ------------------------------------------------------------------------------ unique ---
@settings(max_examples=250, deadline=None)
@given(sort_inputs(), st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_unique(inp, ri, rv, rc, equal_nan):
    n, f, axis = inp
    if n.ndim == 0 or (axis is not None and n.ndim == 1 and n.size == 0):
        axis = None
    same_outcome(lambda: fnp.unique(f, ri, rv, rc, axis=axis, equal_nan=equal_nan),
                 lambda: np.unique(n, ri, rv, rc, axis=axis, equal_nan=equal_nan))


@settings(max_examples=120, deadline=None)
@given(sort_inputs())
def test_unique_array_api(inp):
    n, f, _ = inp
    for name in ("unique_all", "unique_counts", "unique_inverse"):
        rf, rn = getattr(fnp, name)(f), getattr(np, name)(n)
        assert type(rf) is type(rn)
        # NumPy's hash path orders these freely; compare through the sorted order.
        order = np.argsort(rn.values, kind="stable")
        forder = np.argsort(np.asarray(rf.values), kind="stable")
        for field in rn._fields:
            a, b = np.asarray(getattr(rf, field)), getattr(rn, field)
            assert a.dtype == b.dtype and a.shape == b.shape, field
            if field == "inverse_indices":
                np.testing.assert_array_equal(np.asarray(rf.values)[a], rn.values[b])
            else:
                np.testing.assert_array_equal(a[forder], b[order])
    rf, rn = fnp.unique_values(f), np.unique_values(n)
    assert isinstance(rf, fnp.ndarray) and rf.dtype == rn.dtype and rf.shape == rn.shape
    np.testing.assert_array_equal(np.asarray(rf), np.sort(rn))


def test_unique_large_and_scalars():
    rng = np.random.default_rng(5)
    a = rng.integers(0, 1000, 100_000)
    same_outcome(lambda: fnp.unique(fnp.array(a), True, True, True), lambda: np.unique(a, True, True, True))
    same_outcome(lambda: fnp.unique(fnp.array(a)), lambda: np.unique(a))
    b = rng.integers(0, 3, (50, 4))
    for ax in (0, 1, -1):
        same_outcome(lambda: fnp.unique(fnp.array(b), True, True, True, axis=ax),
                     lambda: np.unique(b, True, True, True, axis=ax))
    same_outcome(lambda: fnp.unique(3.0), lambda: np.unique(3.0))
    same_outcome(lambda: fnp.unique(fnp.asarray(3.0), return_inverse=True),
                 lambda: np.unique(np.asarray(3.0), return_inverse=True))
    same_outcome(lambda: fnp.unique([[1, 1], [2, 2]], axis=0, return_inverse=True),
                 lambda: np.unique([[1, 1], [2, 2]], axis=0, return_inverse=True))
    same_outcome(lambda: fnp.unique(fnp.zeros((3, 0)), axis=0), lambda: np.unique(np.zeros((3, 0)), axis=0))


# ---------------------------------------------------------------------------- isin, sets ---
@st.composite
def two_1d(draw):
    d1 = draw(st.sampled_from(ALL_DTYPES))
    d2 = draw(st.sampled_from([d1, d1] + ALL_DTYPES))
    s1 = draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=6))
    a = draw(hnp.arrays(d1, s1, elements=special_values(d1)))
    b = draw(hnp.arrays(d2, draw(st.integers(0, 8)), elements=special_values(d2)))
    return a, b


@settings(max_examples=250, deadline=None)
@given(two_1d(), st.booleans(), st.sampled_from([None, "sort", "table"]))
def test_isin(ab, invert, kind):
    a, b = ab
    same_outcome(lambda: fnp.isin(fnp.array(a), fnp.array(b), invert=invert, kind=kind),
                 lambda: np.isin(a, b, invert=invert, kind=kind))


def test_isin_large():
    rng = np.random.default_rng(6)
    a, b = rng.integers(0, 10**6, 100_000), rng.integers(0, 10**6, 1000)
    same_outcome(lambda: fnp.isin(fnp.array(a), fnp.array(b)), lambda: np.isin(a, b))
    x = rng.standard_normal(100_000).round(2)
    same_outcome(lambda: fnp.isin(fnp.array(x), fnp.array(x[:500]), invert=True),
                 lambda: np.isin(x, x[:500], invert=True))
    same_outcome(lambda: fnp.isin(3, [1, 3]), lambda: np.isin(3, [1, 3]))


@settings(max_examples=200, deadline=None)
@given(two_1d(), st.booleans())
def test_set_functions(ab, ri):
    a, b = ab
    a = a.ravel()
    fa, fb = fnp.array(a), fnp.array(b)
    same_outcome(lambda: fnp.intersect1d(fa, fb, return_indices=ri), lambda: np.intersect1d(a, b, return_indices=ri))
    same_outcome(lambda: fnp.union1d(fa, fb), lambda: np.union1d(a, b))
    same_outcome(lambda: fnp.setdiff1d(fa, fb), lambda: np.setdiff1d(a, b))
    same_outcome(lambda: fnp.setxor1d(fa, fb), lambda: np.setxor1d(a, b))
    ua, ub = np.unique(a), np.unique(b)
    fua, fub = fnp.array(ua), fnp.array(ub)
    same_outcome(lambda: fnp.intersect1d(fua, fub, assume_unique=True, return_indices=ri),
                 lambda: np.intersect1d(ua, ub, assume_unique=True, return_indices=ri))
    same_outcome(lambda: fnp.setdiff1d(fua, fub, assume_unique=True),
                 lambda: np.setdiff1d(ua, ub, assume_unique=True))
    same_outcome(lambda: fnp.setxor1d(fua, fub, assume_unique=True),
                 lambda: np.setxor1d(ua, ub, assume_unique=True))
    same_outcome(lambda: fnp.isin(fua, fub, assume_unique=True), lambda: np.isin(ua, ub, assume_unique=True))


# ----------------------------------------------------------------- count_nonzero(axis) ---
@settings(max_examples=150, deadline=None)
@given(st.data())
def test_count_nonzero_axis(data):
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    n, f = data.draw(array_pairs(dtype=dt, shape=SHAPES))
    nd = max(n.ndim, 1)
    axis = data.draw(st.one_of(st.none(), st.integers(-nd - 1, nd),
                               st.lists(st.integers(-nd, nd - 1), max_size=3).map(tuple)))
    keep = data.draw(st.booleans())
    same_outcome(lambda: fnp.count_nonzero(f, axis=axis, keepdims=keep),
                 lambda: np.count_nonzero(n, axis=axis, keepdims=keep))
