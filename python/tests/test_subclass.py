"""Python subclasses of ferronum.ndarray, against the same subclass of numpy.ndarray: which
results keep the subclass, when ``__array_finalize__`` runs and with what, ``__array_wrap__``
and ``__array_priority__`` for ufuncs and operators, pickling and copying."""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ferronum as fnp

from conftest import ALL_DTYPES, array_pairs, assert_same


def make_classes(mod):
    """The same family of subclasses over ``mod.ndarray``; each logs its finalize calls."""
    log = []

    class Tagged(mod.ndarray):
        def __new__(cls, data, info=None):
            obj = mod.asarray(data).view(cls)
            obj.info = info
            return obj

        def __array_finalize__(self, obj):
            log.append((type(self).__name__, None if obj is None else type(obj).__name__,
                        None if obj is None else obj.shape, self.shape))
            self.info = getattr(obj, "info", None)

    class Child(Tagged):
        pass

    class Plain(mod.ndarray):
        pass

    class Wrapping(mod.ndarray):
        __array_priority__ = 50.0

        def __array_wrap__(self, arr, context=None, return_scalar=False):
            log.append(("wrap", type(arr).__name__, arr.shape,
                        None if context is None else context[0].__name__, return_scalar))
            return super().__array_wrap__(arr, context, return_scalar)

    return dict(Tagged=Tagged, Child=Child, Plain=Plain, Wrapping=Wrapping, log=log)


N = make_classes(np)
F = make_classes(fnp)


def outcome(mod, classes, fn):
    """What ``fn`` gives: the result's type name (and shape and info), plus the finalize log."""
    classes["log"].clear()
    r = fn(mod, classes)

    def desc(x):
        if isinstance(x, mod.ndarray):
            return (type(x).__name__, x.shape, x.dtype, getattr(x, "info", "-"))
        if isinstance(x, tuple):
            return tuple(desc(y) for y in x)
        if isinstance(x, list):
            return [desc(y) for y in x]
        return type(x).__name__

    return desc(r), list(classes["log"])


def same(fn):
    n = outcome(np, N, fn)
    f = outcome(fnp, F, fn)
    assert f == n, (f, n)


def tagged(mod, c, shape=(2, 3), dtype=float):
    return c["Tagged"](mod.arange(int(np.prod(shape)), dtype=dtype).reshape(shape), info="t")


