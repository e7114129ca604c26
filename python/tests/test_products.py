"""matmul / @, dot, vdot, inner, outer, tensordot, kron, trace, diagonal, linalg.multi_dot,
linalg.matrix_power and cross against NumPy: every dtype, stacked and broadcast batches, 1-d
promotion, strided and transposed views, out=, and the error messages' classes."""

import numpy as np
import pytest
from hypothesis import given, strategies as st

import ferronum as fnp
from conftest import ALL_DTYPES, DTYPE_IDS, assert_same, assert_same_error, check_both, to_fnp

rng = np.random.default_rng(1234)


def small_ints(shape, dtype):
    """Values in [-3, 3] (bool: 0/1), so float products and sums are exact in every dtype."""
    dt = np.dtype(dtype)
    if dt.kind == "b":
        return rng.integers(0, 2, size=shape).astype(dt)
    if dt.kind == "u":
        return rng.integers(0, 4, size=shape).astype(dt)
    v = rng.integers(-3, 4, size=shape)
    if dt.kind == "c":
        v = v + 1j * rng.integers(-3, 4, size=shape)
    return v.astype(dt)


def pair(sa, sb, da=np.float64, db=None):
    a = small_ints(sa, da)
    b = small_ints(sb, db or da)
    return a, b, to_fnp(a), to_fnp(b)


# --------------------------------------------------------------------------- matmul ---
MATMUL_SHAPES = [
    ((2, 3), (3, 4)),
    ((3,), (3, 4)),
    ((2, 3), (3,)),
    ((3,), (3,)),
    ((5, 2, 3), (3, 4)),
    ((2, 3), (5, 3, 4)),
    ((1, 2, 3), (4, 3, 2)),
    ((2, 1, 2, 3), (3, 3, 1)),
    ((4, 2, 3), (3,)),
    ((3,), (4, 3, 2)),
    ((0, 3), (3, 2)),
    ((2, 0), (0, 3)),
    ((2, 3), (3, 0)),
    ((0, 2, 3), (3, 2)),
    ((1, 1), (1, 1)),
]


@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("sa,sb", MATMUL_SHAPES)
def test_matmul_shapes_dtypes(dtype, sa, sb):
    a, b, fa, fb = pair(sa, sb, dtype)
    assert_same(fnp.matmul(fa, fb), np.matmul(a, b), exact=True)
    assert_same(fa @ fb, a @ b, exact=True)


