"""NumPy's numerical helpers (``isclose``, ``allclose``, ``array_equal``, ``diff``,
``gradient``, ``interp``, ``trapezoid``, ``cumulative_sum``, ``convolve``, ``correlate``,
``cov``, ``corrcoef``): NumPy writes them in Python on top of its ufuncs, and so does this
module, on ferronum's engine calls. The loops NumPy compiles (``interp``, ``correlate``,
``convolve``), the fused ``isclose``/``allclose`` pass, and ``diff``, ``gradient`` and
``trapezoid`` in their common forms run in the engine, one call each
(``ferronum::ops::numerics``)."""

import builtins as _builtins
import operator as _operator
import warnings as _warnings

import numpy as _numpy

from . import _ferronum as _f

_NoValue = _numpy._NoValue
_AxisError = _numpy.exceptions.AxisError


def _asarray(a, dtype=None):
    if dtype is None and isinstance(a, _f.ndarray):
        return a
    return _f.asarray(a, dtype=dtype)


def _ndim(x):
    return x.ndim if isinstance(x, (_f.ndarray, _numpy.ndarray, _numpy.generic)) else _f.asarray(x).ndim


def _normalize_axis(axis, ndim):
    axis = _operator.index(axis)
    if not -ndim <= axis < ndim:
        raise _AxisError(axis, ndim)
    return axis % ndim if ndim else 0


def _normalize_axis_tuple(axis, ndim):
    if type(axis) not in (tuple, list):
        try:
            axis = [_operator.index(axis)]
        except TypeError:
            pass
    axis = tuple(_normalize_axis(ax, ndim) for ax in axis)
    if len(set(axis)) != len(axis):
        raise ValueError("repeated axis")
    return axis


def _scalar_result(r):
    """``result[()]``: a 0-d array as its NumPy scalar."""
    return r[()] if isinstance(r, _f.ndarray) and r.ndim == 0 else r


# ---- comparisons ----------------------------------------------------------------------------

def isclose(a, b, rtol=1.e-5, atol=1.e-8, equal_nan=False):
    """Element-wise ``|a - b| <= atol + rtol * |b|``, NumPy's formula and dtype rules; one fused
    pass in the engine where both are arrays of one inexact dtype and shape."""
    if type(rtol) in (float, int) and type(atol) in (float, int) and rtol == rtol and atol == atol \
            and abs(rtol) != float("inf") and abs(atol) != float("inf"):
        r = _f._isclose(a, b, float(rtol), float(atol), _builtins.bool(equal_nan), False)
        if r is not None:
            return _scalar_result(r)
    x, y, atol, rtol = (v if isinstance(v, (int, float, complex)) else _asarray(v) for v in (a, b, atol, rtol))
    if (dtype := getattr(y, "dtype", None)) is not None and dtype.kind != "m":
        y = _asarray(y, dtype=_numpy.result_type(dtype, 1.0))
    elif isinstance(y, int):
        y = float(y)
    if not (_f.all(_f.isfinite(atol)) and _f.all(_f.isfinite(rtol))):
        err_s = _numpy.geterr()["invalid"]
        err_msg = f"One of rtol or atol is not valid, atol: {atol}, rtol: {rtol}"
        if err_s == "warn":
            _warnings.warn(err_msg, RuntimeWarning, stacklevel=2)
        elif err_s == "raise":
            raise FloatingPointError(err_msg)
        elif err_s == "print":
            print(err_msg)
    with _numpy.errstate(invalid="ignore"):
        result = _f.bitwise_or(
            _f.bitwise_and(_f.less_equal(_f.absolute(_f.subtract(x, y)),
                                         _f.add(atol, _f.multiply(rtol, _f.absolute(y)))),
                           _f.isfinite(y)),
            _f.equal(x, y))
        if equal_nan:
            result = _f.bitwise_or(result, _f.bitwise_and(_f.isnan(x), _f.isnan(y)))
    return _scalar_result(_asarray(result))


def allclose(a, b, rtol=1.e-5, atol=1.e-8, equal_nan=False):
    """``all(isclose(a, b, ...))`` as a Python bool; fused, with an early exit, where it can."""
    if type(rtol) in (float, int) and type(atol) in (float, int) and rtol == rtol and atol == atol \
            and abs(rtol) != float("inf") and abs(atol) != float("inf"):
        r = _f._isclose(a, b, float(rtol), float(atol), _builtins.bool(equal_nan), True)
        if r is not None:
            return r
    return _builtins.bool(_f.all(isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)))


