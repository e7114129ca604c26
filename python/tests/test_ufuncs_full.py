"""The complete element-wise ufunc set (issue 3), differentially against NumPy.

Functions (every one a module-level function of ferronum with NumPy's behaviour):

* arithmetic: add subtract multiply divide true_divide floor_divide remainder mod fmod divmod
  power float_power negative positive absolute abs fabs sign reciprocal square sqrt cbrt
* exponents and logs: exp exp2 expm1 log log2 log10 log1p logaddexp logaddexp2
* trigonometry: sin cos tan arcsin arccos arctan arctan2 hypot sinh cosh tanh arcsinh arccosh
  arctanh deg2rad rad2deg degrees radians
* rounding: floor ceil trunc rint fix round around (``decimals``)
* comparison: equal not_equal less less_equal greater greater_equal maximum minimum fmax fmin
* logic: logical_and logical_or logical_xor logical_not
* bits: bitwise_and bitwise_or bitwise_xor invert bitwise_not left_shift right_shift, and the
  operators ``& | ^ ~ << >>`` (reflected and in-place forms too)
* floating point: isnan isinf isfinite signbit copysign nextafter spacing ldexp frexp modf
  nan_to_num
* complex: real imag conj conjugate angle, and the methods/attributes ``.round .clip .conj
  .conjugate .real .imag``
* others: clip, where (three arguments), heaviside, gcd, lcm

Every comparison (``check``) runs the same call on NumPy and on ferronum, each with its own
copies of the same data (ferronum arrays are ``ferronum.asarray`` of a NumPy copy, and strided
views are taken on each side from equal bases), and compares:

* the exception, where NumPy raises: ferronum must raise an instance of the public class of
  NumPy's (``_UFuncNoLoopError``, ``_UFuncOutputCastingError``... are ``TypeError`` s), and
  every array passed in must be left as NumPy leaves it (untouched, unless NumPy itself wrote
  into it before raising);
* otherwise the result: kind (a ferronum array where NumPy gives an ndarray, the very same
  NumPy scalar type where NumPy gives a scalar, the same Python type for Python values; where
  NumPy returns one of the arrays passed in, e.g. ``out``, ferronum must return the
  corresponding ferronum object), dtype, shape and values; for two-output functions a tuple
  of these;
* the final contents of every array passed in (inputs, ``out`` arrays, in-place aliasing);
* the warnings, as sets of (category name, message): NumPy's RuntimeWarnings ("invalid value
  encountered in sqrt", "divide by zero encountered in log", "overflow encountered in exp",
  ComplexWarning...) and its UserWarning for ``where=`` without ``out=``.

Values: integers and bools exactly; floats bit for bit ("exact": NaN positions, signed zeros)
for the correctly rounded or exact operations (add subtract multiply divide floor_divide
remainder fmod sqrt square reciprocal floor ceil trunc rint round comparisons copysign
nextafter spacing ldexp frexp modf ...), within 4 ulp ("ulp": NaN and infinity positions equal,
signs of zero equal) for the transcendental ones. Complex results of the operations that are
not exact component-wise (multiply, divide, absolute, sqrt, exp...) are compared per component
relative to the modulus of NumPy's value.

Where NumPy's result is uninitialised (``where=`` without ``out=``) only the selected elements
are compared.

The dtypes each function accepts are NumPy's: the tests try every dtype (every pair of the 13
for binary functions) with NumPy first; where NumPy raises, ferronum must raise too
(``test_no_loop_error_messages`` also compares the messages).

Self-test: ``FERRONUM_TEST_SELF=1`` runs the whole file with NumPy in place of ferronum
(``asarray`` = ``numpy.asarray``), so every test must pass; that checks the tests themselves.
The file imports nothing from conftest.py, so ``FERRONUM_TEST_SELF=1 pytest --noconftest
python/tests/test_ufuncs_full.py`` works without a built extension.
"""

from __future__ import annotations

import functools
import math
import operator
import os
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

SELF_TEST = os.environ.get("FERRONUM_TEST_SELF", "").strip() not in ("", "0")
if SELF_TEST:
    fnp = np
    ARRAY_TYPE = np.ndarray
    fasarray = np.asarray
else:
    import ferronum as fnp

    ARRAY_TYPE = fnp.ndarray
    fasarray = fnp.asarray

# ===================================================== helpers (as in conftest.py) ===
# Copies of conftest's pure helpers, so that the self-test (FERRONUM_TEST_SELF=1, run with
# ``--noconftest``) needs no built extension.
ALL_DTYPES = [np.dtype(t) for t in (np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32,
                                    np.uint64, np.float16, np.float32, np.float64, np.complex64, np.complex128)]
DTYPE_IDS = [d.name for d in ALL_DTYPES]


def elements(dtype, *, lo=None, hi=None):
    """Element strategy for ``dtype``: full integer range (or [lo, hi]); any float, NaN and
    infinities included."""
    dt = np.dtype(dtype)
    if dt.kind == "b":
        return st.booleans()
    if dt.kind in "iu":
        info = np.iinfo(dt)
        return st.integers(info.min if lo is None else max(lo, info.min), info.max if hi is None else min(hi, info.max))
    if dt.kind == "f":
        return st.floats(width=dt.itemsize * 8)
    return st.complex_numbers(width=dt.itemsize * 8)


def apply_recipe(a, recipe):
    slices, perm = recipe
    v = a[slices] if slices else a[...]
    if perm is not None:
        v = v.transpose(perm)
    return v


@st.composite
def exact_view_recipe(draw, shape):
    """(base_shape, recipe) such that ``apply_recipe(base, recipe).shape == shape``: each axis a
    slice with step in +-1..3 of a longer base axis; the axes maybe permuted."""
    nd = len(shape)
    perm = tuple(draw(st.permutations(range(nd)))) if nd >= 2 and draw(st.booleans()) else None
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
            base_shape.append(off + extra)
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


def public_exception_class(e: BaseException) -> type:
    """The most specific public class of a NumPy exception (builtins, numpy.exceptions); e.g.
    UFuncTypeError and its private subclasses -> TypeError."""
    for cls in type(e).__mro__:
        if cls.__module__ in ("builtins", "numpy.exceptions"):
            return cls
    return Exception


# ============================================================================ the API ===
ARITHMETIC = ["add", "subtract", "multiply", "divide", "true_divide", "floor_divide", "remainder", "mod", "fmod",
              "divmod", "power", "float_power", "negative", "positive", "absolute", "abs", "fabs", "sign",
              "reciprocal", "square", "sqrt", "cbrt"]
EXPLOG = ["exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "logaddexp", "logaddexp2"]
TRIG = ["sin", "cos", "tan", "arcsin", "arccos", "arctan", "arctan2", "hypot", "sinh", "cosh", "tanh", "arcsinh",
        "arccosh", "arctanh", "deg2rad", "rad2deg", "degrees", "radians"]
ROUNDING = ["floor", "ceil", "trunc", "rint", "fix", "round", "around"]
COMPARISON = ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal", "maximum", "minimum", "fmax",
              "fmin"]
LOGIC = ["logical_and", "logical_or", "logical_xor", "logical_not"]
BITS = ["bitwise_and", "bitwise_or", "bitwise_xor", "invert", "bitwise_not", "left_shift", "right_shift"]
FLOATING = ["isnan", "isinf", "isfinite", "signbit", "copysign", "nextafter", "spacing", "ldexp", "frexp", "modf",
            "nan_to_num"]
COMPLEX_FUNCS = ["real", "imag", "conj", "conjugate", "angle"]
OTHERS = ["clip", "where", "heaviside", "gcd", "lcm"]
ALL_NAMES = ARITHMETIC + EXPLOG + TRIG + ROUNDING + COMPARISON + LOGIC + BITS + FLOATING + COMPLEX_FUNCS + OTHERS
assert len(ALL_NAMES) == len(set(ALL_NAMES)) == 98

# NumPy ufuncs among them (np.abs is np.absolute, np.conj is np.conjugate, np.bitwise_not is
# np.invert, np.mod is np.remainder, np.true_divide is np.divide).
UFUNCS = [n for n in ALL_NAMES if isinstance(getattr(np, n), np.ufunc)]
UNARY_UFUNCS = [n for n in UFUNCS if getattr(np, n).nin == 1]
BINARY_UFUNCS = [n for n in UFUNCS if getattr(np, n).nin == 2]
TWO_OUTPUTS = [n for n in UFUNCS if getattr(np, n).nout == 2]
# Functions of one array (and keywords) that are not ufuncs in NumPy.
UNARY_OTHER = ["fix", "round", "around", "nan_to_num", "real", "imag", "angle"]
UNARY = UNARY_UFUNCS + UNARY_OTHER
BINARY = BINARY_UFUNCS
assert set(UFUNCS) | set(UNARY_OTHER) | {"clip", "where"} == set(ALL_NAMES)
assert sorted(TWO_OUTPUTS) == ["divmod", "frexp", "modf"]

# Float results that must equal NumPy's bit for bit, whatever the dtype (complex included).
EXACT_ALWAYS = {"add", "subtract", "negative", "positive", "conj", "conjugate", "real", "imag", "equal", "not_equal",
                "less", "less_equal", "greater", "greater_equal", "maximum", "minimum", "fmax", "fmin",
                "logical_and", "logical_or", "logical_xor", "logical_not", "isnan", "isinf", "isfinite", "signbit",
                "where", "clip", "nan_to_num", "floor", "ceil", "trunc", "rint", "fix", "round", "around",
                "copysign", "nextafter", "spacing", "ldexp", "frexp", "modf", "heaviside"}
# Which of two equal zeros NumPy's maximum/minimum (and clip, built on them) return depends on
# its SIMD path (dtype, length, stride): their zeros are compared without sign.
UNSIGNED_ZEROS = {"maximum", "minimum", "fmax", "fmin", "clip"}
# Exact for real floats (correctly rounded, or exact, IEEE operations); complex results are
# compared to within a few ulp of the modulus.
EXACT_REAL = {"multiply", "divide", "true_divide", "floor_divide", "remainder", "mod", "fmod", "divmod", "absolute",
              "abs", "fabs", "sign", "reciprocal", "square", "sqrt"}
ULPS = 4  # allowed difference in units in the last place for the other (transcendental) functions
COMPLEX_RTOL = {np.dtype(np.complex64): 8 * float(np.finfo(np.float32).eps),
                np.dtype(np.complex128): 8 * float(np.finfo(np.float64).eps)}
# complex power is exp(b*log(a)): ill-conditioned for large |b log a|
COMPLEX_POWER_RTOL = {np.dtype(np.complex64): 1e-4, np.dtype(np.complex128): 1e-10}

CASTINGS = ["no", "equiv", "safe", "same_kind", "unsafe"]
DT = {d.name: d for d in ALL_DTYPES}


def mode_for(name, *dtypes):
    """'exact', 'exact0' (exact, but zeros compared without sign) or 'ulp' for function ``name``
    with these input/loop dtypes."""
    if name in UNSIGNED_ZEROS:
        return "exact0"
    if name in EXACT_ALWAYS:
        return "exact"
    if name in EXACT_REAL and not any(np.dtype(d).kind == "c" for d in dtypes if d is not None):
        return "exact"
    return "ulp"


# ====================================================================== the harness ===
class View:
    """A strided view of a base array: ``recipe`` (per-axis slices with any step, and an optional
    axis permutation, as in conftest.exact_view_recipe) applied on each side to that side's copy
    of ``base``."""

    def __init__(self, base, recipe):
        self.base = np.asarray(base)
        self.recipe = recipe

    def __repr__(self):
        return f"View({self.base.dtype} {self.base.shape} -> {self.recipe})"


def reversed_view(a):
    """A View with the contents of ``a`` (n-d) laid out with negative, non-unit strides."""
    a = np.asarray(a)
    if a.ndim == 0:
        return a
    base = np.zeros(tuple(2 * n + 1 for n in a.shape), a.dtype)
    sl = tuple(slice(2 * n - 1, None, -2) if n else slice(0, 0) for n in a.shape)
    base[sl] = a
    return View(base, (sl, None))


class _Side:
    """Materialises argument specs on one side ('n' NumPy, 'f' ferronum)."""

    def __init__(self, side):
        self.side = side
        self.objs = []    # every array object passed in (views included)
        self.bases = []   # the arrays owning the memory, for the final-state comparison

    def arr(self, a):
        c = np.array(a, copy=True)
        x = c if self.side == "n" else fasarray(c)
        self.bases.append(x)
        return x

    def __call__(self, spec):
        if isinstance(spec, View):
            b = self.arr(spec.base)
            v = apply_recipe(b, spec.recipe)
            self.objs.append(v)
            return v
        if isinstance(spec, np.ndarray):
            x = self.arr(spec)
            self.objs.append(x)
            return x
        if isinstance(spec, tuple):
            return tuple(self(s) for s in spec)
        if isinstance(spec, dict):
            return {k: self(v) for k, v in spec.items()}
        return spec


def _warnings_of(rec):
    """NumPy's RuntimeWarnings (ComplexWarning included) as sorted (category, message) pairs.
    (The UserWarning for where= without out= has its own test.)"""
    return sorted({(w.category.__name__, str(w.message)) for w in rec if issubclass(w.category, RuntimeWarning)})


DEFAULT_ERR = dict(divide="warn", over="warn", under="ignore", invalid="warn")  # NumPy's defaults


def _call(fn, errmod=np, err=None):
    """(result, exception, warnings) of ``fn()`` under NumPy's default error state (or ``err``,
    entered with ``errmod.errstate``)."""
    errstate = _fn(errmod, "errstate")
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        with errstate(**(err or DEFAULT_ERR)):
            try:
                r, e = fn(), None
            except Exception as ex:  # noqa: BLE001 - compared by the caller
                r, e = None, ex
    return r, e, _warnings_of(rec)


def _short(x, n=6):
    x = np.asarray(x).reshape(-1)
    return np.array2string(x[:n], precision=17, separator=", ") + ("..." if x.size > n else "")


