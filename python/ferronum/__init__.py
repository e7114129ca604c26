"""ferronum: NumPy's array model on a Rust engine. ``import ferronum as np``.

Every computation runs in the Rust extension ``ferronum._ferronum``; NumPy supplies only its
types (dtypes, scalar types, exception classes), so ``ferronum.float64 is numpy.float64`` and
``x.dtype`` is a ``numpy.dtype``.
"""

import numpy as _numpy

from . import _ferronum
from ._ferronum import (
    all,
    amax,
    amin,
    any,
    arange,
    argmax,
    argmin,
    array,
    asarray,
    average,
    count_nonzero,
    cumprod,
    cumsum,
    einsum,
    einsum_path,
    empty,
    empty_like,
    eye,
    full,
    full_like,
    get_num_threads,
    identity,
    max,
    mean,
    min,
    nanargmax,
    nanargmin,
    nancumprod,
    nancumsum,
    nanmax,
    nanmean,
    nanmin,
    nanprod,
    nanstd,
    nansum,
    nanvar,
    ndarray,
    ones,
    ones_like,
    prod,
    ptp,
    set_num_threads,
    std,
    sum,
    var,
    zeros,
    zeros_like,
)
from ._ferronum import median, nanmedian, nanpercentile, nanquantile, percentile, quantile
from ._ferronum import cross, diagonal, dot, inner, kron, matmul, outer, tensordot, trace, vdot
from . import linalg
from . import random
from ._ferronum import ufunc
from ._ferronum import where
from ._ferronum import (argwhere, compress, extract, flatnonzero, nonzero, place, put, put_along_axis, putmask,
                        ravel_multi_index, take, take_along_axis, unravel_index, shares_memory, may_share_memory)
from ._manip import *  # noqa: F401,F403  joining, splitting and rearranging
from ._ferronum import (choose, diag_indices, diag_indices_from, fill_diagonal, indices, ix_, select, tril_indices,
                        tril_indices_from, triu_indices, triu_indices_from, vander)
from ._index_tricks import mask_indices, mgrid, ndenumerate, ndindex, ogrid
from ._nditer import nditer
from ._sorting import *  # noqa: F401,F403  sorting, searching and sets
from ._elementwise import angle, around, clip, fix, imag, nan_to_num, real, round
from ._ferronum import bincount
from ._histograms import histogram, histogram2d, histogram_bin_edges, histogramdd
from ._numerics import (allclose, array_equal, array_equiv, convolve, corrcoef, correlate, cov, cumulative_prod,
                        cumulative_sum, diff, ediff1d, gradient, interp, isclose, trapezoid)
from ._creation import geomspace, linspace, logspace
from ._polynomial import poly, poly1d, polyadd, polyder, polydiv, polyfit, polyint, polymul, polysub, polyval, roots
from ._special import bartlett, blackman, hamming, hanning, i0, kaiser, piecewise, sinc, unwrap
from ._functional import (apply_along_axis, apply_over_axes, frompyfunc, iscomplex, iscomplexobj, isreal, isrealobj,
                          isscalar, real_if_close, vectorize)
from . import emath
from ._dtype_tools import (can_cast, common_type, finfo, iinfo, isdtype, issubdtype, min_scalar_type, mintypecode,
                           ndim, promote_types, result_type, shape, size)
from ._ferronum import from_dlpack
from ._printing import (array2string, array_repr, array_str, format_float_positional, format_float_scientific,
                        get_printoptions, printoptions, set_printoptions)
from ._io import (frombuffer, fromfile, fromfunction, fromiter, fromstring, genfromtxt, load, loadtxt, save,
                  savetxt, savez, savez_compressed)
from . import _io
from ._array_api import __array_api_version__, __array_namespace_info__, astype, vecdot

# One ufunc object per NumPy name, aliases included (``ferronum.mod is ferronum.remainder``).
_ufunc_names = [n for n in dir(_ferronum) if isinstance(getattr(_ferronum, n), _ferronum.ufunc)]
globals().update({n: getattr(_ferronum, n) for n in _ufunc_names})

# The floating-point error state is NumPy's own, so ``errstate`` governs both libraries.
errstate = _numpy.errstate
seterr = _numpy.seterr
geterr = _numpy.geterr
seterrcall = _numpy.seterrcall
geterrcall = _numpy.geterrcall

