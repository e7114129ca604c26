"""Every reducing function and ``ndarray`` reduction method, differentially against NumPy.

Functions: sum prod max min amax amin nansum nanprod nanmax nanmin any all mean nanmean var std
nanvar nanstd ptp count_nonzero average argmax argmin nanargmax nanargmin cumsum cumprod
nancumsum nancumprod. Methods: sum prod max min any all mean var std argmax argmin cumsum cumprod.

Every comparison (``compare``) checks the kind of result (NumPy scalar or ndarray), dtype, shape
and values, the RuntimeWarnings NumPy's own code issues ("Mean of empty slice", "Degrees of
freedom <= 0 for slice", "All-NaN slice encountered"), and where NumPy raises, the public class
of its exception.

How float values are compared:

* bit for bit (``bits=True``) where ferronum runs NumPy's algorithm in NumPy's order: sums of
  float16/32/64 over a contiguous run per result (``axis=None`` or the last axis of C-contiguous
  data: one pairwise run, blocks of eight accumulators and 128-element leaves), and over the
  first axis of small arrays (rows added into the output one after another), so ``sum``,
  ``nansum``, ``mean``, ``nanmean``, ``var``, ``std``, ``nanvar``, ``nanstd`` and ``average``
  there; the scans (``cumsum``/``cumprod`` are left-to-right folds in both); and every
  max/min/ptp/arg*/any/all/count, which do no arithmetic.
* with a tight tolerance elsewhere, where the order legitimately differs: products (ferronum
  multiplies in an eight-accumulator tree, NumPy left to right), float16 reduced over an outer
  axis (ferronum accumulates in float32, NumPy in float16 - ferronum is the more accurate),
  strided views and ``where=`` masks (NumPy sums the unmasked runs separately), and complex sums
  (see ``test_complex_sum_is_numpys_pairwise_order``). The tolerance is a small multiple of the
  worst-case rounding error of a sum of the same values (``_tol``).
"""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp

from conftest import (ALL_DTYPES, COMPLEX, DTYPE_IDS, FLOATS, INEXACT, INTS, apply_recipe, assert_same,
                      assert_unchanged, exact_view_recipe, public_exception_class, sample_values, snapshot)

# ------------------------------------------------------------------------------- the API ---
FOLDS = ["sum", "prod", "nansum", "nanprod"]                  # dtype, initial, where
EXTREMA = ["max", "min", "amax", "amin", "nanmax", "nanmin"]  # initial, where (with initial)
LOGICAL = ["any", "all"]                                      # where
MEANS = ["mean", "nanmean"]                                   # dtype, where
SPREADS = ["var", "std", "nanvar", "nanstd"]                  # dtype, ddof, correction, mean, where
ARGS = ["argmax", "argmin", "nanargmax", "nanargmin"]         # one axis, keepdims, out
SCANS = ["cumsum", "cumprod", "nancumsum", "nancumprod"]      # one axis, dtype, out
OTHERS = ["ptp", "count_nonzero", "average"]
FUNCTIONS = FOLDS + EXTREMA + LOGICAL + MEANS + SPREADS + OTHERS + ARGS + SCANS
METHODS = ["sum", "prod", "max", "min", "any", "all", "mean", "var", "std", "argmax", "argmin", "cumsum",
           "cumprod"]
assert len(FUNCTIONS) == 29

SINGLE_AXIS = set(ARGS + SCANS)
NO_KEEPDIMS = set(SCANS)
NO_OUT = {"count_nonzero", "average"}
SUMLIKE = {"sum", "nansum", "mean", "nanmean", "average", "cumsum", "nancumsum"}
PRODLIKE = {"prod", "nanprod", "cumprod", "nancumprod"}
VARLIKE = {"var", "nanvar"}
STDLIKE = {"std", "nanstd"}
NAN_EXTREMA = {"nanmax", "nanmin"}


# ----------------------------------------------------------------------------- helpers ---
def _call(fn):
    """(result, exception, warnings) of ``fn()``. The warnings are NumPy's own RuntimeWarnings, as
    sorted (category, message) pairs; floating-point error reports ("invalid value encountered
    in divide") are left out, as ``np.errstate`` governs NumPy's but not ferronum's, and so is
    ComplexWarning (``test_complex_to_real_casts_warn``)."""
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        with np.errstate(all="ignore"):
            try:
                r, e = fn(), None
            except Exception as ex:  # noqa: BLE001 - compared below
                r, e = None, ex
    ws = sorted({(w.category.__name__, str(w.message).rstrip("."))
                 for w in rec
                 if issubclass(w.category, RuntimeWarning)
                 and not issubclass(w.category, np.exceptions.ComplexWarning)
                 and "encountered in" not in str(w.message)})
    return r, e, ws


def _canonical_bits(v, signed_zeros):
    v = np.array(v, copy=True).reshape(-1)
    if v.dtype.kind == "c":
        v = v.view(v.real.dtype)
    v[np.isnan(v)] = np.nan
    if not signed_zeros:
        v[v == 0] = 0
    return v.view(f"u{v.dtype.itemsize}")


def assert_bits(f, n, *, signed_zeros=True):
    """Float results equal bit for bit (any NaN equals any NaN, but not a complex NaN in the
    other part; the sign of zero counts unless ``signed_zeros`` is False)."""
    fv, nv = np.asarray(f), np.asarray(n)
    if nv.dtype.kind not in "fc":
        return
    fb, nb = _canonical_bits(fv, signed_zeros), _canonical_bits(nv, signed_zeros)
    bad = np.nonzero(fb != nb)[0]
    assert bad.size == 0, (f"not bit-identical at flat positions {bad[:5].tolist()}: ferronum "
                           f"{fv.reshape(-1)[bad[:5] // (2 if nv.dtype.kind == 'c' else 1)]!r} vs NumPy "
                           f"{nv.reshape(-1)[bad[:5] // (2 if nv.dtype.kind == 'c' else 1)]!r}")


def _same(f, n, bits, tol):
    assert_same(f, n, **tol)
    if bits:
        assert_bits(f, n, signed_zeros=bits != "unsigned-zeros")


def compare(fcall, ncall, *, bits=False, tol=None, check_warnings=True):
    """Runs both calls. If NumPy raises, ferronum must raise the same public exception class;
    otherwise the results must match (``assert_same``, plus ``assert_bits`` when ``bits``) and
    so must NumPy's RuntimeWarnings. Returns (ferronum result, NumPy result)."""
    tol = tol or {}
    rn, en, wn = _call(ncall)
    rf, ef, wf = _call(fcall)
    if en is not None:
        assert ef is not None, f"ferronum returned {rf!r}; NumPy raised {type(en).__name__}: {en}"
        want = public_exception_class(en)
        assert isinstance(ef, want), (f"ferronum raised {type(ef).__name__}: {ef}; "
                                      f"NumPy raised {type(en).__name__}: {en}")
        return None, None
    if ef is not None:
        raise AssertionError(f"ferronum raised {type(ef).__name__}: {ef}; NumPy returned {rn!r}") from ef
    if isinstance(rn, tuple):  # average(..., returned=True)
        assert isinstance(rf, tuple) and len(rf) == len(rn), f"expected a {len(rn)}-tuple, got {rf!r}"
        for a, b in zip(rf, rn):
            _same(a, b, bits, tol)
    else:
        _same(rf, rn, bits, tol)
    if check_warnings:
        assert wf == wn, f"warnings: ferronum {wf}, NumPy {wn}"
    return rf, rn


def _finite_abs(n):
    x = np.asarray(n)
    if x.dtype.kind not in "fc":
        x = x.astype(np.float64)
    x = np.abs(x.astype(np.complex128 if x.dtype.kind == "c" else np.float64))
    return x[np.isfinite(x)]


