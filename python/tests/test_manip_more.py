"""insert, pad's computed modes (linear_ramp, maximum, minimum, mean, median, empty, a function),
copyto, require, flatten/ravel in every order, and Fortran order in creation, against NumPy:
values, dtypes, memory order, views vs copies, the exception class and message."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp
from conftest import ALL_DTYPES, array_pairs, assert_unchanged, layout_strides, run, shares_memory, snapshot
from test_manip import same

dtypes = st.sampled_from(ALL_DTYPES)
CASTINGS = ["no", "equiv", "safe", "same_kind", "unsafe"]


def flags_of(a):
    a = np.asarray(a)
    return a.flags.c_contiguous, a.flags.f_contiguous


def quiet(call):
    """`call` with warnings silenced (both sides warn alike; the values are what is compared)."""
    def inner(*args):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return call(*args)
    return inner


# --------------------------------------------------------------------------- insert ---
insert_objs = st.one_of(
    st.integers(-5, 5),
    st.lists(st.integers(-5, 5), max_size=4),
    st.builds(slice, st.one_of(st.none(), st.integers(-5, 5)), st.one_of(st.none(), st.integers(-5, 5)),
              st.one_of(st.none(), st.sampled_from([1, 2, -1, -2]))),
)
insert_values = st.one_of(
    st.integers(-3, 3),
    st.lists(st.integers(-3, 3), min_size=1, max_size=3),
    st.lists(st.lists(st.integers(-3, 3), min_size=1, max_size=3), min_size=1, max_size=2),
    st.floats(-3, 3),
)


@given(array_pairs(dtype=dtypes, small=True,
                   shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)),
       insert_objs, insert_values, st.one_of(st.none(), st.integers(-3, 3)))
def test_insert(p, obj, values, axis):
    n, f = p
    rf, rn = same(quiet(lambda m, a: m.insert(a, obj, values, axis)), [n], [f], strides=True)
    if rn is not None and rn.size:
        assert not shares_memory(rf, f)


@given(array_pairs(dtype=dtypes, small=True, shape=hnp.array_shapes(min_dims=1, max_dims=2, max_side=4)),
       st.data())
def test_insert_masks_and_arrays(p, data):
    n, f = p
    axis = data.draw(st.sampled_from([None, 0, -1]))
    length = n.size if axis is None else n.shape[axis]
    mask = data.draw(hnp.arrays(np.bool_, data.draw(st.sampled_from([(length,), (length + 1,), (1, length)]))))
    same(lambda m, a: m.insert(a, mask, 7, axis), [n], [f])
    same(lambda m, a: m.insert(a, fnp.array(mask) if m is fnp else mask, 7, axis), [n], [f])
    idx = data.draw(hnp.arrays(np.int64, st.integers(0, 3), elements=st.integers(-4, 4)))
    same(lambda m, a: m.insert(a, idx, [1], axis), [n], [f])
    v = data.draw(hnp.arrays(n.dtype, data.draw(st.sampled_from([(), (1,), (2,), (len(idx),)])),
                             elements=st.integers(0, 1)))
    same(lambda m, a: m.insert(a, idx, v, axis), [n], [f])


def test_insert_odd_objects():
    n = np.arange(6).reshape(2, 3)
    f = fnp.array(n)
    for obj in (np.int8(1), np.array([1]), np.array(1), [], np.array([], dtype=float), np.array([1.0]),
                1.5, [1.0, 2.0], [True, False], np.array(True), np.array([[0, 1]]), 9, -9, [9],
                np.array([9]), [0, 9], [-4, 3], [-9, 0], (1, 2), slice(None, None, 2), slice(5, 9)):
        for axis in (None, 0, 1, 2, -3):
            for values in (5, [5, 6], [[1], [2]], [[1, 2, 3]], np.ones((2, 2, 2)), 2.5, [7, 8, 9, 10]):
                same(lambda m, a: m.insert(a, obj, values, axis), [n], [f])


def test_insert_values_cast_and_order():
    n = np.asfortranarray(np.arange(6, dtype=np.uint8).reshape(2, 3))
    f = fnp.asfortranarray(fnp.array(n))
    for values, axis in ((300, 0), (-1, 1), (2.7, 1), ([1.5, 2.5], 0), (np.array([1e10]), 1)):
        same(quiet(lambda m, a: m.insert(a, 1, values, axis)), [n], [f], strides=True)
        same(quiet(lambda m, a: m.insert(a, [0, 2], values, axis)), [n], [f], strides=True)
    rf, rn = same(lambda m, a: m.insert(a, 1, 9, 1), [n], [f], strides=True)
    assert flags_of(rf) == flags_of(rn) == (False, True)


# ------------------------------------------------------------------------------ pad ---
pad_widths = st.one_of(
    st.integers(0, 4),
    st.tuples(st.integers(0, 4), st.integers(0, 4)),
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=3),
)
stat_lengths = st.one_of(
    st.none(), st.integers(0, 4), st.tuples(st.integers(0, 4), st.integers(1, 4)),
    st.lists(st.tuples(st.integers(1, 4), st.integers(1, 4)), min_size=3, max_size=3),
    st.floats(0.5, 3.5),
)


@given(array_pairs(dtype=dtypes, small=True,
                   shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)),
       pad_widths, st.sampled_from(["maximum", "minimum", "mean", "median"]), stat_lengths)
def test_pad_statistics(p, width, mode, length):
    n, f = p
    if isinstance(length, list):
        length = length[: n.ndim] if n.ndim else None
    kw = {} if length is None and mode == "mean" else {"stat_length": length}
    rf, rn = same(quiet(lambda m, a: m.pad(a, width, mode=mode, **kw)), [n], [f], strides=True)
    if rn is not None and rn.size:
        assert not shares_memory(rf, f)


end_values = st.one_of(
    st.integers(-5, 5), st.floats(-5, 5, width=32), st.tuples(st.integers(-5, 5), st.floats(-5, 5)),
    st.lists(st.tuples(st.integers(-9, 9), st.integers(-9, 9)), min_size=3, max_size=3),
    st.lists(st.tuples(st.floats(-9, 9), st.floats(-9, 9)), min_size=3, max_size=3),
    st.complex_numbers(max_magnitude=5),
)


@given(array_pairs(dtype=dtypes, small=True,
                   shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)),
       pad_widths, end_values)
def test_pad_linear_ramp(p, width, ev):
    n, f = p
    if isinstance(ev, list):
        ev = ev[: n.ndim] if n.ndim else 0
    same(quiet(lambda m, a: m.pad(a, width, mode="linear_ramp", end_values=ev)), [n], [f], strides=True)
    same(quiet(lambda m, a: m.pad(a, width, mode="linear_ramp")), [n], [f])


def test_pad_ramp_and_mean_rounding():
    """Integer results round as NumPy's: the ramps floor, the means round half to even."""
    for dt in ("int8", "uint8", "int64", "float16", "float32", "bool", "complex64"):
        n = np.array([[1, 2, 4], [3, 3, 8]], dtype=dt)
        f = fnp.array(n)
        for mode, kw in (("linear_ramp", {"end_values": 7}), ("linear_ramp", {"end_values": (0.5, 9.5)}),
                         ("linear_ramp", {"end_values": [[1, 2], [3, 4]]}), ("mean", {}),
                         ("median", {"stat_length": 2}), ("mean", {"stat_length": ((1, 2), (2, 1))})):
            for width in (3, ((1, 2), (4, 0)), ((0, 0), (5, 5))):
                same(quiet(lambda m, a: m.pad(a, width, mode=mode, **kw)), [n], [f])


