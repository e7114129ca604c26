"""Joining, splitting and rearranging (`concatenate`, `stack`, `split`, `block`, ...) against
NumPy: values, dtypes, shapes, memory order, views vs copies, and the exception class and
message of every error path."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp
from conftest import (
    ALL_DTYPES,
    array_pairs,
    assert_same,
    assert_unchanged,
    elements,
    layout_strides,
    public_exception_class,
    run,
    shares_memory,
    snapshot,
)

dtypes = st.sampled_from(ALL_DTYPES)


def compare(rf, rn, *, strides=False):
    """Results equal; lists and tuples element by element (the container type too)."""
    if isinstance(rn, (list, tuple)):
        assert type(rf) is type(rn), f"{type(rf)} vs {type(rn)}"
        assert len(rf) == len(rn)
        for f, n in zip(rf, rn):
            compare(f, n, strides=strides)
        return
    assert_same(rf, rn, exact=True)
    if strides and isinstance(rn, np.ndarray):
        assert layout_strides(np.asarray(rf)) == layout_strides(rn), (rf.strides, rn.strides)


def same(call, n_args, f_args, *, strides=False):
    """`call(module, *args)` on NumPy and on ferronum: the same result, or the same exception
    class and message; the inputs are unchanged either way. Returns both results."""
    snaps = [snapshot(a) if isinstance(a, np.ndarray) else None for a in n_args]
    rn, en = run(lambda: call(np, *n_args))
    rf, ef = run(lambda: call(fnp, *f_args))
    if en is not None:
        assert ef is not None, f"ferronum returned {rf!r}; NumPy raised {type(en).__name__}: {en}"
        assert isinstance(ef, public_exception_class(en)), f"{type(ef).__name__}: {ef} vs {type(en).__name__}: {en}"
        assert str(ef) == str(en)
    else:
        assert ef is None, f"ferronum raised {type(ef).__name__}: {ef}; NumPy returned {rn!r}"
        compare(rf, rn, strides=strides)
    for f, s in zip(f_args, snaps):
        if s is not None:
            assert_unchanged(f, s)
    return rf, rn


def pair(n):
    return n, fnp.array(n)


def writes_through(view, base):
    """True when writing into ferronum `view` shows in `base` (ferronum has no shares_memory)."""
    return shares_memory(view, base)


# --------------------------------------------------------------------- concatenate ---
@st.composite
def joinable(draw, min_n=1, max_n=4, same_shape=False):
    """(axis, [(numpy, ferronum)...]): arrays whose shapes agree off one axis, mixed dtypes."""
    nd = draw(st.integers(1, 4))
    shape = draw(hnp.array_shapes(min_dims=nd, max_dims=nd, min_side=0, max_side=4))
    axis = draw(st.integers(-nd, nd - 1))
    k = draw(st.integers(min_n, max_n))
    one_dtype = draw(st.booleans())
    dt0 = draw(dtypes)
    pairs = []
    for _ in range(k):
        s = list(shape)
        if not same_shape:
            s[axis] = draw(st.integers(0, 4))
        dt = dt0 if one_dtype else draw(dtypes)
        pairs.append(draw(array_pairs(dtype=st.just(dt), shape=st.just(tuple(s)), small=True)))
    return axis, pairs


@given(joinable())
def test_concatenate(case):
    axis, pairs = case
    ns, fs = [p[0] for p in pairs], [p[1] for p in pairs]
    same(lambda m, *a: m.concatenate(a, axis=axis), ns, fs, strides=True)
    same(lambda m, *a: m.concatenate(a, axis=None), ns, fs)
    same(lambda m, *a: m.concat(list(a), axis=axis), ns, fs)


@given(joinable(), dtypes, st.sampled_from(["no", "equiv", "safe", "same_kind", "unsafe"]))
def test_concatenate_dtype_casting(case, dt, casting):
    axis, pairs = case
    ns, fs = [p[0] for p in pairs], [p[1] for p in pairs]
    same(lambda m, *a: m.concatenate(a, axis=axis, dtype=dt, casting=casting), ns, fs)


@given(joinable(), dtypes, st.sampled_from(["safe", "same_kind", "unsafe"]))
def test_concatenate_out(case, dt, casting):
    axis, pairs = case
    ns, fs = [p[0] for p in pairs], [p[1] for p in pairs]
    shape = list(ns[0].shape)
    shape[axis] = sum(a.shape[axis] for a in ns)
    on, of = np.zeros(shape, dt), fnp.zeros(shape, dt)
    rn, en = run(lambda: np.concatenate(ns, axis=axis, out=on, casting=casting))
    rf, ef = run(lambda: fnp.concatenate(fs, axis=axis, out=of, casting=casting))
    if en is not None:
        assert type(ef) is type(en) and str(ef) == str(en)
        return
    assert rf is of and rn is on
    assert_same(of, on, exact=True)


@given(st.lists(dtypes, min_size=1, max_size=6))
def test_join_result_type(dts):
    """NumPy's result_type of many dtypes is not a left-to-right fold of promote_types."""
    ns = [np.zeros(1, dt) for dt in dts]
    same(lambda m, *a: m.concatenate(a), ns, [fnp.zeros(1, dt) for dt in dts])
    ns = [np.zeros((400, 400), dt) for dt in dts]
    same(lambda m, *a: m.block(list(a)), ns, [fnp.zeros((400, 400), dt) for dt in dts])