def _tol(name, n, result_dtype=None, *, ddof=0):
    """Tolerance for a float result of ``name`` over the values of ``n``: a few times the
    worst-case rounding error of summing them (``N * eps * sum|x|``; of their squares for the
    variances). Exact for integer and bool results (``assert_same`` ignores it there)."""
    dt = np.dtype(result_dtype) if result_dtype is not None else None
    if dt is None or dt.kind not in "fc":
        return {}
    eps = float(np.finfo(dt).eps)
    x = _finite_abs(n)
    big_n = max(x.size, 1)
    if name in PRODLIKE:
        # The products round (and underflow) at different steps: relative error, and near
        # the bottom of the range an absolute one.
        return dict(rtol=8 * big_n * eps, atol=4 * float(np.finfo(dt).smallest_normal))
    if name in VARLIKE or name in STDLIKE:
        atol = 16 * eps * big_n * float(np.sum(x * x)) / max(big_n - ddof, 1) + 1e-300
        if name in STDLIKE:
            atol = math.sqrt(atol)
        return dict(rtol=16 * eps, atol=atol)
    if name in SUMLIKE:
        return dict(rtol=8 * eps, atol=8 * eps * big_n * float(np.sum(x)) + 1e-300)
    return {}


def _res_dtype(name, n, **kw):
    """The dtype NumPy gives, or None where it raises."""
    r, e, _ = _call(lambda: getattr(np, name)(n, **kw))
    if e is not None:
        return None
    if isinstance(r, tuple):
        r = r[0]
    return np.asarray(r).dtype


def _all_nan_lane(n, axis):
    """Whether some lane that ``axis`` reduces is all NaN (and non-empty)."""
    if np.dtype(n.dtype).kind not in "fc" or n.size == 0:
        return False
    return bool(np.any(np.isnan(n).all(axis=axis)))


def _fcall(f, name, method, *a, **kw):
    return getattr(f, name)(*a, **kw) if method else getattr(fnp, name)(f, *a, **kw)


def _ncall(n, name, method, *a, **kw):
    return getattr(n, name)(*a, **kw) if method else getattr(np, name)(n, *a, **kw)


# ------------------------------------------------------------------------- test arrays ---
def matrix_arrays(dt):
    """(label, numpy array, ferronum array) for a dtype: contiguous 1-d/2-d/3-d, a transposed
    view, a negatively strided slice, a 0-d array, empty arrays, and for inexact dtypes arrays
    with NaNs (scattered, and a whole row). Views are taken of a ferronum copy of the same base,
    so ferronum's own strided arrays are reduced."""
    dt = np.dtype(dt)
    v = sample_values(dt, 12)
    out = []

    def add(label, base, view=lambda b: b):
        out.append((label, view(base), view(fnp.array(base))))

    add("1d", v)
    add("2d", v.reshape(3, 4))
    add("transposed", v.reshape(4, 3), lambda b: b.T)
    add("reversed-strided", np.resize(v, (3, 8)), lambda b: b[::-1, ::-2])
    add("3d-sliced", np.resize(v, (2, 4, 5)), lambda b: b[:, ::2, 1:4])
    add("0d", v[1].reshape(()))
    add("empty-0x3", np.zeros((0, 3), dt))
    add("empty-2x0", np.zeros((2, 0), dt))
    if dt.kind in "fc":
        w = v.reshape(3, 4).copy()
        w[0, 1] = w[2, 3] = np.nan
        add("nan", w)
        z = v.reshape(3, 4).copy()
        z[1, :] = np.nan
        add("nan-row", z)
    return out


def axis_choices(name, ndim):
    """Valid axis arguments for ``name`` on an array of ``ndim`` dimensions."""
    if name in SINGLE_AXIS:
        return [None] + sorted({0, -1, ndim - 1} if ndim else {0, -1})
    axes = [None, 0, -1, ()]
    if ndim >= 1:
        axes += [(0,), (-1,)]
    if ndim >= 2:
        axes += [1, (0, 1), (1, 0), (-1, 0)]
    if ndim >= 3:
        axes += [(0, 2), (2, 1, 0)]
    return axes


CONTIGUOUS = {"1d", "2d", "nan", "nan-row", "0d"}


def _bits_ok(name, label, axis, n):
    """Whether ferronum computes this reduction in NumPy's order, so that floats must match bit
    for bit (see the module docstring). For the extrema, "unsigned-zeros": which of two equal
    zeros NumPy's max/min keep depends on its SIMD path (float16 or float32, array length,
    stride), so the sign of a zero result is not compared."""
    if name in EXTREMA or name == "ptp":
        return "unsigned-zeros"
    if name not in SUMLIKE | PRODLIKE | VARLIKE | STDLIKE or name in SCANS:
        return True
    kind = n.dtype.kind
    if kind in "biu" and name in {"sum", "nansum", "prod", "nanprod"}:
        return True  # integer results
    if kind == "c" or name in PRODLIKE or label not in CONTIGUOUS:
        return False
    if n.dtype == np.float16 and n.ndim == 2 and axis is not None:
        ax = {a % 2 for a in (axis if isinstance(axis, tuple) else (axis,))}
        return ax != {0}  # over the outer axis NumPy accumulates float16 in float16
    return True


# ================================================================ the function matrix ===
@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("name", FUNCTIONS)
def test_function_matrix(name, dt):
    """Every function on every dtype, over every layout of ``matrix_arrays`` and every axis
    form, with and without keepdims."""
    for label, n, f in matrix_arrays(dt):
        snap = snapshot(f)
        for axis in axis_choices(name, n.ndim):
            for keepdims in ([False] if name in NO_KEEPDIMS else [False, True]):
                kw = {"axis": axis}
                if keepdims:
                    kw["keepdims"] = True
                rdt = _res_dtype(name, n, **kw)
                try:
                    compare(lambda: getattr(fnp, name)(f, **kw), lambda: getattr(np, name)(n, **kw),
                            bits=_bits_ok(name, label, axis, n), tol=_tol(name, n, rdt))
                except AssertionError as e:
                    raise AssertionError(f"{name}({label} {n.dtype} {n.shape}, {kw}): {e}") from None
        assert_unchanged(f, snap)


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("name", METHODS)
def test_method_matrix(name, dt):
    """The ndarray methods, with the axis as keyword and as the first positional argument."""
    for label, n, f in matrix_arrays(dt):
        for axis in axis_choices(name, n.ndim):
            for keepdims in ([False] if name in NO_KEEPDIMS else [False, True]):
                kw = {"keepdims": True} if keepdims else {}
                rdt = _res_dtype(name, n, axis=axis, **kw)
                tol = _tol(name, n, rdt)
                bits = _bits_ok(name, label, axis, n)
                try:
                    compare(lambda: getattr(f, name)(axis=axis, **kw), lambda: getattr(n, name)(axis=axis, **kw),
                            bits=bits, tol=tol)
                    compare(lambda: getattr(f, name)(axis, **kw), lambda: getattr(n, name)(axis, **kw),
                            bits=bits, tol=tol)
                except AssertionError as e:
                    raise AssertionError(f"{label}.{name}(axis={axis!r}, {kw}) on {n.dtype} {n.shape}: {e}") from None
    n = sample_values(dt, 6).reshape(2, 3)
    f = fnp.array(n)
    for name_ in METHODS:
        assert callable(getattr(f, name_))
    compare(lambda: getattr(f, name)(), lambda: getattr(n, name)(), tol=_tol(name, n, _res_dtype(name, n)))


def test_function_and_method_result_types():
    """A full reduction is a NumPy scalar of the result dtype; keepdims, an axis or out= keep
    an array (a ferronum one)."""
    n = np.arange(6, dtype=np.float32).reshape(2, 3)
    f = fnp.array(n)
    for name in FOLDS + EXTREMA + LOGICAL + MEANS + SPREADS + ["ptp", "count_nonzero", "average"] + ARGS:
        r = getattr(fnp, name)(f)
        assert type(r) is type(getattr(np, name)(n)), name
        assert isinstance(r, np.generic), name
        r = getattr(fnp, name)(f, keepdims=True)
        assert isinstance(r, fnp.ndarray) and r.shape == np.asarray(getattr(np, name)(n, keepdims=True)).shape, name
        assert isinstance(getattr(fnp, name)(f, axis=0), fnp.ndarray), name
    for name in SCANS:
        assert isinstance(getattr(fnp, name)(f), fnp.ndarray)


