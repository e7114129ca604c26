"""ndarray attributes and basic methods: shape, dtype, ndim, size, itemsize, nbytes, strides,
T, flags, len/iter/bool, scalar conversions, tolist, item, astype, copy, reshape, ravel,
transpose, fill; and ferronum's NumPy-type identities."""

import operator

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp

from conftest import (ALL_DTYPES, COMPLEX, DTYPE_IDS, FLOATS, INTS, NUMERIC, array_pairs, assert_same,
                      assert_same_error, assert_unchanged, check_both, dtypes, layout_strides, run, shapes,
                      snapshot)

# ---------------------------------------------------------------------- type identities ---
SCALAR_NAMES = ["bool_", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                "float16", "float32", "float64", "complex64", "complex128", "intp", "generic", "number",
                "integer", "floating", "complexfloating", "signedinteger", "unsignedinteger", "inexact"]


@pytest.mark.parametrize("name", SCALAR_NAMES)
def test_scalar_types_are_numpys(name):
    assert getattr(fnp, name) is getattr(np, name)


def test_dtype_and_exceptions_are_numpys():
    assert fnp.dtype is np.dtype
    assert fnp.AxisError is np.exceptions.AxisError
    assert fnp.linalg.LinAlgError is np.linalg.LinAlgError
    assert fnp.newaxis is None
    assert fnp.pi == np.pi and fnp.e == np.e
    assert np.isnan(fnp.nan) and fnp.inf == np.inf


def test_ndarray_module_and_type():
    a = fnp.zeros(3)
    assert type(a) is fnp.ndarray
    assert fnp.ndarray.__module__ == "ferronum"
    assert type(a).__module__ == "ferronum"
    assert fnp.ndarray.__name__ == "ndarray"


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_dtype_attribute_is_numpy_dtype(dt):
    a = fnp.zeros(2, dtype=dt)
    assert type(a.dtype) is type(np.dtype(dt))
    assert isinstance(a.dtype, np.dtype)
    assert a.dtype == np.dtype(dt)
    assert a.dtype.type is np.dtype(dt).type
    assert hash(a.dtype) == hash(np.dtype(dt))


# --------------------------------------------------------------------- layout attributes ---
@given(array_pairs())
def test_layout_attributes_match_numpy(pair):
    n, f = pair
    assert f.shape == n.shape and type(f.shape) is tuple
    assert f.ndim == n.ndim
    assert f.size == n.size
    assert f.itemsize == n.itemsize
    assert f.nbytes == n.nbytes
    # fresh empty arrays: test_strides_of_fresh_empty_arrays; length-1 axes:
    # test_strides_of_length_one_strided_views
    assert layout_strides(f) == layout_strides(n), f"strides {f.strides} vs {n.strides}"
    assert f.flags.c_contiguous == n.flags.c_contiguous
    assert f.flags.f_contiguous == n.flags.f_contiguous
    assert f.flags["C_CONTIGUOUS"] == n.flags["C_CONTIGUOUS"]
    assert f.flags["F_CONTIGUOUS"] == n.flags["F_CONTIGUOUS"]
    assert f.flags.writeable is True


@given(array_pairs())
def test_T_matches_numpy(pair):
    n, f = pair
    t = f.T
    assert_same(t, n.T, exact=True)
    assert layout_strides(t) == layout_strides(n.T)


@pytest.mark.parametrize("shape", [(0,), (0, 3), (3, 0), (2, 0, 3)], ids=repr)
@pytest.mark.parametrize("fn", ["zeros", "ones", "empty"])
def test_strides_of_fresh_empty_arrays(fn, shape):
    # NumPy 2.x gives fresh size-0 arrays all-zero strides.
    assert getattr(fnp, fn)(shape).strides == getattr(np, fn)(shape).strides
    assert fnp.array(np.zeros(shape)).strides == np.array(np.zeros(shape)).strides


def test_owndata_flag():
    a = fnp.arange(12)
    assert a.flags.owndata is True
    assert a.reshape(3, 4).flags.owndata is False
    assert a[::2].flags.owndata is False
    assert a.reshape(3, 4).T.flags.owndata is False
    assert a.copy().flags.owndata is True
    assert fnp.zeros((2, 2)).flags.owndata is True


