"""What ``Generator`` and ``RandomState`` share: size parsing, NumPy's ``cont``/``disc``
drivers (parameter checks, broadcasting, scalar results) and integer bounds, all calling the
engine for the draws."""

import operator

import numpy as _np

from .. import _ferronum as _ext
from .._ferronum import asarray as _asarray
from .._manip import broadcast_shapes as _broadcast_shapes, broadcast_to as _broadcast_to


def size_tuple(size):
    """``size`` as a shape tuple (None stays None)."""
    if size is None:
        return None
    try:
        shape = (operator.index(size),)
    except TypeError:
        shape = tuple(operator.index(s) for s in size)
    if any(s < 0 for s in shape):
        raise ValueError("negative dimensions are not allowed")
    return shape


def as_f64(v):
    if isinstance(v, _ext.ndarray):
        return v if v.dtype == _np.float64 else v.astype(_np.float64)
    return _asarray(v, dtype=_np.float64)


def _out_shape(shape, shapes, out_first=True):
    """NumPy's check that parameters broadcast to the requested size (the output is the first
    operand of NumPy's broadcast in ``cont``/``disc``, the last in the integer paths)."""
    b = _broadcast_shapes(shape, *shapes) if out_first else _broadcast_shapes(*shapes, shape)
    if tuple(b) != tuple(shape):
        raise ValueError(f"Output size {tuple(shape)} is not compatible with broadcast dimensions of inputs "
                         f"{_broadcast_shapes(*shapes) if shapes else ()}.")
    return tuple(shape)


def check_out(out, dtype, size):
    """NumPy's ``check_output``."""
    if out is None:
        return
    if not isinstance(out, (_ext.ndarray, _np.ndarray)):
        raise TypeError("Supplied output array is not contiguous, writable or aligned.")
    if out.dtype != _np.dtype(dtype):
        raise TypeError(f"Supplied output array has the wrong type. Expected {_np.dtype(dtype)}, got {out.dtype}")
    if not out.flags.c_contiguous or not out.flags.writeable:
        raise ValueError("Supplied output array is not contiguous, writable or aligned.")
    if size is not None:
        shape = size_tuple(size)
        if tuple(out.shape) != shape:
            raise ValueError("size must match out.shape when used together")


def fill_out(out, result):
    """Writes engine results into a caller's ``out=`` array and returns it."""
    out[...] = result
    return out


_NUMBERS = (float, int, _np.floating, _np.integer)


def _params(args):
    arrs = []
    scalar = True
    for v, name, cons in args:
        a = as_f64(v)
        scalar = scalar and a.ndim == 0
        arrs.append((a, name, cons))
    return arrs, scalar


def draw(core, kind, name, args, size, out=None, dtype=_np.float64):
    """NumPy's ``cont`` (``kind='cont'``) and ``disc`` (``kind='disc'``): each parameter
    checked against its constraint, broadcast to ``size`` (or together), values drawn in
    C order; a Python float/int when ``size`` is None and every parameter is a scalar."""
    shape = size_tuple(size)
    if out is not None:
        check_out(out, dtype, size)
        shape = tuple(out.shape)
    fn = core.cont if kind == "cont" else core.disc
    if all(isinstance(v, _NUMBERS) for v, _, _ in args):
        # Python and NumPy scalars: no array round trip
        arrs, scalar = [(None, pn, cons) for _, pn, cons in args], True
        vals = [float(v) for v, _, _ in args]
    else:
        arrs, scalar = _params(args)
        vals = [a.item() for a, _, _ in arrs] if scalar else None
    if scalar:
        for v, (_, pn, cons) in zip(vals, arrs):
            if cons:
                _ext._check([v], pn, cons, True)
        if shape is None:
            r = fn(name, [[v] for v in vals], [])
            return r.item()
        r = fn(name, [[v] for v in vals], list(shape))
    else:
        for a, pn, cons in arrs:
            if cons:
                _ext._check(a, pn, cons, False)
        shapes = [a.shape for a, _, _ in arrs]
        shape = _broadcast_shapes(*shapes) if shape is None else _out_shape(shape, shapes)
        r = fn(name, [_broadcast_to(a, shape) for a, _, _ in arrs], list(shape))
    if out is not None:
        return fill_out(out, r)
    return r


