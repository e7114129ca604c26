"""ferronum.linalg: linear algebra on the Rust engine: ``norm`` and the decompositions
(``det``, ``slogdet``, ``inv``, ``pinv``, ``solve``, ``lstsq``, ``eig``, ``eigvals``, ``eigh``,
``eigvalsh``, ``svd``, ``qr``, ``cholesky``, ``matrix_rank``, ``cond``) with NumPy 2's
signatures. The engine computes (on faer); this module resolves defaults and builds NumPy's
named result tuples."""

from collections import namedtuple as _namedtuple
import operator as _operator
import warnings as _warnings

import numpy as _numpy

from . import _ferronum as _f
from ._ferronum import matrix_power, multi_dot, norm

LinAlgError = _numpy.linalg.LinAlgError

EigResult = _namedtuple("EigResult", "eigenvalues eigenvectors")
EighResult = _namedtuple("EighResult", "eigenvalues eigenvectors")
QRResult = _namedtuple("QRResult", "Q R")
SlogdetResult = _namedtuple("SlogdetResult", "sign logabsdet")
SVDResult = _namedtuple("SVDResult", "U S Vh")

_NoValue = _numpy._NoValue

__all__ = ["norm", "multi_dot", "matrix_power", "LinAlgError", "det", "slogdet", "inv", "pinv", "solve", "lstsq", "eig",
           "eigvals", "eigh", "eigvalsh", "svd", "qr", "cholesky", "matrix_rank", "cond",
           "EigResult", "EighResult", "QRResult", "SlogdetResult", "SVDResult"]


def _lower(UPLO):
    if UPLO not in ("L", "U"):
        raise ValueError("UPLO argument must be 'L' or 'U'")
    return UPLO == "L"


def _per_matrix(value, a):
    """A tolerance broadcast to the stack's batch shape, flattened (one value or one per
    matrix)."""
    v = _numpy.asarray(value, dtype=_numpy.float64)
    if v.ndim == 0:
        return [float(v)]
    batch = _f.asarray(a).shape[:-2]
    return _numpy.broadcast_to(v, batch).ravel().tolist()


def det(a):
    return _f._la_det(a)


def slogdet(a):
    return SlogdetResult(*_f._la_slogdet(a))


def inv(a):
    return _f._la_inv(a)


def solve(a, b):
    return _f._la_solve(a, b)


def cholesky(a, /, *, upper=False):
    return _f._la_cholesky(a, bool(upper))


def qr(a, mode="reduced"):
    if mode not in ("reduced", "complete", "r", "raw"):
        if mode in ("f", "full"):
            _warnings.warn("The 'full' option is deprecated in favor of 'reduced'.\n"
                           "For backward compatibility let mode default.",
                           DeprecationWarning, stacklevel=2)
            mode = "reduced"
        elif mode in ("e", "economic"):
            _warnings.warn("The 'economic' option is deprecated.", DeprecationWarning, stacklevel=2)
            return _f._la_qr(a, "raw")[0].swapaxes(-1, -2)
        else:
            raise ValueError(f"Unrecognized mode '{mode}'")
    r = _f._la_qr(a, mode)
    if mode == "raw":
        return r
    if mode == "r":
        return r[0]
    return QRResult(*r)


def eig(a):
    return EigResult(*_f._la_eig(a, True))


def eigvals(a):
    return _f._la_eig(a, False)[0]


def eigh(a, UPLO="L"):
    return EighResult(*_f._la_eigh(a, _lower(UPLO), True))


def eigvalsh(a, UPLO="L"):
    return _f._la_eigh(a, _lower(UPLO), False)[0]


def svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    r = _f._la_svd(a, bool(full_matrices), bool(compute_uv), bool(hermitian))
    if not compute_uv:
        return r[0]
    return SVDResult(*r)


def pinv(a, rcond=None, hermitian=False, *, rtol=_NoValue):
    a = _f.asarray(a)
    if rcond is None:
        if rtol is _NoValue:
            rcond = 1e-15
        elif rtol is None:
            eps = _numpy.finfo(a.dtype).eps if a.dtype.kind in "fc" else _numpy.finfo(float).eps
            rcond = max(a.shape[-2:]) * eps
        else:
            rcond = rtol
    elif rtol is not _NoValue:
        raise ValueError("`rtol` and `rcond` can't be both set.")
    return _f._la_pinv(a, _per_matrix(rcond, a), bool(hermitian))


def lstsq(a, b, rcond=None):
    x, resids, rank, s = _f._la_lstsq(a, b, None if rcond is None else float(rcond))
    return x, resids, _numpy.int32(rank), s


