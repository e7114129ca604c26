"""NumPy's polynomial functions (``numpy.lib._polynomial_impl``: ``poly``, ``roots``,
``polyint``, ``polyder``, ``polyfit``, ``polyval``, ``polyadd``, ``polysub``, ``polymul``,
``polydiv``) on coefficient arrays, highest power first. NumPy writes them in Python; so does
this module, on ferronum's engine calls (``convolve``, ``linalg.lstsq``, ``linalg.eigvals``), and the
``poly1d`` class over them. As in NumPy, a ``poly1d`` argument makes ``polyadd``, ``polysub``,
``polymul``, ``polydiv``, ``polyint`` and ``polyder`` return ``poly1d``."""

import re as _re
import warnings as _warnings

import numpy as _numpy

from . import _ferronum as _f
from ._numerics import _asarray, allclose, convolve

RankWarning = _numpy.exceptions.RankWarning


def _coeffs(p):
    """A coefficient array: a ``poly1d``'s own coefficients, else the array of ``p``."""
    return p.coeffs if isinstance(p, poly1d) else _asarray(p)


def _is_poly(*ps):
    return any(isinstance(p, poly1d) for p in ps)


def _concat(parts):
    from ._manip import concatenate
    return concatenate(parts)


def poly(seq_of_zeros):
    """Coefficients of the monic polynomial with the given roots (or of a square matrix's
    characteristic polynomial)."""
    from . import linalg
    seq_of_zeros = _f.atleast_1d(_coeffs(seq_of_zeros))
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
    p = _f.atleast_1d(_coeffs(p))
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
    truepoly = _is_poly(p)
    p = _coeffs(p)
    if m == 0:
        return poly1d(p) if truepoly else p
    y = _concat((p / _f.arange(len(p), 0, -1), k[:1]))
    val = polyint(y, m - 1, k=k[1:])
    return poly1d(val) if truepoly else val


def polyder(p, m=1):
    """The ``m``-th derivative."""
    m = int(m)
    if m < 0:
        raise ValueError("Order of derivative must be positive (see polyint)")
    truepoly = _is_poly(p)
    p = _coeffs(p)
    n = len(p) - 1
    y = p[:-1] * _f.arange(n, 0, -1)
    val = p if m == 0 else polyder(y, m - 1)
    return poly1d(val) if truepoly else val


def polyval(p, x):
    """The polynomial at ``x`` by Horner's rule, in ``x``'s dtype promoted with ``p``'s."""
    p = _coeffs(p)
    if isinstance(x, poly1d):
        # A polynomial argument composes: p(x(t)) as a poly1d.
        y = 0
    else:
        x = _asarray(x)
        y = _f.zeros_like(x)
    for pv in p:
        y = y * x + pv
    return y


def _pad_front(a, n):
    return _concat((_f.zeros(n, a.dtype), a))


def polyadd(a1, a2):
    """The sum of two polynomials."""
    truepoly = _is_poly(a1, a2)
    a1, a2 = _f.atleast_1d(_coeffs(a1)), _f.atleast_1d(_coeffs(a2))
    d = len(a2) - len(a1)
    if d > 0:
        a1 = _pad_front(a1, d)
    elif d < 0:
        a2 = _pad_front(a2, -d)
    val = a1 + a2
    return poly1d(val) if truepoly else val


def polysub(a1, a2):
    """The difference of two polynomials."""
    truepoly = _is_poly(a1, a2)
    a1, a2 = _f.atleast_1d(_coeffs(a1)), _f.atleast_1d(_coeffs(a2))
    d = len(a2) - len(a1)
    if d > 0:
        a1 = _pad_front(a1, d)
    elif d < 0:
        a2 = _pad_front(a2, -d)
    val = a1 - a2
    return poly1d(val) if truepoly else val