# ============================================================ hypothesis: random inputs ===
def _float_elements(dt, bound, nan):
    w = np.dtype(dt).itemsize * 8
    if np.dtype(dt).kind == "c":
        # No infinities: which parts of a complex product of them are NaN depends on the order.
        part = st.floats(-bound, bound, width=w // 2, allow_nan=False)
        if nan:
            part = st.one_of(part, part, part, st.just(math.nan))
        return st.builds(complex, part, part)
    x = st.floats(-bound, bound, width=w, allow_nan=False)
    if nan:
        return st.one_of(x, x, x, st.just(math.nan), st.just(math.inf), st.just(-math.inf))
    return x


def _elements(dt, *, nan=False, small=False):
    dt = np.dtype(dt)
    if dt.kind == "b":
        return st.booleans()
    if dt.kind in "iu":
        info = np.iinfo(dt)
        if small:
            return st.integers(max(info.min, -3), min(info.max, 3))
        return st.integers(info.min, info.max)
    # float16 sums of up to 625 elements of magnitude <= 8 stay far from float16's 65504;
    # products of up to 27 elements of magnitude <= 1.5 do too.
    bound = 1.5 if small else (8.0 if dt in (np.float16,) else 1000.0)
    return _float_elements(dt, bound, nan)


@st.composite
def pairs(draw, dtype=st.sampled_from(ALL_DTYPES), shape=None, nan=False, small=False, views=True):
    """(numpy array, ferronum array) with equal contents; half the time both are the same
    strided/reversed/transposed view of equal bases."""
    dt = draw(dtype) if isinstance(dtype, st.SearchStrategy) else np.dtype(dtype)
    if shape is None:
        shape = (hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=3) if small else
                 st.one_of(hnp.array_shapes(min_dims=0, max_dims=4, min_side=1, max_side=5),
                           hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=4)))
    sh = draw(shape) if isinstance(shape, st.SearchStrategy) else tuple(shape)
    el = _elements(dt, nan=nan, small=small)
    if views and len(sh) > 0 and draw(st.booleans()):
        base_shape, recipe = draw(exact_view_recipe(sh))
        base = draw(hnp.arrays(dt, base_shape, elements=el)).copy()
        return apply_recipe(base, recipe), apply_recipe(fnp.array(base), recipe)
    n = draw(hnp.arrays(dt, sh, elements=el)).copy()
    return n, fnp.array(n)


@st.composite
def axis_for(draw, name, ndim):
    """An axis argument valid for ``name``: None, an int (maybe negative), or a tuple of
    distinct axes (maybe negative) for the multi-axis functions."""
    if name in SINGLE_AXIS:
        if ndim == 0:
            return draw(st.sampled_from([None, 0, -1]))
        return draw(st.one_of(st.none(), st.integers(-ndim, ndim - 1)))
    kind = draw(st.sampled_from(["none", "int", "tuple"]))
    if kind == "none" or (ndim == 0 and kind == "int"):
        return None
    if kind == "int":
        return draw(st.integers(-ndim, ndim - 1))
    axes = [a % ndim for a in draw(hnp.valid_tuple_axes(ndim))] if ndim else []
    return tuple(a - ndim if draw(st.booleans()) else a for a in axes)


def _random_case(data, names, *, nan=False, small=False, method=False):
    name = data.draw(st.sampled_from(names), label="name")
    n, f = data.draw(pairs(nan=nan, small=small or name in PRODLIKE), label="arrays")
    axis = data.draw(axis_for(name, n.ndim), label="axis")
    kw = {"axis": axis}
    if name not in NO_KEEPDIMS and data.draw(st.booleans(), label="keepdims"):
        kw["keepdims"] = True
    snap = snapshot(f)
    rdt = _res_dtype(name, n, **kw)
    if method:
        compare(lambda: getattr(f, name)(**kw), lambda: getattr(n, name)(**kw), tol=_tol(name, n, rdt))
    else:
        compare(lambda: getattr(fnp, name)(f, **kw), lambda: getattr(np, name)(n, **kw), tol=_tol(name, n, rdt))
    assert_unchanged(f, snap)


@settings(max_examples=60)
@given(st.data())
def test_random_folds_and_extrema(data):
    _random_case(data, FOLDS + EXTREMA + LOGICAL + ["ptp", "count_nonzero"])


@settings(max_examples=60)
@given(st.data())
def test_random_folds_with_nans(data):
    _random_case(data, FOLDS + EXTREMA + LOGICAL + MEANS + SPREADS + ARGS + SCANS, nan=True)


@settings(max_examples=60)
@given(st.data())
def test_random_statistics(data):
    _random_case(data, MEANS + SPREADS + ["average"])


@settings(max_examples=50)
@given(st.data())
def test_random_lanes(data):
    _random_case(data, ARGS + SCANS)


@settings(max_examples=60)
@given(st.data())
def test_random_methods(data):
    _random_case(data, METHODS, method=True)


# ================================================================== axis arguments ===
@pytest.mark.parametrize("name", FUNCTIONS)
def test_bad_axis_arguments(name):
    """Out-of-range axes are AxisError (a ValueError and an IndexError), repeated axes
    ValueError; lists and floats are TypeError (except ``average``, which takes a list); the
    one-axis functions refuse tuples. The input is untouched."""
    n = np.arange(1, 7, dtype=np.float64).reshape(2, 3)
    f = fnp.array(n)
    bad = [2, -3, 5, (0, 2), (0, 0), (1, -1), [0], 1.0, 0.0, "a", (0.0,)]
    if name in SINGLE_AXIS:
        bad += [(0,), (0, 1), ()]
    for axis in bad:
        rn, en, _ = _call(lambda: getattr(np, name)(n, axis=axis))
        if en is None:
            assert name == "average" and axis == [0], (name, axis)
            compare(lambda: getattr(fnp, name)(f, axis=axis), lambda: getattr(np, name)(n, axis=axis))
            continue
        compare(lambda: getattr(fnp, name)(f, axis=axis), lambda: getattr(np, name)(n, axis=axis))
        _, ef, _ = _call(lambda: getattr(fnp, name)(f, axis=axis))
        if isinstance(en, np.exceptions.AxisError):
            assert isinstance(ef, np.exceptions.AxisError), (name, axis, ef)
        assert_unchanged(f, n)
    if name in METHODS:
        for axis in bad:
            compare(lambda: getattr(f, name)(axis=axis), lambda: getattr(n, name)(axis=axis))


@pytest.mark.parametrize("name", FUNCTIONS)
def test_zero_d_input_axes(name):
    """A 0-d input: the ufunc reductions, arg* and the scans accept axis 0 and -1; mean, var
    and std (and the nan forms of integer input) raise AxisError; any other axis fails."""
    for dt in (np.float64, np.int32, np.bool_, np.complex64):
        n = np.array(3, dtype=dt)
        f = fnp.array(n)
        for axis in (None, 0, -1, 1, (), (0,)):
            compare(lambda: getattr(fnp, name)(f, axis=axis), lambda: getattr(np, name)(n, axis=axis))
        if name in METHODS:
            for axis in (None, 0, -1, 1):
                compare(lambda: getattr(f, name)(axis), lambda: getattr(n, name)(axis))


