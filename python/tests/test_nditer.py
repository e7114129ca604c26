"""nditer against NumPy's: iteration order (C, F, K with transposed and reversed operands),
external loops and buffered chunks, multi_index / c_index / f_index, several broadcast
operands, op_flags and writes, buffered casts with write-back, allocated outputs, the
context manager, and the error messages; ndindex and ndenumerate."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ferronum as fnp

from conftest import array_pairs

SHAPES = st.lists(st.integers(0, 4), min_size=0, max_size=3).map(tuple)
NUMERIC = [np.dtype(t) for t in ("i1", "i4", "i8", "u2", "f4", "f8", "c16", "?")]


def walk(mod, ops, **kw):
    """Everything an iteration shows: each step's values (as lists), dtypes, indices."""
    it = mod.nditer(ops, **kw)
    flags = kw.get("flags", []) or []
    out = [(it.shape, it.itersize, tuple(str(d) for d in it.dtypes), it.ndim, it.nop)]
    with it:
        for v in it:
            vals = v if isinstance(v, tuple) else (v,)
            step = [(np.asarray(x).tolist(), np.asarray(x).shape, str(x.dtype), type(x).__name__ == "ndarray")
                    for x in vals]
            if "multi_index" in flags:
                step.append(it.multi_index)
            if "c_index" in flags or "f_index" in flags:
                step.append(it.index)
            out.append(step)
        out.append((it.finished, it.ndim, it.nop))
    return out


def norm(x):
    """A result as plain Python values: arrays as (dtype, shape, strides, values)."""
    if isinstance(x, (np.ndarray, fnp.ndarray)):
        return ("array", str(x.dtype), x.shape, x.strides, np.asarray(x).tolist())
    if isinstance(x, (tuple, list)):
        return type(x)(norm(y) for y in x)
    if isinstance(x, np.generic):
        return (type(x).__name__, x.item())
    return x


def same_result(fcall, ncall):
    """The same exception (class and message) or equal results (``norm``)."""
    rn = rf = en = ef = None
    try:
        rn = ncall()
    except Exception as e:  # noqa: BLE001
        en = e
    try:
        rf = fcall()
    except Exception as e:  # noqa: BLE001
        ef = e
    if en is not None:
        assert type(ef) is type(en) and str(ef) == str(en), (ef, en)
    else:
        assert ef is None, ef
        assert norm(rf) == norm(rn), (rf, rn)


def same_walk(fops, nops, **kw):
    same_result(lambda: walk(fnp, fops, **kw), lambda: walk(np, nops, **kw))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_order_and_indices(data):
    dt = data.draw(st.sampled_from(NUMERIC))
    n, f = data.draw(array_pairs(dtype=dt, shape=SHAPES, small=True))
    order = data.draw(st.sampled_from(["K", "C", "F", "A"]))
    flags = data.draw(st.sampled_from([[], ["multi_index"], ["c_index"], ["f_index"], ["external_loop"],
                                       ["multi_index", "c_index"], ["buffered", "external_loop"]]))
    same_walk(f, n, flags=flags + ["zerosize_ok"] * data.draw(st.booleans()), order=order)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_broadcast_operands(data):
    bs = data.draw(st.sampled_from([((2, 3), (3,)), ((2, 1), (1, 4)), ((3,), ()), ((2, 3, 4), (3, 1)),
                                    ((0, 3), (3,)), ((4,), (4,))]))
    d1, d2 = data.draw(st.sampled_from(NUMERIC)), data.draw(st.sampled_from(NUMERIC))
    n1, f1 = data.draw(array_pairs(dtype=d1, shape=bs[0], small=True))
    n2, f2 = data.draw(array_pairs(dtype=d2, shape=bs[1], small=True))
    flags = data.draw(st.sampled_from([[], ["multi_index"], ["external_loop"], ["c_index"]]))
    order = data.draw(st.sampled_from(["K", "C", "F"]))
    same_walk([f1, f2], [n1, n2], flags=flags, order=order)


