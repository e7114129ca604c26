"""Shared fixtures, hypothesis strategies and comparison helpers for the ferronum test suite.

NumPy is the oracle: every differential test runs the same call on NumPy and on ferronum and
compares result type (NumPy scalar vs ndarray), dtype, shape and values with ``assert_same``.
Error paths compare exception classes with ``assert_same_error``.
"""

from __future__ import annotations

import math
import os
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp

# ---------------------------------------------------------------------------- settings ---
_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
# "ci" (default): derandomized, so a run is reproducible and a failure is the same on every
# machine. "explore": random and longer, for hunting bugs (FERRONUM_HYPOTHESIS=explore).
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True, database=None,
                          suppress_health_check=_HEALTH, print_blob=True)
settings.register_profile("explore", max_examples=400, deadline=None, suppress_health_check=_HEALTH,
                          print_blob=True)
settings.register_profile("quick", max_examples=15, deadline=None, derandomize=True, database=None,
                          suppress_health_check=_HEALTH)
settings.load_profile(os.environ.get("FERRONUM_HYPOTHESIS", "ci"))

# ------------------------------------------------------------------------------ dtypes ---
BOOL = [np.dtype(np.bool_)]
SIGNED = [np.dtype(t) for t in (np.int8, np.int16, np.int32, np.int64)]
UNSIGNED = [np.dtype(t) for t in (np.uint8, np.uint16, np.uint32, np.uint64)]
INTS = SIGNED + UNSIGNED
FLOATS = [np.dtype(t) for t in (np.float16, np.float32, np.float64)]
COMPLEX = [np.dtype(t) for t in (np.complex64, np.complex128)]
INEXACT = FLOATS + COMPLEX
NUMERIC = INTS + INEXACT
ALL_DTYPES = BOOL + NUMERIC
DTYPE_IDS = [d.name for d in ALL_DTYPES]

dtypes = st.sampled_from(ALL_DTYPES)


def is_exact(dt) -> bool:
    return np.dtype(dt).kind in "biu"