# ======================================================================= empty arrays ===
@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_empty_reductions(dt):
    """Identities (sum 0, prod 1, any False, all True, count 0), ValueError for the reductions
    without one (max/min/ptp/argmax over an empty axis), NaN with "Mean of empty slice" and
    "Degrees of freedom <= 0" warnings for the statistics, empty results where only the kept
    axes are empty."""
    for shape in [(0,), (0, 3), (3, 0), (2, 0, 2)]:
        n = np.zeros(shape, dt)
        f = fnp.zeros(shape, dt)
        axes = [None, 0, -1] + ([(0, 1), 1] if len(shape) > 1 else [])
        for name in FUNCTIONS:
            for axis in axes:
                if name in SINGLE_AXIS and isinstance(axis, tuple):
                    continue
                compare(lambda: getattr(fnp, name)(f, axis=axis), lambda: getattr(np, name)(n, axis=axis))
        for name in METHODS:
            compare(lambda: getattr(f, name)(), lambda: getattr(n, name)())


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_empty_identity_values_and_warnings():
    e = np.zeros((0, 3))
    f = fnp.zeros((0, 3))
    assert fnp.sum(f) == 0.0 and fnp.prod(f) == 1.0
    assert fnp.any(f) is np.False_ and fnp.all(f) is np.True_
    assert type(fnp.count_nonzero(f)) is np.int64
    with pytest.warns(RuntimeWarning, match="Mean of empty slice"):
        r = fnp.mean(f)
    assert isinstance(r, np.float64) and np.isnan(r)
    with pytest.warns(RuntimeWarning, match="Mean of empty slice"):
        fnp.mean(f, axis=0)
    with pytest.warns(RuntimeWarning, match="Degrees of freedom <= 0"):
        fnp.var(f, axis=0)
    with pytest.warns(RuntimeWarning, match="Mean of empty slice"):
        fnp.nanmean(fnp.array([np.nan, np.nan]))
    with pytest.raises(ValueError, match="identity"):
        fnp.max(f)
    with pytest.raises(ValueError, match="identity"):
        f.min(axis=0)
    with pytest.raises(ValueError):
        fnp.argmax(f)
    with pytest.raises(ValueError):
        f.argmin(axis=0)
    with pytest.raises(ValueError):
        fnp.ptp(f, axis=0)
    assert fnp.max(f, axis=1).shape == (0,)
    assert fnp.max(f, initial=-1.0) == -1.0
    for ferr, nerr in [(lambda: fnp.average(f, axis=1), lambda: np.average(e, axis=1)),
                       (lambda: fnp.average(fnp.zeros((3, 0)), axis=0), lambda: np.average(np.zeros((3, 0)), axis=0))]:
        compare(ferr, nerr)
    with pytest.raises(ZeroDivisionError):
        fnp.average(f, axis=1)


# ====================================================================== NaN semantics ===
@pytest.mark.parametrize("dt", INEXACT, ids=lambda d: d.name)
def test_nan_semantics(dt):
    """max/min propagate NaN (the first one, for complex); nanmax/nanmin/nansum/nanmean skip it;
    argmax points at the first NaN, nanargmax past it."""
    n = np.array([[1.0, np.nan, 3.0, 2.0], [np.nan, np.nan, 1.0, 5.0], [4.0, 0.5, 2.0, -1.0]]).astype(dt)
    f = fnp.array(n)
    for name in FUNCTIONS:
        for axis in (None, 0, 1):
            for kd in (False, True):
                if kd and name in NO_KEEPDIMS:
                    continue
                kw = {"axis": axis, "keepdims": True} if kd else {"axis": axis}
                compare(lambda: getattr(fnp, name)(f, **kw), lambda: getattr(np, name)(n, **kw),
                        tol=_tol(name, n, _res_dtype(name, n, **kw)))
    assert np.isnan(fnp.max(f))
    assert fnp.nanmax(f) == 5.0
    assert fnp.argmax(f) == 1 and fnp.nanargmax(f) == 7


@pytest.mark.parametrize("dt", [np.float16, np.float32, np.float64], ids=lambda d: np.dtype(d).name)
def test_maximum_minimum_ties_and_nans_elementwise(dt):
    """maximum/minimum of two NaNs give the first and of equal operands what NumPy's loop for the
    dtype gives (float32/64: the second, so maximum(0.0, -0.0) is -0.0; float16: the first)."""
    z, nz = np.zeros(37, dt), -np.zeros(37, dt)
    nan, mnan = np.full(37, np.nan, dt), np.full(37, -np.nan, dt)
    for x, y in ((z, nz), (nz, z), (nan, mnan), (mnan, nan), (nan, z), (z, mnan)):
        for name in ("maximum", "minimum"):
            want = getattr(np, name)(x, y)
            got = np.asarray(getattr(fnp, name)(fnp.array(x), fnp.array(y)))
            assert np.array_equal(np.signbit(got), np.signbit(want)), name
            assert np.array_equal(np.isnan(got), np.isnan(want)), name


@pytest.mark.parametrize("dt", COMPLEX, ids=lambda d: d.name)
def test_complex_nan_ordering(dt):
    """NumPy orders complex numbers lexicographically; a NaN in either part propagates through
    max/min (the first one met wins), and nan* skip it."""
    nan = math.nan
    rows = [
        [1 + 1j, complex(nan, 0), complex(0, nan), 2 + 0j],
        [1 + 1j, complex(0, nan), complex(nan, 0), 2 + 0j],
        [1 + 2j, 1 + 1j, 2 - 1j, 2 + 0j],
        [2 - 1j, 2 + 0j, 1 + 5j, -3 + 9j],
        [complex(nan, nan), 1 + 0j, -1 + 0j, 0j],
    ]
    n = np.array(rows, dtype=dt)
    f = fnp.array(n)
    for name in EXTREMA + ARGS + ["ptp", "sum", "nansum", "cumsum", "nancumsum"]:
        for axis in (None, 0, 1, -1):
            if name in NAN_EXTREMA and _all_nan_lane(n, axis):
                continue
            rdt = _res_dtype(name, n, axis=axis)
            r, _ = compare(lambda: getattr(fnp, name)(f, axis=axis), lambda: getattr(np, name)(n, axis=axis),
                           tol=_tol(name, n, rdt))
            if r is not None and name in ("max", "min"):
                assert_bits(r, getattr(np, name)(n, axis=axis), signed_zeros=False)  # which NaN, exactly
    for row in rows:
        a, b = np.array(row, dtype=dt), fnp.array(np.array(row, dtype=dt))
        for name in ("max", "min", "argmax", "argmin"):
            compare(lambda: getattr(fnp, name)(b), lambda: getattr(np, name)(a), bits="unsigned-zeros")


def test_nanarg_all_nan_raises_and_nan_extrema_warn():
    n = np.array([[np.nan, np.nan], [1.0, np.nan]])
    f = fnp.array(n)
    for name in ("nanargmax", "nanargmin"):
        for axis in (None, 0, 1):
            compare(lambda: getattr(fnp, name)(f, axis=axis), lambda: getattr(np, name)(n, axis=axis))
        with pytest.raises(ValueError, match="All-NaN slice"):
            getattr(fnp, name)(f, axis=1)
        assert getattr(fnp, name)(f) == 2
    assert_unchanged(f, n)
    # An all-NaN lane with initial= takes the initial value, without a warning.
    compare(lambda: fnp.nanmax(f, axis=1, initial=7.0), lambda: np.nanmax(n, axis=1, initial=7.0), bits=True)


@pytest.mark.parametrize("name", ["nanmax", "nanmin"])
def test_nanmax_all_nan_lane_is_nan_with_warning(name):
    n = np.array([[np.nan, np.nan, np.nan], [1.0, np.nan, 2.0]])
    f = fnp.array(n)
    for axis in (None, 0, 1, ()):
        compare(lambda: getattr(fnp, name)(f, axis=axis), lambda: getattr(np, name)(n, axis=axis), bits=True)
    with pytest.warns(RuntimeWarning, match="All-NaN slice encountered"):
        r = getattr(fnp, name)(f, axis=1)
    assert np.isnan(np.asarray(r)[0])


# ============================================================================ dtype= ===
@pytest.mark.parametrize("name", FOLDS + MEANS + SPREADS + SCANS)
def test_dtype_argument(name):
    """dtype= with every dtype: the accumulator and result dtype (integer dtypes with small
    non-negative values, where no cast is undefined); NumPy's TypeErrors (bool subtraction in
    var, an integer root in std, a non-inexact dtype for the nan statistics of float input)."""
    for src in ALL_DTYPES:
        base = np.array([[0, 1, 2, 3], [3, 2, 0, 1], [1, 1, 3, 2]]).astype(src)
        n, f = base, fnp.array(base)
        for dt in ALL_DTYPES:
            for axis in (None, 0, 1):
                rdt = _res_dtype(name, n, axis=axis, dtype=dt)
                compare(lambda: getattr(fnp, name)(f, axis=axis, dtype=dt),
                        lambda: getattr(np, name)(n, axis=axis, dtype=dt), tol=_tol(name, n, rdt))
                if name in METHODS:
                    compare(lambda: getattr(f, name)(axis=axis, dtype=dt), lambda: getattr(n, name)(axis=axis, dtype=dt),
                            tol=_tol(name, n, rdt))
        for dt in ("float64", np.float32, "i4", "c16", "foo", float):
            compare(lambda: getattr(fnp, name)(f, dtype=dt), lambda: getattr(np, name)(n, dtype=dt),
                    tol=_tol(name, n, np.float64))


