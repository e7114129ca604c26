"""Element-wise functions NumPy writes in Python on top of its ufuncs (``round``, ``fix``,
``clip``, ``nan_to_num``, ``real``, ``imag``, ``angle``): the same compositions here, on
ferronum's ufuncs, so every computation still runs in the Rust engine."""

import math as _math

import numpy as _numpy

from . import _ferronum as _f

_NO_VALUE = _numpy._NoValue


def _is_array(x):
    return isinstance(x, _f.ndarray)


def around(a, decimals=0, out=None):
    """NumPy's ``round`` (``PyArray_Round``): half to even, at ``decimals`` digits (negative:
    left of the point), by scaling with a power of ten, ``rint`` and scaling back, each step
    written into ``out`` when one is given."""
    x = a if _is_array(a) else _f.asarray(a)
    decimals = _operator_index(decimals)
    kind = x.dtype.kind
    if kind == "c":
        r = x.copy() if out is None else out
        r.real[...] = around(x.real, decimals)
        r.imag[...] = around(x.imag, decimals)
    elif kind in "iu" and decimals >= 0:
        if out is None:
            r = x.copy()
        else:
            out[...] = x
            r = out
    elif decimals == 0:
        r = _f.rint(x, out=out)
    else:
        if kind == "b" and out is None:
            # NumPy scales into a new bool array, which the float64 product cannot be cast to.
            op = "multiply" if decimals > 0 else "divide"
            raise TypeError(
                f"Cannot cast ufunc '{op}' output from dtype('float64') to dtype('bool') "
                "with casting rule 'same_kind'"
            )
        scale, unscale = (_f.multiply, _f.true_divide) if decimals > 0 else (_f.true_divide, _f.multiply)
        f = 10.0 ** abs(decimals)
        # Integers scale into float64 (the ufunc's result) and are cast back at the end.
        r = scale(x, f, out=out)
        if _is_array(r):
            _f.rint(r, out=r)
            unscale(r, f, out=r)
        else:
            r = unscale(_f.rint(r), f)
        if out is None and kind in "iu":
            r = _f.asarray(r).astype(x.dtype)
    if out is None and getattr(r, "ndim", 1) == 0:
        # NumPy's round goes through ufuncs, which give a scalar for 0-d input.
        return r[()]
    return r


round = around


def _operator_index(n):
    import operator

    return operator.index(n)


def fix(x, out=None):
    """Round toward zero, keeping the dtype: NumPy 2's ``fix`` is ``trunc``."""
    return _f.trunc(x, out=out)


def clip(a, a_min=_NO_VALUE, a_max=_NO_VALUE, out=None, *, min=_NO_VALUE, max=_NO_VALUE, **kwargs):
    """``minimum(maximum(a, a_min), a_max)``; NaN in ``a`` stays NaN."""
    if min is not _NO_VALUE:
        if a_min is not _NO_VALUE:
            raise ValueError("Passed more than one argument for 'min' (both `min` and `a_min`)")
        a_min = min
    if max is not _NO_VALUE:
        if a_max is not _NO_VALUE:
            raise ValueError("Passed more than one argument for 'max' (both `max` and `a_max`)")
        a_max = max
    lo = None if a_min is _NO_VALUE else a_min
    hi = None if a_max is _NO_VALUE else a_max
    dtype = getattr(a, "dtype", None)
    if dtype is not None and dtype.kind in "iu":
        # A Python int bound beyond the integer type's range bounds nothing (NumPy's rule,
        # which keeps it from being cast into the type).
        info = _numpy.iinfo(dtype)
        if type(lo) is int and lo <= info.min:
            lo = None
        if type(hi) is int and hi >= info.max:
            hi = None
    if lo is None and hi is None:
        return _f.positive(a, out=out, **kwargs)
    if hi is None:
        return _f.maximum(a, lo, out=out, **kwargs)
    if lo is None:
        return _f.minimum(a, hi, out=out, **kwargs)
    r = _f.minimum(_f.maximum(a, lo, **kwargs), hi, out=out, **kwargs)
    if out is None and "dtype" not in kwargs:
        t = r.dtype  # the loop's type, known without promoting again (a third of a small call)
    else:
        t = _numpy.dtype(kwargs.get("dtype") or _numpy.result_type(*map(_weak_or_dtype, (a, lo, hi))))
    if t.kind != "c" or "where" in kwargs:
        return r
    # NumPy's clip loop orders complex numbers by real part, then imaginary part, with no NaN
    # test on the imaginary parts (maximum/minimum have one) and keeps the bound on a tie.
    x, lo, hi = (_f.asarray(v, dtype=t) for v in (a, lo, hi))
    m = _f.where(_f.logical_or(_f.isnan(x), _lexicographic_greater(x, lo)), x, lo)
    exact = _f.where(_f.logical_or(_f.isnan(m), _lexicographic_greater(hi, m)), m, hi)
    if out is None:
        return exact[()] if exact.ndim == 0 else exact
    out[...] = exact if out.dtype.kind == "c" else exact.real
    return out


def _weak_or_dtype(v):
    """An operand as NumPy's ``result_type`` takes it: Python numbers weak, else its dtype."""
    return v if isinstance(v, (bool, int, float, complex)) else _f.asarray(v).dtype


def _lexicographic_greater(a, b):
    return _f.where(_f.equal(a.real, b.real), _f.greater(a.imag, b.imag), _f.greater(a.real, b.real))


def nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None):
    """NaN to ``nan``, +inf to ``posinf`` (default: the largest finite value), -inf to
    ``neginf`` (default: the most negative finite value); complex parts separately."""
    scalar = (x.ndim if _is_array(x) else _numpy.ndim(x)) == 0
    a = _f.array(x, copy=copy) if copy or not _is_array(x) else x
    kind = a.dtype.kind
    if kind not in "fc":
        return a[()] if scalar else a
    parts = (a.real, a.imag) if kind == "c" else (a,)
    info = _numpy.finfo(parts[0].dtype)
    big = info.max if posinf is None else posinf
    small = info.min if neginf is None else neginf
    for p in parts:
        p[...] = _f.where(_f.isnan(p), nan, p)
        p[...] = _f.where(_f.logical_and(_f.isinf(p), _f.greater(p, 0)), big, p)
        p[...] = _f.where(_f.logical_and(_f.isinf(p), _f.less(p, 0)), small, p)
    return a[()] if scalar else a


def real(val):
    """The real part (a view for complex arrays)."""
    try:
        return val.real
    except AttributeError:
        return _f.asarray(val).real


def imag(val):
    """The imaginary part (a view for complex arrays)."""
    try:
        return val.imag
    except AttributeError:
        return _f.asarray(val).imag


def angle(z, deg=False):
    """The counterclockwise angle from the positive real axis, in radians (or degrees)."""
    z = z if _is_array(z) else _f.asarray(z)
    if z.dtype.kind == "c":
        a = _f.arctan2(z.imag, z.real)
    else:
        a = _f.arctan2(0, z)
    if deg:
        a = _f.multiply(a, 180 / _math.pi)
    return a
