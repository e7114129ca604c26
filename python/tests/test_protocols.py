"""NumPy's protocols on ferronum arrays: __array_ufunc__ (NEP 13), __array_function__ (NEP 18),
the buffer protocol, DLPack, pickle (protocol 5 out of band, 2-4 in band) and threadpoolctl.
NumPy is the oracle for values, dtypes and errors; the tests also check which library computed
(the result's type) and whether memory is shared."""

import gc
import pickle

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ferronum as fnp
from ferronum import _protocols

from conftest import ALL_DTYPES, DTYPE_IDS, array_pairs, assert_same, check_both, same_outcome, shares_memory

# ======================================================================= __array_ufunc__ ===
UNARY = ["sin", "exp", "sqrt", "negative", "absolute", "floor", "isnan", "logical_not", "square"]
BINARY = ["add", "subtract", "multiply", "true_divide", "maximum", "power", "less", "arctan2", "bitwise_and"]


@pytest.mark.parametrize("name", UNARY)
@given(pair=array_pairs())
def test_numpy_unary_ufunc_runs_ferronum(name, pair):
    n, f = pair
    uf = getattr(np, name)
    rf, rn = check_both(lambda: uf(f), lambda: uf(n))
    if isinstance(rn, np.ndarray):
        assert isinstance(rf, fnp.ndarray)


@pytest.mark.parametrize("name", BINARY)
@given(pair=array_pairs(shape=st.just((2, 3))))
def test_numpy_binary_ufunc_mixed_operands(name, pair):
    n, f = pair
    uf = getattr(np, name)
    other = np.arange(3).astype(n.dtype)
    # ferronum with ferronum, ferronum with NumPy (either side), and with Python scalars.
    check_both(lambda: uf(f, fnp.asarray(other)), lambda: uf(n, other))
    check_both(lambda: uf(f, other), lambda: uf(n, other))
    check_both(lambda: uf(other, f), lambda: uf(other, n))
    check_both(lambda: uf(f, 2), lambda: uf(n, 2))
    check_both(lambda: uf(1.5, f), lambda: uf(1.5, n))


