"""ndarray.view: the same bytes as another dtype (shape and strides as NumPy's, NumPy's
ValueErrors when the last axis is not contiguous or the sizes do not divide), as another
ndarray type, or both; differentially against NumPy."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ferronum as fnp

from conftest import ALL_DTYPES, array_pairs, assert_same, same_outcome

SHAPES = st.lists(st.integers(0, 4), min_size=0, max_size=3).map(tuple)


def _bits(x):
    """The raw bytes of each element (NaN payloads and -0.0 compared exactly)."""
    a = np.ascontiguousarray(x).reshape(-1)
    return a.view(np.dtype(f"u{a.dtype.itemsize}")) if a.dtype.itemsize in (1, 2, 4, 8) else a.view("u8")


def _no_bool_target(n, dt):
    """Bool views of bytes other than 0 and 1 are refused by ferronum (not Rust bools)."""
    return dt == np.bool_ and n.dtype != np.bool_


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_view_dtype_matches_numpy(data):
    src = data.draw(st.sampled_from(ALL_DTYPES))
    dst = data.draw(st.sampled_from([d for d in ALL_DTYPES if d != np.bool_]))
    n, f = data.draw(array_pairs(dtype=src, shape=SHAPES))
    rn = rf = en = ef = None
    try:
        rn = n.view(dst)
    except Exception as e:  # noqa: BLE001
        en = e
    try:
        rf = f.view(dst)
    except Exception as e:  # noqa: BLE001
        ef = e
    if en is not None:
        assert type(ef) is type(en) and str(ef) == str(en), (ef, en)
        return
    if ef is not None:
        # ferronum refuses only views it cannot align (NumPy makes an unaligned view there).
        assert isinstance(ef, ValueError) and "aligned" in str(ef), ef
        assert not rn.flags.aligned or any(
            s % dst.itemsize for s, d in zip(rn.strides, rn.shape) if d > 1), (rn.strides, rn.shape)
        return
    assert rf.dtype == rn.dtype and rf.shape == rn.shape
    if rn.size:
        # Strides of length-1 axes and of empty arrays address nothing (element strides cannot
        # hold every byte stride there).
        assert rf.strides == tuple(s if d > 1 else rf.strides[k]
                                   for k, (s, d) in enumerate(zip(rn.strides, rn.shape)))
    np.testing.assert_array_equal(_bits(fnp.asarray(rf).copy()), _bits(rn))
    assert rf.base is not None
    # Writes through the view reach the original.
    if rf.size and rf.flags.writeable:
        rf.reshape(-1)[:1] = 0 if dst.kind != "b" else False
        rn.reshape(-1)[:1] = 0 if dst.kind != "b" else False
        np.testing.assert_array_equal(_bits(np.array(f)), _bits(n))


@pytest.mark.parametrize("src,dst", [("f8", "i4"), ("i4", "f8"), ("u1", "i8"), ("c16", "f8"), ("f4", "c8"),
                                     ("i2", "f2"), ("u8", "c16")])
@pytest.mark.parametrize("shape", [(6,), (2, 4), (3, 0), (0, 4), (1, 8), (2, 1)])
def test_view_sizes(src, dst, shape):
    n = np.arange(int(np.prod(shape))).astype(src).reshape(shape)
    f = fnp.asarray(n)
    same_outcome(lambda: f.view(dst), lambda: n.view(dst))


@pytest.mark.parametrize("make", [
    lambda m: m[:, ::2],
    lambda m: m.T,
    lambda m: m[::-1],
    lambda m: m[:, ::-1],
    lambda m: m[:, :3],
    lambda m: m[1:, 1:],
])
@pytest.mark.parametrize("dst", ["i1", "i2", "i4", "i8", "f4", "c16"])
def test_view_noncontiguous_errors(make, dst):
    n = make(np.arange(24, dtype=np.int32).reshape(4, 6))
    f = make(fnp.arange(24, dtype=np.int32).reshape(4, 6))
    rn = en = None
    try:
        rn = n.view(dst)
    except Exception as e:  # noqa: BLE001
        en = e
    if en is not None or rn.flags.aligned and all(s % rn.itemsize == 0 for s in rn.strides):
        same_outcome(lambda: f.view(dst), lambda: n.view(dst))


def test_view_0d():
    n = np.array(1.5)
    f = fnp.array(1.5)
    same_outcome(lambda: f.view("i8"), lambda: n.view("i8"))
    same_outcome(lambda: f.view("i4"), lambda: n.view("i4"))
    same_outcome(lambda: f.view("c16"), lambda: n.view("c16"))
    assert f.view().shape == ()


def test_view_no_args_and_ndarray_type():
    f = fnp.zeros((2, 3))
    v = f.view()
    assert type(v) is fnp.ndarray and v.base is f and v.shape == f.shape
    v[0, 0] = 9
    assert f[0, 0] == 9
    w = f.view(fnp.ndarray)
    assert type(w) is fnp.ndarray and w.base is f
    w2 = f.view(type=fnp.ndarray)
    assert type(w2) is fnp.ndarray
    x = f.view(np.int64, fnp.ndarray)
    assert x.dtype == np.int64 and type(x) is fnp.ndarray


def test_view_keyword_forms_and_errors():
    n = np.arange(4.0)
    f = fnp.arange(4.0)
    same_outcome(lambda: f.view(dtype=np.int64), lambda: n.view(dtype=np.int64))
    same_outcome(lambda: f.view(dtype="i4"), lambda: n.view(dtype="i4"))
    same_outcome(lambda: f.view("f8", "x"), lambda: n.view("f8", "x"))
    same_outcome(lambda: f.view("f8", int), lambda: n.view("f8", int))
    same_outcome(lambda: f.view(type=int), lambda: n.view(type=int))
    same_outcome(lambda: f.view(fnp.ndarray, type=fnp.ndarray), lambda: n.view(np.ndarray, type=np.ndarray))
    with pytest.raises(TypeError):
        f.view("not a dtype")


def test_view_readonly_stays_readonly():
    f = fnp.arange(4.0)
    f.flags.writeable = False
    v = f.view(np.int64)
    assert not v.flags.writeable
    with pytest.raises(ValueError):
        v.flags.writeable = True


def test_view_bool_of_other_bytes():
    n = np.array([0, 1, 1, 0], dtype=np.uint8)
    f = fnp.asarray(n)
    assert_same(f.view(bool), n.view(bool))
    with pytest.raises(ValueError, match="bool"):
        fnp.array([0, 2], dtype=np.uint8).view(bool)


def test_view_complex_parts_roundtrip():
    n = np.array([1 + 2j, 3 - 4j])
    f = fnp.asarray(n)
    assert_same(f.view(np.float64), n.view(np.float64))
    assert_same(f.view(np.float64).view(np.complex128), n)
