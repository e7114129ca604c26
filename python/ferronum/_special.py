"""NumPy's window functions (``hanning``, ``hamming``, ``blackman``, ``bartlett``,
``kaiser``), ``sinc``, ``i0``, ``unwrap`` and ``piecewise``: Python compositions of ferronum
engine calls, following NumPy's own Python code step by step so the values agree."""

import builtins as _builtins
import collections.abc as _abc

import numpy as _numpy

from . import _ferronum as _f
from ._numerics import _asarray, _normalize_axis, diff

_pi = _numpy.pi


def _window_length(M):
    """NumPy's ``values = array([0.0, M]); M = values[1]``: M as a float64 scalar."""
    return _f.array([0.0, M])[1]


def _window(M, body):
    M = _window_length(M)
    if M < 1:
        return _f.array([], dtype=_numpy.float64)
    if M == 1:
        return _f.ones(1, dtype=_numpy.float64)
    n = _f.arange(1 - M, M, 2)
    return body(n, M)


def hanning(M):
    """The Hann window of ``M`` points."""
    return _window(M, lambda n, M: 0.5 + 0.5 * _f.cos(_pi * n / (M - 1)))


def hamming(M):
    """The Hamming window of ``M`` points."""
    return _window(M, lambda n, M: 0.54 + 0.46 * _f.cos(_pi * n / (M - 1)))


def blackman(M):
    """The Blackman window of ``M`` points."""
    return _window(M, lambda n, M: 0.42 + 0.5 * _f.cos(_pi * n / (M - 1))
                   + 0.08 * _f.cos(2.0 * _pi * n / (M - 1)))


def bartlett(M):
    """The Bartlett (triangular) window of ``M`` points."""
    return _window(M, lambda n, M: _f.where(_f.less_equal(n, 0), 1 + n / (M - 1), 1 - n / (M - 1)))


def kaiser(M, beta):
    """The Kaiser window of ``M`` points and shape ``beta``."""
    values = _f.array([0.0, M, beta])
    M, beta = values[1], values[2]
    if M == 1:
        return _f.ones(1, dtype=_numpy.float64)
    n = _f.arange(0, M)
    alpha = (M - 1) / 2.0
    return i0(beta * _f.sqrt(1 - ((n - alpha) / alpha) ** 2.0)) / i0(beta)


def sinc(x):
    """``sin(pi x) / (pi x)``, 1 at 0."""
    x = _asarray(x)
    x = _pi * x
    eps = _numpy.finfo(x.dtype).eps if x.dtype.kind == "f" else 1e-20
    y = _f.where(x, x, eps)
    return _f.sin(y) / y


# Chebyshev coefficients of NumPy's i0 (Cephes): exp(-x) I0(x) on [0, 8], and
# exp(-x) sqrt(x) I0(x) on [8, inf).
_i0A = [
    -4.41534164647933937950E-18,
    3.33079451882223809783E-17,
    -2.43127984654795469359E-16,
    1.71539128555513303061E-15,
    -1.16853328779934516808E-14,
    7.67618549860493561688E-14,
    -4.85644678311192946090E-13,
    2.95505266312963983461E-12,
    -1.72682629144155570723E-11,
    9.67580903537323691224E-11,
    -5.18979560163526290666E-10,
    2.65982372468238665035E-9,
    -1.30002500998624804212E-8,
    6.04699502254191894932E-8,
    -2.67079385394061173391E-7,
    1.11738753912010371815E-6,
    -4.41673835845875056359E-6,
    1.64484480707288970893E-5,
    -5.75419501008210370398E-5,
    1.88502885095841655729E-4,
    -5.76375574538582365885E-4,
    1.63947561694133579842E-3,
    -4.32430999505057594430E-3,
    1.05464603945949983183E-2,
    -2.37374148058994688156E-2,
    4.93052842396707084878E-2,
    -9.49010970480476444210E-2,
    1.71620901522208775349E-1,
    -3.04682672343198398683E-1,
    6.76795274409476084995E-1
    ]

