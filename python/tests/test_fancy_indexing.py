"""Advanced indexing (integer arrays, boolean masks, mixed with integers, slices, None and ...),
getitem and setitem, differentially against NumPy: values, dtype, shape, copies, exception class
and message, inputs unchanged on error."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ferronum as fnp

from conftest import ALL_DTYPES, DTYPE_IDS, array_pairs, assert_same, run, snapshot, assert_unchanged

SHAPES = st.lists(st.integers(0, 5), min_size=0, max_size=4).map(tuple)


@st.composite
def index_items(draw, shape):
    """An index expression for an array of ``shape``: mostly valid, sometimes not (out of range,
    wrong mask shape, too many items, unbroadcastable arrays)."""
    nd = len(shape)
    items = []
    dim = 0
    n_items = draw(st.integers(0, nd + 1))
    used_ellipsis = False
    for _ in range(n_items):
        size = shape[dim] if dim < nd else 1
        kind = draw(st.sampled_from(["int", "slice", "none", "ellipsis", "array", "list", "mask", "bool"]))
        if kind == "int":
            items.append(draw(st.integers(-size - 1, size)))
            dim += 1
        elif kind == "slice":
            items.append(slice(draw(st.none() | st.integers(-6, 6)), draw(st.none() | st.integers(-6, 6)),
                               draw(st.sampled_from([None, 1, 2, -1, -2]))))
            dim += 1
        elif kind == "none":
            items.append(None)
        elif kind == "ellipsis":
            if used_ellipsis and draw(st.integers(0, 9)) > 0:
                continue
            used_ellipsis = True
            items.append(Ellipsis)
            dim = max(dim, nd - (n_items - len(items)))
        elif kind in ("array", "list"):
            ishape = draw(st.sampled_from([(), (1,), (2,), (3,), (2, 1), (1, 3), (0,)]))
            hi = max(size, 1)
            vals = draw(st.lists(st.integers(-hi - (draw(st.integers(0, 20)) == 0), hi - 1 + (draw(st.integers(0, 20)) == 0)),
                                 min_size=int(np.prod(ishape)), max_size=int(np.prod(ishape))))
            dt = draw(st.sampled_from([np.int64, np.int32, np.uint8, np.int8, np.intp]))
            if draw(st.integers(0, 30)) == 0:
                dt = np.float64
            if np.dtype(dt).kind == "u":
                vals = [abs(v) for v in vals]
            if np.dtype(dt).itemsize == 1:
                vals = [max(min(v, 100), -100) for v in vals]
            arr = np.array(vals, dtype=dt).reshape(ishape)
            items.append(arr.tolist() if kind == "list" and arr.ndim > 0 and dt != np.float64 else arr)
            dim += 1
        elif kind == "mask":
            k = draw(st.integers(0, min(2, max(nd - dim, 0))))
            mshape = tuple(shape[dim:dim + k])
            if draw(st.integers(0, 10)) == 0 and k > 0:
                mshape = tuple(s + 1 for s in mshape)
            m = np.array(draw(st.lists(st.booleans(), min_size=int(np.prod(mshape)), max_size=int(np.prod(mshape)))),
                         dtype=bool).reshape(mshape)
            items.append(m)
            dim += k
        else:
            items.append(draw(st.booleans()))
    return tuple(items)


def to_f(item):
    """The same index item with its NumPy arrays turned into ferronum arrays (half the time the
    NumPy array itself is passed, which ferronum must accept too)."""
    if isinstance(item, np.ndarray) and item.ndim > 0 and item.size % 2 == 0:
        return fnp.array(item)
    return item


def assert_same_outcome(fnp_call, np_call):
    rn, en = run(np_call)
    rf, ef = run(fnp_call)
    if en is not None:
        assert ef is not None, f"NumPy raised {type(en).__name__}: {en}; ferronum returned {rf!r}"
        assert type(ef) is type(en) or isinstance(ef, type(en)), (ef, en)
        assert str(ef) == str(en), (str(ef), str(en))
        return None, None
    assert ef is None, f"ferronum raised {type(ef).__name__}: {ef}; NumPy returned {rn!r}"
    return rf, rn


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_getitem_matches_numpy(data):
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    shape = data.draw(SHAPES)
    n, f = data.draw(array_pairs(dtype=dt, shape=shape))
    idx = data.draw(index_items(shape))
    fidx = tuple(to_f(i) for i in idx)
    snap = snapshot(f)
    rf, rn = assert_same_outcome(lambda: f[fidx], lambda: n[idx])
    assert_unchanged(f, snap)
    if rn is None:
        return
    assert_same(rf, rn, exact=True)
    if isinstance(rn, np.ndarray) and not np.shares_memory(rn, n) and rn.size:
        # NumPy copies: so must ferronum (writing the result leaves the input alone).
        rf[...] = rf
        flat = rf.reshape(-1)
        flat[0] = flat[-1]
        assert_unchanged(f, snap)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_setitem_matches_numpy(data):
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    shape = data.draw(SHAPES)
    n, f = data.draw(array_pairs(dtype=dt, shape=shape))
    idx = data.draw(index_items(shape))
    fidx = tuple(to_f(i) for i in idx)
    rn, en = run(lambda: n[idx])
    if en is None and isinstance(rn, np.ndarray):
        vshape = rn.shape[data.draw(st.integers(0, rn.ndim)):]
        value = np.arange(1, int(np.prod(vshape)) + 1).reshape(vshape).astype(dt)
        if data.draw(st.integers(0, 8)) == 0:
            value = np.arange(7).astype(dt)  # mostly the wrong shape
    else:
        value = np.array(3).astype(dt)
    fvalue = fnp.array(value) if data.draw(st.booleans()) else value
    snap_n, snap_f = n.copy(), snapshot(f)

    def set_n():
        n[idx] = value

    def set_f():
        f[fidx] = fvalue

    _, en = run(set_n)
    _, ef = run(set_f)
    if en is not None:
        assert ef is not None and type(ef) is type(en) and str(ef) == str(en), (ef, en)
        assert_unchanged(f, snap_f)
        np.testing.assert_array_equal(n, snap_n)
        return
    assert ef is None, f"ferronum raised {type(ef).__name__}: {ef}"
    assert_same(f, n, exact=True)


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_every_dtype_gathers_and_scatters(dt):
    n = np.arange(24).reshape(4, 6).astype(dt)
    f = fnp.array(n)
    for idx in ([3, 0, -1], (slice(None), [5, 0]), ([[1], [2]], [0, 3, 5]), n.astype(bool) if dt != bool else n,
                (n[:, 0].astype(bool), slice(1, 4))):
        assert_same(f[idx], n[idx], exact=True)
        n2, f2 = n.copy(), fnp.array(n)
        n2[idx] = n[0, 0]
        f2[idx] = n[0, 0]
        assert_same(f2, n2, exact=True)


def test_repeated_indices_and_buffered_increment():
    n = np.zeros(5)
    f = fnp.zeros(5)
    n[[1, 1, 3, 1]] = [1, 2, 3, 4]
    f[[1, 1, 3, 1]] = [1, 2, 3, 4]
    assert_same(f, n, exact=True)
    n[[0, 0, 2]] += 1
    f[[0, 0, 2]] += 1
    assert_same(f, n, exact=True)
    assert np.asarray(f)[0] == 1.0


def test_overlapping_value_reads_before_writing():
    n = np.arange(10.0)
    f = fnp.arange(10.0)
    n[[0, 1, 2, 3]] = n[::-1][:4]
    f[[0, 1, 2, 3]] = f[::-1][:4]
    assert_same(f, n, exact=True)
    n[n > 4] = n[::-1][n[::-1] > 4][::-1]
    f[f > 4] = f[::-1][f[::-1] > 4][::-1]
    assert_same(f, n, exact=True)


def test_zero_d_masks_and_integer_arrays():
    n = np.arange(6).reshape(2, 3)
    f = fnp.array(n)
    for idx in (True, False, np.array(True), (0, True), (Ellipsis, False), np.array(1), (np.array(1), np.array(2)),
                ([0, 1], True), (True, [0, 1])):
        fi = tuple(fnp.array(i) if isinstance(i, np.ndarray) else i for i in idx) if isinstance(idx, tuple) else idx
        rf, rn = assert_same_outcome(lambda: f[fi], lambda: n[idx])
        assert_same(rf, rn, exact=True)
    z = np.array(5.0)
    assert_same(fnp.array(z)[True], z[True], exact=True)
    assert_same(fnp.array(z)[np.array(False)], z[np.array(False)], exact=True)


@pytest.mark.parametrize("idx", [
    [5], (slice(None), [3]), [-4], ([0, 1], [0, 1, 2]), np.array([[True, False]]),
    np.array([True, False, True]), (Ellipsis, np.zeros(5, bool)), [1.0], np.array([1.5]), "a",
    (0, 0, 0), (Ellipsis, Ellipsis, [0]), np.array(1.0), (None, [0, 1], [[7]]), [np.int64(2), 9],
])
def test_error_messages(idx):
    n = np.arange(6).reshape(2, 3)
    f = fnp.array(n)
    snap = snapshot(f)
    assert_same_outcome(lambda: f[idx], lambda: n[idx])
    def set_n():
        n[idx] = 1
    def set_f():
        f[idx] = 1
    assert_same_outcome(set_f, set_n)
    assert_unchanged(f, snap)


def test_setitem_value_errors_and_strings():
    n = np.zeros((3, 4))
    f = fnp.zeros((3, 4))
    for idx, value in (([0, 1], np.zeros(3)), (n > 0, [1, 2]), ([[0]], "abc"), (0, "abc"), ([1], "2.5")):
        def set_n():
            n[idx] = value
        def set_f():
            f[idx if not isinstance(idx, np.ndarray) else fnp.array(idx)] = value
        assert_same_outcome(set_f, set_n)
        assert_same(f, n, exact=True)
    i = np.zeros(3, int)
    fi = fnp.zeros(3, int)
    assert_same_outcome(lambda: fi.__setitem__([0], "x"), lambda: i.__setitem__([0], "x"))


def test_large_mask_and_take_use_the_pool():
    rng = np.random.default_rng(0)
    n = rng.standard_normal(300_000)
    f = fnp.array(n)
    m = n > 0.3
    assert_same(f[m], n[m], exact=True)
    assert_same(f[fnp.array(m)], n[m], exact=True)
    idx = rng.integers(-300_000, 300_000, 200_000)
    assert_same(f[idx], n[idx], exact=True)
    n2 = n.reshape(600, 500)
    f2 = fnp.array(n2)
    assert_same(f2[n2 > 1], n2[n2 > 1], exact=True)
    assert_same(f2[:, [4, 2, 2]], n2[:, [4, 2, 2]], exact=True)
    assert_same(f2[[4, 2, 2]], n2[[4, 2, 2]], exact=True)
    assert_same(f2.T[n2.T > 1], n2.T[n2.T > 1], exact=True)
    n2[n2 > 1] = 0.5
    f2[f2 > 1] = 0.5
    assert_same(f2, n2, exact=True)


@pytest.mark.parametrize("n_len", [0, 1, 7, 5000])
@pytest.mark.parametrize("bad", [[3, 7, -8, 100], [-8], [0, 1, 2, 10 ** 6, -10 ** 6], [2, -1, 6, -7]])
def test_one_dimensional_gather_and_scatter_report_the_first_bad_index(n_len, bad):
    """The 1-d int64 fast paths (ferronum index arrays, lists): NumPy's IndexError naming the
    first index out of range, nothing written on error, in-range indices gathered as NumPy."""
    n = np.arange(n_len, dtype=np.float64)
    f = fnp.array(n)
    for idx in (np.array(bad * 300), np.array(bad)):
        for fi in (fnp.array(idx), idx, list(idx)):
            assert_same_outcome(lambda: f[fi], lambda: n[idx])
            snap = snapshot(f)
            def set_n():
                n[idx] = -1.0
            def set_f():
                f[fi] = -1.0
            raised = not all(-n_len <= i < n_len for i in bad)
            assert_same_outcome(set_f, set_n)
            if raised:
                assert_unchanged(f, snap)
            assert_same(f, n, exact=True)
