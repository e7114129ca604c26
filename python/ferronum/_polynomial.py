"""NumPy's polynomial functions (``numpy.lib._polynomial_impl``: ``poly``, ``roots``,
``polyint``, ``polyder``, ``polyfit``, ``polyval``, ``polyadd``, ``polysub``, ``polymul``,
``polydiv``) on coefficient arrays, highest power first. NumPy writes them in Python; so does
this module, on ferronum's engine calls (``convolve``, ``linalg.lstsq``, ``linalg.eigvals``).
The ``poly1d`` class is not provided."""

import warnings as _warnings

import numpy as _numpy

from . import _ferronum as _f
from ._numerics import _asarray, allclose, convolve

RankWarning = _numpy.exceptions.RankWarning


def _concat(parts):
    from ._manip import concatenate
    return concatenate(parts)


def poly(seq_of_zeros):
    """Coefficients of the monic polynomial with the given roots (or of a square matrix's
    characteristic polynomial)."""
    from . import linalg
    seq_of_zeros = _f.atleast_1d(_asarray(seq_of_zeros))
    sh = seq_of_zeros.shape
    if len(sh) == 2 and sh[0] == sh[1] and sh[0] != 0:
        seq_of_zeros = linalg.eigvals(seq_of_zeros)
    elif len(sh) == 1:
        seq_of_zeros = seq_of_zeros.astype(_numpy.mintypecode(seq_of_zeros.dtype.char))
    else:
        raise ValueError("input must be 1d or non-empty square 2d array.")
    if len(seq_of_zeros) == 0:
        return 1.0
    dt = seq_of_zeros.dtype
    a = _f.ones((1,), dtype=dt)
    for zero in seq_of_zeros:
        a = convolve(a, _f.array([1, -zero], dtype=dt), mode="full")
    if a.dtype.kind == "c":
        # Real coefficients when the roots come in conjugate pairs (NumPy compares the sorted
        # roots with their sorted conjugates; the roots are few, so Python sorts them).
        zs = [complex(z) for z in _asarray(seq_of_zeros, dtype=_numpy.complex128).tolist()]
        if sorted((z.real, z.imag) for z in zs) == sorted((z.real, -z.imag) for z in zs):
            a = a.real.copy()
    return a


def roots(p):
    """Roots of the polynomial: the eigenvalues of its companion matrix."""
    from . import linalg
    p = _f.atleast_1d(_asarray(p))
    if p.ndim != 1:
        raise ValueError("Input must be a rank-1 array.")
    non_zero = _f.nonzero(_f.ravel(p))[0]
    if len(non_zero) == 0:
        return _f.array([])
    trailing_zeros = len(p) - int(non_zero[-1]) - 1
    p = p[int(non_zero[0]):int(non_zero[-1]) + 1]
    if p.dtype.kind not in "fc":
        p = p.astype(float)
    N = len(p)
    if N > 1:
        A = _f.diag(_f.ones((N - 2,), p.dtype), -1)
        A[0, :] = -p[1:] / p[0]
        r = linalg.eigvals(A)
        if A.dtype.kind != "c" and _f.all(r.imag == 0.0):
            r = r.real.astype(A.dtype)
        else:
            r = r.astype(_numpy.result_type(A.dtype, _numpy.complex64))
    else:
        r = _f.array([])
    return _concat((r, _f.zeros(trailing_zeros, r.dtype)))


def polyint(p, m=1, k=None):
    """The ``m``-th antiderivative, with integration constants ``k``."""
    m = int(m)
    if m < 0:
        raise ValueError("Order of integral must be positive (see polyder)")
    if k is None:
        k = _f.zeros(m, float)
    k = _f.atleast_1d(_asarray(k))
    if len(k) == 1 and m > 1:
        k = k[0] * _f.ones(m, float)
    if len(k) < m:
        raise ValueError("k must be a scalar or a rank-1 array of length 1 or >m.")
    p = _asarray(p)
    if m == 0:
        return p
    y = _concat((p / _f.arange(len(p), 0, -1), k[:1]))
    return polyint(y, m - 1, k=k[1:])


def polyder(p, m=1):
    """The ``m``-th derivative."""
    m = int(m)
    if m < 0:
        raise ValueError("Order of derivative must be positive (see polyint)")
    p = _asarray(p)
    n = len(p) - 1
    y = p[:-1] * _f.arange(n, 0, -1)
    return p if m == 0 else polyder(y, m - 1)