def array_equal(a1, a2, equal_nan=False):
    """True if the arrays have one shape and equal elements (NaN equal to NaN with
    ``equal_nan``)."""
    try:
        a1, a2 = _asarray(a1), _asarray(a2)
    except Exception:
        return False
    if a1.shape != a2.shape:
        return False
    if not equal_nan:
        return _builtins.bool(_f.all(_f.equal(a1, a2)))
    if a1 is a2:
        return True
    if a1.dtype.kind not in "fc" and a2.dtype.kind not in "fc":
        return _builtins.bool(_f.all(_f.equal(a1, a2)))
    a1nan = _f.isnan(a1)
    if _f.all(a1nan):
        return _builtins.bool(_f.all(_f.isnan(a2)))
    return _builtins.bool(_f.all(_f.bitwise_or(_f.equal(a1, a2), _f.bitwise_and(a1nan, _f.isnan(a2)))))


def array_equiv(a1, a2):
    """True if the arrays broadcast together and are equal element by element."""
    try:
        a1, a2 = _asarray(a1), _asarray(a2)
    except Exception:
        return False
    try:
        _f.broadcast_shapes(a1.shape, a2.shape)
    except Exception:
        return False
    return _builtins.bool(_f.all(_f.equal(a1, a2)))


# ---- differences ----------------------------------------------------------------------------

def diff(a, n=1, axis=-1, prepend=_NoValue, append=_NoValue):
    """The n-th discrete difference along ``axis`` (``not_equal`` for bool, as NumPy)."""
    if n == 0:
        return a
    if n < 0:
        raise ValueError("order must be non-negative but got " + repr(n))
    a = _asarray(a)
    nd = a.ndim
    if nd == 0:
        raise ValueError("diff requires input that is at least one dimensional")
    axis = _normalize_axis(axis, nd)
    if prepend is _NoValue and append is _NoValue:
        # The slicing and subtracting rounds in one engine call.
        return _f._diff(a, _operator.index(n), axis)
    combined = []
    for extra in (prepend, None, append):
        if extra is None:
            combined.append(a)
        elif extra is not _NoValue:
            extra = _asarray(extra)
            if extra.ndim == 0:
                shape = list(a.shape)
                shape[axis] = 1
                extra = _f.broadcast_to(extra, tuple(shape))
            combined.append(extra)
    if len(combined) > 1:
        from ._manip import concatenate
        a = concatenate(combined, axis)
    hi = (slice(None),) * axis + (slice(1, None),)
    lo = (slice(None),) * axis + (slice(None, -1),)
    op = _f.not_equal if a.dtype == _numpy.bool_ else _f.subtract
    for _ in range(n):
        a = op(a[hi], a[lo])
    return a


def ediff1d(ary, to_end=None, to_begin=None):
    """Differences of consecutive elements of the flattened array, with values added at the
    ends (cast to its dtype under NumPy's same_kind rule)."""
    ary = _f.ravel(_asarray(ary))
    dtype_req = ary.dtype
    if to_begin is None and to_end is None:
        return _f.subtract(ary[1:], ary[:-1])

    def _extra(v, name):
        if v is None:
            return None
        v = _asarray(v)
        if not _numpy.can_cast(v.dtype, dtype_req, casting="same_kind"):
            raise TypeError(f"dtype of `{name}` must be compatible with input `ary` under the "
                            "`same_kind` rule.")
        return _f.ravel(v)

    to_begin = _extra(to_begin, "to_begin")
    to_end = _extra(to_end, "to_end")
    l_b = 0 if to_begin is None else len(to_begin)
    l_e = 0 if to_end is None else len(to_end)
    l_diff = max(len(ary) - 1, 0)
    result = _f.empty((l_diff + l_b + l_e,) + ary.shape[1:], dtype=ary.dtype)
    if l_b:
        result[:l_b] = to_begin
    if l_e:
        result[l_b + l_diff:] = to_end
    _f.subtract(ary[1:], ary[:-1], out=result[l_b:l_b + l_diff])
    return result


def _uniform_spacing(d):
    """A scalar spacing as the float the engine computes with, or None where NumPy's
    arithmetic with it differs from a Python float's: NumPy scalars are not weak (they
    promote), zero raises ZeroDivisionError in ``-1.5 / dx``, and an integer too large for
    float16 does not convert exactly."""
    if type(d) is float:
        return d if d != 0.0 else None
    if type(d) is int and d != 0 and -2048 <= d <= 2048:
        return float(d)
    return None