@pytest.mark.parametrize("order", ["C", "F"])
def test_concatenate_keeps_memory_order(order):
    a = np.arange(12.0).reshape(3, 4, order=order)
    f = fnp.asarray(a)  # zero-copy: the same strides
    assert f.strides == a.strides
    same(lambda m, x, y: m.concatenate([x, y], axis=1), [a, a], [f, f], strides=True)
    same(lambda m, x, y: m.stack([x, y], axis=1), [a, a], [f, f], strides=True)


def test_concatenate_results_are_copies():
    n = np.arange(6)
    f = fnp.array(n)
    r = fnp.concatenate([f])
    r[0] = 100
    assert f[0] == 0


def test_concatenate_mixed_inputs():
    a8 = np.arange(3, dtype=np.int8)
    for other in ([1, 2], [1.5], [True], np.float32([1]), np.uint64([7]), [[]][0]):
        same(lambda m, x: m.concatenate([x, other]), [a8], [fnp.array(a8)])
        same(lambda m, x: m.hstack([x, other]), [a8], [fnp.array(a8)])
    same(lambda m: m.concatenate([[1, 2], [3.0]]), [], [])
    same(lambda m: m.concatenate(np.arange(6).reshape(2, 3)), [], [])
    same(lambda m: m.concatenate(([1], np.int32([2]))), [], [])


CONCAT_ERRORS = [
    lambda m: m.concatenate([]),
    lambda m: m.concatenate([m.asarray(1)]),
    lambda m: m.concatenate([m.asarray(1), m.asarray(2)], axis=None),
    lambda m: m.concatenate([m.ones((2, 3)), m.ones(3)]),
    lambda m: m.concatenate([m.ones((2, 3)), m.ones((3, 3))], axis=1),
    lambda m: m.concatenate([m.ones((2, 3)), m.ones((2, 2))], axis=0),
    lambda m: m.concatenate([m.ones((2, 3))], axis=2),
    lambda m: m.concatenate([m.ones((2, 3))], axis=-3),
    lambda m: m.concatenate([m.ones(2)], axis=1.0),
    lambda m: m.concatenate([m.ones(2)], casting="bad"),
    lambda m: m.concatenate([m.ones(2)], dtype=m.int64),
    lambda m: m.concatenate([m.ones(2)], dtype=m.float32, casting="safe"),
    lambda m: m.concatenate([m.ones(2, m.float32)], dtype=m.float64, casting="no"),
    lambda m: m.concatenate([m.ones(2)], out=m.zeros(2), dtype=m.float64),
    lambda m: m.concatenate([m.ones(2)], out=m.zeros(3)),
    lambda m: m.concatenate([m.ones(2)], out=m.zeros((2, 1))),
    lambda m: m.concatenate([m.ones(2)], out=m.zeros((2, 1)), axis=None),
    lambda m: m.concatenate([m.ones(2)], out=m.zeros(3), axis=None),
    lambda m: m.concatenate([m.ones(2)], out=m.zeros(2, m.int64)),
    lambda m: m.concatenate(5),
    lambda m: m.stack([]),
    lambda m: m.stack([m.ones(2), m.ones(3)]),
    lambda m: m.stack([m.ones(2), m.ones(2)], axis=2),
    lambda m: m.stack([m.ones(2), m.ones(2)], axis=-3),
    lambda m: m.stack([m.ones(2), m.ones(2)], axis=1.5),
    lambda m: m.stack([m.ones(2), m.ones(2)], out=m.zeros((2, 3))),
    lambda m: m.stack([m.ones(2), m.ones(2)], out=m.zeros(4)),
    lambda m: m.stack([m.ones(2), m.ones(2)], dtype=m.int8),
    lambda m: m.stack(x for x in [m.ones(2)]),
    lambda m: m.hstack(x for x in [m.ones(2)]),
    lambda m: m.hstack([]),
    lambda m: m.vstack([]),
    lambda m: m.dstack([]),
    lambda m: m.column_stack([]),
    lambda m: m.hstack([m.ones((2, 2)), m.ones(2)]),
    lambda m: m.vstack([m.ones((2, 2)), m.ones(3)]),
    lambda m: m.vstack([m.ones((2, 2)), m.ones(2, m.complex64)], dtype=m.float64),
    lambda m: m.dstack([m.ones((2, 2)), m.ones(3)]),
    lambda m: m.column_stack([m.ones((2, 2)), m.ones(3)]),
    lambda m: m.append(m.ones((2, 2)), m.ones(2), axis=0),
    lambda m: m.append(m.ones((2, 2)), m.ones((2, 2)), axis=2),
]


