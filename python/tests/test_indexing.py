"""Basic indexing: integers, slices (negative steps), Ellipsis, None; views alias their base;
__setitem__ with broadcasting and scalar casting; errors match NumPy's classes."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp

from conftest import (ALL_DTYPES, DTYPE_IDS, array_pairs, assert_same, assert_same_error, assert_unchanged,
                      check_both, elements, layout_strides, run, same_outcome, snapshot)


@st.composite
def basic_indices(draw, shape, allow_errors=True):
    """A basic index for `shape`: a tuple (or a single item) of ints, slices, Ellipsis and None.

    Items address either the leading axes (an Ellipsis, if any, after them) or the trailing
    axes (an Ellipsis before them). With allow_errors, out-of-range ints and one index too many
    occur too."""
    nd = len(shape)
    k = draw(st.integers(0, nd))
    trailing = draw(st.booleans())
    dims = list(shape[nd - k:] if trailing else shape[:k])
    if allow_errors and draw(st.integers(0, 4)) == 0:
        dims.append(1)  # one index too many (or, with an int 0, an IndexError)
    items = []
    for n in dims:
        if draw(st.integers(0, 5)) == 0:
            items.append(None)
        kind = draw(st.sampled_from(["int", "slice", "slice", "full"]))
        if kind == "int" and (allow_errors or n > 0):
            lo, hi = (-n - 2, n + 1) if allow_errors else (-n, n - 1)
            items.append(draw(st.integers(lo, hi)))
        elif kind == "slice":
            step = draw(st.sampled_from([None, 1, 2, 3, -1, -2, -3]))
            start = draw(st.one_of(st.none(), st.integers(-n - 2, n + 2)))
            stop = draw(st.one_of(st.none(), st.integers(-n - 2, n + 2)))
            items.append(slice(start, stop, step))
        else:
            items.append(slice(None))
    if draw(st.booleans()) or (trailing and k < nd):
        items = [Ellipsis] + items if trailing else items + [Ellipsis]
    if draw(st.integers(0, 5)) == 0:
        items.append(None)
    if len(items) == 1 and draw(st.booleans()):
        return items[0]
    return tuple(items)


@given(array_pairs(), st.data())
def test_getitem_matches_numpy(pair, data):
    n, f = pair
    idx = data.draw(basic_indices(n.shape))
    rn, en = run(lambda: n[idx])
    if en is not None:
        assert_same_error(lambda: f[idx], lambda: n[idx])
        return
    rf = f[idx]
    assert_same(rf, rn, exact=True)
    if isinstance(rn, np.ndarray):
        assert layout_strides(rf) == layout_strides(rn), f"strides {rf.strides} vs {rn.strides}"


@given(array_pairs(), st.data())
def test_getitem_view_aliases_base(pair, data):
    n, f = pair
    idx = data.draw(basic_indices(n.shape, allow_errors=False))
    vn = n[idx]
    vf = f[idx]
    if not isinstance(vn, np.ndarray) or vn.size == 0:
        return
    one = np.ones((), dtype=n.dtype)[()]
    vn[...] = one
    vf[...] = one
    assert_same(f, n, exact=True)


def test_view_write_reaches_base():
    a = fnp.zeros((3, 4))
    b = a[:, 0]
    b[...] = 1
    assert_same(a, np.array([[1.0, 0, 0, 0]] * 3))
    c = a[::-1, ::-2]
    c[0, 0] = 7
    assert a[2, 3] == 7
    d = a[1]
    d[2] = 5
    assert a[1, 2] == 5
    e = a[None, ..., 1]
    e[0, 0] = -1
    assert a[0, 1] == -1


def test_negative_step_is_view_and_values():
    n = np.arange(10)
    f = fnp.arange(10)
    r = f[::-1]
    assert_same(r, n[::-1])
    assert r.strides == (-8,)
    assert np.shares_memory(np.asarray(r), np.asarray(f))
    assert_same(f[8:2:-3], n[8:2:-3])
    assert_same(f[-1:-11:-1], n[-1:-11:-1])
    assert_same(f[-100:100:-1], n[-100:100:-1])


def test_scalar_results_are_numpy_scalars():
    for dt in ALL_DTYPES:
        n = np.arange(6).astype(dt).reshape(2, 3)
        f = fnp.array(n)
        assert_same(f[1, 2], n[1, 2])
        assert_same(f[-1, -1], n[-1, -1])
        assert_same(f[1][2], n[1][2])
        assert_same(f[1, ...], n[1, ...])
        assert_same(f[1, 2, ...], n[1, 2, ...])  # 0-d array, not a scalar
        assert_same(f[1, 2, None], n[1, 2, None])


def test_zero_d_indexing():
    n, f = np.array(3.5), fnp.array(3.5)
    assert_same(f[()], n[()])
    assert_same(f[...], n[...])
    assert_same(f[None], n[None])
    assert_same(f[..., None], n[..., None])
    assert_same_error(lambda: f[0], lambda: n[0])
    assert_same_error(lambda: f[:], lambda: n[:])


@pytest.mark.parametrize("idx", [
    3, -4, (0, 3), (2, 0), (0, 0, 0), (..., 0, 0, 0), (0, ..., 0, ...), (slice(None),) * 3,
], ids=repr)
def test_index_errors(idx):
    n, f = np.zeros((2, 3)), fnp.zeros((2, 3))
    assert_same_error(lambda: f[idx], lambda: n[idx])


@pytest.mark.parametrize("idx", [1.5, "a", (0, 1.0), slice(0.5, 2)], ids=repr)
def test_bad_index_types(idx):
    n, f = np.zeros((2, 3)), fnp.zeros((2, 3))
    assert_same_error(lambda: f[idx], lambda: n[idx])


BIG = 2**63 - 1


@pytest.mark.parametrize("idx", [
    slice(None, None, BIG), slice(None, None, -BIG - 1), slice(None, None, -BIG), slice(1, None, BIG),
    slice(10**20), slice(-10**20, None), slice(10**20, None, -1), slice(None, -10**20, -1),
    slice(2, -10**30, -3), slice(0, None, 0), 10**20, -10**20, (0, 10**20), (slice(1, None, BIG), 2),
], ids=repr)
def test_extreme_slices_and_integers(idx):
    n, f = np.arange(30).reshape(10, 3), fnp.arange(30).reshape(10, 3)
    same_outcome(lambda: f[idx], lambda: n[idx])


def test_extreme_slice_setitem():
    n, f = np.arange(10), fnp.arange(10)
    for idx in (slice(None, None, BIG), slice(None, None, -BIG - 1), slice(-10**20, 10**20, 3)):
        n[idx] = -1
        f[idx] = -1
        assert_same(f, n)


def test_numpy_integer_indices():
    n, f = np.arange(12).reshape(3, 4), fnp.arange(12).reshape(3, 4)
    assert_same(f[np.int64(1)], n[np.int64(1)])
    assert_same(f[np.int8(-1), np.uint16(2)], n[np.int8(-1), np.uint16(2)])
    assert_same(f[np.int32(0):np.int32(3):np.int64(2)], n[np.int32(0):np.int32(3):np.int64(2)])


# ---------------------------------------------------------------------------- setitem ---
@st.composite
def set_values(draw, view_shape, dtype):
    """A value to assign: a Python scalar, a NumPy scalar, or an array broadcastable to view."""
    kind = draw(st.sampled_from(["py", "np_scalar", "array", "fnp_array", "list"]))
    safe = elements(dtype, small=True)
    if kind == "py":
        v = draw(safe)
        if isinstance(v, (np.generic,)):
            v = v.item()
        return v
    if kind == "np_scalar":
        return np.dtype(dtype).type(draw(safe))
    shp = draw(hnp.broadcastable_shapes(view_shape, min_dims=0, max_dims=len(view_shape), min_side=0))
    src_dt = draw(st.sampled_from([np.dtype(dtype), np.dtype(np.int16), np.dtype(np.float64)]))
    if np.dtype(dtype).kind in "iu" and src_dt.kind == "f":
        src_dt = np.dtype(dtype)
    arr = draw(hnp.arrays(src_dt, shp, elements=elements(src_dt, small=True)))
    if np.dtype(dtype).kind == "u":
        arr = abs(arr)
    if kind == "list":
        return arr.tolist()
    if kind == "fnp_array":
        return ("fnp", arr)
    return arr


@given(array_pairs(), st.data())
def test_setitem_matches_numpy(pair, data):
    n, f = pair
    n = n.copy()
    f = f.copy()
    idx = data.draw(basic_indices(n.shape))
    target, err = run(lambda: n[idx])
    vshape = target.shape if isinstance(target, np.ndarray) else ()
    value = data.draw(set_values(vshape, n.dtype))
    fvalue = fnp.array(value[1]) if isinstance(value, tuple) and value and value[0] == "fnp" else value
    nvalue = value[1] if isinstance(value, tuple) and value and value[0] == "fnp" else value
    before = snapshot(f)

    def do_np():
        n[idx] = nvalue

    def do_f():
        f[idx] = fvalue

    rn, en = run(do_np)
    if en is not None:
        assert_same_error(do_f, lambda: snapshot(n).__setitem__(idx, nvalue))
        assert_unchanged(f, before)
        return
    rf, ef = run(do_f)
    assert ef is None, f"ferronum raised {type(ef).__name__}: {ef}"
    assert_same(f, n, exact=True)


def test_setitem_broadcasting():
    n, f = np.zeros((3, 4), dtype=np.int32), fnp.zeros((3, 4), dtype=np.int32)
    n[...] = [1, 2, 3, 4]
    f[...] = [1, 2, 3, 4]
    assert_same(f, n)
    n[:, 1:3] = np.array([[7], [8], [9]])
    f[:, 1:3] = fnp.array([[7], [8], [9]])
    assert_same(f, n)
    n[::-1, ::2] = np.array([5, 6])
    f[::-1, ::2] = np.array([5, 6])
    assert_same(f, n)


def test_setitem_broadcast_mismatch_raises_and_leaves_input():
    n, f = np.zeros((3, 4)), fnp.zeros((3, 4))
    assert_same_error(lambda: f.__setitem__(slice(None), fnp.ones(3)), lambda: n.__setitem__(slice(None), np.ones(3)))
    assert_same_error(lambda: f.__setitem__(0, [1, 2]), lambda: n.__setitem__(0, [1, 2]))
    assert_unchanged(f, n)


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("value", [3.7, -2.2, True, 5, 1.5 + 2j, np.float64(2.9), np.int64(-3), 0.0], ids=repr)
def test_setitem_scalar_casting(dt, value):
    dt = np.dtype(dt)
    if dt.kind == "u" and np.real(value) < 0:
        pytest.skip("negative value into unsigned: UB-like for floats")
    n, f = np.zeros(3, dtype=dt), fnp.zeros(3, dtype=dt)

    def do_n():
        n[1] = value

    def do_f():
        f[1] = value

    rn, en = run(do_n)
    if en is not None:
        assert_same_error(do_f, do_n)
    else:
        rf, ef = run(do_f)
        assert ef is None, ef
    assert_same(f, n)


@pytest.mark.parametrize("dt,value", [(np.int8, 128), (np.int8, -129), (np.uint8, 256), (np.uint8, -1),
                                      (np.int64, 2**63), (np.uint64, 2**64), (np.int32, 2**100)])
def test_setitem_python_int_out_of_range_raises(dt, value):
    n, f = np.zeros(3, dtype=dt), fnp.zeros(3, dtype=dt)
    assert_same_error(lambda: f.__setitem__(0, value), lambda: n.__setitem__(0, value))
    assert_same_error(lambda: f.__setitem__(slice(None), value), lambda: n.__setitem__(slice(None), value))
    assert_unchanged(f, n)


@pytest.mark.parametrize("value", [float("nan"), float("inf")], ids=repr)
def test_setitem_nan_into_int_raises(value):
    n, f = np.zeros(3, dtype=np.int64), fnp.zeros(3, dtype=np.int64)
    assert_same_error(lambda: f.__setitem__(0, value), lambda: n.__setitem__(0, value))
    assert_unchanged(f, n)


def test_setitem_complex_into_real():
    n, f = np.zeros(3), fnp.zeros(3)
    check_both(lambda: f.__setitem__(0, 1 + 2j), lambda: n.__setitem__(0, 1 + 2j))
    assert_same(f, n)


def test_setitem_index_error_leaves_input():
    n, f = np.arange(6).reshape(2, 3), fnp.arange(6).reshape(2, 3)
    assert_same_error(lambda: f.__setitem__((2, 0), 1), lambda: n.__setitem__((2, 0), 1))
    assert_same_error(lambda: f.__setitem__((0, 0, 0), 1), lambda: n.__setitem__((0, 0, 0), 1))
    assert_unchanged(f, n)


def test_setitem_from_overlapping_self():
    n, f = np.arange(10), fnp.arange(10)
    n[1:] = n[:-1]
    f[1:] = f[:-1]
    assert_same(f, n)
    n, f = np.arange(10), fnp.arange(10)
    n[:] = n[::-1]
    f[:] = f[::-1]
    assert_same(f, n)
    n, f = np.arange(12).reshape(3, 4), fnp.arange(12).reshape(3, 4)
    n[...] = n.T.reshape(3, 4)
    f[...] = f.T.reshape(3, 4)
    assert_same(f, n)


def test_setitem_read_only_raises():
    base = np.arange(5)
    base.flags.writeable = False
    f = fnp.asarray(base)
    assert_same_error(lambda: f.__setitem__(0, 1), lambda: base.__setitem__(0, 1))
    assert_unchanged(f, np.arange(5))
