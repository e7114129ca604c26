"""einsum with optimize= (greedy, optimal, explicit paths), einsum_path (path and report against
NumPy's), contractions that run as matrix products (batched, strided, with diagonals), out=,
dtype=, casting=, and the errors of each."""

import string

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ferronum as fnp

from conftest import assert_same, assert_same_error, assert_unchanged, check_both, run, snapshot

OPTIMIZE = [False, True, "greedy", "optimal"]
DTYPES = [np.dtype(t) for t in (np.int64, np.float64, np.float32, np.complex128, np.int32)]
RTOL = {"f": 2e-4, "d": 1e-10, "D": 1e-10, "F": 2e-4}


def values(rng, shape, dt):
    if dt.kind in "iu":
        return rng.integers(-5, 6, size=shape).astype(dt)
    x = rng.standard_normal(shape)
    if dt.kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dt)


def agree(ff, nf):
    """Both raise the same class, or both return the same result (NumPy's casting rules differ
    between its own einsum loops and the matmul steps `optimize` takes)."""
    rn, en = run(nf)
    if en is not None:
        assert_same_error(ff, nf)
    else:
        check_both(ff, nf)


def compare(subs, ns, **kw):
    fs = [fnp.array(x) for x in ns]
    snaps = [snapshot(f) for f in fs]
    rn, en = run(lambda: np.einsum(subs, *ns, **kw))
    if en is not None:
        assert_same_error(lambda: fnp.einsum(subs, *fs, **kw), lambda: np.einsum(subs, *ns, **kw))
        return
    dt = np.asarray(rn).dtype
    rtol = RTOL.get(dt.char)
    scale = 1.0
    if rtol:
        # Sums of products: compare relative to the size of the terms, not of the (cancelling) sum.
        terms = np.einsum(subs, *[np.abs(x.astype(np.complex128)) for x in ns])
        scale = float(np.max(np.abs(terms))) if np.size(terms) else 1.0
    check_both(lambda: fnp.einsum(subs, *fs, **kw), lambda: np.einsum(subs, *ns, **kw), rtol=rtol,
               atol=(rtol or 0) * max(scale, 1.0))
    for f, s in zip(fs, snaps):
        assert_unchanged(f, s)


@st.composite
def expressions(draw, max_ops=5):
    """A random contraction: 1-5 operands over up to 6 labels of sizes 1-4, explicit output."""
    n_labels = draw(st.integers(1, 6))
    labels = string.ascii_letters[:n_labels] if draw(st.booleans()) else "ijkabc"[:n_labels]
    sizes = {c: draw(st.integers(1, 4)) for c in labels}
    n_ops = draw(st.integers(1, max_ops))
    terms = ["".join(draw(st.lists(st.sampled_from(labels), min_size=0, max_size=3, unique=True)))
             for _ in range(n_ops)]
    used = sorted(set("".join(terms)))
    out = "".join(draw(st.permutations(used))[:draw(st.integers(0, len(used)))])
    subs = ",".join(terms) + "->" + out
    return subs, [tuple(sizes[c] for c in t) for t in terms]


@given(expressions(), st.sampled_from(OPTIMIZE), st.sampled_from(DTYPES), st.integers(0, 2**32 - 1))
def test_random_contractions_match_numpy(expr, optimize, dt, seed):
    subs, shapes = expr
    rng = np.random.default_rng(seed)
    compare(subs, [values(rng, s, dt) for s in shapes], optimize=optimize)


@given(expressions(), st.sampled_from(["greedy", "optimal", True]))
def test_einsum_path_matches_numpy(expr, optimize):
    subs, shapes = expr
    ns = [np.ones(s) for s in shapes]
    fs = [fnp.ones(s) for s in shapes]
    pn, rn = np.einsum_path(subs, *ns, optimize=optimize)
    pf, rf = fnp.einsum_path(subs, *fs, optimize=optimize)
    assert pf == pn
    assert rf == rn


@pytest.mark.parametrize("optimize", ["greedy", "optimal"])
def test_einsum_path_docstring_examples(optimize):
    rng = np.random.default_rng(0)
    a, b, c = rng.random((2, 2)), rng.random((2, 5)), rng.random((5, 2))
    for args in (("ij,jk,kl->il", a, b, c), ("ea,fb,abcd,gc,hd->efgh", rng.random((10, 10)), rng.random((10, 10)),
                                              rng.random((10, 10, 10, 10)), rng.random((10, 10)),
                                              rng.random((10, 10)))):
        pn, rn = np.einsum_path(*args, optimize=optimize)
        pf, rf = fnp.einsum_path(args[0], *[fnp.array(x) for x in args[1:]], optimize=optimize)
        assert pf == pn
        assert rf == rn