@pytest.mark.parametrize("call", CONCAT_ERRORS)
def test_join_errors(call):
    same(lambda m: call(m), [], [])


@given(joinable(same_shape=True), st.integers(-5, 5))
def test_stack(case, axis):
    _, pairs = case
    ns, fs = [p[0] for p in pairs], [p[1] for p in pairs]
    same(lambda m, *a: m.stack(a, axis=axis), ns, fs, strides=True)


@given(joinable(same_shape=True), st.integers(-2, 2), dtypes)
def test_stack_out(case, axis, dt):
    _, pairs = case
    ns, fs = [p[0] for p in pairs], [p[1] for p in pairs]
    rn, en = run(lambda: np.stack(ns, axis=axis))
    if en is not None:
        return
    on, of = np.zeros(rn.shape, dt), fnp.zeros(rn.shape, dt)
    rn, en = run(lambda: np.stack(ns, axis=axis, out=on))
    rf, ef = run(lambda: fnp.stack(fs, axis=axis, out=of))
    if en is not None:
        assert type(ef) is type(en) and str(ef) == str(en)
        return
    assert rf is of
    assert_same(of, on, exact=True)


small_shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)


@st.composite
def stackable(draw):
    """Arrays of up to 3 dims whose shapes often (not always) fit the *stack functions."""
    shape = draw(small_shapes)
    k = draw(st.integers(1, 3))
    out = []
    for _ in range(k):
        s = shape if draw(st.integers(0, 4)) else draw(small_shapes)
        out.append(draw(array_pairs(dtype=dtypes, shape=st.just(s), small=True)))
    return out


@pytest.mark.parametrize("name", ["hstack", "vstack", "dstack", "column_stack"])
@given(pairs=stackable())
def test_stack_helpers(name, pairs):
    ns, fs = [p[0] for p in pairs], [p[1] for p in pairs]
    same(lambda m, *a: getattr(m, name)(a), ns, fs, strides=True)
    same(lambda m, *a: getattr(m, name)(list(a)), ns, fs)


@given(pairs=stackable(), dt=dtypes)
def test_hvstack_dtype(pairs, dt):
    ns, fs = [p[0] for p in pairs], [p[1] for p in pairs]
    same(lambda m, *a: m.hstack(a, dtype=dt, casting="unsafe"), ns, fs)
    same(lambda m, *a: m.vstack(a, dtype=dt), ns, fs)


def test_row_stack_is_deprecated():
    a = np.arange(3)
    with pytest.warns(DeprecationWarning, match="`row_stack` alias is deprecated"):
        r = fnp.row_stack([fnp.array(a), fnp.array(a)])
    assert_same(r, np.vstack([a, a]))


@given(array_pairs(dtype=dtypes, small=True), array_pairs(dtype=dtypes, small=True),
       st.one_of(st.none(), st.integers(-3, 3)))
def test_append(p, q, axis):
    same(lambda m, a, b: m.append(a, b, axis=axis), [p[0], q[0]], [p[1], q[1]])


def test_append_python_values():
    a = np.arange(3, dtype=np.int8)
    for v in (5, 5.5, [[1, 2]], True, 2**40):
        same(lambda m, x: m.append(x, v), [a], [fnp.array(a)])


@pytest.mark.parametrize("name", ["atleast_1d", "atleast_2d", "atleast_3d"])
@given(pairs=st.lists(array_pairs(dtype=dtypes, small=True), min_size=0, max_size=3))
def test_atleast(name, pairs):
    ns, fs = [p[0] for p in pairs], [p[1] for p in pairs]
    rf, rn = same(lambda m, *a: getattr(m, name)(*a), ns, fs)
    # Always views of the input.
    rfs = rf if isinstance(rf, tuple) else (rf,)
    for r, f in zip(rfs, fs):
        assert writes_through(r, f) or f.size == 0


def test_atleast_python_inputs_and_identity():
    same(lambda m: m.atleast_2d(3.5, [1, 2], [[True]]), [], [])
    f = fnp.ones((2, 2))
    assert fnp.atleast_2d(f) is f and fnp.atleast_1d(f) is f


