"""The Array API standard (2024.12): ``x.__array_namespace__()`` is the ferronum module, as
NumPy's is ``numpy``. Every name the standard lists is there; the names NumPy adds for it
(``acos``, ``pow``, ``vecdot``, ``astype``, ``__array_namespace_info__``, ``device``,
``to_device``, ``device=``, ``linalg.vector_norm``...) behave as NumPy's, errors included.
``array_api_compat.array_namespace`` accepts ferronum arrays."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp

from conftest import ALL_DTYPES, array_pairs, assert_same, check_both, same_outcome

# The standard's 2024.12 names (its spec stubs' __all__ lists), by where they live.
FUNCTIONS = """
abs acos acosh add asin asinh atan atan2 atanh bitwise_and bitwise_left_shift bitwise_invert
bitwise_or bitwise_right_shift bitwise_xor ceil clip conj copysign cos cosh divide equal exp expm1
floor floor_divide greater greater_equal hypot imag isfinite isinf isnan less less_equal log log1p
log2 log10 logaddexp logical_and logical_not logical_or logical_xor maximum minimum multiply
negative nextafter not_equal positive pow real reciprocal remainder round sign signbit sin sinh
square sqrt subtract tan tanh trunc
arange asarray empty empty_like eye from_dlpack full full_like linspace meshgrid ones ones_like tril
triu zeros zeros_like
astype can_cast finfo iinfo isdtype result_type
take take_along_axis
matmul matrix_transpose tensordot vecdot
broadcast_arrays broadcast_to concat expand_dims flip moveaxis permute_dims repeat reshape roll
squeeze stack tile unstack
argmax argmin count_nonzero nonzero searchsorted where
unique_all unique_counts unique_inverse unique_values
argsort sort
cumulative_sum cumulative_prod max mean min prod std sum var
all any diff
__array_namespace_info__
""".split()
CONSTANTS = ["e", "inf", "nan", "newaxis", "pi"]
DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32", "float64",
          "complex64", "complex128"]
LINALG = """cholesky cross det diagonal eigh eigvalsh inv matmul matrix_norm matrix_power matrix_rank
matrix_transpose outer pinv qr slogdet solve svd svdvals tensordot trace vecdot vector_norm""".split()
FFT = "fft ifft fftn ifftn rfft irfft rfftn irfftn hfft ihfft fftfreq rfftfreq fftshift ifftshift".split()
ARRAY_ATTRIBUTES = ["T", "mT", "device", "dtype", "ndim", "shape", "size", "to_device", "__array_namespace__",
                    "__dlpack__", "__dlpack_device__"]


# ====================================================================== the namespace ===
def test_every_standard_name_is_there():
    missing = [n for n in FUNCTIONS + CONSTANTS + DTYPES if not hasattr(fnp, n)]
    missing += ["linalg." + n for n in LINALG if not hasattr(fnp.linalg, n)]
    missing += ["fft." + n for n in FFT if not hasattr(fnp.fft, n)]
    x = fnp.ones((2, 2))
    missing += ["ndarray." + n for n in ARRAY_ATTRIBUTES if not hasattr(x, n)]
    assert not missing, missing
    assert fnp.__array_api_version__ == np.__array_api_version__ == "2024.12"


@pytest.mark.parametrize("alias, name", [("acos", "arccos"), ("asin", "arcsin"), ("atan", "arctan"),
                                         ("acosh", "arccosh"), ("asinh", "arcsinh"), ("atanh", "arctanh"),
                                         ("atan2", "arctan2"), ("pow", "power"), ("bitwise_invert", "invert"),
                                         ("bitwise_left_shift", "left_shift"),
                                         ("bitwise_right_shift", "right_shift"), ("concat", "concatenate"),
                                         ("permute_dims", "transpose")])
def test_standard_names_are_numpy_aliases(alias, name):
    # The same object, as in NumPy, so NumPy's ufunc dispatch finds one entry per ufunc.
    assert (getattr(np, alias) is getattr(np, name)) == (getattr(fnp, alias) is getattr(fnp, name))
    x = fnp.asarray([0.25, 0.5])
    args = (x, x) if alias in ("atan2", "pow") else (x,)
    if alias.startswith("bitwise"):
        x = fnp.asarray([1, 2])
        args = (x, x) if "shift" in alias else (x,)
    if alias == "concat":
        args = ([x, x],)
    check_both(lambda: getattr(fnp, alias)(*args), lambda: getattr(np, alias)(*[np.asarray(a) if isinstance(
        a, fnp.ndarray) else [np.asarray(b) for b in a] for a in args]))


def test_numpy_ufunc_by_standard_name_runs_ferronum():
    x = fnp.asarray([0.25, 0.5])
    assert isinstance(np.acos(x), fnp.ndarray)
    assert isinstance(np.pow(x, 2), fnp.ndarray)
    assert isinstance(np.vecdot(fnp.ones((2, 3)), fnp.ones(3)), fnp.ndarray)
    assert isinstance(np.astype(x, np.float32), fnp.ndarray)
    assert isinstance(np.linalg.vector_norm(fnp.ones((2, 3)), axis=1), fnp.ndarray)


@pytest.mark.parametrize("version", [None, "2021.12", "2022.12", "2023.12", "2024.12"])
def test_array_namespace_is_ferronum(version):
    x = fnp.ones(3)
    assert x.__array_namespace__(api_version=version) is fnp
    assert np.ones(3).__array_namespace__(api_version=version) is np


@pytest.mark.parametrize("call", [
    lambda x: x.__array_namespace__(api_version="2020.10"),
    lambda x: x.__array_namespace__(api_version="2025.12"),
    lambda x: x.__array_namespace__(api_version=2023),
    lambda x: x.__array_namespace__(api_version=1.5),
    lambda x: x.__array_namespace__("2023.12"),
])
def test_array_namespace_errors_match_numpy(call):
    # The messages are NumPy's, but for the method's own name in the TypeError.
    same_outcome(lambda: call(fnp.ones(3)), lambda: call(np.ones(3)), message=False)
    with pytest.raises(Exception) as en:
        call(np.ones(3))
    with pytest.raises(Exception) as ef:
        call(fnp.ones(3))
    if en.type is ValueError:
        assert str(ef.value) == str(en.value)


def test_array_api_compat_accepts_ferronum():
    array_api_compat = pytest.importorskip("array_api_compat")
    x, y = fnp.ones(3), fnp.zeros((2, 3))
    assert array_api_compat.array_namespace(x) is fnp
    assert array_api_compat.array_namespace(x, y) is fnp
    assert array_api_compat.array_namespace(x, api_version="2023.12") is fnp
    assert array_api_compat.is_array_api_obj(x)
    assert array_api_compat.device(x) == "cpu"
    assert array_api_compat.to_device(x, "cpu") is x
    # Code written against the standard runs on what the namespace gives back.
    xp = array_api_compat.array_namespace(x)
    r = xp.vecdot(xp.permute_dims(y, (1, 0)), xp.ones((3, 2)), axis=0)
    assert isinstance(r, fnp.ndarray) and r.shape == (2,)


# ============================================================== device and to_device ===
def test_device_and_to_device():
    x = fnp.arange(6).reshape(2, 3)
    n = np.arange(6).reshape(2, 3)
    assert x.device == n.device == "cpu"
    assert x.to_device("cpu") is x
    assert x.to_device(x.device) is x
    for call in (lambda a: a.to_device("gpu"), lambda a: a.to_device(None), lambda a: a.to_device("cpu", stream=1),
                 lambda a: a.to_device("gpu", stream=1), lambda a: a.to_device()):
        same_outcome(lambda: call(x), lambda: call(n), message=False)
    with pytest.raises(ValueError, match="Unsupported device: gpu. Only 'cpu' is accepted."):
        x.to_device("gpu")
    with pytest.raises(ValueError, match="The stream argument in to_device"):
        x.to_device("cpu", stream=0)


CREATION = [
    ("asarray", lambda m, **kw: m.asarray([1, 2], **kw)),
    ("zeros", lambda m, **kw: m.zeros((2, 3), **kw)),
    ("ones", lambda m, **kw: m.ones(3, dtype=m.int8, **kw)),
    ("empty", lambda m, **kw: m.empty(0, **kw)),
    ("full", lambda m, **kw: m.full((2,), 7, **kw)),
    ("zeros_like", lambda m, **kw: m.zeros_like(m.ones((2, 2)), **kw)),
    ("ones_like", lambda m, **kw: m.ones_like(m.ones((2, 2)), **kw)),
    ("empty_like", lambda m, **kw: m.zeros_like(m.ones(0), **kw)),
    ("full_like", lambda m, **kw: m.full_like(m.ones(3), 2.5, **kw)),
    ("arange", lambda m, **kw: m.arange(5, **kw)),
    ("linspace", lambda m, **kw: m.linspace(0, 1, 5, **kw)),
    ("eye", lambda m, **kw: m.eye(3, k=1, **kw)),
    ("fftfreq", lambda m, **kw: m.fft.fftfreq(4, **kw)),
    ("rfftfreq", lambda m, **kw: m.fft.rfftfreq(4, **kw)),
    ("astype", lambda m, **kw: m.astype(m.ones(3), m.int16, **kw)),
    ("from_dlpack", lambda m, **kw: m.from_dlpack(m.ones(3), **kw)),
]


@pytest.mark.parametrize("name, make", CREATION, ids=[c[0] for c in CREATION])
@pytest.mark.parametrize("device", [None, "cpu", "gpu", 0, "CPU"])
def test_device_keyword_matches_numpy(name, make, device):
    fr, nr = same_outcome(lambda: make(fnp, device=device), lambda: make(np, device=device))
    if fr is not None:
        assert fr.device == "cpu"


def test_device_keyword_message():
    with pytest.raises(ValueError) as ef:
        fnp.zeros(3, device="gpu")
    with pytest.raises(ValueError) as en:
        np.zeros(3, device="gpu")
    assert str(ef.value) == str(en.value)


# ======================================================================== inspection ===
def test_namespace_info_matches_numpy():
    fi, ni = fnp.__array_namespace_info__(), np.__array_namespace_info__()
    assert fi.capabilities() == ni.capabilities()
    assert fi.default_device() == ni.default_device() == "cpu"
    assert fi.devices() == ni.devices()
    for device in (None, "cpu"):
        assert fi.default_dtypes(device=device) == ni.default_dtypes(device=device)
        assert fi.dtypes(device=device) == ni.dtypes(device=device)
        assert list(fi.dtypes(device=device)) == list(ni.dtypes(device=device))
    kinds = ["bool", "signed integer", "unsigned integer", "integral", "real floating", "complex floating", "numeric"]
    for kind in kinds + [(), ("bool", "real floating"), ("integral", "signed integer"), tuple(kinds)]:
        got, want = fi.dtypes(kind=kind), ni.dtypes(kind=kind)
        assert got == want and list(got) == list(want), kind
        assert all(type(a) is type(b) for a, b in zip(got.values(), want.values()))


@pytest.mark.parametrize("call", [
    lambda i: i.dtypes(kind="foo"),
    lambda i: i.dtypes(kind=("bool", "foo")),
    lambda i: i.dtypes(device="gpu"),
    lambda i: i.default_dtypes(device="gpu"),
    lambda i: i.dtypes("cpu"),
])
def test_namespace_info_errors_match_numpy(call):
    same_outcome(lambda: call(fnp.__array_namespace_info__()), lambda: call(np.__array_namespace_info__()),
                 message=False)


def test_namespace_info_error_messages():
    for call in (lambda i: i.dtypes(kind="foo"), lambda i: i.default_dtypes(device="gpu")):
        with pytest.raises(ValueError) as ef:
            call(fnp.__array_namespace_info__())
        with pytest.raises(ValueError) as en:
            call(np.__array_namespace_info__())
        assert str(ef.value) == str(en.value)


# ============================================================================ astype ===
@given(pair=array_pairs(), to=st.sampled_from(ALL_DTYPES), copy=st.booleans())
def test_astype_function_matches_numpy(pair, to, copy):
    n, f = pair
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rf, rn = same_outcome(lambda: fnp.astype(f, to, copy=copy), lambda: np.astype(n, to, copy=copy))
    if rf is not None and not copy and n.dtype == to:
        assert (rf is f) == (rn is n)


@pytest.mark.parametrize("x", [np.float64(2.5), np.int8(-3), np.bool_(True), np.complex64(1 + 2j)],
                         ids=lambda x: type(x).__name__)
def test_astype_of_numpy_scalar(x):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        same_outcome(lambda: fnp.astype(x, np.float32), lambda: np.astype(x, np.float32))
        same_outcome(lambda: fnp.astype(x, np.int16), lambda: np.astype(x, np.int16))


@pytest.mark.parametrize("call", [
    lambda m: m.astype([1, 2], m.int8),
    lambda m: m.astype(3.0, m.int8),
    lambda m: m.astype(m.ones(2), "not a dtype"),
    lambda m: m.astype(m.ones(2), m.int8, device="gpu"),
    lambda m: m.astype(m.ones(2), m.int8, False),
])
def test_astype_errors_match_numpy(call):
    same_outcome(lambda: call(fnp), lambda: call(np), message=False)


def test_astype_error_message():
    with pytest.raises(TypeError) as ef:
        fnp.astype([1, 2], fnp.int8)
    with pytest.raises(TypeError) as en:
        np.astype([1, 2], np.int8)
    assert str(ef.value) == str(en.value)


# ============================================================================ vecdot ===
@st.composite
def vecdot_operands(draw):
    """Two (numpy, ferronum) pairs of broadcastable shapes with an equal last axis, integer
    valued (float sums then are exact whatever the order)."""
    bs = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, min_side=0, max_side=4))
    n = draw(st.integers(0, 5))
    d1, d2 = draw(st.sampled_from(ALL_DTYPES)), draw(st.sampled_from(ALL_DTYPES))
    pairs = []
    for shape, dt in zip(bs.input_shapes, (d1, d2)):
        lo = 0 if dt.kind in "bu" else -4
        hi = 1 if dt.kind == "b" else 4
        vals = draw(hnp.arrays(np.int8, shape + (n,), elements=st.integers(lo, hi)))
        a = vals.astype(dt)
        if dt.kind == "c":
            a = a + 1j * vals[..., ::-1].astype(dt)
        pairs.append((a, fnp.asarray(a)))
    return pairs


@given(ops=vecdot_operands())
def test_vecdot_matches_numpy(ops):
    (n1, f1), (n2, f2) = ops
    check_both(lambda: fnp.vecdot(f1, f2), lambda: np.vecdot(n1, n2), exact=True)
    check_both(lambda: fnp.linalg.vecdot(f1, f2), lambda: np.linalg.vecdot(n1, n2), exact=True)


@given(pair=array_pairs(dtype=st.sampled_from([np.dtype(np.int32), np.dtype(np.complex128)]),
                        shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4),
                        small=True),
       axis=st.integers(-3, 2))
def test_vecdot_axis_matches_numpy(pair, axis):
    n, f = pair
    check_both(lambda: fnp.vecdot(f, f, axis=axis), lambda: np.vecdot(n, n, axis=axis), rtol=1e-12)
    check_both(lambda: fnp.linalg.vecdot(f, f, axis=axis), lambda: np.linalg.vecdot(n, n, axis=axis), rtol=1e-12)
    check_both(lambda: fnp.vecdot(f, f, axis=axis, keepdims=True), lambda: np.vecdot(n, n, axis=axis, keepdims=True),
               rtol=1e-12)


def test_vecdot_conjugates_first_argument():
    a = np.array([1 + 2j, 3j, -1 + 0.5j])
    b = np.array([1j, 2, 0.25 - 1j])
    check_both(lambda: fnp.vecdot(fnp.asarray(a), fnp.asarray(b)), lambda: np.vecdot(a, b), exact=True)
    check_both(lambda: fnp.vecdot(fnp.asarray(b), fnp.asarray(a)), lambda: np.vecdot(b, a), exact=True)


def test_vecdot_keywords_match_numpy():
    a = np.arange(12.0).reshape(4, 3)
    b = np.arange(3.0)
    fa, fb = fnp.asarray(a), fnp.asarray(b)
    check_both(lambda: fnp.vecdot(fa, fb, dtype=np.float32), lambda: np.vecdot(a, b, dtype=np.float32))
    check_both(lambda: fnp.vecdot(fa, fb, keepdims=True), lambda: np.vecdot(a, b, keepdims=True))
    check_both(lambda: fnp.vecdot(fa.T, fb, axes=[(0,), (0,), ()]), lambda: np.vecdot(a.T, b, axes=[(0,), (0,), ()]))
    out = fnp.zeros(4)
    assert fnp.vecdot(fa, fb, out=out) is out
    assert_same(out, np.vecdot(a, b))
    out = fnp.zeros(4)
    assert fnp.vecdot(fa, fb, out=(out,)) is out
    assert_same(out, np.vecdot(a, b))


@pytest.mark.parametrize("call", [
    lambda m: m.vecdot(m.asarray(1.0), m.ones(1)),
    lambda m: m.vecdot(m.ones(3), m.asarray(2)),
    lambda m: m.vecdot(m.ones(3), m.ones(2)),
    lambda m: m.vecdot(m.ones((2, 3)), m.ones(3), axis=0),
    lambda m: m.vecdot(m.ones(3), m.ones(3), axis=1),
    lambda m: m.vecdot(m.ones(3), m.ones(3), axis=-2),
    lambda m: m.vecdot(m.ones((2, 3)), m.ones((4, 3))),
    lambda m: m.vecdot(m.ones(3), m.ones(3), axis=0, axes=[(0,), (0,), ()]),
    lambda m: m.linalg.vecdot(m.ones(3), m.ones(4)),
    lambda m: m.linalg.vecdot(m.ones((2, 3)), m.ones((2, 3)), axis=2),
])
def test_vecdot_errors_match_numpy(call):
    same_outcome(lambda: call(fnp), lambda: call(np), message=False)


def test_vecdot_error_messages():
    for call in (lambda m: m.vecdot(m.ones(3), m.ones(2)), lambda m: m.vecdot(m.asarray(1.0), m.ones(1)),
                 lambda m: m.vecdot(m.ones(3), m.ones(3), axis=1)):
        with pytest.raises(Exception) as ef:
            call(fnp)
        with pytest.raises(Exception) as en:
            call(np)
        assert str(ef.value) == str(en.value)


# ================================================================ linalg extension ===
matrices = hnp.array_shapes(min_dims=2, max_dims=4, min_side=0, max_side=4)


@given(pair=array_pairs(dtype=st.sampled_from([np.dtype(t) for t in (np.float32, np.float64, np.complex128, np.int64)]),
                        shape=matrices, allow_nan=False, allow_inf=False, small=True),
       offset=st.integers(-3, 3), keepdims=st.booleans())
def test_linalg_matrix_functions_match_numpy(pair, offset, keepdims):
    n, f = pair
    rtol = 1e-5 if n.dtype in (np.float32, np.complex64) else 1e-12
    check_both(lambda: fnp.linalg.diagonal(f, offset=offset), lambda: np.linalg.diagonal(n, offset=offset))
    check_both(lambda: fnp.linalg.trace(f, offset=offset), lambda: np.linalg.trace(n, offset=offset))
    check_both(lambda: fnp.linalg.trace(f, offset=offset, dtype=np.float64),
               lambda: np.linalg.trace(n, offset=offset, dtype=np.float64))
    check_both(lambda: fnp.linalg.matrix_transpose(f), lambda: np.linalg.matrix_transpose(n))
    check_both(lambda: fnp.linalg.matmul(f, fnp.linalg.matrix_transpose(f)),
               lambda: np.linalg.matmul(n, np.linalg.matrix_transpose(n)), rtol=rtol)
    for ord in ("fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf):
        # Empty matrices too: NumPy's maxima and sums start from 0, its minima raise.
        # Singular values of rank-deficient matrices are rounding noise: absolute tolerance.
        atol = 100 * rtol * (float(np.abs(n).sum()) + 1) if ord in (2, -2, "nuc") else 0.0
        check_both(lambda: fnp.linalg.matrix_norm(f, ord=ord, keepdims=keepdims),
                   lambda: np.linalg.matrix_norm(n, ord=ord, keepdims=keepdims), rtol=rtol, atol=atol)
    if n.dtype.kind == "f" and 0 not in n.shape:
        check_both(lambda: fnp.linalg.svdvals(f), lambda: np.linalg.svdvals(n), rtol=rtol, atol=1e-4)


@given(pair=array_pairs(dtype=st.sampled_from([np.dtype(t) for t in (np.float32, np.float64, np.complex64, np.int16)]),
                        shape=hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=4),
                        allow_nan=False, allow_inf=False, small=True),
       data=st.data(), keepdims=st.booleans(), ord=st.sampled_from([2, 1, 0, -1, np.inf, -np.inf, 3, 0.5]))
def test_linalg_vector_norm_matches_numpy(pair, data, keepdims, ord):
    n, f = pair
    rtol = 1e-5 if n.dtype in (np.float32, np.complex64) else 1e-12
    axes = [None] + list(range(-n.ndim, n.ndim))
    if n.ndim:
        axes.append(tuple(data.draw(st.permutations(range(n.ndim)))[:data.draw(st.integers(1, n.ndim))]))
    axis = data.draw(st.sampled_from(axes))
    check_both(lambda: fnp.linalg.vector_norm(f, axis=axis, keepdims=keepdims, ord=ord),
               lambda: np.linalg.vector_norm(n, axis=axis, keepdims=keepdims, ord=ord), rtol=rtol)


@given(p1=array_pairs(dtype=st.sampled_from([np.dtype(np.int64), np.dtype(np.float64)]),
                      shape=hnp.array_shapes(min_dims=1, max_dims=1, min_side=0, max_side=4), small=True),
       p2=array_pairs(dtype=st.sampled_from([np.dtype(np.int8), np.dtype(np.complex64)]),
                      shape=hnp.array_shapes(min_dims=1, max_dims=1, min_side=0, max_side=4), small=True))
def test_linalg_outer_tensordot_cross_match_numpy(p1, p2):
    (n1, f1), (n2, f2) = p1, p2
    check_both(lambda: fnp.linalg.outer(f1, f2), lambda: np.linalg.outer(n1, n2))
    check_both(lambda: fnp.linalg.tensordot(f1, f2, axes=0), lambda: np.linalg.tensordot(n1, n2, axes=0))
    a, b = np.arange(24.0).reshape(2, 4, 3), np.arange(3) - 1
    check_both(lambda: fnp.linalg.cross(fnp.asarray(a), fnp.asarray(b)), lambda: np.linalg.cross(a, b))
    check_both(lambda: fnp.linalg.cross(fnp.asarray(a.swapaxes(1, 2)), fnp.asarray(b[:, None]), axis=1),
               lambda: np.linalg.cross(a.swapaxes(1, 2), b[:, None], axis=1))


@pytest.mark.parametrize("call", [
    lambda m: m.linalg.cross(m.ones(2), m.ones(2)),
    lambda m: m.linalg.cross(m.ones(3), m.ones((3, 2))),
    lambda m: m.linalg.cross(m.ones((3, 2)), m.ones((3, 2)), axis=0),
    lambda m: m.linalg.outer(m.ones((2, 2)), m.ones(2)),
    lambda m: m.linalg.outer(m.ones(2), m.asarray(1.0)),
    lambda m: m.linalg.matrix_norm(m.ones(3)),
    lambda m: m.linalg.matrix_norm(m.ones((2, 2)), ord=3),
    lambda m: m.linalg.vector_norm(m.ones((2, 3)), axis=(0, 0)),
    lambda m: m.linalg.vector_norm(m.ones((2, 3)), axis=(0, 2)),
    lambda m: m.linalg.vector_norm(m.ones((2, 3)), axis=2),
    lambda m: m.linalg.diagonal(m.ones(3)),
    lambda m: m.linalg.trace(m.ones(3)),
    lambda m: m.linalg.svdvals(m.ones(3)),
    lambda m: m.linalg.tensordot(m.ones((2, 3)), m.ones((2, 3)), axes=1),
    lambda m: m.linalg.matmul(m.ones((2, 3)), m.ones((2, 3))),
])
def test_linalg_extension_errors_match_numpy(call):
    same_outcome(lambda: call(fnp), lambda: call(np), message=False)


def test_linalg_extension_error_messages():
    for call in (lambda m: m.linalg.cross(m.ones(2), m.ones(2)), lambda m: m.linalg.outer(m.ones((2, 2)), m.ones(2)),
                 lambda m: m.linalg.vector_norm(m.ones((2, 3)), axis=(0, 0))):
        with pytest.raises(ValueError) as ef:
            call(fnp)
        with pytest.raises(ValueError) as en:
            call(np)
        assert str(ef.value) == str(en.value)


# =============================================== SVD of matrices near the type's range ===
@pytest.mark.parametrize("dt", [np.float32, np.float64, np.complex64, np.complex128], ids=lambda t: t.__name__)
@pytest.mark.parametrize("magnitude", [1e19, 1e-25, 1e150, 1e-160, 3e37])
def test_svd_of_extreme_magnitudes_matches_numpy(dt, magnitude):
    # Entries whose squares leave the type's range: LAPACK scales before the iteration; so
    # does the engine (faer alone reports no convergence for a float32 matrix of 1.3e19).
    info = np.finfo(dt)
    if magnitude > float(info.max) ** 0.9 or magnitude < float(info.tiny) ** 0.9:
        pytest.skip("outside the dtype's range")
    rng = np.random.default_rng(7)
    for shape in ((2, 2), (3, 5), (4, 3)):
        a = (rng.standard_normal(shape) * magnitude).astype(dt)
        full = np.full(shape, magnitude, dt)
        for n in (a, full):
            f = fnp.asarray(n)
            sn = np.linalg.svd(n, compute_uv=False)
            sf = fnp.linalg.svd(f, compute_uv=False)
            tol = 1e-4 if dt in (np.float32, np.complex64) else 1e-10
            np.testing.assert_allclose(np.asarray(sf), sn, rtol=tol, atol=tol * float(sn[0]))
            u, s, vh = fnp.linalg.svd(f, full_matrices=False)
            rebuilt = np.asarray(u) * np.asarray(s)[None, :] @ np.asarray(vh)
            np.testing.assert_allclose(rebuilt, n, rtol=tol, atol=tol * float(sn[0]))
            u, s, vh = fnp.linalg.svd(f, full_matrices=True)
            np.testing.assert_allclose(np.asarray(s), sn, rtol=tol, atol=tol * float(sn[0]))
            if n is full:
                # Rank one: the pseudo-inverse hangs on how small the rounding noise in the
                # other singular values comes out, which differs between SVD algorithms.
                continue
            p = fnp.linalg.pinv(f)
            np.testing.assert_allclose(np.asarray(p), np.linalg.pinv(n), rtol=10 * tol,
                                       atol=10 * tol * float(np.abs(np.linalg.pinv(n)).max()))


def test_pinv_of_float32_matrix_near_1e19():
    a = np.full((2, 2), 1.304382e19, np.float32)
    assert_same(fnp.linalg.pinv(fnp.asarray(a)), np.linalg.pinv(a), rtol=1e-5)


@pytest.mark.parametrize("k", [0, 1, -2, 5, 2**63, -2**63 - 1, 2**100, -2**100, np.int64(1), True, 1.5, "1", None])
@pytest.mark.parametrize("shape", [(0, None), (3, None), (2, 4), (4, 2)])
def test_eye_any_integer_offset(k, shape):
    # The conformance suite draws offsets up to 2**63; NumPy's eye takes any Python int.
    kw = {} if k is None else {"k": k}
    same_outcome(lambda: fnp.eye(*shape, **kw), lambda: np.eye(*shape, **kw), message=False)


# ===================================================================== copy= semantics ===
COPY_CALLS = [
    ("asarray same dtype", lambda m, x, c: m.asarray(x, copy=c)),
    ("asarray new dtype", lambda m, x, c: m.asarray(x, dtype=m.float32, copy=c)),
    ("asarray list", lambda m, x, c: m.asarray([1, 2, 3], copy=c)),
    ("astype same dtype", lambda m, x, c: m.astype(x, x.dtype, copy=c)),
    ("astype new dtype", lambda m, x, c: m.astype(x, m.int8, copy=c)),
    ("reshape view", lambda m, x, c: m.reshape(x, (3, 2), copy=c)),
    ("reshape of transpose", lambda m, x, c: m.reshape(x.T, (6,), copy=c)),
]


@pytest.mark.parametrize("name, call", COPY_CALLS, ids=[c[0] for c in COPY_CALLS])
@pytest.mark.parametrize("copy", [True, False, None])
def test_copy_keyword_matches_numpy(name, call, copy):
    # copy=True always copies, copy=False never does (ValueError where it must), None copies
    # only when it must: whether the result shares the input's memory is NumPy's answer.
    n = np.arange(6.0).reshape(2, 3)
    f = fnp.asarray(n.copy())
    rf, rn = same_outcome(lambda: call(fnp, f, copy), lambda: call(np, n, copy), message=False)
    if rn is not None:
        assert fnp.shares_memory(rf, f) == np.shares_memory(rn, n)
    else:
        # NumPy's message goes on with advice on NumPy 1.x code; ferronum gives its first line.
        with pytest.raises(ValueError) as ef:
            call(fnp, f, copy)
        with pytest.raises(ValueError) as en:
            call(np, n, copy)
        assert str(en.value).startswith(str(ef.value))


@pytest.mark.parametrize("copy", [0, 1, "", "x", 2.5, np.bool_(False), np.bool_(True), None])
def test_astype_method_reads_copy_by_truth(copy):
    n = np.arange(3.0)
    f = fnp.asarray(n.copy())
    assert (f.astype(f.dtype, copy=copy) is f) == (n.astype(n.dtype, copy=copy) is n)
