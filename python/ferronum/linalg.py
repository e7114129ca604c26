"""ferronum.linalg: linear algebra on the Rust engine: ``norm`` and the decompositions
(``det``, ``slogdet``, ``inv``, ``pinv``, ``solve``, ``lstsq``, ``eig``, ``eigvals``, ``eigh``,
``eigvalsh``, ``svd``, ``qr``, ``cholesky``, ``matrix_rank``, ``cond``) with NumPy 2's
signatures. The engine computes (on faer); this module resolves defaults and builds NumPy's
named result tuples."""

from collections import namedtuple as _namedtuple
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