# --------------------------------------------------------------------------- block ---
BLOCKS = [
    lambda m: m.block([m.ones((2, 2)), m.zeros((2, 1), m.int8)]),
    lambda m: m.block([[m.ones((2, 2)), m.zeros((2, 1))], [m.full((1, 3), 7, m.int32)]]),
    lambda m: m.block([[1, 2], [3, 4]]),
    lambda m: m.block([1, 2.5, m.arange(3)]),
    lambda m: m.block(m.arange(3)),
    lambda m: m.block(5),
    lambda m: m.block([[[m.ones((1, 1, 2))]], [[m.zeros((1, 1, 2))]]]),
    lambda m: m.block([[m.ones((2, 3)).T, m.ones((3, 1))]]),
    lambda m: m.block([m.ones((2, 3), m.float32), m.ones((2, 1), m.uint16)]),
    lambda m: m.block([]),
    lambda m: m.block([[]]),
    lambda m: m.block([[1], []]),
    lambda m: m.block([m.ones(2), [m.ones(2)]]),
    lambda m: m.block([[m.ones(2)], m.ones(2)]),
    lambda m: m.block((m.ones(2), m.ones(2))),
    lambda m: m.block([[m.ones(2)], (m.ones(2),)]),
    lambda m: m.block([[m.ones((2, 3))], [m.ones((2, 2))]]),
    lambda m: m.block([m.ones((2, 3)), 1]),
    # Large results take NumPy's other algorithm, with its own message.
    lambda m: m.block([[m.ones((400, 400))], [m.ones((400, 400))]]),
    lambda m: m.block([m.ones((400, 400), m.int16), m.ones((400, 500), m.float16)]),
    lambda m: m.block([[m.ones((400, 400))], [m.ones((400, 300))]]),
    lambda m: m.block([m.ones((400, 400), order="F"), m.ones((400, 500), order="F")]),
]


@pytest.mark.parametrize("call", BLOCKS)
def test_block(call):
    rf, rn = same(lambda m: call(m), [], [], strides=True)


def test_block_copies_a_lone_array():
    f = fnp.arange(3)
    r = fnp.block(f)
    r[0] = 9
    assert f[0] == 0


# --------------------------------------------------------------------------- split ---
sections = st.one_of(
    st.integers(-1, 5),
    st.lists(st.integers(-6, 6), max_size=4),
)


@given(array_pairs(dtype=dtypes, small=True), sections, st.integers(-4, 4))
def test_split_family(p, sec, axis):
    n, f = p
    for name in ("split", "array_split"):
        rf, rn = same(lambda m, a: getattr(m, name)(a, sec, axis=axis), [n], [f])
        if rn is not None:
            for piece_f, piece_n in zip(rf, rn):
                # Views, as NumPy's: writing into a piece shows in the input.
                assert writes_through(piece_f, f) == (piece_n.size > 0 and np.shares_memory(piece_n, n))
    for name in ("hsplit", "vsplit", "dsplit"):
        same(lambda m, a: getattr(m, name)(a, sec), [n], [f])


def test_split_pieces_write_through():
    n = np.arange(12).reshape(3, 4)
    f = fnp.array(n)
    pieces = fnp.split(f, [1, 3], axis=1)
    pieces[1][...] = -1
    np.asarray(n)[:, 1:3] = -1
    assert_same(f, n)


def test_split_odd_arguments():
    n = np.arange(6)
    same(lambda m, a: m.split(a, 2.0), [n], [fnp.array(n)])
    same(lambda m, a: m.array_split(a, 4.7), [n], [fnp.array(n)])
    same(lambda m, a: m.split(a, [1.5]), [n], [fnp.array(n)])
    same(lambda m, a: m.split(a, np.array([1, 4])), [n], [fnp.array(n)])
    same(lambda m, a: m.split(a, 0), [n], [fnp.array(n)])
    same(lambda m, a: m.split(a, (2,)), [n], [fnp.array(n)])


@given(array_pairs(dtype=dtypes, small=True), st.integers(-4, 4))
def test_unstack(p, axis):
    n, f = p
    rf, rn = same(lambda m, a: m.unstack(a, axis=axis), [n], [f])
    if rn:
        assert all(writes_through(v, f) for v in rf if isinstance(v, fnp.ndarray) and v.size)


# ------------------------------------------------------------------- rearranging ---
axis_args = st.one_of(st.none(), st.integers(-5, 5), st.tuples(st.integers(-5, 5)),
                      st.tuples(st.integers(-5, 5), st.integers(-5, 5)))


def assert_view(rf, f, rn, n):
    """ferronum's result shares memory with its input exactly when NumPy's does."""
    if n.size:
        assert shares_memory(rf, f) == np.shares_memory(rn, n)


@given(array_pairs(dtype=dtypes, small=True,
                   shape=hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=2)),
       axis_args)
def test_squeeze(p, axis):
    n, f = p
    rf, rn = same(lambda m, a: m.squeeze(a, axis=axis), [n], [f], strides=True)
    if rn is not None:
        assert_view(rf, f, rn, n)
        same(lambda m, a: a.squeeze(axis), [n], [f])
        same(lambda m, a: a.squeeze(), [n], [f])


@given(array_pairs(dtype=dtypes, small=True), axis_args.filter(lambda a: a is not None))
def test_expand_dims(p, axis):
    n, f = p
    rf, rn = same(lambda m, a: m.expand_dims(a, axis), [n], [f], strides=True)
    if rn is not None:
        assert_view(rf, f, rn, n)
    if isinstance(axis, tuple):
        same(lambda m, a: m.expand_dims(a, list(axis)), [n], [f])


@given(array_pairs(dtype=dtypes, small=True), axis_args.filter(lambda a: a is not None),
       axis_args.filter(lambda a: a is not None))
