"""Evenly spaced sequences: ``linspace`` (any endpoints), ``logspace``, ``geomspace``.

Python-number endpoints along axis 0 take the engine's one-call ``linspace``. Array, complex
and NumPy-scalar endpoints follow NumPy's own recipe step by step (arange, one subtract, one
divide, one multiply, one add, the endpoint written back, floor for integer results), each
step a ferronum ufunc, so values, dtypes and the rounding of every element are NumPy's.
"""

import operator

import numpy as _numpy

from . import _ferronum
from ._ferronum import asarray

__all__ = ["linspace", "logspace", "geomspace"]


def _plain_number(v):
    # bool and NumPy scalars carry their own dtype rules: they take the general path.
    return type(v) is int or type(v) is float


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0, *, device=None):
    """``numpy.linspace``: ``num`` samples from ``start`` to ``stop``, along ``axis``."""
    _check_device(device)
    num = operator.index(num)
    if _plain_number(start) and _plain_number(stop) and axis == 0:
        return _ferronum.linspace(start, stop, num, endpoint, retstep, dtype)
    if num < 0:
        raise ValueError(f"Number of samples, {num}, must be non-negative.")
    from . import (add, arange, divide, floor, integer, isscalar, issubdtype, moveaxis, multiply, ndim, result_type,
                   subtract)
    div = (num - 1) if endpoint else num
    start_a, stop_a = asarray(start), asarray(stop)
    # NumPy's result type of the endpoints with Python numbers weak, at least inexact.
    dt = _numpy.dtype(result_type(start, stop, 0.0))
    if dtype is None:
        dtype, integer_dtype = dt, False
    else:
        integer_dtype = issubdtype(dtype, integer)
    delta = subtract(stop_a, start_a, dtype=dt)
    y = arange(0, num, dtype=dt).reshape((-1,) + (1,) * ndim(delta))
    if div > 0:
        step = divide(delta, div)
        step_zero = (step == 0) if isscalar(step) else asarray(step == 0).any()
        if step_zero:
            # Subnormal steps: divide first, then multiply, as NumPy does.
            y = multiply(divide(y, div), delta)
        else:
            y = multiply(y, step)
    else:
        step = _numpy.nan
        y = multiply(y, delta)
    # In place, as NumPy's ``y += start``: a Python-number start stays weak.
    add(y, start if isinstance(start, (int, float, complex)) else start_a, out=y, casting="same_kind")
    if endpoint and num > 1:
        y[-1, ...] = stop_a
    if axis != 0:
        y = moveaxis(y, 0, axis)
    if integer_dtype:
        y = floor(y)
    y = y.astype(dtype, copy=False)
    return (y, step) if retstep else y


def logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0):
    """``numpy.logspace``: ``base ** linspace(start, stop, ...)``."""
    from . import broadcast_shapes, expand_dims, ndim, power
    if not isinstance(base, (float, int)) and ndim(base):
        # An array base broadcasts with the endpoints before the samples axis goes in.
        nd = len(broadcast_shapes(asarray(start).shape, asarray(stop).shape, asarray(base).shape))
        start, stop, base = (_ndmin(a, nd) for a in (start, stop, base))
        base = expand_dims(base, axis=axis)
    y = linspace(start, stop, num=num, endpoint=endpoint, axis=axis)
    r = power(base, y)
    return r if dtype is None else r.astype(dtype, copy=False)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    """``numpy.geomspace``: samples evenly spaced on a log scale, endpoints exact."""
    from . import any as _any, log10, moveaxis, result_type, sign, zeros
    start, stop = asarray(start), asarray(stop)
    if _any(start == 0) or _any(stop == 0):
        raise ValueError("Geometric sequence cannot include zero")
    dt = _numpy.dtype(result_type(start, stop, float(num), zeros((), dtype)))
    dtype = dt if dtype is None else _numpy.dtype(dtype)
    start, stop = start.astype(dt, copy=True), stop.astype(dt, copy=True)
    # Rotate start onto the positive real axis, space in logs, rotate back: negative and
    # complex endpoints work and stray imaginary parts vanish, as in NumPy.
    sgn = sign(start)
    start = start / sgn
    stop = stop / sgn
    out = logspace(log10(start), log10(stop), num=num, endpoint=endpoint, base=10.0, dtype=dt)
    if num > 0:
        out[0] = start
        if num > 1 and endpoint:
            out[-1] = stop
    out = out * sgn
    if axis != 0:
        out = moveaxis(out, 0, axis)
    return out.astype(dtype, copy=False)


def _ndmin(a, nd):
    a = asarray(a)
    return a.reshape((1,) * (nd - a.ndim) + a.shape) if a.ndim < nd else a


def _check_device(device):
    if device not in (None, "cpu"):
        raise ValueError(f"Device not understood. Only \"cpu\" is allowed, but received: {device}")