def gradient(f, *varargs, axis=None, edge_order=1):
    """NumPy's gradient: second-order central differences inside, first- or second-order
    one-sided ones at the edges, for scalar or per-point spacings."""
    f = _asarray(f)
    N = f.ndim
    axes = tuple(range(N)) if axis is None else _normalize_axis_tuple(axis, N)
    len_axes = len(axes)
    n = len(varargs)
    if n == 0:
        dx = [1.0] * len_axes
    elif n == 1 and _ndim(varargs[0]) == 0:
        dx = list(varargs) * len_axes
    elif n == len_axes:
        dx = list(varargs)
        for i, distances in enumerate(dx):
            distances = _asarray(distances)
            if distances.ndim == 0:
                continue
            elif distances.ndim != 1:
                raise ValueError("distances must be either scalars or 1d")
            if len(distances) != f.shape[axes[i]]:
                raise ValueError("when 1d, distances must match the length of the corresponding dimension")
            if distances.dtype.kind in "iu":
                distances = distances.astype(_numpy.float64)
            diffx = diff(distances)
            if _f.all(_f.equal(diffx, diffx[0])):
                diffx = diffx[0]
            dx[i] = diffx
    else:
        raise TypeError("invalid number of arguments")
    if edge_order > 2:
        raise ValueError("'edge_order' greater than 2 not supported")
    if len_axes and edge_order in (1, 2) and type(edge_order) is int and f.dtype.kind in "fiu" \
            and type(f) is _f.ndarray:
        spacings = [_uniform_spacing(d) for d in dx]
        if None not in spacings:
            for ax in axes:
                if f.shape[ax] < edge_order + 1:
                    raise ValueError("Shape of array too small to calculate a numerical gradient, "
                                     "at least (edge_order + 1) elements are required.")
            # The whole gradient in one engine pass; None where a floating-point flag was
            # raised, which the ufunc composition below reports as NumPy does.
            r = _f._gradient(f, list(axes), spacings, edge_order)
            if r is not None:
                return r[0] if len_axes == 1 else r
    otype = f.dtype
    if otype.kind not in "fc":
        if otype.kind in "iu":
            f = f.astype(_numpy.float64)
        otype = _numpy.dtype(_numpy.float64)
    outvals = []
    for ax, ax_dx in zip(axes, dx):
        if f.shape[ax] < edge_order + 1:
            raise ValueError("Shape of array too small to calculate a numerical gradient, "
                             "at least (edge_order + 1) elements are required.")
        pre = (slice(None),) * ax

        def at(s):
            return f[pre + (s,)]

        out = _f.empty_like(f, dtype=otype)
        uniform = _ndim(ax_dx) == 0
        inner = out[pre + (slice(1, -1),)]
        if uniform:
            if f.dtype == otype:
                # NumPy's (f[2:] - f[:-2]) / (2. * dx), written into the result directly.
                _f.subtract(at(slice(2, None)), at(slice(None, -2)), out=inner)
                _f.true_divide(inner, 2. * ax_dx, out=inner)
            else:
                inner[...] = (at(slice(2, None)) - at(slice(None, -2))) / (2. * ax_dx)
        else:
            dx1 = ax_dx[0:-1]
            dx2 = ax_dx[1:]
            a = -(dx2) / (dx1 * (dx1 + dx2))
            b = (dx2 - dx1) / (dx1 * dx2)
            c = dx1 / (dx2 * (dx1 + dx2))
            shape = [1] * N
            shape[ax] = -1
            a, b, c = a.reshape(shape), b.reshape(shape), c.reshape(shape)
            inner[...] = a * at(slice(None, -2)) + b * at(slice(1, -1)) + c * at(slice(2, None))
        if edge_order == 1:
            dx_0 = ax_dx if uniform else ax_dx[0]
            out[pre + (0,)] = (at(1) - at(0)) / dx_0
            dx_n = ax_dx if uniform else ax_dx[-1]
            out[pre + (-1,)] = (at(-1) - at(-2)) / dx_n
        else:
            if uniform:
                a, b, c = -1.5 / ax_dx, 2. / ax_dx, -0.5 / ax_dx
            else:
                dx1, dx2 = ax_dx[0], ax_dx[1]
                a = -(2. * dx1 + dx2) / (dx1 * (dx1 + dx2))
                b = (dx1 + dx2) / (dx1 * dx2)
                c = - dx1 / (dx2 * (dx1 + dx2))
            out[pre + (0,)] = a * at(0) + b * at(1) + c * at(2)
            if uniform:
                a, b, c = 0.5 / ax_dx, -2. / ax_dx, 1.5 / ax_dx
            else:
                dx1, dx2 = ax_dx[-2], ax_dx[-1]
                a = (dx2) / (dx1 * (dx1 + dx2))
                b = - (dx2 + dx1) / (dx1 * dx2)
                c = (2. * dx2 + dx1) / (dx2 * (dx1 + dx2))
            out[pre + (-1,)] = a * at(-3) + b * at(-2) + c * at(-1)
        outvals.append(out)
    if len_axes == 1:
        return outvals[0]
    return tuple(outvals)