def test_moveaxis(p, src, dst):
    n, f = p
    rf, rn = same(lambda m, a: m.moveaxis(a, src, dst), [n], [f], strides=True)
    if rn is not None:
        assert_view(rf, f, rn, n)


@given(array_pairs(dtype=dtypes, small=True), st.integers(-5, 5), st.integers(-6, 6))
def test_rollaxis_swapaxes(p, x, y):
    n, f = p
    same(lambda m, a: m.rollaxis(a, x, y), [n], [f], strides=True)
    same(lambda m, a: m.rollaxis(a, x), [n], [f], strides=True)
    same(lambda m, a: m.swapaxes(a, x, y), [n], [f], strides=True)
    same(lambda m, a: a.swapaxes(x, y), [n], [f], strides=True)


@given(array_pairs(dtype=dtypes, small=True), st.data())
def test_transposes(p, data):
    n, f = p
    perm = data.draw(st.one_of(st.none(), st.permutations(range(n.ndim)),
                               st.lists(st.integers(-4, 4), max_size=4)))
    same(lambda m, a: m.transpose(a, perm), [n], [f], strides=True)
    same(lambda m, a: m.permute_dims(a, perm), [n], [f], strides=True)
    rf, rn = same(lambda m, a: m.matrix_transpose(a), [n], [f], strides=True)
    same(lambda m, a: a.mT, [n], [f], strides=True)
    if rn is not None:
        assert_view(rf, f, rn, n)


@given(array_pairs(dtype=dtypes, small=True,
                   shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)),
       hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=3))
def test_broadcast_to(p, shape):
    n, f = p
    for s in (shape, n.shape, (2,) + n.shape, list(shape)):
        rf, rn = same(lambda m, a: m.broadcast_to(a, s), [n], [f], strides=True)
        if rn is not None:
            assert rf.flags.writeable is False
            assert_view(rf, f, rn, n)


def test_broadcast_to_errors():
    for s in ((-1,), 3, (3, 2), (2,), 2.0):
        same(lambda m, a: m.broadcast_to(a, s), [np.ones((2, 1))], [fnp.ones((2, 1))])
    r = fnp.broadcast_to(fnp.ones(3), (2, 3))
    with pytest.raises(ValueError, match="read-only"):
        r[0, 0] = 5


@given(st.lists(hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=3), min_size=0, max_size=4),
       dtypes)
def test_broadcast_arrays_and_shapes(shapes, dt):
    ns = [np.arange(int(np.prod(s)), dtype=np.int64).astype(dt).reshape(s) for s in shapes]
    fs = [fnp.array(a) for a in ns]
    rf, rn = same(lambda m, *a: m.broadcast_arrays(*a), ns, fs, strides=True)
    same(lambda m: m.broadcast_shapes(*shapes), [], [])
    if rn is not None:
        for r, a, x, y in zip(rf, fs, rn, ns):
            assert shares_memory(r, a) or x.size == 0
            if x.shape == y.shape:
                assert r is a


@given(array_pairs(dtype=dtypes, small=True), dtypes)
def test_contiguous_arrays(p, dt):
    n, f = p
    for name in ("ascontiguousarray", "asfortranarray"):
        rf, rn = same(lambda m, a: getattr(m, name)(a), [n], [f], strides=True)
        assert_view(rf, f, rn, n)
        if rn is n:
            assert rf is f
        same(lambda m, a: getattr(m, name)(a, dtype=dt), [n], [f], strides=True)


