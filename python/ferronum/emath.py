"""``ferronum.emath`` (NumPy's ``numpy.emath``, ``scimath``): ``sqrt``, ``log``, ``log2``,
``log10``, ``logn``, ``power``, ``arccos``, ``arcsin``, ``arctanh`` that return complex
results for real inputs outside the real domain, instead of NaN: the input is cast to complex
first (complex64 for float32 and the small integer types, complex128 otherwise), as NumPy's
Python code does; the functions themselves are ferronum's ufuncs."""

import numpy as _numpy

from . import _ferronum as _f

__all__ = ["sqrt", "log", "log2", "logn", "log10", "power", "arccos", "arcsin", "arctanh"]

_SINGLE = (_numpy.single, _numpy.byte, _numpy.short, _numpy.ubyte, _numpy.ushort, _numpy.csingle)


def _tocomplex(arr):
    if issubclass(arr.dtype.type, _SINGLE):
        return arr.astype(_numpy.csingle)
    return arr.astype(_numpy.cdouble)


def _isreal(x):
    return _f.equal(x.imag, 0) if x.dtype.kind == "c" else _f.ones(x.shape, bool)


def _fix_real_lt_zero(x):
    x = _f.asarray(x)
    if _f.any(_f.bitwise_and(_isreal(x), _f.less(x, 0))):
        x = _tocomplex(x)
    return x


def _fix_int_lt_zero(x):
    x = _f.asarray(x)
    if _f.any(_f.bitwise_and(_isreal(x), _f.less(x, 0))):
        x = x * 1.0
    return x


def _fix_real_abs_gt_1(x):
    x = _f.asarray(x)
    if _f.any(_f.bitwise_and(_isreal(x), _f.greater(_f.absolute(x), 1))):
        x = _tocomplex(x)
    return x


def sqrt(x):
    """Square root; complex for negative reals."""
    return _f.sqrt(_fix_real_lt_zero(x))


def log(x):
    """Natural logarithm; complex for negative reals."""
    return _f.log(_fix_real_lt_zero(x))


def log10(x):
    """Base-10 logarithm; complex for negative reals."""
    return _f.log10(_fix_real_lt_zero(x))


def logn(n, x):
    """Logarithm of ``x`` to base ``n``; complex for negative reals."""
    x = _fix_real_lt_zero(x)
    n = _fix_real_lt_zero(n)
    return _f.log(x) / _f.log(n)


def log2(x):
    """Base-2 logarithm; complex for negative reals."""
    return _f.log2(_fix_real_lt_zero(x))


def power(x, p):
    """``x ** p``; complex for negative bases, float for negative integer powers."""
    x = _fix_real_lt_zero(x)
    p = _fix_int_lt_zero(p)
    return _f.power(x, p)


def arccos(x):
    """Inverse cosine; complex outside [-1, 1]."""
    return _f.arccos(_fix_real_abs_gt_1(x))


def arcsin(x):
    """Inverse sine; complex outside [-1, 1]."""
    return _f.arcsin(_fix_real_abs_gt_1(x))


def arctanh(x):
    """Inverse hyperbolic tangent; complex outside [-1, 1]."""
    return _f.arctanh(_fix_real_abs_gt_1(x))
