"""NumPy's dtype tools: ``finfo``, ``iinfo`` (their constants computed by the engine),
``result_type``, ``promote_types``, ``can_cast``, ``min_scalar_type`` (the engine's promotion
rules, NEP 50), and the type-hierarchy helpers ``issubdtype``, ``isdtype``, ``common_type``,
``mintypecode``, with ``ndim``, ``shape`` and ``size``. Types are NumPy's own objects."""

import builtins as _builtins

import numpy as _numpy

from . import _ferronum
from ._ferronum import can_cast, min_scalar_type, promote_types, result_type

__all__ = ["finfo", "iinfo", "result_type", "promote_types", "can_cast", "min_scalar_type", "issubdtype",
           "isdtype", "common_type", "mintypecode", "ndim", "shape", "size"]


def _as_dtype(obj):
    """``numpy.dtype(obj)``, where a value (``finfo(1.0)``) stands for its type."""
    try:
        return _numpy.dtype(obj)
    except TypeError:
        return _numpy.dtype(type(obj))


class finfo:
    """Machine limits of a floating-point type (of its parts, for a complex type)."""

    _cache = {}

    def __new__(cls, dtype):
        dt = _as_dtype(dtype)
        hit = cls._cache.get(dt)
        if hit is not None:
            return hit
        if dt.kind not in "fc":
            raise ValueError(f"data type {dt.type!r} not inexact")
        consts = _ferronum._finfo(dt)
        if consts is None:
            raise ValueError(f"data type {dt.type!r} not inexact")
        self = object.__new__(cls)
        real = consts.pop("dtype")
        self.dtype = real
        for k, v in consts.items():
            setattr(self, k, real.type(v) if isinstance(v, float) else v)
        # NumPy's older name for the smallest normal number.
        self.tiny = self.smallest_normal
        cls._cache[dt] = self
        return self

    def __repr__(self):
        return (f"{type(self).__name__}(resolution={self._fmt(self.resolution)}, min={self._fmt(self.min)}, "
                f"max={self._fmt(self.max)}, dtype={self.dtype})")

    def _fmt(self, v):
        # NumPy prints the bounds of float16 with five digits in scientific notation and the
        # others as their shortest repr.
        if self.dtype == _numpy.float16 and abs(float(v)) > 1:
            return f"{float(v):.5e}"
        return str(v)


class iinfo:
    """Machine limits of an integer type."""

    _cache = {}

    def __new__(cls, int_type):
        dt = _as_dtype(int_type)
        hit = cls._cache.get(dt)
        if hit is not None:
            return hit
        info = _ferronum._iinfo(dt) if dt.kind in "iu" else None
        if info is None:
            raise ValueError(f"Invalid integer data type {dt.kind!r}.")
        self = object.__new__(cls)
        self.dtype = dt
        self.kind = dt.kind
        self.bits, self.min, self.max = info
        cls._cache[dt] = self
        return self

    def __repr__(self):
        return f"{type(self).__name__}(min={self.min}, max={self.max}, dtype={self.dtype})"


def issubdtype(arg1, arg2):
    """Whether ``arg1`` is ``arg2`` or below it in NumPy's type hierarchy."""
    if not (isinstance(arg1, type) and issubclass(arg1, _numpy.generic)):
        arg1 = _numpy.dtype(arg1).type
    if not (isinstance(arg2, type) and issubclass(arg2, _numpy.generic)):
        arg2 = _numpy.dtype(arg2).type
    return issubclass(arg1, arg2)


_KINDS = {
    "bool": (_numpy.bool_,),
    "signed integer": (_numpy.signedinteger,),
    "unsigned integer": (_numpy.unsignedinteger,),
    "integral": (_numpy.integer,),
    "real floating": (_numpy.floating,),
    "complex floating": (_numpy.complexfloating,),
    "numeric": (_numpy.integer, _numpy.inexact),
}


def isdtype(dtype, kind):
    """The array API's dtype-kind test: ``kind`` a dtype, a kind name or a tuple of those."""
    if not isinstance(dtype, _numpy.dtype) and not (isinstance(dtype, type) and issubclass(dtype, _numpy.generic)):
        raise TypeError(f"dtype argument must be a NumPy dtype, but it is a {type(dtype)}.")
    t = _numpy.dtype(dtype).type
    kinds = kind if isinstance(kind, tuple) else (kind,)
    for k in kinds:
        if isinstance(k, str):
            if k not in _KINDS:
                raise ValueError(f"kind argument is a string, but {k!r} is not a known kind name.")
            if issubclass(t, _KINDS[k]):
                return True
        elif isinstance(k, _numpy.dtype) or (isinstance(k, type) and issubclass(k, _numpy.generic)):
            if t is _numpy.dtype(k).type:
                return True
        else:
            raise TypeError(f"kind argument must be comprised of NumPy dtypes or strings only, but is a {type(k)}.")
    return False


# common_type's precision ranks: float16 < float32 < float64 (integers count as float64).
_REAL = {0: _numpy.float16, 1: _numpy.float32, 2: _numpy.float64}
_COMPLEX = {1: _numpy.complex64, 2: _numpy.complex128}
_RANK = {_numpy.float16: 0, _numpy.float32: 1, _numpy.float64: 2, _numpy.complex64: 1, _numpy.complex128: 2}


def common_type(*arrays):
    """The inexact scalar type common to the arrays (integers count as float64)."""
    is_complex = False
    precision = 0
    for a in arrays:
        t = a.dtype.type
        if issubclass(t, _numpy.complexfloating):
            is_complex = True
        if issubclass(t, _numpy.integer):
            p = 2
        elif t in _RANK:
            p = _RANK[t]
        else:
            raise TypeError("can't get common type for non-numeric array")
        precision = _builtins.max(precision, p)
    if is_complex:
        return _COMPLEX[_builtins.max(precision, 1)]
    return _REAL[precision]


# NumPy's type codes from the largest element to the smallest.
_CODES_BY_SIZE = "GDFgdfQqLlIiHhBb?"


def mintypecode(typechars, typeset="GDFgdf", default="d"):
    """The character of the smallest type in ``typeset`` that the type codes (or arrays)
    ``typechars`` cast to safely."""
    codes = {((isinstance(t, str) and t) or _ferronum.asarray(t).dtype.char) for t in typechars}
    intersection = {t for t in codes if t in typeset}
    if not intersection:
        return default
    if "F" in intersection and "d" in intersection:
        return "D"
    return _builtins.min(intersection, key=_CODES_BY_SIZE.index)


def ndim(a):
    """The number of dimensions of ``a``."""
    try:
        return a.ndim
    except AttributeError:
        return _ferronum.asarray(a).ndim


def shape(a):
    """The shape of ``a``."""
    try:
        return a.shape
    except AttributeError:
        return _ferronum.asarray(a).shape


def size(a, axis=None):
    """The number of elements of ``a`` (along ``axis`` if given)."""
    if axis is None:
        try:
            return a.size
        except AttributeError:
            return _ferronum.asarray(a).size
    try:
        s = a.shape
    except AttributeError:
        s = _ferronum.asarray(a).shape
    if isinstance(axis, tuple):
        n = 1
        for ax in axis:
            n *= s[_normalize_axis(ax, len(s))]
        return n
    return s[_normalize_axis(axis, len(s))]


def _normalize_axis(axis, nd):
    if not -nd <= axis < nd:
        raise _numpy.exceptions.AxisError(axis, nd)
    return axis % nd
