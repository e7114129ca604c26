"""NumPy interoperability: zero-copy both ways, __array__ (copy=, dtype=), __array_interface__,
lifetimes, read-only memory, and mixed ferronum/NumPy arithmetic."""

import gc
import operator

import numpy as np
import pytest
from hypothesis import given

import ferronum as fnp

from conftest import (ALL_DTYPES, DTYPE_IDS, array_pairs, assert_same, assert_same_error, assert_unchanged,
                      check_both)


# ------------------------------------------------------------ ferronum -> NumPy ---
@given(array_pairs())
def test_numpy_asarray_of_ferronum_is_zero_copy(pair):
    n, f = pair
    v = np.asarray(f)
    assert type(v) is np.ndarray
    assert v.dtype == n.dtype and v.shape == n.shape
    assert v.strides == f.strides
    np.testing.assert_array_equal(v, n)
    if f.size:
        assert np.shares_memory(v, np.asarray(f))
        v[...] = np.ones((), dtype=v.dtype)
        assert_same(f, np.ones(n.shape, n.dtype), exact=True)


def test_numpy_view_write_visible_in_ferronum():
    f = fnp.zeros((3, 4))
    v = np.asarray(f)
    v[1, 2] = 7.0
    assert f[1, 2] == 7.0
    w = np.asarray(f[::-1, ::2])
    w[0, 0] = 3.0
    assert f[2, 0] == 3.0
    assert v.__array_interface__["data"][0] == f.__array_interface__["data"][0]


def test_array_protocol_copy_and_dtype():
    f = fnp.arange(6).reshape(2, 3)
    a = f.__array__()
    assert isinstance(a, np.ndarray) and a.dtype == np.int64
    assert np.shares_memory(a, np.asarray(f))
    c = f.__array__(copy=True)
    assert not np.shares_memory(c, np.asarray(f))
    np.testing.assert_array_equal(c, np.arange(6).reshape(2, 3))
    c[0, 0] = 99
    assert f[0, 0] == 0
    nc = f.__array__(copy=False)
    assert np.shares_memory(nc, np.asarray(f))
    d = f.__array__(np.float32)
    assert d.dtype == np.float32
    np.testing.assert_array_equal(d, np.arange(6).reshape(2, 3).astype(np.float32))
    with pytest.raises(ValueError):
        f.__array__(np.float32, copy=False)
    # through NumPy's entry points
    assert not np.shares_memory(np.array(f), np.asarray(f))
    assert np.shares_memory(np.array(f, copy=False), np.asarray(f))
    assert np.asarray(f, dtype=np.complex64).dtype == np.complex64
    with pytest.raises(ValueError):
        np.array(f, dtype=np.float32, copy=False)


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_array_interface(dt):
    n = np.arange(12).reshape(3, 4).astype(dt)
    f = fnp.array(n)
    for fv, nv in [(f, n), (f.T, n.T), (f[::-1, 1::2], n[::-1, 1::2]), (f[1], n[1]), (f[1, 2, ...], n[1, 2, ...])]:
        ai = fv.__array_interface__
        assert ai["version"] == 3
        assert ai["shape"] == nv.shape
        assert np.dtype(ai["typestr"]) == nv.dtype
        assert ai["typestr"] == nv.__array_interface__["typestr"]
        assert ai["strides"] is None and nv.flags.c_contiguous or tuple(ai["strides"]) == nv.strides
        assert isinstance(ai["data"], tuple) and ai["data"][1] is False

        class Holder:
            pass

        h = Holder()
        h.__array_interface__ = ai
        h._keep = fv
        back = np.asarray(h)
        np.testing.assert_array_equal(back, nv)
        assert np.shares_memory(back, np.asarray(fv))


def test_numpy_view_outlives_ferronum_array():
    f = fnp.arange(100_000, dtype=np.float64)
    v = np.asarray(f)
    w = np.asarray(f[::-1])
    del f
    gc.collect()
    _ = [np.ones(100_000) for _ in range(5)]
    assert v.sum() == np.arange(100_000.0).sum()
    assert w[0] == 99_999.0


# ------------------------------------------------------------ NumPy -> ferronum ---
@given(array_pairs())
def test_ferronum_asarray_of_numpy_is_zero_copy(pair):
    n, _ = pair
    f = fnp.asarray(n)
    assert isinstance(f, fnp.ndarray)
    assert f.dtype == n.dtype and f.shape == n.shape and f.strides == n.strides
    np.testing.assert_array_equal(np.asarray(f), n)
    if n.size:
        assert np.shares_memory(np.asarray(f), n)
        f[...] = 1
        np.testing.assert_array_equal(n, np.ones(n.shape, n.dtype))


def test_ferronum_asarray_write_through_and_back():
    n = np.zeros((4, 5), dtype=np.int32)
    f = fnp.asarray(n)
    f[1, 2] = 5
    assert n[1, 2] == 5
    n[3, 4] = 9
    assert f[3, 4] == 9
    g = fnp.asarray(n[::-2, ::3])
    g[0, 1] = -1
    assert n[3, 3] == -1
    f += 1
    assert n[0, 0] == 1