def test_einsum_path_with_ellipsis_and_memory_limit():
    rng = np.random.default_rng(1)
    ns = [rng.random((3, 4, 5)), rng.random((5, 6)), rng.random((6, 2))]
    fs = [fnp.array(x) for x in ns]
    for opt in ("greedy", ("greedy", 10), ("optimal", 10), ("optimal", 1e6), False):
        pn, _ = np.einsum_path("...ij,jk,kl->...il", *ns, optimize=opt)
        pf, text = fnp.einsum_path("...ij,jk,kl->...il", *fs, optimize=opt)
        assert pf == pn
        assert "Complete contraction" in text
        compare("...ij,jk,kl->...il", ns, optimize=opt)


def test_explicit_path_runs_that_order():
    rng = np.random.default_rng(2)
    ns = [rng.random((4, 5)), rng.random((5, 6)), rng.random((6, 3))]
    for path in (["einsum_path", (0, 1), (0, 1)], ["einsum_path", (1, 2), (0, 1)], ["einsum_path", (0, 1, 2)],
                 ["einsum_path", (0, 2), (0, 1)]):
        compare("ij,jk,kl->il", ns, optimize=path)


@pytest.mark.parametrize("opt", [["einsum_path", (0, 1)],            # an operand left over
                                 ["einsum_path", (0, 5), (0, 1)],    # no such operand
                                 "fastest",                            # unknown name
                                 3.5,                                  # not a path
                                 ("greedy", "x")])
def test_bad_optimize_raises_like_numpy(opt):
    ns = [np.ones((2, 3)), np.ones((3, 4)), np.ones((4, 2))]
    fs = [fnp.ones((2, 3)), fnp.ones((3, 4)), fnp.ones((4, 2))]
    assert_same_error(lambda: fnp.einsum("ij,jk,kl->il", *fs, optimize=opt),
                      lambda: np.einsum("ij,jk,kl->il", *ns, optimize=opt))


GEMM_FORMS = [
    ("ij,jk->ik", [(7, 5), (5, 6)]),
    ("ij,kj->ik", [(7, 5), (6, 5)]),
    ("ji,jk->ki", [(5, 7), (5, 6)]),
    ("bij,bjk->bik", [(3, 4, 5), (3, 5, 2)]),
    ("bij,bjk->bki", [(3, 4, 5), (3, 5, 2)]),
    ("abcd,cdef->abef", [(2, 3, 4, 5), (4, 5, 3, 2)]),
    ("abcd,cdef->feba", [(2, 3, 4, 5), (4, 5, 3, 2)]),
    ("iij,jk->ik", [(4, 4, 5), (5, 3)]),            # a diagonal first
    ("ijx,jk->ik", [(4, 5, 3), (5, 3)]),            # a label summed out of one operand first
    ("ij,jk", [(40, 50), (50, 30)]),
    ("...ij,...jk->...ik", [(2, 3, 4, 5), (2, 3, 5, 6)]),
    ("...ij,...jk->...ik", [(1, 4, 5), (3, 5, 6)]),  # broadcast batch: the direct path
]


@pytest.mark.parametrize("dt", [np.dtype(t) for t in (np.float64, np.float32, np.complex128, np.complex64, np.int64,
                                                       np.int32, np.uint8, np.bool_, np.float16)], ids=str)
@pytest.mark.parametrize("subs,shapes", GEMM_FORMS, ids=[g[0] for g in GEMM_FORMS])
def test_matrix_product_forms(subs, shapes, dt):
    rng = np.random.default_rng(3)
    ns = [values(rng, s, dt) if dt.kind != "b" else rng.random(s) > 0.5 for s in shapes]
    if dt == np.float16:
        ns = [(rng.integers(-3, 4, size=s)).astype(dt) for s in shapes]  # exact in float16
    compare(subs, ns)
    compare(subs, ns, optimize=True)