def _canonical_bits(v, signed_zeros=True):
    v = np.array(v, copy=True).reshape(-1)
    if v.dtype.kind == "c":
        v = v.view(v.real.dtype)
    v[np.isnan(v)] = np.nan
    if not signed_zeros:
        v[v == 0] = 0
    return v.view(f"u{v.dtype.itemsize}")


def _ulp_distance(g, w):
    """|g - w| in units of the spacing at w (float64 arithmetic; inputs finite, same dtype)."""
    with np.errstate(all="ignore"):
        sp = np.abs(np.spacing(w)).astype(np.float64)
        return np.abs(g.astype(np.float64) - w.astype(np.float64)) / sp


def assert_values(g, w, mode, *, rtol=None, what="values", prec=None):
    """Compare two NumPy arrays of the same dtype and shape. ``prec``: the float dtype the values
    were computed in, where less precise than their dtype (float32 results cast into a float64
    out=): ulps are counted in it."""
    g, w = np.asarray(g), np.asarray(w)
    kind = w.dtype.kind
    if kind not in "fc":
        bad = np.nonzero((g != w).reshape(-1))[0]
        assert bad.size == 0, (f"{what} differ at {bad[:5].tolist()} of {w.size}: ferronum "
                               f"{_short(g.reshape(-1)[bad])} vs NumPy {_short(w.reshape(-1)[bad])}")
        return
    if mode in ("exact", "exact0"):
        gb, wb = _canonical_bits(g, mode == "exact"), _canonical_bits(w, mode == "exact")
        bad = np.nonzero(gb != wb)[0]
        if kind == "c":
            bad = np.unique(bad // 2)
        assert bad.size == 0, (f"{what} not bit-identical at {bad[:5].tolist()} of {w.size}: ferronum "
                               f"{_short(g.reshape(-1)[bad])} vs NumPy {_short(w.reshape(-1)[bad])}")
        return
    gf, wf = g.reshape(-1), w.reshape(-1)
    real_dt = w.real.dtype if kind == "c" else w.dtype
    if prec is not None and np.dtype(prec).itemsize < real_dt.itemsize:
        real_dt = np.dtype(prec)
        with np.errstate(all="ignore"):
            gf, wf = gf.astype(real_dt if kind == "f" else np.result_type(real_dt, np.complex64)), \
                wf.astype(real_dt if kind == "f" else np.result_type(real_dt, np.complex64))
    if kind == "c":
        tol = rtol if rtol is not None else COMPLEX_RTOL[wf.dtype]
        with np.errstate(all="ignore"):
            mod = np.abs(wf.astype(np.complex128))
        scale = np.maximum(np.where(np.isfinite(mod), mod, np.inf), float(np.finfo(real_dt).tiny))
        bad = np.zeros(wf.shape, bool)
        for gp, wp in ((gf.real, wf.real), (gf.imag, wf.imag)):
            gn, wn = np.isnan(gp), np.isnan(wp)
            bad |= gn != wn
            special = ~(gn | wn) & (np.isinf(gp) | np.isinf(wp))
            bad |= special & (gp != wp)
            fin = ~(gn | wn) & ~special
            with np.errstate(all="ignore"):
                diff = np.abs(gp.astype(np.float64) - wp.astype(np.float64))
            bad |= fin & (diff > tol * scale)
            both0 = fin & (gp == 0) & (wp == 0)
            bad |= both0 & (np.signbit(gp) != np.signbit(wp))
        idx = np.nonzero(bad)[0]
        assert idx.size == 0, (f"{what} differ (rtol {tol:.2g} of |z|) at {idx[:5].tolist()} of {w.size}: ferronum "
                               f"{_short(gf[idx])} vs NumPy {_short(wf[idx])}")
        return
    gn, wn = np.isnan(gf), np.isnan(wf)
    bad = gn != wn
    special = ~(gn | wn) & (np.isinf(gf) | np.isinf(wf))
    bad |= special & (gf != wf)
    fin = ~(gn | wn) & ~special
    ulps = np.zeros(wf.shape)
    ulps[fin] = _ulp_distance(gf[fin], wf[fin])
    bad |= ulps > (ULPS if rtol is None else rtol)
    bad |= fin & (gf == 0) & (wf == 0) & (np.signbit(gf) != np.signbit(wf))
    idx = np.nonzero(bad)[0]
    assert idx.size == 0, (f"{what} differ by more than {ULPS} ulp at {idx[:5].tolist()} of {w.size} "
                           f"(max {np.max(ulps[fin], initial=0):.3g} ulp): ferronum {_short(gf[idx])} vs NumPy "
                           f"{_short(wf[idx])}")


def assert_result(got, want, *, mode="exact", rtol=None, mask=None, what="result", prec=None):
    """Kind of result, dtype, shape and values (only where ``mask`` is True, if given)."""
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and len(got) == len(want), f"{what}: expected a {len(want)}-tuple, got {got!r}"
        for i, (g, w) in enumerate(zip(got, want)):
            m = mask[i] if isinstance(mask, tuple) else mask
            assert_result(g, w, mode=mode, rtol=rtol, mask=m, what=f"{what}[{i}]", prec=prec)
        return
    if isinstance(want, np.ndarray):
        assert isinstance(got, ARRAY_TYPE), f"{what}: expected a ferronum.ndarray, got {type(got).__name__}: {got!r}"
    else:
        # (NumPy's C-type aliases of one dtype count as the same type: numpy.ulonglong and
        # numpy.uint64 (= numpy.ulong) are both uint64, and NumPy itself returns either.)
        same = type(got) is type(want) or (isinstance(got, np.generic) and isinstance(want, np.generic)
                                           and np.dtype(type(got)) == np.dtype(type(want)))
        assert same, (f"{what}: expected {type(want).__module__}.{type(want).__name__}, "
                      f"got {type(got).__module__}.{type(got).__name__}: {got!r}")
        if not isinstance(want, np.generic):
            assert got == want or (got != got and want != want), f"{what}: {got!r} != NumPy's {want!r}"
            return
    g, w = np.asarray(got), np.asarray(want)
    assert g.dtype == w.dtype, f"{what} dtype: ferronum {g.dtype} vs NumPy {w.dtype}"
    assert g.shape == w.shape, f"{what} shape: ferronum {g.shape} vs NumPy {w.shape}"
    if mask is not None:
        m = np.broadcast_to(np.asarray(mask, dtype=bool), w.shape)
        g, w = g[m], w[m]
    assert_values(g, w, mode, rtol=rtol, what=f"{what} values", prec=prec)


def _fn(mod, name):
    try:
        return getattr(mod, name)
    except AttributeError:
        raise AssertionError(f"ferronum has no function {name!r}") from None


def require(name):
    """ferronum's function ``name`` (an AssertionError, not a crash, where it is missing)."""
    return _fn(fnp, name)


def differential(build, *specs, mode="exact", rtol=None, mask=None, check_warnings=True, match_message=False,
                 err=None, what="", identity=True, prec=None):
    """The core comparison. ``build(module, *args)`` makes the call; ``specs`` are NumPy arrays,
    ``View`` s, tuples/dicts of them, or plain values, materialised on each side (NumPy copies;
    ferronum arrays of NumPy copies). Returns (ferronum result, NumPy result), or (None, None)
    where both raised."""
    ns, fs = _Side("n"), _Side("f")
    nargs = [ns(s) for s in specs]
    fargs = [fs(s) for s in specs]
    originals = [np.array(b, copy=True) for b in ns.bases]
    rn, en, wn = _call(lambda: build(np, *nargs), np, err)
    rf, ef, wf = _call(lambda: build(fnp, *fargs), fnp if err else np, err)
    label = f"{what}: " if what else ""
    if en is not None:
        assert ef is not None, f"{label}ferronum returned {rf!r}; NumPy raised {type(en).__name__}: {en}"
        want = public_exception_class(en)
        assert isinstance(ef, want), (f"{label}ferronum raised {type(ef).__name__}: {ef}; "
                                      f"NumPy raised {type(en).__name__}: {en}")
        if match_message:
            assert str(ef) == str(en), f"{label}message: ferronum {str(ef)!r}; NumPy {str(en)!r}"
        for i, (nb, fb, orig) in enumerate(zip(ns.bases, fs.bases, originals)):
            if np.array_equal(nb, orig, equal_nan=nb.dtype.kind in "fc"):
                assert_values(np.asarray(fb), orig, "exact", what=f"{label}array argument {i} after the error "
                                                                  "(NumPy leaves it untouched)")
        return None, None
    if ef is not None:
        raise AssertionError(f"{label}ferronum raised {type(ef).__name__}: {ef}; NumPy returned {rn!r}") from ef
    # where NumPy returns one of the arrays passed in (out=), ferronum must return its own
    outs_n = rn if isinstance(rn, tuple) else (rn,)
    outs_f = rf if isinstance(rf, tuple) else (rf,)
    for k, o in enumerate(outs_n if identity else ()):
        for no, fo in zip(ns.objs, fs.objs):
            if o is no and k < len(outs_f):
                assert outs_f[k] is fo, f"{label}result {k} is not the out= array passed in"
    assert_result(rf, rn, mode=mode, rtol=rtol, mask=mask, what=f"{label}result", prec=prec)
    for i, (nb, fb) in enumerate(zip(ns.bases, fs.bases)):
        assert_values(np.asarray(fb), nb, mode, rtol=rtol, what=f"{label}array argument {i} after the call", prec=prec)
    if check_warnings:
        assert wf == wn, f"{label}warnings: ferronum {wf}; NumPy {wn}"
    return rf, rn


def _dtypes_of(specs):
    out = []
    for s in specs:
        if isinstance(s, View):
            out.append(s.base.dtype)
        elif isinstance(s, (np.ndarray, np.generic)):
            out.append(s.dtype)
        elif isinstance(s, complex):
            out.append(np.dtype(complex))
        elif isinstance(s, tuple):
            out += _dtypes_of(s)
    return out


def _nin(name):
    f = getattr(np, name)
    return f.nin if isinstance(f, np.ufunc) else {"clip": 3, "where": 3}.get(name, 1)


def _uninitialised_mask(name, args, kw):
    """For ``where=`` without (some) ``out``: the mask per output whose unselected elements are
    uninitialised, else None."""
    if "where" not in kw:
        return None
    nin = _nin(name)
    nout = getattr(np, name).nout if isinstance(getattr(np, name), np.ufunc) else 1
    out = kw.get("out", tuple(args[nin:]) or None)
    if not isinstance(out, tuple):
        out = (out,) + (None,) * (nout - 1)
    out = tuple(out) + (None,) * (nout - len(out))
    where = kw["where"]
    m = apply_recipe(where.base, where.recipe) if isinstance(where, View) else np.asarray(where)
    masks = tuple(m if o is None else None for o in out)
    if all(x is None for x in masks):
        return None
    return masks if nout > 1 else masks[0]


# NumPy's AVX-512 (SKX) loops report floating-point flags differently from its AVX2 and scalar
# loops for these functions (SVML's pow: overflow of pow(x, inf) is reported, 1e300 ** True is
# not; the complex absolute warns for every layout). ferronum follows the AVX2 and scalar loops
# on every CPU (docs/numpy-semantics.md), so on an AVX-512 host only the values are compared.
NUMPY_AVX512 = np._core._multiarray_umath.__cpu_features__.get("AVX512_SKX", False)
AVX512_FLAG_LOOPS = {"power", "float_power", "absolute", "abs"}


def check(name, *args, mode=None, rtol=None, match_message=False, what=None, **kw):
    """``numpy.<name>(*args, **kw)`` against ``ferronum.<name>(*args, **kw)``."""
    if mode is None:
        dt_kw = kw.get("dtype")
        mode = mode_for(name, *_dtypes_of(args), *([np.dtype(dt_kw)] if _is_dtype_like(dt_kw) else []))
    if rtol is None and name in ("power", "float_power"):
        dts = [d for d in _dtypes_of(args) if np.dtype(d).kind == "c"]
        if dts:
            rtol = COMPLEX_POWER_RTOL[np.dtype(np.complex64)] if all(np.dtype(d) == np.complex64 for d in dts) \
                else COMPLEX_POWER_RTOL[np.dtype(np.complex128)]
    mask = _uninitialised_mask(name, args, kw)
    prec = _loop_precision(name, args, kw) if mode == "ulp" else None
    nargs = len(args)
    label = what or f"{name}({', '.join(_desc(a) for a in args)}{''.join(f', {k}={_desc(v)}' for k, v in kw.items())})"

    def build(mod, *a):
        return _fn(mod, name)(*a[:nargs], **a[nargs])

    # numpy.real of a real array returns the array itself; ferronum may return a view
    return differential(build, *args, kw, mode=mode, rtol=rtol, mask=mask, match_message=match_message,
                        what=label, identity=name not in ("real", "imag"), prec=prec,
                        check_warnings=not (NUMPY_AVX512 and name in AVX512_FLAG_LOOPS))


def _is_dtype_like(x):
    try:
        return x is not None and np.dtype(x) is not None
    except TypeError:
        return False


def _loop_precision(name, args, kw):
    """The least precise float dtype NumPy computes in for this call (its result dtype without
    out=), where out= is given: values computed in float32 and cast into a float64 out are
    compared in float32 ulps."""
    nin = _nin(name)
    if "out" not in kw and len(args) <= nin:
        return None
    plain = {k: v for k, v in kw.items() if k not in ("out", "where")}
    ns = _Side("n")
    r, e, _ = _call(lambda: getattr(np, name)(*[ns(a) for a in args[:nin]], **ns(plain)))
    if e is not None:
        return None
    dts = [np.asarray(x).dtype for x in (r if isinstance(r, tuple) else (r,))]
    dts = [np.dtype(d.char.lower()) if d.kind == "c" else d for d in dts if d.kind in "fc"]
    return min(dts, key=lambda d: d.itemsize) if dts else None


def _desc(a):
    if isinstance(a, View):
        return f"view<{a.base.dtype}{list(apply_recipe(a.base, a.recipe).shape)}>"
    if isinstance(a, np.ndarray):
        return f"<{a.dtype}{list(a.shape)}>"
    if isinstance(a, tuple):
        return "(" + ", ".join(_desc(x) for x in a) + ")"
    if isinstance(a, np.generic):
        return f"{type(a).__name__}({a!r})"
    return repr(a)


def collect(failures, fn, limit=12):
    """Run ``fn``; an AssertionError is recorded (first line, shortened) instead of raised."""
    try:
        fn()
    except AssertionError as e:
        if len(failures) < limit:
            failures.append(" ".join(str(e).split())[:400])
        elif len(failures) == limit:
            failures.append("... (more failures left out)")


def finish(failures, count=None):
    assert not failures, (f"{len(failures)} failing case(s)" + (f" of {count}" if count else "") + ":\n"
                          + "\n".join(failures))


# ================================================================== test values ===
def _cast(vals, dt):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            return np.array(vals).astype(dt)


def _float_specials(dt, full=True):
    fi = np.finfo(dt)
    base = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 2.0, 3.0, 0.1, -0.1, 10.0, -10.0, 100.0, 1e4,
            -1e4, 1e10, 1e22, 1e300, -1e300, 1e-5, -1e-5, 1e-300, math.pi / 2, math.pi, -math.pi, 710.0, -745.0,
            89.0, -104.0, 11.5, -17.5, math.inf, -math.inf, math.nan]
    ext = [float(fi.max), -float(fi.max), float(fi.tiny), -float(fi.tiny), float(fi.smallest_subnormal),
           -float(fi.smallest_subnormal), 1 + float(fi.eps), 1 - float(fi.epsneg), -1 - float(fi.eps),
           -(1 - float(fi.epsneg))]
    if not full:
        return [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, 7.0, 1e3, math.inf, -math.inf, math.nan, float(fi.max),
                float(fi.smallest_subnormal)]
    return base + ext