def reshape_candidates(n):
    """Shapes `n` fits (with and without -1), and some it does not."""
    s = n.size
    c = [(s,), (-1,), (1, -1), (-1, 1), tuple(n.shape[::-1]), tuple(n.shape) + (1,), (s + 1,), (-1, -1)]
    if s % 2 == 0:
        c += [(2, -1), (-1, 2, 1), (2, s // 2)]
    if s % 6 == 0:
        c += [(3, -1, 2), (2, 3, s // 6)]
    return c


@given(array_pairs(dtype=dtypes, small=True), st.data(),
       st.sampled_from(["C", "F", "A", "K"]), st.sampled_from([None, True, False]))
def test_reshape_function(p, data, order, copy):
    n, f = p
    shape = data.draw(st.sampled_from(reshape_candidates(n)))
    rf, rn = same(lambda m, a: m.reshape(a, shape, order=order, copy=copy), [n], [f], strides=True)
    if rn is not None:
        assert_view(rf, f, rn, n)


@given(array_pairs(dtype=dtypes, small=True), st.sampled_from(["C", "F", "A", "K"]))
def test_ravel_function(p, order):
    n, f = p
    rf, rn = same(lambda m, a: m.ravel(a, order=order), [n], [f], strides=True)
    assert_view(rf, f, rn, n)


REARRANGE_ERRORS = [
    lambda m: m.squeeze(m.ones((1, 2)), axis=1),
    lambda m: m.squeeze(m.ones((1, 2)), axis=(0, 0)),
    lambda m: m.squeeze(m.ones((1, 2)), axis=2),
    lambda m: m.squeeze(m.ones((1, 2)), axis=[0]),
    lambda m: m.expand_dims(m.ones(2), (0, 0)),
    lambda m: m.expand_dims(m.ones(2), 3),
    lambda m: m.expand_dims(m.ones(2), 1.0),
    lambda m: m.moveaxis(m.ones((2, 3)), [0, 1], [1]),
    lambda m: m.moveaxis(m.ones((2, 3)), [0, 0], [1, 0]),
    lambda m: m.moveaxis(m.ones((2, 3)), 0, [1, 1]),
    lambda m: m.moveaxis(m.ones((2, 3)), 2, 0),
    lambda m: m.moveaxis(m.ones((2, 3)), 0, -3),
    lambda m: m.rollaxis(m.ones((2, 3)), 0, 3),
    lambda m: m.rollaxis(m.ones((2, 3)), 0, -3),
    lambda m: m.rollaxis(m.ones((2, 3)), 2),
    lambda m: m.swapaxes(m.ones((2, 3)), 0, 2),
    lambda m: m.swapaxes(m.ones((2, 3)), 2, 0),
    lambda m: m.ones((2, 3)).swapaxes(0, -3),
    lambda m: m.matrix_transpose(m.ones(3)),
    lambda m: m.ones(3).mT,
    lambda m: m.asarray(3.0).mT,
    lambda m: m.transpose(m.ones((2, 3)), (0, 0)),
    lambda m: m.transpose(m.ones((2, 3)), (0,)),
    lambda m: m.transpose(m.ones((2, 3)), (0, 2)),
    lambda m: m.reshape(m.ones(6), (4, -1)),
    lambda m: m.reshape(m.ones(6), (-1, 4)),
    lambda m: m.reshape(m.ones(6), (4,)),
    lambda m: m.reshape(m.ones(6), (-1, -1)),
    lambda m: m.reshape(m.ones(6), (3, 2), order="K"),
    lambda m: m.reshape(m.ones(6), (3, 2), order="X"),
    lambda m: m.reshape(m.ones((3, 2)).T, 6, copy=False),
    lambda m: m.reshape(m.ones((3, 2)), 6, order="F", copy=False),
    lambda m: m.ravel(m.ones(6), order="X"),
    lambda m: m.broadcast_shapes((3,), (4,)),
    lambda m: m.broadcast_shapes((2, 1), (3,), (1, 4)),
    lambda m: m.broadcast_arrays(m.ones(3), m.ones((2, 4))),
]


@pytest.mark.parametrize("call", REARRANGE_ERRORS)
def test_rearrange_errors(call):
    same(lambda m: call(m), [], [])


# ------------------------------------------------------------ reordering, repeating ---
@given(array_pairs(dtype=dtypes, small=True), axis_args)
def test_flip(p, axis):
    n, f = p
    rf, rn = same(lambda m, a: m.flip(a, axis), [n], [f], strides=True)
    if rn is not None:
        assert_view(rf, f, rn, n)
    for name in ("fliplr", "flipud"):
        rf, rn = same(lambda m, a: getattr(m, name)(a), [n], [f], strides=True)
        if rn is not None:
            assert_view(rf, f, rn, n)


shift_args = st.one_of(st.integers(-7, 7), st.lists(st.integers(-7, 7), min_size=1, max_size=3))


@given(array_pairs(dtype=dtypes, small=True), shift_args,
       st.one_of(st.none(), st.integers(-4, 4), st.lists(st.integers(-4, 4), min_size=1, max_size=3)))
def test_roll(p, shift, axis):
    n, f = p
    rf, rn = same(lambda m, a: m.roll(a, shift, axis), [n], [f])
    if rn is not None and n.size:
        assert not shares_memory(rf, f)


@given(array_pairs(dtype=dtypes, small=True), st.integers(-5, 5),
       st.tuples(st.integers(-3, 3), st.integers(-3, 3)))
def test_rot90(p, k, axes):
    n, f = p
    rf, rn = same(lambda m, a: m.rot90(a, k, axes), [n], [f], strides=True)
    if rn is not None:
        assert_view(rf, f, rn, n)
    same(lambda m, a: m.rot90(a), [n], [f])


@given(array_pairs(dtype=dtypes, small=True,
                   shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)),
       st.one_of(st.integers(0, 3), st.lists(st.integers(0, 3), max_size=4)))
def test_tile(p, reps):
    n, f = p
    rf, rn = same(lambda m, a: m.tile(a, reps), [n], [f])
    if rn is not None and rn.size:
        assert not shares_memory(rf, f)


@given(array_pairs(dtype=dtypes, small=True), st.data())
def test_repeat(p, data):
    n, f = p
    axis = data.draw(st.one_of(st.none(), st.integers(-4, 4)))
    length = n.size if axis is None else (n.shape[axis] if -n.ndim <= axis < max(n.ndim, 1) and n.ndim else 1)
    reps = data.draw(st.one_of(st.integers(0, 3), st.lists(st.integers(0, 3), min_size=length, max_size=length),
                               st.lists(st.integers(-1, 3), max_size=3)))
    same(lambda m, a: m.repeat(a, reps, axis=axis), [n], [f])
    same(lambda m, a: a.repeat(reps, axis), [n], [f])


def test_repeat_and_tile_odd_arguments():
    n = np.arange(6).reshape(2, 3)
    f = fnp.array(n)
    for call in (lambda m, a: m.repeat(a, -1), lambda m, a: m.repeat(a, [1, -1], axis=0),
                 lambda m, a: m.repeat(a, [[1, 2]], axis=0), lambda m, a: m.repeat(a, 1.5),
                 lambda m, a: m.repeat(a, [1.5, 2], axis=0), lambda m, a: m.repeat(m.asarray(5), 3, axis=0),
                 lambda m, a: m.repeat(m.asarray(5), 3, axis=1), lambda m, a: m.repeat(a, np.int8(2)),
                 lambda m, a: m.tile(a, -1), lambda m, a: m.tile(a, 1.5), lambda m, a: m.tile([1, 2], (2, 2)),
                 lambda m, a: m.tile(a, ()), lambda m, a: m.roll(a, [[1]], axis=0),
                 lambda m, a: m.roll(a, [1, 2], axis=[0, 1, 1]), lambda m, a: m.roll(a, 1.5),
                 lambda m, a: m.roll(a, 1, axis=2), lambda m, a: m.rot90(a, 1, (0,)),
                 lambda m, a: m.rot90(a, 1, (0, -2)), lambda m, a: m.rot90(a, 1, (0, 2)),
                 lambda m, a: m.flip(a, (0, 0)), lambda m, a: m.flip(a, 2),
                 lambda m, a: m.fliplr(m.ones(3)), lambda m, a: m.flipud(m.asarray(3))):
        same(call, [n], [f])


@given(array_pairs(dtype=dtypes, small=True),
       st.one_of(st.integers(-1, 8), st.lists(st.integers(0, 4), max_size=3)))
def test_resize(p, shape):
    n, f = p
    same(lambda m, a: m.resize(a, shape), [n], [f])


@given(st.integers(0, 5), st.one_of(st.none(), st.integers(0, 5)), st.integers(-6, 6), dtypes)
def test_tri(n, m, k, dt):
    same(lambda mod: mod.tri(n, m, k, dtype=dt), [], [])
    same(lambda mod: mod.tri(n, m, k), [], [])


@given(array_pairs(dtype=dtypes, small=True), st.integers(-5, 5))
def test_tril_triu(p, k):
    n, f = p
    for name in ("tril", "triu"):
        rf, rn = same(lambda m, a: getattr(m, name)(a, k), [n], [f])
        if rn is not None and rn.size:
            assert not shares_memory(rf, f)


@given(array_pairs(dtype=dtypes, small=True), st.integers(-4, 4))
def test_diag(p, k):
    n, f = p
    same(lambda m, a: m.diag(a, k), [n], [f])
    same(lambda m, a: m.diagflat(a, k), [n], [f])


@given(st.lists(array_pairs(dtype=dtypes, small=True,
                            shape=hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=3)),
                max_size=4),
       st.booleans(), st.booleans(), st.sampled_from(["xy", "ij"]))
def test_meshgrid(pairs, copy, sparse, indexing):
    ns, fs = [p[0] for p in pairs], [p[1] for p in pairs]
    rf, rn = same(lambda m, *a: m.meshgrid(*a, copy=copy, sparse=sparse, indexing=indexing), ns, fs)
    if rn:
        for r, a, x, y in zip(rf, fs, rn, ns):
            if y.size:
                assert shares_memory(r, a) == np.shares_memory(x, y)


def test_meshgrid_bad_indexing():
    same(lambda m: m.meshgrid([1, 2], indexing="yx"), [], [])


@given(array_pairs(dtype=dtypes, small=True,
                   shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)),
       st.sampled_from(["fb", "f", "b", "BF", "x"]), axis_args, st.data())
def test_trim_zeros(p, trim, axis, data):
    n, f = p
    # Mostly-zero inputs, so that there is something to trim.
    mask = data.draw(hnp.arrays(np.bool_, n.shape))
    n = np.where(mask, n, np.zeros((), n.dtype)) if n.ndim else n
    f = fnp.array(n)
    rf, rn = same(lambda m, a: m.trim_zeros(a, trim, axis), [n], [f])
    if rn is not None and rn.size:
        assert shares_memory(rf, f)


def test_trim_zeros_python_inputs():
    for filt in ([0, 1, 2, 0], (0, 0, 3), [0.0, -0.0, float("nan"), 0]):
        rn, rf = np.trim_zeros(filt), fnp.trim_zeros(filt)
        assert type(rf) is type(rn) and repr(rf) == repr(rn)
    x = fnp.ones(3)
    assert fnp.trim_zeros(x, axis=()) is x


@pytest.mark.parametrize("call", [
    lambda m: m.broadcast_to(m.ones(1), (2**40, 2**40)),
    lambda m: m.tri(2**40),
    lambda m: m.resize(m.ones(2), (2**40, 2**40)),
    lambda m: m.tile(m.ones(2), (2**40, 2**40)),
    lambda m: m.repeat(m.ones(2), 2**62),
    lambda m: m.concatenate([m.ones(2)] * 3, out=m.zeros(5)),
])
def test_huge_requests_fail_cleanly(call):
    """Sizes beyond memory are a ValueError or MemoryError (NumPy's words differ per function),
    never an abort."""
    with pytest.raises((ValueError, MemoryError, OverflowError)):
        call(fnp)


# -------------------------------------------------------------------------- delete ---
delete_objs = st.one_of(
    st.integers(-6, 6),
    st.lists(st.integers(-6, 6), max_size=4),
    st.builds(slice, st.one_of(st.none(), st.integers(-6, 6)), st.one_of(st.none(), st.integers(-6, 6)),
              st.one_of(st.none(), st.sampled_from([1, 2, -1, -3]))),
)


@given(array_pairs(dtype=dtypes, small=True), delete_objs, st.one_of(st.none(), st.integers(-4, 4)), st.data())
def test_delete(p, obj, axis, data):
    n, f = p
    rf, rn = same(lambda m, a: m.delete(a, obj, axis), [n], [f])
    if rn is not None and rn.size:
        assert not shares_memory(rf, f)
    # A boolean mask of the axis length (and one of another length or shape).
    length = n.size if axis is None else (n.shape[axis] if n.ndim and -n.ndim <= axis < n.ndim else 0)
    mask = data.draw(hnp.arrays(np.bool_, data.draw(st.sampled_from([(length,), (length + 1,), (1, length)]))))
    same(lambda m, a: m.delete(a, mask, axis), [n], [f])
    same(lambda m, a: m.delete(a, list(mask.ravel()), axis), [n], [f])


def test_delete_odd_objects():
    n = np.arange(6).reshape(2, 3)
    f = fnp.array(n)
    for obj in (np.int8(1), np.array([1]), [], np.array([], dtype=float), np.array([1.0]), 1.5, True,
                np.array([[0, 1]]), 9, -9, [0, 9]):
        for axis in (None, 0, 1, 2):
            same(lambda m, a: m.delete(a, obj, axis), [n], [f])


# ----------------------------------------------------------------------------- pad ---
pad_widths = st.one_of(
    st.integers(0, 4),
    st.tuples(st.integers(0, 4), st.integers(0, 4)),
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=4),
    st.integers(-1, 0),
)