def polyval(p, x):
    """The polynomial at ``x`` by Horner's rule, in ``x``'s dtype promoted with ``p``'s."""
    p = _asarray(p)
    x = _asarray(x)
    y = _f.zeros_like(x)
    for pv in p:
        y = y * x + pv
    return y


def _pad_front(a, n):
    return _concat((_f.zeros(n, a.dtype), a))


def polyadd(a1, a2):
    """The sum of two polynomials."""
    a1, a2 = _f.atleast_1d(_asarray(a1)), _f.atleast_1d(_asarray(a2))
    d = len(a2) - len(a1)
    if d > 0:
        a1 = _pad_front(a1, d)
    elif d < 0:
        a2 = _pad_front(a2, -d)
    return a1 + a2


def polysub(a1, a2):
    """The difference of two polynomials."""
    a1, a2 = _f.atleast_1d(_asarray(a1)), _f.atleast_1d(_asarray(a2))
    d = len(a2) - len(a1)
    if d > 0:
        a1 = _pad_front(a1, d)
    elif d < 0:
        a2 = _pad_front(a2, -d)
    return a1 - a2


def _trimmed(c):
    """``poly1d``'s coefficients: leading zeros dropped (a single 0 left of a zero one)."""
    c = _f.atleast_1d(_asarray(c))
    if c.ndim > 1:
        raise ValueError("Polynomial must be 1d only.")
    nz = _f.nonzero(c)[0]
    if len(nz) == 0:
        return _f.array([0], dtype=c.dtype)
    return c[int(nz[0]):]


def polymul(a1, a2):
    """The product of two polynomials."""
    return convolve(_trimmed(a1), _trimmed(a2))


def polydiv(u, v):
    """Quotient and remainder of polynomial division."""
    u = _f.atleast_1d(_asarray(u)) + 0.0
    v = _f.atleast_1d(_asarray(v)) + 0.0
    w = u[0] + v[0]
    m = len(u) - 1
    n = len(v) - 1
    scale = 1. / v[0]
    q = _f.zeros((max(m - n + 1, 1),), w.dtype)
    r = u.astype(w.dtype)
    for k in range(m - n + 1):
        d = scale * r[k]
        q[k] = d
        r[k:k + n + 1] -= d * v
    while allclose(r[0], 0, rtol=1e-14) and (r.shape[-1] > 1):
        r = r[1:]
    return q, r


def polyfit(x, y, deg, rcond=None, full=False, w=None, cov=False):
    """Least-squares polynomial fit (``linalg.lstsq`` on the scaled Vandermonde matrix), with
    NumPy's checks, RankWarning, ``full`` diagnostics and ``cov``."""
    from . import linalg
    order = int(deg) + 1
    x = _asarray(x) + 0.0
    y = _asarray(y) + 0.0
    if deg < 0:
        raise ValueError("expected deg >= 0")
    if x.ndim != 1:
        raise TypeError("expected 1D vector for x")
    if x.size == 0:
        raise TypeError("expected non-empty vector for x")
    if y.ndim < 1 or y.ndim > 2:
        raise TypeError("expected 1D or 2D array for y")
    if x.shape[0] != y.shape[0]:
        raise TypeError("expected x and y to have same length")
    if rcond is None:
        rcond = len(x) * _numpy.finfo(x.dtype).eps
    lhs = _f.vander(x, order)
    rhs = y
    if w is not None:
        w = _asarray(w) + 0.0
        if w.ndim != 1:
            raise TypeError("expected a 1-d array for weights")
        if w.shape[0] != y.shape[0]:
            raise TypeError("expected w and y to have the same length")
        lhs *= w[:, None]
        if rhs.ndim == 2:
            rhs *= w[:, None]
        else:
            rhs *= w
    scale = _f.sqrt((lhs * lhs).sum(axis=0))
    lhs /= scale
    c, resids, rank, s = linalg.lstsq(lhs, rhs, rcond)
    c = (c.T / scale).T
    if rank != order and not full:
        _warnings.warn("Polyfit may be poorly conditioned", RankWarning, stacklevel=2)
    if full:
        return c, resids, rank, s, rcond
    elif cov:
        Vbase = linalg.inv(_f.dot(lhs.T, lhs))
        Vbase /= _f.outer(scale, scale)
        if cov == "unscaled":
            fac = 1
        else:
            if len(x) <= order:
                raise ValueError("the number of data points must exceed order to scale the covariance matrix")
            fac = resids / (len(x) - order)
        if y.ndim == 1:
            return c, Vbase * fac
        return c, Vbase[:, :, None] * fac
    return c