@pytest.mark.parametrize("da", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("db", [np.dtype(t) for t in (np.bool_, np.int8, np.uint16, np.int64, np.uint64,
                                                      np.float16, np.float32, np.complex64)])
def test_matmul_promotion(da, db):
    a, b, fa, fb = pair((3, 4), (4, 2), da, db)
    assert_same(fa @ fb, a @ b, exact=True)


@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("m,k,n", [(40, 50, 45), (70, 300, 33), (129, 17, 130)])
def test_matmul_blocked_kernels(dtype, m, k, n):
    """Sizes past the direct-loop threshold: the gemm and panel-kernel paths with edges."""
    a, b, fa, fb = pair((m, k), (k, n), dtype)
    r = fa @ fb
    if np.dtype(dtype).kind in "fc" and np.dtype(dtype).itemsize <= 4:
        assert_same(r, a @ b, rtol=1e-2 if np.dtype(dtype) == np.float16 else 1e-5, atol=1e-6)
    else:
        assert_same(r, a @ b, exact=True)


@pytest.mark.parametrize("dtype", [np.int8, np.uint8, np.int32, np.int64, np.uint64])
def test_matmul_integer_wraps(dtype):
    info = np.iinfo(dtype)
    a = rng.integers(info.min, info.max, size=(37, 70), dtype=dtype, endpoint=True)
    b = rng.integers(info.min, info.max, size=(70, 41), dtype=dtype, endpoint=True)
    with np.errstate(all="ignore"):
        assert_same(fnp.asarray(a) @ fnp.asarray(b), a @ b)


def test_matmul_random_floats():
    for dt, rtol in [(np.float64, 1e-10), (np.float32, 1e-4), (np.complex128, 1e-10), (np.complex64, 1e-4)]:
        a = rng.standard_normal((3, 60, 70)).astype(dt)
        b = rng.standard_normal((70, 50)).astype(dt)
        if np.dtype(dt).kind == "c":
            a = a + 1j * rng.standard_normal(a.shape).astype(dt)
        assert_same(fnp.asarray(a) @ fnp.asarray(b), a @ b, rtol=rtol, atol=1e-4)


def test_matmul_float16_rounds_once():
    a = rng.standard_normal((20, 64)).astype(np.float16)
    b = rng.standard_normal((64, 20)).astype(np.float16)
    r = fnp.asarray(a) @ fnp.asarray(b)
    assert_same(r, a @ b, rtol=2e-3, atol=2e-2)


@pytest.mark.parametrize("view", ["T", "slice", "neg", "fortran", "bcast"])
def test_matmul_views(view):
    base_a = small_ints((8, 12, 10), np.float64)
    base_b = small_ints((10, 12), np.int64)
    fa0, fb0 = to_fnp(base_a), to_fnp(base_b)

    def make(x, y):
        if view == "T":
            return x.transpose(0, 2, 1), y.T
        if view == "slice":
            return x[::2, 1::2, ::3], y[::3, 2:8]
        if view == "neg":
            return x[::-1, ::-1, ::-2], y[::-2, ::-1]
        if view == "fortran":
            return x[0].T[:, :10], y.T[:, :]
        return x[:, :1, :], y

    na, nb = make(base_a, base_b)
    fa, fb = make(fa0, fb0)
    if na.shape[-1] != nb.shape[-2]:
        nb = nb.T
        fb = fb.T
    snap = base_a.copy()
    assert_same(fa @ fb, na @ nb, exact=True)
    np.testing.assert_array_equal(np.asarray(fa0), snap)


def test_matmul_batched_stacks():
    for shape_a, shape_b in [((100, 64, 64), (100, 64, 64)), ((500, 3, 3), (500, 3, 3)),
                             ((7, 1, 5, 4), (1, 6, 4, 5)), ((2000, 2, 2), (2, 2))]:
        a, b, fa, fb = pair(shape_a, shape_b, np.float64)
        assert_same(fa @ fb, a @ b, exact=True)
        ai, bi, fai, fbi = pair(shape_a, shape_b, np.int64)
        assert_same(fai @ fbi, ai @ bi)


def test_matmul_big_parallel():
    a, b, fa, fb = pair((300, 257), (257, 301), np.int64)
    assert_same(fa @ fb, a @ b)
    a, b, fa, fb = pair((300, 257), (257, 301), np.float64)
    assert_same(fa @ fb, a @ b, exact=True)


@pytest.mark.parametrize("threads", [1, 2, 8])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.complex64, np.complex128])
def test_matmul_big_float_backends(dtype, threads, restore_threads):
    # 8 threads and more take faer's matmul, fewer take gemm: both on plain, transposed,
    # sliced and reversed operands (small integers, so every product is exact).
    fnp.set_num_threads(threads)
    a = small_ints((260, 300), dtype)
    b = small_ints((300, 270), dtype)
    fa, fb = to_fnp(a), to_fnp(b)
    for x, y, fx, fy in [(a, b, fa, fb), (b.T, a.T, fb.T, fa.T),
                         (a[::2, 1::2], b[::2, ::-1], fa[::2, 1::2], fb[::2, ::-1])]:
        assert_same(fx @ fy, x @ y, exact=True)
    out = np.zeros((260, 270), dtype)
    fout = to_fnp(out)
    assert fnp.matmul(fa, fb, out=fout) is fout
    assert_same(fout, a @ b, exact=True)


@pytest.mark.parametrize("sa,sb", [((2, 3), (2, 3)), ((3,), (2,)), ((2, 2, 3), (3, 3, 4)),
                                   ((4, 3), (5,)), ((2, 3), (4, 2, 2))])