# ---- interpolation and integration ---------------------------------------------------------

def _check_1d(a, given=None):
    """NumPy's ``PyArray_FromAny(.., 1, 1)`` check of a 1-d argument, with its messages (a
    nested sequence fails while it is converted, with another one)."""
    if a.ndim == 0:
        raise ValueError("object of too small depth for desired array")
    if a.ndim > 1:
        if isinstance(given, (list, tuple)):
            raise ValueError("setting an array element with a sequence. The requested array would "
                             "exceed the maximum number of dimension of 1.")
        raise ValueError("object too deep for desired array")


def interp(x, xp, fp, left=None, right=None, period=None):
    """One-dimensional piecewise-linear interpolation: NumPy's compiled algorithm, in the
    engine (float64 result, complex128 for complex ``fp``)."""
    if period is None and type(x) is _f.ndarray and type(xp) is _f.ndarray and type(fp) is _f.ndarray \
            and xp.ndim == 1 and fp.ndim == 1 and xp.shape[0] and x.dtype.kind != "c" \
            and xp.dtype.kind != "c":
        # Arrays that pass every check below: straight to the engine.
        return _f._interp(x, xp, fp, left, right, None)
    fp = _asarray(fp)
    complex_fp = fp.dtype.kind == "c"
    if period is not None:
        if period == 0:
            raise ValueError("period must be a non-zero value")
        x = _asarray(x, dtype=_numpy.float64)
        xp = _asarray(xp, dtype=_numpy.float64)
        fp = _asarray(fp, dtype=_numpy.complex128 if complex_fp else _numpy.float64)
        if xp.ndim != 1 or fp.ndim != 1:
            raise ValueError("Data points must be 1-D sequences")
        if xp.shape[0] != fp.shape[0]:
            raise ValueError("fp and xp are not of the same length")
        if xp.shape[0] == 0:
            raise ValueError("array of sample points is empty")
        return _f._interp(x, xp, fp, None, None, float(abs(period)))
    given_xp, given_x = xp, x
    if isinstance(x, complex):
        raise TypeError("float() argument must be a string or a real number, not 'complex'")
    xp = _asarray(xp)
    x = _asarray(x)
    _check_1d(fp)
    _check_1d(xp, given_xp)
    for arr, given in ((x, given_x), (xp, given_xp)) + (() if complex_fp else ((fp, fp),)):
        if arr.dtype.kind == "c":
            if isinstance(given, (list, tuple)):
                # NumPy converts a sequence element by element with float().
                raise TypeError("float() argument must be a string or a real number, not 'complex'")
            raise TypeError(f"Cannot cast array data from {arr.dtype!r} to dtype('float64') "
                            "according to the rule 'safe'")
    if xp.size == 0:
        raise ValueError("array of sample points is empty")
    return _f._interp(x, xp, fp, left, right, None)