# NumPy's types, shared rather than copied, as CuPy does.
dtype = _numpy.dtype
generic = _numpy.generic
number = _numpy.number
bool_ = _numpy.bool_
bool = _numpy.bool
int8 = _numpy.int8
int16 = _numpy.int16
int32 = _numpy.int32
int64 = _numpy.int64
uint8 = _numpy.uint8
uint16 = _numpy.uint16
uint32 = _numpy.uint32
uint64 = _numpy.uint64
float16 = _numpy.float16
float32 = _numpy.float32
float64 = _numpy.float64
complex64 = _numpy.complex64
complex128 = _numpy.complex128
half = _numpy.half
single = _numpy.single
double = _numpy.double
csingle = _numpy.csingle
cdouble = _numpy.cdouble
byte = _numpy.byte
ubyte = _numpy.ubyte
short = _numpy.short
ushort = _numpy.ushort
intc = _numpy.intc
uintc = _numpy.uintc
long = _numpy.long
ulong = _numpy.ulong
longlong = _numpy.longlong
ulonglong = _numpy.ulonglong
uint = _numpy.uint
intp = _numpy.intp
uintp = _numpy.uintp
int_ = _numpy.int_
float_ = _numpy.float64
complex_ = _numpy.complex128
integer = _numpy.integer
signedinteger = _numpy.signedinteger
unsignedinteger = _numpy.unsignedinteger
floating = _numpy.floating
complexfloating = _numpy.complexfloating
inexact = _numpy.inexact
AxisError = _numpy.exceptions.AxisError
typecodes = _numpy.typecodes
ScalarType = _numpy.ScalarType

newaxis = None
pi = _numpy.pi
e = _numpy.e
inf = _numpy.inf
nan = _numpy.nan


__version__ = "0.1.0"


# Methods written here keep a subclass receiver's type as NumPy's do (``_ferronum._like``).
def _diagonal_method(self, offset=0, axis1=0, axis2=1):
    r = diagonal(self, offset, axis1, axis2)
    return r if type(self) is ndarray else _ferronum._like(self, r)


def _trace_method(self, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    return trace(self, offset, axis1, axis2, dtype, out)


def _dot_method(self, b, out=None):
    r = dot(self, b, out)
    return r if type(self) is ndarray or out is not None else _ferronum._like(self, r)


def _squeeze_method(self, axis=None):
    r = squeeze(self, axis)
    return r if type(self) is ndarray else _ferronum._like(self, r)


def _repeat_method(self, repeats, axis=None):
    r = repeat(self, repeats, axis)
    return r if type(self) is ndarray else _ferronum._like(self, r)


def _choose_method(self, choices, out=None, mode="raise"):
    return choose(self, choices, out, mode)


# ndarray methods that are the module functions (unless the class defines them itself).
for _name, _meth in (
    ("diagonal", _diagonal_method),
    ("trace", _trace_method),
    ("dot", _dot_method),
    ("squeeze", _squeeze_method),
    ("repeat", _repeat_method),
    ("choose", _choose_method),
    ("mT", property(_ferronum._matrix_transpose_attr)),
    ("tobytes", _io._tobytes),
    ("tofile", _io._tofile),
):
    if not hasattr(ndarray, _name):
        setattr(ndarray, _name, _meth)
del _name, _meth


# The Array API standard: ``x.__array_namespace__()`` is this module; ``x.device``, ``x.to_device``.
from . import _array_api  # noqa: E402

_array_api._install(__import__(__name__))

# NumPy's ufuncs and functions called on ferronum arrays run ferronum's (NEP 13, NEP 18).
from . import _protocols  # noqa: E402

_protocols._build(__import__(__name__))
from . import _threadpool  # noqa: E402,F401  threadpoolctl sees and limits the pool


def __getattr__(name):
    # ``ferronum.fft`` and ``ferronum.testing`` are imported on first use, as submodules.
    if name in ("fft", "testing"):
        import importlib

        return importlib.import_module(__name__ + "." + name)
    raise AttributeError(f"module 'ferronum' has no attribute {name!r}")