@pytest.mark.parametrize("bufsize", [0, 1, 2, 4, 5, 7, 100])
@pytest.mark.parametrize("make", [
    lambda m: m.arange(12.0).reshape(3, 4)[:, :3],
    lambda m: m.arange(12.0).reshape(3, 4),
    lambda m: m.arange(24.0).reshape(2, 3, 4)[:, :, :3],
    lambda m: m.arange(24.0).reshape(2, 3, 4).transpose(1, 0, 2)[::-1],
    lambda m: m.arange(10.0),
])
@pytest.mark.parametrize("dtype", [None, "f4", "c16"])
def test_buffered_chunks(make, bufsize, dtype):
    kw = dict(flags=["external_loop", "buffered"], buffersize=bufsize, casting="same_kind")
    if dtype:
        kw["op_dtypes"] = [dtype]
    same_walk(make(fnp), make(np), **kw)
    kw["flags"] = ["buffered"]
    same_walk(make(fnp), make(np), **kw)


def test_external_loop_chunks():
    for make in (lambda m: m.arange(6).reshape(2, 3), lambda m: m.arange(6).reshape(2, 3).T,
                 lambda m: m.arange(8).reshape(2, 4)[:, ::2], lambda m: m.array(5)):
        same_walk(make(fnp), make(np), flags=["external_loop"])
        same_walk(make(fnp), make(np), flags=["external_loop"], order="C")
        same_walk(make(fnp), make(np), flags=["external_loop"], order="F")


def test_readwrite_writes_through():
    for mod in (np, fnp):
        a = mod.arange(6).reshape(2, 3)
        with mod.nditer(a, op_flags=["readwrite"]) as it:
            for x in it:
                x[...] = 2 * x
        assert np.asarray(a).tolist() == [[0, 2, 4], [6, 8, 10]]
        b = mod.arange(6.0).reshape(2, 3)
        for x in mod.nditer(b, flags=["external_loop"], op_flags=["readwrite"]):
            x[...] = x + 1
        assert np.asarray(b).tolist() == [[1, 2, 3], [4, 5, 6]]


def test_readonly_refuses_writes():
    same_result(lambda: _write_first(fnp), lambda: _write_first(np))


def _write_first(mod):
    x = next(iter(mod.nditer(mod.arange(3.0))))
    x[...] = 1


def test_buffered_cast_writeback():
    out = []
    for mod in (np, fnp):
        b = mod.arange(5.0)
        with mod.nditer(b, flags=["buffered"], op_flags=["readwrite"], op_dtypes=["f4"], casting="same_kind") as it:
            for x in it:
                assert x.dtype == np.float32
                x[...] = 2 * x + 1
        out.append(np.asarray(b).tolist())
        c = mod.arange(7.0)
        with mod.nditer(c, flags=["buffered", "external_loop"], op_flags=["readwrite"], op_dtypes=["i4"],
                        casting="unsafe", buffersize=3) as it:
            for x in it:
                x[...] = x * 10
        out.append(np.asarray(c).tolist())
    assert out[:2] == out[2:]


def test_allocate_output():
    def run(mod):
        a = mod.arange(6.0).reshape(2, 3)
        b = mod.arange(3, dtype=mod.int32)
        it = mod.nditer([a, b, None])
        with it:
            for x, y, z in it:
                z[...] = x * y
            r = it.operands[2]
        it2 = mod.nditer([a.T, None], op_flags=[["readonly"], ["writeonly", "allocate"]], op_dtypes=[None, "f4"])
        with it2:
            for x, z in it2:
                z[...] = x + 1
            r2 = it2.operands[1]
        return r, r2, r2.strides

    same_result(lambda: run(fnp), lambda: run(np))


def test_iternext_finished_value_reset():
    def run(mod):
        a = mod.arange(6).reshape(2, 3)
        it = mod.nditer(a, flags=["multi_index"])
        seen = []
        while not it.finished:
            seen.append((int(it[0]), it.multi_index, it.iterindex))
            it.iternext()
        it.reset()
        seen.append((it.multi_index, int(it.value)))
        it.multi_index = (1, 1)
        seen.append((int(it.value), it.iterindex))
        it.iterindex = 2
        seen.append(it.multi_index)
        seen.append((it.iternext(), it.finished, len(it)))
        return seen

    same_result(lambda: run(fnp), lambda: run(np))


def test_index_setter():
    def run(mod):
        it = mod.nditer(mod.arange(6).reshape(2, 3).T, flags=["c_index", "multi_index"])
        it.index = 4
        return it.multi_index, int(it.value)

    same_result(lambda: run(fnp), lambda: run(np))


def test_closed_iterator():
    def probe(mod, what):
        it = mod.nditer(mod.arange(3.0))
        it.close()
        return what(it)

    for what in (lambda it: it.value, lambda it: it.operands, lambda it: it.multi_index, lambda it: it.reset(),
                 lambda it: it.iternext(), lambda it: list(it), lambda it: it.dtypes, lambda it: it.__enter__()):
        same_result(lambda: probe(fnp, what), lambda: probe(np, what))