def test_pad_keeps_fortran_order_and_empty_mode():
    n = np.asfortranarray(np.arange(12.0).reshape(3, 4))
    f = fnp.asfortranarray(fnp.array(n))
    for mode in ("constant", "edge", "mean", "linear_ramp", "maximum"):
        rf, rn = same(lambda m, a: m.pad(a, 2, mode=mode), [n], [f], strides=True)
        assert flags_of(rf) == flags_of(rn)
    rf = fnp.pad(f, ((1, 2), (3, 0)), mode="empty")
    rn = np.pad(n, ((1, 2), (3, 0)), mode="empty")
    assert rf.shape == rn.shape and rf.dtype == rn.dtype and flags_of(rf) == flags_of(rn)
    np.testing.assert_array_equal(np.asarray(rf)[1:4, 3:], n)
    assert fnp.pad(fnp.ones((0, 2)), 2, mode="empty").shape == (4, 6)


PAD_MORE_ERRORS = [
    lambda m: m.pad(m.ones((2, 3)), 1, mode="maximum", stat_length=0),
    lambda m: m.pad(m.ones((2, 3)), 1, mode="minimum", stat_length=((1, 0), (1, 1))),
    lambda m: m.pad(m.ones((2, 3)), 1, mode="mean", stat_length=-1),
    lambda m: m.pad(m.ones((2, 3)), 1, mode="median", stat_length=((1, 2, 3),)),
    lambda m: m.pad(m.ones((2, 3)), 1, mode="mean", end_values=3),
    lambda m: m.pad(m.ones((2, 3)), 1, mode="linear_ramp", stat_length=3),
    lambda m: m.pad(m.ones((2, 3)), 1, mode="linear_ramp", end_values=[[1, 2, 3]]),
    lambda m: m.pad(m.ones((0, 3)), 1, mode="linear_ramp"),
    lambda m: m.pad(m.ones((0, 3)), 1, mode="mean"),
    lambda m: m.pad(m.ones((2, 3)), 1, mode="empty", constant_values=1),
]


