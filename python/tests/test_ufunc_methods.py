"""The ufunc methods reduce, accumulate, reduceat, outer and at, and the ufunc attributes,
differentially against NumPy: values, dtypes, shapes, views and negative strides, errors with
their messages, and `at` writing nothing when an index is out of range."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ferronum as fnp

from conftest import (ALL_DTYPES, array_pairs, assert_same, assert_unchanged, public_exception_class, run,
                      snapshot)

BINARY = ["add", "subtract", "multiply", "divide", "floor_divide", "remainder", "fmod", "power",
          "maximum", "minimum", "fmax", "fmin", "hypot", "arctan2", "logaddexp", "logaddexp2",
          "copysign", "nextafter", "heaviside", "gcd", "lcm", "bitwise_and", "bitwise_or",
          "bitwise_xor", "left_shift", "right_shift", "logical_and", "logical_or", "logical_xor",
          "equal", "not_equal", "less", "less_equal", "greater", "greater_equal", "float_power"]
ALL_UFUNCS = sorted(n for n in dir(np) if isinstance(getattr(np, n), np.ufunc) and isinstance(getattr(fnp, n, None), fnp.ufunc))
# Small magnitudes keep power/shifts/products in range, where NumPy's own loops agree.
SMALL = dict(small=True)


def same(fcall, ncall, *, message=True):
    """Each call once (they may write their inputs); the same exception class (NumPy's internal
    TypeError subclasses by their public class, without the message, which names them) and
    message, or the same results: floats to a few ulp (every fold here is NumPy's, summation
    order aside), integers exactly."""
    rn, en = run(ncall)
    rf, ef = run(fcall)
    if en is not None:
        assert ef is not None, f"NumPy raised {type(en).__name__}: {en}; ferronum returned {rf!r}"
        if type(en).__module__.startswith("numpy._core"):
            assert isinstance(ef, public_exception_class(en)), (ef, en)
        else:
            assert isinstance(ef, type(en)), (ef, en)
            if message:
                assert str(ef) == str(en), (str(ef), str(en))
        return None, None
    assert ef is None, f"ferronum raised {type(ef).__name__}: {ef}; NumPy returned {rn!r}"
    if isinstance(rn, tuple):
        assert isinstance(rf, tuple) and len(rf) == len(rn), (rf, rn)
        for a, b in zip(rf, rn):
            assert_same(a, b, exact=False)
    elif rn is not None:
        assert_same(rf, rn, exact=False)
    return rf, rn


def both(name):
    return getattr(fnp, name), getattr(np, name)


# --------------------------------------------------------------------------- attributes ---
@pytest.mark.parametrize("name", ALL_UFUNCS)
def test_attributes(name):
    f, n = both(name)
    assert (f.nin, f.nout, f.nargs) == (n.nin, n.nout, n.nargs)
    assert f.identity == n.identity or (f.identity is None and n.identity is None)
    assert f.signature == n.signature
    assert callable(f.reduce) and callable(f.accumulate) and callable(f.outer) and callable(f.at)


# ------------------------------------------------------------------------------ reduce ---
@settings(max_examples=300, deadline=None)
@given(st.data())
def test_reduce(data):
    name = data.draw(st.sampled_from(BINARY))
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    n, f = data.draw(array_pairs(dtype=dt, **SMALL))
    kw = {}
    choice = data.draw(st.sampled_from(["default", "none", "int", "tuple"]))
    if choice == "none":
        kw["axis"] = None
    elif choice == "int" and n.ndim:
        kw["axis"] = data.draw(st.integers(-n.ndim, n.ndim - 1))
    elif choice == "tuple":
        kw["axis"] = tuple(data.draw(st.sets(st.integers(0, max(n.ndim - 1, 0)), max_size=n.ndim)))
    if data.draw(st.booleans()):
        kw["keepdims"] = True
    fu, nu = both(name)
    same(lambda: fu.reduce(f, **kw), lambda: nu.reduce(n, **kw))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_reduce_initial_where_dtype(data):
    name = data.draw(st.sampled_from(["add", "multiply", "maximum", "minimum", "subtract", "bitwise_or",
                                      "logical_and", "hypot", "fmax", "divide", "logaddexp"]))
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    n, f = data.draw(array_pairs(dtype=dt, **SMALL))
    kw = {}
    if n.ndim:
        kw["axis"] = data.draw(st.integers(-n.ndim, n.ndim - 1))
    if data.draw(st.booleans()):
        kw["initial"] = data.draw(st.sampled_from([0, 1, 3, 2.5]))
    if data.draw(st.booleans()):
        mask = np.array(data.draw(st.lists(st.booleans(), min_size=n.size, max_size=n.size)), bool)
        kw["where"] = mask.reshape(n.shape)
    if data.draw(st.booleans()):
        kw["dtype"] = data.draw(st.sampled_from([np.float64, np.int64, np.float32, np.int16]))
    fu, nu = both(name)
    fkw = {k: (fnp.array(v) if isinstance(v, np.ndarray) else v) for k, v in kw.items()}
    same(lambda: fu.reduce(f, **fkw), lambda: nu.reduce(n, **kw))


@pytest.mark.parametrize("name", ["add", "subtract", "maximum", "hypot"])
def test_reduce_out(name):
    fu, nu = both(name)
    n = np.arange(12.0).reshape(3, 4) - 5
    on, of = np.zeros(4), fnp.zeros(4)
    rf = fu.reduce(fnp.array(n), axis=0, out=of)
    rn = nu.reduce(n, axis=0, out=on)
    assert rf is of and rn is on
    np.testing.assert_allclose(np.asarray(of), on)
    same(lambda: fu.reduce(fnp.array(n), axis=0, out=fnp.zeros(3)),
         lambda: nu.reduce(n, axis=0, out=np.zeros(3)), message=False)


def test_reduce_dtype_rules():
    i8 = np.array([100, 100, 3], np.int8)
    for name in ["add", "multiply", "maximum", "subtract", "bitwise_or", "logical_and", "divide"]:
        fu, nu = both(name)
        same(lambda: fu.reduce(fnp.array(i8)), lambda: nu.reduce(i8))
        same(lambda: fu.reduce(fnp.array(i8), dtype=np.int8), lambda: nu.reduce(i8, dtype=np.int8))
    b = np.array([True, True, False])
    for name in ["add", "multiply", "equal", "not_equal", "logical_xor", "less"]:
        fu, nu = both(name)
        same(lambda: fu.reduce(fnp.array(b)), lambda: nu.reduce(b))
    same(lambda: fnp.add.reduce(fnp.array(i8), out=fnp.zeros((), np.int16)),
         lambda: np.add.reduce(i8, out=np.zeros((), np.int16)))


ERROR_CALLS = [
    ("subtract", lambda m: m.subtract.reduce(m.ones((2, 2)), axis=(0, 1))),
    ("subtract empty", lambda m: m.subtract.reduce(m.ones((0, 2)), axis=0)),
    ("maximum empty", lambda m: m.maximum.reduce(m.ones((0, 3)))),
    ("minimum empty kept", lambda m: m.minimum.reduce(m.ones((0, 3)), axis=1)),
    ("unary", lambda m: m.sin.reduce(m.ones(2))),
    ("divmod", lambda m: m.divmod.reduce(m.ones(2))),
    ("equal ints", lambda m: m.equal.reduce(m.array([1, 2, 3]))),
    ("where no identity", lambda m: m.maximum.reduce(m.array([1, 2, 3]), where=m.array([True, False, True]))),
    ("subtract where", lambda m: m.subtract.reduce(m.array([1, 2, 3]), where=m.array([True, False, True]))),
    ("axis out of range", lambda m: m.add.reduce(m.array([1, 2]), axis=1)),
    ("duplicate axis", lambda m: m.add.reduce(m.ones((2, 2)), axis=(0, 0))),
    ("power negative", lambda m: m.power.reduce(m.array([2, -3, 2]))),
    ("accumulate scalar", lambda m: m.add.accumulate(m.ones(()))),
    ("accumulate axes", lambda m: m.add.accumulate(m.ones((2, 3)), axis=None)),
    ("accumulate unary", lambda m: m.sin.accumulate(m.ones(2))),
    ("reduceat range", lambda m: m.add.reduceat(m.arange(8), [0, 8])),
    ("reduceat negative", lambda m: m.add.reduceat(m.arange(8), [-1])),
    ("outer unary", lambda m: m.sin.outer([1], [2])),
    ("at multi-output", lambda m: m.divmod.at(m.zeros(5), [0], 1)),
    ("at missing b", lambda m: m.add.at(m.zeros(5), [0])),
    ("at unary with b", lambda m: m.negative.at(m.zeros(5), [0], 1)),
    ("at not array", lambda m: m.add.at([1, 2], [0], 1)),
    ("at out of range", lambda m: m.add.at(m.zeros(5), [10], 1)),
    ("at broadcast", lambda m: m.add.at(m.zeros(5), [0, 1], m.array([1, 2, 3]))),
    ("at 2-d out of range", lambda m: m.add.at(m.zeros((2, 3)), (1, [0, 3]), 1)),
    ("at out of range and broadcast", lambda m: m.add.at(m.zeros(5), [0, 9], m.array([1, 2, 3]))),
    ("at negative out of range", lambda m: m.add.at(m.zeros(5), m.array([0, -6, 9]), 1.0)),
]


@pytest.mark.parametrize("target", [lambda: fnp.broadcast_to(fnp.zeros(5), (5,)),
                                    lambda: fnp.broadcast_to(fnp.arange(5.0), (2, 5))[0, ::2]])
@pytest.mark.parametrize("b", [1.0, fnp.ones(2)])
def test_at_read_only(target, b):
    """NumPy's ufunc.at writes into read-only arrays (numpy 2.4); ferronum refuses with the
    ValueError of every other write, and writes nothing."""
    a = target()
    snap = snapshot(a)
    with pytest.raises(ValueError, match="read-only"):
        fnp.add.at(a, fnp.array([0, 1]), b)
    np.testing.assert_array_equal(np.asarray(a), snap)


@pytest.mark.parametrize("case", ERROR_CALLS, ids=[c[0] for c in ERROR_CALLS])
def test_errors(case):
    _, call = case
    same(lambda: call(fnp), lambda: call(np))


def test_at_out_of_range_writes_nothing():
    a = fnp.arange(5.0)
    snap = snapshot(a)
    with pytest.raises(IndexError):
        fnp.add.at(a, [0, 1, 7], 1.0)
    assert_unchanged(a, snap)


# -------------------------------------------------------------------------- accumulate ---
@settings(max_examples=250, deadline=None)
@given(st.data())
def test_accumulate(data):
    name = data.draw(st.sampled_from(BINARY))
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    n, f = data.draw(array_pairs(dtype=dt, **SMALL))
    kw = {}
    if n.ndim and data.draw(st.booleans()):
        kw["axis"] = data.draw(st.integers(-n.ndim, n.ndim - 1))
    if data.draw(st.booleans()):
        kw["dtype"] = data.draw(st.sampled_from([np.float64, np.int64, np.float32]))
    fu, nu = both(name)
    same(lambda: fu.accumulate(f, **kw), lambda: nu.accumulate(n, **kw))


def test_accumulate_out_and_long():
    x = np.random.default_rng(1).random(100_000) + 0.5
    for name in ["maximum", "minimum", "subtract", "divide", "logaddexp"]:
        fu, nu = both(name)
        same(lambda: fu.accumulate(fnp.array(x)), lambda: nu.accumulate(x))
        same(lambda: fu.reduce(fnp.array(x)), lambda: nu.reduce(x))
    o = fnp.zeros(5)
    r = fnp.maximum.accumulate(fnp.array([1.0, 3, 2, 5, 4]), out=o)
    assert r is o
    np.testing.assert_array_equal(np.asarray(o), [1, 3, 3, 5, 5])


# ---------------------------------------------------------------------------- reduceat ---
@settings(max_examples=200, deadline=None)
@given(st.data())
def test_reduceat(data):
    name = data.draw(st.sampled_from(["add", "multiply", "maximum", "minimum", "subtract", "bitwise_xor",
                                      "logical_or", "fmin"]))
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    shape = data.draw(st.lists(st.integers(1, 5), min_size=1, max_size=3).map(tuple))
    n, f = data.draw(array_pairs(dtype=dt, shape=shape, **SMALL))
    axis = data.draw(st.integers(-n.ndim, n.ndim - 1))
    m = n.shape[axis]
    idx = data.draw(st.lists(st.integers(0, m - 1), min_size=1, max_size=6))
    fu, nu = both(name)
    same(lambda: fu.reduceat(f, idx, axis=axis), lambda: nu.reduceat(n, idx, axis=axis))


# ------------------------------------------------------------------------------- outer ---
@settings(max_examples=200, deadline=None)
@given(st.data())
def test_outer(data):
    name = data.draw(st.sampled_from(BINARY + ["divmod", "ldexp"]))
    d1 = data.draw(st.sampled_from(ALL_DTYPES))
    d2 = data.draw(st.sampled_from(ALL_DTYPES))
    s = st.lists(st.integers(0, 3), max_size=2).map(tuple)
    n1, f1 = data.draw(array_pairs(dtype=d1, shape=s, **SMALL))
    n2, f2 = data.draw(array_pairs(dtype=d2, shape=s, **SMALL))
    fu, nu = both(name)
    same(lambda: fu.outer(f1, f2), lambda: nu.outer(n1, n2), message=False)


def test_outer_keywords():
    a, b = np.arange(3.0), np.arange(4.0)
    same(lambda: fnp.multiply.outer(fnp.array(a), fnp.array(b), dtype=np.float32),
         lambda: np.multiply.outer(a, b, dtype=np.float32))
    same(lambda: fnp.add.outer([1, 2], [3, 4, 5]), lambda: np.add.outer([1, 2], [3, 4, 5]))
    same(lambda: fnp.add.outer(2, 3), lambda: np.add.outer(2, 3))


# ---------------------------------------------------------------------------------- at ---
@settings(max_examples=300, deadline=None)
@given(st.data())
def test_at_1d(data):
    name = data.draw(st.sampled_from(["add", "subtract", "multiply", "maximum", "minimum", "divide", "power",
                                      "bitwise_or", "fmax", "floor_divide"]))
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    size = data.draw(st.integers(1, 6))
    n, f = data.draw(array_pairs(dtype=dt, shape=(size,), **SMALL))
    idx = data.draw(st.lists(st.integers(-size - 1, size), max_size=12))
    bdt = data.draw(st.sampled_from(ALL_DTYPES))
    scalar = data.draw(st.booleans())
    if scalar:
        bn = bf = data.draw(st.sampled_from([2, 3, 1.5, True]))
    else:
        bn, bf = data.draw(array_pairs(dtype=bdt, shape=(len(idx),), small=True, views=False))
    fu, nu = both(name)
    n2 = n.copy()

    def fcall():
        fu.at(f, idx, bf)
        return f

    def ncall():
        nu.at(n2, idx, bn)
        return n2

    same(fcall, ncall)
    if run(lambda: nu.at(n.copy(), idx, bn))[1] is None:
        # (NumPy writes the element whose value raised, as `power.at` of a negative exponent;
        # ferronum writes nothing then.)
        np.testing.assert_array_equal(np.asarray(f), n2)


def test_at_indices_forms():
    for idx, b in [((0, [0, 0]), [1, 2]), ((slice(None), [0, 0]), 1), (np.array([[0, 1], [1, 0]]), 1.0),
                   (0, 5), ((1, 2), 3), (np.array([True, False]), 2)]:
        n = np.arange(6.0).reshape(2, 3)
        f = fnp.array(n)

        def fcall():
            fnp.add.at(f, idx, b)
            return f

        def ncall():
            np.add.at(n, idx, b)
            return n

        same(fcall, ncall)
    n = np.ones(4)
    f = fnp.array(n)
    np.negative.at(n, [0, 0, 1])
    fnp.negative.at(f, [0, 0, 1])
    np.testing.assert_array_equal(np.asarray(f), n)


def test_at_views_and_large():
    rng = np.random.default_rng(0)
    base = np.zeros(40)
    n = base[::-2]
    fb = fnp.array(base)
    f = fb[::-2]
    idx = rng.integers(-20, 20, 200)
    v = rng.random(200)
    np.add.at(n, idx, v)
    fnp.add.at(f, idx, fnp.array(v))
    np.testing.assert_array_equal(np.asarray(fb), base)
    # Many threads' worth of work: the same bits as NumPy's sequential loop.
    idx = rng.integers(0, 1000, 400_000)
    v = rng.random(400_000)
    n = np.zeros(1000)
    f = fnp.zeros(1000)
    np.add.at(n, idx, v)
    fnp.add.at(f, fnp.array(idx), fnp.array(v))
    np.testing.assert_array_equal(np.asarray(f), n)
    ni = np.zeros(7, np.int8)
    fi = fnp.zeros(7, np.int8)
    np.add.at(ni, idx[:1000] % 7, 1000)
    fnp.add.at(fi, fnp.array(idx[:1000] % 7), 1000)
    np.testing.assert_array_equal(np.asarray(fi), ni)