def test_dtype_argument_known_values():
    i8 = np.full(1000, 127, dtype=np.int8)
    f = fnp.array(i8)
    assert fnp.sum(f, dtype=np.int8) == np.sum(i8, dtype=np.int8)  # wraps
    assert fnp.sum(f) == 127000
    assert type(fnp.mean(f, dtype=np.float32)) is np.float32
    assert fnp.cumsum(f, dtype=np.int8)[-1] == np.cumsum(i8, dtype=np.int8)[-1]
    b = np.array([True, True, False])
    compare(lambda: fnp.sum(fnp.array(b), dtype=bool), lambda: np.sum(b, dtype=bool))
    compare(lambda: fnp.cumsum(fnp.array(b), dtype=bool), lambda: np.cumsum(b, dtype=bool))
    compare(lambda: fnp.var(fnp.array(b), dtype=bool), lambda: np.var(b, dtype=bool))
    x = np.array([[1.0, 4.0], [2.0, 9.0]])
    compare(lambda: fnp.std(fnp.array(x), dtype=np.int64), lambda: np.std(x, dtype=np.int64))  # scalar: allowed
    compare(lambda: fnp.std(fnp.array(x), axis=0, dtype=np.int64), lambda: np.std(x, axis=0, dtype=np.int64))
    compare(lambda: fnp.nanmean(fnp.array(x), dtype=np.int64), lambda: np.nanmean(x, dtype=np.int64))


# ============================================================================== out= ===
def _out_shape(name, n, axis):
    r = getattr(np, name)(n, axis=axis)
    return np.asarray(r).shape


@pytest.mark.parametrize("name", sorted(set(FUNCTIONS) - NO_OUT))
def test_out_argument(name):
    """out= of the right shape is filled and returned (the same object), cast to its dtype;
    out= of the wrong shape is ValueError and leaves out untouched; a non-array out is
    TypeError; a 1-tuple holding the array is accepted."""
    for src in (np.float64, np.float32, np.int32, np.uint8, np.complex128, np.bool_):
        n = np.array([[0, 1, 2, 3], [3, 2, 0, 1], [1, 1, 3, 2]]).astype(src)
        f = fnp.array(n)
        for axis in (0, 1, None):
            shape = _out_shape(name, n, axis) if _call(lambda: getattr(np, name)(n, axis=axis))[1] is None else (4,)
            # Output dtypes the result casts to without loss, where NumPy's loop (resolved
            # from out's dtype and the input's) gives the same values as casting the result.
            for odt in (np.float64, np.complex128, np.int64, np.float32, np.int32, np.bool_):
                on, of = np.zeros(shape, odt), fnp.zeros(shape, odt)

                def fc():
                    r = getattr(fnp, name)(f, axis=axis, out=of)
                    assert r is of, f"out= returned {type(r)!r}, not out"
                    return of

                def nc():
                    r = getattr(np, name)(n, axis=axis, out=on)
                    assert r is on
                    return on

                compare(fc, nc, tol=_tol(name, n, odt))
                if name in METHODS:
                    on2, of2 = np.zeros(shape, odt), fnp.zeros(shape, odt)
                    compare(lambda: getattr(f, name)(axis=axis, out=of2) is of2 and of2,
                            lambda: getattr(n, name)(axis=axis, out=on2) is on2 and on2, tol=_tol(name, n, odt))
            # Wrong shape: ValueError, out untouched.
            wrong = fnp.full((7,), 5.0)
            compare(lambda: getattr(fnp, name)(f, axis=axis, out=wrong),
                    lambda: getattr(np, name)(n, axis=axis, out=np.full((7,), 5.0)))
            assert_unchanged(wrong, np.full((7,), 5.0))
            assert_unchanged(f, n)
    # A 1-tuple holding out; a non-array out.
    n = np.arange(12.0).reshape(3, 4)
    f = fnp.array(n)
    o = fnp.zeros(_out_shape(name, n, 0), np.int64 if name in ARGS else np.float64)
    assert getattr(fnp, name)(f, axis=0, out=(o,)) is o
    with pytest.raises(TypeError):
        getattr(fnp, name)(f, axis=0, out=[0.0] * 4)
    assert_unchanged(f, n)


@pytest.mark.parametrize("name", sorted(set(FOLDS + EXTREMA + LOGICAL + MEANS + SPREADS + ["ptp"])))
def test_out_zero_d_and_keepdims(name):
    """A whole-array reduction into a 0-d out returns out (an array), as does keepdims into an
    out of the kept shape."""
    n = np.arange(1.0, 7.0).reshape(2, 3)
    f = fnp.array(n)
    on, of = np.zeros(()), fnp.zeros(())
    r = getattr(fnp, name)(f, out=of)
    getattr(np, name)(n, out=on)
    assert r is of
    assert_same(of, on, **_tol(name, n, np.float64))
    on, of = np.zeros((1, 3)), fnp.zeros((1, 3))
    assert getattr(fnp, name)(f, axis=0, keepdims=True, out=of) is of
    getattr(np, name)(n, axis=0, keepdims=True, out=on)
    assert_same(of, on, **_tol(name, n, np.float64))


def test_out_accumulates_in_the_out_dtype():
    """With out= and no dtype=, NumPy's add/multiply reductions and accumulations run in the
    promotion of out's dtype and the input's: a float32 sum into float64 adds in float64."""
    x = np.array([1e8, 1.0, 1.0, 1.0, -1e8, 0.5, 3.25, 1e-3] * 3, dtype=np.float32)
    f = fnp.array(x)
    for name in ("sum", "nansum", "cumsum", "nancumsum", "mean", "nanmean", "var", "std", "nanvar", "nanstd"):
        shape = x.shape if name in SCANS else ()
        on, of = np.zeros(shape), fnp.zeros(shape)
        compare(lambda: getattr(fnp, name)(f, out=of), lambda: getattr(np, name)(x, out=on), bits=True)
    x16 = np.linspace(0, 3, 50).astype(np.float16)
    on, of = np.zeros((), np.float32), fnp.zeros((), np.float32)
    compare(lambda: fnp.mean(fnp.array(x16), out=of), lambda: np.mean(x16, out=on), bits=True)
    compare(lambda: fnp.cumsum(fnp.array([-1, 3, -7], dtype=np.int8), out=fnp.zeros(3, np.uint8)),
            lambda: np.cumsum(np.array([-1, 3, -7], dtype=np.int8), out=np.zeros(3, np.uint8)))
    compare(lambda: fnp.sum(fnp.array([0.5, 0.5]), out=fnp.zeros((), np.int64)),
            lambda: np.sum(np.array([0.5, 0.5]), out=np.zeros((), np.int64)))
    compare(lambda: fnp.cumsum(fnp.array([1.7, 2.6, 3.9]), out=fnp.zeros(3, np.int64)),
            lambda: np.cumsum(np.array([1.7, 2.6, 3.9]), out=np.zeros(3, np.int64)))