def test_matmul_errors(sa, sb):
    a, b, fa, fb = pair(sa, sb)
    ef, en = assert_same_error(lambda: fnp.matmul(fa, fb), lambda: np.matmul(a, b))
    assert str(ef) == str(en)
    assert_same_error(lambda: fa @ fb, lambda: a @ b)


def test_matmul_zero_dim_errors():
    a = np.ones(3)
    for x, y in [(np.float64(2.0), a), (a, 3), (np.array(2.0), a)]:
        ef, en = assert_same_error(lambda: fnp.matmul(to_fnp(np.asarray(x)) if isinstance(x, np.ndarray) else x,
                                                      to_fnp(y) if isinstance(y, np.ndarray) else y),
                                   lambda: np.matmul(x, y))
        assert str(ef) == str(en)


def test_matmul_lists_and_reflected():
    a = small_ints((2, 3), np.int64)
    fa = to_fnp(a)
    lst = [[1], [2], [3]]
    assert_same(fa @ lst, a @ lst)
    assert_same([[1, 2]] @ to_fnp(np.ones((2, 1))), [[1, 2]] @ np.ones((2, 1)))
    assert_same(fnp.matmul([1, 2], [[1], [2]]), np.matmul([1, 2], [[1], [2]]))


def test_matmul_out():
    a, b, fa, fb = pair((4, 2, 3), (3, 5), np.float64)
    for odt in [np.float64, np.float32, np.complex128]:
        no = np.zeros((4, 2, 5), odt)
        fo = to_fnp(no)
        r = fnp.matmul(fa, fb, out=fo)
        np.matmul(a, b, out=no)
        assert r is fo
        assert_same(fo, no, exact=True)
    # A strided out and an out that broadcasts the batch.
    no = np.zeros((4, 2, 10))[:, :, ::2]
    fbase = fnp.zeros((4, 2, 10))
    fo = fbase[:, :, ::2]
    fnp.matmul(fa, fb, out=fo)
    np.matmul(a, b, out=no)
    assert_same(fo, no, exact=True)
    a2, b2, fa2, fb2 = pair((2, 3), (3, 2), np.float64)
    no = np.zeros((3, 2, 2))
    fo = fnp.zeros((3, 2, 2))
    fnp.matmul(fa2, fb2, out=fo)
    np.matmul(a2, b2, out=no)
    assert_same(fo, no, exact=True)
    # out aliasing an input.
    sq = small_ints((3, 3), np.float64)
    fsq = to_fnp(sq)
    fnp.matmul(fsq, fsq, out=fsq)
    np.matmul(sq, sq.copy(), out=sq)
    assert_same(fsq, sq, exact=True)


def test_matmul_out_errors():
    a, b, fa, fb = pair((2, 3), (3, 2), np.float64)
    for out in [np.ones((3, 2)), np.ones((2, 2), np.int64), np.ones((2, 3)), np.ones(())]:
        assert_same_error(lambda: fnp.matmul(fa, fb, out=to_fnp(out)), lambda: np.matmul(a, b, out=out))
    assert_same_error(lambda: fnp.matmul(fa, fb, out=[1]), lambda: np.matmul(a, b, out=[1]))


def test_imatmul():
    a, b, fa, fb = pair((2, 3), (3, 3), np.float64)
    fa_id = id(fa)
    fa @= fb
    a @= b
    assert id(fa) == fa_id
    assert_same(fa, a, exact=True)
    v, m, fv, fm = pair((3,), (3, 3), np.int64)
    fv @= fm
    v @= m
    assert_same(fv, v)

    def imm(x, y):
        x @= y
        return x

    for sa, sb, da in [((2, 3), (3,), np.float64), ((2, 3), (3, 4), np.float64), ((2, 3), (3, 3), np.int64)]:
        a, b, fa, fb = pair(sa, sb, da, np.float64)
        assert_same_error(lambda: imm(fa, fb), lambda: imm(a, b))