# ----------------------------------------------------------------------- value elements ---
def elements(dtype, *, lo=None, hi=None, allow_nan=True, allow_inf=True, small=False, fbound=None):
    """Element strategy for ``dtype``.

    Integers use the full range (NumPy's wraparound is defined behaviour) unless ``lo``/``hi``
    or ``small`` narrow it. Floats are finite-or-special as asked; ``small`` keeps magnitudes
    below 100 (safe to cast to every integer type without UB-like overflow). ``fbound`` bounds
    only floats/complex (finite, |x| <= fbound) and leaves integers on their full range.
    """
    if fbound is not None and np.dtype(dtype).kind in "fc":
        lo, hi = -fbound, fbound
    dt = np.dtype(dtype)
    if dt.kind == "b":
        return st.booleans()
    if dt.kind in "iu":
        info = np.iinfo(dt)
        a, b = info.min, info.max
        if small:
            a, b = max(a, -100), min(b, 100)
        if lo is not None:
            a = max(a, lo)
        if hi is not None:
            b = min(b, hi)
        return st.integers(a, b)
    if dt.kind == "f":
        width = dt.itemsize * 8
        if small or lo is not None or hi is not None:
            a = -100.0 if lo is None else lo
            b = 100.0 if hi is None else hi
            return st.floats(a, b, width=width, allow_nan=False, allow_infinity=False)
        return st.floats(width=width, allow_nan=allow_nan, allow_infinity=allow_inf)
    # complex
    width = dt.itemsize * 8
    if small or lo is not None or hi is not None:
        part = st.floats(-100.0 if lo is None else lo, 100.0 if hi is None else hi,
                         width=width // 2, allow_nan=False, allow_infinity=False)
        return st.builds(complex, part, part)
    return st.complex_numbers(width=width, allow_nan=allow_nan, allow_infinity=allow_inf)


# ------------------------------------------------------------------------------ shapes ---
# Mostly non-empty shapes; size-0 shapes (any axis of length 0) about a fifth of the time.
shapes = st.one_of(
    hnp.array_shapes(min_dims=0, max_dims=4, min_side=1, max_side=5),
    hnp.array_shapes(min_dims=0, max_dims=4, min_side=1, max_side=5),
    hnp.array_shapes(min_dims=0, max_dims=4, min_side=1, max_side=5),
    hnp.array_shapes(min_dims=1, max_dims=4, min_side=0, max_side=4),
)
nonempty_shapes = hnp.array_shapes(min_dims=0, max_dims=4, min_side=1, max_side=5)


def np_arrays(dtype=dtypes, shape=shapes, **elem_kw):
    """NumPy arrays of a drawn dtype and shape (C-contiguous, owning)."""

    @st.composite
    def _arr(draw):
        dt = draw(dtype) if isinstance(dtype, st.SearchStrategy) else np.dtype(dtype)
        sh = draw(shape) if isinstance(shape, st.SearchStrategy) else tuple(shape)
        return draw(hnp.arrays(dt, sh, elements=elements(dt, **elem_kw)))

    return _arr()


@st.composite
def view_recipes(draw, shape):
    """A tuple of per-axis slices (any step, incl. negative) and an optional axis permutation."""
    slices = []
    for n in shape:
        if draw(st.booleans()):
            slices.append(slice(None))
            continue
        step = draw(st.sampled_from([1, 2, 3, -1, -2, -3]))
        start = draw(st.one_of(st.none(), st.integers(-n - 1, n + 1)))
        stop = draw(st.one_of(st.none(), st.integers(-n - 1, n + 1)))
        slices.append(slice(start, stop, step))
    perm = None
    if len(shape) >= 2 and draw(st.booleans()):
        perm = tuple(draw(st.permutations(range(len(shape)))))
    return tuple(slices), perm


def apply_recipe(a, recipe):
    slices, perm = recipe
    v = a[slices] if slices else a[...]
    if perm is not None:
        v = v.transpose(perm)
    return v


@st.composite
def exact_view_recipe(draw, shape):
    """(base_shape, recipe) such that ``apply_recipe(base, recipe).shape == shape``: each axis is
    a slice with step in +-1..3 (negative steps included) of a longer base axis, and the axes
    may be permuted (a transposed view)."""
    nd = len(shape)
    perm = tuple(draw(st.permutations(range(nd)))) if nd >= 2 and draw(st.booleans()) else None
    # base view (before transpose) has shape bs with bs[perm[i]] = shape[i]
    bs = list(shape)
    if perm is not None:
        for i, p in enumerate(perm):
            bs[p] = shape[i]
    base_shape, slices = [], []
    for n in bs:
        k = draw(st.sampled_from([1, 2, 3, -1, -2, -3]))
        off = draw(st.integers(0, 2))
        extra = draw(st.integers(0, 2))
        if n == 0:
            m = off + extra
            base_shape.append(m)
            slices.append(slice(off, off, k))
            continue
        m = off + (n - 1) * abs(k) + 1 + extra
        base_shape.append(m)
        if k > 0:
            slices.append(slice(off, off + (n - 1) * k + 1, k))
        else:
            start = m - 1 - off
            stop = start - (n - 1) * abs(k) - 1
            slices.append(slice(start, None if stop < 0 else stop, k))
    return tuple(base_shape), (tuple(slices), perm)


@st.composite
def array_pairs(draw, dtype=dtypes, shape=shapes, views=True, **elem_kw):
    """(numpy_array, ferronum_array) with equal contents, the requested shape, and the same
    logical layout.

    With ``views`` the pair is often a strided / negatively-stepped / transposed view of a
    larger base (the same recipe applied to a NumPy base and to an independent ferronum copy of
    that base), so ferronum's view machinery is exercised on every test that uses it.
    """
    dt = draw(dtype) if isinstance(dtype, st.SearchStrategy) else np.dtype(dtype)
    sh = draw(shape) if isinstance(shape, st.SearchStrategy) else tuple(shape)
    if views and len(sh) > 0 and draw(st.booleans()):
        base_shape, recipe = draw(exact_view_recipe(sh))
        base = draw(hnp.arrays(dt, base_shape, elements=elements(dt, **elem_kw))).copy()
        n = apply_recipe(base, recipe)
        f = apply_recipe(fnp.array(base), recipe)
        assert n.shape == sh
        return n, f
    n = draw(hnp.arrays(dt, sh, elements=elements(dt, **elem_kw))).copy()
    return n, fnp.array(n)


@st.composite
def broadcast_pairs(draw, dtype1=dtypes, dtype2=None, **elem_kw):
    """Two (numpy, ferronum) pairs whose shapes broadcast together."""
    bs = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=4,
                                                min_side=0, max_side=4))
    s1, s2 = bs.input_shapes
    d1 = draw(dtype1) if isinstance(dtype1, st.SearchStrategy) else np.dtype(dtype1)
    if dtype2 is None:
        d2 = d1
    else:
        d2 = draw(dtype2) if isinstance(dtype2, st.SearchStrategy) else np.dtype(dtype2)
    p1 = draw(array_pairs(dtype=d1, shape=s1, **elem_kw))
    p2 = draw(array_pairs(dtype=d2, shape=s2, **elem_kw))
    return p1, p2