_INT_INFO = {
    "bool": (0, 1), "int8": (-2**7, 2**7 - 1), "int16": (-2**15, 2**15 - 1), "int32": (-2**31, 2**31 - 1),
    "int64": (-2**63, 2**63 - 1), "uint8": (0, 2**8 - 1), "uint16": (0, 2**16 - 1), "uint32": (0, 2**32 - 1),
    "uint64": (0, 2**64 - 1),
}


def _bounds_error(closed, low_is_zero):
    if low_is_zero:
        return "high < 0" if closed else "high <= 0"
    return "low > high" if closed else "low >= high"


def _scalar_int(v):
    """A scalar bound as a Python int (any size: NumPy checks huge ones against the dtype's
    range), or None for an array."""
    if isinstance(v, (bool, int, _np.integer)):
        return int(v)
    if isinstance(v, (float, _np.floating)):
        return int(v)
    a = _asarray(v)
    return int(a.item()) if a.ndim == 0 else None


def _to_py_ints(a):
    """Integer values of a bounds argument as Python ints (NumPy casts floats by truncation)."""
    arr = _asarray(a)
    return arr, [int(v) for v in arr.ravel().tolist()]


def bounded_integers(core, low, high, size, dtype, masked, closed, name):
    """``_rand_{dtype}`` of NumPy's ``_bounded_integers``: the bounds checked with NumPy's
    messages, then the engine's bounded draws (masked for ``RandomState``, Lemire's otherwise)."""
    lb, ub = _INT_INFO[name]
    shape = size_tuple(size)
    if shape is not None and _prod(shape) == 0:
        return _ext.empty(shape, dtype=dtype)
    lo_s, hi_s = _scalar_int(low), _scalar_int(high)
    if lo_s is not None and hi_s is not None:
        lo, hi = lo_s, hi_s
        if not closed:
            hi -= 1
        if lo < lb:
            raise ValueError(f"low is out of bounds for {name}")
        if hi > ub:
            raise ValueError(f"high is out of bounds for {name}")
        if lo > hi:
            raise ValueError(_bounds_error(closed, lo == 0))
        r = core.integers_scalar(name, lo % 2**64, hi % 2**64, masked, list(shape or ()))
        if shape is None:
            return _np.dtype(dtype).type(r.item())
        return r
    low_a = _asarray(low)
    high_a = _asarray(high)
    _, lows = _to_py_ints(low_a)
    _, highs = _to_py_ints(high_a)
    if any(v < lb for v in lows):
        raise ValueError(f"low is out of bounds for {name}")
    open_ = 0 if closed else 1
    if any(v - open_ > ub for v in highs):
        raise ValueError(f"high is out of bounds for {name}")
    bshape = _broadcast_shapes(low_a.shape, high_a.shape)
    lo_b = _broadcast_to(_asarray(lows).reshape(low_a.shape), bshape)
    hi_b = _broadcast_to(_asarray(highs).reshape(high_a.shape), bshape)
    lo_l = lo_b.ravel().tolist()
    hi_l = hi_b.ravel().tolist()
    if any(l_ > h - open_ for l_, h in zip(lo_l, hi_l)):
        raise ValueError(_bounds_error(closed, not any(lows)))
    lo_u = _asarray([v % 2**64 for v in lo_l], dtype=_np.uint64).reshape(bshape)
    hi_u = _asarray([v % 2**64 for v in hi_l], dtype=_np.uint64).reshape(bshape)
    if shape is None:
        shape = tuple(bshape)
    else:
        full = tuple(_broadcast_shapes(low_a.shape, high_a.shape, shape))
        if full != tuple(shape):
            # NumPy walks the broadcast of (low, high, out) only for out's size: the output
            # takes the bounds at the first positions of that larger broadcast.
            n = _prod(shape)
            lo_u = _broadcast_to(lo_u, full).ravel()[:n].reshape(shape)
            hi_u = _broadcast_to(hi_u, full).ravel()[:n].reshape(shape)
    lo_full = _broadcast_to(lo_u, shape)
    hi_full = _broadcast_to(hi_u, shape)
    return core.integers(name, lo_full, hi_full, not closed, masked, list(shape))


def _prod(shape):
    n = 1
    for s in shape:
        n *= s
    return n