def test_flags_of_basic_layouts():
    a = fnp.zeros((3, 4))
    assert a.flags.c_contiguous and not a.flags.f_contiguous
    assert a.T.flags.f_contiguous and not a.T.flags.c_contiguous
    assert not a[:, ::2].flags.c_contiguous and not a[:, ::2].flags.f_contiguous
    assert a[1].flags.c_contiguous
    assert fnp.zeros((1, 4)).flags.f_contiguous == np.zeros((1, 4)).flags.f_contiguous
    assert fnp.zeros((0, 4)).flags.f_contiguous == np.zeros((0, 4)).flags.f_contiguous


# -------------------------------------------------------------- len / iter / bool ---
@given(array_pairs())
def test_len(pair):
    n, f = pair
    check_both(lambda: len(f), lambda: len(n))


@given(array_pairs(shape=hnp.array_shapes(min_dims=0, max_dims=3, max_side=4)))
def test_iter(pair):
    n, f = pair
    rn, en = run(lambda: list(n))
    if en is not None:
        assert_same_error(lambda: list(f), lambda: list(n))
        return
    rf = list(f)
    assert len(rf) == len(rn)
    for x, y in zip(rf, rn):
        assert_same(x, y, exact=True)


@pytest.mark.parametrize("vals", [[], [0], [3], [0.0], [1.5], [[True]], [[0]], [1, 2], [[1], [2]], 0, 7, 0j, 1j])
def test_bool(vals):
    n = np.array(vals)
    check_both(lambda: bool(fnp.array(vals)), lambda: bool(n))


@pytest.mark.parametrize("conv", [float, int, complex, operator.index], ids=["float", "int", "complex", "index"])
@pytest.mark.parametrize("vals,dt", [
    (3, None), (-2, np.int8), (200, np.uint8), (2**64 - 1, np.uint64), (2.75, None), (-2.75, np.float32),
    (1.5, np.float16), (True, None), (1 + 2j, None), (3 + 0j, np.complex64), ([4], None), ([[4.5]], None),
    ([1, 2], None), ([], None), (float("nan"), None), (float("inf"), None),
])
def test_scalar_conversions(conv, vals, dt):
    n = np.array(vals, dtype=dt)
    f = fnp.array(vals, dtype=dt)
    check_both(lambda: conv(f), lambda: conv(n))


# ------------------------------------------------------------------------- tolist/item ---
def same_nested(a, b):
    assert type(a) is type(b), f"{type(a)} vs {type(b)}: {a!r} vs {b!r}"
    if isinstance(a, list):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            same_nested(x, y)
    elif isinstance(a, float) and a != a:
        assert b != b
    elif isinstance(a, complex) and a != a:
        assert repr(a) == repr(b), f"{a!r} != {b!r}"
    else:
        assert a == b, f"{a!r} != {b!r}"


@given(array_pairs())
def test_tolist(pair):
    n, f = pair
    same_nested(f.tolist(), n.tolist())


@given(array_pairs(shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=4)), st.data())
def test_item(pair, data):
    n, f = pair
    if n.size == 1:
        same_nested(f.item(), n.item())
    else:
        assert_same_error(lambda: f.item(), lambda: n.item())
    i = data.draw(st.integers(-n.size - 2, n.size + 1))
    rn, en = run(lambda: n.item(i))
    if en is None:
        same_nested(f.item(i), rn)
    else:
        assert_same_error(lambda: f.item(i), lambda: n.item(i))
    if n.ndim >= 1:
        idx = tuple(data.draw(st.integers(-s - 1, s)) for s in n.shape)
        rn, en = run(lambda: n.item(idx))
        if en is None:
            same_nested(f.item(idx), rn)
            same_nested(f.item(*idx), n.item(*idx))
        else:
            assert_same_error(lambda: f.item(*idx), lambda: n.item(*idx))


def test_item_wrong_number_of_indices():
    n = np.zeros((2, 3))
    f = fnp.zeros((2, 3))
    assert_same_error(lambda: f.item(0, 0, 0), lambda: n.item(0, 0, 0))