@given(st.data())
def test_matmul_hypothesis(data):
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    batch = data.draw(st.lists(st.integers(1, 3), max_size=2))
    m, k, n = (data.draw(st.integers(0, 9)) for _ in range(3))
    a1 = data.draw(st.booleans())
    b1 = data.draw(st.booleans())
    sa = (k,) if a1 else tuple(batch) + (m, k)
    sb = (k,) if b1 else (k, n)
    a, b, fa, fb = pair(sa, sb, dt)
    if data.draw(st.booleans()) and len(sb) == 2:
        b = np.ascontiguousarray(b.T).T
        fb = to_fnp(np.ascontiguousarray(np.asarray(b).T)).T
    check_both(lambda: fa @ fb, lambda: a @ b, exact=True)


# ------------------------------------------------------------------------------ dot ---
@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("sa,sb", [((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 4)), ((2, 3), (3, 4)),
                                   ((2, 2, 3), (3, 4)), ((2, 3), (4, 3, 5)), ((2, 2, 3), (4, 3, 5)),
                                   ((3,), (2, 3, 4)), ((), (2, 3)), ((2, 3), ()), ((0, 3), (2, 3, 0))])
def test_dot(dtype, sa, sb):
    a, b, fa, fb = pair(sa, sb, dtype)
    assert_same(fnp.dot(fa, fb), np.dot(a, b), exact=True)


def test_dot_errors_and_out():
    for sa, sb in [((2, 3), (2, 3)), ((3,), (4,)), ((2, 3, 4), (2, 3, 4)), ((3,), (2, 4, 5))]:
        a, b, fa, fb = pair(sa, sb)
        ef, en = assert_same_error(lambda: fnp.dot(fa, fb), lambda: np.dot(a, b))
        assert str(ef) == str(en)
    a, b, fa, fb = pair((2, 3), (3, 2))
    fo = fnp.zeros((2, 2))
    assert fnp.dot(fa, fb, out=fo) is fo
    assert_same(fo, np.dot(a, b), exact=True)
    bad = np.zeros((2, 2), np.float32)
    assert_same_error(lambda: fnp.dot(fa, fb, out=to_fnp(bad)), lambda: np.dot(a, b, out=bad))


def test_dot_large_vectors():
    a = rng.standard_normal(100_003)
    b = rng.standard_normal(100_003)
    assert_same(fnp.dot(to_fnp(a), to_fnp(b)), np.dot(a, b), rtol=1e-9)
    assert_same(fnp.dot(to_fnp(a[::3]), to_fnp(b[::-3])), np.dot(a[::3], b[::-3]), rtol=1e-9)
    # Long enough (2**21 and more) to be split across threads: strided, integer (exact) and
    # complex shares.
    a = rng.standard_normal(6_300_001)
    b = rng.standard_normal(6_300_001)
    assert_same(fnp.dot(to_fnp(a[::3]), to_fnp(b[::-3])), np.dot(a[::3], b[::-3]), rtol=1e-9)
    i = rng.integers(-1000, 1000, 2_200_001)
    j = rng.integers(-1000, 1000, 2_200_001)
    assert_same(fnp.dot(to_fnp(i), to_fnp(j)), np.dot(i, j), exact=True)
    z = a[:2_200_000] + 1j * b[:2_200_000]
    assert_same(fnp.dot(to_fnp(z), to_fnp(z[::-1])), np.dot(z, z[::-1]), rtol=1e-9)
    assert_same(fnp.vdot(to_fnp(z), to_fnp(z[::-1])), np.vdot(z, z[::-1]), rtol=1e-9)


@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=DTYPE_IDS)
def test_vdot(dtype):
    a, b, fa, fb = pair((2, 3), (3, 2), dtype)
    assert_same(fnp.vdot(fa, fb), np.vdot(a, b), exact=True)
    a, b, fa, fb = pair((4,), (4,), dtype, np.complex64)
    assert_same(fnp.vdot(fa, fb), np.vdot(a, b), exact=True)
    assert_same(fnp.vdot(fb, fa), np.vdot(b, a), exact=True)
    a, b, fa, fb = pair((3,), (4,), dtype)
    assert_same_error(lambda: fnp.vdot(fa, fb), lambda: np.vdot(a, b))