def test_out_errors_match_numpy():
    """argmax's out must cast safely to int64; ptp's subtraction checks 'same_kind' (and bool
    input is fine with an integer out); std's in-place root refuses an integer out; the nan
    statistics of float input refuse a non-inexact out."""
    n = np.array([[1, 5, 2], [7, 0, 3]], dtype=np.int16)
    f = fnp.array(n)
    for odt in ALL_DTYPES:
        compare(lambda: fnp.argmax(f, axis=0, out=fnp.zeros(3, odt)), lambda: np.argmax(n, axis=0, out=np.zeros(3, odt)))
        compare(lambda: fnp.ptp(f, axis=0, out=fnp.zeros(3, odt)), lambda: np.ptp(n, axis=0, out=np.zeros(3, odt)))
        compare(lambda: fnp.std(f, axis=0, out=fnp.zeros(3, odt)), lambda: np.std(n, axis=0, out=np.zeros(3, odt)))
    b = np.array([True, False, True])
    compare(lambda: fnp.ptp(fnp.array(b), out=fnp.zeros((), np.int8)), lambda: np.ptp(b, out=np.zeros((), np.int8)))
    compare(lambda: fnp.ptp(fnp.array(b)), lambda: np.ptp(b))
    x = np.array([[1.0, np.nan], [2.0, 3.0]])
    for name in ("nanmean", "nanvar", "nanstd"):
        for odt in (np.int64, np.bool_, np.float32, np.complex64):
            compare(lambda: getattr(fnp, name)(fnp.array(x), axis=0, out=fnp.zeros(2, odt)),
                    lambda: getattr(np, name)(x, axis=0, out=np.zeros(2, odt)))
    # Shape is checked before the dtype.
    compare(lambda: fnp.argmax(f, axis=0, out=fnp.zeros(5, np.float64)), lambda: np.argmax(n, axis=0, out=np.zeros(5)))
    compare(lambda: fnp.std(f, axis=0, out=fnp.zeros(5, bool)), lambda: np.std(n, axis=0, out=np.zeros(5, bool)))


# ============================================================================ where= ===
MASKS = [
    np.array([True, False, True, True]),
    np.array([[True], [False], [True]]),
    np.zeros((3, 4), bool),
    np.ones((3, 4), bool),
    np.array([[True, False, False, True], [False, False, False, False], [True, True, False, True]]),
]


@pytest.mark.parametrize("name", FOLDS + EXTREMA + LOGICAL + MEANS + SPREADS)
def test_where_argument(name):
    """Boolean masks broadcast against the input (only their true positions take part), as
    NumPy arrays, ferronum arrays and lists; Python scalars count by their truth value;
    non-bool arrays are TypeError; max/min need initial= with a mask."""
    for dt in ALL_DTYPES:
        n = sample_values(dt, 12).reshape(3, 4)
        if dt.kind in "fc":
            n = n.copy()
            n[0, 1] = np.nan
        f = fnp.array(n)
        for mi, m in enumerate(MASKS):
            for ai, axis in enumerate((None, 0, 1, (0, 1))):
                # Alternate keepdims and the mask's kind (NumPy array, ferronum array).
                kw = dict(axis=axis, keepdims=(mi + ai) % 2 == 1)
                where = m if (mi + ai) % 2 == 0 else fnp.array(m)
                rdt = _res_dtype(name, n, where=m, **kw)
                compare(lambda: getattr(fnp, name)(f, where=where, **kw),
                        lambda: getattr(np, name)(n, where=m, **kw), tol=_tol(name, n, rdt))
                if name in FOLDS + EXTREMA:
                    compare(lambda: getattr(fnp, name)(f, where=where, initial=5, **kw),
                            lambda: getattr(np, name)(n, where=m, initial=5, **kw), tol=_tol(name, n, rdt))
                if name in METHODS:
                    compare(lambda: getattr(f, name)(where=where, **kw), lambda: getattr(n, name)(where=m, **kw),
                            tol=_tol(name, n, rdt))
        # Python True is "no mask"; any other scalar is a mask (so max/min need initial=).
        # (Not 2.5 for the statistics: NumPy counts their items as the sum of int(where).)
        scalars = [True, False, 1, 0] + ([2.5, -1] if name in FOLDS + EXTREMA + LOGICAL else [])
        for where in [[True, False, True, True], np.True_, np.array(True), np.ones(4, int), np.ones(4, np.float32),
                      np.ones(3, bool), np.ones((2, 4), bool)] + scalars:
            compare(lambda: getattr(fnp, name)(f, axis=0, where=where), lambda: getattr(np, name)(n, axis=0, where=where),
                    tol=_tol(name, n, _res_dtype(name, n, axis=0, where=where)))
        assert_unchanged(f, n)


# ========================================================================== initial= ===
INITIALS = [0, 5, -3, 2.5, -2.5, 1e300, math.nan, math.inf, -math.inf, True, 300, 2**63, -(2**63), 1 + 2j,
            np.float32(1.5), np.array(4), np.array(2.5), np.float64(-7.9), np.int64(300), np.int16(-5), np.complex64(2)]


@pytest.mark.parametrize("name", FOLDS + EXTREMA)
def test_initial_argument(name):
    """initial= starts every result (also of empty lanes); it is converted to the reduction's
    dtype as NumPy converts it: OverflowError for integers out of range (and infinities),
    ValueError for NaN into an integer, TypeError for a complex into a real dtype, ValueError
    for an array that is not 0-d."""
    for dt in ALL_DTYPES:
        n = sample_values(dt, 12).reshape(3, 4)
        f = fnp.array(n)
        for init in INITIALS:
            for axis in (None, 0, ()):
                compare(lambda: getattr(fnp, name)(f, axis=axis, initial=init),
                        lambda: getattr(np, name)(n, axis=axis, initial=init),
                        tol=_tol(name, n, _res_dtype(name, n, axis=axis, initial=init)))
                if name in METHODS:
                    compare(lambda: getattr(f, name)(axis=axis, initial=init),
                            lambda: getattr(n, name)(axis=axis, initial=init),
                            tol=_tol(name, n, _res_dtype(name, n, axis=axis, initial=init)))
        with pytest.raises((ValueError, TypeError)):
            getattr(fnp, name)(f, initial=np.array([1, 2]))
        e, fe = np.zeros((0, 3), dt), fnp.zeros((0, 3), dt)
        for axis in (None, 0, 1):
            compare(lambda: getattr(fnp, name)(fe, axis=axis, initial=7), lambda: getattr(np, name)(e, axis=axis, initial=7))
        assert_unchanged(f, n)
    # Integer results: initial joins the wrapping arithmetic of the accumulator.
    x = np.array([100, 100], np.int8)
    compare(lambda: fnp.sum(fnp.array(x), dtype=np.int8, initial=100), lambda: np.sum(x, dtype=np.int8, initial=100))


# =================================================================== ddof, mean= ===
@pytest.mark.parametrize("name", SPREADS)
def test_ddof_correction_and_mean(name):
    """ddof (ints, floats, bools, beyond the count: NaN or inf with NumPy's warning),
    correction= (its array-API spelling; both together is ValueError), and mean= (a
    precomputed mean with keepdims shape, here a different one to show it is used)."""
    for dt in ALL_DTYPES:
        n = sample_values(dt, 12).reshape(3, 4)
        if dt.kind in "fc":
            n = n.copy()
            n[0, 1] = np.nan
        f = fnp.array(n)
        for ddof in (0, 1, 2, 3, 4, 5, 0.5, -1, True):
            for axis in (None, 0, 1):
                rdt = _res_dtype(name, n, axis=axis, ddof=ddof)
                compare(lambda: getattr(fnp, name)(f, axis=axis, ddof=ddof),
                        lambda: getattr(np, name)(n, axis=axis, ddof=ddof), tol=_tol(name, n, rdt, ddof=ddof))
                compare(lambda: getattr(fnp, name)(f, axis=axis, correction=ddof),
                        lambda: getattr(np, name)(n, axis=axis, correction=ddof), tol=_tol(name, n, rdt, ddof=ddof))
                if name in METHODS:
                    compare(lambda: getattr(f, name)(axis=axis, ddof=ddof), lambda: getattr(n, name)(axis=axis, ddof=ddof),
                            tol=_tol(name, n, rdt, ddof=ddof))
        compare(lambda: getattr(fnp, name)(f, ddof=1, correction=1), lambda: getattr(np, name)(n, ddof=1, correction=1))
        for axis in (None, 0, 1, (0, 1)):
            for kd in (False, True):
                mn = np.nanmean(n, axis=axis, keepdims=True) if n.dtype.kind in "fc" else np.mean(n, axis=axis, keepdims=True)
                mn = mn + 1  # not the mean, so that a mean= that is ignored shows
                rdt = _res_dtype(name, n, axis=axis, keepdims=kd, mean=mn)
                compare(lambda: getattr(fnp, name)(f, axis=axis, keepdims=kd, mean=fnp.array(mn)),
                        lambda: getattr(np, name)(n, axis=axis, keepdims=kd, mean=mn), tol=_tol(name, n, rdt))
                if name in METHODS:
                    compare(lambda: getattr(f, name)(axis=axis, keepdims=kd, mean=mn),
                            lambda: getattr(n, name)(axis=axis, keepdims=kd, mean=mn), tol=_tol(name, n, rdt))