def to_fnp(n):
    """An independent ferronum copy of a NumPy array."""
    return fnp.array(n)


# --------------------------------------------------------------------------- comparison ---
_ULP_RTOL = {
    np.dtype(np.float16): 4 * float(np.finfo(np.float16).eps),
    np.dtype(np.float32): 4 * float(np.finfo(np.float32).eps),
    np.dtype(np.float64): 4 * float(np.finfo(np.float64).eps),
    np.dtype(np.complex64): 4 * float(np.finfo(np.float32).eps),
    np.dtype(np.complex128): 4 * float(np.finfo(np.float64).eps),
}


def _values_of(x):
    if isinstance(x, fnp.ndarray):
        return np.asarray(x)
    return np.asarray(x)


def assert_same(f, n, *, exact=None, rtol=None, atol=0.0, check_type=True):
    """Assert ferronum result ``f`` matches NumPy result ``n``.

    Checks: kind of result (ferronum ndarray where NumPy gives an ndarray, the very same NumPy
    scalar type where NumPy gives a scalar, the same Python type for Python values), dtype,
    shape and values (exact for bool/int, or when ``exact``; few-ulp ``assert_allclose``
    otherwise, NaN-aware).
    """
    if check_type:
        if isinstance(n, np.ndarray):
            assert isinstance(f, fnp.ndarray), f"expected a ferronum.ndarray, got {type(f)!r}: {f!r}"
        elif isinstance(n, np.generic):
            assert type(f) is type(n), f"expected NumPy scalar {type(n)!r}, got {type(f)!r}: {f!r}"
        else:
            assert type(f) is type(n), f"expected {type(n)!r}, got {type(f)!r}: {f!r}"
    if isinstance(n, (np.ndarray, np.generic)):
        fv = _values_of(f)
        nv = np.asarray(n)
        assert fv.dtype == nv.dtype, f"dtype: ferronum {fv.dtype} vs numpy {nv.dtype}"
        assert fv.shape == nv.shape, f"shape: ferronum {fv.shape} vs numpy {nv.shape}"
        dt = nv.dtype
    else:
        fv, nv = np.asarray(f), np.asarray(n)
        dt = nv.dtype
    if exact is None:
        exact = dt.kind in "biu"
    if exact or dt.kind in "biu":
        np.testing.assert_array_equal(fv, nv, strict=False)
        return
    if rtol is None:
        rtol = _ULP_RTOL.get(dt, 1e-12)
    if dt.kind == "c":
        # assert_allclose wants complex values with an infinite part to be exactly equal; compare
        # those part by part, so the finite part gets the same tolerance as any other value.
        inf = (np.isinf(fv) | np.isinf(nv)) & ~(np.isnan(fv) | np.isnan(nv))
        if inf.any():
            for part in (np.real, np.imag):
                np.testing.assert_allclose(part(fv[inf]), part(nv[inf]), rtol=rtol, atol=atol, equal_nan=True)
            fv, nv = fv[~inf], nv[~inf]
    np.testing.assert_allclose(fv, nv, rtol=rtol, atol=atol, equal_nan=True)


def public_exception_class(e: BaseException) -> type:
    """The most specific public class of a NumPy exception (builtins, numpy.exceptions,
    numpy.linalg.LinAlgError); e.g. UFuncTypeError and its private subclasses -> TypeError."""
    for cls in type(e).__mro__:
        if cls.__module__ == "builtins" or cls.__module__ == "numpy.exceptions":
            return cls
        if cls is np.linalg.LinAlgError:
            return cls
    return Exception


