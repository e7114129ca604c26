"""linspace with array, complex and NumPy-scalar endpoints and axis; logspace; geomspace.
NumPy is the oracle: values exact (the same recipe, the same roundings), dtype and shape."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ferronum as fnp

from conftest import assert_same_error, check_both


def _both(args):
    """The same arguments for each library: NumPy arrays become ferronum arrays."""
    return [fnp.asarray(a) if isinstance(a, np.ndarray) else a for a in args], list(args)


CASES = [
    (np.array([0.0, 1.0]), np.array([10.0, -5.0]), 5),
    (0, np.array([[1.0, 2.0], [3.0, 4.0]]), 4),
    (np.float32(0), np.float32(1), 7),
    (np.float16(-1), 3, 5),
    (np.int16(3), np.int16(-9), 6),
    (np.array([1, 2], dtype=np.int8), np.float16(9), 3),
    (1 + 2j, -3j, 5),
    (np.complex64(1 + 1j), np.complex64(2), 4),
    (True, False, 3),
    (np.array(2.5), np.array(7.0), 3),
    (np.array([0.0, 1.0]), 1.0, 1),
    (np.array([0.0, 1.0]), 1.0, 0),
    (np.array([1e-320, 0.0]), np.array([2e-320, 1e-320]), 4),
    (np.array([0.0, 0.0]), np.array([5e-324, 1.0]), 3),
]


@pytest.mark.parametrize("endpoint", [True, False])
@pytest.mark.parametrize("case", CASES, ids=repr)
def test_linspace_general(case, endpoint):
    (f0, f1), (n0, n1) = _both(case[:2])
    num = case[2]
    check_both(lambda: fnp.linspace(f0, f1, num, endpoint=endpoint),
               lambda: np.linspace(n0, n1, num, endpoint=endpoint), exact=True)


@pytest.mark.parametrize("axis", [0, 1, -1, 2, -3])
def test_linspace_axis(axis):
    a, b = np.arange(6.0).reshape(2, 3), np.array([10.0, 20.0, 30.0])
    check_both(lambda: fnp.linspace(fnp.asarray(a), fnp.asarray(b), 4, axis=axis),
               lambda: np.linspace(a, b, 4, axis=axis), exact=True)
    check_both(lambda: fnp.linspace(0.0, 1.0, 4, axis=axis), lambda: np.linspace(0.0, 1.0, 4, axis=axis), exact=True)


@pytest.mark.parametrize("dtype", [np.int8, np.int64, np.uint8, np.float32, np.complex64, bool])
def test_linspace_array_dtype(dtype):
    a, b = np.array([-3.5, 0.0, 2.0]), np.array([7.0, 9.5, 2.0])
    check_both(lambda: fnp.linspace(fnp.asarray(a), fnp.asarray(b), 6, dtype=dtype),
               lambda: np.linspace(a, b, 6, dtype=dtype), exact=True)


def test_linspace_retstep_array():
    a, b = np.array([0.0, 1.0]), np.array([1.0, 3.0])
    yf, sf = fnp.linspace(fnp.asarray(a), fnp.asarray(b), 5, retstep=True)
    yn, sn = np.linspace(a, b, 5, retstep=True)
    check_both(lambda: yf, lambda: yn, exact=True)
    check_both(lambda: sf, lambda: sn, exact=True)


@given(st.lists(st.floats(-6e4, 6e4), min_size=1, max_size=4), st.floats(-6e4, 6e4), st.integers(0, 30),
       st.booleans(), st.sampled_from([np.float16, np.float32, np.float64]))
def test_linspace_property(starts, stop, num, endpoint, dt):
    a = np.array(starts, dtype=dt)
    check_both(lambda: fnp.linspace(fnp.asarray(a), stop, num, endpoint=endpoint),
               lambda: np.linspace(a, stop, num, endpoint=endpoint), exact=True)


def test_linspace_errors():
    a = np.zeros(2)
    assert_same_error(lambda: fnp.linspace(fnp.asarray(a), 1, -2), lambda: np.linspace(a, 1, -2))
    assert_same_error(lambda: fnp.linspace(0, 1, 2.5), lambda: np.linspace(0, 1, 2.5))
    assert_same_error(lambda: fnp.linspace(fnp.asarray(a), 1, 3, axis=3), lambda: np.linspace(a, 1, 3, axis=3))
    assert_same_error(lambda: fnp.linspace(fnp.zeros(2), fnp.zeros(3), 3), lambda: np.linspace(a, np.zeros(3), 3))


LOG = [
    dict(start=0, stop=3, num=4),
    dict(start=0, stop=3, num=4, endpoint=False),
    dict(start=-2, stop=2.5, num=9, base=2),
    dict(start=1, stop=2, num=5, base=np.e),
    dict(start=0, stop=3, num=4, dtype=np.int64),
    dict(start=0, stop=3, num=4, dtype=np.float32),
    dict(start=np.float32(0), stop=np.float32(2), num=5),
    dict(start=0, stop=1, num=0),
    dict(start=0, stop=1, num=1),
    dict(start=np.array([0.0, 1.0]), stop=np.array([2.0, 4.0]), num=3),
    dict(start=np.array([0.0, 1.0]), stop=2.0, num=3, axis=1),
    dict(start=0.0, stop=2.0, num=3, base=np.array([2.0, 10.0])),
    dict(start=0.0, stop=2.0, num=3, base=np.array([2.0, 10.0]), axis=-1),
    dict(start=np.array([[0.0], [1.0]]), stop=2.0, num=3, base=np.array([2.0, 3.0, 10.0]), axis=1),
    dict(start=0, stop=1j, num=4),
]


def _kw(kw):
    return {k: fnp.asarray(v) if isinstance(v, np.ndarray) else v for k, v in kw.items()}


@pytest.mark.parametrize("kw", LOG, ids=repr)
def test_logspace(kw):
    # Not bit-exact: NumPy's AVX-512 power (SVML) can differ from the C library's by an ulp.
    check_both(lambda: fnp.logspace(**_kw(kw)), lambda: np.logspace(**kw))


GEOM = [
    dict(start=1, stop=1000, num=4),
    dict(start=1, stop=1000, num=4, endpoint=False),
    dict(start=-1, stop=-1000, num=5),
    dict(start=2, stop=3, num=1),
    dict(start=2, stop=3, num=0),
    dict(start=1j, stop=100j, num=3),
    dict(start=-1 + 0j, stop=1 + 0j, num=5),
    dict(start=1, stop=1e10, num=11, dtype=np.int64),
    dict(start=np.float32(1), stop=np.float32(16), num=5),
    dict(start=np.array([1.0, 10.0]), stop=np.array([1e3, 1e-3]), num=4),
    dict(start=np.array([1.0, 10.0]), stop=100.0, num=3, axis=1),
    dict(start=1, stop=256, num=9, dtype=np.float16),
]


@pytest.mark.parametrize("kw", GEOM, ids=repr)
def test_geomspace(kw):
    check_both(lambda: fnp.geomspace(**_kw(kw)), lambda: np.geomspace(**kw))


@given(st.floats(1e-100, 1e100), st.floats(1e-100, 1e100), st.integers(0, 20), st.booleans(), st.booleans())
def test_geomspace_property(a, b, num, endpoint, neg):
    if neg:
        a, b = -a, -b
    check_both(lambda: fnp.geomspace(a, b, num, endpoint=endpoint), lambda: np.geomspace(a, b, num, endpoint=endpoint))


def test_geomspace_zero_raises():
    assert_same_error(lambda: fnp.geomspace(0, 5), lambda: np.geomspace(0, 5))
    assert_same_error(lambda: fnp.geomspace(fnp.asarray([1.0, 2.0]), fnp.asarray([0.0, 3.0])),
                      lambda: np.geomspace(np.array([1.0, 2.0]), np.array([0.0, 3.0])))