@pytest.mark.parametrize("kw", [
    dict(flags=["external_loop", "multi_index"]),
    dict(flags=["bogus"]),
    dict(flags=["c_index", "f_index"]),
    dict(op_flags=["bogus"]),
    dict(op_flags=["readonly", "readwrite"]),
    dict(op_dtypes=["f4"]),
    dict(op_dtypes=["i4"], flags=["buffered"]),
    dict(op_dtypes=["f4"], flags=["buffered"], op_flags=["readwrite"], casting="same_kind"),
])
def test_errors(kw):
    same_result(lambda: fnp.nditer(fnp.arange(3.0), **kw).nop, lambda: np.nditer(np.arange(3.0), **kw).nop)


def test_errors_operands():
    same_result(lambda: fnp.nditer([fnp.zeros((2, 3)), fnp.zeros(4)]),
                 lambda: np.nditer([np.zeros((2, 3)), np.zeros(4)]))
    same_result(lambda: fnp.nditer([fnp.zeros((2, 3)), fnp.zeros(3)], op_flags=[["readonly"], ["readwrite"]]),
                 lambda: np.nditer([np.zeros((2, 3)), np.zeros(3)], op_flags=[["readonly"], ["readwrite"]]))
    same_result(lambda: fnp.nditer([fnp.zeros(3), None], op_flags=[["readonly"], ["readwrite"]]),
                 lambda: np.nditer([np.zeros(3), None], op_flags=[["readonly"], ["readwrite"]]))
    ro_n, ro_f = np.arange(3.0), fnp.arange(3.0)
    ro_n.flags.writeable = False
    ro_f.flags.writeable = False
    same_result(lambda: fnp.nditer(ro_f, op_flags=["readwrite"]), lambda: np.nditer(ro_n, op_flags=["readwrite"]))
    it_f, it_n = fnp.nditer(fnp.arange(3)), np.nditer(np.arange(3))
    same_result(lambda: it_f.multi_index, lambda: it_n.multi_index)
    same_result(lambda: it_f.index, lambda: it_n.index)


def test_common_dtype():
    same_walk([fnp.arange(3, dtype=np.int8), fnp.arange(3.0)], [np.arange(3, dtype=np.int8), np.arange(3.0)],
              flags=["buffered", "common_dtype"])


@pytest.mark.parametrize("shape", [(), (0,), (3,), (2, 3), (2, 0, 3), (1, 1)])
def test_ndindex_ndenumerate(shape):
    assert list(fnp.ndindex(shape)) == list(np.ndindex(shape))
    assert list(fnp.ndindex(*shape)) == list(np.ndindex(*shape))
    n = np.arange(int(np.prod(shape)), dtype=np.int16).reshape(shape)
    got = list(fnp.ndenumerate(fnp.asarray(n)))
    want = list(np.ndenumerate(n))
    assert [i for i, _ in got] == [i for i, _ in want]
    assert [(type(v), v) for _, v in got] == [(type(v), v) for _, v in want]


@pytest.mark.parametrize("op_axes,kw", [
    ([[0, 1]], {}), ([[1, 0]], {}), ([[0, -1, 1]], {}), ([[0]], {}), ([[0, 0]], {}), ([[0, 2]], {}),
    ([[0, -1]], dict(itershape=(2, 5))), ([[-1, 0, 1]], dict(itershape=(4, -1, -1))), ([[0, None, 1]], {}),
    ([[0]], dict(itershape=(3, 2))), ([0], {}),
])
@pytest.mark.parametrize("flags", [["multi_index"], ["external_loop"], []])
def test_op_axes(op_axes, kw, flags):
    same_walk(fnp.arange(6).reshape(2, 3), np.arange(6).reshape(2, 3), op_axes=op_axes, flags=flags, **kw)


def test_op_axes_outer_product():
    def run(mod):
        a = mod.arange(3)
        b = mod.arange(8).reshape(2, 4)
        it = mod.nditer([a, b, None], flags=["external_loop"], op_axes=[[0, -1, -1], [-1, 0, 1], None])
        shape = it.shape
        with it:
            for x, y, z in it:
                z[...] = x * y
            return shape, it.operands[2]

    same_result(lambda: run(fnp), lambda: run(np))