def trapezoid(y, x=None, dx=1.0, axis=-1):
    """Integral along ``axis`` by the composite trapezoidal rule: one engine pass for float
    ``y`` with a Python-number ``dx`` or ``x`` of ``y``'s dtype, else NumPy's ufunc chain."""
    y = _asarray(y)
    if x is not None:
        x = _asarray(x)
    # (A subclass keeps its type through NumPy's ufunc chain, so it takes that.)
    if y.dtype.kind == "f" and type(axis) is int and -y.ndim <= axis < y.ndim and type(y) is _f.ndarray \
            and (x is None or type(x) is _f.ndarray):
        # A Python float ``dx`` (or a small int, exact in float16) is a weak scalar as the
        # engine assumes; NumPy scalars and arrays promote, so they take the chain below.
        if x is not None or type(dx) is float or type(dx) is int and -2048 <= dx <= 2048:
            r = _f._trapezoid(y, x, 1.0 if x is not None else float(dx), axis % y.ndim)
            if r is not None:
                return r
    if x is None:
        d = dx
    else:
        if x.ndim == 1:
            d = diff(x)
            shape = [1] * y.ndim
            shape[axis] = d.shape[0]
            d = d.reshape(shape)
        else:
            d = diff(x, axis=axis)
    nd = y.ndim
    slice1 = [slice(None)] * nd
    slice2 = [slice(None)] * nd
    slice1[axis] = slice(1, None)
    slice2[axis] = slice(None, -1)
    return _f.sum(d * (y[tuple(slice1)] + y[tuple(slice2)]) / 2.0, axis)


def _cumulative(x, fn, identity, axis, dtype, out, include_initial):
    if not isinstance(x, _f.ndarray) or x.ndim == 0:
        x = _f.atleast_1d(x)
    if axis is None:
        if x.ndim >= 2:
            raise ValueError("For arrays which have more than one dimension ``axis`` argument is required.")
        axis = 0
    if out is None and not include_initial:
        # The common call, with the fewest arguments to pass.
        return fn(x, axis) if dtype is None else fn(x, axis, dtype)
    if out is not None and include_initial:
        item = [slice(None)] * x.ndim
        item[axis] = slice(1, None)
        fn(x, axis=axis, dtype=dtype, out=out[tuple(item)])
        item[axis] = 0
        out[tuple(item)] = identity
        return out
    res = fn(x, axis=axis, dtype=dtype, out=out)
    if include_initial:
        shape = list(x.shape)
        shape[_normalize_axis(axis, x.ndim)] = 1
        from ._manip import concatenate
        res = concatenate([_f.full(shape, identity, dtype=res.dtype), res], axis=axis)
    return res