@pytest.mark.parametrize("call", PAD_MORE_ERRORS)
def test_pad_more_errors(call):
    same(quiet(lambda m: call(m)), [], [])


def test_pad_mean_of_nothing_warns_like_numpy():
    n = np.arange(4.0)
    with warnings.catch_warnings(record=True) as wn:
        warnings.simplefilter("always")
        rn = np.pad(n, 2, mode="mean", stat_length=0)
    with warnings.catch_warnings(record=True) as wf:
        warnings.simplefilter("always")
        rf = fnp.pad(fnp.array(n), 2, mode="mean", stat_length=0)
    np.testing.assert_array_equal(np.asarray(rf), rn)
    assert {str(w.message) for w in wf} >= {"Mean of empty slice"}
    assert {type(w.message) for w in wf} == {type(w.message) for w in wn}


def test_pad_with_a_function():
    seen = []

    def pad_with(vector, pad_width, iaxis, kwargs):
        seen.append((type(vector), vector.ndim, tuple(int(x) for x in pad_width), iaxis))
        value = kwargs.get("padder", 10)
        if pad_width[0]:
            vector[: pad_width[0]] = value
        if pad_width[1]:
            vector[-pad_width[1]:] = value + iaxis

    for shape, width in (((2, 3), 2), ((3,), (1, 2)), ((2, 2, 2), ((0, 1), (2, 0), (1, 1))), ((), 1)):
        n = np.arange(int(np.prod(shape)), dtype=np.int16).reshape(shape)
        for kw in ({}, {"padder": 100}):
            seen.clear()
            rn = np.pad(n, width, pad_with, **kw)
            n_seen = list(seen)
            seen.clear()
            rf = fnp.pad(fnp.array(n), width, pad_with, **kw)
            assert rf.dtype == rn.dtype
            np.testing.assert_array_equal(np.asarray(rf), rn)
            assert [s[1:] for s in seen] == [s[1:] for s in n_seen]
            assert all(s[0] is fnp.ndarray for s in seen)

    # The vectors are views into the result: a write through one shows in it.
    views = []
    out = fnp.pad(fnp.zeros((2, 2)), 1, lambda v, w, i, k: views.append(v))
    views[0][0] = 5.0
    assert float(out[0, 0]) == 5.0


# --------------------------------------------------------------------------- copyto ---
@given(array_pairs(dtype=dtypes, small=True, shape=hnp.array_shapes(min_dims=0, max_dims=3, max_side=3)),
       dtypes, st.sampled_from(CASTINGS), st.data())