def unary_values(dt):
    """Interesting values of dtype ``dt`` (1-d): zeros of both signs, +-1, domain edges, +-inf,
    NaN, the extremes of the type, subnormals, huge and tiny magnitudes."""
    dt = np.dtype(dt)
    if dt.kind == "b":
        return np.array([False, True])
    if dt.kind == "i":
        info = np.iinfo(dt)
        v = [0, 1, -1, 2, -2, 3, -3, 7, -8, 10, 100, -100, info.max, info.min, info.max - 1, info.min + 1,
             info.max // 2, info.min // 2]
        return np.array(v, dtype=dt)
    if dt.kind == "u":
        info = np.iinfo(dt)
        return np.array([0, 1, 2, 3, 7, 8, 10, 100, info.max, info.max - 1, info.max // 2, info.max // 2 + 1], dtype=dt)
    if dt.kind == "f":
        return _cast(_float_specials(dt), dt)
    parts = [0.0, -0.0, 1.0, -1.0, 0.5, 2.5, 1e3, math.inf, -math.inf, math.nan]
    vals = [complex(r, i) for r in parts for i in parts]
    vals += [complex(1e300, 1e-300), complex(-1e-300, 1e300), 3 + 4j, -0.3 + 0.9j, complex(800, 1)]
    fi = np.finfo(dt.char.lower() if dt.char in "FD" else np.float64)
    vals += [complex(float(fi.max), float(fi.max)), complex(float(fi.tiny), -float(fi.tiny))]
    return _cast(vals, dt)


def binary_values(dt):
    """A shorter list of interesting values for the outer products of binary functions."""
    dt = np.dtype(dt)
    if dt.kind == "b":
        return np.array([False, True])
    if dt.kind == "i":
        info = np.iinfo(dt)
        return np.array([0, 1, -1, 2, -3, 7, 63, 100, info.max, info.min], dtype=dt)
    if dt.kind == "u":
        info = np.iinfo(dt)
        return np.array([0, 1, 2, 3, 7, 100, info.max, info.max - 1], dtype=dt)
    if dt.kind == "f":
        return _cast(_float_specials(dt, full=False) + [-0.1], dt)
    fi = np.finfo(np.float32 if dt == np.complex64 else np.float64)
    vals = [0j, complex(-0.0, 0.0), complex(0.0, -0.0), 1 + 0j, -1 + 0j, 1j, 0.5 - 2.5j, 3 + 4j,
            complex(math.inf, 0), complex(0, math.inf), complex(math.nan, 0), complex(-math.inf, math.nan),
            complex(float(fi.max), float(fi.max)), -2.5 + 0j]
    return _cast(vals, dt)


def prepare_binary(name, a, b):
    """Adjust operand values where NumPy would reject the whole array: integer powers need
    non-negative exponents (negative ones raise ValueError, checked on their own)."""
    if name == "power" and a.dtype.kind in "biu" and b.dtype.kind in "iu":
        b = b[b >= 0]
    return a, b


def benign(dt, name="", shape=(2, 3), role=0):
    """Values in the domain of ``name`` whose results are finite and small (safe even through
    an unsafe cast to int64): for the keyword tests."""
    dt = np.dtype(dt)
    n = int(np.prod(shape))
    if dt.kind == "b":
        v = [True] * n
    elif name in ("arcsin", "arccos", "arctanh") and dt.kind in "iu":
        v = [0] * n
    elif name in ("arcsin", "arccos", "arctanh") and dt.kind == "f":
        v = [0.5, 0.25, -0.5, 0.75, 0.0, -0.125]
    elif dt.kind in "iu":
        v = [1, 2, 3, 5, 7, 4] if role == 0 else [2, 1, 3, 1, 2, 3]
    elif dt.kind == "f":
        v = [1.0, 1.5, 2.0, 3.0, 1.25, 2.5] if role == 0 else [2.0, 0.5, 1.0, 3.0, 1.5, 2.0]
    else:
        v = [1 + 1j, 1.5 - 0.5j, 2 + 0j, 3 + 0.5j, 1.25 + 0.25j, 2.5 - 1j]
    v = (v * (n // len(v) + 1))[:n]
    return _cast(v, dt).reshape(shape)


@functools.lru_cache(maxsize=None)
def accepted_unary(name):
    """Dtypes (names) NumPy accepts for a function of one array."""
    out = []
    for dt in ALL_DTYPES:
        _, e, _ = _call(lambda: getattr(np, name)(benign(dt, name)))
        if e is None:
            out.append(dt.name)
    return tuple(out)


@functools.lru_cache(maxsize=None)
def accepted_binary(name):
    out = []
    for d1 in ALL_DTYPES:
        for d2 in ALL_DTYPES:
            _, e, _ = _call(lambda: getattr(np, name)(benign(d1, name), benign(d2, name, role=1)))
            if e is None:
                out.append((d1.name, d2.name))
    return tuple(out)


UNARY_PREFERRED = ["float64", "float32", "int64", "uint8", "bool", "complex128", "float16", "int8"]
BINARY_PREFERRED = [("float64", "float64"), ("float32", "float32"), ("int64", "int64"), ("float64", "int64"),
                    ("float32", "int32"), ("int32", "float64"), ("uint16", "uint16"), ("int8", "int8"),
                    ("bool", "bool"), ("complex128", "complex128"), ("float16", "float16")]


def representative(name, k=3):
    """Up to ``k`` input dtype tuples NumPy accepts for ``name``, in order of preference."""
    if name in BINARY:
        ok = set(accepted_binary(name))
        return [tuple(DT[d] for d in p) for p in BINARY_PREFERRED if p in ok][:k]
    ok = set(accepted_unary(name))
    return [(DT[d],) for d in UNARY_PREFERRED if d in ok][:k]


def inputs_for(name, dts, shape=(2, 3)):
    return [benign(d, name, shape=shape, role=i) for i, d in enumerate(dts)]


# ============================================================== existence of the API ===
@pytest.mark.parametrize("name", ALL_NAMES)
def test_function_exists(name):
    f = require(name)
    assert callable(f), f"ferronum.{name} is not callable"


def test_errstate_is_numpys():
    """ferronum re-exports NumPy's errstate, seterr and geterr (so NumPy's error state governs
    both)."""
    for name in ("errstate", "seterr", "geterr"):
        assert getattr(fnp, name, None) is getattr(np, name), f"ferronum.{name} is not numpy.{name}"


def test_aliases_behave_alike():
    a = benign(np.float64)
    for x, y in [("abs", "absolute"), ("conj", "conjugate"), ("mod", "remainder"), ("true_divide", "divide"),
                 ("bitwise_not", "invert"), ("around", "round"), ("degrees", "rad2deg"), ("radians", "deg2rad")]:
        fx, fy = require(x), require(y)
        ai = a.astype(np.int64) if x == "bitwise_not" else a
        args = (fasarray(ai.copy()),) + ((fasarray(ai.copy()),) if x in ("mod", "true_divide") else ())
        rx, ry = fx(*args), fy(*args)
        assert type(rx) is type(ry), f"{x}: {type(rx)} vs {y}: {type(ry)}"
        gx, gy = np.asarray(rx), np.asarray(ry)
        assert gx.dtype == gy.dtype and gx.shape == gy.shape, (f"{x} vs {y}: {gx.dtype}{gx.shape} vs "
                                                               f"{gy.dtype}{gy.shape}")
        assert_values(gx, gy, "exact", what=f"{x} vs {y}")


# ============================================================ every dtype, every value ===
@pytest.mark.parametrize("name", UNARY)
def test_unary_all_dtypes(name):
    """Every dtype, with NumPy's verdict on it: where NumPy accepts the dtype, the interesting
    values of ``unary_values`` (contiguous and as a reversed strided view) must give NumPy's
    result dtype, values and warnings; where NumPy raises, ferronum must raise the same class."""
    failures, accepted = [], 0
    for dt in ALL_DTYPES:
        v = unary_values(dt)
        collect(failures, lambda: check(name, v))
        collect(failures, lambda: check(name, reversed_view(v)))
        _, e, _ = _call(lambda: getattr(np, name)(v))
        accepted += e is None
    assert accepted, "NumPy accepts no dtype: the test is wrong"
    finish(failures)


PAIRS = [(a, b) for a in ALL_DTYPES for b in ALL_DTYPES]


@pytest.mark.parametrize("name", BINARY)
def test_binary_all_dtype_pairs(name):
    """All 169 dtype pairs (NEP 50 promotion, NumPy's loops): the outer product of the
    interesting values of both dtypes (so every combination, through broadcasting)."""
    failures, accepted = [], 0
    for d1, d2 in PAIRS:
        a, b = prepare_binary(name, binary_values(d1), binary_values(d2))
        collect(failures, lambda: check(name, a[:, None], b[None, :]))
        _, e, _ = _call(lambda: getattr(np, name)(a[:, None], b[None, :]))
        accepted += e is None
    assert accepted, "NumPy accepts no dtype pair: the test is wrong"
    finish(failures, len(PAIRS))


@pytest.mark.parametrize("name", BINARY)
def test_binary_all_dtype_pairs_same_shape(name):
    """The same 169 pairs as contiguous arrays of one shape: the path that casts an input into
    the new result and runs the loop in place there (``int64 * float64``, ``int32 + float32``
    with both inputs cast)."""
    failures = []
    for d1, d2 in PAIRS:
        a, b = prepare_binary(name, binary_values(d1), binary_values(d2))
        x, y = np.repeat(a, len(b)), np.tile(b, len(a))
        collect(failures, lambda: check(name, x, y))
        collect(failures, lambda: check(name, x.reshape(len(a), -1), y.reshape(len(a), -1)))
    finish(failures, len(PAIRS))


@pytest.mark.parametrize("name", ["add", "multiply", "true_divide", "less", "maximum", "arctan2"])
@pytest.mark.parametrize("dts", [("int64", "float64"), ("float64", "int64"), ("int32", "float32"),
                                 ("uint8", "int8"), ("float32", "float64")])
def test_binary_mixed_dtypes_large_and_out(name, dts):
    """Mixed dtypes past the parallel grain, with and without ``out=`` (an ``out`` of the
    result type is written directly while the other input is cast aside)."""
    rng = np.random.default_rng(7)
    n = 300_001
    x = (rng.random(n) * 100 - 50).astype(dts[0])
    y = (rng.random(n) * 100 + 1).astype(dts[1])
    check(name, x, y)
    want = getattr(np, name)(x, y)
    out_f = fasarray(np.empty_like(want))
    fx, fy = fasarray(x), fasarray(y)
    r = getattr(fnp, name)(fx, fy, out=out_f)
    assert r is out_f
    # `check` compared the values with NumPy's; the `out=` path must give the very same ones.
    np.testing.assert_array_equal(np.asarray(out_f), np.asarray(getattr(fnp, name)(fx, fy)))


@pytest.mark.parametrize("dt", ["int8", "int64", "uint32", "bool", "float16"])
@pytest.mark.parametrize("name", ["sqrt", "exp", "sin", "negative", "isnan", "log1p"])
def test_unary_cast_inputs_large(name, dt):
    """Unary loops over an input of another type (``sqrt`` of int64 computes in float64),
    small and past the parallel grain."""
    for n in (7, 1000, 300_001):
        x = (np.arange(n) % 50).astype(dt)
        _, e, _ = _call(lambda: getattr(np, name)(x))
        if e is None:
            check(name, x)


@pytest.mark.parametrize("name", ["sin", "cos", "tan"])
@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_trig_huge_arguments_in_place(name, dt):
    """Huge arguments are recomputed in a second pass over the inputs; in place (``out`` is
    the input, or an integer input cast into the result) that pass must still see them."""
    v = np.array([1e22, -3e19, 0.5, 2.0**40, 7.0, -1e30, 1e10, 3.0] * 70, dtype=dt)
    want = getattr(np, name)(v)
    for n in (len(v), 5):
        f = fasarray(v[:n].copy())
        r = getattr(fnp, name)(f, out=f)
        assert r is f
        np.testing.assert_allclose(np.asarray(f), want[:n], rtol=4 * np.finfo(dt).eps, atol=0)
    big = np.array([2**62, -(2**61) + 5, 12345678901234567, 3] * 70, dtype=np.int64)
    check(name, big)


EXP_EDGES = {
    # around where each type's result stops being normal, overflows and underflows to zero
    "float16": [0.5, 8.9, -8.9, 9.0, -9.0, 9.7, -9.7, 11.0, 11.1, -16.0, -17.4, -18.0],
    "float32": [0.5, 85.9, -85.9, 86.0, -86.0, 87.4, -87.4, 88.7, 88.8, -103.0, -104.0, -110.0],
    "float64": [0.5, 707.9, -707.9, 708.0, -708.0, 709.78, 709.79, -709.0, -745.1, -745.2, -800.0],
}


@pytest.mark.parametrize("dt", ["float16", "float32", "float64"])
@pytest.mark.parametrize("view", ["contiguous", "strided", "reversed", "in place"])
@pytest.mark.parametrize("category", ["over", "under"])
def test_exp_range_edges(dt, view, category):
    """exp computes only the normal range in its vector loop and marks the rest (results that
    overflow, underflow or are subnormal, NaN, infinities) for a second pass: values and
    overflow/underflow errors as NumPy's, in every layout, with the edges among ordinary
    values and past the parallel grain."""
    edges = EXP_EDGES[dt] + [np.nan, np.inf, -np.inf, -0.0]
    x = np.array((edges + [0.25, -1.5, 3.0]) * 3000, dtype=dt)
    views = {
        "contiguous": lambda a: a,
        "strided": lambda a: a[::3],
        "reversed": lambda a: a[::-1],
    }

    def build(mod, a):
        if view == "in place":
            return mod.exp(a, out=a)
        return mod.exp(views[view](a))

    for action in ["raise", "warn"]:
        err = dict(all="ignore")
        err[category] = action
        differential(build, x, mode="ulp", err=err, match_message=True, what=f"exp {dt} {view} {err}")
        differential(build, x[:40], mode="ulp", err=err, match_message=True, what=f"exp {dt} {view} {err}")


@pytest.mark.parametrize("name", ["logical_and", "logical_or", "logical_xor"])
@pytest.mark.parametrize("dt", ["bool", "int8", "uint8", "uint64", "int64", "float32", "complex64"])
@pytest.mark.parametrize("value", [-1, 300, 0, 2**63 - 1, 2**63, 2**64 - 1, -(2**63) - 1,
                                   1e300, -0.0, float("nan"), 1j])
def test_logical_python_number_any_range(name, dt, value):
    """A logical ufunc uses only the truth of a Python number: an int out of the array's range
    is no error (NumPy 2 raises for arithmetic) and one beyond int64 is OverflowError, whatever
    the array's dtype; a float too large for the array's type warns of no overflow. On either
    side, with arrays, 0-d arrays and NumPy scalars."""
    x = np.array([0, 1, 0, 1, 1], dtype=dt)
    check(name, x, value, match_message=True)
    check(name, value, x, match_message=True)
    check(name, x[1:2].reshape(()), value, match_message=True)
    check(name, np.dtype(dt).type(0), value, match_message=True)


@pytest.mark.parametrize("name", UNARY + BINARY)
def test_no_loop_error_messages(name):
    """Where NumPy has no loop for the dtypes (or cannot cast to one), ferronum raises a
    TypeError with NumPy's message."""
    failures = []
    if name in BINARY:
        cases = [(benign(d1, name), benign(d2, name, role=1)) for d1, d2 in PAIRS]
    else:
        cases = [(benign(dt, name),) for dt in ALL_DTYPES]
    for args in cases:
        _, e, _ = _call(lambda: getattr(np, name)(*args))
        if isinstance(e, TypeError):
            collect(failures, lambda: check(name, *args, match_message=True))
    finish(failures)


def test_integer_power_negative_exponent_raises():
    for dt in ["int8", "int64", "uint8"]:
        a = np.arange(1, 5, dtype=dt)
        check("power", a, np.array([1, -1, 2, 0]) if dt != "uint8" else -1)
        check("power", a, -2)
        check("power", 2, np.array([-1, 2]))


PY_SCALARS_BINARY = [True, 0, 3, -7, 300, 2**63, -0.0, 2.5, 1e300, math.nan, math.inf, 2 - 3j]


@pytest.mark.parametrize("casting", CASTINGS)
@pytest.mark.parametrize("dt", ["int8", "int64", "uint8", "float32", "float64", "complex64", "bool"])
def test_casting_python_number(dt, casting):
    """NumPy's casting check of a Python number: none under 'no', only its own default type
    (int64, float64, complex128) under 'equiv', its kind under 'safe'/'same_kind'; a Python bool
    is a strong bool; logical ufuncs cast any input."""
    failures = []
    a = np.arange(3).astype(dt)
    for s in [2, 1000, -1, 2.5, 1e300, True, 1j]:
        for name in ["add", "multiply", "less", "logical_and"]:
            collect(failures, lambda: check(name, a, s, casting=casting))
            collect(failures, lambda: check(name, s, a, casting=casting))
    for other in ["int32", "float64"]:
        collect(failures, lambda: check("logical_or", a, np.ones(3, other), casting=casting))
    finish(failures)


@pytest.mark.parametrize("name", ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
                                  "logaddexp", "add", "arctan2", "true_divide", "gcd"])
def test_two_python_ints_beyond_int64(name):
    """Two Python ints: comparisons are exact at any size, float loops take any int, integer
    loops raise NumPy's 'C long' OverflowError."""
    failures = []
    for x in [2**63, 2**64, -(2**63) - 1, 2**64 - 1, 5]:
        for y in [1, 2**63, -(2**63) - 1]:
            collect(failures, lambda: check(name, x, y))
    finish(failures)


def test_ldexp_exponent_loops():
    """ldexp's loops in NumPy's order (int32 exponents before int64 ones): a Python int
    exponent takes the int32 loop, so it must fit int32 and is no int64 under 'equiv'."""
    assert fnp.ldexp.types == [t for t in np.ldexp.types if "g" not in t]  # no longdouble
    failures = []
    for m in [np.array([1.5, -2.0], np.float32), np.array([1.5], np.float16), np.array([3.0]),
              np.array([3], np.int8), np.array([3], np.int16), 2, 2.5]:
        for e in [2, -3, 2**31, -(2**31) - 1, 2**40, True, np.int64(2), np.array([2], np.int16),
                  np.array([2], np.uint32), np.array([2], np.uint64)]:
            for casting in ["no", "equiv", "safe", "same_kind", "unsafe"]:
                if casting in ("no", "equiv") and (
                        (isinstance(e, int) and isinstance(m, np.ndarray) and m.dtype.kind == "i")
                        or (isinstance(m, int) and (e is True or isinstance(e, np.ndarray)))):
                    continue  # test_ldexp_python_number_checked_first
                collect(failures, lambda: check("ldexp", m, e, casting=casting, match_message=True))
    finish(failures)


def test_ldexp_python_number_checked_first():
    """ldexp of a Python int and an integer operand that 'no'/'equiv' cannot cast: NumPy
    reports the Python int (TypeError under 'equiv', OverflowError beyond int32) first."""
    failures = []
    for e in [2, 2**31]:
        for casting in ["no", "equiv"]:
            collect(failures, lambda: check("ldexp", np.array([3], np.int8), e, casting=casting,
                                            match_message=True))
    for e in [True, np.array([2], np.int16), np.array([2], np.uint32)]:
        collect(failures, lambda: check("ldexp", 2, e, casting="equiv", match_message=True))
    finish(failures)


def test_complaints_in_numpy_order():
    """A call wrong in several ways raises NumPy's first complaint: Python numbers (under
    'equiv', out of range) before the inputs' casts, those before the output's cast, and that
    before any shape."""
    i8, i64 = np.zeros(2, np.int8), np.zeros(2, np.int64)
    cases = [
        ("add", (i64, np.zeros(3, np.int64)), dict(out=np.zeros(2, bool))),
        ("add", (i64, i64), dict(out=np.zeros(3, bool))),
        ("add", (i8, 1000), dict(out=np.zeros(3, bool))),
        ("add", (i8, 100), dict(dtype=np.int16, casting="equiv")),
        ("add", (i8, np.zeros(3, np.int16)), dict(casting="no")),
        ("add", (i8, np.zeros(3, np.int16)), dict(casting="no", out=np.zeros(2, bool))),
        ("add", (i8, 1000), dict(dtype=np.int16, out=np.zeros(3, np.int8))),
        ("minimum", (np.zeros((2, 3), bool), 2), dict(out=np.zeros(3, bool))),
        ("multiply", (np.zeros(2, np.float32), 2.5), dict(out=np.zeros(3, np.int32), where=np.ones(4, bool))),
        ("sqrt", (np.zeros(2),), dict(out=np.zeros(5, np.int64))),
    ]
    failures = []
    for name, args, kw in cases:
        collect(failures, lambda: check(name, *args, match_message=True, **kw))
    finish(failures, len(cases))


def test_unsafe_complex_to_real_out_warns():
    """A complex result written into a real `out=` under casting='unsafe' gives NumPy's
    ComplexWarning (not for bool, which tests for nonzero); with `where=` too."""
    c64, c128 = np.array([1 + 2j, 3, -1j], np.complex64), np.array([1 + 2j, 3, -1j])
    mask = np.array([True, False, True])
    cases = [
        ("add", (c64, 1), dict(out=np.zeros(3, np.float32))),
        ("minimum", (c128, 1), dict(out=np.zeros(3, np.int16))),
        ("multiply", (c128, 2), dict(out=np.zeros(3, bool))),
        ("sqrt", (c128,), dict(out=np.zeros(3))),
        ("add", (c64, 1), dict(out=np.zeros(3, np.float32), where=mask)),
        ("clip", (c64, 1, 2), dict(out=np.zeros(3, np.float64))),
    ]
    failures = []
    for name, args, kw in cases:
        collect(failures, lambda: check(name, *args, casting="unsafe", **kw))
    finish(failures, len(cases))


def test_complex64_absolute_overflow_by_layout():
    """NumPy's complex64 `absolute` warns "overflow" for |max+maxj| only when its input is one
    run with a negative step (its vector loop takes the rest, quietly); complex128 never."""
    failures = []
    for dt in (np.complex64, np.complex128):
        big = np.finfo(np.float32 if dt == np.complex64 else np.float64).max
        base = np.full(80, big + 1j * big, dt)
        base[::7] = 3 + 4j
        m = (slice(None), slice(None))
        recipes = {
            "reversed": ((slice(None, None, -1),), None),
            "reversed step 2": ((slice(None, None, -2),), None),
            "one element": ((slice(0, 1),), None),
            "step 3": ((slice(None, None, 3),), None),
        }
        for what, recipe in recipes.items():
            collect(failures, lambda: check("absolute", View(base, recipe), what=f"{dt.__name__} {what}"))
        shaped = {
            "2-d both axes reversed": (base.reshape(8, 10), ((slice(None, None, -1), slice(None, None, -1)), None)),
            "2-d rows reversed": (base.reshape(8, 10), ((slice(None, None, -1), m[1]), None)),
            "2-d columns reversed": (base.reshape(8, 10), ((m[0], slice(None, None, -1)), None)),
            "2-d transposed, reversed": (base.reshape(8, 10), ((slice(None, None, -1), slice(None, None, -1)), (1, 0))),
            "1 row, reversed": (base.reshape(1, 80), ((m[0], slice(None, None, -1)), None)),
            "3-d, part of rows reversed": (base.reshape(2, 4, 10), ((slice(None, None, -1), m[1], slice(7, None, -1)), None)),
        }
        for what, (b, recipe) in shaped.items():
            collect(failures, lambda: check("absolute", View(b, recipe), what=f"{dt.__name__} {what}"))
        collect(failures, lambda: check("absolute", View(base, ((slice(None, None, -1),), None)),
                                        out=np.zeros(80, np.float32 if dt == np.complex64 else np.float64)))
        collect(failures, lambda: check("absolute", base, out=View(np.zeros(80, base.real.dtype),
                                                                 ((slice(None, None, -1),), None))))
    finish(failures)


def test_inplace_complex_division_by_a_number_is_quiet():
    """`x /= 10.0` of complex arrays raises no flag: the branch of Smith's method not taken
    divides by the divisor's zero part, which must not run for it."""
    failures = []
    for dt in (np.complex64, np.complex128):
        for vals in ([10 + 0j, 0j], [1 + 1j] * 70, [0j] * 3):
            x = np.array(vals, dt)
            for d in (10.0, 10j, 3 - 4j):
                collect(failures, lambda: differential(lambda mod, a: mod.true_divide(a, d, out=a), x,
                                                       what=f"{dt.__name__}[{len(vals)}] /= {d}"))
    finish(failures)


@pytest.mark.parametrize("dt", [d for d in ALL_DTYPES if d.kind in "iu"], ids=str)
def test_integer_reciprocal_of_zero(dt):
    """NumPy's integer reciprocal casts 1.0 / x back: x86's integer indefinite for 32 and 64
    bits, truncated to 0 below; both warnings."""
    check("reciprocal", np.array([0, 1, 2, 0], dt))
    check("reciprocal", np.array([0, 1, -1, 0], dt) if np.dtype(dt).kind == "i" else np.array([1], dt))


@pytest.mark.parametrize("name", BINARY)
def test_binary_python_scalars(name):
    """NEP 50: Python scalars are weak, on either side; out-of-range Python ints raise
    OverflowError for arithmetic (NumPy decides)."""
    failures = []
    for dt in ALL_DTYPES:
        v = binary_values(dt)
        for s in PY_SCALARS_BINARY:
            a, _ = prepare_binary(name, v, v)
            collect(failures, lambda: check(name, a, s))
            _, b = prepare_binary(name, np.zeros(1, dt), v)
            collect(failures, lambda: check(name, s, b))
    finish(failures)


@pytest.mark.parametrize("name", BINARY)
def test_binary_scalars_and_0d(name):
    """0-d arrays, NumPy scalars and Python scalars in every combination: NumPy scalar results
    (the very same NumPy scalar type), NumPy's promotion (0-d arrays and NumPy scalars are
    strong)."""
    failures = []
    for d1 in ALL_DTYPES:
        for d2 in [np.dtype(np.int8), np.dtype(np.int64), np.dtype(np.float32), np.dtype(np.float64),
                   np.dtype(np.complex64), np.dtype(np.bool_), np.dtype(np.uint64)]:
            x = benign(d1, name)[0, 1]
            y = benign(d2, name, role=1)[0, 1]
            collect(failures, lambda: check(name, np.array(x), np.array(y)))
            collect(failures, lambda: check(name, x, y))
            collect(failures, lambda: check(name, np.array(x), y))
            collect(failures, lambda: check(name, x, np.array(y)))
            collect(failures, lambda: check(name, np.array(x), benign(d2, name, role=1)))
        for s in [3, 2.5, True, -1, 1j]:
            x = benign(d1, name)[0, 2]
            collect(failures, lambda: check(name, np.array(x), s))
            collect(failures, lambda: check(name, s, np.array(x)))
            collect(failures, lambda: check(name, x, s))
    for s, t in [(3, 2), (2.5, 2), (True, False), (7, 2.0), (1j, 2), (-0.0, 1.5), (2**63, 1), (1, -2)]:
        collect(failures, lambda: check(name, s, t))
    finish(failures)


# (Python ints beyond uint64 make NumPy object arrays: outside the 13 dtypes, left out.)
PY_SCALARS_UNARY = [True, False, 0, 1, -1, 2, 2**62, 2**63, -(2**63), 0.5, -0.0, 1e300, math.nan, math.inf,
                    -math.inf, 1j, 1 + 2j, complex(math.inf, 1)]


@pytest.mark.parametrize("name", UNARY)
def test_unary_scalars_and_0d(name):
    """Python scalars (int, float, complex, bool), NumPy scalars and 0-d arrays of every dtype:
    NumPy scalar results."""
    failures = []
    for s in PY_SCALARS_UNARY:
        collect(failures, lambda: check(name, s))
    for dt in ALL_DTYPES:
        v = unary_values(dt)
        for x in (v[1], v[-1]):
            collect(failures, lambda: check(name, x))
            collect(failures, lambda: check(name, np.array(x)))
    finish(failures)


# ========================================================== shapes, broadcasting, views ===
SHAPE_PAIRS = [((3, 1), (4,)), ((), (2, 3)), ((2, 3), ()), ((0,), (1,)), ((2, 0), (2, 1)), ((2, 0), (0,)),
               ((1, 0), (3, 1)), ((4, 1, 3), (2, 1)), ((3,), (4,)), ((2, 3), (3, 2)), ((0,), (2,))]


def _shaped(name, dt, shape, role=0):
    n = int(np.prod(shape))
    return benign(dt, name, shape=(max(n, 1),), role=role)[:n].reshape(shape)


@pytest.mark.parametrize("name", BINARY)
def test_binary_broadcasting(name):
    """(3,1) with (4,), 0-d with n-d, empty shapes, and shapes that do not broadcast
    (ValueError)."""
    failures = []
    for dts in representative(name, 2):
        for s1, s2 in SHAPE_PAIRS:
            a, b = _shaped(name, dts[0], s1), _shaped(name, dts[1], s2, 1)
            collect(failures, lambda: check(name, a, b))
            collect(failures, lambda: check(name, b, a))
    finish(failures)


@pytest.mark.parametrize("name", UNARY)
def test_unary_shapes(name):
    failures = []
    for (dt,) in representative(name, 2):
        for shape in [(), (0,), (2, 0), (1,), (3, 4), (2, 3, 4), (1, 1, 5)]:
            collect(failures, lambda: check(name, _shaped(name, dt, shape)))
    finish(failures)


def _views(a):
    """Non-contiguous layouts of the contents of 2-d ``a``: stepped slices, negative steps, a
    transpose."""
    a = np.asarray(a)
    r, c = a.shape
    base = np.zeros((2 * r + 1, 3 * c + 2), a.dtype)
    base[1::2, ::3][:r, :c] = a
    stepped = View(base, ((slice(1, 2 * r, 2), slice(0, 3 * c, 3)), None))
    base2 = np.zeros((r + 2, 2 * c + 1), a.dtype)
    neg = View(base2, ((slice(r - 1, None, -1), slice(2 * c - 1, None, -2)), None))
    neg.base[neg.recipe[0]] = a
    tb = np.ascontiguousarray(a.T)
    trans = View(tb, ((slice(None), slice(None)), (1, 0)))
    for v in (stepped, neg, trans):
        got = apply_recipe(v.base, v.recipe)
        assert got.shape == a.shape and np.array_equal(got, a, equal_nan=True)
    return [stepped, neg, trans]


@pytest.mark.parametrize("name", UNARY + BINARY)
def test_non_contiguous_views(name):
    """Inputs and outputs that are stepped, negatively strided or transposed views."""
    failures = []
    for dts in representative(name, 2):
        ins = inputs_for(name, dts, shape=(3, 4))
        rn, e, _ = _call(lambda: getattr(np, name)(*ins))
        if e is not None:
            continue
        for k in range(3):
            args = [_views(x)[k] if (i + k) % 2 == 0 or len(ins) == 1 else x for i, x in enumerate(ins)]
            collect(failures, lambda: check(name, *args))
            if isinstance(getattr(np, name), np.ufunc):
                outs = tuple(_views(np.zeros((3, 4), r.dtype))[k] for r in (rn if isinstance(rn, tuple) else (rn,)))
                collect(failures, lambda: check(name, *ins, out=outs))
    finish(failures)


# ========================================================================= keywords ===
OUT_DTYPES = ["bool", "int8", "int64", "uint8", "float16", "float32", "float64", "complex128"]


@pytest.mark.parametrize("name", UFUNCS)
def test_out_keyword(name):
    """out= as an array, a tuple, positionally; of every dtype (NumPy's same_kind rule decides);
    aliasing an input; broadcasting inputs up to a larger out; wrong shapes (ValueError),
    non-arrays (TypeError), the wrong number of outputs."""
    failures = []
    nout = getattr(np, name).nout
    for dts in representative(name, 3):
        ins = inputs_for(name, dts)
        rn, _, _ = _call(lambda: getattr(np, name)(*ins))
        res = rn if isinstance(rn, tuple) else (rn,)
        outs = tuple(np.full(r.shape, 9, r.dtype) for r in res)
        if nout == 1:
            collect(failures, lambda: check(name, *ins, out=outs[0]))
        collect(failures, lambda: check(name, *ins, out=outs))
        collect(failures, lambda: check(name, *ins, *outs))
        if nout == 2:
            collect(failures, lambda: check(name, *ins, out=(outs[0], None)))
            collect(failures, lambda: check(name, *ins, out=(None, outs[1])))
            collect(failures, lambda: check(name, *ins, outs[0]))
            collect(failures, lambda: check(name, *ins, out=outs[0]))
        else:
            collect(failures, lambda: check(name, *ins, out=None))
            collect(failures, lambda: check(name, *ins, out=(None,)))
            collect(failures, lambda: check(name, *ins, out=(outs[0], outs[0])))
        # every out dtype
        for od in OUT_DTYPES:
            o = tuple(np.full(r.shape, 9, od) for r in res)
            collect(failures, lambda: check(name, *ins, out=o))
        # aliasing: out is an input (where NumPy's casting allows)
        for i in range(len(ins)):
            def alias(mod, *a, i=i):
                o = (a[i],) + tuple(a[len(ins):]) if nout == 2 else a[i]
                return _fn(mod, name)(*a[:len(ins)], out=o)
            extra = [np.zeros(res[1].shape, res[1].dtype)] if nout == 2 else []
            collect(failures, lambda: differential(alias, *ins, *extra, mode=mode_for(name, *dts),
                                                   what=f"{name}(..., out=input {i})"))
        # broadcasting up to a larger out
        big = tuple(np.full((4,) + r.shape, 9, r.dtype) for r in res)
        collect(failures, lambda: check(name, *ins, out=big))
        # wrong shapes, non-arrays
        for shape in [(3,), (3, 2), (1, 3), (2, 1), (0,)]:
            bad = tuple(np.zeros(shape, r.dtype) for r in res)
            collect(failures, lambda: check(name, *ins, out=bad))
        collect(failures, lambda: check(name, *ins, out=[0.0] * 6))
        collect(failures, lambda: check(name, *ins, out=([0.0] * 6,) * nout))
        # 0-d inputs with a 0-d out: the out array is returned, not a scalar
        z = tuple(np.array(x.reshape(-1)[0]) for x in ins)
        zo = tuple(np.zeros((), r.dtype) for r in res)
        collect(failures, lambda: check(name, *z, out=zo))
    finish(failures)


@pytest.mark.parametrize("name", UFUNCS)
def test_where_keyword(name):
    """where= masks: with out= (unselected elements untouched), without (only the selected ones
    compared; NumPy's UserWarning), broadcast masks, scalar True/False, strided masks, masks
    of the wrong shape or a non-bool dtype."""
    failures = []
    nout = getattr(np, name).nout
    mask = np.array([[True, False, True], [False, False, True]])
    for dts in representative(name, 2):
        ins = inputs_for(name, dts)
        rn, _, _ = _call(lambda: getattr(np, name)(*ins))
        res = rn if isinstance(rn, tuple) else (rn,)
        outs = tuple(np.full(r.shape, 7, r.dtype) for r in res)
        collect(failures, lambda: check(name, *ins, out=outs, where=mask))
        collect(failures, lambda: check(name, *ins, where=mask))
        collect(failures, lambda: check(name, *ins, out=outs, where=mask[0]))
        collect(failures, lambda: check(name, *ins, out=outs, where=np.array([[True], [False]])))
        collect(failures, lambda: check(name, *ins, out=outs, where=True))
        collect(failures, lambda: check(name, *ins, out=outs, where=False))
        collect(failures, lambda: check(name, *ins, where=True))
        collect(failures, lambda: check(name, *ins, out=outs, where=_views(mask)[1]))
        collect(failures, lambda: check(name, *ins, out=outs, where=np.array([True, False])))
        collect(failures, lambda: check(name, *ins, out=outs, where=mask.astype(np.int64)))
        collect(failures, lambda: check(name, *ins, out=outs, where=mask.astype(np.float64)))
        if nout == 2:
            collect(failures, lambda: check(name, *ins, out=(outs[0], None), where=mask))
        # an input that is also the out, masked
        def alias(mod, *a):
            o = (a[0],) + tuple(a[len(ins):]) if nout == 2 else a[0]
            return _fn(mod, name)(*a[:len(ins)], out=o, where=mask)
        extra = [np.zeros(res[1].shape, res[1].dtype)] if nout == 2 else []
        collect(failures, lambda: differential(alias, *ins, *extra, mode=mode_for(name, *dts),
                                               what=f"{name}(..., out=input 0, where=mask)"))
    finish(failures)


@pytest.mark.parametrize("name", ["add", "sqrt", "divmod", "logical_not", "maximum", "exp"])
def test_where_without_out_warns_like_numpy(name):
    """NumPy 2.4 warns (UserWarning) when where= is given without out=; ferronum does too."""
    ins = inputs_for(name, representative(name, 1)[0])
    mask = np.array([True, False, True])

    def warnings_of(mod, args):
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter("always")
            _fn(mod, name)(*args, where=mask if mod is np else fasarray(mask.copy()))
        return sorted({(w.category.__name__, str(w.message)) for w in rec if w.category is UserWarning})

    want = warnings_of(np, ins)
    got = warnings_of(fnp, [fasarray(x.copy()) for x in ins])
    assert got == want, f"ferronum {got}; NumPy {want}"
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        _fn(fnp, name)(*[fasarray(x.copy()) for x in ins], where=fasarray(mask.copy()),
                       out=None if getattr(np, name).nout == 1 else (None, None))
    assert not [w for w in rec if w.category is UserWarning], "out=None must not warn"


DTYPE_KW = [None, "bool", "int8", "int32", "int64", "uint16", "uint64", "float16", "float32", "float64", "complex64",
            "complex128"]


@pytest.mark.parametrize("name", UFUNCS)
def test_dtype_keyword(name):
    """dtype= of every dtype (as a dtype, a string, a type), with inputs of several dtypes:
    NumPy's loop selection (or its TypeError)."""
    failures = []
    for dts in representative(name, 3):
        ins = inputs_for(name, dts)
        for d in DTYPE_KW:
            collect(failures, lambda: check(name, *ins, dtype=None if d is None else np.dtype(d)))
        collect(failures, lambda: check(name, *ins, dtype="float32"))
        collect(failures, lambda: check(name, *ins, dtype=np.float64))
        collect(failures, lambda: check(name, *ins, dtype=float))
        collect(failures, lambda: check(name, *ins, dtype="bogus"))
        rn, e, _ = _call(lambda: getattr(np, name)(*ins, dtype=np.float64))
        if e is None:
            res = rn if isinstance(rn, tuple) else (rn,)
            collect(failures, lambda: check(name, *ins, dtype=np.float64,
                                            out=tuple(np.zeros(r.shape, np.float32) for r in res)))
    finish(failures)


@pytest.mark.parametrize("name", UFUNCS)
def test_casting_keyword(name):
    """casting= 'no' 'equiv' 'safe' 'same_kind' 'unsafe' (and a bad value) with mixed input
    dtypes, out= of other dtypes and dtype=: NumPy's verdicts and the same exception classes
    (_UFuncInputCastingError / _UFuncOutputCastingError are TypeErrors)."""
    failures = []
    binary = name in BINARY
    if binary:
        combos = [p for p in [("float64", "float64"), ("int32", "float64"), ("float32", "float64"),
                              ("int64", "int64"), ("int8", "int64"), ("float32", "int32"), ("bool", "bool")]
                  if p in set(accepted_binary(name))][:4]
    else:
        combos = [(d,) for d in ["float64", "float32", "int64", "int8", "bool"] if d in set(accepted_unary(name))][:3]
    for combo in combos:
        dts = [DT[d] for d in combo]
        ins = inputs_for(name, dts)
        rn, _, _ = _call(lambda: getattr(np, name)(*ins))
        res = rn if isinstance(rn, tuple) else (rn,)
        for casting in CASTINGS:
            collect(failures, lambda: check(name, *ins, casting=casting))
            for od in ["int64", "float32", "float64", "complex128", "bool"]:
                collect(failures, lambda: check(name, *ins, casting=casting,
                                                out=tuple(np.zeros(r.shape, od) for r in res)))
            for d in ["float32", "float64", "int64"]:
                collect(failures, lambda: check(name, *ins, casting=casting, dtype=d))
        if binary:
            for casting in CASTINGS:
                collect(failures, lambda: check(name, ins[0], 2, casting=casting))
                collect(failures, lambda: check(name, ins[0], 2.5, casting=casting))
    ins = inputs_for(name, representative(name, 1)[0])
    collect(failures, lambda: check(name, *ins, casting="bogus"))
    finish(failures)


def test_keyword_errors():
    """Unknown keywords, too many or too few arguments: TypeError."""
    a = benign(np.float64)
    failures = []
    for name in ["add", "sqrt", "divmod", "frexp", "maximum", "logical_not", "isnan"]:
        nin = getattr(np, name).nin
        ins = [a] * nin
        collect(failures, lambda: check(name, *ins, bogus=1))
        collect(failures, lambda: check(name, *ins[:-1]))
        collect(failures, lambda: check(name, *(ins + [np.zeros((2, 3))] * 3)))
        collect(failures, lambda: check(name, *ins, out=np.zeros((2, 3)), where=None))
        for junk in (None, {}):
            collect(failures, lambda: check_or_object_refused(name, *([junk] * nin)))
    finish(failures)


def check_or_object_refused(name, *args):
    """Inputs NumPy holds only in an object array: where NumPy raises, ferronum must raise the
    same class; where NumPy computes with them (``logical_not(None)`` is True), ferronum,
    which has no object dtype, must refuse them with a TypeError that says so."""
    try:
        getattr(np, name)(*args)
    except Exception:
        check(name, *args)
        return
    if SELF_TEST:
        return
    try:
        getattr(fnp, name)(*args)
    except TypeError as e:
        assert "object" in str(e), f"{name}{args}: TypeError without the reason: {e}"
    else:
        raise AssertionError(f"{name}{args}: ferronum computed with an object input")


# ============================================================== rounding with decimals ===
def defined_rounding(v, d):
    """The values of ``v`` whose rounding to ``d`` decimals NumPy defines. An integer rounded
    left of the point goes through float64 and back; a result beyond the integer type is a C
    cast out of range, whose value depends on the CPU and on the loop: NumPy's own contiguous
    and strided casts disagree (uint32 4294967295 to -1 decimals is 0 in a contiguous array
    of 12 on AVX2, 4 alone), so there is nothing to compare."""
    if v.dtype.kind not in "iu" or d >= 0:
        return v
    f = 10.0 ** -d
    r = np.rint(v / f) * f
    info = np.iinfo(v.dtype)
    return v[(r >= info.min) & (r < info.max + 1.0)]


@pytest.mark.parametrize("name", ["round", "around"])
def test_round_decimals(name):
    failures = []
    for dt in ALL_DTYPES:
        v = unary_values(dt)
        if dt.kind == "f":
            v = np.concatenate([v, _cast([0.125, 0.375, 2.675, -2.675, 1.005, 12345.678, -0.5, 0.5, 1.5, 2.5,
                                          -3.5, 1234.5, 5e-324], dt)])
        for d in [-3, -2, -1, 0, 1, 2, 3, 7]:
            w = defined_rounding(v, d)
            collect(failures, lambda: check(name, w, d))
            collect(failures, lambda: check(name, w, decimals=d))
            collect(failures, lambda: check(name, w[-1], decimals=d))
        out = np.zeros(v.shape, v.dtype)
        collect(failures, lambda: check(name, v, 1, out))
        collect(failures, lambda: check(name, v, decimals=2, out=out))
        collect(failures, lambda: check(name, v, decimals=1, out=np.zeros(v.shape, np.complex128)))
    for s in [2.5, 3.5, -2.5, 7, 1.234567, 1 + 2.5j, True]:
        for d in [0, 1, -1]:
            collect(failures, lambda: check(name, s, d))
    finish(failures)


# ================================================================== the other functions ===
def test_nan_to_num():
    failures = []
    for dt in ALL_DTYPES:
        v = unary_values(dt)
        collect(failures, lambda: check("nan_to_num", v))
        collect(failures, lambda: check("nan_to_num", v, nan=-1.5, posinf=2.0, neginf=-3.0))
        collect(failures, lambda: check("nan_to_num", v, nan=7))
        collect(failures, lambda: check("nan_to_num", v, copy=False))
        collect(failures, lambda: check("nan_to_num", reversed_view(v), copy=False, nan=5.0))
        collect(failures, lambda: check("nan_to_num", v[-1]))
        collect(failures, lambda: check("nan_to_num", np.array(v[-1])))
    for s in [math.nan, math.inf, -math.inf, 1.5, 3, complex(math.nan, math.inf), True]:
        collect(failures, lambda: check("nan_to_num", s))
        collect(failures, lambda: check("nan_to_num", s, nan=1.0, posinf=2.0, neginf=3.0))
    finish(failures)


def test_angle_real_imag_functions():
    failures = []
    for dt in ALL_DTYPES:
        v = unary_values(dt)
        collect(failures, lambda: check("angle", v, deg=True))
        collect(failures, lambda: check("angle", v, deg=False))
        for name in ["real", "imag", "conj", "conjugate", "angle"]:
            collect(failures, lambda: check(name, v.reshape(-1, 1)[::2]))
    for s in [1 + 2j, 3.0, 2, True, -0.0, complex(-1, -0.0)]:
        for name in ["real", "imag", "conj", "conjugate", "angle"]:
            collect(failures, lambda: check(name, s))
    for name in ["real", "imag", "angle"]:
        collect(failures, lambda: check(name, [1 + 2j, 3.0]))
        collect(failures, lambda: check(name, [1, 2]))
    finish(failures)


def test_real_imag_functions_return_views():
    """numpy.real/imag of an array are views: writing into them writes the array."""
    for dt in ["complex64", "complex128", "float64", "int32"]:
        v = unary_values(dt)[:6]

        def write_real(mod, a):
            r = mod.real(a)
            r[...] = 5
            return a

        differential(write_real, v, what=f"real({dt}) written")
        if dt.startswith("complex"):
            def write_imag(mod, a):
                r = mod.imag(a)
                r[1:3] = -2
                return a

            differential(write_imag, v, what=f"imag({dt}) written")


CLIP_BOUNDS = [(1, 3), (3, 1), (None, 2), (2, None), (-0.0, 0.0), (math.nan, 2), (0.5, 2.5), (-1, 300),
               (-(2**70), 2**70)]


def test_clip():
    """clip with every dtype pair of array and bounds, Python scalar bounds (NEP 50), None
    bounds, NaN bounds, min > max, min=/max= keywords, out=, where=, dtype=, casting=."""
    failures = []
    for dt in ALL_DTYPES:
        v = unary_values(dt)
        for lo, hi in CLIP_BOUNDS:
            collect(failures, lambda: check("clip", v, lo, hi))
        collect(failures, lambda: check("clip", v, None, None))
        collect(failures, lambda: check("clip", v, min=1, max=5))
        collect(failures, lambda: check("clip", v, a_min=0, a_max=2))
        for d2 in ALL_DTYPES:
            lo_hi = binary_values(d2)
            collect(failures, lambda: check("clip", v[:, None], lo_hi[None, :], lo_hi[::-1][None, :]))
            collect(failures, lambda: check("clip", v[-1], lo_hi[0], lo_hi[-1]))
        b = benign(dt)
        collect(failures, lambda: check("clip", b, 1, 2, out=np.zeros(b.shape, dt)))
        collect(failures, lambda: check("clip", b, 1, 2, out=np.full(b.shape, 9, dt),
                                        where=np.array([True, False, True])))
        collect(failures, lambda: check("clip", b, 1, 2, dtype=np.float32))
        for casting in CASTINGS:
            collect(failures, lambda: check("clip", b, 1, 2, casting=casting, out=np.zeros(b.shape, np.float32)))
            collect(failures, lambda: check("clip", b, 1.5, 2, casting=casting))
        collect(failures, lambda: check("clip", b, 1, 2, out=np.zeros((3,), dt)))
        collect(failures, lambda: check("clip", reversed_view(b), 1, 2, out=_views(np.zeros(b.shape, dt))[2]))
    for s in [5, -1.5, math.nan, True]:
        collect(failures, lambda: check("clip", s, 0, 2))
    finish(failures)


def test_where_three_arguments():
    """where(cond, x, y): every dtype pair of x and y, Python scalars (weak), broadcasting of
    all three, non-bool conditions, 0-d, views."""
    failures = []
    cond = np.array([True, False, True, False, True, True, False, False, True, False, True, False, True, True])
    for d1, d2 in PAIRS:
        x, y = binary_values(d1), binary_values(d2)
        n = min(len(x), len(y))
        collect(failures, lambda: check("where", cond[:n], x[:n], y[:n][::-1]))
        collect(failures, lambda: check("where", cond[:n, None], x[:n, None], y[None, :]))
    for dt in ALL_DTYPES:
        x = binary_values(dt)
        for s in PY_SCALARS_BINARY:
            collect(failures, lambda: check("where", cond[:len(x)], x, s))
            collect(failures, lambda: check("where", cond[:len(x)], s, x))
        collect(failures, lambda: check("where", x, 1, 0))  # non-bool condition: truthiness
        collect(failures, lambda: check("where", np.array(True), x[0], x[1]))
        collect(failures, lambda: check("where", True, x[0], x[1]))
        collect(failures, lambda: check("where", reversed_view(cond[:len(x)]), reversed_view(x), x))
    for s, t in [(1, 2), (1.5, 2), (True, 3), (1j, 1)]:
        collect(failures, lambda: check("where", cond[:4], s, t))
        collect(failures, lambda: check("where", False, s, t))
    collect(failures, lambda: check("where", cond[:3], np.zeros(4), 1.0))
    collect(failures, lambda: check("where", cond[:3], np.zeros(3)))
    finish(failures)


# ===================================================================== warnings, errstate ===
# (function, args) that set NumPy's floating-point error flags
FPE_CASES = [
    ("sqrt", (np.array([-1.0, 4.0]),)),
    ("log", (np.array([0.0, 1.0]),)),
    ("log", (np.array([-1.0, 1.0]),)),
    ("log2", (np.array([0.0], np.float32),)),
    ("log10", (np.array([-0.5]),)),
    ("log1p", (np.array([-1.0, -2.0]),)),
    ("exp", (np.array([1000.0, 0.0]),)),
    ("exp", (np.array([-1000.0]),)),
    ("exp", (np.array([100.0], np.float32),)),
    ("exp2", (np.array([2000.0]),)),
    ("expm1", (np.array([800.0]),)),
    ("arcsin", (np.array([2.0]),)),
    ("arccosh", (np.array([0.5]),)),
    ("arctanh", (np.array([1.0, -1.0, 2.0]),)),
    ("sin", (np.array([np.inf]),)),
    ("cosh", (np.array([1000.0]),)),
    ("divide", (np.array([1.0, 0.0]), np.array([0.0, 0.0]))),
    ("divide", (np.array([1, 0]), np.array([0, 0]))),
    ("floor_divide", (np.array([1, 7]), np.array([0, 2]))),
    ("floor_divide", (np.array([1.0]), np.array([0.0]))),
    ("remainder", (np.array([5, 3], np.int8), np.array([0, 2], np.int8))),
    ("remainder", (np.array([5.0]), np.array([0.0]))),
    ("fmod", (np.array([5], np.int32), np.array([0], np.int32))),
    ("fmod", (np.array([np.inf]), np.array([2.0]))),
    ("divmod", (np.array([5, 3]), np.array([0, 2]))),
    ("floor_divide", (np.array([np.iinfo(np.int64).min]), np.array([-1]))),
    ("power", (np.array([10.0]), np.array([400.0]))),
    ("power", (np.array([-8.0]), np.array([1 / 3]))),
    ("float_power", (np.array([0.0]), np.array([-1.0]))),
    ("multiply", (np.array([3e38], np.float32), np.array([10.0], np.float32))),
    ("add", (np.array([65504.0], np.float16), np.array([65504.0], np.float16))),
    ("subtract", (np.array([np.inf]), np.array([np.inf]))),
    ("multiply", (np.array([np.inf]), np.array([0.0]))),
    ("reciprocal", (np.array([0.0, 2.0]),)),
    ("ldexp", (np.array([1.0]), np.array([5000]))),
    ("hypot", (np.array([1e308]), np.array([1e308]))),
    ("logaddexp", (np.array([np.inf]), np.array([-np.inf]))),
    ("arctan2", (np.array([0.0]), np.array([0.0]))),
    ("nextafter", (np.array([np.finfo(np.float64).max]), np.array([np.inf]))),
    ("spacing", (np.array([np.inf]),)),
    ("square", (np.array([1e200]),)),
    ("cbrt", (np.array([np.nan]),)),
    ("tan", (np.array([np.inf], np.float32),)),
]
FPE_IDS = [f"{n}-{i}" for i, (n, _) in enumerate(FPE_CASES)]


@pytest.mark.parametrize("name,args", FPE_CASES, ids=FPE_IDS)
def test_floating_point_errors_and_errstate(name, args):
    """NumPy's RuntimeWarnings ("invalid value encountered in sqrt", "divide by zero
    encountered in log", "overflow encountered in exp", ...) by default; nothing under
    ferronum.errstate(all='ignore'); FloatingPointError with NumPy's message under
    errstate(all='raise'); each category on its own; seterr/geterr."""
    build = lambda mod, *a: _fn(mod, name)(*a)  # noqa: E731
    mode = mode_for(name, *_dtypes_of(args))
    differential(build, *args, mode=mode, what=f"{name} default error state")
    differential(build, *args, mode=mode, err=dict(all="ignore"), what=f"{name} errstate(all='ignore')")
    _, _, w = _call(lambda: build(np, *args), np, dict(all="ignore"))
    assert w == [], w
    differential(build, *args, mode=mode, err=dict(all="raise", under="ignore"), match_message=True,
                 what=f"{name} errstate(all='raise')")
    for category in ["divide", "over", "under", "invalid"]:
        for action in ["raise", "warn"]:
            err = dict(all="ignore")
            err[category] = action
            differential(build, *args, mode=mode, err=err, match_message=True, what=f"{name} errstate({err})")
    # seterr / geterr, through ferronum's names
    old = fnp.seterr(all="raise")
    try:
        assert fnp.geterr()["invalid"] == "raise"
        fargs = [fasarray(np.array(a, copy=True)) for a in args]
        _, ef, _ = _call(lambda: build(fnp, *fargs), fnp, fnp.geterr())
        _, en, _ = _call(lambda: build(np, *args), np, np.geterr())
        assert type(ef) is type(en) and str(ef) == str(en), f"seterr(all='raise'): ferronum {ef!r}; NumPy {en!r}"
    finally:
        fnp.seterr(**old)
    assert fnp.geterr() == old


def test_errstate_governs_operators():
    """The operators (and their in-place forms) follow the error state too."""
    failures = []
    n = np.array([1.0, -1.0, 0.0])
    ops = {"a / 0.0": lambda a: a / 0.0, "a // 0.0": lambda a: a // 0.0, "a % 0.0": lambda a: a % 0.0,
           "a ** -1.0": lambda a: a ** -1.0, "0.0 / a": lambda a: 0.0 / a, "a /= 0": lambda a: operator.itruediv(a, 0),
           "int a // 0": lambda a: a.astype(np.int64) // 0}
    for label, op in ops.items():
        for err in [None, dict(all="raise"), dict(all="ignore"), dict(all="ignore", divide="raise"),
                    dict(all="warn")]:
            collect(failures, lambda: differential(lambda mod, a: op(a), n, err=err, match_message=True,
                                                   what=f"{label} errstate({err})"))
    finish(failures)


@pytest.mark.parametrize("dt", [d for d in ALL_DTYPES if d.kind in "iu"], ids=lambda d: d.name)
def test_integer_division_by_zero_and_overflow(dt):
    """Integer floor_divide/remainder/fmod/divmod by zero give 0 with NumPy's "divide by zero"
    warning; overflow wraps (min // -1 warns "overflow encountered")."""
    info = np.iinfo(dt)
    a = np.array([5, 0, info.max, info.min, 7], dtype=dt)
    z = np.zeros(5, dt)
    for name in ["floor_divide", "remainder", "fmod", "divmod", "divide"]:
        check(name, a, z)
        check(name, a, 0)
        check(name, a[2], z[0])
    if dt.kind == "i":
        check("floor_divide", a, np.array(-1, dt))
        check("remainder", a, np.array(-1, dt))
        check("divmod", a, np.array(-1, dt))
    for name in ["add", "subtract", "multiply", "square", "negative", "absolute", "power", "left_shift"]:
        args = (a, a[::-1]) if name in BINARY else (a,)
        if name == "power":
            args = (a, np.array([3, 5, 2, 7, 63], dt))
        check(name, *args)


# ====================================================================== memory overlap ===
def _overlap_dtype(name):
    if name == "ldexp":
        return "float64"  # the exponents: an int64 copy of a float64 slice (see test_memory_overlap)
    for d in ["float64", "int64", "bool"]:
        if name in BINARY and (d, d) in set(accepted_binary(name)):
            _, e, _ = _call(lambda: getattr(np, name)(benign(d, name), benign(d, name, 1), out=benign(d, name)))
        elif name in UNARY_UFUNCS and d in set(accepted_unary(name)):
            _, e, _ = _call(lambda: getattr(np, name)(benign(d, name), out=benign(d, name)))
        else:
            continue
        if e is None:
            return d
    return None


@pytest.mark.parametrize("size", [9, 5000])
@pytest.mark.parametrize("name", [n for n in UFUNCS if getattr(np, n).nout == 1])
def test_memory_overlap(name, size):
    """NumPy's rule: the result is as if the inputs were copied before anything is written,
    whichever way out overlaps them (shifted by one either way, reversed, transposed)."""
    d = _overlap_dtype(name)
    if d is None:
        pytest.skip(f"NumPy has no same-dtype out for {name}")  # e.g. comparisons into bool
    base = benign(d, name, shape=(size,))
    mode = mode_for(name, np.dtype(d))
    if name == "ldexp":  # ldexp(x, i): the second operand must be an integer array
        f = lambda mod: lambda x, y, **kw: _fn(mod, name)(x, y.astype(np.int64) if hasattr(y, "astype") else int(y),
                                                         **kw)  # noqa: E731
    else:
        f = lambda mod: _fn(mod, name)  # noqa: E731
    failures = []
    if name in BINARY:
        cases = {
            "a[1:], a[:-1] -> a[:-1]": lambda mod, a: f(mod)(a[1:], a[:-1], out=a[:-1]),
            "a[1:], a[:-1] -> a[1:]": lambda mod, a: f(mod)(a[1:], a[:-1], out=a[1:]),
            "a[:-1], a[1:] -> a[1:]": lambda mod, a: f(mod)(a[:-1], a[1:], out=a[1:]),
            "a[::-1], a -> a": lambda mod, a: f(mod)(a[::-1], a, out=a),
            "a, a[::-1] -> a[::-1]": lambda mod, a: f(mod)(a, a[::-1], out=a[::-1]),
            "a[2:], 3 -> a[:-2]": lambda mod, a: f(mod)(a[2:], a[5], out=a[:-2]),
            "a[::2], a[1::2] -> a[1::2]": lambda mod, a: f(mod)(a[:-1:2], a[1::2], out=a[1::2]),
        }
        m = int(math.isqrt(size))
        cases["T"] = lambda mod, a: f(mod)(a[:m * m].reshape(m, m), a[:m * m].reshape(m, m).T,
                                           out=a[:m * m].reshape(m, m))
        # (NumPy writes unselected elements too when the result is cast into out through its
        # buffers, a NumPy bug: the masked case only where no cast is needed.)
        if getattr(np, name)(base[:2], base[:2] if name != "ldexp" else 1).dtype == np.dtype(d):
            cases["where"] = lambda mod, a: f(mod)(a[1:], a[:-1], out=a[:-1], where=(np.arange(size - 1) % 3 > 0))
    else:
        cases = {
            "a[::-1] -> a": lambda mod, a: f(mod)(a[::-1], out=a),
            "a[:-1] -> a[1:]": lambda mod, a: f(mod)(a[:-1], out=a[1:]),
            "a[1:] -> a[:-1]": lambda mod, a: f(mod)(a[1:], out=a[:-1]),
        }
    for label, build in cases.items():
        collect(failures, lambda: differential(build, base, mode=mode, what=f"{name} {label}"))
    finish(failures)


@pytest.mark.parametrize("size", [9, 5000])
def test_memory_overlap_operators_and_two_outputs(size):
    failures = []
    ops = {"+=": operator.iadd, "-=": operator.isub, "*=": operator.imul, "&=": operator.iand, "|=": operator.ior,
           "^=": operator.ixor, "<<=": operator.ilshift, ">>=": operator.irshift, "//=": operator.ifloordiv,
           "%=": operator.imod, "**=": operator.ipow}
    base = benign(np.int64, shape=(size,))
    for label, iop in ops.items():
        def fwd(mod, a, iop=iop):
            v = a[1:]
            iop(v, a[:-1])
            return a

        def bwd(mod, a, iop=iop):
            v = a[:-1]
            iop(v, a[1:])
            return a

        def rev(mod, a, iop=iop):
            return iop(a, a[::-1])

        for build in (fwd, bwd, rev):
            collect(failures, lambda: differential(build, base, what=f"{label} {build.__name__}"))
    fb = benign(np.float64, shape=(size,)) * 3.25
    collect(failures, lambda: differential(lambda mod, a: mod.divmod(a[1:], a[:-1], out=(a[:-1], a[1:])), fb,
                                           what="divmod into its inputs"))
    collect(failures, lambda: differential(lambda mod, a, e: mod.frexp(a[::-1], out=(a, e)), fb,
                                           np.zeros(size, np.int32), what="frexp reversed"))
    collect(failures, lambda: differential(lambda mod, a: mod.modf(a[::-1], out=(a, None)), fb,
                                           what="modf reversed"))
    finish(failures)


# ========================================================================= operators ===
BIT_OPS = {"&": operator.and_, "|": operator.or_, "^": operator.xor, "<<": operator.lshift, ">>": operator.rshift}
BIT_IOPS = {"&=": operator.iand, "|=": operator.ior, "^=": operator.ixor, "<<=": operator.ilshift,
            ">>=": operator.irshift}


@pytest.mark.parametrize("d1", ALL_DTYPES, ids=DTYPE_IDS)
def test_bit_operators_all_dtype_pairs(d1):
    """& | ^ << >> (and in-place forms) on ferronum arrays for every dtype pair; float and
    complex operands raise TypeError; ~ on every dtype."""
    failures = []
    for d2 in ALL_DTYPES:
        a, b = binary_values(d1), binary_values(d2)
        for sym, op in BIT_OPS.items():
            collect(failures, lambda: differential(lambda mod, x, y: op(x, y), a[:, None], b[None, :],
                                                   what=f"{d1} {sym} {d2}"))
        n = min(len(a), len(b))
        for sym, iop in BIT_IOPS.items():
            collect(failures, lambda: differential(lambda mod, x, y: iop(x, y), a[:n], b[:n][::-1],
                                                   what=f"{d1} {sym} {d2}"))
    collect(failures, lambda: differential(lambda mod, x: ~x, unary_values(d1), what=f"~{d1}"))
    collect(failures, lambda: differential(lambda mod, x: ~x, np.array(unary_values(d1)[1]), what=f"~0-d {d1}"))
    collect(failures, lambda: differential(lambda mod, x: ~x, reversed_view(unary_values(d1)), what=f"~view {d1}"))
    finish(failures)


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_bit_operators_python_scalars(dt):
    """Python scalars on the left (reflected) and on the right, and in-place."""
    failures = []
    a = binary_values(dt)
    for s in [True, False, 0, 1, 3, -1, 7, 63, 255, 300, 2**63, -(2**63), 1.5]:
        for sym, op in BIT_OPS.items():
            collect(failures, lambda: differential(lambda mod, x: op(x, s), a, what=f"{dt} {sym} {s!r}"))
            collect(failures, lambda: differential(lambda mod, x: op(s, x), a, what=f"{s!r} {sym} {dt}"))
            collect(failures, lambda: differential(lambda mod, x: op(x, s), np.array(a[1]),
                                                   what=f"0-d {dt} {sym} {s!r}"))
        for sym, iop in BIT_IOPS.items():
            collect(failures, lambda: differential(lambda mod, x: iop(x, s), a, what=f"{dt} {sym} {s!r}"))
    finish(failures)


def test_bit_operators_views_and_broadcasting():
    a = benign(np.int32, shape=(3, 4)) * 37
    b = benign(np.uint8, shape=(4,))
    for sym, op in BIT_OPS.items():
        for va in _views(a):
            differential(lambda mod, x, y: op(x, y), va, b, what=f"view {sym} broadcast")
    for sym, iop in BIT_IOPS.items():
        differential(lambda mod, x, y: iop(x, y), _views(a)[1], b.astype(np.int32), what=f"view {sym}=")
        differential(lambda mod, x, y: iop(x, y), a, np.zeros((2, 3, 4), np.int32), what=f"{sym}= wrong shape")


# =========================================================================== methods ===
def test_methods_round_clip_conj():
    failures = []
    for dt in ALL_DTYPES:
        v = unary_values(dt)
        for d in [-2, -1, 0, 1, 2]:
            w = defined_rounding(v, d)
            collect(failures, lambda: differential(lambda mod, x: x.round(d), w, what=f"{dt}.round({d})"))
            collect(failures, lambda: differential(lambda mod, x: x.round(decimals=d), reversed_view(w),
                                                   what=f"{dt} view .round(decimals={d})"))
        collect(failures, lambda: differential(lambda mod, x: x.round(), v, what=f"{dt}.round()"))
        collect(failures, lambda: differential(lambda mod, x, o: x.round(1, out=o), v, np.zeros(v.shape, v.dtype),
                                               what=f"{dt}.round(1, out=)"))
        for lo, hi in CLIP_BOUNDS[:6]:
            collect(failures, lambda: differential(lambda mod, x: x.clip(lo, hi), v, mode="exact0",
                                                   what=f"{dt}.clip({lo}, {hi})"))
        collect(failures, lambda: differential(lambda mod, x: x.clip(min=1), v, mode="exact0",
                                               what=f"{dt}.clip(min=1)"))
        collect(failures, lambda: differential(lambda mod, x: x.clip(max=1), v, mode="exact0",
                                               what=f"{dt}.clip(max=1)"))
        collect(failures, lambda: differential(lambda mod, x, o: x.clip(0, 2, out=o), v, np.zeros(v.shape, v.dtype),
                                               mode="exact0", what=f"{dt}.clip(0, 2, out=)"))
        collect(failures, lambda: differential(lambda mod, x: x.conj(), v, what=f"{dt}.conj()"))
        collect(failures, lambda: differential(lambda mod, x: x.conjugate(), reversed_view(v),
                                               what=f"{dt}.conjugate()"))
        collect(failures, lambda: differential(lambda mod, x: x[-1].conj(), v, what=f"{dt}[-1].conj()"))
        collect(failures, lambda: differential(lambda mod, x: x[2:3].round(1), v, what=f"{dt}[2:3].round(1)"))
    finish(failures)


def test_real_imag_attributes():
    """.real and .imag of every dtype; for complex arrays both are views (writing into them
    writes the array, also through strided views); .real of a real array is the array's data;
    .imag of a real array is read-only zeros; the setters."""
    failures = []
    for dt in ALL_DTYPES:
        v = unary_values(dt)
        collect(failures, lambda: differential(lambda mod, x: x.real, v, what=f"{dt}.real", identity=False))
        collect(failures, lambda: differential(lambda mod, x: x.imag, v, what=f"{dt}.imag", identity=False))
        collect(failures, lambda: differential(lambda mod, x: x.real, reversed_view(v.reshape(-1, 1)),
                                               what=f"{dt} view .real", identity=False))
        collect(failures, lambda: differential(lambda mod, x: x.imag, np.array(v[1]), what=f"0-d {dt}.imag",
                                               identity=False))

        def write_real(mod, x):
            x.real[1:4] = 3
            return x

        def write_imag(mod, x):
            x.imag[::2] = -1
            return x

        def write_view_real(mod, x):
            y = x[::-2]
            y.real[...] = 4
            return x

        def set_real(mod, x):
            x.real = 9
            return x

        def set_imag(mod, x):
            x.imag = 2
            return x

        for build in (write_real, write_imag, write_view_real, set_real, set_imag):
            collect(failures, lambda: differential(build, v, what=f"{dt} {build.__name__}", identity=False))
    finish(failures)


# ======================================================================= hypothesis ===
HYPO = ["add", "multiply", "divide", "floor_divide", "remainder", "power", "maximum", "arctan2", "exp", "sqrt",
        "sin", "floor", "isnan", "bitwise_and", "left_shift", "logical_and", "where", "clip"]


def _elements_for(name, dt, role):
    dt = np.dtype(dt)
    if name == "power" and role == 1 and dt.kind in "iu":
        return elements(dt, lo=0, hi=9)
    if name == "where" and role == 0:
        return st.booleans()
    return elements(dt)


@st.composite
def operand(draw, name, dt, shape, role):
    """A spec for one operand: a Python scalar (for a 0-d shape, sometimes), a NumPy scalar, a
    contiguous array, or a strided/reversed/transposed View of a larger base."""
    el = _elements_for(name, dt, role)
    if shape == () and draw(st.integers(0, 3)) == 0:
        x = draw(el)
        if draw(st.booleans()):
            return np.asarray(x, dtype=dt)[()]  # NumPy scalar (strong)
        return x if np.dtype(dt).kind != "b" else bool(x)
    if len(shape) > 0 and draw(st.booleans()):
        base_shape, recipe = draw(exact_view_recipe(shape))
        base = draw(hnp.arrays(dt, base_shape, elements=el))
        return View(base, recipe)
    return draw(hnp.arrays(dt, shape, elements=el))


def _accepted_dtypes_lists(name):
    if name == "where":
        return [("bool", a, b) for a in ("int8", "int64", "float32", "float64", "uint16", "complex64", "bool")
                for b in ("int64", "float16", "float64", "uint8", "complex128")]
    if name == "clip":
        return [(a, a, b) for a in ("int8", "int64", "float32", "float64", "uint16") for b in ("int64", "float64")]
    if name in BINARY:
        return list(accepted_binary(name))
    return [(d,) for d in accepted_unary(name)]


def _hypo_check(name, specs, kw=None):
    check(name, *specs, **(kw or {}))


@pytest.mark.parametrize("name", HYPO)
def test_hypothesis_broadcast_views(name):
    """Random dtypes (among those NumPy accepts), broadcastable shapes (empty ones included),
    strided/reversed/transposed views, NumPy and Python scalars, any values (NaN, inf,
    extremes)."""
    require(name)
    lists = _accepted_dtypes_lists(name)

    @settings(max_examples=40, deadline=None, database=None, report_multiple_bugs=False)
    @given(st.data())
    def inner(data):
        dts = [DT[d] for d in data.draw(st.sampled_from(lists), label="dtypes")]
        shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=len(dts), min_dims=0, max_dims=3, min_side=0,
                                                             max_side=4), label="shapes").input_shapes
        specs = [data.draw(operand(name, dt, sh, i), label=f"arg{i}") for i, (dt, sh) in enumerate(zip(dts, shapes))]
        _hypo_check(name, specs)

    inner()


@pytest.mark.parametrize("name", HYPO)
def test_hypothesis_out_where_dtype(name):
    """Random out= (dtype and layout), where= masks and dtype= / casting= on the same subset."""
    require(name)
    lists = _accepted_dtypes_lists(name)
    is_ufunc = isinstance(getattr(np, name), np.ufunc)

    @settings(max_examples=30, deadline=None, database=None, report_multiple_bugs=False)
    @given(st.data())
    def inner(data):
        dts = [DT[d] for d in data.draw(st.sampled_from(lists), label="dtypes")]
        bs = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=len(dts), min_dims=1, max_dims=3, min_side=0,
                                                         max_side=4), label="shapes")
        specs = [data.draw(operand(name, dt, sh, i), label=f"arg{i}")
                 for i, (dt, sh) in enumerate(zip(dts, bs.input_shapes))]
        nspecs = [apply_recipe(s.base, s.recipe) if isinstance(s, View) else s for s in specs]
        rn, e, _ = _call(lambda: getattr(np, name)(*nspecs))
        kw = {}
        if e is None and name != "where":
            rdt = np.asarray(rn).dtype
            odt = data.draw(st.sampled_from([rdt, rdt, np.dtype(np.float64), np.dtype(np.int64), np.dtype(np.float32),
                                             np.dtype(np.complex128), np.dtype(np.bool_)]), label="out dtype")
            shape = bs.result_shape
            if data.draw(st.booleans()) and shape:
                base_shape, recipe = data.draw(exact_view_recipe(shape), label="out view")
                kw["out"] = View(np.full(base_shape, 3, odt), recipe)
            else:
                kw["out"] = np.full(shape, 3, odt)
            if is_ufunc or name == "clip":
                if data.draw(st.booleans()):
                    # a mask broadcasting to the result: some axes of length 1, leading ones dropped
                    wshape = tuple(1 if data.draw(st.booleans()) else k for k in shape)
                    wshape = wshape[data.draw(st.integers(0, len(wshape))):]
                    kw["where"] = data.draw(hnp.arrays(np.bool_, wshape), label="where")
                if data.draw(st.booleans()):
                    kw["casting"] = data.draw(st.sampled_from(CASTINGS), label="casting")
                if is_ufunc and data.draw(st.integers(0, 3)) == 0:
                    kw["dtype"] = data.draw(st.sampled_from([np.float64, np.float32, np.int64]), label="dtype")
            if kw.get("casting") == "unsafe" and (np.dtype(odt).kind in "iu" or kw.get("dtype") is np.int64):
                kw.pop("casting")  # NaN/inf/out-of-range float -> int is undefined behaviour in C
        _hypo_check(name, specs, kw)

    inner()


# ========================================================================== accuracy ===
N_ACCURACY = 1_000_000


def _accuracy_inputs(name, dt, rng):
    """N_ACCURACY values spread over the function's domain (uniform pieces and log-uniform
    magnitudes), large arguments for sin/cos included."""
    f64 = dt == np.float64
    big = 308 if f64 else 38
    logu = lambda lo, hi, sign=False: ("log", lo, hi, sign)  # noqa: E731
    uni = lambda lo, hi: ("uni", lo, hi)  # noqa: E731
    pieces = {
        "exp": [uni(-745.2, 709.78) if f64 else uni(-103.9, 88.7), uni(-2, 2), uni(-30, 30)],
        "exp2": [uni(-1075, 1024) if f64 else uni(-150, 128), uni(-2, 2)],
        "expm1": [uni(-40, 709.78) if f64 else uni(-20, 88.7), uni(-1e-3, 1e-3), uni(-1, 1), logu(-30, 0, True)],
        "log": [logu(-big, big), uni(0.5, 2), logu(-323 if f64 else -45, -big)],
        "log2": [logu(-big, big), uni(0.5, 2), logu(-323 if f64 else -45, -big)],
        "log10": [logu(-big, big), uni(0.5, 2), logu(-323 if f64 else -45, -big)],
        "log1p": [logu(-30, big), uni(-0.999, 1), uni(-1e-3, 1e-3)],
        "sin": [uni(-10, 10), uni(-1e4, 1e4), logu(4, 22 if f64 else 9, True), logu(-10, 300 if f64 else 38, True)],
        "cos": [uni(-10, 10), uni(-1e4, 1e4), logu(4, 22 if f64 else 9, True), logu(-10, 300 if f64 else 38, True)],
        "tanh": [uni(-20, 20), uni(-1, 1), logu(-30, 1, True)],
    }[name]
    k = N_ACCURACY // len(pieces)
    parts = []
    for i, p in enumerate(pieces):
        m = N_ACCURACY - k * (len(pieces) - 1) if i == len(pieces) - 1 else k
        if p[0] == "uni":
            x = rng.uniform(p[1], p[2], m)
        else:
            x = 10.0 ** rng.uniform(p[1], p[2], m)
            if p[3]:
                x = x * rng.choice([-1.0, 1.0], m)
        parts.append(x)
    with np.errstate(all="ignore"):
        return np.concatenate(parts).astype(dt)


ACCURACY = [(n, d) for n in ["exp", "log", "sin", "cos", "tanh", "exp2", "log2", "log10", "expm1", "log1p"]
            for d in ["float32", "float64"]]


@pytest.mark.parametrize("name,dt", ACCURACY, ids=[f"{n}-{d}" for n, d in ACCURACY])
def test_accuracy_million_values(name, dt):
    """1,000,000 values over the function's domain: within 4 ulp of NumPy everywhere (ulp =
    numpy.spacing of NumPy's value), the same NaNs and infinities."""
    rng = np.random.default_rng(sum(map(ord, name + dt)))
    x = _accuracy_inputs(name, np.dtype(dt), rng)
    fn = require(name)
    with np.errstate(all="ignore"):
        want = getattr(np, name)(x)
        got = fn(fasarray(x))
    assert isinstance(got, ARRAY_TYPE)
    g = np.asarray(got)
    assert g.dtype == want.dtype and g.shape == want.shape
    fin = np.isfinite(want) & np.isfinite(g)
    same_special = (g[~fin] == want[~fin]) | (np.isnan(g[~fin]) & np.isnan(want[~fin]))
    assert same_special.all(), (f"non-finite mismatch at x = {_short(x[~fin][~same_special])}: ferronum "
                                f"{_short(g[~fin][~same_special])}, NumPy {_short(want[~fin][~same_special])}")
    ulps = _ulp_distance(g[fin], want[fin])
    worst = int(np.argmax(ulps)) if ulps.size else 0
    assert ulps.size == 0 or ulps[worst] <= ULPS, (
        f"{name} {dt}: max {ulps[worst]:.3g} ulp at x = {x[fin][worst]!r} (ferronum {g[fin][worst]!r}, NumPy "
        f"{want[fin][worst]!r}); {int(np.sum(ulps > ULPS))} values over {ULPS} ulp")


def _same_bits(f, n):
    f = np.asarray(f)
    assert (f.dtype, f.shape) == (n.dtype, n.shape)
    assert f.tobytes() == n.tobytes(), (f, n)


@pytest.mark.parametrize("dt", [np.complex64, np.complex128], ids=str)
def test_complex_multiply_rounds_as_numpy(dt):
    """NumPy's complex multiply (and square) loop fuses, where the CPU has FMA:
    re = fma(ar, br, -ai*bi), im = fma(ar, bi, ai*br), but for complex64 walked backwards. The
    inputs below tell the fused result from the plain one in their last bits, and
    (3+4j) * (M+Mj) gives -inf+infj fused, NaN+infj plain."""
    eps = float(np.finfo(np.float32 if dt == np.complex64 else np.float64).eps)
    big = float(np.finfo(np.float32 if dt == np.complex64 else np.float64).max)
    x = np.array([complex(1 + eps, 1 + 2 * eps), 3 + 4j, complex(big, big), complex(1 + eps, 1 - eps)] * 9, dt)
    y = np.array([complex(1 - eps, 1 - 2 * eps), complex(big, big), 3 + 4j, complex(-1 + eps, 1 + eps)] * 9, dt)
    fx, fy = fnp.array(x), fnp.array(y)
    with np.errstate(all="ignore"), fnp.errstate(all="ignore"):
        for a, b, fa, fb in [(x, y, fx, fy), (x[::2], y[::2], fx[::2], fy[::2]), (x, y[1], fx, fy[1]),
                             (x[:1], y[:1], fx[:1], fy[:1]), (x[::-1], y, fx[::-1], fy),
                             (x[::-3], y[::-3], fx[::-3], fy[::-3]), (x[::-1, None], y, fx[::-1, None], fy),
                             (x.reshape(6, 6)[::-1], y[:6], fx.reshape(6, 6)[::-1], fy[:6])]:
            _same_bits(fa * fb, a * b)
            _same_bits(fnp.multiply(fa, fb), np.multiply(a, b))
        for a, fa in [(x, fx), (x[::-1], fx[::-1]), (x[::2], fx[::2]), (x.reshape(6, 6).T, fx.reshape(6, 6).T)]:
            _same_bits(fnp.square(fa), np.square(a))
        _same_bits(fx * fx, x * x)


@pytest.mark.parametrize("name", ["add", "floor_divide", "true_divide", "subtract", "arctan2"])
def test_where_with_inputs_broadcast_along_different_axes(name):
    # The selected positions of each input are gathered in one (C) order, whatever axis each
    # input is broadcast along (a (2,) and a (2, 1, 1) input into a (2, 1, 2) output).
    a = np.array([0, 1], dtype=np.int8)
    b = np.array([[[2]], [[3]]], dtype=np.int8)
    w = np.array([[True]])
    with np.errstate(all="ignore"):
        want = getattr(np, name)(a, b, out=np.zeros((2, 1, 2)), where=w)
        got = getattr(fnp, name)(fnp.asarray(a), fnp.asarray(b), out=fnp.zeros((2, 1, 2)), where=fnp.asarray(w))
    np.testing.assert_array_equal(np.asarray(got), want)
    w2 = np.array([[[True, False]], [[False, True]]])
    with np.errstate(all="ignore"):
        want = getattr(np, name)(a, b, out=np.zeros((2, 1, 2)), where=w2)
        got = getattr(fnp, name)(fnp.asarray(a), fnp.asarray(b), out=fnp.zeros((2, 1, 2)), where=fnp.asarray(w2))
    np.testing.assert_array_equal(np.asarray(got), want)