def cumulative_sum(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
    """Running sums (``numpy.cumulative_sum``, NumPy 2.1+: 1-d without ``axis``,
    ``include_initial`` puts the 0 in front)."""
    return _cumulative(x, _f.cumsum, 0, axis, dtype, out, include_initial)


def cumulative_prod(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
    """Running products (``numpy.cumulative_prod``), ``include_initial`` puts the 1 in front."""
    return _cumulative(x, _f.cumprod, 1, axis, dtype, out, include_initial)


# ---- convolution ----------------------------------------------------------------------------

_MODES = {"valid": 0, "same": 1, "full": 2}


def _mode(mode):
    if isinstance(mode, str):
        m = _MODES.get(mode)
        if m is not None:
            return m
        if mode[:1].lower() in ("v", "s", "f"):
            raise ValueError("Use one of 'valid', 'same', or 'full' for convolve/correlate mode")
        raise ValueError(f"mode must be one of 'valid', 'same', or 'full' (got {mode!r})")
    if isinstance(mode, int) and not isinstance(mode, bool) or isinstance(mode, _numpy.integer):
        if mode in (0, 1, 2):
            return int(mode)
        raise ValueError("integer convolve/correlate mode must be 0, 1, or 2")
    raise TypeError("convolve/correlate mode not understood")


def correlate(a, v, mode="valid"):
    """Cross-correlation of two 1-d sequences, ``v`` conjugated (NumPy's ``correlate2``)."""
    ga, gv = a, v
    a, v = _asarray(a), _asarray(v)
    m = _mode(mode)
    _check_1d(a, ga)
    _check_1d(v, gv)
    return _f._correlate(a, v, m, True, True)


def convolve(a, v, mode="full"):
    """Discrete linear convolution of two 1-d sequences (the longer one slides)."""
    m = _MODES.get(mode) if type(mode) is str else None
    if m is not None:
        # One engine call for 0-d and 1-d arguments; None for deeper ones.
        r = _f._convolve(a, v, m)
        if r is not None:
            return r
    a, v = _asarray(a), _asarray(v)
    if a.ndim == 0:
        a = _f.atleast_1d(a)
    if v.ndim == 0:
        v = _f.atleast_1d(v)
    la, lv = len(a), len(v)
    if la == 0:
        raise ValueError("a cannot be empty")
    if lv == 0:
        raise ValueError("v cannot be empty")
    if lv > la:
        a, v = v, a
    m = _MODES.get(mode) if type(mode) is str else None
    if m is None:
        m = _mode(mode)
    if a.ndim != 1 or v.ndim != 1:
        _check_1d(a)
        _check_1d(v)
    return _f._correlate(a, v[::-1], m, False, False)


# ---- covariance ------------------------------------------------------------------------------

def _complex_division(x):
    """Silences the divide-by-zero flag of complex division by a broadcast real divisor: the
    engine's complex division loop raises it spuriously (no value divides by zero there)."""
    import contextlib
    if x.dtype.kind == "c":
        return _numpy.errstate(divide="ignore")
    return contextlib.nullcontext()


def cov(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None, *, dtype=None):
    """Covariance matrix of the rows (``rowvar``) or columns of ``m`` (and ``y``), with
    frequency and reliability weights; NumPy's algorithm (center, then one matrix product)."""
    if ddof is not None and ddof != int(ddof):
        raise ValueError("ddof must be integer")
    m = _asarray(m)
    if m.ndim > 2:
        raise ValueError("m has more than 2 dimensions")
    if y is not None:
        y = _asarray(y)
        if y.ndim > 2:
            raise ValueError("y has more than 2 dimensions")
    if dtype is None:
        dtype = _numpy.result_type(m.dtype, _numpy.float64) if y is None else \
            _numpy.result_type(m.dtype, y.dtype, _numpy.float64)
    X = _f.array(m, ndmin=2, dtype=dtype)
    if not rowvar and m.ndim != 1:
        X = X.T
    if X.shape[0] == 0:
        return _f.array([]).reshape(0, 0)
    if y is not None:
        y = _f.array(y, copy=None, ndmin=2, dtype=dtype)
        if not rowvar and y.shape[0] != 1:
            y = y.T
        from ._manip import concatenate
        X = concatenate((X, y), axis=0)
    if ddof is None:
        ddof = 1 if bias == 0 else 0
    w = None
    if fweights is not None:
        fweights = _asarray(fweights, dtype=float)
        from ._elementwise import around
        if not _f.all(fweights == around(fweights)):
            raise TypeError("fweights must be integer")
        if fweights.ndim > 1:
            raise RuntimeError("cannot handle multidimensional fweights")
        if fweights.shape[0] != X.shape[1]:
            raise RuntimeError("incompatible numbers of samples and fweights")
        if _builtins.any(fweights < 0):
            raise ValueError("fweights cannot be negative")
        w = fweights
    if aweights is not None:
        aweights = _asarray(aweights, dtype=float)
        if aweights.ndim > 1:
            raise RuntimeError("cannot handle multidimensional aweights")
        if aweights.shape[0] != X.shape[1]:
            raise RuntimeError("incompatible numbers of samples and aweights")
        if _builtins.any(aweights < 0):
            raise ValueError("aweights cannot be negative")
        w = aweights if w is None else w * aweights
    with _complex_division(X):
        avg, w_sum = _f.average(X, axis=1, weights=w, returned=True)
    w_sum = w_sum[0]
    if w is None:
        fact = X.shape[1] - ddof
    elif ddof == 0:
        fact = w_sum
    elif aweights is None:
        fact = w_sum - ddof
    else:
        fact = w_sum - ddof * _f.sum(w * aweights) / w_sum
    if fact <= 0:
        _warnings.warn("Degrees of freedom <= 0 for slice", RuntimeWarning, stacklevel=2)
        fact = 0.0
    X -= avg[:, None]
    X_T = X.T if w is None else (X * w).T
    c = _f.dot(X, X_T.conj())
    c *= _f.true_divide(1, fact)
    return _f.squeeze(c)


def corrcoef(x, y=None, rowvar=True, *, dtype=None):
    """Pearson correlation coefficients: ``cov`` scaled by the standard deviations, clipped
    to [-1, 1]."""
    c = cov(x, y, rowvar, dtype=dtype)
    try:
        d = _f.diag(c)
    except ValueError:
        return c / c
    stddev = _f.sqrt(d.real)
    with _complex_division(c):
        c /= stddev[:, None]
        c /= stddev[None, :]
    re = c.real
    re[...] = _f.minimum(_f.maximum(re, -1), 1)
    if c.dtype.kind == "c":
        im = c.imag
        im[...] = _f.minimum(_f.maximum(im, -1), 1)
    return c