def test_copyto(p, src_dt, casting, data):
    n, f = p
    shape = data.draw(st.sampled_from([n.shape, n.shape[1:], (1,) + n.shape, ()]))
    src = data.draw(hnp.arrays(src_dt, shape, elements=st.integers(0, 1)))
    use_where = data.draw(st.sampled_from(["none", "true", "mask", "mask_b"]))
    if use_where == "mask":
        where = data.draw(hnp.arrays(np.bool_, n.shape))
    elif use_where == "mask_b":
        where = data.draw(hnp.arrays(np.bool_, n.shape[-1:]))
    else:
        where = True
    dn, df = n.copy(), fnp.array(n.copy())
    src_f = fnp.array(src)
    rn, en = run(lambda: np.copyto(dn, src, casting=casting, where=where))
    rf, ef = run(lambda: fnp.copyto(df, src_f, casting=casting,
                                   where=where if isinstance(where, bool) else fnp.array(where)))
    assert (en is None) == (ef is None), (en, ef)
    if en is not None:
        assert type(ef) is type(en) and str(ef) == str(en)
    assert rf is None
    np.testing.assert_array_equal(np.asarray(df), dn)
    assert np.asarray(df).dtype == dn.dtype


def test_copyto_scalars_and_errors():
    for dt in ("uint8", "int64", "float32", "float16", "complex64", "bool"):
        for value in (1, 300, -1, 1.5, 1e300, True, 2j, np.float64(1.5), np.int64(3), [1, 2, 3], [[1], [2]],
                      np.ones(2)):
            for casting in ("same_kind", "unsafe", "safe"):
                dn = np.zeros((2, 3), dtype=dt)
                df = fnp.zeros((2, 3), dtype=dt)
                with warnings.catch_warnings(record=True) as wn:
                    warnings.simplefilter("always")
                    rn, en = run(lambda: np.copyto(dn, value, casting=casting))
                with warnings.catch_warnings(record=True) as wf:
                    warnings.simplefilter("always")
                    rf, ef = run(lambda: fnp.copyto(df, value, casting=casting))
                assert (en is None) == (ef is None), (dt, value, casting, en, ef)
                if en is not None:
                    assert type(ef) is type(en) and str(ef) == str(en)
                np.testing.assert_array_equal(np.asarray(df), dn)
                assert [str(w.message) for w in wf] == [str(w.message) for w in wn]
    n = np.zeros(3)
    f = fnp.zeros(3)
    for call in (lambda m, a: m.copyto(a, [1, 2]),
                 lambda m, a: m.copyto(a, [1, 2, 3], where=[True, False]),
                 lambda m, a: m.copyto(a, [1, 2, 3], where=np.array([1.0, 0, 1])),
                 lambda m, a: m.copyto(a, [1, 2, 3], casting="foo"),
                 lambda m, a: m.copyto([1, 2], [1, 2]),
                 lambda m, a: m.copyto(a, np.ones((2, 3)))):
        same(call, [n], [f])
    # A broadcast view is read-only.
    same(lambda m, a: m.copyto(m.broadcast_to(a, (2, 3)), 1.0), [n], [f])


def test_copyto_overlap():
    n = np.arange(6)
    f = fnp.arange(6)
    np.copyto(n[1:], n[:-1])
    fnp.copyto(f[1:], f[:-1])
    np.testing.assert_array_equal(np.asarray(f), n)


# -------------------------------------------------------------------------- require ---
@pytest.mark.parametrize("reqs", [None, [], "C", "F", "A", "W", "O", "E", ["C", "W"], ["F", "O"],
                                  ["aligned", "writeable"], ["C_CONTIGUOUS"], ["FORTRAN", "OWNDATA"],
                                  "CA", ["ENSUREARRAY", "F"]])
@pytest.mark.parametrize("kind", ["c", "f", "view", "strided", "list"])
@pytest.mark.parametrize("dtype", [None, "float32", "int64"])
def test_require(reqs, kind, dtype):
    base = np.arange(24, dtype=np.int64).reshape(4, 6).copy()
    n = {"c": base, "f": np.asfortranarray(base), "view": base[1:3], "strided": base[:, ::2],
         "list": base.tolist()}[kind]
    f = n if kind == "list" else fnp.array(n)
    if kind == "f":
        f = fnp.asfortranarray(f)
    elif kind == "view":
        f = fnp.array(base)[1:3]
    elif kind == "strided":
        f = fnp.array(base)[:, ::2]
    rn = np.require(n, dtype, reqs)
    rf = fnp.require(f, dtype, reqs)
    assert isinstance(rf, fnp.ndarray) and rf.dtype == rn.dtype
    np.testing.assert_array_equal(np.asarray(rf), rn)
    assert flags_of(rf) == flags_of(rn)
    if kind != "list":
        assert (rf is f) == (rn is n)
        assert shares_memory(rf, f) == np.shares_memory(rn, n)


