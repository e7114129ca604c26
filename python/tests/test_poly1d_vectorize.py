"""poly1d (construction, printing, arithmetic, evaluation, calculus, item access) and
vectorize(signature=), differentially against NumPy."""

import numpy as np
import pytest

import ferronum as fnp

from conftest import assert_same, same_outcome


def _f(v):
    return fnp.asarray(v) if isinstance(v, np.ndarray) else v


COEFFS = [[1, 2, 3], [0, 0, 1.5, -2], [3], [0], [], [1j, 2, -3 + 1j], [2.5, 0, 0, -1, 0], [-1, -1],
          np.array([1, -2, 1], dtype=np.int8), np.array([0.25, 1e-5, 1234567.0], dtype=np.float32)]


@pytest.mark.parametrize("c", COEFFS, ids=repr)
def test_poly1d_basics(c):
    pf, pn = fnp.poly1d(_f(c)), np.poly1d(c)
    assert_same(pf.coeffs, pn.coeffs, exact=True)
    assert pf.order == pn.order and len(pf) == len(pn)
    assert str(pf) == str(pn)
    assert repr(pf) == repr(pn)
    assert_same(pf.c, pn.c, exact=True)
    for k in (-1, 0, 1, 2, 7):
        assert_same(pf[k], pn[k], exact=True)
    assert [x for x in pf] == [x for x in pn]
    assert_same(np.asarray(pf), np.asarray(pn), exact=True, check_type=False)
    same_outcome(lambda: pf(fnp.asarray([0.5, -2.0, 3.0])), lambda: pn(np.array([0.5, -2.0, 3.0])))
    same_outcome(lambda: pf(2), lambda: pn(2))
    same_outcome(lambda: pf.deriv().coeffs, lambda: pn.deriv().coeffs)
    same_outcome(lambda: pf.deriv(2).coeffs, lambda: pn.deriv(2).coeffs)
    same_outcome(lambda: pf.integ().coeffs, lambda: pn.integ().coeffs)
    same_outcome(lambda: pf.integ(2, k=[1, 2]).coeffs, lambda: pn.integ(2, k=[1, 2]).coeffs)


def test_poly1d_roots_variable_and_long_str():
    pf, pn = fnp.poly1d([1, -3, 2], r=False, variable="z"), np.poly1d([1, -3, 2], variable="z")
    assert str(pf) == str(pn) and pf.variable == "z"
    same_outcome(lambda: pf.roots, lambda: pn.roots, exact=False)
    rf, rn = fnp.poly1d(fnp.asarray([1.0, 2.0, 3.0]), r=True), np.poly1d([1.0, 2.0, 3.0], r=True)
    same_outcome(lambda: rf.coeffs, lambda: rn.coeffs)
    big = list(range(1, 40))
    assert str(fnp.poly1d(big)) == str(np.poly1d(big))
    assert str(fnp.poly1d([1.5, 1, 0, -1, 1j])) == str(np.poly1d([1.5, 1, 0, -1, 1j]))


OTHERS = [lambda P: P([1, 1]), lambda P: 3, lambda P: 2.5, lambda P: [1, 0, -1], lambda P: P([0])]


@pytest.mark.parametrize("k", range(len(OTHERS)))
def test_poly1d_arithmetic(k):
    c = [2, -1, 3]
    pf, pn = fnp.poly1d(c), np.poly1d(c)
    of, on = OTHERS[k](fnp.poly1d), OTHERS[k](np.poly1d)
    for op in (lambda a, b: a + b, lambda a, b: b + a, lambda a, b: a - b, lambda a, b: b - a, lambda a, b: a * b,
               lambda a, b: b * a):
        same_outcome(lambda: op(pf, of).coeffs, lambda: op(pn, on).coeffs)
    if k in (1, 2):
        same_outcome(lambda: (pf / of).coeffs, lambda: (pn / on).coeffs)
    else:
        qf, rf = pf / of if k != 4 else (None, None)
        if k != 4:
            qn, rn = pn / on
            assert_same(qf.coeffs, qn.coeffs)
            assert_same(rf.coeffs, rn.coeffs)
    same_outcome(lambda: (-pf).coeffs, lambda: (-pn).coeffs)
    same_outcome(lambda: (pf ** 3).coeffs, lambda: (pn ** 3).coeffs)
    assert (pf == fnp.poly1d(c)) == (pn == np.poly1d(c))
    assert (pf != fnp.poly1d([1])) == (pn != np.poly1d([1]))


def test_poly1d_functions_return_poly1d():
    pf, pn = fnp.poly1d([1, 2]), np.poly1d([1, 2])
    for ff, nf in [(fnp.polyadd, np.polyadd), (fnp.polysub, np.polysub), (fnp.polymul, np.polymul)]:
        rf, rn = ff(pf, [1, 0, 0]), nf(pn, [1, 0, 0])
        assert isinstance(rf, fnp.poly1d) and isinstance(rn, np.poly1d)
        assert_same(rf.coeffs, rn.coeffs)
    q, r = fnp.polydiv(fnp.poly1d([1, 0, -1]), pf)
    qn, rn = np.polydiv(np.poly1d([1, 0, -1]), pn)
    assert isinstance(q, fnp.poly1d) and isinstance(r, fnp.poly1d)
    assert_same(q.coeffs, qn.coeffs)
    assert_same(r.coeffs, rn.coeffs)
    assert isinstance(fnp.polyder(pf), fnp.poly1d) and isinstance(fnp.polyint(pf), fnp.poly1d)
    comp_f, comp_n = fnp.polyval(pf, fnp.poly1d([1, 1])), np.polyval(pn, np.poly1d([1, 1]))
    assert isinstance(comp_f, fnp.poly1d)
    assert_same(comp_f.coeffs, comp_n.coeffs)
    assert_same(fnp.roots(pf), np.roots(pn))


