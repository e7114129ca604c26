"""The index functions, differentially against NumPy: nonzero (function and method), one-argument
where, argwhere, flatnonzero, take (function and method, axis, modes, out), compress (function
and method), extract, put (function and method), putmask, place, take_along_axis,
put_along_axis, unravel_index, ravel_multi_index. Values, dtypes, shapes, exception class and
message, inputs unchanged on error."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ferronum as fnp

from conftest import ALL_DTYPES, DTYPE_IDS, array_pairs, assert_same, assert_unchanged, run, same_outcome, snapshot

SHAPES = st.lists(st.integers(0, 5), min_size=0, max_size=3).map(tuple)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_nonzero_family(data):
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    n, f = data.draw(array_pairs(dtype=dt, shape=SHAPES))
    same_outcome(lambda: fnp.nonzero(f), lambda: np.nonzero(n))
    same_outcome(lambda: f.nonzero(), lambda: n.nonzero())
    same_outcome(lambda: fnp.argwhere(f), lambda: np.argwhere(n))
    same_outcome(lambda: fnp.flatnonzero(f), lambda: np.flatnonzero(n))
    if n.ndim:
        same_outcome(lambda: fnp.where(f), lambda: np.where(n))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_take_and_compress(data):
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    shape = data.draw(SHAPES)
    n, f = data.draw(array_pairs(dtype=dt, shape=shape))
    axis = data.draw(st.none() | st.integers(-len(shape) - 1, len(shape)))
    size = (n.size if axis is None else (shape[axis] if -len(shape) <= axis < len(shape) else 1)) or 1
    ishape = data.draw(st.sampled_from([(), (0,), (3,), (2, 2)]))
    ind = np.array(data.draw(st.lists(st.integers(-2 * size, 2 * size), min_size=int(np.prod(ishape)),
                                      max_size=int(np.prod(ishape)))), dtype=np.int64).reshape(ishape)
    mode = data.draw(st.sampled_from(["raise", "wrap", "clip"]))
    # NumPy's 'wrap' loop never ends on an empty axis of an empty array (it does no range check
    # when the result is empty); ferronum returns the empty result there, as NumPy's 'clip' does.
    nmode = mode
    if mode == "wrap" and n.size == 0 and ind.size and axis is not None and -n.ndim <= axis < n.ndim \
            and shape[axis] == 0:
        nmode = "clip"
    snap = snapshot(f)
    same_outcome(lambda: fnp.take(f, ind, axis=axis, mode=mode), lambda: np.take(n, ind, axis=axis, mode=nmode))
    same_outcome(lambda: f.take(fnp.array(ind), axis=axis, mode=mode), lambda: n.take(ind, axis=axis, mode=nmode))
    clen = data.draw(st.integers(0, size + 1))
    cond = np.array(data.draw(st.lists(st.booleans(), min_size=clen, max_size=clen)), dtype=bool)
    same_outcome(lambda: fnp.compress(cond, f, axis=axis), lambda: np.compress(cond, n, axis=axis))
    same_outcome(lambda: f.compress(cond, axis=axis), lambda: n.compress(cond, axis=axis))
    assert_unchanged(f, snap)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_put_putmask_place(data):
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    shape = data.draw(SHAPES)
    n, f = data.draw(array_pairs(dtype=dt, shape=shape))
    size = max(n.size, 1)
    k = data.draw(st.integers(0, 6))
    ind = np.array(data.draw(st.lists(st.integers(-size - 1, size), min_size=k, max_size=k)), dtype=np.int64)
    vals = (np.arange(data.draw(st.integers(0, 4))) + 1).astype(dt)
    mode = data.draw(st.sampled_from(["raise", "wrap", "clip"]))
    mask = np.array(data.draw(st.lists(st.booleans(), min_size=n.size, max_size=n.size)), dtype=bool).reshape(shape)
    for fn in ("put", "putmask", "place"):
        nn, ff = n.copy(), fnp.array(n)
        if fn == "put":
            if vals.size == 0:
                continue
            calls = (lambda: fnp.put(ff, ind, vals, mode=mode), lambda: np.put(nn, ind, vals, mode=mode))
        elif fn == "putmask":
            calls = (lambda: fnp.putmask(ff, mask, vals), lambda: np.putmask(nn, mask, vals))
        else:
            calls = (lambda: fnp.place(ff, mask, vals), lambda: np.place(nn, mask, vals))
        same_outcome(*calls)
        if run(calls[1])[1] is not None:
            # NumPy's put(mode='raise') writes the indices before the bad one; ferronum checks
            # every index first and leaves the array as it was.
            assert_same(ff, n, exact=True)
        else:
            assert_same(ff, nn, exact=True)


def test_take_out_and_scalars():
    n = np.arange(12.0).reshape(3, 4)
    f = fnp.array(n)
    assert_same(fnp.take(f, 5), np.take(n, 5))
    assert_same(fnp.take(f, [[0, 1]], axis=1), np.take(n, [[0, 1]], axis=1), exact=True)
    o = fnp.zeros((3, 2))
    r = fnp.take(f, [3, 0], axis=1, out=o)
    assert r is o
    assert_same(o, np.take(n, [3, 0], axis=1), exact=True)
    same_outcome(lambda: fnp.take(f, [1.5]), lambda: np.take(n, [1.5]), message=False)
    same_outcome(lambda: fnp.take(f, [0], mode="bogus"), lambda: np.take(n, [0], mode="bogus"))
    # Arrays are cast by a rule ('same_kind' for take, 'safe' for put), sequences as int() does.
    for ind in ([1.5, -2.7], np.array([1.5]), np.array([2], np.uint64), [True], [1 + 0j], [np.nan]):
        same_outcome(lambda: fnp.take(f, ind), lambda: np.take(n, ind))
        nn, ff = n.copy(), fnp.array(n)
        same_outcome(lambda: fnp.put(ff, ind, 7), lambda: np.put(nn, ind, 7))
        assert_same(ff, nn, exact=True)
    same_outcome(lambda: fnp.ravel_multi_index(([1.5], [1]), (3, 4)),
                 lambda: np.ravel_multi_index(([1.5], [1]), (3, 4)))
    same_outcome(lambda: fnp.take(fnp.zeros((0, 3)), [0], axis=0, mode="wrap"),
                 lambda: np.take(np.zeros((0, 3)), [0], axis=0, mode="wrap"))
    nn, ff = n.copy(), fnp.array(n)
    nn.put([0, -1], [7, 8])
    ff.put([0, -1], [7, 8])
    assert_same(ff, nn, exact=True)
    same_outcome(lambda: fnp.putmask(ff, [True], [1]), lambda: np.putmask(nn, [True], [1]))
    same_outcome(lambda: fnp.place(ff, nn > 3, []), lambda: np.place(nn, nn > 3, []))


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_along_axis(dt):
    rng = np.random.default_rng(1)
    n = rng.integers(0, 50, (3, 4, 5)).astype(dt)
    f = fnp.array(n)
    for axis in (0, 1, 2, -1):
        idx = np.argsort(rng.random(n.shape), axis=axis)[(slice(None),) * (axis % 3) + (slice(0, 2),)]
        same_outcome(lambda: fnp.take_along_axis(f, idx, axis=axis), lambda: np.take_along_axis(n, idx, axis=axis))
        nn, ff = n.copy(), fnp.array(n)
        same_outcome(lambda: fnp.put_along_axis(ff, idx, n.flat[0], axis=axis),
                     lambda: np.put_along_axis(nn, idx, n.flat[0], axis=axis))
        assert_same(ff, nn, exact=True)
    flat_idx = np.array([3, 0, 59])
    same_outcome(lambda: fnp.take_along_axis(f, flat_idx, axis=None), lambda: np.take_along_axis(n, flat_idx, axis=None))
    same_outcome(lambda: fnp.take_along_axis(f, np.zeros((2, 2), int), axis=0),
                 lambda: np.take_along_axis(n, np.zeros((2, 2), int), axis=0))
    same_outcome(lambda: fnp.take_along_axis(f, np.zeros((1, 1, 1)), axis=0),
                 lambda: np.take_along_axis(n, np.zeros((1, 1, 1)), axis=0))


def test_unravel_and_ravel_multi_index():
    for ind in (5, [0, 5, 23], [[1, 2], [3, 4]], np.array([22], np.uint8)):
        for order in ("C", "F"):
            same_outcome(lambda: fnp.unravel_index(ind, (2, 3, 4), order=order),
                         lambda: np.unravel_index(ind, (2, 3, 4), order=order))
    same_outcome(lambda: fnp.unravel_index(24, (2, 3, 4)), lambda: np.unravel_index(24, (2, 3, 4)))
    same_outcome(lambda: fnp.unravel_index(-1, (2, 3, 4)), lambda: np.unravel_index(-1, (2, 3, 4)))
    same_outcome(lambda: fnp.unravel_index(1.0, (2, 3)), lambda: np.unravel_index(1.0, (2, 3)))
    coords = ([1, 0, 2], [3, 1, 0])
    for order in ("C", "F"):
        same_outcome(lambda: fnp.ravel_multi_index(coords, (3, 4), order=order),
                     lambda: np.ravel_multi_index(coords, (3, 4), order=order))
    same_outcome(lambda: fnp.ravel_multi_index(([5], [9]), (3, 4), mode="wrap"),
                 lambda: np.ravel_multi_index(([5], [9]), (3, 4), mode="wrap"))
    same_outcome(lambda: fnp.ravel_multi_index(([5], [-9]), (3, 4), mode=("clip", "wrap")),
                 lambda: np.ravel_multi_index(([5], [-9]), (3, 4), mode=("clip", "wrap")))
    same_outcome(lambda: fnp.ravel_multi_index(([5], [1]), (3, 4)), lambda: np.ravel_multi_index(([5], [1]), (3, 4)))
    same_outcome(lambda: fnp.ravel_multi_index((1, 2), (3, 4)), lambda: np.ravel_multi_index((1, 2), (3, 4)))
    same_outcome(lambda: fnp.ravel_multi_index(([1],), (3, 4)), lambda: np.ravel_multi_index(([1],), (3, 4)))


def test_nonzero_errors_and_zero_d():
    same_outcome(lambda: fnp.nonzero(fnp.array(3)), lambda: np.nonzero(np.array(3)))
    same_outcome(lambda: fnp.argwhere(fnp.array(3)), lambda: np.argwhere(np.array(3)))
    same_outcome(lambda: fnp.argwhere(fnp.array(0)), lambda: np.argwhere(np.array(0)))
    same_outcome(lambda: fnp.where(fnp.array(3)), lambda: np.where(np.array(3)))
    same_outcome(lambda: fnp.extract([[1, 0], [0, 1]], np.arange(4).reshape(2, 2)),
                 lambda: np.extract([[1, 0], [0, 1]], np.arange(4).reshape(2, 2)))
    n = np.random.default_rng(3).standard_normal(200_000)
    same_outcome(lambda: fnp.nonzero(fnp.array(n) > 0.5), lambda: np.nonzero(n > 0.5))
    same_outcome(lambda: fnp.flatnonzero(fnp.array(n.reshape(400, 500).T)), lambda: np.flatnonzero(n.reshape(400, 500).T))
