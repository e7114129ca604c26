"""einsum: row-wise dot, reductions, diagonal, trace, transpose, matmul (explicit and implicit
output), ellipsis broadcasting, three operands, dtype rules, errors."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ferronum as fnp

from conftest import (ALL_DTYPES, DTYPE_IDS, array_pairs, assert_same, assert_same_error, assert_unchanged,
                      check_both, run, snapshot)

EINSUM_DTYPES = st.sampled_from([np.dtype(t) for t in (np.int32, np.int64, np.uint8, np.float32, np.float64,
                                                       np.complex128, np.bool_, np.float16, np.int8)])


def rtol_for(dt):
    dt = np.dtype(dt)
    return {"e": 1e-2, "f": 1e-5, "d": 1e-12, "F": 1e-5, "D": 1e-12}.get(dt.char, None)


def compare_einsum(subs, fs, ns, **kw):
    rn, en = run(lambda: np.einsum(subs, *ns, **kw))
    if en is not None:
        assert_same_error(lambda: fnp.einsum(subs, *fs, **kw), lambda: np.einsum(subs, *ns, **kw))
        return
    dt = np.asarray(rn).dtype
    if np.size(rn) and any(x.size == 0 for x in ns):
        # Every output element is an empty sum, so 0. NumPy 2.4's float16 einsum has been seen (in CI, not
        # reproducibly) to return uninitialised memory here; the mathematical result is the oracle.
        check_both(lambda: fnp.einsum(subs, *fs, **kw), lambda: np.zeros_like(np.einsum(subs, *ns, **kw))[()])
        return
    scale = 1.0
    if dt.kind in "fc":
        scale = max([float(np.max(np.abs(x.astype(np.complex128)))) if x.size else 0.0 for x in ns] + [1.0])
        scale = scale ** len(ns)
    check_both(lambda: fnp.einsum(subs, *fs, **kw), lambda: np.einsum(subs, *ns, **kw), rtol=rtol_for(dt),
               atol=(rtol_for(dt) or 0) * scale * 8)


small_dims = st.integers(0, 5)


@given(st.data(), EINSUM_DTYPES, small_dims, small_dims)
def test_rowwise_dot(data, dt, m, k):
    (na, fa) = data.draw(array_pairs(dtype=dt, shape=(m, k), fbound=100.0))
    (nb, fb) = data.draw(array_pairs(dtype=dt, shape=(m, k), fbound=100.0))
    sa, sb = snapshot(fa), snapshot(fb)
    compare_einsum("ij,ij->i", (fa, fb), (na, nb))
    compare_einsum("ij,ij->j", (fa, fb), (na, nb))
    compare_einsum("ij,ij", (fa, fb), (na, nb))
    compare_einsum("ij,ij->", (fa, fb), (na, nb))
    compare_einsum("ij,ij->ij", (fa, fb), (na, nb))
    compare_einsum("ij,ij->ji", (fa, fb), (na, nb))
    assert_unchanged(fa, sa)
    assert_unchanged(fb, sb)


@given(st.data(), EINSUM_DTYPES, small_dims, small_dims)
def test_single_operand(data, dt, m, k):
    (na, fa) = data.draw(array_pairs(dtype=dt, shape=(m, k), fbound=100.0))
    for subs in ["ij->i", "ij->j", "ij->", "ij->ji", "ji", "ij", "ij->ij", "...->...", "i...->...", "...j->..."]:
        compare_einsum(subs, (fa,), (na,))


@given(st.data(), EINSUM_DTYPES, small_dims)
def test_diagonal_and_trace(data, dt, m):
    (na, fa) = data.draw(array_pairs(dtype=dt, shape=(m, m), fbound=100.0))
    compare_einsum("ii->i", (fa,), (na,))
    compare_einsum("ii", (fa,), (na,))
    compare_einsum("ii->", (fa,), (na,))
    (nc, fc) = data.draw(array_pairs(dtype=dt, shape=(2, m, m), fbound=100.0))
    compare_einsum("kii->ki", (fc,), (nc,))
    compare_einsum("iji->j", (fc.transpose(1, 2, 0)[:, :2, :] if m >= 2 else fc,),
                   (nc.transpose(1, 2, 0)[:, :2, :] if m >= 2 else nc,))


@given(st.data(), EINSUM_DTYPES, small_dims, small_dims, small_dims)
def test_matmul(data, dt, m, k, n):
    (na, fa) = data.draw(array_pairs(dtype=dt, shape=(m, k), fbound=10.0))
    (nb, fb) = data.draw(array_pairs(dtype=dt, shape=(k, n), fbound=10.0))
    compare_einsum("ij,jk->ik", (fa, fb), (na, nb))
    compare_einsum("ij,jk", (fa, fb), (na, nb))
    compare_einsum("ij,jk->ki", (fa, fb), (na, nb))
    compare_einsum("ik,kj", (fa, fb), (na, nb))  # implicit output is alphabetical: 'ij'
    compare_einsum("ij,jk->", (fa, fb), (na, nb))
    compare_einsum("ij,jk->ijk", (fa, fb), (na, nb))


@given(st.data(), EINSUM_DTYPES, st.integers(0, 3), st.integers(0, 4))
def test_ellipsis_broadcasting(data, dt, b, k):
    (na, fa) = data.draw(array_pairs(dtype=dt, shape=(b, 2, k), fbound=100.0))
    (nb, fb) = data.draw(array_pairs(dtype=dt, shape=(k,), fbound=100.0))
    (nc, fc) = data.draw(array_pairs(dtype=dt, shape=(1, 2, k), fbound=100.0))
    compare_einsum("...j,...j->...", (fa, fc), (na, nc))
    compare_einsum("...j,j->...", (fa, fb), (na, nb))
    compare_einsum("...j,...j", (fa, fc), (na, nc))
    compare_einsum("...ij->...ji", (fa,), (na,))
    compare_einsum("i...->...", (fa,), (na,))


@given(st.data(), EINSUM_DTYPES, small_dims, small_dims, small_dims)
def test_three_operands(data, dt, m, k, n):
    (na, fa) = data.draw(array_pairs(dtype=dt, shape=(m, k), fbound=5.0))
    (nb, fb) = data.draw(array_pairs(dtype=dt, shape=(k, n), fbound=5.0))
    (nc, fc) = data.draw(array_pairs(dtype=dt, shape=(n,), fbound=5.0))
    compare_einsum("ij,jk,k->i", (fa, fb, fc), (na, nb, nc))
    compare_einsum("ij,jk,k", (fa, fb, fc), (na, nb, nc))
    compare_einsum("ij,ij,ij->i", (fa, fa, fa), (na, na, na))


@pytest.mark.parametrize("d1", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("d2", [np.dtype(np.int64), np.dtype(np.float32), np.dtype(np.int8), np.dtype(np.complex64),
                                np.dtype(np.bool_)], ids=lambda d: d.name)
def test_result_dtypes(d1, d2):
    na = np.arange(6).reshape(2, 3).astype(d1)
    nb = (np.arange(6).reshape(2, 3) % 3).astype(d2)
    fa, fb = fnp.array(na), fnp.array(nb)
    compare_einsum("ij,ij->i", (fa, fb), (na, nb))
    compare_einsum("ij,jk", (fa, fb.T), (na, nb.T))
    compare_einsum("ij->i", (fa,), (na,))


def test_int64_in_int64_out():
    a = np.arange(12, dtype=np.int64).reshape(3, 4)
    f = fnp.array(a)
    r = fnp.einsum("ij,ij->i", f, f)
    assert isinstance(r, fnp.ndarray) and r.dtype == np.int64
    assert_same(r, np.einsum("ij,ij->i", a, a))
    big = np.full((2, 3), 2**40, dtype=np.int64)
    check_both(lambda: fnp.einsum("ij,ij->i", fnp.array(big), fnp.array(big)), lambda: np.einsum("ij,ij->i", big, big))


def test_full_contraction_returns_numpy_scalar():
    a = np.arange(5.0)
    check_both(lambda: fnp.einsum("i,i", fnp.array(a), fnp.array(a)), lambda: np.einsum("i,i", a, a))
    check_both(lambda: fnp.einsum("i->", fnp.array(a)), lambda: np.einsum("i->", a))
    ai = np.arange(5)
    check_both(lambda: fnp.einsum("i,i->", fnp.array(ai), fnp.array(ai)), lambda: np.einsum("i,i->", ai, ai))


def test_einsum_accepts_numpy_and_lists():
    a = np.arange(6.0).reshape(2, 3)
    check_both(lambda: fnp.einsum("ij->j", a), lambda: np.einsum("ij->j", a))
    check_both(lambda: fnp.einsum("i,i", [1, 2, 3], [4, 5, 6]), lambda: np.einsum("i,i", [1, 2, 3], [4, 5, 6]))


def test_einsum_spaces_in_subscripts():
    a = np.arange(6.0).reshape(2, 3)
    check_both(lambda: fnp.einsum(" ij , ij -> i ", fnp.array(a), fnp.array(a)), lambda: np.einsum(" ij , ij -> i ", a, a))


def test_einsum_dtype_and_out():
    a = np.arange(6).reshape(2, 3)
    f = fnp.array(a)
    check_both(lambda: fnp.einsum("ij,ij->i", f, f, dtype=np.float64), lambda: np.einsum("ij,ij->i", a, a, dtype=np.float64))
    on, of = np.zeros(2, np.int64), fnp.zeros(2, np.int64)
    r = fnp.einsum("ij,ij->i", f, f, out=of)
    np.einsum("ij,ij->i", a, a, out=on)
    assert r is of
    assert_same(of, on)
    assert_same_error(lambda: fnp.einsum("ij->i", fnp.arange(6.0).reshape(2, 3), dtype=np.int64),
                      lambda: np.einsum("ij->i", np.arange(6.0).reshape(2, 3), dtype=np.int64))


def test_large_rowwise_dot_matches_numpy():
    rng = np.random.default_rng(11)
    x = rng.standard_normal((700, 900))
    f = fnp.array(x)
    check_both(lambda: fnp.einsum("ij,ij->i", f, f), lambda: np.einsum("ij,ij->i", x, x), rtol=1e-12)
    check_both(lambda: fnp.einsum("ij,ij->j", f, f), lambda: np.einsum("ij,ij->j", x, x), rtol=1e-12)
    xi = rng.integers(-1000, 1000, size=(500, 600))
    check_both(lambda: fnp.einsum("ij,ij->i", fnp.array(xi), fnp.array(xi)), lambda: np.einsum("ij,ij->i", xi, xi))


BAD = [
    ("ij,jk->ik", [(2, 3)]),          # too few operands
    ("ij", [(2, 3), (3, 2)]),         # too many operands
    ("ij->ik", [(2, 3)]),             # output label not in inputs
    ("ij->ii", [(2, 3)]),             # repeated output label
    ("ij,ij->i", [(2, 3), (3, 2)]),   # dimension mismatch
    ("ij", [(2,)]),                   # too many subscripts for operand
    ("i", [(2, 3)]),                  # too few subscripts for operand
    ("ii", [(2, 3)]),                 # diagonal of non-square
    ("i1->i", [(2, 2)]),              # invalid character
    ("ij-i", [(2, 2)]),               # malformed arrow
    ("ij->i->j", [(2, 2)]),
    ("....i", [(2, 2)]),
    ("i,i->i,", [(2,), (2,)]),
]


@pytest.mark.parametrize("subs,shapes", BAD, ids=[b[0] for b in BAD])
def test_bad_subscripts_raise_valueerror(subs, shapes):
    ns = [np.ones(s) for s in shapes]
    fs = [fnp.ones(s) for s in shapes]
    ef, en = assert_same_error(lambda: fnp.einsum(subs, *fs), lambda: np.einsum(subs, *ns))
    for f, n in zip(fs, ns):
        assert_unchanged(f, n)


def test_einsum_requires_string_or_operand_list():
    a = np.arange(3.0)
    # NumPy's interleaved form: einsum(op0, sublist0, ..., [sublistout])
    check_both(lambda: fnp.einsum(fnp.array(a), [0], fnp.array(a), [0], []), lambda: np.einsum(a, [0], a, [0], []))


# ---- edges found by fuzzing against NumPy ----------------------------------------------------

def same_error_message(fnp_call, np_call):
    ef, en = assert_same_error(fnp_call, np_call)
    assert type(ef) is type(en) and str(ef) == str(en), f"ferronum: {type(ef).__name__}: {ef}\nNumPy: {en!r}"


@pytest.mark.parametrize("optimize", [False, True])
@pytest.mark.parametrize("subs,shapes", [
    ("dX,Xe->", [(3, 5), (1, 5)]),
    ("dX,Xe->dX", [(3, 5), (1, 5)]),
    ("dX,Xe->Xe", [(3, 1), (4, 5)]),
    ("ij,jk", [(2, 3), (1, 4)]),
    ("ij,jk->ik", [(2, 1), (3, 4)]),
    ("ij,j->ij", [(3, 4), (1,)]),
    ("i,i", [(0,), (1,)]),
    ("i,i->i", [(1,), (0,)]),
    ("ii,i->i", [(3, 3), (1,)]),
    ("ii,i->i", [(1, 1), (3,)]),
    ("ab,bc,cd", [(2, 1), (5, 3), (3, 1)]),
    ("ij,jk,kl->il", [(2, 3), (1, 4), (4, 5)]),
    ("abc,cd,db->a", [(2, 1, 3), (1, 4), (4, 5)]),
])
def test_size_one_labels_broadcast(subs, shapes, optimize):
    rng = np.random.default_rng(5)
    ns = [rng.integers(-3, 4, size=s).astype(np.float64) for s in shapes]
    check_both(lambda: fnp.einsum(subs, *[fnp.array(x) for x in ns], optimize=optimize),
               lambda: np.einsum(subs, *ns, optimize=optimize))
    assert fnp.einsum_path(subs, *[fnp.array(x) for x in ns])[0] == np.einsum_path(subs, *ns)[0]


@pytest.mark.parametrize("optimize", [False, True])
@pytest.mark.parametrize("subs,shapes", [
    ("...->", [(1,)]),
    ("...->", [(2,)]),
    ("...d->d", [(1, 4)]),
    ("i...->", [(2, 3)]),
    ("...,...->", [(1,), (3,)]),
    ("...->...", [(1,)]),
    ("...->", [()]),
])
def test_ellipsis_missing_from_explicit_output(subs, shapes, optimize):
    # NumPy's C einsum asks for '...' in the output whenever an input has ellipsis dimensions;
    # with optimize, einsum_path's parser sums them away.
    ns = [np.ones(s) for s in shapes]
    fs = [fnp.ones(s) for s in shapes]
    rn, en = run(lambda: np.einsum(subs, *ns, optimize=optimize))
    if en is not None:
        same_error_message(lambda: fnp.einsum(subs, *fs, optimize=optimize),
                           lambda: np.einsum(subs, *ns, optimize=optimize))
    else:
        check_both(lambda: fnp.einsum(subs, *fs, optimize=optimize), lambda: np.einsum(subs, *ns, optimize=optimize))


@pytest.mark.parametrize("optimize", [False, True])
@pytest.mark.parametrize("subs,shapes", [
    ("ij,ij->i", [(2, 3), (3, 2)]),
    ("dX,Xe->", [(3, 5), (2, 5)]),
    ("ij,jk,kl->il", [(2, 3), (3, 4), (2, 5)]),
    ("ij,jk", [(2, 3), (2, 4)]),
    ("i,i", [(0,), (2,)]),
    ("ii->i", [(2, 3)]),
    ("ii", [(3, 1)]),
    ("jii->i", [(2, 2, 3)]),
    ("ii,i", [(2, 3), (2,)]),
    ("i1->i", [(2, 2)]),
    ("ij->i->j", [(2, 2)]),
    ("....i", [(2, 2)]),
    ("i...->", [()]),
    ("ij...,j", [(2,), (2,)]),
    ("ij->kk", [(2, 2)]),
    ("ij->ii", [(2, 2)]),
    ("ij,jk", [(2, 2)]),
    ("ijk", [(2, 2)]),
    ("ï", [(3,)]),
    ("ij->ï", [(3, 3)]),
])
def test_error_messages_match_numpy(subs, shapes, optimize):
    ns = [np.ones(s) for s in shapes]
    fs = [fnp.ones(s) for s in shapes]
    same_error_message(lambda: fnp.einsum(subs, *fs, optimize=optimize),
                       lambda: np.einsum(subs, *ns, optimize=optimize))
    if not optimize:
        if run(lambda: np.einsum_path(subs, *ns))[1] is None:
            assert fnp.einsum_path(subs, *fs)[0] == np.einsum_path(subs, *ns)[0]
        else:
            same_error_message(lambda: fnp.einsum_path(subs, *fs), lambda: np.einsum_path(subs, *ns))


def test_integer_power_with_empty_result_ignores_exponents():
    # NumPy's loop checks the exponents it uses; an empty broadcast result uses none.
    for a, b in [(np.ones((2, 0), np.int8), np.full((2, 1), -1, np.int64)),
                 (np.ones((0,), np.int64), np.full((1,), -2, np.int64)),
                 (np.ones((3, 1), np.int32), np.full((0,), -1, np.int32))]:
        check_both(lambda: fnp.array(a) ** fnp.array(b), lambda: a ** b)
        check_both(lambda: fnp.power(fnp.array(a), fnp.array(b)), lambda: np.power(a, b))
    a, b = np.ones((2, 1), np.int8), np.full((2, 1), -1, np.int64)
    same_error_message(lambda: fnp.array(a) ** fnp.array(b), lambda: a ** b)


# A seeded fuzzer: random subscripts (repeated labels, ellipses, implicit and explicit outputs),
# shapes with 0s and 1s (and now and then a mismatch), one to four operands, with and without
# optimize. Values are small integers, so every summation order gives NumPy's exact result.

FUZZ_LETTERS = "abcdXY"


def fuzz_case(rng):
    nops = int(rng.integers(1, 5))
    size = {c: int(rng.choice([0, 1, 2, 3, 4], p=[0.08, 0.22, 0.3, 0.25, 0.15])) for c in FUZZ_LETTERS}
    ell = [int(rng.choice([0, 1, 2, 3], p=[0.05, 0.35, 0.3, 0.3])) for _ in range(2)]
    terms, shapes, any_ellipsis = [], [], False
    for _ in range(nops):
        letters = [str(rng.choice(list(FUZZ_LETTERS))) for _ in range(int(rng.integers(0, 4)))]
        own = {}
        for c in letters:
            if c not in own:
                r = rng.random()
                own[c] = 1 if r < 0.15 else int(rng.integers(0, 5)) if r < 0.2 else size[c]
        dims = [own[c] for c in letters]
        term = "".join(letters)
        if rng.random() < 0.3:
            any_ellipsis = True
            k = int(rng.integers(0, 3))
            at = int(rng.integers(0, len(letters) + 1))
            edims = [1 if rng.random() < 0.25 else d for d in ell[2 - k:]] if k else []
            term = term[:at] + "..." + term[at:]
            dims = dims[:at] + edims + dims[at:]
        terms.append(term)
        shapes.append(tuple(dims))
    used = sorted(set("".join(terms).replace(".", "")))
    if rng.random() < 0.3:
        subs = ",".join(terms)
    else:
        out = [c for c in used if rng.random() < 0.5]
        rng.shuffle(out)
        out = "".join(out)
        if any_ellipsis and rng.random() < 0.7:
            at = int(rng.integers(0, len(out) + 1))
            out = out[:at] + "..." + out[at:]
        if rng.random() < 0.03:
            out += "Z"
        subs = ",".join(terms) + "->" + out
    dtype = [np.float64, np.int64, np.float32][int(rng.integers(0, 3))]
    ops = [rng.integers(-3, 4, size=s).astype(dtype) for s in shapes]
    return subs, ops


def normalized(msg, subs):
    # einsum_path names ellipsis dimensions with letters drawn from a Python set (their order
    # varies between runs): only messages about ellipses have the letter masked.
    import re
    return re.sub(r"(label|subscript) '?.'?", r"\1 ?", msg) if "..." in subs else msg


@pytest.mark.parametrize("chunk", range(8))
def test_fuzz_against_numpy(chunk):
    rng = np.random.default_rng(3000 + chunk)
    for _ in range(60):
        subs, ns = fuzz_case(rng)
        fs = [fnp.array(x) for x in ns]
        for optimize in (False, True):
            what = f"einsum({subs!r}, shapes {[x.shape for x in ns]}, {ns[0].dtype}, optimize={optimize})"
            rn, en = run(lambda: np.einsum(subs, *ns, optimize=optimize))
            rf, ef = run(lambda: fnp.einsum(subs, *fs, optimize=optimize))
            if en is not None:
                assert ef is not None, f"{what}: NumPy raised {en!r}, ferronum returned {rf!r}"
                assert type(ef) is type(en), f"{what}: ferronum {ef!r}, NumPy {en!r}"
                assert normalized(str(ef), subs) == normalized(str(en), subs), f"{what}: ferronum {ef!r}, NumPy {en!r}"
                continue
            assert ef is None, f"{what}: ferronum raised {ef!r}, NumPy returned {rn!r}"
            if np.size(rn) and any(x.size == 0 for x in ns):
                rn = np.zeros_like(rn) if isinstance(rn, np.ndarray) else rn.dtype.type(0)  # empty sums
            try:
                assert_same(rf, rn, exact=True)
            except AssertionError as e:
                raise AssertionError(f"{what}: {e}") from e