def run(fn):
    """(result, exception) of calling ``fn`` with NumPy warnings silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            try:
                return fn(), None
            except Exception as e:  # noqa: BLE001 - we compare exception classes
                return None, e


def assert_same_error(fnp_call, np_call):
    """Both calls must raise; ferronum's exception must be an instance of the public class of
    NumPy's (so ``UFuncTypeError`` is matched by any ``TypeError`` subclass)."""
    _, en = run(np_call)
    assert en is not None, "the NumPy call did not raise; test is wrong"
    rf, ef = run(fnp_call)
    assert ef is not None, f"ferronum did not raise (NumPy raised {type(en).__name__}: {en}); got {rf!r}"
    want = public_exception_class(en)
    assert isinstance(ef, want), (
        f"ferronum raised {type(ef).__name__}: {ef}; NumPy raised {type(en).__name__}: {en}"
    )
    return ef, en


def check_both(fnp_call, np_call, **kw):
    """Run both; if NumPy raises, ferronum must raise the same public class; otherwise results
    must be the same (``assert_same``)."""
    rn, en = run(np_call)
    if en is not None:
        assert_same_error(fnp_call, np_call)
        return None, None
    rf, ef = run(fnp_call)
    if ef is not None:
        raise AssertionError(f"ferronum raised {type(ef).__name__}: {ef}; NumPy returned {rn!r}") from ef
    assert_same(rf, rn, **kw)
    return rf, rn


def layout_strides(a):
    """Strides of the axes that have more than one element: the ones that decide the memory
    layout. (NumPy also scales the stride of a length-1 sliced axis by its step; that quirk is
    checked on its own in test_attributes.test_strides_of_length_one_strided_views.)"""
    return tuple(s for n, s in zip(a.shape, a.strides) if n > 1) if a.size else ()


def same_outcome(fcall, ncall, *, message=True, exact=True):
    """Runs the ferronum and the NumPy call and asserts the same outcome: the same exception
    class (and message, unless ``message`` is false), or equal results (tuples element by
    element); returns ``(ferronum_result, numpy_result)``."""
    rn, en = run(ncall)
    rf, ef = run(fcall)
    if en is not None:
        assert ef is not None, f"NumPy raised {type(en).__name__}: {en}; ferronum returned {rf!r}"
        assert isinstance(ef, type(en)), (ef, en)
        if message:
            assert str(ef) == str(en), (str(ef), str(en))
        return None, None
    assert ef is None, f"ferronum raised {type(ef).__name__}: {ef}; NumPy returned {rn!r}"
    if isinstance(rn, tuple):
        assert isinstance(rf, tuple) and len(rf) == len(rn), (rf, rn)
        for a, b in zip(rf, rn):
            assert_same(a, b, exact=exact)
    elif rn is not None:
        assert_same(rf, rn, exact=exact)
    return rf, rn


def snapshot(a):
    """A NumPy copy of an array's current contents (for 'inputs unchanged' checks)."""
    return np.array(np.asarray(a), copy=True)


def assert_unchanged(a, snap):
    v = np.asarray(a)
    assert v.dtype == snap.dtype and v.shape == snap.shape
    np.testing.assert_array_equal(v, snap)


def shares_memory(x, y) -> bool:
    return np.shares_memory(np.asarray(x), np.asarray(y))


def sample_values(dtype, n=12):
    """A small deterministic 1-d NumPy array with interesting values for ``dtype``."""
    dt = np.dtype(dtype)
    if dt.kind == "b":
        vals = [True, False, True, True, False, False, True, False, True, False, True, True][:n]
    elif dt.kind == "i":
        info = np.iinfo(dt)
        vals = [0, 1, -1, 2, -3, 7, -8, 5, info.max, info.min, 3, -2][:n]
    elif dt.kind == "u":
        info = np.iinfo(dt)
        vals = [0, 1, 2, 3, 7, 8, 5, info.max, info.max - 1, 100, 4, 9][:n]
    elif dt.kind == "f":
        vals = [0.0, 1.5, -2.25, 3.0, -0.0, 0.1, 7.5, -8.0, 1e3, -0.3, 2.0, 6.25][:n]
    else:
        vals = [0j, 1.5 + 2j, -2.25 - 1j, 3.0, 1j, 0.1 - 0.2j, 7.5, -8j, 1e2 + 1e2j, -0.3, 2 + 0j,
                6.25 - 6.25j][:n]
    return np.array(vals, dtype=dt)


@pytest.fixture
def restore_threads():
    n = fnp.get_num_threads()
    yield n
    fnp.set_num_threads(n)
