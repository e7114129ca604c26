"""ndarray.flat (getitem, setitem, iteration), ndarray.base, shares_memory/may_share_memory,
settable flags.writeable / setflags, and NumPy's 64-dimension limit: differentially against
NumPy (values, dtypes, shapes, exception class and message, inputs unchanged on error)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ferronum as fnp

from conftest import ALL_DTYPES, array_pairs, assert_same, same_outcome

SHAPES = st.lists(st.integers(0, 4), min_size=0, max_size=3).map(tuple)


def flat_keys(n):
    ints = st.integers(-n - 2, n + 1)
    return st.one_of(
        ints,
        st.builds(slice, st.none() | st.integers(-n - 2, n + 2), st.none() | st.integers(-n - 2, n + 2),
                  st.none() | st.integers(-3, 3).filter(bool)),
        st.lists(ints, max_size=5).map(lambda v: np.array(v, dtype=np.int64)),
        st.lists(st.booleans(), min_size=n, max_size=n).map(lambda v: np.array(v, dtype=bool)),
        st.just(Ellipsis),
        st.just(()),
        st.tuples(ints),
        st.tuples(ints, ints),
    )


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_flat_getitem_setitem(data):
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    n, f = data.draw(array_pairs(dtype=dt, shape=SHAPES))
    key = data.draw(flat_keys(n.size))
    same_outcome(lambda: f.flat[key], lambda: n.flat[key])
    vals = (np.arange(data.draw(st.integers(0, 4))) + 1).astype(dt)
    nn, ff = n.copy(), fnp.array(n)
    same_outcome(lambda: ff.flat.__setitem__(key, vals), lambda: nn.flat.__setitem__(key, vals))
    try:
        nn.copy().flat[key] = vals
        raised = False
    except Exception:  # noqa: BLE001  (same_outcome checked the class and message)
        raised = True
    # On a bad index ferronum writes nothing; NumPy has written the elements before it.
    if not raised:
        assert_same(ff, nn, exact=True)
    # Iteration, length, and the array written through a view's flat iterator.
    assert len(f.flat) == len(n.flat)
    for a, b in zip(f.flat, n.flat):
        assert_same(a, b, exact=True)
    assert f.flat.base is f


def test_flat_details():
    n = np.arange(12.0).reshape(3, 4).T
    f = fnp.array(n)
    fi, ni = f.flat, n.flat
    for _ in range(5):
        next(fi), next(ni)
    assert fi.index == ni.index and fi.coords == ni.coords
    assert_same(f.flat.copy(), n.flat.copy(), exact=True)
    np.testing.assert_array_equal(np.asarray(f.flat), np.asarray(n.flat))
    for key in ("x", (0, 1)):
        same_outcome(lambda: f.flat[key], lambda: n.flat[key])
    v, w = fnp.zeros((2, 3)), np.zeros((2, 3))
    v.flat, w.flat = [1, 2], [1, 2]
    assert_same(v, w, exact=True)
    # Through a non-contiguous view: the writes land in the base.
    base_f, base_n = fnp.zeros((4, 4)), np.zeros((4, 4))
    base_f[::2, 1::2].flat[[0, 3]] = 5
    base_n[::2, 1::2].flat[[0, 3]] = 5
    assert_same(base_f, base_n, exact=True)
    ro = fnp.arange(3.0)
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        ro.flat[0] = 1


def test_base_follows_numpy():
    for lib in (np, fnp):
        a = lib.arange(6.0)
        assert a.base is None
        b = a[1:]
        assert b.base is a and b[1:].base is a and b.base is b.base
        assert a.reshape(2, 3).base is a and a.T.base is a
        assert a.copy().base is None and (a + 1).base is None
    n = np.arange(5.0)
    assert fnp.asarray(n).base is n
    # A view of an array no longer referenced keeps a base over the same memory.
    v = fnp.arange(12.0).reshape(3, 4)
    assert v.base is not None and v.base.size == 12 and fnp.shares_memory(v, v.base)
    assert v.base is v.base


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_shares_memory(data):
    shape = data.draw(st.lists(st.integers(1, 6), min_size=1, max_size=3).map(tuple))
    dt = data.draw(st.sampled_from([np.int8, np.float32, np.complex128]))
    n = np.arange(int(np.prod(shape)) * 2).astype(dt)
    f = fnp.array(n)

    def view(x, s):
        x = x[s[0]].reshape(shape) if s[0] is not None else x[: x.size // 2].reshape(shape)
        return x[s[1:]]

    def part(s):
        return slice(s[0], s[1], s[2])

    picks = []
    for _ in range(2):
        first = data.draw(st.sampled_from([None, slice(0, n.size // 2), slice(n.size // 2, None)]))
        rest = tuple(part(data.draw(st.tuples(st.none() | st.integers(0, 3), st.none() | st.integers(0, 6),
                                              st.sampled_from([None, 1, 2, -1, 3]))))
                     for _ in shape)
        picks.append((first,) + rest)
    nv = [view(n, p) for p in picks]
    fv = [view(f, p) for p in picks]
    assert fnp.shares_memory(fv[0], fv[1]) == np.shares_memory(nv[0], nv[1])
    assert fnp.may_share_memory(fv[0], fv[1]) == np.may_share_memory(nv[0], nv[1])
    same_outcome(lambda: fnp.shares_memory(fv[0], fv[1], max_work=0),
                 lambda: np.shares_memory(nv[0], nv[1], max_work=0))
    # NumPy memory seen through ferronum counts as the same memory.
    assert fnp.shares_memory(nv[0], fnp.asarray(nv[1])) == np.shares_memory(nv[0], nv[1])
    assert not fnp.shares_memory(fv[0], fnp.array(nv[0]))


def test_writeable_flag_rules():
    for lib in (np, fnp):
        a = lib.arange(4.0)
        snap = a.flags
        a.flags.writeable = False
        assert snap.writeable and not a.flags.writeable and not a.flags["W"]
        with pytest.raises(ValueError, match="assignment destination is read-only"):
            a[0] = 1
        with pytest.raises(ValueError, match="output array is read-only"):
            a += 1
        with pytest.raises(ValueError, match="underlying array is read-only"):
            a.flat[0] = 1
        with pytest.raises(ValueError, match="put: output array is read-only"):
            lib.put(a, [0], 1)
        v = a[1:]
        assert not v.flags.writeable
        with pytest.raises(ValueError, match="cannot set WRITEABLE flag to True of this array"):
            v.flags.writeable = True
        a.setflags(write=True)
        a[0] = 5
        a.flags["WRITEABLE"] = False
        assert not a.flags.writeable
        a.flags["W"] = True
        with pytest.raises(KeyError, match="Unknown flag"):
            a.flags["C"] = False
        with pytest.raises(AttributeError):
            a.flags.c_contiguous = False
        bc = lib.broadcast_to(a, (2, 4))
        assert not bc.flags.writeable
        bc.flags.writeable = True
        assert bc.flags.writeable
    # NumPy memory that is read-only stays read-only in ferronum.
    n = np.arange(3.0)
    n.flags.writeable = False
    f = fnp.asarray(n)
    assert not f.flags.writeable
    with pytest.raises(ValueError, match="cannot set WRITEABLE flag to True of this array"):
        f.flags.writeable = True


@pytest.mark.parametrize("case", ["zeros", "ones", "empty", "full", "reshape", "expand_dims", "broadcast_to",
                                  "newaxis", "ndmin"])
def test_at_most_64_dimensions(case):
    def call(lib):
        a = lib.zeros(1)
        return {
            "zeros": lambda: lib.zeros((1,) * 65),
            "ones": lambda: lib.ones((1,) * 65),
            "empty": lambda: lib.empty((1,) * 65),
            "full": lambda: lib.full((1,) * 65, 1.0),
            "reshape": lambda: a.reshape((1,) * 65),
            "expand_dims": lambda: lib.expand_dims(a, tuple(range(1, 65))),
            "broadcast_to": lambda: lib.broadcast_to(a, (1,) * 65),
            "newaxis": lambda: a[(None,) * 65],
            "ndmin": lambda: lib.array(0.0, ndmin=65),
        }[case]

    same_outcome(call(fnp), call(np))
    # 64 dimensions are fine.
    assert fnp.zeros((1,) * 64).ndim == 64
