"""Array creation: array/asarray from Python data and NumPy arrays, zeros/ones/empty/full and
their *_like forms, arange, linspace, eye, identity. NumPy is the oracle."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp

from conftest import (ALL_DTYPES, DTYPE_IDS, assert_same, assert_same_error, check_both,
                      elements, np_arrays, shapes)

# ------------------------------------------------------------------------- array(list) ---
NESTED = [
    [1, 2, 3],
    [1.0, 2.5, -3.0],
    [True, False, True],
    [1 + 2j, 3.0, -1j],
    [1, 2.5],
    [True, 2],
    [True, 2.5],
    [1, 2 + 0j],
    [[1, 2, 3], [4, 5, 6]],
    [[[1.5]], [[2.5]]],
    [],
    [[]],
    [[], []],
    [[[]]],
    (1, 2, 3),
    ((1, 2), (3, 4)),
    [(1, 2), [3, 4]],
    5,
    2.5,
    True,
    1 + 1j,
    [2**63],
    [2**63 - 1, -(2**63)],
    [0, 2**64 - 1],
    [float("nan"), float("inf"), -0.0],
]


@pytest.mark.parametrize("obj", NESTED, ids=[repr(o)[:30] for o in NESTED])
def test_array_from_python(obj):
    check_both(lambda: fnp.array(obj), lambda: np.array(obj))


@pytest.mark.parametrize("obj", NESTED, ids=[repr(o)[:30] for o in NESTED])
def test_asarray_from_python(obj):
    check_both(lambda: fnp.asarray(obj), lambda: np.asarray(obj))


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("obj", [[0, 1, 2, 3], [[1, 0], [5, 7]], [1.0, 2.0], [True, False], 3, []])
def test_array_with_dtype(obj, dt):
    check_both(lambda: fnp.array(obj, dtype=dt), lambda: np.array(obj, dtype=dt))


@pytest.mark.parametrize("spelling", ["float32", "f4", np.float32, "int16", "i2", np.uint8, "u8",
                                      "complex64", "c16", bool, int, float, complex, "bool"])
def test_array_dtype_spellings(spelling):
    check_both(lambda: fnp.array([1, 2, 3], dtype=spelling), lambda: np.array([1, 2, 3], dtype=spelling))
    check_both(lambda: fnp.zeros(3, dtype=spelling), lambda: np.zeros(3, dtype=spelling))


@pytest.mark.parametrize("obj", [
    [[1], [1, 2]],
    [[1, 2], 3],
    [[[1, 2]], [[1]]],
])
def test_array_ragged_raises(obj):
    assert_same_error(lambda: fnp.array(obj), lambda: np.array(obj))


def test_array_bad_dtype_raises():
    assert_same_error(lambda: fnp.array([1, 2], dtype="not-a-dtype"), lambda: np.array([1, 2], dtype="not-a-dtype"))


def test_array_int_out_of_range_for_dtype_raises():
    assert_same_error(lambda: fnp.array([300], dtype=np.int8), lambda: np.array([300], dtype=np.int8))
    assert_same_error(lambda: fnp.array([-1], dtype=np.uint8), lambda: np.array([-1], dtype=np.uint8))


def test_array_copy_false_from_list_raises():
    assert_same_error(lambda: fnp.array([1, 2], copy=False), lambda: np.array([1, 2], copy=False))


@pytest.mark.parametrize("ndmin", [0, 1, 2, 4])
@pytest.mark.parametrize("obj", [5, [1, 2], [[1, 2]]])
def test_array_ndmin(obj, ndmin):
    check_both(lambda: fnp.array(obj, ndmin=ndmin), lambda: np.array(obj, ndmin=ndmin))


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_array_from_numpy_scalar(dt):
    s = np.dtype(dt).type(1)
    check_both(lambda: fnp.array(s), lambda: np.array(s))
    check_both(lambda: fnp.asarray(s), lambda: np.asarray(s))


@given(np_arrays())
def test_array_from_numpy_array_roundtrip(n):
    f = fnp.array(n)
    assert_same(f, n.copy(), exact=True)
    # array() copies: writing to the numpy source afterwards does not change f.
    before = np.asarray(f).copy()
    n.fill(n.dtype.type(1))
    np.testing.assert_array_equal(np.asarray(f), before)


@given(np_arrays(dtype=st.sampled_from([np.dtype(t) for t in (np.bool_, np.int64, np.float64, np.complex128)]),
                 allow_nan=False))
def test_array_from_nested_list_roundtrip(n):
    lst = n.tolist()
    check_both(lambda: fnp.array(lst), lambda: np.array(lst), exact=True)


@given(np_arrays(shape=hnp.array_shapes(min_dims=1, max_dims=3, max_side=4)))
def test_array_of_noncontiguous_numpy(n):
    v = n[..., ::-1]
    assert_same(fnp.array(v), v.copy(), exact=True)
    assert_same(fnp.asarray(v), v.copy(), exact=True)


# ------------------------------------------------------------------ zeros / ones / empty ---
SHAPE_ARGS = [0, 3, (), (0,), (2, 3), [2, 3], (1, 0, 2), (2, 1, 3, 2), np.int64(4), (np.int32(2), 3)]


@pytest.mark.parametrize("shape", SHAPE_ARGS, ids=[repr(s) for s in SHAPE_ARGS])
@pytest.mark.parametrize("fn", ["zeros", "ones"])
def test_zeros_ones_default_dtype(fn, shape):
    check_both(lambda: getattr(fnp, fn)(shape), lambda: getattr(np, fn)(shape))


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("fn", ["zeros", "ones"])
def test_zeros_ones_dtype(fn, dt):
    check_both(lambda: getattr(fnp, fn)((2, 3), dtype=dt), lambda: getattr(np, fn)((2, 3), dtype=dt))


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_empty_shape_dtype(dt):
    f, n = fnp.empty((3, 2), dtype=dt), np.empty((3, 2), dtype=dt)
    assert isinstance(f, fnp.ndarray)
    assert f.dtype == n.dtype and f.shape == n.shape and f.strides == n.strides


@pytest.mark.parametrize("fn", ["zeros", "ones", "empty"])
def test_order_f(fn):
    f = getattr(fnp, fn)((2, 3, 4), order="F")
    n = getattr(np, fn)((2, 3, 4), order="F")
    assert f.strides == n.strides
    assert f.flags.f_contiguous and not f.flags.c_contiguous


@pytest.mark.parametrize("fn", ["zeros", "ones", "empty"])
@pytest.mark.parametrize("shape", [-1, (2, -3)])
def test_negative_dimensions_raise(fn, shape):
    assert_same_error(lambda: getattr(fnp, fn)(shape), lambda: getattr(np, fn)(shape))


@pytest.mark.parametrize("fn", ["zeros", "ones"])
def test_bad_shape_type_raises(fn):
    assert_same_error(lambda: getattr(fnp, fn)(2.5), lambda: getattr(np, fn)(2.5))
    assert_same_error(lambda: getattr(fnp, fn)("ab"), lambda: getattr(np, fn)("ab"))


def test_huge_allocation_raises_memoryerror_or_valueerror():
    # NumPy: ValueError ("array is too big") for sizes past intp, MemoryError for sizes it
    # cannot allocate. ferronum must raise, not abort.
    assert_same_error(lambda: fnp.zeros((2**62, 2**62)), lambda: np.zeros((2**62, 2**62)))
    assert_same_error(lambda: fnp.ones(2**60, dtype=np.float64), lambda: np.ones(2**60, dtype=np.float64))
    assert_same_error(lambda: fnp.zeros(2**58, dtype=np.float64), lambda: np.zeros(2**58, dtype=np.float64))


# ----------------------------------------------------------------------------- full ---
FILLS = [7, -3, 1.5, True, False, 1 + 2j, np.float32(2.5), np.int8(-4), np.uint16(9), float("nan")]


@pytest.mark.parametrize("value", FILLS, ids=[repr(v) for v in FILLS])
def test_full_inferred_dtype(value):
    check_both(lambda: fnp.full((2, 3), value), lambda: np.full((2, 3), value))


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("value", [0, 1, 5, True, 2.0, 3.7, -2.5], ids=repr)
def test_full_with_dtype(dt, value):
    if np.dtype(dt).kind == "u" and isinstance(value, float) and value < 0:
        pytest.skip("negative float to unsigned is implementation-defined in C")
    check_both(lambda: fnp.full(4, value, dtype=dt), lambda: np.full(4, value, dtype=dt))


@pytest.mark.parametrize("dt,value", [(np.int8, 300), (np.uint8, -1), (np.uint8, 256), (np.int16, 2**15),
                                      (np.int64, 2**63), (np.uint64, -1)])
def test_full_out_of_range_python_int_raises(dt, value):
    assert_same_error(lambda: fnp.full(3, value, dtype=dt), lambda: np.full(3, value, dtype=dt))


def test_full_with_array_fill():
    check_both(lambda: fnp.full((2, 3), [1, 2, 3]), lambda: np.full((2, 3), [1, 2, 3]))
    check_both(lambda: fnp.full((2, 3), fnp.array([1.5, 2, 3])), lambda: np.full((2, 3), np.array([1.5, 2, 3])))
    assert_same_error(lambda: fnp.full((2, 3), [1, 2]), lambda: np.full((2, 3), [1, 2]))


# -------------------------------------------------------------------------- *_like ---
@given(np_arrays(), st.sampled_from([None] + ALL_DTYPES))
def test_like_functions(n, dt):
    f = fnp.array(n)
    for name in ["zeros_like", "ones_like"]:
        check_both(lambda: getattr(fnp, name)(f, dtype=dt), lambda: getattr(np, name)(n, dtype=dt))
    r = fnp.empty_like(f, dtype=dt)
    e = np.empty_like(n, dtype=dt)
    assert isinstance(r, fnp.ndarray) and r.dtype == e.dtype and r.shape == e.shape
    check_both(lambda: fnp.full_like(f, 1, dtype=dt), lambda: np.full_like(n, 1, dtype=dt))


@pytest.mark.parametrize("name", ["zeros_like", "ones_like", "full_like"])
def test_like_shape_override_and_numpy_input(name):
    n = np.arange(6, dtype=np.int16).reshape(2, 3)
    args = (7,) if name == "full_like" else ()
    check_both(lambda: getattr(fnp, name)(n, *args, shape=(3, 1)), lambda: getattr(np, name)(n, *args, shape=(3, 1)))
    check_both(lambda: getattr(fnp, name)([[1.5, 2]], *args), lambda: getattr(np, name)([[1.5, 2]], *args))


def test_full_like_value_cast():
    n = np.zeros(3, dtype=np.int32)
    check_both(lambda: fnp.full_like(fnp.array(n), 2.9), lambda: np.full_like(n, 2.9))
    check_both(lambda: fnp.full_like(fnp.array(n), True), lambda: np.full_like(n, True))


def test_like_of_transposed_keeps_layout():
    n = np.zeros((2, 3), order="F")
    f = fnp.zeros((2, 3), order="F")
    assert fnp.zeros_like(f).strides == np.zeros_like(n).strides


# --------------------------------------------------------------------------- arange ---
ARANGE = [
    (5,), (0,), (-3,), (2, 9), (9, 2), (2, 9, 3), (9, 2, -2), (0, 1, 0.1), (1.5,), (-2.5, 2.5, 0.5),
    (0, 10, 3), (10, 0, -3), (1, 2, 0.3), (0.0, 1.0, 0.25), (np.int8(5),), (np.float32(3),),
    (True,), (3, 1.5), (0, 5, np.int16(2)), (2**40, 2**40 + 3),
    # Long enough for the lane-wise fills, with partial last chunks.
    (1001,), (-7, 10007, 13), (2**63 - 1000, 2**63 - 1, 7), (0.5, 700.25, 0.75), (1e9, 1e9 + 17.5, 0.1),
]


@pytest.mark.parametrize("args", ARANGE, ids=[repr(a) for a in ARANGE])
def test_arange(args):
    check_both(lambda: fnp.arange(*args), lambda: np.arange(*args), exact=True)


@pytest.mark.parametrize("dt", ALL_DTYPES[1:], ids=DTYPE_IDS[1:])
def test_arange_dtype(dt):
    check_both(lambda: fnp.arange(0, 10, 2, dtype=dt), lambda: np.arange(0, 10, 2, dtype=dt), exact=True)
    check_both(lambda: fnp.arange(5, dtype=dt), lambda: np.arange(5, dtype=dt), exact=True)


@pytest.mark.parametrize("args", [(0, 10, 0), (0, 5, 0.0), (0, 5, False)], ids=repr)
def test_arange_errors(args):
    assert_same_error(lambda: fnp.arange(*args), lambda: np.arange(*args))


@pytest.mark.parametrize("kw", [dict(stop=5), dict(start=1, stop=5, step=2)], ids=repr)
def test_arange_keywords(kw):
    check_both(lambda: fnp.arange(**kw), lambda: np.arange(**kw))


@given(st.integers(-50, 50), st.integers(-50, 50), st.integers(-7, 7).filter(bool))
def test_arange_int_property(a, b, s):
    check_both(lambda: fnp.arange(a, b, s), lambda: np.arange(a, b, s), exact=True)


@given(st.floats(-100, 100), st.floats(-100, 100), st.floats(0.1, 10))
def test_arange_float_property(a, b, s):
    check_both(lambda: fnp.arange(a, b, s), lambda: np.arange(a, b, s))


# ------------------------------------------------------------------------- linspace ---
LINSPACE = [
    dict(start=0, stop=1),
    dict(start=0, stop=1, num=5),
    dict(start=0, stop=1, num=5, endpoint=False),
    dict(start=-3, stop=7.5, num=11),
    dict(start=5, stop=-5, num=4),
    dict(start=0, stop=1, num=1),
    dict(start=0, stop=1, num=0),
    dict(start=2, stop=2, num=3),
    dict(start=0, stop=10, num=5, dtype=np.int64),
    dict(start=0, stop=1, num=5, dtype=np.int32),
    dict(start=0, stop=1, num=7, dtype=np.float32),
    dict(start=0, stop=1, num=7, dtype=np.float16),
    dict(start=1e-300, stop=1e300, num=9),
]


@pytest.mark.parametrize("kw", LINSPACE, ids=[repr(k) for k in LINSPACE])
def test_linspace(kw):
    check_both(lambda: fnp.linspace(**kw), lambda: np.linspace(**kw))


@pytest.mark.parametrize("kw", [dict(start=0, stop=1, num=5), dict(start=0, stop=1, num=5, endpoint=False),
                                dict(start=0, stop=1, num=1), dict(start=3, stop=-1, num=9)], ids=repr)
def test_linspace_retstep(kw):
    rf, rn = check_both(lambda: fnp.linspace(retstep=True, **kw)[0], lambda: np.linspace(retstep=True, **kw)[0])
    sf = fnp.linspace(retstep=True, **kw)[1]
    sn = np.linspace(retstep=True, **kw)[1]
    assert_same(sf, sn)


def test_linspace_negative_num_raises():
    assert_same_error(lambda: fnp.linspace(0, 1, -1), lambda: np.linspace(0, 1, -1))


@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6), st.integers(0, 60), st.booleans())
def test_linspace_property(a, b, num, endpoint):
    scale = max(abs(a), abs(b), 1.0)
    check_both(lambda: fnp.linspace(a, b, num, endpoint=endpoint), lambda: np.linspace(a, b, num, endpoint=endpoint),
               atol=4e-16 * scale)


# ------------------------------------------------------------------- eye / identity ---
EYE = [
    dict(N=3), dict(N=0), dict(N=1), dict(N=3, M=5), dict(N=5, M=2), dict(N=4, k=1), dict(N=4, k=-2),
    dict(N=3, M=4, k=3), dict(N=3, k=5), dict(N=3, k=-5), dict(N=3, dtype=np.int8), dict(N=2, dtype=bool),
    dict(N=3, dtype=np.complex64), dict(N=3, M=2, k=-1, dtype=np.uint16),
]


@pytest.mark.parametrize("kw", EYE, ids=[repr(k) for k in EYE])
def test_eye(kw):
    check_both(lambda: fnp.eye(**kw), lambda: np.eye(**kw))


def test_eye_order_f():
    f, n = fnp.eye(3, 4, order="F"), np.eye(3, 4, order="F")
    assert_same(f, n)
    assert f.strides == n.strides


@pytest.mark.parametrize("n", [0, 1, 4])
@pytest.mark.parametrize("dt", [None, np.int32, bool, np.complex128])
def test_identity(n, dt):
    check_both(lambda: fnp.identity(n, dtype=dt), lambda: np.identity(n, dtype=dt))


def test_eye_negative_raises():
    assert_same_error(lambda: fnp.eye(-1), lambda: np.eye(-1))


MIXED_NESTED = [
    lambda m: [m.arange(3), m.arange(3)],
    lambda m: [[1, 2], m.arange(2)],
    lambda m: [m.array([1.5, 2]), [3, 4]],
    lambda m: (m.zeros(2, dtype=m.int8), m.ones(2, dtype=m.int8)),
    lambda m: [np.float32(1.5), np.float32(2)],
    lambda m: [np.int8(1), np.int8(2)],
    lambda m: [np.int8(1), 2],
    lambda m: [np.float16(1), 2.5],
    lambda m: [m.array(1.5), m.array(2.5)],
    lambda m: range(5),
    lambda m: [range(3), range(3)],
]


@pytest.mark.parametrize("make", MIXED_NESTED, ids=[str(i) for i in range(len(MIXED_NESTED))])
def test_array_from_mixed_nested(make):
    check_both(lambda: fnp.array(make(fnp)), lambda: np.array(make(np)))