@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("sa,sb", [((3,), (3,)), ((2, 3), (3,)), ((2, 3), (4, 3)), ((2, 2, 3), (4, 5, 3)),
                                   ((), (2, 3)), ((3,), ())])
def test_inner(dtype, sa, sb):
    a, b, fa, fb = pair(sa, sb, dtype)
    assert_same(fnp.inner(fa, fb), np.inner(a, b), exact=True)


def test_inner_errors():
    for sa, sb in [((2, 3), (2, 2)), ((2, 3), (4, 5, 2)), ((3,), (2,))]:
        a, b, fa, fb = pair(sa, sb)
        ef, en = assert_same_error(lambda: fnp.inner(fa, fb), lambda: np.inner(a, b))
        assert str(ef) == str(en)


@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=DTYPE_IDS)
def test_outer(dtype):
    for sa, sb in [((3,), (4,)), ((2, 3), (2, 2)), ((), (3,)), ((0,), (3,))]:
        a, b, fa, fb = pair(sa, sb, dtype)
        assert_same(fnp.outer(fa, fb), np.outer(a, b), exact=True)
    a, b, fa, fb = pair((300,), (400,), dtype)
    assert_same(fnp.outer(fa, fb), np.outer(a, b), exact=True)


def test_outer_out():
    a, b, fa, fb = pair((3,), (4,))
    fo = fnp.zeros((3, 4))
    assert fnp.outer(fa, fb, out=fo) is fo
    assert_same(fo, np.outer(a, b), exact=True)


@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("sa,sb", [((2, 2), (3, 3)), ((3,), (2,)), ((2, 3), (4,)), ((2,), (2, 3, 2)),
                                   ((2, 2), ()), ((), ()), ((1, 2, 3), (3, 1, 2))])
def test_kron(dtype, sa, sb):
    a, b, fa, fb = pair(sa, sb, dtype)
    assert_same(fnp.kron(fa, fb), np.kron(a, b), exact=True)


@pytest.mark.parametrize("axes", [2, 1, 0, -1, ([1, 0], [0, 1]), ([0], [1]), ((2,), (0,)), (1, 0),
                                  ([-1, 0], [1, -3]), 3, ([5], [0]), ([0, 1], [1]), ([0, 0], [1, 1])])
def test_tensordot(axes):
    a, b, fa, fb = pair((3, 4, 2), (2, 4, 3), np.int64)
    check_both(lambda: fnp.tensordot(fa, fb, axes), lambda: np.tensordot(a, b, axes))
    a, b, fa, fb = pair((3, 4, 5), (4, 5, 3), np.float32)
    check_both(lambda: fnp.tensordot(fa, fb), lambda: np.tensordot(a, b), exact=True)


# ------------------------------------------------------------------ trace, diagonal ---
@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("offset", [0, 1, -1, 2, -3, 5])
@pytest.mark.parametrize("axes", [(0, 1), (1, 0), (0, 2), (-1, -2), (2, 0)])
def test_trace_diagonal(dtype, offset, axes):
    a = small_ints((3, 4, 5), dtype)
    fa = to_fnp(a)
    check_both(lambda: fnp.trace(fa, offset, *axes), lambda: np.trace(a, offset, *axes))
    check_both(lambda: fnp.diagonal(fa, offset, *axes), lambda: np.diagonal(a, offset, *axes))
    check_both(lambda: fa.diagonal(offset, *axes), lambda: a.diagonal(offset, *axes))


def test_diagonal_is_readonly_view():
    a = small_ints((4, 4), np.float64)
    fa = to_fnp(a)
    d = fnp.diagonal(fa, 1)
    assert not d.flags.writeable
    assert np.shares_memory(np.asarray(d), np.asarray(fa)) or d.base is not None
    with pytest.raises(ValueError):
        d[0] = 5
    fa[0, 1] = 42
    assert d[0] == 42
    dv = fnp.diagonal(fa.T[::-1], -1)
    assert_same(dv, np.diagonal(np.asarray(fa).T[::-1], -1))


