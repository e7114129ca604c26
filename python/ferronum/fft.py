"""ferronum.fft: NumPy's discrete Fourier transforms on the Rust engine.

The one-axis transforms (``fft ifft rfft irfft hfft ihfft``) are engine calls (rustfft and
realfft, batched over the lanes and split across the threads). The n-d transforms apply them
axis after axis, as NumPy's ``numpy/fft/_pocketfft.py`` does, with NumPy's argument rules,
deprecation warnings and errors; ``fftfreq rfftfreq fftshift ifftshift`` compose engine calls
as NumPy's ``_helper.py`` does.
"""

import operator as _operator
import warnings as _warnings

import numpy as _numpy

from . import _ferronum as _f
from ._manip import concatenate as _concatenate, roll as _roll

_core = _f._fft

__all__ = ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft", "rfftn", "irfftn", "rfft2", "irfft2", "fft2",
           "ifft2", "fftn", "ifftn", "fftshift", "ifftshift", "fftfreq", "rfftfreq"]

_integer_types = (int, _numpy.integer)


# ------------------------------------------------------------------------ one axis ---
def fft(a, n=None, axis=-1, norm=None, out=None):
    """The one-dimensional discrete Fourier transform (``numpy.fft.fft``)."""
    return _core.fft(a, n, axis, norm, out)


def ifft(a, n=None, axis=-1, norm=None, out=None):
    """The one-dimensional inverse discrete Fourier transform (``numpy.fft.ifft``)."""
    return _core.ifft(a, n, axis, norm, out)


def rfft(a, n=None, axis=-1, norm=None, out=None):
    """The transform of real input, the ``n // 2 + 1`` non-negative frequencies
    (``numpy.fft.rfft``)."""
    return _core.rfft(a, n, axis, norm, out)


def irfft(a, n=None, axis=-1, norm=None, out=None):
    """The inverse of ``rfft``: ``n`` real points (default ``2 * (m - 1)``)
    (``numpy.fft.irfft``)."""
    return _core.irfft(a, n, axis, norm, out)


def hfft(a, n=None, axis=-1, norm=None, out=None):
    """The transform of a Hermitian-symmetric signal (``numpy.fft.hfft``). NumPy 2's ``hfft``
    accepts ``out`` and does not use it; so does this one."""
    return _core.hfft(a, n, axis, norm, None)


def ihfft(a, n=None, axis=-1, norm=None, out=None):
    """The inverse of ``hfft`` (``numpy.fft.ihfft``)."""
    return _core.ihfft(a, n, axis, norm, out)


# --------------------------------------------------------------------------- n axes ---
def _shape_at(shape, axes):
    """``numpy.take(shape, axes)`` as a list, with its errors (``fftn``'s default ``s``)."""
    if isinstance(axes, _integer_types):
        # take() gives a scalar there, which the caller's list() then refuses.
        raise TypeError("'numpy.int64' object is not iterable")
    nd = len(shape)
    picked = []
    for ax in axes:
        ax = _operator.index(ax)
        if not -nd <= ax < nd:
            raise IndexError(f"index {ax} is out of bounds for axis 0 with size {nd}")
        picked.append(shape[ax])
    return picked


_AXES_NONE_MSG = ("`axes` should not be `None` if `s` is not `None` (Deprecated in NumPy 2.0). In a future version "
                  "of NumPy, this will raise an error and `s[i]` will correspond to the size along the transformed "
                  "axis specified by `axes[i]`. To retain current behaviour, pass a sequence [0, ..., k-1] to `axes` "
                  "for an array of dimension k.")
_S_NONE_MSG = ("Passing an array containing `None` values to `s` is deprecated in NumPy 2.0 and will raise an error "
               "in a future version of NumPy. To use the default behaviour of the corresponding 1-D transform, pass "
               "the value matching the default for its `n` parameter. To use the default behaviour for every axis, "
               "the `s` argument can be omitted.")


def _nd_args(a, s, axes, invreal=False):
    """The lengths and axes of an n-d transform, by NumPy's rules (``_cook_nd_args``): ``s``
    defaults to the input's lengths along ``axes``; ``axes`` to the last ``len(s)`` axes
    (deprecated when ``s`` is given); ``-1`` in ``s`` means the input's length; an inverse
    real transform's last length defaults to ``2 * (m - 1)``."""
    shape = a.shape
    shapeless = s is None
    if shapeless:
        s = list(shape) if axes is None else _shape_at(shape, axes)
    s = list(s)
    if axes is None:
        if not shapeless:
            _warnings.warn(_AXES_NONE_MSG, DeprecationWarning, stacklevel=4)
        axes = list(range(-len(s), 0))
    if len(s) != len(axes):
        raise ValueError("Shape and axes have different lengths.")
    if invreal and shapeless:
        s[-1] = (shape[axes[-1]] - 1) * 2
    if None in s:
        _warnings.warn(_S_NONE_MSG, DeprecationWarning, stacklevel=4)
    s = [shape[ax] if n == -1 else n for n, ax in zip(s, axes)]
    return s, axes


def _into(a, n, axis, out, own):
    """The ``out=`` for one step of an n-d transform: the caller's ``out``, or, when ``a`` is
    this transform's own intermediate and the step keeps its length, ``a`` itself, so the
    step runs in place (the result is what a new array would hold, laid out the same)."""
    if out is not None or not own:
        return out
    try:
        nd = a.ndim
        if not -nd <= axis < nd:
            return None
        if n is not None and n != a.shape[axis]:
            return None
    except TypeError:
        return None
    return a