# ----------------------------------------------------------------------------- astype ---
@given(array_pairs(small=True), dtypes)
def test_astype(pair, to):
    n, f = pair
    # negative float -> unsigned is UB-like in C; keep it out (covered with non-negative
    # values by test_astype_all_pairs). complex -> real discards the imaginary part.
    assume(not (n.dtype.kind in "fc" and to.kind == "u"))
    src = snapshot(n)
    rf, rn = check_both(lambda: f.astype(to), lambda: n.astype(to), exact=to.kind in "biu")
    if rf is not None:
        # order='K': the memory order of the input, as NumPy keeps it.
        assert (rf.flags.c_contiguous, rf.flags.f_contiguous) == (rn.flags.c_contiguous, rn.flags.f_contiguous)
    assert_unchanged(f, src)


@pytest.mark.parametrize("src", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("to", ALL_DTYPES, ids=DTYPE_IDS)
def test_astype_all_pairs(src, to):
    vals = [0, 1, 2, 3, 7, 100, 0, 1] if np.dtype(src).kind != "b" else [0, 1, 1, 0, 1, 0, 0, 1]
    n = np.array(vals).astype(src)
    if np.dtype(src).kind in "fc":
        n = n + np.array(0.25, dtype=src) if np.dtype(src).kind == "f" else n + np.array(0.75j, dtype=src)
    f = fnp.array(n)
    check_both(lambda: f.astype(to), lambda: n.astype(to), exact=np.dtype(to).kind in "biu")


def test_astype_int_wraps():
    n = np.array([300, -1, 2**40 + 5, -(2**63)], dtype=np.int64)
    f = fnp.array(n)
    for to in INTS + [np.dtype(bool)]:
        check_both(lambda: f.astype(to), lambda: n.astype(to))


def _cast_with_warnings(a, to):
    import warnings
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        r = a.astype(to)
    return np.asarray(r), sorted({str(x.message) for x in w})


@pytest.mark.parametrize("src", [np.float64, np.float32, np.float16], ids=lambda t: t.__name__)
@pytest.mark.parametrize("to", [d for d in INTS if np.dtype(d) != np.uint32], ids=str)
def test_astype_float_out_of_range_to_int(src, to):
    """Floats out of an integer type's range, NaN and infinities: NumPy's (x86) values, and its
    'invalid value encountered in cast' exactly where it warns. Each value alone, then all in
    one array repeated (NumPy's vector loop). uint32 is left out: NumPy's scalar and vector
    loops give different values there."""
    vals = [300.0, -300.0, 3e9, -3e9, 5e9, 1e19, -1e19, 1e30, np.nan, np.inf, -np.inf, -1.0,
            70000.5, -70000.5, 2.0**63, -(2.0**63), 2.0**31, -(2.0**31) - 0.5]
    with np.errstate(over="ignore"):
        arrays = [np.array([v], src) for v in vals] + [np.array(vals * 9, src)]
    for n in arrays:
        rn, wn = _cast_with_warnings(n, to)
        rf, wf = _cast_with_warnings(fnp.array(n), to)
        assert rf.dtype == rn.dtype
        assert rf.tolist() == rn.tolist(), (n[:3], to)
        assert wf == wn, (n[:3], to)


@pytest.mark.parametrize("to", [np.int8, np.int32, np.int64, np.uint16, np.uint64])
def test_astype_float_to_int_warns_wherever_the_bad_value_is(to):
    """Large casts run in blocks (and in parallel chunks): one value out of range warns
    wherever it sits, in contiguous and strided input, and every other value converts."""
    n = np.linspace(-100.0, 100.0, 300_001)
    for pos in [0, 511, 512, 1000, 150_000, 300_000]:
        for bad in [np.nan, 1e30]:
            m = n.copy()
            m[pos] = bad
            for view in (lambda a: a, lambda a: a[::3], lambda a: a[::-1]):
                rn, wn = _cast_with_warnings(view(m), to)
                rf, wf = _cast_with_warnings(view(fnp.array(m)), to)
                assert np.array_equal(np.asarray(rf), rn), (pos, bad)
                assert wf == wn, (pos, bad, wf, wn)
    rn, wn = _cast_with_warnings(n, to)
    rf, wf = _cast_with_warnings(fnp.array(n), to)
    assert np.array_equal(np.asarray(rf), rn) and wf == wn == []


_WIDE_VALUES = {
    "f": [0.0, -0.0, 1.5, 65504.0, 65520.0, 70000.0, 3.4028235e38, 3.5e38, 1e300, -1e300, 1e-300,
          np.inf, -np.inf, np.nan],
    "c": [1e300 + 1j, 1j * 1e300, complex(1.0, np.inf), complex(np.nan, 1e300), 3.5e38 - 2j, 1 + 2j],
    "i": [0, 1, -1, 65519, 65520, 70000, 2**31 - 1, -2**31, 2**63 - 1, -2**63],
    "u": [0, 1, 65504, 65535, 2**32 - 1, 2**64 - 1],
}


@pytest.mark.parametrize("src", NUMERIC, ids=str)
def test_astype_narrowing_warns_overflow_as_numpy(src):
    """A finite value beyond a narrower float type becomes inf with "overflow encountered in
    cast" (float64 -> float32/float16, complex128 -> complex64, large integers -> float16),
    in contiguous, strided and reversed input; NaN and inf themselves warn nothing."""
    vals = [v for v in _WIDE_VALUES[src.kind] if np.can_cast(np.min_scalar_type(v), src)
            or src.kind in "fc"]
    with np.errstate(all="ignore"):
        n = np.array(vals * 700, dtype=src)
    for to in FLOATS + COMPLEX:
        for view in (lambda a: a, lambda a: a[::3], lambda a: a[::-1]):
            rn, wn = _cast_with_warnings(view(n), to)
            rf, wf = _cast_with_warnings(view(fnp.array(n)), to)
            assert rf.dtype == rn.dtype and np.array_equal(rf, rn, equal_nan=True)
            assert wf == wn, (to, wf, wn)


@pytest.mark.parametrize("to", ALL_DTYPES, ids=str)
def test_complex_to_real_casts_warn_complexwarning(to):
    """astype / asarray(dtype=) of a complex array to a real type emit NumPy's ComplexWarning
    (its own class, so filters on it apply), empty arrays too; to bool or complex nothing."""
    import warnings
    for n in (np.array([1 + 2j, -3.5 + 0j]), np.zeros((0, 3), np.complex64)):
        f = fnp.array(n)
        for call in (lambda m, a: a.astype(to), lambda m, a: m.asarray(a, dtype=to)):
            got = []
            for m, a in ((np, n), (fnp, f)):
                with warnings.catch_warnings(record=True) as w:
                    warnings.simplefilter("always")
                    r = call(m, a)
                got.append(([x.category for x in w], np.asarray(r)))
            assert got[0][0] == got[1][0]
            assert np.array_equal(got[0][1], got[1][1]) and got[0][1].dtype == got[1][1].dtype
    with pytest.warns(np.exceptions.ComplexWarning):
        fnp.array([1 + 2j]).astype(np.float64)


COMPLEX_SOURCES = [
    "[1 + 0j, 2]", "[[1, 2 + 1j], [3, 4]]", "(1 + 2j,)", "1 + 2j", "[np.complex128(1 + 2j)]",
    "[np.complex64(1 + 2j), 1 + 1j]", "np.complex128(2.5 + 1j)", "[[np.complex64(3j)], [2.0]]",
]


@pytest.mark.parametrize("to", ALL_DTYPES, ids=str)
@pytest.mark.parametrize("src", COMPLEX_SOURCES)
def test_python_complex_to_real_dtype_raises_as_numpy(src, to):
    """NumPy stores each Python complex of a list into a real dtype with `float()`/`int()`,
    which raise TypeError; its own complex scalars are cast with a ComplexWarning. `full` and
    `full_like` copy the fill value in with an unsafe cast: a warning, never the TypeError."""
    import warnings
    calls = [lambda m: m.array(eval(src), dtype=to), lambda m: m.asarray(eval(src), dtype=to)]
    if "[" not in src and "(1" not in src:
        calls += [lambda m: m.full((2, 2), eval(src), dtype=to),
                  lambda m: m.full_like(m.zeros(3, dtype=to), eval(src))]
    for call in calls:
        got = []
        for m in (np, fnp):
            with warnings.catch_warnings(record=True) as w:
                warnings.simplefilter("always")
                try:
                    r = np.asarray(call(m))
                except TypeError as e:
                    r = str(e)
            got.append(([x.category for x in w], r))
        assert got[0][0] == got[1][0]
        if isinstance(got[0][1], str):
            assert got[0][1] == got[1][1]
        else:
            assert got[0][1].dtype == got[1][1].dtype and np.array_equal(got[0][1], got[1][1])


def test_ufunc_out_cast_warns_under_the_ufunc_name():
    """NumPy casts a result into `out=` of another type inside its loop: an overflow there is
    reported as the ufunc's ("overflow encountered in multiply"), with or without where=."""
    import warnings
    a = np.array([3e38, 1.0, -3e38, 2.0])
    for mod, x in ((np, a), (fnp, fnp.array(a))):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            o = mod.zeros(4, dtype=np.float32)
            mod.multiply(x, 2.0, out=o)
            mod.multiply(x, 2.0, out=o, where=mod.asarray([True, False, True, True]))
            mod.add(x * 2.0, 1.0, dtype=np.float32)
        msgs = [str(m.message) for m in w]
        if mod is np:
            want = msgs
        else:
            assert msgs == want
    assert want == ["overflow encountered in multiply"] * 2 + ["overflow encountered in cast"]


@pytest.mark.filterwarnings("ignore:overflow encountered in cast:RuntimeWarning")
def test_astype_float_specials_to_float():
    n = np.array([np.nan, np.inf, -np.inf, -0.0, 1e300, 1e-300, 65520.0, 70000.0])
    f = fnp.array(n)
    for to in FLOATS + [np.dtype(np.complex64)]:
        rf = f.astype(to)
        rn = n.astype(to)
        assert_same(rf, rn, exact=True)
        assert np.array_equal(np.signbit(np.asarray(rf).real), np.signbit(rn.real))


def test_astype_copy_false_same_dtype_returns_self():
    a = fnp.arange(5)
    assert a.astype(a.dtype, copy=False) is a
    b = a.astype(a.dtype)
    assert b is not a
    assert not np.shares_memory(np.asarray(a), np.asarray(b))


@pytest.mark.parametrize("spelling", ["float32", "i2", np.uint8, float, int, bool, complex])
def test_astype_dtype_spellings(spelling):
    check_both(lambda: fnp.arange(4).astype(spelling), lambda: np.arange(4).astype(spelling))


def test_astype_bad_dtype_raises():
    assert_same_error(lambda: fnp.arange(4).astype("nope"), lambda: np.arange(4).astype("nope"))


# ------------------------------------------------------------------------------- copy ---
@given(array_pairs())
def test_copy_is_independent(pair):
    n, f = pair
    c = f.copy()
    assert_same(c, n.copy(), exact=True)
    assert c.flags.c_contiguous and c.flags.owndata
    assert not np.shares_memory(np.asarray(c), np.asarray(f)) or f.size == 0
    if f.size:
        c.fill(1)
        assert_same(f, n, exact=True)


def test_copy_order():
    n = np.arange(24).reshape(2, 3, 4)
    f = fnp.arange(24).reshape(2, 3, 4)
    for order in ["C", "F", "A", "K"]:
        cf, cn = f.copy(order=order), n.copy(order=order)
        assert_same(cf, cn)
        assert cf.strides == cn.strides, order
        cf, cn = f.T.copy(order=order), n.T.copy(order=order)
        assert_same(cf, cn)
        assert cf.strides == cn.strides, order


# ---------------------------------------------------------------------------- reshape ---
@st.composite
def reshape_targets(draw, size):
    """A shape with `size` elements, possibly with one -1."""
    dims = []
    rest = size
    for _ in range(draw(st.integers(0, 3))):
        divs = [d for d in range(1, 7) if rest % d == 0] if rest else [0, 1, 2, 3]
        d = draw(st.sampled_from(divs))
        dims.append(d)
        rest = rest // d if d else rest
    if rest != 1 or not dims:
        dims.append(rest)
    if size and draw(st.booleans()):
        dims[draw(st.integers(0, len(dims) - 1))] = -1
    return tuple(dims)


@given(array_pairs(), st.data())
def test_reshape(pair, data):
    n, f = pair
    target = data.draw(reshape_targets(n.size))
    rn, en = run(lambda: n.reshape(target))
    if en is not None:
        assert_same_error(lambda: f.reshape(target), lambda: n.reshape(target))
        return
    rf = f.reshape(target)
    assert_same(rf, rn, exact=True)
    # A view exactly when NumPy gives a view: writes through it reach the source.
    assert np.shares_memory(np.asarray(rf), np.asarray(f)) == np.shares_memory(rn, n) or n.size == 0
    assert_same(f.reshape(*target) if target else f.reshape(()), rn, exact=True)


def test_reshape_view_and_copy_semantics():
    f = fnp.arange(12)
    r = f.reshape(3, 4)
    r[0, 0] = 100
    assert f[0] == 100
    t = fnp.arange(12).reshape(3, 4).T  # not C-contiguous: reshape must copy
    r2 = t.reshape(-1)
    assert_same(r2, np.arange(12).reshape(3, 4).T.reshape(-1))
    r2[0] = 55
    assert t[0, 0] == 0


@pytest.mark.parametrize("shape", [(5,), (-1, -1), (7, -1), (2, 7), (0, -1), (-1, 0)], ids=repr)
def test_reshape_errors(shape):
    n, f = np.arange(12), fnp.arange(12)
    assert_same_error(lambda: f.reshape(shape), lambda: n.reshape(shape))
    assert_unchanged(f, n)


def test_reshape_copy_keyword():
    n, f = np.arange(6), fnp.arange(6)
    r = f.reshape(2, 3, copy=True)
    assert_same(r, n.reshape(2, 3, copy=True))
    assert not np.shares_memory(np.asarray(r), np.asarray(f))
    assert_same_error(lambda: f.reshape(2, 3).T.reshape(6, copy=False), lambda: n.reshape(2, 3).T.reshape(6, copy=False))


# ----------------------------------------------------------------------------- ravel ---
@given(array_pairs())
def test_ravel_and_flatten(pair):
    n, f = pair
    rf, rn = f.ravel(), n.ravel()
    assert_same(rf, rn, exact=True)
    assert rf.flags.c_contiguous, "ravel() must return a contiguous array"
    if n.size > 1:
        assert np.shares_memory(np.asarray(rf), np.asarray(f)) == np.shares_memory(rn, n)
    ff = f.flatten()
    assert_same(ff, n.flatten(), exact=True)
    assert not np.shares_memory(np.asarray(ff), np.asarray(f)) or n.size == 0


# ------------------------------------------------------------------------- transpose ---
@given(array_pairs(), st.data())
def test_transpose(pair, data):
    n, f = pair
    assert_same(f.transpose(), n.transpose(), exact=True)
    perm = tuple(data.draw(st.permutations(range(n.ndim))))
    if perm:
        perm = tuple(p - n.ndim if data.draw(st.booleans()) else p for p in perm)
    rf = f.transpose(perm)
    assert_same(rf, n.transpose(perm), exact=True)
    assert layout_strides(rf) == layout_strides(n.transpose(perm))
    if n.ndim:
        assert_same(f.transpose(*perm), n.transpose(*perm), exact=True)


@pytest.mark.parametrize("axes", [(0, 0), (0,), (0, 2), (0, 1, 2), (-3, 0)], ids=repr)
def test_transpose_errors(axes):
    n, f = np.zeros((2, 3)), fnp.zeros((2, 3))
    assert_same_error(lambda: f.transpose(axes), lambda: n.transpose(axes))


def test_transpose_is_view():
    f = fnp.zeros((2, 3))
    t = f.T
    t[2, 1] = 5.0
    assert f[1, 2] == 5.0


def test_swapaxes():
    n, f = np.arange(24).reshape(2, 3, 4), fnp.arange(24).reshape(2, 3, 4)
    for a, b in [(0, 1), (0, 2), (-1, 0), (1, 1)]:
        assert_same(f.swapaxes(a, b), n.swapaxes(a, b))
    assert_same_error(lambda: f.swapaxes(0, 3), lambda: n.swapaxes(0, 3))


# ------------------------------------------------------------------------------ fill ---
FILL_VALUES = [0, 1, -1, 7, 127, 255, 2.5, -2.5, True, False, 1 + 2j, np.float32(1.25), np.int64(3), 1e10]


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("value", FILL_VALUES, ids=repr)
def test_fill(dt, value):
    dt = np.dtype(dt)
    if dt.kind in "iub" and isinstance(value, (float, np.floating)) and (abs(value) > 100 or (dt.kind == "u" and value < 0)):
        pytest.skip("float -> int overflow is UB-like")
    n = np.zeros((2, 3), dtype=dt)
    f = fnp.zeros((2, 3), dtype=dt)
    rn, en = run(lambda: n.fill(value))
    if en is not None:
        assert_same_error(lambda: f.fill(value), lambda: np.zeros((2, 3), dtype=dt).fill(value))
        assert_unchanged(f, np.zeros((2, 3), dtype=dt))
        return
    rf, ef = run(lambda: f.fill(value))
    assert ef is None, ef
    assert rf is None
    assert_same(f, n)


def test_fill_view_writes_base():
    f = fnp.zeros((3, 4), dtype=np.int32)
    n = np.zeros((3, 4), dtype=np.int32)
    f[:, ::-2].fill(9)
    n[:, ::-2].fill(9)
    assert_same(f, n)
    f.T[1].fill(4)
    n.T[1].fill(4)
    assert_same(f, n)


@pytest.mark.parametrize("dt,value", [(np.int8, 300), (np.uint8, -1), (np.int8, 2**70)])
def test_fill_out_of_range_raises(dt, value):
    n, f = np.zeros(3, dt), fnp.zeros(3, dt)
    assert_same_error(lambda: f.fill(value), lambda: n.fill(value))
    assert_unchanged(f, n)


@pytest.mark.parametrize("idx", [np.s_[0:1:2], np.s_[3:4, ::-2], np.s_[::-3, 1:2:3], np.s_[1:2:-1], np.s_[4:3:-2, :1]],
                         ids=repr)
def test_strides_of_length_one_strided_views(idx):
    # NumPy multiplies the stride by the step even when the sliced axis has length 1.
    n = np.zeros((5, 4), dtype=np.int32)
    f = fnp.zeros((5, 4), dtype=np.int32)
    assert f[idx].shape == n[idx].shape
    assert f[idx].strides == n[idx].strides


# ----------------------------------------------------------- Python protocols ---
def test_hash_is_unhashable_like_numpy():
    assert_same_error(lambda: hash(fnp.arange(3)), lambda: hash(np.arange(3)))


@pytest.mark.parametrize("value", [2, 7, 2.0, -1, 100], ids=repr)
@pytest.mark.parametrize("shape", [(6,), (2, 3), (1, 2, 3), ()], ids=repr)
def test_contains(shape, value):
    n = np.arange(int(np.prod(shape))).reshape(shape)
    f = fnp.array(n)
    check_both(lambda: value in f, lambda: value in n)


@given(array_pairs())
def test_copy_module_and_pickle(pair):
    import copy
    import pickle

    n, f = pair
    for c in (copy.copy(f), copy.deepcopy(f), pickle.loads(pickle.dumps(f))):
        assert_same(c, n.copy(), exact=True)
        if f.size:
            assert not np.shares_memory(np.asarray(c), np.asarray(f))


def test_rebuild_of_crafted_bool_bytes_gives_valid_bools():
    """A pickle's bytes are not trusted: any non-zero byte of a bool array reads as True."""
    from ferronum._ferronum import _rebuild

    a = _rebuild(bytes([0, 1, 2, 255]), "bool", [4])
    assert np.asarray(a).tolist() == [False, True, True, True]
    assert np.asarray(a).view(np.uint8).tolist() == [0, 1, 1, 1]
    assert fnp.sum(a) == 3 and bool(a.all()) is False
