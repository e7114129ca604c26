"""median, percentile, quantile and their nan* forms against NumPy: values (bit for bit), dtype,
shape, scalar-vs-array results, exception classes and the RuntimeWarnings NumPy issues itself
("All-NaN slice encountered", "Mean of empty slice"); every method; q as Python number, NumPy
scalar, list and array of every real dtype; axis None/int/negative/tuple/list; keepdims; out=;
NaN, all-NaN and empty lanes; weights; strided, negatively-stepped and transposed views; inputs
unchanged afterwards."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp

from conftest import (ALL_DTYPES, DTYPE_IDS, FLOATS, INTS, array_pairs, assert_same, assert_unchanged,
                      public_exception_class, snapshot)

METHODS = ["inverted_cdf", "averaged_inverted_cdf", "closest_observation", "interpolated_inverted_cdf",
           "hazen", "weibull", "linear", "median_unbiased", "normal_unbiased", "lower", "higher",
           "midpoint", "nearest"]
REAL = [d for d in ALL_DTYPES if d.kind != "c"]
REAL_IDS = [d.name for d in REAL]
FUNCS = ["quantile", "percentile", "nanquantile", "nanpercentile"]
# The warnings NumPy's own Python code raises; floating-point-error warnings (which depend on
# np.errstate) are not compared.
SEMANTIC = {"All-NaN slice encountered", "Mean of empty slice"}


def capture(fn):
    """(result, exception, set of semantic RuntimeWarning messages) of calling fn."""
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        with np.errstate(all="ignore"):
            try:
                r, e = fn(), None
            except Exception as ex:  # noqa: BLE001 - exception classes are compared
                r, e = None, ex
    msgs = {str(w.message) for w in rec
            if issubclass(w.category, RuntimeWarning) and str(w.message) in SEMANTIC}
    return r, e, msgs


def check(fnp_call, np_call, *, exact=True):
    """Both raise the same public exception class, or both return the same value (exactly by
    default), type, dtype and shape, with the same semantic warnings."""
    rn, en, wn = capture(np_call)
    rf, ef, wf = capture(fnp_call)
    if en is not None:
        assert ef is not None, f"ferronum did not raise (NumPy raised {type(en).__name__}: {en}); got {rf!r}"
        want = public_exception_class(en)
        assert isinstance(ef, want), f"ferronum raised {type(ef).__name__}: {ef}; NumPy raised {type(en).__name__}: {en}"
        return None, None
    if ef is not None:
        raise AssertionError(f"ferronum raised {type(ef).__name__}: {ef}; NumPy returned {rn!r}") from ef
    assert_same(rf, rn, exact=exact)
    assert wf == wn, f"warnings: ferronum {wf} vs NumPy {wn}"
    return rf, rn


def both(name, n, f, *args, **kw):
    """Runs ``np.name(n, ...)`` and ``fnp.name(f, ...)`` with the same other arguments."""
    return check(lambda: getattr(fnp, name)(f, *args, **kw), lambda: getattr(np, name)(n, *args, **kw))


def percentish(name, q):
    """q scaled for the percentile functions."""
    if "percentile" not in name:
        return q
    if isinstance(q, (list, tuple)):
        return [percentish(name, x) for x in q]
    if isinstance(q, np.ndarray):
        return q * np.asarray(100, q.dtype) if q.dtype.kind == "f" else q * 100
    if isinstance(q, np.generic):
        return type(q)(q * 100)
    return q * 100


# ------------------------------------------------------------------------------ strategies ---
@st.composite
def axis_args(draw, ndim):
    """None, an int (possibly negative), or a tuple/list of distinct axes (possibly empty)."""
    kind = draw(st.sampled_from(["none", "int", "tuple", "list"]))
    if kind == "none":
        return None
    if ndim == 0:
        return ()
    if kind == "int":
        return draw(st.integers(-ndim, ndim - 1))
    axes = draw(hnp.valid_tuple_axes(ndim))
    axes = tuple(a - ndim if draw(st.booleans()) else a for a in axes)
    return list(axes) if kind == "list" else axes


QVAL = st.sampled_from([0.0, 1.0, 0.5, 0.25, 0.75, 0.1, 0.9, 0.3, 1 / 3, 0.999, 0.001, 0.6, 0.45])


@st.composite
def quantiles(draw):
    """q in the forms NumPy treats differently: a weak Python number, NumPy scalars, lists and
    arrays of float16/32/64, int and bool."""
    kind = draw(st.sampled_from(["py", "pyint", "f64", "f32", "list", "f16arr", "f32arr", "intlist",
                                 "boolarr", "2d", "empty"]))
    if kind == "py":
        return draw(QVAL)
    if kind == "pyint":
        return draw(st.sampled_from([0, 1]))
    if kind == "f64":
        return np.float64(draw(QVAL))
    if kind == "f32":
        return np.float32(draw(QVAL))
    if kind == "list":
        return draw(st.lists(QVAL, min_size=1, max_size=4))
    if kind == "f16arr":
        return np.array(draw(st.lists(QVAL, min_size=1, max_size=3)), np.float16)
    if kind == "f32arr":
        return np.array(draw(st.lists(QVAL, min_size=1, max_size=3)), np.float32)
    if kind == "intlist":
        return draw(st.lists(st.sampled_from([0, 1]), min_size=1, max_size=3))
    if kind == "boolarr":
        return np.array(draw(st.lists(st.booleans(), min_size=1, max_size=3)))
    if kind == "2d":
        return [[draw(QVAL), draw(QVAL)]]
    return []


def as_fnp(q):
    return fnp.array(q) if isinstance(q, np.ndarray) else q


nan_floats = st.sampled_from([np.float16, np.float32, np.float64]).map(np.dtype)

shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=6)


# -------------------------------------------------------------------------- quantile family ---
@pytest.mark.parametrize("method", METHODS)
@given(data=st.data())
def test_quantile_methods_real_dtypes(method, data):
    dt = data.draw(st.sampled_from(REAL), label="dtype")
    n, f = data.draw(array_pairs(dtype=dt, shape=shapes, allow_nan=False, allow_inf=False, small=True), label="a")
    axis = data.draw(axis_args(n.ndim), label="axis")
    q = data.draw(quantiles(), label="q")
    keepdims = data.draw(st.booleans(), label="keepdims")
    name = data.draw(st.sampled_from(FUNCS), label="func")
    qq = percentish(name, q)
    snap = snapshot(f)
    check(lambda: getattr(fnp, name)(f, as_fnp(qq), axis=axis, method=method, keepdims=keepdims),
          lambda: getattr(np, name)(n, qq, axis=axis, method=method, keepdims=keepdims))
    assert_unchanged(f, snap)


@pytest.mark.parametrize("method", METHODS)
@given(data=st.data())
def test_quantile_methods_with_nan_and_inf(method, data):
    dt = data.draw(nan_floats, label="dtype")
    n, f = data.draw(array_pairs(dtype=dt, shape=shapes), label="a")
    axis = data.draw(axis_args(n.ndim), label="axis")
    q = data.draw(quantiles(), label="q")
    name = data.draw(st.sampled_from(FUNCS), label="func")
    qq = percentish(name, q)
    check(lambda: getattr(fnp, name)(f, as_fnp(qq), axis=axis, method=method),
          lambda: getattr(np, name)(n, qq, axis=axis, method=method))


@given(data=st.data())
def test_nanquantile_lanes_mostly_nan(data):
    dt = data.draw(nan_floats, label="dtype")
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5), label="shape")
    vals = data.draw(hnp.arrays(dt, shape, elements=st.sampled_from([np.nan, np.nan, 1.0, -2.5, 3.0, np.inf, 0.5])))
    f = fnp.array(vals)
    axis = data.draw(axis_args(vals.ndim), label="axis")
    q = data.draw(quantiles(), label="q")
    method = data.draw(st.sampled_from(METHODS), label="method")
    name = data.draw(st.sampled_from(FUNCS), label="func")
    keepdims = data.draw(st.booleans(), label="keepdims")
    qq = percentish(name, q)
    check(lambda: getattr(fnp, name)(f, as_fnp(qq), axis=axis, method=method, keepdims=keepdims),
          lambda: getattr(np, name)(vals, qq, axis=axis, method=method, keepdims=keepdims))


@pytest.mark.parametrize("dt", REAL, ids=REAL_IDS)
@pytest.mark.parametrize("method", METHODS)
def test_every_dtype_every_method_deterministic(dt, method):
    from conftest import sample_values
    nbase, fbase = sample_values(dt), fnp.array(sample_values(dt))
    views = (lambda x: x, lambda x: x.reshape(3, 4), lambda x: x.reshape(3, 4)[:, ::-2],
             lambda x: x.reshape(2, 2, 3).transpose(2, 0, 1), lambda x: x[::-3])
    for view in views:
        a, f = view(nbase), view(fbase)
        for q in (0.3, 1, [0.0, 0.5, 1.0], np.float32(0.7), np.array([0.2, 0.8], np.float16), 0.5):
            for axis in (None, 0, -1):
                for name in FUNCS:
                    qq = percentish(name, q)
                    check(lambda: getattr(fnp, name)(f, as_fnp(qq), axis=axis, method=method),
                          lambda: getattr(np, name)(a, qq, axis=axis, method=method))


def test_integer_extremes_and_wraparound():
    # b - a wraps in the input's integer type, exactly as in NumPy.
    for dt in INTS:
        info = np.iinfo(dt)
        n = np.array([info.min, info.max, info.min, 0, info.max], dt)
        f = fnp.array(n)
        for q in (0.3, 0.7, [0.1, 0.5, 0.9], np.float32(0.3), np.array([0.25], np.float16)):
            for method in ("linear", "hazen", "midpoint", "weibull"):
                for name in ("quantile", "nanquantile"):
                    check(lambda: getattr(fnp, name)(f, as_fnp(q), method=method),
                          lambda: getattr(np, name)(n, q, method=method))
        check(lambda: fnp.median(f), lambda: np.median(n))


def test_infinities_follow_lerp():
    n = np.array([1.0, np.inf])
    f = fnp.array(n)
    for q in (0.0, 0.3, 0.5, 0.7, 1.0, [0.0, 1.0]):
        for method in METHODS:
            both("quantile", n, f, q, method=method)
    for arr in ([-np.inf, 1.0], [-np.inf, np.inf], [np.inf, np.inf], [-np.inf, -np.inf, 2.0]):
        n = np.array(arr)
        f = fnp.array(n)
        for q in (0.0, 0.25, 0.5, 1.0):
            both("quantile", n, f, q)
            both("nanquantile", n, f, q)
        both("median", n, f)
        both("nanmedian", n, f)


def test_result_types_and_dtypes():
    cases = [
        (np.array([1, 0, 3, 2], np.int8), [0.3, 1, True, [0, 1], np.float32(0.3), np.float64(0.3),
                                           np.array([0.3], np.float16), [0.3], [[0.1, 0.2]], []]),
        (np.array([1, 0, 3, 2], np.float16), [0.3, 1, np.float32(0.3), [0.3], np.array([0.3], np.float16)]),
        (np.array([1, 0, 3, 2], np.float32), [0.3, 1, np.float64(0.3), [0.3, 0.9]]),
        (np.array([1, 0, 3, 2], np.uint64), [0.3, np.float32(0.3), [1, 0]]),
        (np.array([True, False, True]), [0, 1, [0, 1], True]),
    ]
    for n, qs in cases:
        f = fnp.array(n)
        for q in qs:
            for method in METHODS:
                for name in ("quantile", "nanquantile"):
                    check(lambda: getattr(fnp, name)(f, as_fnp(q), method=method),
                          lambda: getattr(np, name)(n, q, method=method))


def test_bool_input_interpolation_is_a_type_error():
    n = np.array([True, False, True])
    f = fnp.array(n)
    for name in FUNCS:
        for method in ("linear", "midpoint", "hazen"):
            check(lambda: getattr(fnp, name)(f, 50 if "per" in name else 0.5, method=method),
                  lambda: getattr(np, name)(n, 50 if "per" in name else 0.5, method=method))
    check(lambda: fnp.quantile(f, 0.5, method="lower"), lambda: np.quantile(n, 0.5, method="lower"))
    check(lambda: fnp.median(f), lambda: np.median(n))


def test_nan_lane_dtype_quirks():
    # A 0-d quantile of a lane with NaN is that NaN in the input's dtype; nanquantile takes
    # its dtype from the first lane (the input's when that lane is all NaN).
    a = np.array([[np.nan, np.nan, np.nan], [1, 2, 3]], np.float32)
    f = fnp.array(a)
    for name in FUNCS:
        q = np.float64(50.0) if "per" in name else np.float64(0.5)
        for axis in (None, 1, 0):
            for keepdims in (False, True):
                check(lambda: getattr(fnp, name)(f, q, axis=axis, keepdims=keepdims),
                      lambda: getattr(np, name)(a, q, axis=axis, keepdims=keepdims))
        check(lambda: getattr(fnp, name)(f[::-1], q, axis=1), lambda: getattr(np, name)(a[::-1], q, axis=1))
        check(lambda: getattr(fnp, name)(f[0], q), lambda: getattr(np, name)(a[0], q))
        check(lambda: getattr(fnp, name)(f[0], [q, q]), lambda: getattr(np, name)(a[0], [q, q]))


def test_quantile_errors_match_numpy():
    n = np.arange(6.0).reshape(2, 3)
    f = fnp.array(n)
    snap = snapshot(f)
    for name in FUNCS:
        s = 100 if "per" in name else 1
        for q in (1.5 * s, -0.1, np.nan, [0.5, 2 * s], [[[0.5]]], 0.5j):
            check(lambda: getattr(fnp, name)(f, q), lambda: getattr(np, name)(n, q))
        for axis in (2, -3, (0, 0), (0, -2), 1.5):
            check(lambda: getattr(fnp, name)(f, 0.5, axis=axis), lambda: getattr(np, name)(n, 0.5, axis=axis))
        check(lambda: getattr(fnp, name)(f, 0.5, method="foo"), lambda: getattr(np, name)(n, 0.5, method="foo"))
        check(lambda: getattr(fnp, name)(f, 0.5, interpolation="lower"),
              lambda: getattr(np, name)(n, 0.5, interpolation="lower"))
        check(lambda: getattr(fnp, name)(f.astype(np.complex128), 0.5),
              lambda: getattr(np, name)(n.astype(np.complex128), 0.5))
        check(lambda: getattr(fnp, name)(f, 0.5, weights=fnp.ones(3)),
              lambda: getattr(np, name)(n, 0.5, weights=np.ones(3)))
    # the sample size must fit the dtype of integer quantiles
    big = np.arange(300.0)
    check(lambda: fnp.quantile(fnp.array(big), fnp.array(np.array([0, 1], np.uint8))),
          lambda: np.quantile(big, np.array([0, 1], np.uint8)))
    assert_unchanged(f, snap)


@pytest.mark.parametrize("dt", [np.dtype(np.float64), np.dtype(np.float32), np.dtype(np.int64), np.dtype(np.bool_)],
                         ids=["float64", "float32", "int64", "bool"])
def test_empty_inputs(dt):
    for shape in [(0,), (0, 3), (2, 0), (0, 0)]:
        n = np.zeros(shape, dt)
        f = fnp.array(n)
        for axis in (None, 0, -1):
            for keepdims in (False, True):
                for name in ("median", "nanmedian"):
                    check(lambda: getattr(fnp, name)(f, axis=axis, keepdims=keepdims),
                          lambda: getattr(np, name)(n, axis=axis, keepdims=keepdims))
                for name in FUNCS:
                    for q in (0.5, [0.1, 1.0], 1):
                        qq = percentish(name, q)
                        check(lambda: getattr(fnp, name)(f, qq, axis=axis, keepdims=keepdims),
                              lambda: getattr(np, name)(n, qq, axis=axis, keepdims=keepdims))
                        check(lambda: getattr(fnp, name)(f, qq, axis=axis, method="lower"),
                              lambda: getattr(np, name)(n, qq, axis=axis, method="lower"))
    # nanquantile of an empty array is nanmean's, whatever q and method
    n = np.zeros((0, 2))
    check(lambda: fnp.nanquantile(fnp.array(n), [[[0.5]]], axis=0, method="foo"),
          lambda: np.nanquantile(n, [[[0.5]]], axis=0, method="foo"))


# --------------------------------------------------------------------------------- median ---
@given(data=st.data())
def test_median_all_dtypes(data):
    dt = data.draw(st.sampled_from(ALL_DTYPES), label="dtype")
    n, f = data.draw(array_pairs(dtype=dt, shape=shapes), label="a")
    axis = data.draw(axis_args(n.ndim), label="axis")
    keepdims = data.draw(st.booleans(), label="keepdims")
    name = data.draw(st.sampled_from(["median", "nanmedian"]), label="func")
    snap = snapshot(f)
    check(lambda: getattr(fnp, name)(f, axis=axis, keepdims=keepdims),
          lambda: getattr(np, name)(n, axis=axis, keepdims=keepdims))
    assert_unchanged(f, snap)


@given(data=st.data())
def test_nanmedian_with_nans(data):
    dt = data.draw(st.sampled_from([np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64),
                                    np.dtype(np.complex64), np.dtype(np.complex128)]), label="dtype")
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5), label="shape")
    pool = [np.nan, np.nan, 1.0, -2.5, 3.0, 0.5, 7.0, np.inf, -np.inf]
    if dt.kind == "c":
        pool += [complex(1, np.nan), complex(np.nan, 2), 1 + 2j, 1 - 2j, complex(1, np.inf)]
    vals = data.draw(hnp.arrays(dt, shape, elements=st.sampled_from(pool)))
    f = fnp.array(vals)
    axis = data.draw(axis_args(vals.ndim), label="axis")
    keepdims = data.draw(st.booleans(), label="keepdims")
    for name in ("median", "nanmedian"):
        check(lambda: getattr(fnp, name)(f, axis=axis, keepdims=keepdims),
              lambda: getattr(np, name)(vals, axis=axis, keepdims=keepdims))


def test_median_basics():
    for a in ([1, 2, 3, 4], [[10, 7, 4], [3, 2, 1]], 5, 2.5, [True, False], [], [[]], np.float32(3)):
        n = np.asarray(a)
        for axis in (None, 0, -1, (0,), ()):
            for name in ("median", "nanmedian"):
                check(lambda: getattr(fnp, name)(a, axis=axis), lambda: getattr(np, name)(a, axis=axis))


def test_float16_median_paths():
    # nanmedian averages like np.ma.median (float16 sum, can overflow) for short lanes with kept
    # axes, like mean (float32) otherwise; median always like mean.
    for vals in ([60000, 60000], [40000, 40000, 60000], [65000, 64000, 1, 2]):
        for reps in (1, 700):
            n = np.tile(np.array(vals, np.float16), reps).reshape(1, -1)
            f = fnp.array(n)
            for name in ("median", "nanmedian"):
                for axis in (None, 1, -1, (0, 1)):
                    check(lambda: getattr(fnp, name)(f, axis=axis), lambda: getattr(np, name)(n, axis=axis))
    n = np.array([[3e38, 3e38, 3e38]], np.float32)
    check(lambda: fnp.nanmedian(fnp.array(n), axis=1), lambda: np.nanmedian(n, axis=1))


def test_complex_median_order_and_division():
    vals = [complex(1, np.inf), complex(2, 0), complex(1, -1), complex(-np.inf, 3), complex(0, 0)]
    for k in range(1, len(vals) + 1):
        n = np.array(vals[:k])
        f = fnp.array(n)
        for name in ("median", "nanmedian"):
            check(lambda: getattr(fnp, name)(f), lambda: getattr(np, name)(n))
            check(lambda: getattr(fnp, name)(f.reshape(1, -1), axis=1), lambda: getattr(np, name)(n.reshape(1, -1), axis=1))


def test_long_lanes_and_parallel_paths():
    rng = np.random.default_rng(7)
    for dt in (np.float64, np.float32, np.int32, np.float16):
        n = (rng.standard_normal((300, 700)) * 100).astype(dt)
        if np.dtype(dt).kind == "f":
            n[rng.random(n.shape) < 0.05] = np.nan
            n[5] = np.nan
        f = fnp.array(n)
        for axis in (0, 1, None, (0, 1)):
            for name in ("median", "nanmedian"):
                check(lambda: getattr(fnp, name)(f, axis=axis), lambda: getattr(np, name)(n, axis=axis))
            for name in ("quantile", "nanquantile"):
                for method in ("linear", "hazen", "nearest"):
                    check(lambda: getattr(fnp, name)(f, [0.1, 0.5, 0.99], axis=axis, method=method),
                          lambda: getattr(np, name)(n, [0.1, 0.5, 0.99], axis=axis, method=method))
        t = n.T[::-1]
        ft = f.T[::-1]
        check(lambda: fnp.percentile(ft, [5, 95], axis=1), lambda: np.percentile(t, [5, 95], axis=1))
        check(lambda: fnp.nanpercentile(ft, [5, 95], axis=1), lambda: np.nanpercentile(t, [5, 95], axis=1))


# ------------------------------------------------------------------------------------ out ---
def test_out_parameter():
    n = np.arange(12.0).reshape(3, 4)
    n[1, 2] = np.nan
    f = fnp.array(n)
    calls = [("median", (), {}), ("nanmedian", (), {}), ("quantile", (0.3,), {}),
             ("quantile", (0.3,), {"method": "lower"}), ("nanquantile", (0.3,), {}),
             ("percentile", (30,), {}), ("nanpercentile", (30,), {"method": "higher"}),
             ("quantile", ([0.3, 0.6],), {}), ("nanquantile", ([0.3, 0.6],), {})]
    for name, args, kw in calls:
        for axis, keepdims in ((0, False), (1, False), (0, True), (None, False), (None, True), ((0, 1), True)):
            expect = getattr(np, name)(n, *args, axis=axis, keepdims=keepdims, **kw)
            shape = np.shape(expect)
            for odt in (np.float64, np.float32, np.int64, np.complex128):
                on = np.full(shape, -7, odt)
                of = fnp.array(on)
                rf, rn = check(lambda: getattr(fnp, name)(f, *args, axis=axis, out=of, keepdims=keepdims, **kw),
                               lambda: getattr(np, name)(n, *args, axis=axis, out=on, keepdims=keepdims, **kw))
                if rn is not None:
                    assert rf is of
                    assert_same(of, on, exact=True)
            # a wrong shape or dimension count
            for bad in ((7,), shape + (2,)):
                check(lambda: getattr(fnp, name)(f, *args, axis=axis, out=fnp.zeros(bad), keepdims=keepdims, **kw),
                      lambda: getattr(np, name)(n, *args, axis=axis, out=np.zeros(bad), keepdims=keepdims, **kw))


def test_out_rejects_non_arrays():
    with pytest.raises(TypeError):
        fnp.median(fnp.ones(3), out=[0.0])


# -------------------------------------------------------------------------------- weights ---
@given(data=st.data())
def test_weighted_inverted_cdf(data):
    dt = data.draw(st.sampled_from([np.dtype(t) for t in (np.float64, np.float32, np.int16, np.uint8)]), label="dtype")
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5), label="shape")
    n = data.draw(hnp.arrays(dt, shape, elements=st.integers(0, 9)))
    if dt.kind == "f" and data.draw(st.booleans()):
        n.flat[0] = np.nan
    axis_kind = data.draw(st.sampled_from(["none", "full", "int", "tuple"]))
    wdt = data.draw(st.sampled_from([np.float64, np.int64, np.float32, np.bool_]))
    kind = np.dtype(wdt).kind
    welems = (st.sampled_from([0, 1, 2, 0.5, 3]) if kind == "f" else st.booleans() if kind == "b"
              else st.integers(0, 3))
    if axis_kind == "none":
        axis = None
        w = data.draw(hnp.arrays(wdt, shape, elements=welems))
    elif axis_kind == "full":
        axis = data.draw(st.integers(-n.ndim, n.ndim - 1))
        w = data.draw(hnp.arrays(wdt, shape, elements=welems))
    elif axis_kind == "int":
        axis = data.draw(st.integers(-n.ndim, n.ndim - 1))
        w = data.draw(hnp.arrays(wdt, (shape[axis],), elements=welems))
    else:
        axis = data.draw(hnp.valid_tuple_axes(n.ndim, min_size=1))
        w = data.draw(hnp.arrays(wdt, tuple(shape[a] for a in axis), elements=welems))
    q = data.draw(quantiles())
    name = data.draw(st.sampled_from(FUNCS))
    qq = percentish(name, q)
    f, fw = fnp.array(n), fnp.array(w)
    check(lambda: getattr(fnp, name)(f, as_fnp(qq), axis=axis, method="inverted_cdf", weights=fw),
          lambda: getattr(np, name)(n, qq, axis=axis, method="inverted_cdf", weights=w))


def test_weighted_errors_and_zero_d_results():
    n = np.array([1.0, 2, 3, 4])
    f = fnp.array(n)
    for w in ([1, 1, 1, 1], [0, 0, 0, 0], [1, np.nan, 1, 1], [1, np.inf, 1, 1], [1, -1, 1, 1], [1, 1, 1],
              [[1, 1, 1, 1]], [0, 0, 1e-30, 1]):
        for q in (0.5, [0.0, 0.25, 1.0], np.float32(0.5), np.array([0.3, 0.5], np.float16)):
            for name in ("quantile", "nanquantile"):
                check(lambda: getattr(fnp, name)(f, as_fnp(q), method="inverted_cdf", weights=fnp.array(np.array(w))),
                      lambda: getattr(np, name)(n, q, method="inverted_cdf", weights=np.array(w)))
    m = np.arange(6.0).reshape(2, 3)
    check(lambda: fnp.quantile(fnp.array(m), 0.5, method="inverted_cdf", weights=fnp.ones(3)),
          lambda: np.quantile(m, 0.5, method="inverted_cdf", weights=np.ones(3)))
    check(lambda: fnp.quantile(fnp.array(m), 0.5, axis=1, method="inverted_cdf", weights=fnp.ones(2)),
          lambda: np.quantile(m, 0.5, axis=1, method="inverted_cdf", weights=np.ones(2)))
    check(lambda: fnp.nanquantile(fnp.array(m), 0.5, axis=1, method="inverted_cdf", weights=fnp.ones(3)),
          lambda: np.nanquantile(m, 0.5, axis=1, method="inverted_cdf", weights=np.ones(3)))


# ----------------------------------------------------------------------------- misc inputs ---
def test_array_likes_and_q_forms():
    a = [[3, 1, 4, 1], [5, 9, 2, 6]]
    n = np.array(a)
    for name in FUNCS:
        for q in (0.5, 1, 0, [0.25, 0.75], (0.1,), np.float16(0.5), np.array(0.5), True, [True, False]):
            qq = q if isinstance(q, bool) or (isinstance(q, list) and isinstance(q[0], bool)) else percentish(name, q)
            check(lambda: getattr(fnp, name)(a, qq, axis=1), lambda: getattr(np, name)(n, qq, axis=1))
    check(lambda: fnp.quantile(fnp.array(n), fnp.array([0.5, 0.25])), lambda: np.quantile(n, np.array([0.5, 0.25])))
    # NumPy arrays are accepted as input too
    check(lambda: fnp.median(n, axis=0), lambda: np.median(n, axis=0))


def test_overwrite_input_is_accepted_and_input_kept():
    n = np.array([[3.0, 1, 2], [9, 8, 7]])
    f = fnp.array(n)
    snap = snapshot(f)
    for name, args in (("median", ()), ("nanmedian", ()), ("quantile", (0.5,)), ("nanpercentile", (50,))):
        check(lambda: getattr(fnp, name)(f, *args, axis=1, overwrite_input=True),
              lambda: getattr(np, name)(n.copy(), *args, axis=1, overwrite_input=True))
    assert_unchanged(f, snap)


def test_nanquantile_2d_q_with_merged_axes():
    # NumPy's nanquantile moves the axes of a 2-d q oddly when several axes are reduced; ferronum
    # gives the same shapes (and quantile the natural ones).
    n = np.arange(120.0).reshape(2, 3, 4, 5)
    n[0, 1, 2, 3] = np.nan
    f = fnp.array(n)
    q = [[0.1, 0.5, 0.9], [0.2, 0.3, 1.0]]
    for name in FUNCS:
        qq = percentish(name, q)
        for axis in ((0, 2), (1, 3), (), (0, 1, 2), 1, -1, (0, 1, 2, 3), None):
            for keepdims in (False, True):
                check(lambda: getattr(fnp, name)(f, qq, axis=axis, keepdims=keepdims),
                      lambda: getattr(np, name)(n, qq, axis=axis, keepdims=keepdims))


def test_nanquantile_weights_for_reduced_axes_only():
    # NumPy's nanquantile does not broadcast such weights across lanes: only one lane works.
    n = np.array([[1.0, np.nan, 3.0], [4.0, 5.0, 6.0]])
    for a in (n, n[:1], n[:, :1].T):
        f = fnp.array(a)
        for w in (np.ones(a.shape[1]), np.zeros(a.shape[1])):
            check(lambda: fnp.nanquantile(f, 0.5, axis=1, method="inverted_cdf", weights=fnp.array(w)),
                  lambda: np.nanquantile(a, 0.5, axis=1, method="inverted_cdf", weights=w))
            check(lambda: fnp.quantile(f, 0.5, axis=1, method="inverted_cdf", weights=fnp.array(w)),
                  lambda: np.quantile(a, 0.5, axis=1, method="inverted_cdf", weights=w))