def test_poly1d_setitem_and_errors():
    pf, pn = fnp.poly1d([1, 2, 3]), np.poly1d([1, 2, 3])
    pf[5] = 7
    pn[5] = 7
    assert_same(pf.coeffs, pn.coeffs, exact=True)
    pf[0] = -1
    pn[0] = -1
    assert_same(pf.coeffs, pn.coeffs, exact=True)
    same_outcome(lambda: pf.__setitem__(-1, 3), lambda: pn.__setitem__(-1, 3))
    same_outcome(lambda: pf ** -1, lambda: pn ** -1)
    same_outcome(lambda: pf ** 1.5, lambda: pn ** 1.5)
    same_outcome(lambda: fnp.poly1d(fnp.ones((2, 2))), lambda: np.poly1d(np.ones((2, 2))))
    with pytest.raises(AttributeError):
        pf.coeffs = fnp.asarray([1.0])
    c = pf.coeffs
    pf.coeffs = c  # the same array back: allowed, as NumPy's ``p.coeffs *= 2``


# ------------------------------------------------------------------ vectorize(signature) ---
SIG_CASES = [
    ("(n)->()", lambda v: v.sum(), [np.arange(12.0).reshape(3, 4)]),
    ("(n),(n)->()", lambda a, b: (a * b).sum(), [np.arange(6.0).reshape(2, 3), np.array([1.0, 2.0, 3.0])]),
    ("(m,n),(n)->(m)", lambda m, v: m @ v, [np.arange(24.0).reshape(2, 3, 4), np.arange(4.0)]),
    ("()->(k)", lambda x: x * np.arange(3) if isinstance(x, np.generic) else x * fnp.arange(3), [np.arange(4)]),
    ("(n)->(),()", lambda v: (v.min(), v.max()), [np.array([[3, 1, 2], [9, 7, 8]])]),
    ("(n)->(n)", lambda v: v[::-1], [np.arange(10).reshape(2, 5)]),
    ("(n) -> ()", lambda v: len(v), [np.zeros((2, 3, 7))]),
]


@pytest.mark.parametrize("case", SIG_CASES, ids=[c[0] for c in SIG_CASES])
def test_vectorize_signature(case):
    sig, fn, args = case
    same_outcome(lambda: fnp.vectorize(fn, signature=sig)(*[_f(a) for a in args]),
                 lambda: np.vectorize(fn, signature=sig)(*args))


def test_vectorize_signature_otypes_and_errors():
    v = np.arange(6.0).reshape(2, 3)
    same_outcome(lambda: fnp.vectorize(lambda x: x.sum(), signature="(n)->()", otypes=[np.float32])(_f(v)),
                 lambda: np.vectorize(lambda x: x.sum(), signature="(n)->()", otypes=[np.float32])(v))
    e = np.zeros((0, 3))
    same_outcome(lambda: fnp.vectorize(lambda x: x.sum(), signature="(n)->()", otypes=[float])(_f(e)),
                 lambda: np.vectorize(lambda x: x.sum(), signature="(n)->()", otypes=[float])(e))
    same_outcome(lambda: fnp.vectorize(lambda x: x.sum(), signature="(n)->()")(_f(e)),
                 lambda: np.vectorize(lambda x: x.sum(), signature="(n)->()")(e))
    same_outcome(lambda: fnp.vectorize(lambda x: x, signature="(n)->(k)", otypes=[float])(_f(e)),
                 lambda: np.vectorize(lambda x: x, signature="(n)->(k)", otypes=[float])(e))
    same_outcome(lambda: fnp.vectorize(lambda x: x, signature="(n->()"), lambda: np.vectorize(lambda x: x,
                                                                                               signature="(n->()"))
    same_outcome(lambda: fnp.vectorize(lambda a, b: a, signature="(n),(n)->(n)")(_f(v), fnp.ones(4)),
                 lambda: np.vectorize(lambda a, b: a, signature="(n),(n)->(n)")(v, np.ones(4)))
    same_outcome(lambda: fnp.vectorize(lambda a: a, signature="(m,n)->(m,n)")(fnp.ones(4)),
                 lambda: np.vectorize(lambda a: a, signature="(m,n)->(m,n)")(np.ones(4)))
    same_outcome(lambda: fnp.vectorize(lambda a: (a, a), signature="(n)->(n)")(_f(v)),
                 lambda: np.vectorize(lambda a: (a, a), signature="(n)->(n)")(v))
    same_outcome(lambda: fnp.vectorize(lambda a: a, signature="(n)->(n)")(_f(v), _f(v)),
                 lambda: np.vectorize(lambda a: a, signature="(n)->(n)")(v, v))
    same_outcome(lambda: fnp.vectorize(lambda a, p: a ** p, signature="(n)->(n)", excluded={"p"})(_f(v), p=2),
                 lambda: np.vectorize(lambda a, p: a ** p, signature="(n)->(n)", excluded={"p"})(v, p=2))