def test_matrix_products_of_views():
    rng = np.random.default_rng(4)
    x = rng.standard_normal((30, 40))
    y = rng.standard_normal((40, 50))
    fx, fy = fnp.array(x), fnp.array(y)
    views = [(lambda a: a, lambda a: a), (lambda a: a.T, lambda a: a.T), (lambda a: a[::2, ::3], lambda a: a[::3, 1::2])]
    for vx, vy in views:
        nx, ny = vx(x), vy(y)
        subs = "ij,jk->ik" if nx.shape[1] == ny.shape[0] else ("ji,kj->ik" if nx.shape[0] == ny.shape[1] else None)
        if subs is None:
            continue
        check_both(lambda: fnp.einsum(subs, vx(fx), vy(fy)), lambda: np.einsum(subs, nx, ny), rtol=1e-10, atol=1e-10)


def test_big_gemm_matches_numpy():
    rng = np.random.default_rng(5)
    x, y = rng.standard_normal((300, 200)), rng.standard_normal((200, 250))
    check_both(lambda: fnp.einsum("ij,jk->ik", fnp.array(x), fnp.array(y)), lambda: np.einsum("ij,jk->ik", x, y),
               rtol=1e-9, atol=1e-9)
    xi = rng.integers(-100, 100, size=(120, 130))
    check_both(lambda: fnp.einsum("ij,jk->ik", fnp.array(xi), fnp.array(xi.T.copy())),
               lambda: np.einsum("ij,jk->ik", xi, xi.T.copy()))


@pytest.mark.parametrize("optimize", OPTIMIZE)
def test_out_dtype_casting(optimize):
    rng = np.random.default_rng(6)
    a, b, c = rng.integers(0, 5, (3, 4)), rng.integers(0, 5, (4, 5)), rng.integers(0, 5, (5, 2))
    fa, fb, fc = fnp.array(a), fnp.array(b), fnp.array(c)
    on, of = np.zeros((3, 2), np.float64), fnp.zeros((3, 2), np.float64)
    rn = np.einsum("ij,jk,kl->il", a, b, c, out=on, optimize=optimize)
    rf = fnp.einsum("ij,jk,kl->il", fa, fb, fc, out=of, optimize=optimize)
    assert rf is of and rn is on
    assert_same(of, on)
    check_both(lambda: fnp.einsum("ij,jk,kl->il", fa, fb, fc, dtype=np.float32, optimize=optimize),
               lambda: np.einsum("ij,jk,kl->il", a, b, c, dtype=np.float32, optimize=optimize))
    # casting: int64 -> int8 is not 'safe'; 'unsafe' allows it.
    agree(lambda: fnp.einsum("ij,jk->ik", fa, fb, dtype=np.int8, optimize=optimize),
          lambda: np.einsum("ij,jk->ik", a, b, dtype=np.int8, optimize=optimize))
    check_both(lambda: fnp.einsum("ij,jk->ik", fa, fb, dtype=np.int8, casting="unsafe", optimize=optimize),
               lambda: np.einsum("ij,jk->ik", a, b, dtype=np.int8, casting="unsafe", optimize=optimize))
    # out of the wrong shape, or one the result cannot be cast to
    assert_same_error(lambda: fnp.einsum("ij,jk->ik", fa, fb, out=fnp.zeros((4, 4)), optimize=optimize),
                      lambda: np.einsum("ij,jk->ik", a, b, out=np.zeros((4, 4)), optimize=optimize))
    of8, on8 = fnp.zeros((3, 5), np.int8), np.zeros((3, 5), np.int8)
    agree(lambda: fnp.einsum("ij,jk->ik", fa, fb, out=of8, optimize=optimize),
          lambda: np.einsum("ij,jk->ik", a, b, out=on8, optimize=optimize))
    assert_same(of8, on8)
    if optimize is False:  # NumPy's own loop checks 'safe' casting before writing
        assert_same_error(lambda: fnp.einsum("ij,jk->ik", fa, fb, out=of8),
                          lambda: np.einsum("ij,jk->ik", a, b, out=on8))


def test_repeated_calls_use_the_cached_plan_correctly():
    # The same subscripts with other shapes (and other dtypes) must not reuse a wrong plan.
    rng = np.random.default_rng(7)
    for shape in [(2, 3), (3, 2), (4, 4), (1, 5), (2, 3)]:
        x = rng.standard_normal(shape)
        y = rng.standard_normal((shape[1], 3))
        for _ in range(2):
            compare("ij,jk->ik", [x, y], optimize=True)
            compare("ij,jk->ik", [x.astype(np.int64), y.astype(np.int64)])