_i0B = [
    -7.23318048787475395456E-18,
    -4.83050448594418207126E-18,
    4.46562142029675999901E-17,
    3.46122286769746109310E-17,
    -2.82762398051658348494E-16,
    -3.42548561967721913462E-16,
    1.77256013305652638360E-15,
    3.81168066935262242075E-15,
    -9.55484669882830764870E-15,
    -4.15056934728722208663E-14,
    1.54008621752140982691E-14,
    3.85277838274214270114E-13,
    7.18012445138366623367E-13,
    -1.79417853150680611778E-12,
    -1.32158118404477131188E-11,
    -3.14991652796324136454E-11,
    1.18891471078464383424E-11,
    4.94060238822496958910E-10,
    3.39623202570838634515E-9,
    2.26666899049817806459E-8,
    2.04891858946906374183E-7,
    2.89137052083475648297E-6,
    6.88975834691682398426E-5,
    3.36911647825569408990E-3,
    8.04490411014108831608E-1
    ]




def _chbevl(x, vals):
    b0 = vals[0]
    b1 = 0.0
    for i in range(1, len(vals)):
        b2 = b1
        b1 = b0
        b0 = x * b1 - b2 + vals[i]
    return 0.5 * (b0 - b2)


def _i0_1(x):
    return _f.exp(x) * _chbevl(x / 2.0 - 2, _i0A)


def _i0_2(x):
    half_exp = _f.exp(0.5 * x)
    return half_exp * (_chbevl(32.0 / x - 2.0, _i0B) / _f.sqrt(x)) * half_exp


def i0(x):
    """The modified Bessel function of the first kind, order 0 (NumPy's Cephes series)."""
    x = _asarray(x)
    if x.dtype.kind == "c":
        raise TypeError("i0 not supported for complex values")
    if x.dtype.kind != "f":
        x = x.astype(float)
    x = _f.absolute(x)
    return piecewise(x, [x <= 8.0], [_i0_1, _i0_2])


def unwrap(p, discont=None, axis=-1, *, period=2 * _pi):
    """Unwraps phase jumps larger than ``discont`` by adding multiples of ``period``."""
    p = _asarray(p)
    nd = p.ndim
    axis = _normalize_axis(axis, nd)
    if discont is None:
        discont = period / 2
    dd = diff(p, axis=axis)
    slice1 = (slice(None),) * axis + (slice(1, None),)
    dtype = _numpy.result_type(dd.dtype, period)
    if dtype.kind in "iu":
        interval_high, rem = divmod(period, 2)
        boundary_ambiguous = rem == 0
    else:
        interval_high = period / 2
        boundary_ambiguous = True
    interval_low = -interval_high
    ddmod = _f.mod(dd - interval_low, period) + interval_low
    if boundary_ambiguous:
        _f.copyto(ddmod, interval_high, where=(ddmod == interval_low) & (dd > 0))
    ph_correct = ddmod - dd
    _f.copyto(ph_correct, 0, where=_f.absolute(dd) < discont)
    up = _f.array(p, dtype=dtype, copy=True)
    up[slice1] = p[slice1] + _f.cumsum(ph_correct, axis)
    return up


def piecewise(x, condlist, funclist, *args, **kw):
    """``funclist[i]`` (a function of the selected values, or a value) where ``condlist[i]``
    holds; an extra function is the "otherwise" case."""
    x = _asarray(x)
    n2 = len(funclist)
    if _numpy.isscalar(condlist) or isinstance(condlist, _numpy.generic) or (
            not isinstance(condlist[0], (list, _f.ndarray, _numpy.ndarray)) and x.ndim != 0):
        condlist = [condlist]
    condlist = _f.asarray(condlist, dtype=bool)
    n = len(condlist)
    if n == n2 - 1:
        condelse = _f.logical_not(_f.any(condlist, axis=0, keepdims=True))
        from ._manip import concatenate
        condlist = concatenate([condlist, condelse], axis=0)
        n += 1
    elif n != n2:
        raise ValueError(f"with {n} condition(s), either {n} or {n + 1} functions are expected")
    y = _f.zeros_like(x)
    for cond, func in zip(condlist, funclist):
        if not isinstance(func, _abc.Callable):
            y[cond] = func
        else:
            vals = x[cond]
            if vals.size > 0:
                y[cond] = func(vals, *args, **kw)
    return y


_ = _builtins