# ========================================================================== average ===
@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_average_weights_and_returned(dt):
    """weights of the input's shape or of the reduced axes' shape (in the axis order given),
    returned=True (the average and the sum of weights, broadcast to the average's shape),
    keepdims; TypeError without an axis when shapes differ, ValueError for inconsistent
    weights, ZeroDivisionError when weights sum to zero."""
    n = sample_values(dt, 12).reshape(3, 4)
    if dt.kind in "iu":
        n = (n % 7).astype(dt)
    f = fnp.array(n)
    w34 = np.arange(1, 13).reshape(3, 4).astype(np.float32)
    cases = [
        dict(),
        dict(returned=True),
        dict(axis=1, weights=[1, 2, 3, 4]),
        dict(axis=1, weights=np.array([1, 2, 3, 4], np.int8), returned=True),
        dict(axis=0, weights=[0.5, 0.25, 0.25], returned=True, keepdims=True),
        dict(axis=(1, 0), weights=w34.T, returned=True),
        dict(axis=(0, 1), weights=w34),
        dict(weights=w34, returned=True),
        dict(axis=None, weights=w34, keepdims=True),
        dict(axis=[1], weights=[1, 1, 1, 1]),
        dict(axis=0, keepdims=True, returned=True),
        dict(axis=-1, weights=[True, False, True, True]),
        dict(weights=[1, 2, 3, 4]),
        dict(axis=0, weights=[1, 2, 3, 4]),
        dict(axis=1, weights=[1, -1, 0, 0]),
        dict(axis=1, weights=np.zeros(4)),
        dict(axis=1, weights=[1 + 1j, 1, 1, 1]),
    ]
    for kw in cases:
        kwf = {k: (fnp.array(v) if isinstance(v, np.ndarray) and k == "weights" else v) for k, v in kw.items()}
        rdt = _res_dtype("average", n, **kw)
        compare(lambda: fnp.average(f, **kwf), lambda: np.average(n, **kw), tol=_tol("average", n, rdt))
    assert_unchanged(f, n)


# ================================================================= ptp, count_nonzero ===
def test_ptp_and_count_nonzero_details():
    for dt in ALL_DTYPES:
        n = sample_values(dt, 12).reshape(3, 4)
        f = fnp.array(n)
        for axis in (None, 0, 1, (0, 1), ()):
            for kd in (False, True):
                compare(lambda: fnp.ptp(f, axis=axis, keepdims=kd), lambda: np.ptp(n, axis=axis, keepdims=kd),
                        bits="unsigned-zeros")
                compare(lambda: fnp.count_nonzero(f, axis=axis, keepdims=kd),
                        lambda: np.count_nonzero(n, axis=axis, keepdims=kd))
    # ptp of signed integers wraps like NumPy's subtraction.
    i8 = np.array([-128, 127], np.int8)
    compare(lambda: fnp.ptp(fnp.array(i8)), lambda: np.ptp(i8))
    c = np.array([0.0, -0.0, np.nan, 1e-300, 0j, complex(0, np.nan)], np.complex128)
    compare(lambda: fnp.count_nonzero(fnp.array(c)), lambda: np.count_nonzero(c))


# ======================================================================= arg*, scans ===
def test_arg_and_scan_details():
    rng = np.random.default_rng(3)
    for dt in ALL_DTYPES:
        n = (rng.integers(0, 4, (5, 130)) if dt.kind != "c" else rng.integers(0, 4, (5, 130)) + 1j * rng.integers(0, 2, (5, 130))).astype(dt)
        f = fnp.array(n)
        # Ties: the first extreme wins, also on long contiguous lanes (the vectorized path).
        for name in ARGS:
            for axis in (None, 0, 1, -1):
                for kd in (False, True):
                    compare(lambda: getattr(fnp, name)(f, axis=axis, keepdims=kd),
                            lambda: getattr(np, name)(n, axis=axis, keepdims=kd))
                    compare(lambda: getattr(fnp, name)(f.T, axis=axis, keepdims=kd),
                            lambda: getattr(np, name)(n.T, axis=axis, keepdims=kd))
        for name in SCANS:
            for axis in (None, 0, 1, -1):
                compare(lambda: getattr(fnp, name)(f[:, ::-3], axis=axis), lambda: getattr(np, name)(n[:, ::-3], axis=axis),
                        bits=True)
    x = np.array([1.0, np.nan, 2.0, np.nan, 3.0])
    for name in SCANS:
        compare(lambda: getattr(fnp, name)(fnp.array(x)), lambda: getattr(np, name)(x), bits=True)
    # Integer scans wrap like NumPy's.
    big = np.array([2**62, 2**62, 2**62], np.int64)
    compare(lambda: fnp.cumsum(fnp.array(big)), lambda: np.cumsum(big))
    compare(lambda: fnp.cumprod(fnp.array(big)), lambda: np.cumprod(big))


# ====================================================================== bit-exactness ===
@pytest.mark.parametrize("dt", FLOATS, ids=lambda d: d.name)
@pytest.mark.parametrize("size", [1, 5, 7, 8, 9, 16, 17, 127, 128, 129, 255, 1000, 4099])
def test_float_sums_match_numpy_bit_for_bit(dt, size):
    """sum, nansum, mean, nanmean, var, std, nanvar, nanstd and average of contiguous float data,
    whole and along the last axis (and the first axis of a small array), are NumPy's pairwise
    sums to the bit, including NumPy's block boundaries (8, 128) and float16's float32
    accumulator."""
    rng = np.random.default_rng(size)
    mag = 10.0 ** rng.integers(-3, 4, size)
    x = (rng.standard_normal(size) * mag).astype(dt)
    if dt == np.float16:
        x = np.clip(x, -8, 8).astype(dt)
    xn = x.copy()
    if size > 3:
        xn[::7] = np.nan
    names = ["sum", "nansum", "mean", "nanmean", "var", "std", "nanvar", "nanstd", "average"]
    for arr in (x, xn):
        f = fnp.array(arr)
        for name in names:
            compare(lambda: getattr(fnp, name)(f), lambda: getattr(np, name)(arr), bits=True)
            if name in METHODS:
                compare(lambda: getattr(f, name)(), lambda: getattr(arr, name)(), bits=True)
        m = arr[: size - size % 3].reshape(3, -1) if size >= 3 else arr.reshape(1, -1)
        fm = fnp.array(m)
        for name in names:
            for axis in (-1, None):
                compare(lambda: getattr(fnp, name)(fm, axis=axis), lambda: getattr(np, name)(m, axis=axis), bits=True)
            if dt != np.float16:
                compare(lambda: getattr(fnp, name)(fm, axis=0), lambda: getattr(np, name)(m, axis=0), bits=True)


@pytest.mark.parametrize("dt", FLOATS, ids=lambda d: d.name)
def test_float_sum_over_rows_matches_numpy_bit_for_bit(dt):
    """Over the first axis of a C-contiguous matrix NumPy adds row after row into the output;
    so does ferronum (float32/float64; NumPy's float16 rows accumulate in float16)."""
    rng = np.random.default_rng(11)
    x = rng.standard_normal((37, 23)).astype(dt)
    f = fnp.array(x)
    for name in ("sum", "mean", "var", "std", "nansum", "nanmean"):
        compare(lambda: getattr(fnp, name)(f, axis=0), lambda: getattr(np, name)(x, axis=0),
                bits=dt != np.float16, tol=_tol(name, x, dt))


@pytest.mark.parametrize("dt", COMPLEX, ids=lambda d: d.name)
def test_complex_sum_is_numpys_pairwise_order(dt):
    rng = np.random.default_rng(5)
    z = (rng.standard_normal(5) + 1j * rng.standard_normal(5)).astype(dt)
    compare(lambda: fnp.sum(fnp.array(z)), lambda: np.sum(z), bits=True)