def _trimmed(c):
    """``poly1d``'s coefficients: leading zeros dropped (a single 0 left of a zero one)."""
    c = _f.atleast_1d(_coeffs(c))
    if c.ndim > 1:
        raise ValueError("Polynomial must be 1d only.")
    nz = _f.nonzero(c)[0]
    if len(nz) == 0:
        return _f.array([0], dtype=c.dtype)
    return c[int(nz[0]):]


def polymul(a1, a2):
    """The product of two polynomials."""
    val = convolve(_trimmed(a1), _trimmed(a2))
    return poly1d(val) if _is_poly(a1, a2) else val


def polydiv(u, v):
    """Quotient and remainder of polynomial division."""
    truepoly = _is_poly(u, v)
    u = _f.atleast_1d(_coeffs(u)) + 0.0
    v = _f.atleast_1d(_coeffs(v)) + 0.0
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
    return (poly1d(q), poly1d(r)) if truepoly else (q, r)


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


# --------------------------------------------------------------------------- poly1d ---
_POWER = _re.compile(r"\*\*([0-9]*)")


def _raise_power(text, wrap=70):
    """``poly1d.__str__``'s two-line layout: each ``**n`` becomes ``n`` on the line above the
    term, both lines wrapped at ``wrap`` columns, as NumPy prints it."""
    pos, top, bottom, out = 0, "", "", " "
    for m in _POWER.finditer(text):
        power, part = m.group(1), text[pos:m.start()]
        pos = m.end()
        add_bottom = part + " " * (len(power) - 1)
        add_top = " " * (len(part) - 1) + power
        if len(bottom) + len(add_bottom) > wrap or len(top) + len(add_top) > wrap:
            out += top + "\n" + bottom + "\n "
            top, bottom = add_top, add_bottom
        else:
            top, bottom = top + add_top, bottom + add_bottom
    return out + top + "\n" + bottom + text[pos:]


def _fmt_coef(q):
    s = f"{q:.4g}"
    return s[:-5] if s.endswith(".0000") else s


