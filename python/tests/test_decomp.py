"""numpy.linalg decompositions on the engine (faer): det, slogdet, inv, solve, cholesky, qr,
eig/eigvals, eigh/eigvalsh, svd, pinv, lstsq, matrix_rank, cond. Values unique only up to sign
or phase (eigenvectors, singular vectors, Q) are checked by reconstruction; the rest against
NumPy. Result dtypes, shapes, result types and error classes must match NumPy."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ferronum as fnp

from conftest import ALL_DTYPES, DTYPE_IDS, assert_same, assert_same_error, assert_unchanged, run, snapshot

LA_DTYPES = [np.dtype(t) for t in (np.float32, np.float64, np.complex64, np.complex128)]
LA_IDS = [d.name for d in LA_DTYPES]
STACKS = [(3, 3), (1, 1), (2, 4, 4), (2, 1, 3, 3)]


def tol(dt):
    return 2e-4 if np.dtype(dt) in (np.float32, np.complex64) else 1e-10


def rand(shape, dt, seed=0, spd=False, shift=True):
    rng = np.random.default_rng(seed)
    dt = np.dtype(dt)
    a = rng.standard_normal(shape)
    if dt.kind == "c":
        a = a + 1j * rng.standard_normal(shape)
    if spd:
        a = a @ np.conj(np.swapaxes(a, -1, -2)) + shape[-1] * np.eye(shape[-1])
    elif shift and shape[-1] == shape[-2]:
        a = a + shape[-1] * np.eye(shape[-1])
    if dt.kind in "biu":
        a = np.round(a * 3)
    return a.astype(dt)


def F(n):
    return fnp.array(n)


def N(x):
    return np.asarray(x)


def close(f, n, dt, scale=1.0):
    fv = N(f)
    n = np.asarray(n)
    assert fv.shape == n.shape, (fv.shape, n.shape)
    atol = tol(dt) * scale * max(1.0, float(np.max(np.abs(n))) if n.size else 1.0)
    np.testing.assert_allclose(fv, n, rtol=tol(dt) * scale, atol=atol)


def H(x):
    return np.conj(np.swapaxes(x, -1, -2))


# ------------------------------------------------------------------------- dtypes, errors ---

ALL_FUNCS = {
    "det": lambda m, a: m.linalg.det(a),
    "slogdet": lambda m, a: m.linalg.slogdet(a),
    "inv": lambda m, a: m.linalg.inv(a),
    "cholesky": lambda m, a: m.linalg.cholesky(a),
    "qr": lambda m, a: m.linalg.qr(a),
    "eigvals": lambda m, a: m.linalg.eigvals(a),
    "eig": lambda m, a: m.linalg.eig(a),
    "eigh": lambda m, a: m.linalg.eigh(a),
    "eigvalsh": lambda m, a: m.linalg.eigvalsh(a),
    "svd": lambda m, a: m.linalg.svd(a),
    "svdvals": lambda m, a: m.linalg.svd(a, compute_uv=False),
    "pinv": lambda m, a: m.linalg.pinv(a),
    "matrix_rank": lambda m, a: m.linalg.matrix_rank(a),
    "cond": lambda m, a: m.linalg.cond(a),
    "cond1": lambda m, a: m.linalg.cond(a, 1),
    "solve": lambda m, a: m.linalg.solve(a, a),
    "lstsq": lambda m, a: m.linalg.lstsq(a, a),
}


def _flat(r):
    return list(r) if isinstance(r, tuple) else [r]


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("name", list(ALL_FUNCS))
def test_result_dtypes_and_types(name, dt):
    """Every dtype: the same result dtypes, shapes and result kinds as NumPy (float16 raises
    TypeError in both)."""
    n = rand((3, 3), np.float64, spd=True).astype(dt) if dt.kind != "b" else np.eye(3, dtype=dt)
    f = F(n)
    s = snapshot(f)
    rn, en = run(lambda: ALL_FUNCS[name](np, n))
    if en is not None:
        assert_same_error(lambda: ALL_FUNCS[name](fnp, f), lambda: ALL_FUNCS[name](np, n))
        return
    rf = ALL_FUNCS[name](fnp, f)
    assert type(rf).__name__ == type(rn).__name__
    for x, y in zip(_flat(rf), _flat(rn)):
        if isinstance(y, np.ndarray):
            assert isinstance(x, fnp.ndarray), type(x)
        else:
            assert type(x) is type(y), (type(x), type(y))
        assert N(x).dtype == np.asarray(y).dtype, (N(x).dtype, np.asarray(y).dtype)
        assert N(x).shape == np.asarray(y).shape
    assert_unchanged(f, s)


SQUARE_ONLY = ["det", "slogdet", "inv", "cholesky", "eigvals", "eig", "eigh", "eigvalsh", "solve", "cond1"]


@pytest.mark.parametrize("name", list(ALL_FUNCS))
@pytest.mark.parametrize("shape", [(3,), (), (2, 3), (2, 2, 3)])
def test_shape_errors(name, shape):
    n = np.ones(shape)
    rn, en = run(lambda: ALL_FUNCS[name](np, n))
    if en is None:
        rf = ALL_FUNCS[name](fnp, F(n))
        for x, y in zip(_flat(rf), _flat(rn)):
            assert N(x).shape == np.asarray(y).shape
        return
    ef, _ = assert_same_error(lambda: ALL_FUNCS[name](fnp, F(n)), lambda: ALL_FUNCS[name](np, n))
    if isinstance(en, np.linalg.LinAlgError):
        assert str(ef) == str(en)


def test_error_messages():
    for f, n in [(fnp.linalg.inv, np.linalg.inv), (fnp.linalg.det, np.linalg.det)]:
        ef, en = assert_same_error(lambda: f(F(np.ones(3))), lambda: n(np.ones(3)))
        assert str(ef) == str(en)
        ef, en = assert_same_error(lambda: f(F(np.ones((2, 3)))), lambda: n(np.ones((2, 3))))
        assert str(ef) == str(en)
    ef, en = assert_same_error(lambda: fnp.linalg.inv(F(np.ones((2, 2)))), lambda: np.linalg.inv(np.ones((2, 2))))
    assert str(ef) == str(en) == "Singular matrix"
    ef, en = assert_same_error(lambda: fnp.linalg.solve(F(np.ones((2, 2))), F(np.ones(2))),
                               lambda: np.linalg.solve(np.ones((2, 2)), np.ones(2)))
    assert str(ef) == str(en)
    ef, en = assert_same_error(lambda: fnp.linalg.cholesky(F(-np.eye(2))), lambda: np.linalg.cholesky(-np.eye(2)))
    assert str(ef) == str(en)
    ef, en = assert_same_error(lambda: fnp.linalg.det(F(np.eye(2, dtype=np.float16))),
                               lambda: np.linalg.det(np.eye(2, dtype=np.float16)))
    assert str(ef) == str(en)
    bad = np.array([[1.0, np.nan], [0.0, 1.0]])
    ef, en = assert_same_error(lambda: fnp.linalg.eig(F(bad)), lambda: np.linalg.eig(bad))
    assert str(ef) == str(en)
    ef, en = assert_same_error(lambda: fnp.linalg.svd(F(bad)), lambda: np.linalg.svd(bad))
    assert str(ef) == str(en)
    assert_same_error(lambda: fnp.linalg.eigh(F(np.eye(2)), UPLO="X"), lambda: np.linalg.eigh(np.eye(2), UPLO="X"))
    assert_same_error(lambda: fnp.linalg.qr(F(np.eye(2)), mode="bad"), lambda: np.linalg.qr(np.eye(2), mode="bad"))
    assert_same_error(lambda: fnp.linalg.cond(F(np.zeros((0, 0)))), lambda: np.linalg.cond(np.zeros((0, 0))))
    assert_same_error(lambda: fnp.linalg.lstsq(F(np.ones((3, 2))), F(np.ones(2))),
                      lambda: np.linalg.lstsq(np.ones((3, 2)), np.ones(2)))
    assert_same_error(lambda: fnp.linalg.lstsq(F(np.ones((2, 3, 2))), F(np.ones((2, 3)))),
                      lambda: np.linalg.lstsq(np.ones((2, 3, 2)), np.ones((2, 3))))
    assert_same_error(lambda: fnp.linalg.pinv(F(np.eye(2)), rcond=1e-3, rtol=1e-3),
                      lambda: np.linalg.pinv(np.eye(2), rcond=1e-3, rtol=1e-3))


@pytest.mark.parametrize("shape", [(0, 0), (2, 0, 0), (0, 3, 3)])
@pytest.mark.parametrize("name", ["det", "slogdet", "inv", "cholesky", "qr", "eigvals", "eig", "eigh",
                                  "eigvalsh", "svd", "svdvals", "pinv", "matrix_rank", "solve"])
def test_empty(name, shape):
    n = np.zeros(shape)
    rn = ALL_FUNCS[name](np, n)
    rf = ALL_FUNCS[name](fnp, F(n))
    for x, y in zip(_flat(rf), _flat(rn)):
        assert_same(x, y)


@pytest.mark.parametrize("shape", [(0, 3), (3, 0)])
@pytest.mark.parametrize("name", ["qr", "svd", "svdvals", "pinv"])
def test_empty_rectangular(name, shape):
    n = np.zeros(shape)
    for x, y in zip(_flat(ALL_FUNCS[name](fnp, F(n))), _flat(ALL_FUNCS[name](np, n))):
        assert_same(x, y)


# ------------------------------------------------------------------------------- values ---

@pytest.mark.parametrize("dt", LA_DTYPES, ids=LA_IDS)
@pytest.mark.parametrize("shape", STACKS)
def test_det_slogdet(shape, dt):
    n = rand(shape, dt)
    f = F(n)
    close(fnp.linalg.det(f), np.linalg.det(n), dt, scale=10)
    sf, lf = fnp.linalg.slogdet(f)
    sn, ln = np.linalg.slogdet(n)
    close(sf, sn, dt, scale=10)
    close(lf, ln, dt, scale=10)
    r = fnp.linalg.slogdet(f)
    assert type(r).__name__ == "SlogdetResult" and r.sign is r[0]


def test_det_special():
    for n in [np.zeros((3, 3)), np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([[2, 1], [4, 2]]),
              np.array([[1e200, 0], [0, 1e200]])]:
        assert_same(fnp.linalg.det(F(n)), np.linalg.det(n), rtol=1e-12)
        for x, y in zip(fnp.linalg.slogdet(F(n)), np.linalg.slogdet(n)):
            assert_same(x, y, rtol=1e-12)


@pytest.mark.parametrize("dt", LA_DTYPES, ids=LA_IDS)
@pytest.mark.parametrize("shape", STACKS)
def test_inv(shape, dt):
    n = rand(shape, dt)
    r = fnp.linalg.inv(F(n))
    assert N(r).dtype == dt
    close(r, np.linalg.inv(n), dt, scale=10)
    close(N(r) @ n, np.broadcast_to(np.eye(shape[-1]), shape), dt, scale=10)


def test_views_are_read_in_place():
    """Transposed, sliced and negatively strided inputs give the same results as copies."""
    base = rand((2, 6, 8), np.float64, shift=False)
    n = base[:, ::-1, 1:7].transpose(0, 2, 1) + 0
    f = F(base)[:, ::-1, 1:7].transpose(0, 2, 1)
    s = snapshot(f)
    close(fnp.linalg.det(f), np.linalg.det(n), np.float64, scale=100)
    close(fnp.linalg.inv(f), np.linalg.inv(n), np.float64, scale=1e4)
    close(fnp.linalg.svd(f, compute_uv=False), np.linalg.svd(n, compute_uv=False), np.float64, scale=10)
    close(fnp.linalg.eigvalsh(f), np.linalg.eigvalsh(n), np.float64, scale=10)
    assert_unchanged(f, s)


@pytest.mark.parametrize("dt", LA_DTYPES, ids=LA_IDS)
def test_solve(dt):
    a = rand((2, 4, 4), dt)
    for b in [rand((4,), dt, 1, shift=False), rand((4, 3), dt, 2, shift=False), rand((2, 4, 1), dt, 3, shift=False),
              rand((3, 1, 4, 2), dt, 4, shift=False)]:
        rf = fnp.linalg.solve(F(a), F(b))
        rn = np.linalg.solve(a, b)
        assert N(rf).dtype == rn.dtype and N(rf).shape == rn.shape
        close(rf, rn, dt, scale=10)


def test_solve_mixed_dtypes_and_errors():
    a = rand((3, 3), np.float32)
    for b in [np.arange(3), np.arange(3.0), np.arange(3, dtype=np.complex64), np.arange(3, dtype=np.int8)]:
        rf, rn = fnp.linalg.solve(F(a), F(b)), np.linalg.solve(a, b)
        assert N(rf).dtype == rn.dtype
        close(rf, rn, rn.dtype, scale=10)
    for b in [np.ones(2), np.ones((2, 2)), np.ones((2, 3, 3)), np.float64(1.0)]:
        assert_same_error(lambda: fnp.linalg.solve(F(np.ones((4, 3, 3)) + np.eye(3)), F(b)),
                          lambda: np.linalg.solve(np.ones((4, 3, 3)) + np.eye(3), b))
    assert_same_error(lambda: fnp.linalg.solve(F(np.ones((2, 3))), F(np.ones(2))),
                      lambda: np.linalg.solve(np.ones((2, 3)), np.ones(2)))


@pytest.mark.parametrize("dt", LA_DTYPES, ids=LA_IDS)
@pytest.mark.parametrize("shape", STACKS)
@pytest.mark.parametrize("upper", [False, True])
def test_cholesky(shape, dt, upper):
    n = rand(shape, dt, spd=True)
    # Garbage in the unread triangle must be ignored, as LAPACK does.
    junk = (n + (np.triu(np.ones(shape[-2:]), 1) if not upper else np.tril(np.ones(shape[-2:]), -1)) * 7).astype(dt)
    r = N(fnp.linalg.cholesky(F(junk), upper=upper))
    assert r.dtype == dt
    close(r, np.linalg.cholesky(n, upper=upper), dt, scale=10)
    rec = H(r) @ r if upper else r @ H(r)
    close(rec, n, dt, scale=10)


@pytest.mark.parametrize("dt", LA_DTYPES, ids=LA_IDS)
@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (4, 4), (2, 6, 2), (2, 1, 2, 3)])
@pytest.mark.parametrize("mode", ["reduced", "complete", "r"])
def test_qr(shape, dt, mode):
    n = rand(shape, dt, shift=False)
    rf = fnp.linalg.qr(F(n), mode=mode)
    rn = np.linalg.qr(n, mode=mode)
    if mode == "r":
        assert N(rf).shape == rn.shape and N(rf).dtype == rn.dtype
        close(np.abs(N(rf)), np.abs(rn), dt, scale=10)
        return
    assert type(rf).__name__ == "QRResult"
    q, r = N(rf.Q), N(rf.R)
    assert q.shape == rn.Q.shape and r.shape == rn.R.shape and q.dtype == rn.Q.dtype
    close(q @ r, n, dt, scale=10)
    close(H(q) @ q, np.broadcast_to(np.eye(q.shape[-1]), q.shape[:-2] + (q.shape[-1],) * 2), dt, scale=10)
    assert np.allclose(np.tril(r, -1), 0)


@pytest.mark.parametrize("dt", LA_DTYPES + [np.dtype(np.int64)], ids=LA_IDS + ["int64"])
@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (4, 4), (2, 6, 2), (0, 3)])
def test_qr_raw(shape, dt):
    """LAPACK's geqrf storage: h (transposed) holds R and the reflectors' tails, tau their
    scales; Q = prod(I - tau v v^H) must give back the matrix."""
    n = rand(shape, dt, shift=False)
    h, tau = fnp.linalg.qr(F(n), mode="raw")
    hn, taun = np.linalg.qr(n, mode="raw")
    h, tau = N(h), N(tau)
    assert h.shape == hn.shape and h.dtype == hn.dtype and tau.shape == taun.shape and tau.dtype == taun.dtype
    if dt.kind != "c":  # real reflectors are unique up to LAPACK's choice of sign, which faer shares
        close(h, hn, dt, scale=10)
        close(tau, taun, dt, scale=10)
    m, k = shape[-2], min(shape[-2:])
    for idx in np.ndindex(shape[:-2]):
        hf = h[idx].T
        q = np.eye(m, dtype=complex)
        for j in range(k):
            v = np.concatenate([np.zeros(j), [1.0], hf[j + 1:, j]])
            q = q @ (np.eye(m) - tau[idx][j] * np.outer(v, np.conj(v)))
        close((q[:, :k] @ np.triu(hf[:k, :])), n[idx], dt, scale=10)


def test_qr_full_alias_warns():
    n = rand((3, 2), np.float64)
    with pytest.warns(DeprecationWarning):
        q, r = fnp.linalg.qr(F(n), mode="full")
    close(N(q) @ N(r), n, np.float64)
    with pytest.warns(DeprecationWarning):
        e = fnp.linalg.qr(F(n), mode="economic")
    with pytest.warns(DeprecationWarning):
        en = np.linalg.qr(n, mode="economic")
    close(e, en, np.float64)


@pytest.mark.parametrize("dt", LA_DTYPES, ids=LA_IDS)
@pytest.mark.parametrize("shape", STACKS)
def test_eig(shape, dt):
    n = rand(shape, dt, shift=False)
    w, v = fnp.linalg.eig(F(n))
    wn, vn = np.linalg.eig(n)
    assert N(w).dtype == wn.dtype and N(v).dtype == vn.dtype
    w, v = N(w), N(v)
    close(n @ v, v * w[..., None, :], dt, scale=100)
    close(np.linalg.norm(v, axis=-2), np.ones(w.shape), dt, scale=10)
    same_spectrum(N(fnp.linalg.eigvals(F(n))), wn, dt)
    same_spectrum(w, wn, dt)


def same_spectrum(w, wn, dt):
    """Every eigenvalue of one set is close to one of the other (the order is arbitrary)."""
    assert w.shape == wn.shape
    w, wn = w.reshape(-1, w.shape[-1]), wn.reshape(-1, wn.shape[-1])
    for x, y in zip(w, wn):
        d = np.abs(x[:, None] - y[None, :])
        assert d.min(axis=1).max() <= tol(dt) * 100 * max(1.0, np.abs(y).max()), (x, y)
        assert d.min(axis=0).max() <= tol(dt) * 100 * max(1.0, np.abs(y).max()), (x, y)


def test_eig_real_results():
    sym = rand((4, 4), np.float64, spd=True)
    w, v = fnp.linalg.eig(F(sym))
    assert N(w).dtype == np.float64 and N(v).dtype == np.float64
    rot = np.array([[0.0, -1.0], [1.0, 0.0]])
    w, v = fnp.linalg.eig(F(rot))
    assert N(w).dtype == np.complex128
    same_spectrum(N(w), np.linalg.eigvals(rot), np.float64)
    assert N(fnp.linalg.eigvals(F(rot.astype(np.float32)))).dtype == np.complex64
    assert N(fnp.linalg.eigvals(F(np.eye(2, dtype=np.int32)))).dtype == np.float64
    r = fnp.linalg.eig(F(sym))
    assert type(r).__name__ == "EigResult" and r.eigenvalues is r[0]


@pytest.mark.parametrize("dt", LA_DTYPES, ids=LA_IDS)
@pytest.mark.parametrize("shape", STACKS)
@pytest.mark.parametrize("uplo", ["L", "U"])
def test_eigh(shape, dt, uplo):
    n = rand(shape, dt, shift=False)  # not Hermitian: only the UPLO triangle may be read
    w, v = fnp.linalg.eigh(F(n), UPLO=uplo)
    wn, vn = np.linalg.eigh(n, UPLO=uplo)
    assert N(w).dtype == wn.dtype and N(v).dtype == vn.dtype
    close(w, wn, dt, scale=10)
    close(fnp.linalg.eigvalsh(F(n), UPLO=uplo), wn, dt, scale=10)
    tri = np.tril(n) if uplo == "L" else np.triu(n)
    herm = tri + H(tri) - np.real(np.diagonal(n, axis1=-2, axis2=-1))[..., None] * np.eye(shape[-1])
    v = N(v)
    close(herm @ v, v * N(w)[..., None, :], dt, scale=100)


@pytest.mark.parametrize("dt", LA_DTYPES, ids=LA_IDS)
@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (4, 4), (2, 6, 2), (2, 1, 2, 3)])
@pytest.mark.parametrize("full", [True, False])
def test_svd(shape, dt, full):
    n = rand(shape, dt, shift=False)
    r = fnp.linalg.svd(F(n), full_matrices=full)
    rn = np.linalg.svd(n, full_matrices=full)
    assert type(r).__name__ == "SVDResult"
    u, s, vh = (N(x) for x in r)
    for x, y in zip((u, s, vh), rn):
        assert x.shape == y.shape and x.dtype == y.dtype
    close(s, rn.S, dt, scale=10)
    k = s.shape[-1]
    close((u[..., :, :k] * s[..., None, :]) @ vh[..., :k, :], n, dt, scale=10)
    close(H(u) @ u, np.broadcast_to(np.eye(u.shape[-1]), u.shape[:-2] + (u.shape[-1],) * 2), dt, scale=10)
    close(vh @ H(vh), np.broadcast_to(np.eye(vh.shape[-2]), vh.shape[:-2] + (vh.shape[-2],) * 2), dt, scale=10)
    close(fnp.linalg.svd(F(n), compute_uv=False), rn.S, dt, scale=10)


@pytest.mark.parametrize("dt", LA_DTYPES, ids=LA_IDS)
def test_svd_hermitian(dt):
    a = rand((2, 4, 4), dt, shift=False)
    n = a + H(a)
    u, s, vh = (N(x) for x in fnp.linalg.svd(F(n), hermitian=True))
    rn = np.linalg.svd(n, hermitian=True)
    close(s, rn.S, dt, scale=10)
    close((u * s[..., None, :]) @ vh, n, dt, scale=10)
    close(fnp.linalg.svd(F(n), compute_uv=False, hermitian=True), rn.S, dt, scale=10)


@pytest.mark.parametrize("dt", LA_DTYPES, ids=LA_IDS)
@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (4, 4), (2, 3, 2)])
def test_pinv(shape, dt):
    n = rand(shape, dt, shift=False)
    rf, rn = fnp.linalg.pinv(F(n)), np.linalg.pinv(n)
    assert N(rf).dtype == rn.dtype
    close(rf, rn, dt, scale=100)


def test_pinv_options():
    n = np.diag([1.0, 1e-3, 1e-9])
    for kw in [{}, {"rcond": 1e-2}, {"rtol": 1e-5}, {"rtol": None}, {"rcond": np.array(1e-6)}]:
        close(fnp.linalg.pinv(F(n), **kw), np.linalg.pinv(n, **kw), np.float64)
    stack = np.stack([n, 2 * n])
    close(fnp.linalg.pinv(F(stack), rcond=[1e-2, 1e-12]), np.linalg.pinv(stack, rcond=[1e-2, 1e-12]), np.float64)
    a = rand((4, 4), np.float64, shift=False)
    h = a + a.T
    close(fnp.linalg.pinv(F(h), hermitian=True), np.linalg.pinv(h, hermitian=True), np.float64, scale=100)
    assert_same(fnp.linalg.pinv(F(np.zeros((0, 3), dtype=np.int64))), np.linalg.pinv(np.zeros((0, 3), dtype=np.int64)))


@pytest.mark.parametrize("dt", LA_DTYPES, ids=LA_IDS)
@pytest.mark.parametrize("shape", [(6, 3), (3, 6), (4, 4)])
@pytest.mark.parametrize("vector", [True, False])
def test_lstsq(shape, dt, vector):
    a = rand(shape, dt, shift=False)
    b = rand((shape[0],) if vector else (shape[0], 2), dt, seed=5, shift=False)
    rf = fnp.linalg.lstsq(F(a), F(b))
    rn = np.linalg.lstsq(a, b)
    assert isinstance(rf, tuple) and len(rf) == 4
    for x, y in zip(rf, rn):
        assert N(x).dtype == np.asarray(y).dtype and N(x).shape == np.asarray(y).shape
    assert type(rf[2]) is type(rn[2]) and rf[2] == rn[2]
    close(rf[0], rn[0], dt, scale=100)
    close(rf[1], rn[1], dt, scale=100)
    close(rf[3], rn[3], dt, scale=10)


def test_lstsq_rank_deficient_and_rcond():
    a = np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]])
    b = np.array([1.0, 2.0, 2.0])
    for rcond in [None, -1, 1e-3]:
        rf, rn = fnp.linalg.lstsq(F(a), F(b), rcond=rcond), np.linalg.lstsq(a, b, rcond=rcond)
        close(rf[0], rn[0], np.float64)
        assert_same(rf[1], rn[1])
        assert rf[2] == rn[2]
    for a, b in [(np.zeros((0, 3)), np.zeros((0, 2))), (np.zeros((3, 0)), np.ones((3, 2)))]:
        for x, y in zip(fnp.linalg.lstsq(F(a), F(b)), np.linalg.lstsq(a, b)):
            assert_same(x, y)


@pytest.mark.parametrize("dt", [np.float64, np.complex128, np.float32])
@pytest.mark.parametrize("shape", [(200, 120), (130, 130), (121, 120)])
def test_lstsq_full_rank_large(shape, dt):
    # Large enough for the threaded path; full column rank, so the QR solution is unique.
    a = rand(shape, dt, shift=False)
    b = rand((shape[0], 3), dt, seed=7, shift=False)
    rf, rn = fnp.linalg.lstsq(F(a), F(b)), np.linalg.lstsq(a, b)
    for x, y in zip(rf, rn):
        assert N(x).dtype == np.asarray(y).dtype and N(x).shape == np.asarray(y).shape
    assert rf[2] == rn[2] == shape[1]
    close(rf[0], rn[0], dt, scale=1000)
    close(rf[1], rn[1], dt, scale=1000)
    close(rf[3], rn[3], dt, scale=100)
    # A consistent system: residuals near zero, as LAPACK's.
    bc = a @ rand((shape[1],), dt, seed=8, shift=False)
    rf, rn = fnp.linalg.lstsq(F(a), F(bc)), np.linalg.lstsq(a, bc)
    close(rf[0], rn[0], dt, scale=1000)
    assert N(rf[1]).shape == np.asarray(rn[1]).shape
    assert np.all(N(rf[1]) <= tol(dt) * 1e4 * np.sum(np.abs(bc) ** 2))


@pytest.mark.parametrize("shape", [(200, 120), (130, 130), (120, 200)])
def test_lstsq_rank_deficient_large(shape):
    rng = np.random.default_rng(11)
    m, n = shape
    r = 60
    a = rng.standard_normal((m, r)) @ rng.standard_normal((r, n))
    b = rng.standard_normal((m, 2))
    rf, rn = fnp.linalg.lstsq(F(a), F(b)), np.linalg.lstsq(a, b)
    assert rf[2] == rn[2] == r
    assert_same(rf[1], rn[1])  # empty: not full rank
    close(rf[0], rn[0], np.float64, scale=1e4)
    close(rf[3], rn[3], np.float64, scale=100)
    # rcond decides the rank the same way: a column scaled below the cutoff drops out.
    a = rng.standard_normal((m, n)) if m >= n else rng.standard_normal((n, n))[:m]
    a[:, 0] *= 1e-9
    for rcond in [None, 1e-6]:
        rf, rn = fnp.linalg.lstsq(F(a), F(b), rcond=rcond), np.linalg.lstsq(a, b, rcond=rcond)
        assert rf[2] == rn[2]
        assert N(rf[1]).shape == np.asarray(rn[1]).shape
        close(rf[0], rn[0], np.float64, scale=1e6)


@pytest.mark.parametrize("hermitian", [False, True])
def test_matrix_rank(hermitian):
    rng = np.random.default_rng(3)
    cases = []
    for r in range(4):
        x = rng.standard_normal((4, r))
        cases.append(x @ x.T)
    stack = np.stack(cases)
    assert_same(fnp.linalg.matrix_rank(F(stack), hermitian=hermitian), np.linalg.matrix_rank(stack, hermitian=hermitian))
    for c in cases:
        assert_same(fnp.linalg.matrix_rank(F(c), hermitian=hermitian), np.linalg.matrix_rank(c, hermitian=hermitian))
    d = np.diag([1.0, 1e-3, 1e-8])
    for kw in [{"tol": 1e-4}, {"tol": 1e-9}, {"rtol": 1e-2}, {"rtol": 1e-6}]:
        assert_same(fnp.linalg.matrix_rank(F(d), hermitian=hermitian, **kw),
                    np.linalg.matrix_rank(d, hermitian=hermitian, **kw))
    assert_same(fnp.linalg.matrix_rank(F(np.stack([d, d])), tol=[1e-4, 1e-9]),
                np.linalg.matrix_rank(np.stack([d, d]), tol=[1e-4, 1e-9]))
    for v in [np.zeros(3), np.ones(3), np.float64(2.0)]:
        assert_same(fnp.linalg.matrix_rank(F(v)), np.linalg.matrix_rank(v))


@pytest.mark.parametrize("p", [None, 2, -2, "fro", "nuc", 1, -1, np.inf, -np.inf])
@pytest.mark.parametrize("dt", LA_DTYPES + [np.dtype(np.int64)], ids=LA_IDS + ["int64"])
def test_cond(p, dt):
    for n in [rand((3, 3), dt, shift=False), rand((2, 4, 4), dt, 7), np.eye(3, dtype=dt)]:
        rf, rn = fnp.linalg.cond(F(n), p), np.linalg.cond(n, p)
        assert type(rf) is type(rn) or (isinstance(rf, fnp.ndarray) and isinstance(rn, np.ndarray))
        assert N(rf).dtype == np.asarray(rn).dtype
        close(rf, rn, dt, scale=1e3)
    sing = np.array([[1.0, 2.0], [2.0, 4.0]]).astype(dt)
    rn, en = run(lambda: np.linalg.cond(sing, p))
    if en is not None:  # 'nuc' of the NaN "inverse": NumPy's SVD refuses it
        assert_same_error(lambda: fnp.linalg.cond(F(sing), p), lambda: np.linalg.cond(sing, p))
        return
    rf = fnp.linalg.cond(F(sing), p)
    if np.isinf(rn):
        assert np.isinf(rf)
    elif p == -2:
        assert float(rf) < 1e-6
    else:
        assert float(rf) > 1e6


def test_cond_rectangular_and_bad_p():
    n = rand((5, 3), np.float64, shift=False)
    close(fnp.linalg.cond(F(n)), np.linalg.cond(n), np.float64)
    assert_same_error(lambda: fnp.linalg.cond(F(n), 1), lambda: np.linalg.cond(n, 1))
    assert_same_error(lambda: fnp.linalg.cond(F(np.eye(3)), 3), lambda: np.linalg.cond(np.eye(3), 3))
    assert_same_error(lambda: fnp.linalg.cond(F(np.eye(3)), "bad"), lambda: np.linalg.cond(np.eye(3), "bad"))


# --------------------------------------------------------------------------- property ---

@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 2), st.sampled_from(LA_DTYPES), st.integers(0, 10**6))
def test_random_reconstructions(m, k, nb, dt, seed):
    """Random stacks of random shapes: SVD, QR and (square) LU-based results agree with NumPy."""
    shape = (nb,) * (nb > 0) + (m, k)
    n = rand(shape, dt, seed, shift=False)
    s = N(fnp.linalg.svd(F(n), compute_uv=False))
    sn = np.linalg.svd(n, compute_uv=False)
    close(s, sn, dt, scale=100)
    q, r = (N(x) for x in fnp.linalg.qr(F(n)))
    close(q @ r, n, dt, scale=100)
    if m == k:
        sq = n + m * np.eye(m, dtype=dt)
        close(fnp.linalg.det(F(sq)), np.linalg.det(sq), dt, scale=100)
        close(fnp.linalg.inv(F(sq)), np.linalg.inv(sq), dt, scale=100)


def test_large_stacks_of_small_matrices():
    """Many small matrices are spread over the thread pool; results and errors as NumPy's."""
    n = rand((300, 3, 3), np.float64)
    spd = rand((300, 3, 3), np.float64, spd=True)
    close(fnp.linalg.det(F(n)), np.linalg.det(n), np.float64, scale=10)
    close(fnp.linalg.inv(F(n)), np.linalg.inv(n), np.float64, scale=10)
    b = rand((300, 3, 2), np.float64, seed=9, shift=False)
    close(fnp.linalg.solve(F(n), F(b)), np.linalg.solve(n, b), np.float64, scale=10)
    close(fnp.linalg.cholesky(F(spd)), np.linalg.cholesky(spd), np.float64, scale=10)
    close(fnp.linalg.eigvalsh(F(spd)), np.linalg.eigvalsh(spd), np.float64, scale=10)
    close(fnp.linalg.svd(F(n), compute_uv=False), np.linalg.svd(n, compute_uv=False), np.float64, scale=10)
    bad = n.copy()
    bad[150] = 0
    assert_same_error(lambda: fnp.linalg.inv(F(bad)), lambda: np.linalg.inv(bad))
    assert_same(fnp.linalg.det(F(bad))[150], np.linalg.det(bad)[150])


def test_det_overflow_is_inf():
    n = np.eye(400) * 10.0
    n[0, 0] = -10.0
    rf, rn = run(lambda: fnp.linalg.det(F(n)))[0], run(lambda: np.linalg.det(n))[0]
    assert rf == rn == -np.inf
