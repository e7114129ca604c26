"""repr() and str() must equal NumPy's, character for character (NumPy's default print options),
over dtypes, shapes (0-d, empty, multi-dimensional), special values and summarised (> 1000
element) arrays."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp

from conftest import ALL_DTYPES, DTYPE_IDS, array_pairs, np_arrays


def check_repr(n, f=None):
    if f is None:
        f = fnp.array(n)
    assert repr(f) == repr(n), f"\nferronum: {repr(f)}\nnumpy:    {repr(n)}"
    assert str(f) == str(n), f"\nferronum: {str(f)}\nnumpy:    {str(n)}"


@pytest.fixture(autouse=True)
def default_print_options():
    # NumPy's print options are global; make sure each test sees the defaults.
    with np.printoptions(**np.get_printoptions()):
        np.set_printoptions(edgeitems=3, threshold=1000, floatmode="maxprec", precision=8, suppress=False,
                            linewidth=75, nanstr="nan", infstr="inf", sign="-", legacy=False)
        yield


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_repr_small_arrays_every_dtype(dt):
    base = np.arange(-3, 9) if np.dtype(dt).kind not in "bu" else np.arange(12)
    n = base.astype(dt)
    check_repr(n)
    check_repr(n.reshape(3, 4))
    check_repr(n.reshape(2, 3, 2))
    check_repr(n.reshape(1, 2, 3, 2))
    check_repr(n[:1])
    check_repr(n[5:6].reshape(()))
    check_repr(np.zeros((0,), dtype=dt))
    check_repr(np.zeros((2, 0), dtype=dt))
    check_repr(np.zeros((0, 3), dtype=dt))


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_repr_large_arrays_are_summarised(dt):
    for shape in [(1001,), (2000,), (10, 200), (50, 50), (3, 400), (12, 12, 12), (1001, 1), (1, 1001)]:
        n = (np.arange(int(np.prod(shape))) % 97).astype(dt).reshape(shape)
        check_repr(n)
    check_repr(np.arange(1000).astype(dt) if np.dtype(dt).kind != "b" else np.ones(1000, dt))


FLOAT_CASES = [
    [0.0, 1.0, 2.0],
    [0.5, 1.25, -3.125],
    [0.1, 0.2, 0.3],
    [1e-5, 1.0],
    [1e-4, 1.0],
    [1e16, 1.0],
    [1e15, 1.0],
    [123456789.0, 1.5],
    [1e100, -1e-100],
    [np.nan, np.inf, -np.inf, 0.0],
    [-0.0, 0.0],
    [-0.0],
    [1 / 3, 2 / 3],
    [np.pi, np.e, -np.sqrt(2)],
    [1.0, np.nan],
    [5e-324, 1.7976931348623157e308],
    [100.0, 1e-3],
    [0.001, 0.0001],
    [1e8, 1e-8],
    [123.456, 7890.12345],
]


@pytest.mark.parametrize("vals", FLOAT_CASES, ids=repr)
@pytest.mark.parametrize("dt", [np.float64, np.float32, np.float16, np.complex128, np.complex64],
                         ids=lambda d: np.dtype(d).name)
def test_repr_float_formatting(vals, dt):
    with np.errstate(all="ignore"):
        n = np.array(vals, dtype=np.float64).astype(dt)
    check_repr(n)
    check_repr(n.reshape(-1, 1))
    if n.size:
        check_repr(n[:1].reshape(()))


COMPLEX_CASES = [
    [1 + 2j, -3.5 - 0.25j],
    [1j, -1j, 0j],
    [complex(np.nan, 1), complex(1, np.inf), complex(-np.inf, -np.nan)],
    [1e10 + 1e-10j, 1 + 1j],
    [complex(0.0, -0.0), complex(-0.0, 0.0)],
]


@pytest.mark.parametrize("vals", COMPLEX_CASES, ids=repr)
@pytest.mark.parametrize("dt", [np.complex128, np.complex64], ids=lambda d: np.dtype(d).name)
def test_repr_complex(vals, dt):
    check_repr(np.array(vals, dtype=dt))


INT_CASES = [
    (np.int64, [0, -1, 2**63 - 1, -(2**63)]),
    (np.uint64, [0, 2**64 - 1]),
    (np.int8, [-128, 127, 0]),
    (np.uint8, [255, 0, 7]),
    (np.int32, [-(2**31), 5]),
    (np.uint32, [2**32 - 1]),
    (np.int16, [1000, -1000, 3]),
    (np.bool_, [True, False]),
    (np.bool_, [True]),
    (np.bool_, [False, False]),
]


@pytest.mark.parametrize("dt,vals", INT_CASES, ids=repr)
def test_repr_integers_and_bool(dt, vals):
    n = np.array(vals, dtype=dt)
    check_repr(n)
    check_repr(n.reshape(1, -1))
    check_repr(n[-1:].reshape(()))


def test_repr_line_wrapping():
    check_repr(np.arange(40))
    check_repr(np.arange(40.0) * 1.123)
    check_repr(np.arange(30).reshape(2, 15) * 1000)
    check_repr(np.linspace(0, 1, 30))
    check_repr(np.arange(40, dtype=np.int8))
    check_repr(np.arange(20) + 1j * np.arange(20))


def test_repr_of_views():
    n = np.arange(24).reshape(2, 3, 4)
    f = fnp.arange(24).reshape(2, 3, 4)
    check_repr(n.T, f.T)
    check_repr(n[:, ::-1, ::2], f[:, ::-1, ::2])
    check_repr(n[1, ..., None], f[1, ..., None])


def test_repr_of_numpy_scalars_returned():
    # Reductions return NumPy scalars, so their repr is NumPy's own.
    assert repr(fnp.sum(fnp.arange(5))) == repr(np.sum(np.arange(5)))
    assert repr(fnp.arange(5.0)[2]) == repr(np.arange(5.0)[2])


@given(np_arrays(shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=6)))
def test_repr_property(n):
    check_repr(n)


@given(np_arrays(dtype=st.sampled_from([np.dtype(np.float64), np.dtype(np.float32), np.dtype(np.complex128)]),
                 shape=hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=5), fbound=1e6))
def test_repr_property_moderate_floats(n):
    check_repr(n)


@given(array_pairs(shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=5)))
def test_repr_property_views(pair):
    n, f = pair
    check_repr(n, f)


@pytest.mark.parametrize("value", [np.array(np.float16(16.125)), np.array(2.5), np.array(3, dtype=np.uint8),
                                   np.array(1 + 2j, dtype=np.complex64), np.array(True), np.array([1.0, 2.0]),
                                   np.zeros((2, 0))])
@pytest.mark.parametrize("spec", ["", ".3f", "10", "e"])
def test_format(value, spec):
    """format(x, spec): 0-d arrays format their Python value; others take only the empty spec."""
    def run(a):
        try:
            return format(a, spec)
        except TypeError as e:
            return TypeError, str(e).replace("numpy", "ferronum")
    assert run(fnp.asarray(value)) == run(value)