def matrix_rank(A, tol=None, hermitian=False, *, rtol=None):
    A = _f.asarray(A)
    if A.ndim < 2:
        return int(not _numpy.all(_numpy.asarray(A) == 0))
    if tol is not None:
        return _f._la_matrix_rank(A, _per_matrix(tol, A), None, bool(hermitian))
    if rtol is not None:
        return _f._la_matrix_rank(A, None, _per_matrix(rtol, A), bool(hermitian))
    return _f._la_matrix_rank(A, None, None, bool(hermitian))


def cond(x, p=None):
    if p is None or (not isinstance(p, str) and p in {2, -2}):
        kind, value = ("-2" if p is not None and p == -2 else "2"), 0.0
    elif isinstance(p, str):
        if p not in ("fro", "nuc"):
            raise ValueError("Invalid norm order for matrices.")
        kind, value = p, 0.0
    else:
        kind, value = "p", float(p)
    return _f._la_cond(x, kind, value)


# ---- the Array API standard's linalg extension (NumPy 2's numpy.linalg names) ----------------
# Each runs ferronum's function of the same meaning on the last axes, as NumPy's does.

def cross(x1, x2, /, *, axis=-1):
    x1, x2 = _f.asarray(x1), _f.asarray(x2)
    # Only 3-vectors here (the module function also takes 2-vectors).
    n1 = x1.shape[axis] if x1.ndim else 0
    n2 = x2.shape[axis] if x2.ndim else 0
    if n1 != 3 or n2 != 3:
        raise ValueError("Both input arrays must be (arrays of) 3-dimensional vectors, "
                         f"but they are {n1} and {n2} dimensional instead.")
    return _f.cross(x1, x2, axis=axis)


def diagonal(x, /, *, offset=0):
    return _f.diagonal(x, offset, -2, -1)


def matmul(x1, x2, /):
    return _f.matmul(x1, x2)


def matrix_transpose(x, /):
    return _f.matrix_transpose(x)


def outer(x1, x2, /):
    x1, x2 = _f.asarray(x1), _f.asarray(x2)
    if x1.ndim != 1 or x2.ndim != 1:
        raise ValueError("Input arrays must be one-dimensional, but they are "
                         f"x1.ndim={x1.ndim} and x2.ndim={x2.ndim}.")
    return _f.outer(x1, x2)


def tensordot(x1, x2, /, *, axes=2):
    return _f.tensordot(x1, x2, axes=axes)


def trace(x, /, *, offset=0, dtype=None):
    return _f.trace(x, offset, -2, -1, dtype)


def vecdot(x1, x2, /, *, axis=-1):
    from ._array_api import vecdot as _vecdot

    return _vecdot(x1, x2, axis=axis)


def svdvals(x, /):
    return svd(x, compute_uv=False, hermitian=False)


def matrix_norm(x, /, *, keepdims=False, ord="fro"):
    return norm(_f.asarray(x), axis=(-2, -1), keepdims=keepdims, ord=ord)


def vector_norm(x, /, *, axis=None, keepdims=False, ord=2):
    """The ``ord``-norm of ``x`` over ``axis`` (all axes when None, or a tuple of them) taken
    as one vector: the axes are moved to the front and merged, then ``norm`` reduces them."""
    x = _f.asarray(x)
    shape = x.shape
    if axis is None:
        flat, reduced = x.ravel(), tuple(range(x.ndim))
    elif isinstance(axis, tuple):
        reduced = _normalize_axes(axis, x.ndim)
        rest = [i for i in range(x.ndim) if i not in reduced]
        n = 1
        for i in reduced:
            n *= shape[i]
        flat = _f.transpose(x, reduced + tuple(rest)).reshape((n, *[shape[i] for i in rest]))
    else:
        return norm(x, axis=axis, ord=ord, keepdims=keepdims)
    res = norm(flat, axis=0, ord=ord)
    if keepdims and shape:
        res = _f.asarray(res).reshape(tuple(1 if i in reduced else d for i, d in enumerate(shape)))
    return res


def _normalize_axes(axis, ndim):
    out = []
    for a in axis:
        a = _operator.index(a)
        if not -ndim <= a < ndim:
            raise _numpy.exceptions.AxisError(a, ndim)
        out.append(a % ndim)
    if len(set(out)) != len(out):
        raise ValueError("repeated axis")
    return tuple(out)


__all__ += ["cross", "diagonal", "matmul", "matrix_transpose", "outer", "tensordot", "trace", "vecdot", "svdvals",
            "matrix_norm", "vector_norm"]