@pytest.mark.parametrize("reqs", [["C", "F"], "X", ["Q"], ["c", "fortran"]])
def test_require_errors(reqs):
    same(lambda m: m.require(m.arange(3), None, reqs), [], [])


# ------------------------------------------------------------------ flatten / ravel ---
@given(array_pairs(dtype=dtypes, small=True, shape=hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=4)),
       st.sampled_from(["C", "F", "A", "K", "c", "k", None]), st.booleans())
def test_flatten_and_ravel_orders(p, order, transposed):
    n, f = p
    if transposed:
        n, f = n.T, f.T
    rf, rn = same(lambda m, a: a.flatten(order), [n], [f])
    assert not shares_memory(rf, f) or rn.size == 0
    rf, rn = same(lambda m, a: a.ravel(order), [n], [f])
    if rn.size > 1:
        assert shares_memory(rf, f) == np.shares_memory(rn, n), (order, n.strides)
    same(lambda m, a: m.ravel(a, order), [n], [f])


def test_ravel_k_memory_order():
    base = np.arange(24).reshape(2, 3, 4)
    fbase = fnp.arange(24).reshape(2, 3, 4)
    for key in ((slice(None, None, -1),), (slice(None), slice(None, None, -1)), (Ellipsis, slice(None, None, 2))):
        for axes in ((0, 1, 2), (2, 0, 1), (1, 2, 0), (2, 1, 0)):
            n = base.transpose(axes)[key]
            f = fbase.transpose(axes)[key]
            for order in "CFAK":
                same(lambda m, a: a.ravel(order), [n], [f])
                same(lambda m, a: a.flatten(order), [n], [f])
    n = np.broadcast_to(np.arange(3), (2, 3))
    f = fnp.broadcast_to(fnp.arange(3), (2, 3))
    for order in "CFAK":
        same(lambda m, a: a.ravel(order), [n], [f])
        same(lambda m, a: a.flatten(order), [n], [f])


@pytest.mark.parametrize("order", ["X", "", "CF"])
def test_flatten_bad_order(order):
    same(lambda m: m.arange(3).flatten(order), [], [])
    same(lambda m: m.arange(3).ravel(order), [], [])


# ------------------------------------------------------------------- Fortran order ---
@pytest.mark.parametrize("shape", [(2, 3), (3,), (1, 4), (2, 1, 3), (), (0, 2)])
@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("dtype", ["int8", "float64", "complex64"])
def test_creation_order(shape, order, dtype):
    calls = [
        lambda m: m.zeros(shape, dtype, order=order),
        lambda m: m.ones(shape, dtype, order=order),
        lambda m: m.empty(shape, dtype, order=order),
        lambda m: m.full(shape, 3, dtype, order=order),
    ]
    for call in calls:
        rn, rf = call(np), call(fnp)
        assert rf.shape == rn.shape and rf.dtype == rn.dtype
        assert flags_of(rf) == flags_of(rn), (shape, order)
        assert layout_strides(np.asarray(rf)) == layout_strides(rn)
    n = np.arange(int(np.prod(shape)), dtype=dtype).reshape(shape)
    f = fnp.array(n)
    for how in ("K", "A", "C", "F"):
        for call in (lambda m, a: m.array(a, order=order),
                     lambda m, a: m.asarray(a, order=order),
                     lambda m, a: m.array(a.tolist() if isinstance(a, np.ndarray) else a.tolist(), order=order),
                     lambda m, a: a.copy(order=how),
                     lambda m, a: m.copy(a, order=how),
                     lambda m, a: a.astype("float32", order=how),
                     lambda m, a: m.array(m.asfortranarray(a), order=how),
                     lambda m, a: m.asfortranarray(a).astype("int16", order=how),
                     lambda m, a: m.asfortranarray(a).copy(order=how)):
            rf, rn = same(call, [n], [f])
            assert flags_of(rf) == flags_of(rn), (shape, order, how)
            assert layout_strides(np.asarray(rf)) == layout_strides(rn)