def test_trace_dtype_and_errors():
    a = small_ints((3, 3), np.int8)
    fa = to_fnp(a)
    for dt in [None, np.float32, np.int8, np.uint64]:
        assert_same(fnp.trace(fa, dtype=dt), np.trace(a, dtype=dt))
    for call in [lambda m: m.trace(np.ones(3)), lambda m: m.diagonal(np.ones(3)),
                 lambda m: m.diagonal(np.ones((3, 3)), 0, 1, 1), lambda m: m.diagonal(np.ones((3, 3)), 0, 1, 2),
                 lambda m: m.trace(np.ones((3, 3)), 0, 0, -3)]:
        assert_same_error(lambda: call(fnp) if False else call(_Fn()), lambda: call(np))


class _Fn:
    """Calls ferronum functions with NumPy inputs converted."""

    def __getattr__(self, name):
        f = getattr(fnp, name)

        def call(*args, **kw):
            return f(*[to_fnp(a) if isinstance(a, np.ndarray) else a for a in args], **kw)

        return call


# ------------------------------------------------------------ multi_dot, matrix_power ---
@pytest.mark.parametrize("shapes", [
    [(2, 3), (3, 4)],
    [(3,), (3,)],
    [(10, 30), (30, 5), (5, 60)],
    [(3,), (3, 4), (4,)],
    [(3,), (3, 4), (4, 5)],
    [(5, 3), (3, 4), (4,)],
    [(10, 30), (30, 5), (5, 60), (60, 2)],
    [(7,), (7, 2), (2, 9), (9, 3), (3, 1), (1,)],
    [(4, 4)] * 6,
])
def test_multi_dot(shapes):
    arrs = [small_ints(s, np.float64) for s in shapes]
    assert_same(fnp.linalg.multi_dot([to_fnp(x) for x in arrs]), np.linalg.multi_dot(arrs), exact=True)
    arrs = [small_ints(s, np.int32) for s in shapes]
    assert_same(fnp.linalg.multi_dot([to_fnp(x) for x in arrs]), np.linalg.multi_dot(arrs))


def test_multi_dot_errors():
    for arrs in [[np.ones(3)], [np.ones(3), np.ones((3, 3, 3)), np.ones(3)], [np.ones((2, 3)), np.ones((2, 3)), np.ones(3)]]:
        assert_same_error(lambda: fnp.linalg.multi_dot([to_fnp(x) for x in arrs]), lambda: np.linalg.multi_dot(arrs))


@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 5, 7, 10])
def test_matrix_power(dtype, n):
    a = small_ints((2, 3, 3), dtype)
    fa = to_fnp(a)
    with np.errstate(all="ignore"):
        want = np.linalg.matrix_power(a, n)
    got = fnp.linalg.matrix_power(fa, n)
    if np.dtype(dtype) == np.float16:
        assert_same(got, want, rtol=1e-2, atol=1)
    elif np.dtype(dtype) in (np.float32, np.complex64) and n >= 7:
        # Entries of a 10th power pass 2**24: single precision rounds, in whatever order the
        # products are summed (NumPy's BLAS and ferronum's kernel need not agree in the last bit).
        assert_same(got, want, rtol=1e-6)
    else:
        assert_same(got, want, rtol=1e-12 if np.dtype(dtype).kind in "fc" else None)


def test_matrix_power_negative_and_errors():
    a = np.array([[2.0, 1.0], [1.0, 3.0]])
    fa = to_fnp(a)
    for n in [-1, -2, -5]:
        assert_same(fnp.linalg.matrix_power(fa, n), np.linalg.matrix_power(a, n), rtol=1e-10)
    assert fnp.linalg.matrix_power(fa, 1) is fa
    for x, n in [(np.ones(3), 2), (np.ones((2, 3)), 2), (np.ones((2, 2)), 2.0), (np.zeros((2, 2)), -1)]:
        assert_same_error(lambda: fnp.linalg.matrix_power(to_fnp(x), n), lambda: np.linalg.matrix_power(x, n))