@given(array_pairs(dtype=dtypes, small=True,
                   shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)),
       pad_widths, st.sampled_from(["constant", "edge", "wrap", "reflect", "symmetric"]))
def test_pad(p, width, mode):
    n, f = p
    rf, rn = same(lambda m, a: m.pad(a, width, mode=mode), [n], [f])
    if rn is not None and rn.size:
        assert not shares_memory(rf, f)


@given(array_pairs(dtype=dtypes, small=True,
                   shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)),
       st.one_of(pad_widths, st.integers(5, 12)), st.sampled_from(["reflect", "symmetric"]),
       st.sampled_from(["odd", "even", "other"]))
def test_pad_reflect_type(p, width, mode, rtype):
    """reflect_type='odd' (2 * edge - x, filled chunk by chunk as NumPy does, in the array's
    arithmetic), wide pads included."""
    n, f = p
    with np.errstate(over="ignore"):
        same(lambda m, a: m.pad(a, width, mode=mode, reflect_type=rtype), [n], [f])


@given(array_pairs(dtype=dtypes, small=True,
                   shape=hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=3)),
       st.one_of(st.integers(-3, 3), st.floats(-2, 2), st.tuples(st.integers(0, 9), st.integers(0, 9)),
                 st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), min_size=2, max_size=2)))
def test_pad_constant_values(p, cv):
    n, f = p
    same(lambda m, a: m.pad(a, 2, constant_values=cv), [n], [f])


PAD_ERRORS = [
    lambda m: m.pad(m.ones((2, 3)), ((1, 2), (0, 1), (1, 1))),
    lambda m: m.pad(m.ones((2, 3)), -1),
    lambda m: m.pad(m.ones((2, 3)), 1.5),
    lambda m: m.pad(m.ones((2, 3)), [[1], [2]]),
    lambda m: m.pad(m.ones((0, 2)), 1, mode="edge"),
    lambda m: m.pad(m.ones((0, 2)), 1, mode="foo"),
    lambda m: m.pad(m.ones((2, 2)), 1, mode="edge", constant_values=3),
    lambda m: m.pad(m.ones((2, 2)), {0: 1, 1: (2, 0)}),
    lambda m: m.pad(m.ones((2, 2)), {-1: 1}, mode="wrap"),
    lambda m: m.pad(m.ones((2, 2)), {2: 1}),
]


@pytest.mark.parametrize("call", PAD_ERRORS)
def test_pad_errors(call):
    same(lambda m: call(m), [], [])