class poly1d:
    """NumPy's one-dimensional polynomial class: coefficients highest power first (or the
    roots, with ``r=True``), arithmetic with other polynomials and scalars, evaluation."""

    __hash__ = None
    __module__ = "ferronum"

    def __init__(self, c_or_r, r=False, variable=None):
        if isinstance(c_or_r, poly1d):
            self._variable = c_or_r._variable
            self._coeffs = c_or_r._coeffs
            extra = set(c_or_r.__dict__) - set(self.__dict__)
            if extra:
                _warnings.warn("In the future extra properties will not be copied across when constructing one "
                               "poly1d from another", FutureWarning, stacklevel=2)
                self.__dict__.update(c_or_r.__dict__)
            if variable is not None:
                self._variable = variable
            return
        if r:
            c_or_r = poly(c_or_r)
        self._coeffs = _trimmed(c_or_r)
        self._variable = "x" if variable is None else variable

    # Stored in __dict__['coeffs'], where SciPy looks for it.
    @property
    def _coeffs(self):
        return self.__dict__["coeffs"]

    @_coeffs.setter
    def _coeffs(self, c):
        self.__dict__["coeffs"] = c

    @property
    def coeffs(self):
        return self._coeffs

    @coeffs.setter
    def coeffs(self, value):
        # ``p.coeffs *= 2`` assigns the same array back: allowed; anything else is not.
        if value is not self._coeffs:
            raise AttributeError("Cannot set attribute")

    c = coef = coefficients = coeffs

    @property
    def variable(self):
        return self._variable

    @property
    def order(self):
        return len(self._coeffs) - 1

    o = order

    @property
    def roots(self):
        return roots(self._coeffs)

    r = roots

    def __array__(self, dtype=None, copy=None):
        return self.coeffs.__array__(dtype, copy=copy) if dtype else self.coeffs.__array__(copy=copy)

    def __repr__(self):
        return f"poly1d({repr(self.coeffs)[6:-1]})"

    def __len__(self):
        return self.order

    def __str__(self):
        from . import imag, iscomplex, logical_or, real
        var = self.variable
        coeffs = self.coeffs[logical_or.accumulate(self.coeffs != 0)]
        n = len(coeffs) - 1
        text = "0"
        for k, coeff in enumerate(coeffs):
            if not iscomplex(coeff):
                cs = _fmt_coef(real(coeff))
            elif real(coeff) == 0:
                cs = f"{_fmt_coef(imag(coeff))}j"
            else:
                cs = f"({_fmt_coef(real(coeff))} + {_fmt_coef(imag(coeff))}j)"
            power = n - k
            if power == 0:
                term = cs if cs != "0" else ("0" if k == 0 else "")
            elif cs == "0":
                term = ""
            elif power == 1:
                term = var if cs == "b" else f"{cs} {var}"
            else:
                term = f"{var}**{power}" if cs == "b" else f"{cs} {var}**{power}"
            if k == 0:
                text = term
            elif term:
                text = f"{text} - {term[1:]}" if term.startswith("-") else f"{text} + {term}"
        return _raise_power(text)

    def __call__(self, val):
        return polyval(self.coeffs, val)

    def __neg__(self):
        return poly1d(-self.coeffs)

    def __pos__(self):
        return self

    def __mul__(self, other):
        from . import isscalar
        if isscalar(other):
            return poly1d(self.coeffs * other)
        return poly1d(polymul(self.coeffs, poly1d(other).coeffs))

    def __rmul__(self, other):
        from . import isscalar
        if isscalar(other):
            return poly1d(other * self.coeffs)
        return poly1d(polymul(self.coeffs, poly1d(other).coeffs))

    def __add__(self, other):
        return poly1d(polyadd(self.coeffs, poly1d(other).coeffs))

    __radd__ = __add__

    def __pow__(self, val):
        from . import isscalar
        if not isscalar(val) or int(val) != val or val < 0:
            raise ValueError("Power to non-negative integers only.")
        res = [1]
        for _ in range(val):
            res = polymul(self.coeffs, res)
        return poly1d(res)

    def __sub__(self, other):
        return poly1d(polysub(self.coeffs, poly1d(other).coeffs))

    def __rsub__(self, other):
        return poly1d(polysub(poly1d(other).coeffs, self.coeffs))

    def __truediv__(self, other):
        from . import isscalar
        if isscalar(other):
            return poly1d(self.coeffs / other)
        return polydiv(self, poly1d(other))

    def __rtruediv__(self, other):
        from . import isscalar
        if isscalar(other):
            return poly1d(other / self.coeffs)
        return polydiv(poly1d(other), self)

    def __eq__(self, other):
        if not isinstance(other, poly1d):
            return NotImplemented
        if self.coeffs.shape != other.coeffs.shape:
            return False
        return (self.coeffs == other.coeffs).all()

    def __ne__(self, other):
        if not isinstance(other, poly1d):
            return NotImplemented
        return not self.__eq__(other)

    def __getitem__(self, val):
        if val > self.order or val < 0:
            return self.coeffs.dtype.type(0)
        return self.coeffs[self.order - val]

    def __setitem__(self, key, val):
        if key < 0:
            raise ValueError("Does not support negative powers.")
        ind = self.order - key
        if key > self.order:
            self._coeffs = _concat((_f.zeros(key - self.order, self.coeffs.dtype), self.coeffs))
            ind = 0
        self._coeffs[ind] = val

    def __iter__(self):
        return iter(self.coeffs)

    def integ(self, m=1, k=0):
        """The ``m``-th antiderivative as a ``poly1d``."""
        return poly1d(polyint(self.coeffs, m=m, k=k))

    def deriv(self, m=1):
        """The ``m``-th derivative as a ``poly1d``."""
        return poly1d(polyder(self.coeffs, m=m))