CASES = {
    "new": lambda m, c: tagged(m, c),
    "view_cls": lambda m, c: m.arange(3.0).view(c["Tagged"]),
    "view_plain": lambda m, c: tagged(m, c).view(m.ndarray),
    "view_dtype": lambda m, c: tagged(m, c).view(m.int64),
    "view_dtype_type": lambda m, c: m.arange(4.0).view(m.int32, c["Tagged"]),
    "slice": lambda m, c: tagged(m, c)[1:],
    "row": lambda m, c: tagged(m, c)[0],
    "element": lambda m, c: tagged(m, c)[0, 1],
    "ellipsis_0d": lambda m, c: tagged(m, c, shape=())[...],
    "fancy": lambda m, c: tagged(m, c)[[0, 1]],
    "mask": lambda m, c: tagged(m, c)[tagged(m, c) > 1],
    "reshape": lambda m, c: tagged(m, c).reshape(3, 2),
    "transpose": lambda m, c: tagged(m, c).transpose(),
    "T": lambda m, c: tagged(m, c).T,
    "swapaxes": lambda m, c: tagged(m, c).swapaxes(0, 1),
    "ravel": lambda m, c: tagged(m, c).ravel(),
    "flatten": lambda m, c: tagged(m, c).flatten(),
    "copy": lambda m, c: tagged(m, c).copy(),
    "astype": lambda m, c: tagged(m, c).astype(m.int32),
    "astype_nosub": lambda m, c: tagged(m, c).astype(m.int32, subok=False),
    "add_scalar": lambda m, c: tagged(m, c) + 1,
    "radd_scalar": lambda m, c: 1 + tagged(m, c),
    "add_plain": lambda m, c: m.zeros(3) + tagged(m, c),
    "neg": lambda m, c: -tagged(m, c),
    "abs": lambda m, c: abs(tagged(m, c)),
    "compare": lambda m, c: tagged(m, c) == 2,
    "pow": lambda m, c: tagged(m, c) ** 2,
    "divmod": lambda m, c: divmod(tagged(m, c), 2),
    "ufunc_sin": lambda m, c: m.sin(tagged(m, c)),
    "ufunc_add": lambda m, c: m.add(tagged(m, c), 1),
    "ufunc_kw": lambda m, c: m.add(tagged(m, c), 1, dtype=m.float32),
    "ufunc_out": lambda m, c: m.add(tagged(m, c), 1, out=m.zeros((2, 3))),
    "ufunc_0d": lambda m, c: tagged(m, c, shape=()) + 1,
    "ufunc_modf": lambda m, c: m.modf(tagged(m, c)),
    "sum": lambda m, c: tagged(m, c).sum(),
    "sum_axis": lambda m, c: tagged(m, c).sum(axis=0),
    "np_sum": lambda m, c: m.sum(tagged(m, c)),
    "max": lambda m, c: tagged(m, c).max(),
    "mean_axis": lambda m, c: tagged(m, c).mean(axis=1),
    "any": lambda m, c: tagged(m, c).any(),
    "argmax": lambda m, c: tagged(m, c).argmax(),
    "cumsum": lambda m, c: tagged(m, c).cumsum(),
    "iter_rows": lambda m, c: list(tagged(m, c)),
    "iter_1d": lambda m, c: list(tagged(m, c, shape=(3,))),
    "child_plus_parent": lambda m, c: c["Child"](m.arange(3.0)) + tagged(m, c, shape=(3,)),
    "parent_plus_child": lambda m, c: tagged(m, c, shape=(3,)) + c["Child"](m.arange(3.0)),
    "plain_sub": lambda m, c: m.arange(3.0).view(c["Plain"]) * 2,
    "wrap_priority": lambda m, c: tagged(m, c, shape=(3,)) + m.arange(3.0).view(c["Wrapping"]),
    "wrap_priority_r": lambda m, c: m.arange(3.0).view(c["Wrapping"]) + tagged(m, c, shape=(3,)),
    "wrap_sin": lambda m, c: m.sin(m.arange(3.0).view(c["Wrapping"])),
    "wrap_sum": lambda m, c: m.arange(3.0).view(c["Wrapping"]).sum(),
    "asarray": lambda m, c: m.asarray(tagged(m, c)),
    "array": lambda m, c: m.array(tagged(m, c)),
    "real": lambda m, c: (tagged(m, c, dtype=complex)).real,
    "imag": lambda m, c: (tagged(m, c, dtype=complex)).imag,
    "take": lambda m, c: tagged(m, c).take([0, 1]),
    "add_reduce": lambda m, c: m.add.reduce(tagged(m, c)),
    "add_reduce_axis": lambda m, c: m.add.reduce(tagged(m, c), axis=1),
    "add_accumulate": lambda m, c: m.add.accumulate(tagged(m, c)),
    "multiply_outer": lambda m, c: m.multiply.outer(tagged(m, c, shape=(2,)), m.arange(2.0)),
}


