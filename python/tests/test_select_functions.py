"""Selection and index construction, differentially against NumPy: choose (function and method,
modes, out), select, ix_, indices, diag_indices(_from), tril/triu_indices(_from), mask_indices,
fill_diagonal, vander, mgrid, ogrid, ndindex, ndenumerate. Values, dtypes, shapes, exception
class and message, inputs unchanged on error."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp

from conftest import ALL_DTYPES, DTYPE_IDS, array_pairs, assert_same, assert_unchanged, run, snapshot, same_outcome

SHAPES = st.lists(st.integers(0, 4), min_size=0, max_size=3).map(tuple)


def pair(n):
    return n, fnp.array(n)


# ------------------------------------------------------------------------------ choose ---
@settings(max_examples=200, deadline=None)
@given(st.data())
def test_choose(data):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=4, min_dims=0, max_dims=3, min_side=0,
                                                         max_side=3))
    k = data.draw(st.integers(1, 3))
    choices = []
    for s in shapes.input_shapes[:k]:
        dt = data.draw(st.sampled_from(ALL_DTYPES))
        choices.append(data.draw(array_pairs(dtype=dt, shape=s)))
    ishape = shapes.input_shapes[3]
    if data.draw(st.booleans()):
        # A shape that may not broadcast.
        ishape = data.draw(SHAPES)
    ind = np.array(data.draw(st.lists(st.integers(-4, 4), min_size=int(np.prod(ishape)),
                                      max_size=int(np.prod(ishape)))), dtype=np.int64).reshape(ishape)
    idt = data.draw(st.sampled_from([np.int64, np.int8, np.uint8, np.int32]))
    if np.dtype(idt).kind == "u":
        ind = np.abs(ind)
    ind = ind.astype(idt)
    mode = data.draw(st.sampled_from(["raise", "wrap", "clip"]))
    nch = [n for n, _ in choices]
    fch = [f for _, f in choices]
    if data.draw(st.booleans()):
        # Python scalars are weak.
        v = data.draw(st.sampled_from([3, -1, 2.5, 1 + 2j, True]))
        nch.append(v)
        fch.append(v)
    snaps = [snapshot(f) for f in fch if isinstance(f, fnp.ndarray)]
    same_outcome(lambda: fnp.choose(ind, fch, mode=mode), lambda: np.choose(ind, nch, mode=mode))
    same_outcome(lambda: fnp.array(ind).choose(fch, mode=mode), lambda: ind.choose(nch, mode=mode))
    # out=: of the result's shape, any dtype (cast into it).
    rn, en = run(lambda: np.choose(ind, nch, mode=mode))
    if en is None:
        odt = data.draw(st.sampled_from(ALL_DTYPES))
        on, of = np.zeros(np.shape(rn), odt), fnp.zeros(np.shape(rn), odt)
        rf = fnp.choose(ind, fch, out=of, mode=mode)
        run(lambda: np.choose(ind, nch, out=on, mode=mode))
        assert rf is of
        assert_same(of, on, exact=True)
    for f, s in zip([f for f in fch if isinstance(f, fnp.ndarray)], snaps):
        assert_unchanged(f, s)


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_choose_every_dtype(dt):
    rng = np.random.default_rng(0)
    c = [(rng.integers(0, 50, (3, 4)) - 20).astype(dt) for _ in range(3)]
    fc = [fnp.array(x) for x in c]
    ind = rng.integers(0, 3, (3, 4))
    same_outcome(lambda: fnp.choose(ind, fc), lambda: np.choose(ind, c))
    same_outcome(lambda: fnp.choose(ind[0], fc), lambda: np.choose(ind[0], c))
    # Choices as one array: its rows.
    same_outcome(lambda: fnp.choose([2, 0, 1, 1], fnp.array(c[0])), lambda: np.choose([2, 0, 1, 1], c[0]))
    same_outcome(lambda: fnp.choose(1, fc), lambda: np.choose(1, c))
    same_outcome(lambda: fnp.choose(1, [c[0][0, 0], 5]), lambda: np.choose(1, [c[0][0, 0], 5]))
    for v in (300, -1, 1e300, 1j, 2 ** 63):
        same_outcome(lambda: fnp.choose([0, 1], [fc[0][0, :2], v]), lambda: np.choose([0, 1], [c[0][0, :2], v]))


def test_choose_errors():
    n = np.arange(6).reshape(2, 3)
    f = fnp.array(n)
    snap = snapshot(f)
    cases = [
        ([0, 1, 0], []),
        ([0, 1, 0], 5),
        ([0, 3, 0], [n[0], n[1]]),
        ([0, -1, 0], [n[0], n[1]]),
        ([0, 1], [n[0], n[1]]),
        ([0.0, 1, 0], [n[0], n[1]]),
        (np.array([0, 1, 0], np.uint64), [n[0], n[1]]),
        (np.array([0, 1, 0], np.float32), [n[0], n[1]]),
        ([[0], [1]], [n[0], [1, 2]]),
    ]
    for ind, ch in cases:
        fch = [fnp.array(x) for x in ch] if isinstance(ch, list) else ch
        same_outcome(lambda: fnp.choose(ind, fch), lambda: np.choose(ind, ch))
    for mode in ["bogus", "", "W", "clipper", "CLIP", "r", 0, 1, 2, 3, None, 1.0]:
        for ind in ([0, 1, 0], [0, 5, -1]):
            same_outcome(lambda: fnp.choose(ind, [f[0], f[1]], mode=mode),
                         lambda: np.choose(ind, [n[0], n[1]], mode=mode))
    same_outcome(lambda: fnp.choose([0, 1, 0], [f[0], f[1]], out=fnp.zeros(4)),
                 lambda: np.choose([0, 1, 0], [n[0], n[1]], out=np.zeros(4)))
    same_outcome(lambda: fnp.choose([0, 1, 0], [f[0], f[1]], out=[0, 0, 0]),
                 lambda: np.choose([0, 1, 0], [n[0], n[1]], out=[0, 0, 0]))
    ro_n = np.zeros(3)
    ro_n.flags.writeable = False
    ro_f = fnp.asarray(ro_n)
    same_outcome(lambda: fnp.choose([0, 1, 0], [f[0], f[1]], out=ro_f),
                 lambda: np.choose([0, 1, 0], [n[0], n[1]], out=ro_n))
    # 'raise' leaves out= untouched on error.
    on, of = np.full(3, 7.0), fnp.full(3, 7.0)
    same_outcome(lambda: fnp.choose([0, 5, 0], [f[0], f[1]], out=of),
                 lambda: np.choose([0, 5, 0], [n[0], n[1]], out=on))
    assert_same(of, on, exact=True)
    # out= overlapping a choice.
    nn, ff = n.copy(), fnp.array(n)
    np.choose([1, 0, 1], [nn[0], nn[1]], out=nn[0])
    fnp.choose([1, 0, 1], [ff[0], ff[1]], out=ff[0])
    assert_same(ff, nn, exact=True)
    assert_unchanged(f, snap)
    # The method, with out=.
    on, of = np.zeros(3, np.float32), fnp.zeros(3, np.float32)
    rf = fnp.array([1, 0, 1]).choose([f[0], f[1]], out=of, mode="clip")
    np.array([1, 0, 1]).choose([n[0], n[1]], out=on, mode="clip")
    assert rf is of
    assert_same(of, on, exact=True)
    # A 0-d result is a NumPy scalar, with a 0-d out= it is out itself.
    same_outcome(lambda: fnp.choose(0, [5, 6]), lambda: np.choose(0, [5, 6]))
    o = fnp.zeros(())
    assert fnp.choose(1, [1, 2], out=o) is o
    assert float(o) == 2.0


# ------------------------------------------------------------------------------ select ---
@settings(max_examples=200, deadline=None)
@given(st.data())
def test_select(data):
    k = data.draw(st.integers(1, 3))
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2 * k + 1, min_dims=0, max_dims=3,
                                                         min_side=0, max_side=3))
    ins = list(shapes.input_shapes)
    if data.draw(st.integers(0, 4)) == 0:
        ins[data.draw(st.integers(0, 2 * k))] = data.draw(SHAPES)
    conds = []
    for s in ins[:k]:
        cdt = np.bool_ if data.draw(st.integers(0, 9)) else data.draw(st.sampled_from([np.int8, np.float64]))
        conds.append(data.draw(array_pairs(dtype=cdt, shape=s)))
    choices = []
    for s in ins[k:2 * k]:
        dt = data.draw(st.sampled_from(ALL_DTYPES))
        choices.append(data.draw(array_pairs(dtype=dt, shape=s, small=True)))
    nch = [n for n, _ in choices]
    fch = [f for _, f in choices]
    if data.draw(st.booleans()):
        i = data.draw(st.integers(0, k - 1))
        nch[i] = fch[i] = data.draw(st.sampled_from([3, -1, 2.5, 1 + 2j, True]))
    default = data.draw(st.sampled_from(["none", "scalar", "array"]))
    nkw, fkw = {}, {}
    if default == "scalar":
        nkw["default"] = fkw["default"] = data.draw(st.sampled_from([7, -2, 0.5, 2j, False]))
    elif default == "array":
        dn, df = data.draw(array_pairs(dtype=st.sampled_from(ALL_DTYPES), shape=ins[2 * k], small=True))
        nkw["default"], fkw["default"] = dn, df
    ncond = [n for n, _ in conds]
    fcond = [f for _, f in conds]
    snaps = [snapshot(f) for f in fcond + [x for x in fch if isinstance(x, fnp.ndarray)]]
    rf, rn = same_outcome(lambda: fnp.select(fcond, fch, **fkw), lambda: np.select(ncond, nch, **nkw))
    for f, s in zip(fcond + [x for x in fch if isinstance(x, fnp.ndarray)], snaps):
        assert_unchanged(f, s)


def test_select_cases():
    x = np.arange(6)
    fx = fnp.array(x)
    same_outcome(lambda: fnp.select([fx < 3, fx > 3], [-fx, fx ** 2], 42),
                 lambda: np.select([x < 3, x > 3], [-x, x ** 2], 42))
    same_outcome(lambda: fnp.select([fx <= 4, fx > 3], [fx, fx ** 2], 55),
                 lambda: np.select([x <= 4, x > 3], [x, x ** 2], 55))
    c = np.array([True, False, True])
    i8 = np.array([1, 2, 3], np.int8)
    for args in [([c], [i8], 300), ([c], [i8], 1.5), ([c], [i8, i8], 0), ([], [], 0), ([[1, 0, 1]], [i8], 0),
                 ([c, [True]], [i8, 5], 0), ([c, [True, False]], [i8, 5], 0), ([c], [[1, 2]], 0),
                 ([c], [[[1], [2]]], 0), ([c], [1], [[1, 2]]), ([c], [1], [[1], [2]]), ([True], [1], 0),
                 (c, [1, 2, 3], 0), ([c], [np.array([1, 2, 3], np.uint64)], -1),
                 ([c], [np.array([1, 2, 3], np.float16)], 1e10), ([c], [np.array([1, 2, 3], np.float16)], 1j),
                 ([c], [2], True), ([c], [2.5], 1), ([c], [np.bool_(True)], 1), ([np.array(True)], [i8], 1),
                 ([c], [5], np.zeros((2, 1))), ([c], 5, 0), (5, [c], 0)]:
        cl, ch, d = args
        same_outcome(lambda: fnp.select(cl, ch, d), lambda: np.select(cl, ch, d))
    same_outcome(lambda: fnp.select([c], [i8]), lambda: np.select([c], [i8]))
    u64 = np.array([1, 2, 3], np.uint64)
    for v in (2 ** 63,):
        same_outcome(lambda: fnp.select([c], [u64], v), lambda: np.select([c], [u64], v))
        same_outcome(lambda: fnp.select([c], [v], i8), lambda: np.select([c], [v], i8))


# ------------------------------------------------------------------------------- ix_ ---
def test_ix():
    n = np.arange(20).reshape(4, 5)
    f = fnp.array(n)
    for args in [([0, 1], [2, 4]), ([True, False, True, False], [1]), ([], np.array([], float)), (),
                 ([1, 2], [[1]]), (3,), ([True, False, True], [1.5]), (np.array([2, 3], np.uint8),),
                 ([1], [2], [3])]:
        rf, rn = same_outcome(lambda: fnp.ix_(*args), lambda: np.ix_(*args))
        if rn is not None and len(rn) == 2 and rn[0].dtype.kind in "iu" and rn[1].dtype.kind in "iu":
            same_outcome(lambda: f[fnp.ix_(*args)], lambda: n[np.ix_(*args)])
    # An array argument is reshaped, not copied.
    a = fnp.array([1, 2, 3])
    r = fnp.ix_(a, [0])
    assert np.shares_memory(np.asarray(r[0]), np.asarray(a))


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_ix_dtypes(dt):
    v = np.array([1, 0, 1], dt)
    same_outcome(lambda: fnp.ix_(fnp.array(v), v), lambda: np.ix_(v, v))


# --------------------------------------------------------------------------- indices ---
@pytest.mark.parametrize("dt", ALL_DTYPES + [None, int, float], ids=DTYPE_IDS + ["None", "int", "float"])
def test_indices(dt):
    kw = {} if dt is None else {"dtype": dt}
    for dims in [(2, 3), (3,), (), (2, 0, 3), (1, 2, 1, 2), (2,), (2, -1), (-2, -1), (2, 2.0), 5]:
        for sparse in (False, True):
            same_outcome(lambda: fnp.indices(dims, sparse=sparse, **kw),
                         lambda: np.indices(dims, sparse=sparse, **kw))


# ---------------------------------------------------------- diag / tril / triu indices ---
def test_diag_indices():
    for n, nd in [(3, 2), (4, 3), (0, 2), (-3, 2), (3, 0), (2, 1)]:
        rf, rn = same_outcome(lambda: fnp.diag_indices(n, nd), lambda: np.diag_indices(n, nd))
        if len(rf) > 1:
            assert rf[0] is rf[1]
    for shape in [(3, 3), (2, 2, 2), (2, 3), (2,), (), (0, 0), (2, 2, 3)]:
        n = np.zeros(shape)
        same_outcome(lambda: fnp.diag_indices_from(fnp.array(n)), lambda: np.diag_indices_from(n))
    same_outcome(lambda: fnp.diag_indices_from([[1]]), lambda: np.diag_indices_from([[1]]))
    a = fnp.zeros((3, 3))
    a[fnp.diag_indices_from(a)] = 5
    assert_same(a, np.diag(np.full(3, 5.0)), exact=True)


@settings(max_examples=150, deadline=None)
@given(n=st.integers(-2, 6), k=st.integers(-8, 8), m=st.none() | st.integers(-2, 7))
def test_tri_indices(n, k, m):
    for name in ("tril_indices", "triu_indices"):
        same_outcome(lambda: getattr(fnp, name)(n, k, m), lambda: getattr(np, name)(n, k, m))
        same_outcome(lambda: getattr(fnp, name)(n, k=k), lambda: getattr(np, name)(n, k=k))
    shape = (max(n, 0), max(n, 0) if m is None else max(m, 0))
    a = np.zeros(shape)
    for name in ("tril_indices_from", "triu_indices_from"):
        same_outcome(lambda: getattr(fnp, name)(fnp.array(a), k), lambda: getattr(np, name)(a, k))


def test_tri_indices_edges():
    for name in ("tril_indices", "triu_indices"):
        for args in [(3, 10 ** 20), (3, 2 ** 62), (3, -2 ** 62), (3.0,), (3, 0, 2.0)]:
            same_outcome(lambda: getattr(fnp, name)(*args), lambda: getattr(np, name)(*args))
    for name in ("tril_indices_from", "triu_indices_from"):
        for a in (np.zeros(3), np.zeros((2, 2, 2)), np.zeros(())):
            same_outcome(lambda: getattr(fnp, name)(fnp.array(a)), lambda: getattr(np, name)(a))
        same_outcome(lambda: getattr(fnp, name)([[1]]), lambda: getattr(np, name)([[1]]))


def test_mask_indices():
    for n in (0, 1, 4):
        for k in (-1, 0, 2):
            same_outcome(lambda: fnp.mask_indices(n, fnp.triu, k), lambda: np.mask_indices(n, np.triu, k))
            same_outcome(lambda: fnp.mask_indices(n, fnp.tril, k), lambda: np.mask_indices(n, np.tril, k))


# ----------------------------------------------------------------------- fill_diagonal ---
@settings(max_examples=200, deadline=None)
@given(st.data())
def test_fill_diagonal(data):
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    shape = data.draw(st.sampled_from([(3, 3), (5, 2), (2, 5), (7, 3), (3, 3, 3), (2, 2, 2, 2), (0, 0), (4,),
                                       (2, 3, 3), (1, 1)]))
    n, f = data.draw(array_pairs(dtype=dt, shape=shape, small=True))
    vdt = data.draw(st.sampled_from(ALL_DTYPES))
    vshape = data.draw(st.sampled_from([(), (0,), (1,), (2,), (3,), (2, 2)]))
    vn, vf = data.draw(array_pairs(dtype=vdt, shape=vshape, small=True))
    wrap = data.draw(st.booleans())
    val_kind = data.draw(st.sampled_from(["array", "python"]))
    if val_kind == "python":
        vn = vf = data.draw(st.sampled_from([3, -1, 300, 2.5, 1j, True]))
    snap = snapshot(vf)
    same_outcome(lambda: fnp.fill_diagonal(f, vf, wrap=wrap), lambda: np.fill_diagonal(n, vn, wrap=wrap))
    assert_same(f, n, exact=True)
    assert_unchanged(vf, snap)


def test_fill_diagonal_cases():
    same_outcome(lambda: fnp.fill_diagonal([[0, 0], [0, 0]], 5), lambda: np.fill_diagonal([[0, 0], [0, 0]], 5))
    n = np.zeros((2, 2))
    n.flags.writeable = False
    f = fnp.asarray(n)
    same_outcome(lambda: fnp.fill_diagonal(f, 1), lambda: np.fill_diagonal(n, 1))
    # A value overlapping the array is read before the writes.
    n = np.arange(16.0).reshape(4, 4)
    f = fnp.array(n)
    np.fill_diagonal(n, n[0])
    fnp.fill_diagonal(f, f[0])
    assert_same(f, n, exact=True)
    # A NumPy array is written in place too.
    n = np.zeros((3, 3))
    fnp.fill_diagonal(n, [1, 2])
    assert_same(n, np.array([[1.0, 0, 0], [0, 2, 0], [0, 0, 1]]), check_type=False, exact=True)


# ------------------------------------------------------------------------------ vander ---
@settings(max_examples=150, deadline=None)
@given(st.data())
def test_vander(data):
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    shape = data.draw(st.sampled_from([(0,), (1,), (3,), (5,), (), (2, 2)]))
    n, f = data.draw(array_pairs(dtype=dt, shape=shape, fbound=4.0))
    N = data.draw(st.none() | st.integers(-1, 6))
    inc = data.draw(st.booleans())
    # NumPy's SIMD complex multiply may fuse (one ulp); integers and reals are exact.
    exact = None if n.dtype.kind == "c" else True
    same_outcome(lambda: fnp.vander(f, N, inc), lambda: np.vander(n, N, inc), exact=exact)
    same_outcome(lambda: fnp.vander(f, N=N, increasing=inc), lambda: np.vander(n, N=N, increasing=inc),
                 exact=exact)


def test_vander_cases():
    for args in [([1, 2, 3], 2.0), ([1, 2, 3],), ([[1, 2, 3]],), (5,), ([1 + 1j, 2 - 1j], 4), ([2 ** 40], 3)]:
        same_outcome(lambda: fnp.vander(*args), lambda: np.vander(*args), exact=None)


# ------------------------------------------------------------------------ mgrid / ogrid ---
GRID_KEYS = [
    np.s_[0:5], np.s_[0:5:2], np.s_[5:0:-1], np.s_[0:1:0.25], np.s_[-1:1:5j], np.s_[0:1:1j], np.s_[3:7],
    np.s_[0:5, 0:3], np.s_[0:1:5j, 0:3], np.s_[0:4:2, -1:1:3j], np.s_[1:2:0.5, 0:3], np.s_[5:0, 0:2],
    np.s_[0:3, 1:2, 0:1:2j], np.s_[0.5:3], np.s_[:3], np.s_[:3, :2], np.s_[0:2:1j, 0:1:1j],
    np.s_[0:3:1 + 0j], np.s_[3], np.s_[1:3, 3], np.s_[0:2, 0.0:1.0:0.5],
    np.s_[np.float32(0):np.float32(2):np.float32(0.5)], np.s_[np.int8(0):np.int8(4), 0:2],
    np.s_[np.float32(0):1:3j, 0:2], np.s_[0:1:np.complex64(3j)], np.s_[1j:3j:3j],
]


@pytest.mark.parametrize("key", GRID_KEYS, ids=[str(i) for i in range(len(GRID_KEYS))])
def test_mgrid_ogrid(key):
    same_outcome(lambda: fnp.mgrid[key], lambda: np.mgrid[key])
    same_outcome(lambda: fnp.ogrid[key], lambda: np.ogrid[key])


# ----------------------------------------------------------------- ndindex / ndenumerate ---
def test_ndindex():
    for args in [(2, 3), ((2, 3),), (), (0, 2), (3,), (2, 1, 2), (2, -1), (2.0,)]:
        rn, en = run(lambda: list(np.ndindex(*args)))
        rf, ef = run(lambda: list(fnp.ndindex(*args)))
        if en is not None:
            assert type(ef) is type(en) and str(ef) == str(en), (ef, en)
        else:
            assert rf == rn and all(type(x) is int for t in rf for x in t)


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_ndenumerate(dt):
    for shape in [(2, 3), (), (0,), (3,), (1, 2, 2)]:
        n = (np.arange(int(np.prod(shape))) % 3).astype(dt).reshape(shape)
        rn = list(np.ndenumerate(n))
        rf = list(fnp.ndenumerate(fnp.array(n)))
        assert len(rf) == len(rn)
        for (fi, fv), (ni, nv) in zip(rf, rn):
            assert fi == ni
            assert_same(fv, nv, exact=True)
    rn = list(np.ndenumerate([[1, 2], [3, 4]]))
    rf = list(fnp.ndenumerate([[1, 2], [3, 4]]))
    assert [i for i, _ in rf] == [i for i, _ in rn]
    for (_, fv), (_, nv) in zip(rf, rn):
        assert_same(fv, nv, exact=True)
