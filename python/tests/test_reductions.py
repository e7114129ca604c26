"""sum, as a function and a method: axis None/int/negative/tuple, keepdims, dtype=, out=;
accumulator dtypes (bool/int -> int64, uint -> uint64, float16 stays float16); accuracy
against math.fsum; NumPy scalars for full reductions; AxisError / ValueError for bad axes."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp

from conftest import (ALL_DTYPES, DTYPE_IDS, INEXACT, array_pairs, assert_same, assert_same_error, assert_unchanged,
                      check_both, dtypes, run, snapshot)


@st.composite
def axis_args(draw, ndim):
    """None, an int (possibly negative), or a tuple of distinct axes (possibly negative)."""
    kind = draw(st.sampled_from(["none", "int", "tuple"]))
    if kind == "none" or ndim == 0:
        return None if kind != "tuple" else ()
    if kind == "int":
        return draw(st.integers(-ndim, ndim - 1))
    axes = draw(hnp.valid_tuple_axes(ndim))
    return tuple(a - ndim if draw(st.booleans()) else a for a in axes)


def sum_tolerance(n, dtype):
    """atol for a float sum of n: a few eps of sum(|x|) (pairwise summation's bound, generously)."""
    dt = np.dtype(dtype)
    if dt.kind not in "fc":
        return 0.0
    mag = float(np.sum(np.abs(n.astype(np.complex128 if n.dtype.kind == "c" else np.float64)))) if n.size else 0.0
    eps = float(np.finfo(dt).eps)
    return 16 * eps * mag + 1e-300


@given(array_pairs(fbound=1000.0), st.data(), st.booleans())
def test_sum_matches_numpy(pair, data, keepdims):
    n, f = pair
    axis = data.draw(axis_args(n.ndim))
    s = snapshot(f)
    rn, en = run(lambda: np.sum(n, axis=axis, keepdims=keepdims))
    if en is not None:
        assert_same_error(lambda: fnp.sum(f, axis=axis, keepdims=keepdims), lambda: np.sum(n, axis=axis, keepdims=keepdims))
        return
    atol = sum_tolerance(n, np.asarray(rn).dtype)
    check_both(lambda: fnp.sum(f, axis=axis, keepdims=keepdims), lambda: np.sum(n, axis=axis, keepdims=keepdims),
               atol=atol)
    check_both(lambda: f.sum(axis=axis, keepdims=keepdims), lambda: n.sum(axis=axis, keepdims=keepdims), atol=atol)
    check_both(lambda: f.sum(axis), lambda: n.sum(axis), atol=atol)
    assert_unchanged(f, s)


@given(array_pairs(small=True), dtypes, st.data())
def test_sum_dtype_argument(pair, dt, data):
    n, f = pair
    axis = data.draw(axis_args(n.ndim))
    atol = sum_tolerance(n, dt)
    check_both(lambda: fnp.sum(f, axis=axis, dtype=dt), lambda: np.sum(n, axis=axis, dtype=dt), atol=atol)
    check_both(lambda: f.sum(axis=axis, dtype=dt), lambda: n.sum(axis=axis, dtype=dt), atol=atol)


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_sum_accumulator_dtype_and_scalar_type(dt):
    n = np.array([[1, 0, 1], [1, 1, 0]]).astype(dt)
    f = fnp.array(n)
    for axis in (None, 0, 1, -1, (0, 1), ()):
        check_both(lambda: fnp.sum(f, axis=axis), lambda: np.sum(n, axis=axis))
        check_both(lambda: f.sum(axis=axis, keepdims=True), lambda: n.sum(axis=axis, keepdims=True))
    r = fnp.sum(f)
    assert type(r) is type(np.sum(n))
    assert isinstance(r, np.generic)


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_sum_of_empty(dt):
    for shape, axis in [((0,), None), ((0, 3), 0), ((0, 3), 1), ((3, 0), None), ((3, 0), 1), ((2, 0, 2), (0, 2))]:
        n = np.zeros(shape, dt)
        f = fnp.zeros(shape, dt)
        check_both(lambda: fnp.sum(f, axis=axis), lambda: np.sum(n, axis=axis))


def test_sum_integer_wraps_and_large():
    n = np.array([2**62, 2**62, 2**62, 7], dtype=np.int64)
    check_both(lambda: fnp.sum(fnp.array(n)), lambda: np.sum(n))
    u = np.array([2**63, 2**63, 5], dtype=np.uint64)
    check_both(lambda: fnp.sum(fnp.array(u)), lambda: np.sum(u))
    i8 = np.full(1000, 127, dtype=np.int8)
    check_both(lambda: fnp.sum(fnp.array(i8)), lambda: np.sum(i8))  # accumulates in int64: 127000
    check_both(lambda: fnp.sum(fnp.array(i8), dtype=np.int8), lambda: np.sum(i8, dtype=np.int8))  # wraps
    b = np.ones(100_000, dtype=bool)
    check_both(lambda: fnp.sum(fnp.array(b)), lambda: np.sum(b))
    big = np.arange(3_000_000, dtype=np.int64)
    check_both(lambda: fnp.sum(fnp.array(big)), lambda: np.sum(big))
    check_both(lambda: fnp.array(big).reshape(3000, 1000).sum(axis=0), lambda: big.reshape(3000, 1000).sum(axis=0))
    check_both(lambda: fnp.array(big).reshape(3000, 1000).sum(axis=1), lambda: big.reshape(3000, 1000).sum(axis=1))


def test_sum_float16_accumulates_accurately():
    # NumPy sums float16 with a float32 accumulator (pairwise); naive float16 accumulation
    # stalls at 2048.
    n = np.ones(10_000, dtype=np.float16)
    check_both(lambda: fnp.sum(fnp.array(n)), lambda: np.sum(n))
    n2 = np.full(5000, 0.1, dtype=np.float16)
    check_both(lambda: fnp.sum(fnp.array(n2)), lambda: np.sum(n2), rtol=2e-3)
    n3 = np.ones((3, 4000), dtype=np.float16)
    check_both(lambda: fnp.array(n3).sum(axis=1), lambda: n3.sum(axis=1))
    # (NumPy's own outer-axis float16 reduction, ones((4000, 3)).sum(axis=0), accumulates in
    # float16 and stalls at 2048; ferronum may be more accurate there, so it is not compared.)


def _fsum_error(values, result):
    exact = math.fsum(values.astype(np.float64).tolist())
    return abs(float(result) - exact), exact


@pytest.mark.parametrize("case", ["f32_tenths", "f32_normal", "f64_mixed_magnitude", "f64_cancellation", "f32_strided"])
def test_sum_accuracy_vs_fsum(case):
    """ferronum's float sum must be at least about as accurate as NumPy's pairwise sum."""
    rng = np.random.default_rng(12345)
    if case == "f32_tenths":
        x = np.full(4_000_000, 0.1, dtype=np.float32)
    elif case == "f32_normal":
        x = (rng.standard_normal(2_000_000) + 3.0).astype(np.float32)
    elif case == "f64_mixed_magnitude":
        x = rng.standard_normal(1_000_000) * 10.0 ** rng.integers(-8, 9, 1_000_000)
    elif case == "f64_cancellation":
        x = np.tile(np.array([1e16, 1.0, -1e16, 3.0]), 100_000)
    else:
        x = (rng.random((3000, 1000)) + 1.0).astype(np.float32)[:, ::3]
    f = fnp.array(x)
    rn, rf = np.sum(x), fnp.sum(f)
    assert type(rf) is type(rn)
    err_np, exact = _fsum_error(x.reshape(-1), rn)
    err_f, _ = _fsum_error(x.reshape(-1), rf)
    eps = float(np.finfo(x.dtype).eps)
    bound = max(4 * err_np, 8 * eps * abs(exact), 1e-300)
    assert err_f <= bound, f"ferronum error {err_f:g} vs NumPy's {err_np:g} (exact {exact!r}, got {rf!r}, numpy {rn!r})"


def test_sum_nan_inf():
    n = np.array([[1.0, np.nan, 2.0], [np.inf, 1.0, -np.inf], [np.inf, np.inf, 1.0]])
    f = fnp.array(n)
    for axis in (None, 0, 1):
        check_both(lambda: fnp.sum(f, axis=axis), lambda: np.sum(n, axis=axis))


def test_sum_python_inputs():
    check_both(lambda: fnp.sum([1, 2, 3]), lambda: np.sum([1, 2, 3]))
    check_both(lambda: fnp.sum([[1.5, 2], [3, 4]], axis=0), lambda: np.sum([[1.5, 2], [3, 4]], axis=0))
    check_both(lambda: fnp.sum(5), lambda: np.sum(5))
    check_both(lambda: fnp.sum(np.arange(6).reshape(2, 3), axis=1), lambda: np.sum(np.arange(6).reshape(2, 3), axis=1))
    check_both(lambda: fnp.sum(fnp.array(2.5)), lambda: np.sum(np.array(2.5)))
    check_both(lambda: fnp.array(7).sum(axis=0), lambda: np.array(7).sum(axis=0))


def test_sum_keepdims_full_reduction_is_array():
    n, f = np.arange(6).reshape(2, 3), fnp.arange(6).reshape(2, 3)
    check_both(lambda: f.sum(keepdims=True), lambda: n.sum(keepdims=True))
    check_both(lambda: fnp.sum(f, axis=(0, 1), keepdims=True), lambda: np.sum(n, axis=(0, 1), keepdims=True))


@pytest.mark.parametrize("axis", [2, -3, 5, (0, 2), (-3,), 1.5, (0, 0), (1, -1), "a"], ids=repr)
def test_sum_bad_axis(axis):
    n, f = np.ones((2, 3)), fnp.ones((2, 3))
    ef, en = assert_same_error(lambda: fnp.sum(f, axis=axis), lambda: np.sum(n, axis=axis))
    assert_same_error(lambda: f.sum(axis=axis), lambda: n.sum(axis=axis))
    if isinstance(en, np.exceptions.AxisError):
        assert isinstance(ef, fnp.AxisError)
        assert isinstance(ef, ValueError) and isinstance(ef, IndexError)
    assert_unchanged(f, n)


def test_sum_axis_error_is_numpy_axiserror():
    f = fnp.ones((2, 3))
    with pytest.raises(np.exceptions.AxisError):
        f.sum(axis=2)
    with pytest.raises(fnp.AxisError):
        fnp.sum(f, axis=-3)
    with pytest.raises(ValueError):
        fnp.sum(f, axis=(0, 0))
    assert_same_error(lambda: fnp.sum(fnp.array(1.0), axis=1), lambda: np.sum(np.array(1.0), axis=1))


def test_sum_out():
    n = np.arange(12.0).reshape(3, 4)
    f = fnp.array(n)
    on, of = np.zeros(4), fnp.zeros(4)
    r = fnp.sum(f, axis=0, out=of)
    np.sum(n, axis=0, out=on)
    assert r is of
    assert_same(of, on)
    oi_n, oi_f = np.zeros(3, dtype=np.int32), fnp.zeros(3, dtype=np.int32)
    f.sum(axis=1, out=oi_f)
    n.sum(axis=1, out=oi_n)
    assert_same(oi_f, oi_n)
    assert_same_error(lambda: fnp.sum(f, axis=0, out=fnp.zeros(3)), lambda: np.sum(n, axis=0, out=np.zeros(3)))


def test_sum_large_float_axes_match_numpy():
    rng = np.random.default_rng(7)
    x = rng.standard_normal((600, 700))
    f = fnp.array(x)
    for axis in (None, 0, 1, (0, 1)):
        rn = np.sum(x, axis=axis)
        check_both(lambda: fnp.sum(f, axis=axis), lambda: np.sum(x, axis=axis), rtol=1e-12, atol=1e-11)
        check_both(lambda: fnp.sum(f.T, axis=axis), lambda: np.sum(x.T, axis=axis), rtol=1e-12, atol=1e-11)
        check_both(lambda: fnp.sum(f[::-2, ::3], axis=axis), lambda: np.sum(x[::-2, ::3], axis=axis), rtol=1e-12,
                   atol=1e-11)
        del rn
    x32 = x.astype(np.float32)
    check_both(lambda: fnp.sum(fnp.array(x32), axis=1), lambda: np.sum(x32, axis=1), rtol=1e-5, atol=1e-4)
    xc = x[:300] + 1j * x[300:]
    check_both(lambda: fnp.sum(fnp.array(xc), axis=0), lambda: np.sum(xc, axis=0), rtol=1e-12, atol=1e-11)


@pytest.mark.parametrize("dt", [np.int64, np.int32, np.float64, np.float32, np.uint8, np.bool_],
                         ids=lambda d: np.dtype(d).name)
def test_sum_large_3d_every_axis_combination(dt):
    """Arrays big enough for the parallel planner, reduced over every axis subset, through
    contiguous, transposed and reversed layouts."""
    rng = np.random.default_rng(99)
    x = (rng.integers(0, 100, size=(40, 64, 130)) if np.dtype(dt).kind in "iub" else rng.random((40, 64, 130)))
    x = x.astype(dt)
    f = fnp.array(x)
    views = [(f, x), (f.transpose(2, 0, 1), x.transpose(2, 0, 1)), (f[::-1, :, ::-2], x[::-1, :, ::-2])]
    axes_list = [None, 0, 1, 2, (0, 1), (0, 2), (1, 2), (0, 1, 2), -1]
    for fv, nv in views:
        for axis in axes_list:
            for keepdims in (False, True):
                rn = np.sum(nv, axis=axis, keepdims=keepdims)
                kw = {} if np.dtype(rn.dtype).kind in "iub" else dict(rtol=1e-5 if rn.dtype == np.float32 else 1e-12,
                                                                       atol=1e-3 if rn.dtype == np.float32 else 1e-9)
                check_both(lambda: fnp.sum(fv, axis=axis, keepdims=keepdims),
                           lambda: np.sum(nv, axis=axis, keepdims=keepdims), **kw)


def _warned(call):
    import warnings
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        r = call()
    return r, sorted({str(x.message) for x in w})


@pytest.mark.parametrize("shape", [(10,), (1_000_000,), (300, 400), (4, 300_000)], ids=str)
def test_sum_and_prod_report_float_errors_as_numpy(shape):
    """add reductions report the CPU's flags as NumPy does ("overflow encountered in reduce",
    "invalid value ..."), from every thread of a parallel reduction; extrema and NaN inputs
    report nothing. Products too: NumPy's order is taken again where a product is not finite."""
    n = np.ones(shape)
    big, mixed, nans = n * 1e308, n.copy(), n.copy()
    mixed.flat[0], mixed.flat[-1] = np.inf, -np.inf
    nans.flat[len(nans.flat) // 2] = np.nan
    for data in (n, big, mixed, nans, (n * 1e200).astype(np.float32)):
        f = fnp.array(data)
        for name in ("sum", "nansum", "max", "nanmin", "prod", "nanprod"):
            for axis in (None, 0, -1):
                rn, wn = _warned(lambda: getattr(np, name)(data, axis=axis))
                rf, wf = _warned(lambda: getattr(fnp, name)(f, axis=axis))
                assert_same(rf, rn)
                assert wf == wn, (name, axis, wf, wn)
    f = fnp.array(big)
    with fnp.errstate(over="raise"):
        with pytest.raises(FloatingPointError, match="overflow encountered in reduce"):
            fnp.sum(f)


FLAG_CASES = [
    "np.prod(np.array([1e200, 1e200, 3.0]))",
    "np.prod(np.array([1e30, 1e30, 0.0], dtype=np.float32))",
    "np.prod(np.array([np.inf, 0.0]))",
    "np.prod(np.array([[1e200, 2.0], [1e200, 3.0]]), axis=0)",
    "np.prod(np.array([[1e200, 2.0], [1e200, 3.0]]).T, axis=1)",
    "np.prod(np.array([np.inf] * 20, dtype=np.float32))",
    "np.prod(np.array([2.0] * 2000, dtype=np.float32))",
    "np.prod(np.array([300.0, 300.0], dtype=np.float16))",
    "np.prod(np.array([1e200, 1e200]), initial=0.5)",
    "np.nanprod(np.array([1e200, np.nan, 1e200]))",
    "np.prod(np.array([1e200 + 1j, 1e200]))",
    "np.prod(np.array([complex(np.inf, 1)]))",
    "np.prod(np.array([[1e200 + 1j, 1e200, 1, 1, 1, 1, 1, 1, 1, 1]]), axis=1)",
    "np.prod(np.array([1.5 + 2j, -0.5 + 1j, 3 - 1j], dtype=np.complex64))",
    "np.sum(np.array([60000.0, 60000.0], dtype=np.float16))",
    "np.cumsum(np.array([1e308, 1e308]))",
    "np.cumprod(np.array([1e200, 1e200]))",
    "np.cumsum(np.array([np.inf, -np.inf]))",
    "np.cumsum(np.array([[1e308, 1e308], [1e308, 1.0]]), axis=0)",
    "np.linalg.norm(np.array([1e200, 1e200]))",
    "np.linalg.norm(np.array([1e154, 1e154]))",
    "np.linalg.norm(np.array([1e300, 1e300]), axis=0)",
    "np.linalg.norm(np.array([[1e154, 1e154]]), axis=1)",
    "np.linalg.norm(np.array([[1e200, 1.0], [2.0, 3.0]]), axis=(0, 1))",
    "np.linalg.norm(np.array([1e308, 1e308]), ord=1)",
    "np.linalg.norm(np.array([[1e308, 1.0], [1e308, 3.0]]), ord=1)",
    "np.var(np.array([1e200, -1e200]))",
    "np.std(np.array([1e200, -1e200]))",
    "np.var(np.array([np.inf, 1.0]))",
    "np.var(np.array([[1e200, -1e200], [1.0, 2.0]]), axis=1)",
    "np.std(np.array([1e200 + 1j, -1e200]))",
    "np.mean(np.array([1e308, 1e308]))",
    # a narrower dtype=: NumPy casts inside the reduce loop, so the cast's errors are its own
    "np.prod(np.array([1e200, 1e200]), dtype=np.float32)",
    "np.sum(np.array([1e300, 1.0]), dtype=np.float32)",
    "np.sum(np.array([1e300, -1e300]), dtype=np.float32)",
    "np.mean(np.array([[1e300, 1.0]]), axis=1, dtype=np.float32)",
    "np.sum(np.array([1 + 2j, 3 - 1j]), dtype=np.float64)",
    "np.mean(np.array([1 + 2j, 3 - 1j], dtype=np.complex64), dtype=np.float32)",
]


DIVISION_CASES = [
    "np.var(np.array([1.0, 2.0]), ddof=2)",
    "np.var(np.array([1.0, 2.0]), ddof=2, keepdims=True)",
    "np.std(np.array([[1.0, 2.0], [3.0, 4.0]]), axis=0, ddof=2)",
    "np.var(np.array([]))",
    "np.var(np.zeros((0, 3)), axis=0)",
    "np.std(np.zeros((0, 3)), axis=1)",
    "np.var(np.array([1, 2, 3]), ddof=3)",
    "np.var(np.array([True, True]), ddof=2)",
    "np.var(np.array([1 + 1j]), ddof=1)",
    "np.var(np.array([1.0, 2.0], dtype=np.float16), ddof=2)",
    "np.var(np.array([1.0, 2.0], dtype=np.float32), ddof=2)",
    "np.var(np.array([1.0, 2.0], dtype=np.complex64), ddof=2)",
    "np.var(np.array([1.0, 2.0]), ddof=2, dtype=np.float32)",
    "np.mean(np.array([]))",
    "np.mean(np.zeros((0, 3)), axis=0)",
    "np.mean(np.zeros((0, 3)), keepdims=True)",
    "np.mean(np.array([], dtype=np.float32))",
    "np.mean(np.array([], dtype=np.float16))",
    "np.mean(np.array([], dtype=np.complex64))",
    "np.mean(np.array([], dtype=np.complex128))",
    "np.mean(np.array([], dtype=np.int32))",
    "np.nanvar(np.array([np.nan]))",
    "np.nanstd(np.array([1.0, np.nan]), ddof=1)",
    "np.nanmean(np.array([np.nan]))",
]


@pytest.mark.parametrize("case", DIVISION_CASES)
def test_mean_and_variance_divisions_warn_as_numpy(case):
    """An empty slice or ddof >= n: NumPy's own warning, then the division's floating-point
    errors ("scalar divide" where NumPy divides a float64 or complex128 scalar, else "divide";
    none for the NaN-skipping functions), in NumPy's order and number, and governed by
    errstate."""
    import warnings

    def run(mod, **state):
        with warnings.catch_warnings(record=True) as w, mod.errstate(**state):
            warnings.simplefilter("always")
            try:
                r, e = eval(case, {"np": mod}), None
            except FloatingPointError as ex:
                r, e = None, str(ex)
        return r, e, [(x.category.__name__, str(x.message)) for x in w]

    for state in ({}, {"all": "ignore"}, {"all": "raise"}):
        rn, en, wn = run(np, **state)
        rf, ef, wf = run(fnp, **state)
        assert (wf, ef) == (wn, en), state
        if en is None:
            assert_same(rf, rn)


@pytest.mark.parametrize("case", FLAG_CASES)
def test_products_scans_norms_and_variances_report_float_errors_as_numpy(case):
    """prod/nanprod ("... in reduce", NumPy's one-after-another order where a product is not
    finite, complex products always), a float16 sum that overflows only when rounded,
    cumsum/cumprod ("... in accumulate"), norm ("dot" over every axis, else "multiply" and
    "reduce") and var/std ("subtract", "square"): NumPy's values and warnings."""
    rn, wn = _warned(lambda: eval(case, {"np": np}))
    rf, wf = _warned(lambda: eval(case, {"np": fnp}))
    assert_same(rf, rn)
    assert wf == wn