def test_ferronum_array_copies_numpy():
    n = np.zeros(5)
    f = fnp.array(n)
    f[0] = 1
    assert n[0] == 0
    f2 = fnp.asarray(n, dtype=np.float32)
    assert f2.dtype == np.float32
    f3 = fnp.asarray(n, copy=True)
    f3[1] = 2
    assert n[1] == 0
    f4 = fnp.asarray(n, copy=False)
    f4[2] = 3
    assert n[2] == 3
    assert_same_error(lambda: fnp.asarray(n, dtype=np.float32, copy=False),
                      lambda: np.asarray(n, dtype=np.float32, copy=False))


def test_ferronum_asarray_of_ferronum_is_identity():
    f = fnp.arange(3)
    assert fnp.asarray(f) is f
    assert fnp.asarray(f, dtype=np.int64) is f or np.shares_memory(np.asarray(fnp.asarray(f, dtype=np.int64)), np.asarray(f))


def test_ferronum_view_keeps_numpy_alive():
    n = np.arange(50_000, dtype=np.int64)
    f = fnp.asarray(n)[::2]
    del n
    gc.collect()
    _ = [np.ones(50_000, dtype=np.int64) for _ in range(5)]
    assert fnp.sum(f) == np.arange(0, 50_000, 2).sum()


def test_read_only_numpy_stays_read_only():
    n = np.arange(5)
    n.flags.writeable = False
    f = fnp.asarray(n)
    assert f.flags.writeable is False
    assert_same_error(lambda: f.__setitem__(0, 1), lambda: n.__setitem__(0, 1))
    assert_same_error(lambda: operator.iadd(f, 1), lambda: operator.iadd(n, 1))
    assert_same_error(lambda: f.fill(3), lambda: n.fill(3))
    assert_same_error(lambda: fnp.add(f, 1, out=f), lambda: np.add(n, 1, out=n))
    assert_unchanged(f, np.arange(5))
    assert np.asarray(f).flags.writeable is False
    c = f.copy()
    assert c.flags.writeable is True
    assert_same(f + 1, n + 1)


def test_numpy_scalars_and_0d():
    for s in [np.float32(1.5), np.int8(-3), np.uint64(2**63), np.complex64(1 + 2j), np.bool_(True), np.float16(2.5)]:
        check_both(lambda: fnp.asarray(s), lambda: np.asarray(s))
    check_both(lambda: fnp.asarray(np.array(3.5)), lambda: np.asarray(np.array(3.5)))


def test_unsupported_numpy_dtypes_raise():
    assert_same_error(lambda: fnp.asarray(np.array(["a", "b"])) + 1, lambda: np.array(["a", "b"]) + 1)
    with pytest.raises(TypeError):
        fnp.asarray(np.array([object()], dtype=object))


def test_non_native_byte_order_values():
    n = np.arange(6, dtype=">i4").reshape(2, 3)
    f = fnp.asarray(n)
    np.testing.assert_array_equal(np.asarray(f), n)
    assert f.dtype.kind == "i" and f.dtype.itemsize == 4


# ------------------------------------------------------------ mixed arithmetic ---
MIXED_OPS = [operator.add, operator.sub, operator.mul, operator.truediv, operator.floordiv, operator.mod,
             operator.pow, operator.lt, operator.eq, operator.ge]


@pytest.mark.parametrize("op", MIXED_OPS, ids=lambda o: o.__name__)
def test_mixed_with_numpy_arrays_gives_ferronum(op):
    na = np.arange(1, 7).reshape(2, 3)
    nb = np.array([1, 2, 3])
    fa = fnp.array(na)
    fb = fnp.array(nb)
    r1 = op(fa, nb)
    r2 = op(na, fb)
    assert isinstance(r1, fnp.ndarray), type(r1)
    assert isinstance(r2, fnp.ndarray), type(r2)
    assert_same(r1, op(na, nb))
    assert_same(r2, op(na, nb))


@pytest.mark.parametrize("op", MIXED_OPS, ids=lambda o: o.__name__)
def test_mixed_with_numpy_scalars(op):
    fa = fnp.array([1.0, 2.0, 3.0], dtype=np.float32)
    na = np.array([1.0, 2.0, 3.0], dtype=np.float32)
    for s in [np.float64(2.0), np.int8(2), np.float16(2.0), np.uint64(3)]:
        check_both(lambda: op(fa, s), lambda: op(na, s))
        check_both(lambda: op(s, fa), lambda: op(s, na))


def test_mixed_inplace_into_ferronum():
    f = fnp.zeros(3)
    f += np.array([1.0, 2.0, 3.0])
    assert isinstance(f, fnp.ndarray)
    assert_same(f, np.array([1.0, 2.0, 3.0]))


def test_numpy_functions_accept_ferronum_arrays():
    f = fnp.arange(6.0).reshape(2, 3)
    assert np.sum(np.asarray(f)) == 15.0
    np.testing.assert_array_equal(np.mean(f, axis=0), np.array([1.5, 2.5, 3.5]))
    np.testing.assert_array_equal(np.concatenate([f, f]), np.concatenate([np.arange(6.0).reshape(2, 3)] * 2))