# Where NumPy's finalize calls show its internals (a ravel before argmax, the shape before a
# transpose or a dtype change is applied), only the result and its finalized info compare.
RESULT_ONLY = {"argmax", "cumsum", "take", "T", "transpose", "swapaxes", "view_dtype_type", "multiply_outer"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_subclass_results_like_numpy(name):
    if name in RESULT_ONLY:
        n = outcome(np, N, CASES[name])
        f = outcome(fnp, F, CASES[name])
        assert f[0] == n[0], (f, n)
        # Each finalize saw the subclass or the array it was viewed from.
        assert all(e[1] in ("Tagged", "ndarray") for e in f[1]) and bool(f[1]) == bool(n[1])
    else:
        same(CASES[name])


def test_isinstance_and_attributes():
    x = F["Tagged"]([1.0, 2.0], info="hello")
    assert isinstance(x, fnp.ndarray) and isinstance(x, F["Tagged"])
    assert x.info == "hello"
    y = x[::-1]
    assert type(y) is F["Tagged"] and y.info == "hello"
    y[0] = 7.0
    assert x[1] == 7.0
    assert issubclass(F["Child"], fnp.ndarray)


class FInfo(fnp.ndarray):
    def __array_finalize__(self, obj):
        self.info = getattr(obj, "info", "none")


class NInfo(np.ndarray):
    def __array_finalize__(self, obj):
        self.info = getattr(obj, "info", "none")


@pytest.mark.parametrize("proto", range(2, pickle.HIGHEST_PROTOCOL + 1))
@pytest.mark.parametrize("make", [lambda m: m.arange(6.0).reshape(2, 3), lambda m: m.arange(6).reshape(2, 3).T,
                                  lambda m: m.arange(10, dtype=m.complex64)[::3]])
def test_pickle_keeps_type(proto, make):
    x = make(fnp).view(FInfo)
    n = make(np).view(NInfo)
    x.info = n.info = "p"
    rx = pickle.loads(pickle.dumps(x, protocol=proto))
    rn = pickle.loads(pickle.dumps(n, protocol=proto))
    assert type(rx) is FInfo and type(rn) is NInfo
    # NumPy pickles the array, not the instance dict: info comes from finalize(None).
    assert rx.info == rn.info == "none"
    assert rx.dtype == rn.dtype and rx.shape == rn.shape
    np.testing.assert_array_equal(np.asarray(rx), rn)


def test_copy_and_deepcopy():
    same(lambda m, c: copy.copy(tagged(m, c)))
    same(lambda m, c: copy.deepcopy(tagged(m, c)))


def test_plain_path_unchanged():
    a = fnp.arange(3.0)
    assert type(a + 1) is fnp.ndarray
    assert type(a.sum()) is np.float64
    assert type(a[0]) is np.float64
    assert fnp.asarray(a) is a


def test_view_type_errors():
    a = fnp.arange(3.0)
    na = np.arange(3.0)
    with pytest.raises(ValueError, match="sub-type"):
        na.view(np.float64, int)
    with pytest.raises(ValueError, match="sub-type"):
        a.view(np.float64, int)


def test_ndarray_new_on_subclass():
    x = F["Plain"]((2, 3))
    assert type(x) is F["Plain"] and x.shape == (2, 3)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_subclass_values_match_plain(data):
    dt = data.draw(st.sampled_from([d for d in ALL_DTYPES if d.kind in "fiu"]))
    n, f = data.draw(array_pairs(dtype=dt, shape=st.lists(st.integers(1, 4), min_size=1, max_size=3).map(tuple),
                                 small=True))
    fs = f.view(F["Plain"])
    ns = n.view(N["Plain"])
    for op in (lambda x: x + 1, lambda x: x * x, lambda x: x.sum(axis=0), lambda x: x[::-1], lambda x: x.T):
        rf, rn = op(fs), op(ns)
        assert type(rf).__name__ == type(rn).__name__
        np.testing.assert_array_equal(np.asarray(rf.view(fnp.ndarray)), rn.view(np.ndarray))


def _info_array(mod):
    """NumPy's documented InfoArray: ``ndarray.__new__`` with every argument, and a finalize
    that returns early for ``obj is None``."""

    class InfoArray(mod.ndarray):
        def __new__(subtype, shape, dtype=float, buffer=None, offset=0, strides=None, order=None, info=None):
            obj = super().__new__(subtype, shape, dtype, buffer, offset, strides, order)
            obj.info = info
            return obj

        def __array_finalize__(self, obj):
            if obj is None:
                return
            self.info = getattr(obj, "info", None)

    return InfoArray


def test_info_array_pattern():
    for mod in (np, fnp):
        cls = _info_array(mod)
        x = cls((2, 3), info="information")
        assert type(x) is cls and x.info == "information" and x.shape == (2, 3)
        v = x[1:]
        assert type(v) is cls and v.info == "information"
        buf = mod.arange(6.0)
        y = cls((3,), buffer=buf, offset=8, info="b")
        assert np.asarray(y).tolist() == [1.0, 2.0, 3.0]
        y[0] = 10.0
        assert float(buf[1]) == 10.0


def test_finalize_none_on_direct_new():
    seen = {}
    for mod in (np, fnp):
        class S(mod.ndarray):
            def __array_finalize__(self, obj):
                seen.setdefault(mod.__name__, []).append(obj)

        S((2,))
        S.__new__(S, (3,))
    assert seen["numpy"] == seen["ferronum"] == [None, None]


@pytest.mark.parametrize("kw", [
    dict(), dict(order="F"), dict(buffer=bytearray(16)), dict(buffer=bytearray(16), offset=8),
    dict(buffer=bytearray(16), offset=17), dict(buffer=bytearray(16), strides=(16,)), dict(strides=(16,)),
    dict(strides=(8,)), dict(order="X"),
])
def test_ndarray_constructor(kw):
    def run(mod):
        k = dict(kw)
        if "buffer" in k:
            k["buffer"] = bytearray(k["buffer"])
        r = mod.ndarray((2,), float, **k)
        # NumPy's memory is uninitialised without a buffer (ferronum's is zero).
        return r.shape, r.strides, np.asarray(r).tolist() if "buffer" in k else None

    same_result_plain(lambda: run(fnp), lambda: run(np))


def same_result_plain(fcall, ncall):
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
        assert ef is None and rf == rn, (rf, rn, ef)


MODULE_FUNCS = {
    "np_reshape": lambda m, c: m.reshape(tagged(m, c), (3, 2)),
    "np_transpose": lambda m, c: m.transpose(tagged(m, c)),
    "np_swapaxes": lambda m, c: m.swapaxes(tagged(m, c), 0, 1),
    "np_ravel": lambda m, c: m.ravel(tagged(m, c)),
    "np_squeeze": lambda m, c: m.squeeze(tagged(m, c, shape=(1, 3))),
    "np_expand_dims": lambda m, c: m.expand_dims(tagged(m, c), 0),
    "np_moveaxis": lambda m, c: m.moveaxis(tagged(m, c), 0, 1),
    "np_mean": lambda m, c: m.mean(tagged(m, c), axis=0),
    "np_cumsum": lambda m, c: m.cumsum(tagged(m, c)),
    "m_squeeze": lambda m, c: tagged(m, c, shape=(1, 3)).squeeze(),
    "m_diagonal": lambda m, c: tagged(m, c, shape=(3, 3)).diagonal(),
    "m_repeat": lambda m, c: tagged(m, c).repeat(2),
    "asanyarray": lambda m, c: m.asanyarray(tagged(m, c)),
    "asanyarray_dtype": lambda m, c: m.asanyarray(tagged(m, c), dtype=m.float32),
    "asanyarray_list": lambda m, c: m.asanyarray([1, 2]),
    "array_subok": lambda m, c: m.array(tagged(m, c), subok=True),
    "array_subok_nocopy": lambda m, c: m.array(tagged(m, c), subok=True, copy=False),
    "copy_subok": lambda m, c: m.copy(tagged(m, c), subok=True),
    "copy_plain": lambda m, c: m.copy(tagged(m, c)),
}


@pytest.mark.parametrize("name", sorted(MODULE_FUNCS))
def test_module_functions_keep_subclass(name):
    n = outcome(np, N, MODULE_FUNCS[name])
    f = outcome(fnp, F, MODULE_FUNCS[name])
    assert f[0] == n[0], (f, n)


def test_asanyarray_passes_instance_through():
    x = F["Tagged"]([1.0, 2.0], info="i")
    assert fnp.asanyarray(x) is x
    assert type(fnp.asarray(x)) is fnp.ndarray


def test_old_style_array_wrap():
    import warnings

    got = []
    for mod in (np, fnp):
        class Old(mod.ndarray):
            def __array_wrap__(self, arr, context=None):
                return ("wrapped", arr.shape)

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            got.append(mod.sin(mod.arange(3.0).view(Old)))
    assert got[0] == got[1]


def test_binop_defers_as_numpy():
    def run(mod):
        class Prio:
            __array_priority__ = 100.0

            def __array__(self, dtype=None, copy=None):
                return np.arange(3.0)

            def __radd__(self, other):
                return "radd"

            def __rmul__(self, other):
                return "rmul"

        class NoUfunc:
            __array_ufunc__ = None

            def __init__(self):
                self.v = [1.0, 2.0, 3.0]

            def __len__(self):
                return 3

            def __getitem__(self, i):
                return self.v[i]

            def __radd__(self, other):
                return "noufunc radd"

        class Low:
            __array_priority__ = -5.0

            def __array__(self, dtype=None, copy=None):
                return np.arange(3.0)

            def __radd__(self, other):
                return "low"

        a = mod.arange(3.0)
        return [a + Prio(), a * Prio(), a + NoUfunc(), np.asarray(a + Low()).tolist(),
                np.asarray(a + [1, 2, 3]).tolist()]

    assert run(fnp) == run(np)


def test_matrix_transpose_keeps_the_subclass():
    # NumPy's `.mT` finalizes a view of the untransposed shape and swaps axes after; ferronum
    # finalizes the transposed view, so only the class, the attribute and the values are compared.
    class FT(fnp.ndarray):
        def __array_finalize__(self, obj):
            self.tag = getattr(obj, "tag", "t")

    class NT(np.ndarray):
        def __array_finalize__(self, obj):
            self.tag = getattr(obj, "tag", "t")
    n = np.arange(24.0).reshape(2, 3, 4).view(NT)
    f = fnp.arange(24.0).reshape(2, 3, 4).view(FT)
    assert type(f.mT) is FT and type(n.mT) is NT
    assert f.mT.tag == n.mT.tag
    assert_same(f.mT.view(fnp.ndarray), n.mT.view(np.ndarray), exact=True)
