"""linalg.norm: default (2-norm / Frobenius), ord=1/2/inf/-inf/0/p, axis, keepdims, result dtypes
(int -> float64, complex -> real), error classes."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp

from conftest import (ALL_DTYPES, DTYPE_IDS, array_pairs, assert_same, assert_same_error, assert_unchanged,
                      check_both, run, snapshot)

RTOL = {np.dtype(np.float16): 4e-3, np.dtype(np.float32): 1e-5, np.dtype(np.float64): 1e-12}


def rtol_for(result):
    return RTOL.get(np.asarray(result).dtype, 1e-12)


def compare_norm(f, n, *args, **kw):
    rn, en = run(lambda: np.linalg.norm(n, *args, **kw))
    if en is not None:
        assert_same_error(lambda: fnp.linalg.norm(f, *args, **kw), lambda: np.linalg.norm(n, *args, **kw))
        return
    check_both(lambda: fnp.linalg.norm(f, *args, **kw), lambda: np.linalg.norm(n, *args, **kw),
               rtol=rtol_for(rn), atol=1e-300)


@given(array_pairs(fbound=100.0))
def test_norm_default(pair):
    n, f = pair
    s = snapshot(f)
    compare_norm(f, n)
    assert_unchanged(f, s)


VECTOR_ORDS_BASIC = [None, 2, 1, 2.0, 1.0]
VECTOR_ORDS_OTHER = [np.inf, -np.inf, 0, 3, 0.5, -1, -2]
VEC_SHAPES = hnp.array_shapes(min_dims=1, max_dims=1, min_side=0, max_side=8)
ND_SHAPES = hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=5)
MAT_SHAPES = hnp.array_shapes(min_dims=2, max_dims=4, min_side=1, max_side=5)


@given(array_pairs(shape=VEC_SHAPES, fbound=100.0), st.sampled_from(VECTOR_ORDS_BASIC))
def test_norm_vector_ord(pair, ord):
    n, f = pair
    compare_norm(f, n, ord=ord)


@given(array_pairs(shape=VEC_SHAPES, fbound=100.0), st.sampled_from(VECTOR_ORDS_OTHER))
def test_norm_vector_ord_other(pair, ord):
    n, f = pair
    compare_norm(f, n, ord=ord)


@given(array_pairs(shape=ND_SHAPES, fbound=100.0), st.data(), st.sampled_from(VECTOR_ORDS_BASIC), st.booleans())
def test_norm_axis_int(pair, data, ord, keepdims):
    n, f = pair
    axis = data.draw(st.integers(-n.ndim, n.ndim - 1))
    compare_norm(f, n, ord=ord, axis=axis, keepdims=keepdims)


@given(array_pairs(shape=ND_SHAPES, fbound=100.0), st.data(), st.sampled_from(VECTOR_ORDS_OTHER), st.booleans())
def test_norm_axis_int_other_ords(pair, data, ord, keepdims):
    n, f = pair
    axis = data.draw(st.integers(-n.ndim, n.ndim - 1))
    compare_norm(f, n, ord=ord, axis=axis, keepdims=keepdims)


@given(array_pairs(shape=MAT_SHAPES, fbound=100.0), st.data(), st.sampled_from([None, "fro"]), st.booleans())
def test_norm_matrix_axes(pair, data, ord, keepdims):
    n, f = pair
    axes = tuple(data.draw(st.permutations(range(n.ndim)))[:2])
    compare_norm(f, n, ord=ord, axis=axes, keepdims=keepdims)


@given(array_pairs(shape=MAT_SHAPES, fbound=100.0), st.data(), st.sampled_from([1, -1, np.inf, -np.inf]),
       st.booleans())
def test_norm_matrix_axes_other_ords(pair, data, ord, keepdims):
    n, f = pair
    axes = tuple(data.draw(st.permutations(range(n.ndim)))[:2])
    compare_norm(f, n, ord=ord, axis=axes, keepdims=keepdims)


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_norm_result_dtype(dt):
    n = np.array([[3, 4, 0], [1, 0, 2]]).astype(dt)
    f = fnp.array(n)
    for kw in [{}, dict(axis=0), dict(axis=1, keepdims=True), dict(ord=1, axis=1), dict(ord=2, axis=0),
               dict(axis=(0, 1)), dict(keepdims=True), dict(ord="fro")]:
        compare_norm(f, n.copy(), **kw)
        compare_norm(f[0], n[0].copy(), **{k: v for k, v in kw.items() if k != "axis" and v != "fro"})


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_norm_matrix_ord1_inf(dt):
    n = np.array([[3, 4, 0], [1, 0, 2]]).astype(dt)
    f = fnp.array(n)
    for kw in [dict(ord=1), dict(ord=-1), dict(ord=np.inf), dict(ord=np.inf, axis=1), dict(ord=-np.inf, axis=0)]:
        compare_norm(f, n.copy(), **kw)


def test_norm_values_simple():
    check_both(lambda: fnp.linalg.norm(fnp.array([3.0, 4.0])), lambda: np.linalg.norm(np.array([3.0, 4.0])))
    check_both(lambda: fnp.linalg.norm(fnp.array([3, 4])), lambda: np.linalg.norm(np.array([3, 4])))
    check_both(lambda: fnp.linalg.norm([3 + 4j, 0]), lambda: np.linalg.norm([3 + 4j, 0]))
    check_both(lambda: fnp.linalg.norm(fnp.array([3 + 4j, 1j], dtype=np.complex64), ord=1),
               lambda: np.linalg.norm(np.array([3 + 4j, 1j], dtype=np.complex64), ord=1), rtol=1e-6)
    check_both(lambda: fnp.linalg.norm(fnp.arange(12).reshape(3, 4)), lambda: np.linalg.norm(np.arange(12).reshape(3, 4)))
    check_both(lambda: fnp.linalg.norm(fnp.zeros(0)), lambda: np.linalg.norm(np.zeros(0)))
    check_both(lambda: fnp.linalg.norm(fnp.array(-2.5)), lambda: np.linalg.norm(np.array(-2.5)))


def test_norm_nan_inf():
    n = np.array([1.0, np.nan, 2.0])
    check_both(lambda: fnp.linalg.norm(fnp.array(n)), lambda: np.linalg.norm(n))
    n = np.array([1.0, np.inf, 2.0])
    for o in [None, 1, np.inf, -np.inf, 0, 3]:
        check_both(lambda: fnp.linalg.norm(fnp.array(n), ord=o), lambda: np.linalg.norm(n, ord=o))


def test_norm_large_axis1_matches_numpy():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((1000, 500))
    f = fnp.array(x)
    check_both(lambda: fnp.linalg.norm(f, axis=1), lambda: np.linalg.norm(x, axis=1), rtol=1e-12)
    check_both(lambda: fnp.linalg.norm(f, axis=0), lambda: np.linalg.norm(x, axis=0), rtol=1e-12)
    check_both(lambda: fnp.linalg.norm(f), lambda: np.linalg.norm(x), rtol=1e-12)
    check_both(lambda: fnp.linalg.norm(f.T[::2], axis=1), lambda: np.linalg.norm(x.T[::2], axis=1), rtol=1e-12)


@pytest.mark.parametrize("kw", [
    dict(ord="bad"), dict(ord="fro"), dict(ord="nuc"), dict(axis=1), dict(axis=(0, 1)), dict(axis=(0, 0)),
    dict(axis=(0, 1, 2)),
], ids=repr)
def test_norm_errors_vector(kw):
    n, f = np.array([1.0, 2.0]), fnp.array([1.0, 2.0])
    assert_same_error(lambda: fnp.linalg.norm(f, **kw), lambda: np.linalg.norm(n, **kw))
    assert_unchanged(f, n)


@pytest.mark.parametrize("kw", [
    dict(ord=3), dict(ord=0), dict(ord="bad"), dict(axis=(0, 0)), dict(axis=(0, 1, 2)), dict(axis=2), dict(axis=(0, 5)),
], ids=repr)
def test_norm_errors_matrix(kw):
    n, f = np.ones((2, 3)), fnp.ones((2, 3))
    assert_same_error(lambda: fnp.linalg.norm(f, **kw), lambda: np.linalg.norm(n, **kw))


def test_norm_ord_on_3d_without_axis_raises():
    n, f = np.ones((2, 2, 2)), fnp.ones((2, 2, 2))
    assert_same_error(lambda: fnp.linalg.norm(f, ord=1), lambda: np.linalg.norm(n, ord=1))
    check_both(lambda: fnp.linalg.norm(f), lambda: np.linalg.norm(n))


def test_norm_matrix_2_and_nuc():
    """Spectral and nuclear norms need an SVD; NumPy computes them. ferronum must match or,
    at minimum, not crash (this test fails until they exist)."""
    n = np.array([[1.0, 2.0], [3.0, 4.0]])
    f = fnp.array(n)
    check_both(lambda: fnp.linalg.norm(f, ord=2), lambda: np.linalg.norm(n, ord=2), rtol=1e-12)
    check_both(lambda: fnp.linalg.norm(f, ord="nuc"), lambda: np.linalg.norm(n, ord="nuc"), rtol=1e-12)