def _raw_fftnd(a, s, axes, function, norm, out):
    a = _f.asarray(a)
    s, axes = _nd_args(a, s, axes)
    own = False
    for ii in range(len(axes) - 1, -1, -1):
        a = function(a, s[ii], axes[ii], norm, _into(a, s[ii], axes[ii], out, own))
        own = True
    return a


def fftn(a, s=None, axes=None, norm=None, out=None):
    """The n-dimensional discrete Fourier transform (``numpy.fft.fftn``)."""
    return _raw_fftnd(a, s, axes, _core.fft, norm, out)


def ifftn(a, s=None, axes=None, norm=None, out=None):
    """The n-dimensional inverse discrete Fourier transform (``numpy.fft.ifftn``)."""
    return _raw_fftnd(a, s, axes, _core.ifft, norm, out)


def fft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    """The two-dimensional discrete Fourier transform (``numpy.fft.fft2``)."""
    return _raw_fftnd(a, s, axes, _core.fft, norm, out)


def ifft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    """The two-dimensional inverse transform (``numpy.fft.ifft2``). NumPy 2's ``ifft2``
    accepts ``out`` and does not use it; so does this one."""
    return _raw_fftnd(a, s, axes, _core.ifft, norm, None)


def rfftn(a, s=None, axes=None, norm=None, out=None):
    """The n-dimensional transform of real input (``numpy.fft.rfftn``): ``rfft`` along the last
    of ``axes``, then ``fft`` along the others."""
    a = _f.asarray(a)
    s, axes = _nd_args(a, s, axes)
    a = _core.rfft(a, s[-1], axes[-1], norm, out)
    for ii in range(len(axes) - 2, -1, -1):
        a = _core.fft(a, s[ii], axes[ii], norm, _into(a, s[ii], axes[ii], out, True))
    return a


def rfft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    """The two-dimensional transform of real input (``numpy.fft.rfft2``)."""
    return rfftn(a, s, axes, norm, out)


def irfftn(a, s=None, axes=None, norm=None, out=None):
    """The inverse of ``rfftn`` (``numpy.fft.irfftn``): ``ifft`` along all but the last of
    ``axes``, then ``irfft`` along it."""
    a = _f.asarray(a)
    s, axes = _nd_args(a, s, axes, invreal=True)
    own = False
    for ii in range(len(axes) - 1):
        a = _core.ifft(a, s[ii], axes[ii], norm, _into(a, s[ii], axes[ii], None, own))
        own = True
    return _core.irfft(a, s[-1], axes[-1], norm, out)


def irfft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    """The inverse of ``rfft2`` (``numpy.fft.irfft2``). NumPy 2's ``irfft2`` accepts ``out`` and
    does not use it; so does this one."""
    return irfftn(a, s, axes, norm, None)


# ------------------------------------------------------------------------- helpers ---
def _check_device(device):
    if device is not None and device != "cpu":
        raise ValueError(f'Device not understood. Only "cpu" is allowed, but received: {device}')


def _spacing_factor(n, d):
    """``1.0 / (n * d)``: Python arithmetic for Python numbers (so ``n == 0`` is Python's
    ZeroDivisionError, as in NumPy), engine ufuncs for arrays and NumPy scalars."""
    if isinstance(d, (int, float, complex)) and isinstance(n, int):
        return 1.0 / (n * d)
    return _f.divide(1.0, _f.multiply(n, _f.asarray(d)))


def fftfreq(n, d=1.0, device=None):
    """The sample frequencies of an ``n``-point transform, ``d`` apart
    (``numpy.fft.fftfreq``): ``[0, 1, ..., n/2-1, -n/2, ..., -1] / (d*n)``."""
    if not isinstance(n, _integer_types):
        raise ValueError("n should be an integer")
    val = _spacing_factor(n, d)
    _check_device(device)
    if isinstance(n, bool):
        # NumPy's empty(n) refuses a bool as a shape.
        raise TypeError(f"expected a sequence of integers or a single integer, got '{n}'")
    n = _operator.index(n)
    if n < 0:
        raise ValueError("negative dimensions are not allowed")
    if type(val) is float:
        return _core._freqs(n, val, False)
    half = (n - 1) // 2 + 1
    ks = _concatenate([_f.arange(0, half, dtype=_numpy.int64), _f.arange(-(n // 2), 0, dtype=_numpy.int64)])
    return ks * val


def rfftfreq(n, d=1.0, device=None):
    """The sample frequencies of ``rfft`` (``numpy.fft.rfftfreq``):
    ``[0, 1, ..., n//2] / (d*n)``."""
    if not isinstance(n, _integer_types):
        raise ValueError("n should be an integer")
    val = _spacing_factor(n, d)
    _check_device(device)
    n = _operator.index(n)
    if type(val) is float and n >= 0:
        return _core._freqs(n, val, True)
    return _f.arange(0, n // 2 + 1, dtype=_numpy.int64) * val


def _shifted(x, axes, sign):
    x = _f.asarray(x)
    if axes is None:
        axes = tuple(range(x.ndim))
        shift = [sign * (dim // 2) for dim in x.shape]
    elif isinstance(axes, _integer_types):
        shift = sign * (x.shape[axes] // 2)
    else:
        shift = [sign * (x.shape[ax] // 2) for ax in axes]
    if x.ndim == 0 and axes == ():
        # NumPy's roll fails unpacking its empty broadcast.
        raise ValueError("not enough values to unpack (expected 2, got 0)")
    return _roll(x, shift, axes)


def fftshift(x, axes=None):
    """Moves the zero-frequency term to the centre (``numpy.fft.fftshift``)."""
    return _shifted(x, axes, 1)


def ifftshift(x, axes=None):
    """The inverse of ``fftshift`` (``numpy.fft.ifftshift``)."""
    return _shifted(x, axes, -1)