# ============================================================== accuracy vs math.fsum ===
def _fsum(x):
    """The correctly rounded sum (math.fsum), fed in chunks to bound the memory of Python floats."""
    return math.fsum(itertools.chain.from_iterable(c.astype(np.float64).tolist() for c in np.array_split(x, 50)))


def test_float32_sum_and_mean_accuracy_vs_fsum():
    """10^7 float32 values of large and small magnitude, with the large ones cancelling: the
    sum and the mean must be at least as accurate as NumPy's (its pairwise sum), measured
    against the exact sum (math.fsum)."""
    n = 10**7
    rng = np.random.default_rng(2024)
    big = (rng.random(n // 4) * 1e7 + 1e6).astype(np.float32)
    small = (rng.random(n - 2 * (n // 4)) * 1e-2).astype(np.float32)
    x = np.concatenate([big, -big[rng.permutation(big.size)], small])
    x = x[rng.permutation(x.size)]
    assert x.size == n and x.dtype == np.float32
    exact = _fsum(x)
    f = fnp.array(x)
    rn, rf = np.sum(x), fnp.sum(f)
    assert type(rf) is np.float32
    err_np, err_f = abs(float(rn) - exact), abs(float(rf) - exact)
    assert err_np > 0, "NumPy is exact here: the test would not tell anything"
    slack = float(np.spacing(np.float32(abs(exact))))
    assert err_f <= err_np + slack, f"sum: ferronum error {err_f:g} > NumPy's {err_np:g} (exact {exact!r})"
    mn, mf = np.mean(x), fnp.mean(f)
    assert type(mf) is np.float32
    mexact = exact / n
    merr_np, merr_f = abs(float(mn) - mexact), abs(float(mf) - mexact)
    assert merr_f <= merr_np + float(np.spacing(np.float32(abs(mexact)))), \
        f"mean: ferronum error {merr_f:g} > NumPy's {merr_np:g}"
    # And a naive float32 running sum would be far worse: the test can tell.
    naive = np.cumsum(x[:1_000_000])[-1]
    exact1 = _fsum(x[:1_000_000])
    assert abs(float(fnp.sum(fnp.array(x[:1_000_000]))) - exact1) < abs(float(naive) - exact1)


# ======================================================================= Python input ===
@pytest.mark.parametrize("name", FUNCTIONS)
def test_python_lists_and_scalars(name):
    """Nested lists of ints, floats, bools and complexes, and Python scalars, as NumPy converts
    them."""
    inputs = [[1, 2, 3], [[1.5, 2], [3, 4]], [True, False, True], [[1 + 2j, 3], [0, -1j]], 5, 2.5, True, [],
              [[1, 2], [3, 4]], (1, 2, 3)]
    for a in inputs:
        for kw in ({}, {"axis": 0}, {"axis": -1}):
            rdt = _res_dtype(name, np.asarray(a), **kw)
            compare(lambda: getattr(fnp, name)(a, **kw), lambda: getattr(np, name)(a, **kw),
                    tol=_tol(name, np.asarray(a), rdt))


def test_reductions_accept_numpy_arrays():
    n = np.arange(12.0).reshape(3, 4)
    for name in FUNCTIONS:
        compare(lambda: getattr(fnp, name)(n, axis=0), lambda: getattr(np, name)(n, axis=0),
                tol=_tol(name, n, np.float64))


# =================================================================== errors leave inputs ===
def test_inputs_unchanged_after_errors():
    n = np.array([[3.0, np.nan, 1.0], [2.0, 5.0, 4.0]])
    f = fnp.array(n)
    o = fnp.full((3,), 9.0)
    calls = [
        lambda: fnp.sum(f, axis=2), lambda: fnp.mean(f, axis=(0, 0)), lambda: fnp.var(f, axis=[0]),
        lambda: fnp.max(f, where=np.array([True, False, True])), lambda: fnp.sum(f, where=np.ones(3, int)),
        lambda: fnp.sum(f, axis=1, out=o), lambda: fnp.max(fnp.zeros((0, 3)), axis=0),
        lambda: fnp.nanargmax(fnp.array([np.nan])), lambda: fnp.sum(f, initial=1 + 2j),
        lambda: fnp.var(f, ddof=1, correction=1), lambda: fnp.average(f, weights=[1, 2, 3]),
        lambda: fnp.average(f, axis=1, weights=[1, -1, 0]), lambda: fnp.argmax(f, axis=(0,)),
        lambda: fnp.cumsum(f, axis=2), lambda: fnp.std(f, axis=0, dtype=np.int64),
        lambda: fnp.nanmean(f, dtype=np.int64), lambda: fnp.sum(f, dtype="foo"),
    ]
    for c in calls:
        _, e, _ = _call(c)
        assert e is not None, c
        assert not isinstance(e, RuntimeError), f"internal error: {e}"
        assert_unchanged(f, n)
        assert_unchanged(o, np.full((3,), 9.0))


# ============================================================== warnings in detail ===
def test_warning_categories_and_messages():
    cases = [
        (lambda m: m.mean(m.zeros((0, 2)), axis=0), "Mean of empty slice"),
        (lambda m: m.nanmean(m.array([[np.nan, 1.0], [np.nan, 2.0]]), axis=0), "Mean of empty slice"),
        (lambda m: m.var(m.array([1.0, 2.0]), ddof=2), "Degrees of freedom <= 0 for slice"),
        (lambda m: m.std(m.array([1.0]), ddof=1), "Degrees of freedom <= 0 for slice"),
        (lambda m: m.nanvar(m.array([1.0, np.nan]), ddof=1), "Degrees of freedom <= 0 for slice"),
        (lambda m: m.nanstd(m.array([[np.nan], [np.nan]]), axis=1), "Degrees of freedom <= 0 for slice"),
        (lambda m: m.mean(m.array([[1.0, 2.0]]), axis=1, where=np.array([[False, False]])), "Mean of empty slice"),
    ]
    for fn, msg in cases:
        rn, _, wn = _call(lambda: fn(np))
        rf, _, wf = _call(lambda: fn(fnp))
        assert wf == wn and any(msg in w[1] for w in wn), (msg, wf, wn)
        assert all(w[0] == "RuntimeWarning" for w in wf)
        assert_same(rf, rn)
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            with pytest.raises(RuntimeWarning, match=msg.split(" <=")[0]):
                fn(fnp)


def test_complex_to_real_casts_warn():
    z = np.array([1 + 2j, 3 - 1j])
    with pytest.warns(np.exceptions.ComplexWarning):
        np.sum(z, dtype=np.float64)
    with pytest.warns(np.exceptions.ComplexWarning):
        fnp.sum(fnp.array(z), dtype=np.float64)


# =========================================================================== threads ===
def test_large_reductions_independent_of_thread_count(restore_threads):
    """Large inputs take the parallel paths; results must not depend on the thread count and
    must match NumPy (bit for bit for the contiguous float sums)."""
    rng = np.random.default_rng(8)
    x = rng.standard_normal((300, 1100))
    f = fnp.array(x)
    results = []
    for threads in (1, 2, 4):
        fnp.set_num_threads(threads)
        results.append([np.asarray(fnp.sum(f)), np.asarray(fnp.sum(f, axis=1)), np.asarray(fnp.mean(f, axis=0)),
                        np.asarray(fnp.var(f, axis=1)), np.asarray(fnp.argmax(f, axis=0)),
                        np.asarray(fnp.cumsum(f, axis=1))])
    for r in results[1:]:
        for a, b in zip(r, results[0]):
            assert_bits(a, b)
            np.testing.assert_array_equal(a, b)
    compare(lambda: fnp.sum(f), lambda: np.sum(x), bits=True)
    compare(lambda: fnp.sum(f, axis=1), lambda: np.sum(x, axis=1), bits=True)
    compare(lambda: fnp.var(f, axis=1), lambda: np.var(x, axis=1), bits=True)
    compare(lambda: fnp.mean(f, axis=0), lambda: np.mean(x, axis=0), tol=_tol("mean", x, np.float64))
    compare(lambda: fnp.argmax(f, axis=0), lambda: np.argmax(x, axis=0))
    compare(lambda: fnp.cumsum(f, axis=1), lambda: np.cumsum(x, axis=1), bits=True)
