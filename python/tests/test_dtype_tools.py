"""dtype tools against NumPy: finfo/iinfo constants, result_type/promote_types/can_cast under
NEP 50 (Python scalars weak), min_scalar_type, issubdtype, isdtype, common_type, mintypecode,
ndim/shape/size, and NumPy's scalar type aliases."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ferronum as fnp

from conftest import ALL_DTYPES, DTYPE_IDS, FLOATS, INEXACT, INTS, run, same_outcome

FINFO_FIELDS = ["bits", "eps", "epsneg", "iexp", "machep", "max", "maxexp", "min", "minexp", "negep", "nexp", "nmant",
                "precision", "resolution", "smallest_normal", "smallest_subnormal", "tiny", "dtype"]


@pytest.mark.parametrize("dt", INEXACT, ids=[d.name for d in INEXACT])
def test_finfo_equals_numpy(dt):
    for arg in (dt, dt.type, dt.name):
        f, n = fnp.finfo(arg), np.finfo(arg)
        for k in FINFO_FIELDS:
            a, b = getattr(f, k), getattr(n, k)
            assert type(a) is type(b) and a == b, (k, a, b)
        assert repr(f) == repr(n)


def test_finfo_of_values_and_python_types():
    for arg in (1.0, float, complex, np.float32(1)):
        assert repr(fnp.finfo(arg)) == repr(np.finfo(arg))


@pytest.mark.parametrize("dt", INTS, ids=[d.name for d in INTS])
def test_iinfo_equals_numpy(dt):
    for arg in (dt, dt.type, dt.name):
        f, n = fnp.iinfo(arg), np.iinfo(arg)
        for k in ("bits", "min", "max", "dtype", "kind"):
            a, b = getattr(f, k), getattr(n, k)
            assert type(a) is type(b) and a == b, (k, a, b)
        assert repr(f) == repr(n)
    assert fnp.iinfo(1).max == np.iinfo(1).max


@pytest.mark.parametrize("arg", [np.int8, np.bool_, "i4", int])
def test_finfo_errors(arg):
    same_outcome(lambda: fnp.finfo(arg), lambda: np.finfo(arg))


@pytest.mark.parametrize("arg", [np.float64, np.bool_, np.complex64, float])
def test_iinfo_errors(arg):
    same_outcome(lambda: fnp.iinfo(arg), lambda: np.iinfo(arg))


PY_SCALARS = [True, 1, -1, 300, 2**40, 2**63, 2**70, 1.5, 1e300, 1j]
operand = st.one_of(st.sampled_from(ALL_DTYPES), st.sampled_from(PY_SCALARS),
                    st.sampled_from(ALL_DTYPES).map(lambda d: np.zeros(2, d)),
                    st.sampled_from(ALL_DTYPES).map(lambda d: np.zeros((), d)),
                    st.sampled_from(ALL_DTYPES).map(lambda d: d.type(0)))


def _as_fnp(x):
    return fnp.asarray(x) if isinstance(x, np.ndarray) else x


@given(st.lists(operand, min_size=0, max_size=4))
def test_result_type_matches_numpy(args):
    rn, en = run(lambda: np.result_type(*args))
    rf, ef = run(lambda: fnp.result_type(*map(_as_fnp, args)))
    if en is not None:
        assert type(ef) is type(en), (ef, en)
    else:
        # Equal dtypes (NumPy may name uint64 by its C type, ulonglong).
        assert ef is None and rf == rn, (rf, rn)


def test_result_type_nep50_examples():
    cases = [(np.int8, 300), (np.int8, 1.0), (np.float16, 1, 1j), (1, 2.0), (True, 1), (2**63,), (None,),
             (np.float32(1), 1.0), (np.array(1, "i1"), 1000), (np.uint64, np.int64), ("f4", "c8")]
    for c in cases:
        assert fnp.result_type(*c) == np.result_type(*c), c
    same_outcome(lambda: fnp.result_type(), lambda: np.result_type())


@pytest.mark.parametrize("a", ALL_DTYPES, ids=DTYPE_IDS)
def test_promote_types_and_can_cast_tables(a):
    for b in ALL_DTYPES:
        assert fnp.promote_types(a, b) == np.promote_types(a, b), (a, b)
        for casting in ("no", "equiv", "safe", "same_kind", "unsafe"):
            assert fnp.can_cast(a, b, casting) == np.can_cast(a, b, casting), (a, b, casting)
    assert fnp.can_cast(fnp.zeros(2, a), np.float64) == np.can_cast(np.zeros(2, a), np.float64)
    assert fnp.can_cast(a.type(0), np.int64) == np.can_cast(a.type(0), np.int64)


def test_can_cast_errors():
    same_outcome(lambda: fnp.can_cast(1, np.int8), lambda: np.can_cast(1, np.int8))
    same_outcome(lambda: fnp.can_cast(np.int8, np.int16, casting="bad"),
                 lambda: np.can_cast(np.int8, np.int16, casting="bad"))
    same_outcome(lambda: fnp.promote_types(1, np.int8), lambda: np.promote_types(1, np.int8), message=False)


@pytest.mark.parametrize("v", [0, 255, 256, -1, -129, 2**31, 2**63, 2**64, -2**63, -2**63 - 1, True, 0.1, 1e10, 1e300,
                               float("nan"), float("inf"), 1 + 1j, 1e300j, np.float32(1e10), np.int64(5),
                               np.float16(3), np.array(300), np.array([1, 2]), [1, 2], np.array(-5.5)])
def test_min_scalar_type(v):
    fv = fnp.asarray(v) if isinstance(v, np.ndarray) else v
    assert fnp.min_scalar_type(fv) == np.min_scalar_type(v), v


def test_issubdtype_and_isdtype():
    abstract = [np.generic, np.number, np.integer, np.signedinteger, np.unsignedinteger, np.inexact, np.floating,
                np.complexfloating, np.bool_]
    for d in ALL_DTYPES:
        for k in abstract + ALL_DTYPES:
            assert fnp.issubdtype(d, k) == np.issubdtype(d, k)
            assert fnp.issubdtype(d.type, k) == np.issubdtype(d.type, k)
        for kind in ["bool", "signed integer", "unsigned integer", "integral", "real floating", "complex floating",
                     "numeric", ("bool", "real floating"), np.float64, (np.int8, "bool")]:
            assert fnp.isdtype(d, kind) == np.isdtype(d, kind), (d, kind)
    assert fnp.issubdtype("f8", float) == np.issubdtype("f8", float)
    for args in [(np.float64, "bad"), (np.float64, 1), (float, "numeric")]:
        same_outcome(lambda: fnp.isdtype(*args), lambda: np.isdtype(*args))


def test_common_type_and_mintypecode():
    for ds in [("i4",), ("f2",), ("f4", "i1"), ("c8", "f8"), ("c8", "f4"), ("f2", "f4"), ("u8", "c8")]:
        fa = [fnp.zeros(2, d) for d in ds]
        na = [np.zeros(2, d) for d in ds]
        assert fnp.common_type(*fa) is np.common_type(*na), ds
    same_outcome(lambda: fnp.common_type(fnp.zeros(2, bool)), lambda: np.common_type(np.zeros(2, bool)))
    for codes in ["idF", "fd", "F", "ld", "", "Fd", "dF", ["f", "G"]]:
        assert fnp.mintypecode(codes) == np.mintypecode(codes), codes
    assert fnp.mintypecode([fnp.zeros(1, np.float32), "d"], typeset="fd") == \
        np.mintypecode([np.zeros(1, np.float32), "d"], typeset="fd")


def test_ndim_shape_size():
    n = np.zeros((2, 3, 4))
    f = fnp.asarray(n)
    for x, y in [(f, n), ([[1, 2], [3, 4]],) * 2, (5, 5), ((1, 2, 3),) * 2]:
        assert fnp.ndim(x) == np.ndim(y)
        assert fnp.shape(x) == np.shape(y)
        assert fnp.size(x) == np.size(y)
    assert fnp.size(f, 1) == np.size(n, 1)
    assert fnp.size(f, -1) == np.size(n, -1)
    assert fnp.size(f, (0, 2)) == np.size(n, (0, 2))
    same_outcome(lambda: fnp.size(f, 3), lambda: np.size(n, 3))


def test_numpy_dispatches_dtype_tools_to_ferronum():
    f = fnp.zeros(2, np.int8)
    assert np.result_type(f, 1.0) == np.float64
    assert np.ndim(f) == 1 and np.shape(f) == (2,) and np.size(f) == 2
    assert np.can_cast(f, np.int16)


def test_scalar_type_aliases_are_numpys():
    for name in ["byte", "ubyte", "short", "ushort", "intc", "uintc", "long", "ulong", "longlong", "ulonglong", "uint",
                 "csingle", "cdouble", "half", "single", "double", "intp", "uintp", "int_", "bool_"]:
        assert getattr(fnp, name) is getattr(np, name), name
        # Every alias names a dtype ferronum arrays can hold.
        assert fnp.zeros(2, dtype=getattr(fnp, name)).dtype == np.dtype(getattr(np, name))


@pytest.mark.parametrize("dt", FLOATS, ids=[d.name for d in FLOATS])
def test_finfo_drives_ferronum_arithmetic(dt):
    # eps is the gap above one in the type's own arithmetic, computed by ferronum.
    one = fnp.ones(1, dt)
    eps = fnp.finfo(dt).eps
    assert (one + eps)[0] > 1 and (one + eps / 2)[0] == 1