def test_ufunc_result_types():
    x = fnp.arange(5.0)
    assert type(np.sin(x)) is fnp.ndarray
    assert type(np.add(x, np.ones(5))) is fnp.ndarray
    assert type(np.add(np.ones(5), x)) is fnp.ndarray
    # A reduction to one value is a NumPy scalar, as ferronum's own is.
    assert type(np.add.reduce(x)) is np.float64
    q, r = np.divmod(fnp.arange(7), 3)
    assert type(q) is fnp.ndarray and type(r) is fnp.ndarray
    assert_same(q, np.arange(7) // 3)


def test_ufunc_out_ferronum_and_numpy():
    x = fnp.arange(4.0)
    z = fnp.zeros(4)
    r = np.add(x, 1, out=z)
    assert r is z
    assert_same(z, np.arange(4.0) + 1)
    # A NumPy out= array is written in place by ferronum and returned as itself.
    nz = np.zeros(4)
    r = np.multiply(x, 2, out=nz)
    assert r is nz
    np.testing.assert_array_equal(nz, np.arange(4.0) * 2)
    # Tuple form and two outputs.
    q, rem = fnp.zeros(4, dtype=np.int64), np.zeros(4, dtype=np.int64)
    r = np.divmod(fnp.arange(4), 3, out=(q, rem))
    assert r[0] is q and r[1] is rem
    np.testing.assert_array_equal(rem, np.arange(4) % 3)


def test_ufunc_keywords_pass_through():
    n = np.arange(6.0).reshape(2, 3)
    f = fnp.asarray(n)
    check_both(lambda: np.add(f, 1, dtype=np.float32), lambda: np.add(n, 1, dtype=np.float32))
    out_f, out_n = fnp.full((2, 3), -1.0), np.full((2, 3), -1.0)
    np.add(f, 1, out=out_f, where=n > 2)
    np.add(n, 1, out=out_n, where=n > 2)
    assert_same(out_f, out_n)
    check_both(lambda: np.add(f, 1, casting="no", dtype=np.int8), lambda: np.add(n, 1, casting="no", dtype=np.int8))


@given(pair=array_pairs(shape=st.sampled_from([(3, 4), (5,), (2, 3, 2)]), fbound=100))
def test_ufunc_methods(pair):
    n, f = pair
    if n.dtype.kind == "b":
        n, f = n.astype(np.int8), f.astype(np.int8)
    check_both(lambda: np.add.reduce(f), lambda: np.add.reduce(n))
    check_both(lambda: np.add.reduce(f, axis=None, keepdims=True), lambda: np.add.reduce(n, axis=None, keepdims=True))
    check_both(lambda: np.multiply.accumulate(f), lambda: np.multiply.accumulate(n))
    check_both(lambda: np.maximum.reduceat(f, [0, 1]), lambda: np.maximum.reduceat(n, [0, 1]))
    check_both(lambda: np.subtract.outer(f[:2], f[:1]), lambda: np.subtract.outer(n[:2], n[:1]))


def test_ufunc_at_on_both_kinds():
    f = fnp.zeros(5)
    np.add.at(f, [0, 0, 3], 1.0)
    assert_same(f, np.array([2.0, 0, 0, 1, 0]))
    # NumPy target, ferronum values: ferronum writes into NumPy's memory.
    n = np.zeros(5)
    np.add.at(n, [1, 1], fnp.ones(2))
    np.testing.assert_array_equal(n, [0, 2.0, 0, 0, 0])


def test_ufunc_errors_match_numpy():
    n = np.arange(3.0)
    f = fnp.asarray(n)
    same_outcome(lambda: np.add(f, np.ones(4)), lambda: np.add(n, np.ones(4)), message=False)
    same_outcome(lambda: np.bitwise_and(f, 1), lambda: np.bitwise_and(n, 1), message=False)
    same_outcome(lambda: np.add.reduce(f, axis=3), lambda: np.add.reduce(n, axis=3))


def test_missing_ufunc_raises_numpy_typeerror():
    # A ufunc ferronum lacks: NumPy's own TypeError, never a silent NumPy computation.
    missing = [u for u in vars(np).values() if isinstance(u, np.ufunc) and u not in _protocols._UFUNCS]
    assert missing, "every NumPy ufunc is mapped; pick another probe"
    uf = missing[0]
    args = [fnp.arange(3.0)] * uf.nin
    with pytest.raises(TypeError, match="__array_ufunc__"):
        uf(*args)


def test_every_ferronum_ufunc_reachable():
    for name in dir(fnp):
        obj = getattr(fnp, name)
        if isinstance(obj, fnp.ufunc) and isinstance(getattr(np, name, None), np.ufunc):
            assert _protocols._UFUNCS[getattr(np, name)] is obj, name


def test_ufunc_defers_to_other_overrides():
    class Other:
        def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
            return "other"

    assert np.add(fnp.arange(3), Other()) == "other"
    assert np.add(Other(), fnp.arange(3)) == "other"


# ==================================================================== __array_function__ ===
def test_function_dispatch_examples():
    n = np.arange(12.0).reshape(3, 4)
    f = fnp.asarray(n)
    for call in [
        lambda m, a: m.concatenate([a, a]),
        lambda m, a: m.sum(a, axis=0),
        lambda m, a: m.mean(a),
        lambda m, a: m.linalg.norm(a),
        lambda m, a: m.linalg.norm(a, axis=1),
        lambda m, a: m.einsum("ij,ij->i", a, a),
        lambda m, a: m.fft.fft(a),
        lambda m, a: m.sort(a, axis=0),
        lambda m, a: m.where(a > 3, a, 0),
        lambda m, a: m.transpose(a),
        lambda m, a: m.cumsum(a),
        lambda m, a: m.emath.sqrt(a - 5),
    ]:
        rf = call(np, f)
        rn = call(np, n)
        rr = call(fnp, f)
        assert type(rf) is type(rr), (rf, rr)
        assert_same(rf, rn)


def test_function_dispatch_mixed_numpy_and_ferronum():
    r = np.concatenate([np.ones(2), fnp.zeros(2)])
    assert isinstance(r, fnp.ndarray)
    assert_same(r, np.array([1.0, 1.0, 0.0, 0.0]))


def test_function_missing_raises_typeerror_naming_it():
    import inspect

    probes = []
    for name in dir(np):
        obj = getattr(np, name)
        if not (callable(obj) and hasattr(obj, "_implementation")) or hasattr(fnp, name):
            continue
        try:
            params = inspect.signature(obj).parameters.values()
        except (TypeError, ValueError):
            continue
        required = [p for p in params if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        if len(required) == 1:
            probes.append(name)
    assert probes
    for name in probes[:5]:
        with pytest.raises(TypeError, match=f"no implementation found for 'numpy.{name}'"):
            getattr(np, name)(fnp.arange(3.0))


def _dispatched(np_mod, f_mod, name):
    """The ferronum function NumPy's ``np_mod.name`` dispatches to for a ferronum array."""
    nobj = getattr(np_mod, name)
    return _protocols._FUNCTIONS.get(nobj)


@pytest.mark.parametrize("sub", ["", "linalg", "fft", "emath"])
def test_every_public_function_is_reachable(sub):
    np_mod = getattr(np, sub) if sub else np
    f_mod = getattr(fnp, sub) if sub else fnp
    names = getattr(f_mod, "__all__", None) or [n for n in dir(f_mod) if not n.startswith("_")]
    checked = 0
    for name in names:
        fobj = getattr(f_mod, name)
        nobj = getattr(np_mod, name, None)
        if nobj is None or not hasattr(nobj, "_implementation") or isinstance(fobj, type) or fobj is nobj:
            continue
        assert _dispatched(np_mod, f_mod, name) is fobj, f"numpy.{sub + '.' if sub else ''}{name}"
        checked += 1
    assert checked > (30 if not sub else 3)


def test_dispatch_through_numpy_machinery_calls_ferronum(monkeypatch):
    # Route one table entry to a probe: the call must go NumPy -> __array_function__ -> table.
    seen = []
    orig = _protocols._FUNCTIONS[np.concatenate]
    monkeypatch.setitem(_protocols._FUNCTIONS, np.concatenate, lambda *a, **k: seen.append(1) or orig(*a, **k))
    np.concatenate([fnp.ones(1), fnp.ones(1)])
    assert seen == [1]


def test_function_errors_match_numpy():
    n = np.arange(6.0).reshape(2, 3)
    f = fnp.asarray(n)
    same_outcome(lambda: np.sum(f, axis=5), lambda: np.sum(n, axis=5))
    same_outcome(lambda: np.concatenate([f, f[:, :2]]), lambda: np.concatenate([n, n[:, :2]]), message=False)


# ====================================================================== buffer protocol ===
FORMATS = {"?": "?", "int8": "b", "uint8": "B", "int16": "h", "uint16": "H", "int32": "i", "uint32": "I",
           "int64": "l", "uint64": "L", "float16": "e", "float32": "f", "float64": "d", "complex64": "Zf",
           "complex128": "Zd"}


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_memoryview_matches_numpy(dt):
    n = np.arange(12).astype(dt).reshape(3, 4)
    f = fnp.asarray(n.copy())
    for sl in [(), (slice(None, None, 2),), (slice(None), slice(None, None, -1)), (1,)]:
        mn, mf = memoryview(n[sl]), memoryview(f[sl])
        assert (mf.format, mf.shape, mf.strides, mf.itemsize, mf.readonly, mf.ndim, mf.nbytes) == \
               (mn.format, mn.shape, mn.strides, mn.itemsize, mn.readonly, mn.ndim, mn.nbytes)
        assert bytes(f[sl]) == bytes(n[sl])
    mt = memoryview(f.T)
    assert mt.strides == memoryview(n.T).strides and mt.f_contiguous


def test_buffer_shares_memory_and_writes_through():
    f = fnp.zeros(4)
    m = memoryview(f)
    assert not m.readonly
    m[1] = 5.0
    assert f[1] == 5.0
    g = np.frombuffer(f)
    assert g.flags.writeable
    g[2] = 7.0
    assert f[2] == 7.0
    h = np.asarray(memoryview(f))
    assert np.shares_memory(h, g)
    del m, g, h


def test_buffer_of_read_only_array():
    f = fnp.arange(3.0)
    f.setflags(write=False)
    m = memoryview(f)
    assert m.readonly
    with pytest.raises(TypeError):
        m[0] = 1.0
    assert not np.frombuffer(f).flags.writeable


def test_buffer_contiguity_errors_match_numpy():
    n = np.arange(6.0)
    f = fnp.asarray(n.copy())
    import ctypes

    # A request for contiguous memory (ctypes asks for a simple, writable buffer).
    same_outcome(lambda: (ctypes.c_char * 24).from_buffer(f[::2]), lambda: (ctypes.c_char * 24).from_buffer(n[::2]))
    same_outcome(lambda: pickle.PickleBuffer(f[::2]).raw(), lambda: pickle.PickleBuffer(n[::2]).raw())
    # NumPy's frombuffer refuses a strided view too (through memoryview for ferronum arrays,
    # whose error class is BufferError; NumPy's own arrays give ValueError).
    with pytest.raises((ValueError, BufferError), match="not C-contiguous"):
        np.frombuffer(f[::2])
    # A writable request of a read-only array.
    n.setflags(write=False)
    f.setflags(write=False)
    same_outcome(lambda: (ctypes.c_char * 48).from_buffer(f), lambda: (ctypes.c_char * 48).from_buffer(n))


def test_buffer_keeps_array_alive():
    m = memoryview(fnp.arange(1000.0) * 2)
    gc.collect()
    assert m[999] == 1998.0
    m.release()


# ================================================================================ DLPack ===
@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_dlpack_round_trip_with_numpy(dt):
    n = np.arange(12).astype(dt).reshape(3, 4)
    f = fnp.asarray(n.copy())
    for sl in [(), (slice(None, None, 2), slice(None, None, -1)), (1,)]:
        g = np.from_dlpack(f[sl])
        np.testing.assert_array_equal(g, n[sl])
        assert g.dtype == n.dtype
        assert shares_memory(g, f)
        h = fnp.from_dlpack(n[sl])
        assert isinstance(h, fnp.ndarray)
        assert_same(h, n[sl])
        assert np.shares_memory(np.asarray(h), n)


def test_dlpack_writes_through_both_ways():
    f = fnp.zeros(3)
    g = np.from_dlpack(f)
    g[0] = 4.0
    assert f[0] == 4.0
    n = np.zeros(3)
    h = fnp.from_dlpack(n)
    h[1] = 2.0
    assert n[1] == 2.0


def test_dlpack_read_only():
    n = np.arange(3.0)
    n.setflags(write=False)
    h = fnp.from_dlpack(n)
    assert not h.flags.writeable
    with pytest.raises(ValueError):
        h[0] = 1.0
    f = fnp.arange(3.0)
    f.setflags(write=False)
    g = np.from_dlpack(f)
    assert not g.flags.writeable
    with pytest.raises(BufferError, match="readonly"):
        f.__dlpack__()
    assert "dltensor_versioned" in repr(f.__dlpack__(max_version=(1, 0)))


def test_dlpack_copy_and_device():
    f = fnp.arange(3.0)
    g = np.from_dlpack(f, copy=True)
    assert not shares_memory(g, f)
    h = fnp.from_dlpack(np.arange(3.0), copy=True)
    np.testing.assert_array_equal(np.asarray(h), np.arange(3.0))
    assert f.__dlpack_device__() == np.arange(1).__dlpack_device__()
    assert fnp.from_dlpack(np.arange(2.0), device="cpu").shape == (2,)


def test_dlpack_errors_match_numpy():
    n = np.arange(3.0)
    f = fnp.asarray(n.copy())
    for kw in [dict(max_version=3), dict(max_version=(1,)), dict(dl_device=(2, 0)), dict(copy="yes")]:
        same_outcome(lambda: f.__dlpack__(**kw), lambda: n.__dlpack__(**kw))
    same_outcome(lambda: f.__dlpack__(stream=1), lambda: n.__dlpack__(stream=1), message=False)
    same_outcome(lambda: fnp.from_dlpack([1, 2]), lambda: np.from_dlpack([1, 2]))
    same_outcome(lambda: fnp.from_dlpack(n, device="gpu"), lambda: np.from_dlpack(n, device="gpu"))


class _Capsule:
    """A producer handing out one fixed capsule (to consume it twice)."""

    def __init__(self, cap):
        self.cap = cap

    def __dlpack__(self, **kwargs):
        return self.cap

    def __dlpack_device__(self):
        return (1, 0)


def test_dlpack_capsule_consumed_twice():
    for src in (np.arange(3.0), fnp.arange(3.0)):
        cap = _Capsule(src.__dlpack__())
        a = fnp.from_dlpack(cap)
        assert_same(a, np.arange(3.0))
        # The capsule is used now: NumPy and ferronum both refuse it.
        same_outcome(lambda: fnp.from_dlpack(cap), lambda: np.from_dlpack(cap))


def test_dlpack_unconsumed_capsule_is_freed():
    f = fnp.arange(10.0)
    for _ in range(3):
        f.__dlpack__()
        f.__dlpack__(max_version=(1, 0))
    gc.collect()
    assert f[9] == 9.0


def test_dlpack_old_producer_without_keywords():
    class Old:
        def __init__(self, a):
            self.a = a

        def __dlpack__(self, stream=None):
            return self.a.__dlpack__(stream=stream)

        def __dlpack_device__(self):
            return (1, 0)

    assert_same(fnp.from_dlpack(Old(np.arange(4))), np.arange(4))


def test_dlpack_keeps_producer_memory_alive():
    h = fnp.from_dlpack(np.arange(1000.0) * 3)
    gc.collect()
    assert h[999] == 2997.0
    g = np.from_dlpack(fnp.arange(1000.0) * 3)
    gc.collect()
    assert g[999] == 2997.0


# ================================================================================ pickle ===
@pytest.mark.parametrize("protocol", [2, 3, 4, 5])
@given(pair=array_pairs())
def test_pickle_round_trip(protocol, pair):
    n, f = pair
    g = pickle.loads(pickle.dumps(f, protocol=protocol))
    assert isinstance(g, fnp.ndarray)
    assert_same(g, n, exact=True)


@pytest.mark.parametrize("order", ["C", "F"])
def test_pickle5_out_of_band_does_not_copy(order):
    f = fnp.asarray(np.asfortranarray(np.arange(12.0).reshape(3, 4)) if order == "F" else
                    np.arange(12.0).reshape(3, 4)).copy(order=order)
    buffers = []
    data = pickle.dumps(f, protocol=5, buffer_callback=buffers.append)
    assert len(buffers) == 1
    assert len(data) < 200  # the 96 bytes of elements are not in the stream
    g = pickle.loads(data, buffers=buffers)
    assert_same(g, np.arange(12.0).reshape(3, 4))
    # Out of band, the loaded array is a view of the very same memory.
    assert shares_memory(g, f)
    g[0, 0] = 42.0
    assert f[0, 0] == 42.0


def test_pickle5_in_band_and_read_only():
    f = fnp.arange(5.0)
    g = pickle.loads(pickle.dumps(f, protocol=5))
    assert not shares_memory(g, f) and g.flags.writeable
    f.setflags(write=False)
    g = pickle.loads(pickle.dumps(f, protocol=5))
    assert_same(g, np.arange(5.0))
    n = np.arange(5.0)
    n.setflags(write=False)
    assert g.flags.writeable == pickle.loads(pickle.dumps(n, protocol=5)).flags.writeable


def test_pickle5_non_contiguous_copies_in_band():
    f = fnp.arange(10.0)[::2]
    buffers = []
    g = pickle.loads(pickle.dumps(f, protocol=5, buffer_callback=buffers.append), buffers=buffers)
    assert buffers == []
    assert_same(g, np.arange(10.0)[::2])


# ========================================================================== threadpoolctl ===
def test_threadpoolctl_sees_and_limits_pool(restore_threads):
    threadpoolctl = pytest.importorskip("threadpoolctl")
    fnp.set_num_threads(2)
    info = [i for i in threadpoolctl.threadpool_info() if i["internal_api"] == "ferronum"]
    assert len(info) == 1 and info[0]["num_threads"] == 2
    with threadpoolctl.threadpool_limits(1):
        assert fnp.get_num_threads() == 1
    assert fnp.get_num_threads() == 2
    with threadpoolctl.threadpool_limits(limits=1, user_api="ferronum"):
        assert fnp.get_num_threads() == 1
    assert fnp.get_num_threads() == 2