# ---------------------------------------------------------------------------- cross ---
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("dtype", [d for d in ALL_DTYPES if d.kind != "b"], ids=[d.name for d in ALL_DTYPES if d.kind != "b"])
@pytest.mark.parametrize("sa,sb", [((3,), (3,)), ((2,), (3,)), ((3,), (2,)), ((4, 3), (3,)), ((5, 1, 3), (4, 3))])
def test_cross(dtype, sa, sb):
    a, b, fa, fb = pair(sa, sb, dtype)
    assert_same(fnp.cross(fa, fb), np.cross(a, b), exact=True)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_cross_2d_and_axes():
    a, b, fa, fb = pair((2,), (2,), np.float64)
    assert_same(fnp.cross(fa, fb), np.cross(a, b), exact=True)
    a, b, fa, fb = pair((4, 2), (4, 2), np.int64)
    assert_same(fnp.cross(fa, fb), np.cross(a, b))
    a, b, fa, fb = pair((3, 4, 2), (2, 3), np.float32)
    for kw in [dict(axisa=0, axisb=1), dict(axisa=0, axisb=-2, axisc=0), dict(axisa=-3, axisb=0, axisc=1)]:
        check_both(lambda: fnp.cross(fa, fb, **kw), lambda: np.cross(a, b, **kw), exact=True)
    a, b, fa, fb = pair((3, 5), (3, 5), np.float64)
    assert_same(fnp.cross(fa, fb, axis=0), np.cross(a, b, axis=0), exact=True)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_cross_errors():
    cases = [((4,), (3,), np.float64, {}), ((2, 3), (3, 3), np.float64, {}), ((2, 3), (2, 3), np.float64, {"axisc": 5}),
             ((3,), (3,), np.bool_, {}), ((2,), (3,), np.bool_, {}), ((2, 3), (2, 3), np.float64, {"axisa": 2})]
    for sa, sb, dt, kw in cases:
        a, b, fa, fb = pair(sa, sb, dt)
        assert_same_error(lambda: fnp.cross(fa, fb, **kw), lambda: np.cross(a, b, **kw))
    assert_same_error(lambda: fnp.cross(fnp.asarray(1.0), fnp.ones(3)), lambda: np.cross(np.asarray(1.0), np.ones(3)))


def test_cross_warns_for_2d_vectors():
    with pytest.warns(DeprecationWarning):
        fnp.cross(fnp.ones(2), fnp.ones(3))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_inputs_unchanged():
    a, b, fa, fb = pair((3, 3), (3, 3), np.float64)
    sa, sb = a.copy(), b.copy()
    for f in [fnp.matmul, fnp.dot, fnp.vdot, fnp.inner, fnp.outer, fnp.kron, fnp.cross, fnp.tensordot]:
        f(fa, fb)
    fnp.trace(fa)
    fnp.linalg.multi_dot([fa, fb, fa])
    fnp.linalg.matrix_power(fa, 5)
    np.testing.assert_array_equal(np.asarray(fa), sa)
    np.testing.assert_array_equal(np.asarray(fb), sb)


def test_ndarray_methods():
    a, b, fa, fb = pair((3, 4), (4, 2), np.int64)
    assert_same(fa.dot(fb), a.dot(b))
    sq, _, fsq, _ = pair((4, 4), (1,), np.float32)
    assert_same(fsq.trace(), sq.trace(), exact=True)
    assert_same(fsq.trace(1, dtype=np.float64), sq.trace(1, dtype=np.float64), exact=True)
    assert_same(fsq.diagonal(-1), sq.diagonal(-1), exact=True)


def test_matmul_dtype_keyword():
    a, b, fa, fb = pair((3, 4), (4, 2), np.int64)
    assert_same(fnp.matmul(fa, fb, dtype=np.float64), np.matmul(a, b, dtype=np.float64), exact=True)
    assert_same_error(lambda: fnp.matmul(fa, fb, dtype=np.int8, casting="safe"),
                      lambda: np.matmul(a, b, dtype=np.int8, casting="safe"))
