"""Element-wise arithmetic and comparisons: operators (forward, reflected, in-place), the ufunc
functions with out=, every dtype pair and dtype x Python scalar under NEP 50, wraparound,
division by zero, error classes, and NumPy's overlap rule."""

import math
import operator
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ferronum as fnp

from conftest import (ALL_DTYPES, COMPLEX, DTYPE_IDS, FLOATS, INTS, array_pairs, assert_same, assert_same_error,
                      assert_unchanged, broadcast_pairs, check_both, dtypes, elements, run, sample_values,
                      snapshot)

BINOPS = {
    "add": (operator.add, operator.iadd),
    "sub": (operator.sub, operator.isub),
    "mul": (operator.mul, operator.imul),
    "truediv": (operator.truediv, operator.itruediv),
    "floordiv": (operator.floordiv, operator.ifloordiv),
    "mod": (operator.mod, operator.imod),
    "pow": (operator.pow, operator.ipow),
    "eq": (operator.eq, None),
    "ne": (operator.ne, None),
    "lt": (operator.lt, None),
    "le": (operator.le, None),
    "gt": (operator.gt, None),
    "ge": (operator.ge, None),
}
ARITH = ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow"]
# Correctly rounded in IEEE arithmetic (and integral for floordiv/mod): must be bit-identical
# for real dtypes.
EXACT_REAL_OPS = {"add", "sub", "mul", "truediv", "floordiv", "mod", "eq", "ne", "lt", "le", "gt", "ge"}


def exactness(opname, *dts):
    """exact=True when the operation must be bit-identical to NumPy for these dtypes."""
    if any(np.dtype(d).kind == "c" for d in dts):
        return opname in {"add", "sub", "eq", "ne", "lt", "le", "gt", "ge"}
    return opname in EXACT_REAL_OPS


def pow_exponents(dt, n=12):
    """Exponents valid for every base of dtype dt (non-negative for integers)."""
    dt = np.dtype(dt)
    if dt.kind == "b":
        return np.array([True, False] * (n // 2), dtype=dt)
    if dt.kind in "iu":
        return np.array([0, 1, 2, 3, 5, 7, 1, 2, 0, 3, 63, 8][:n]).astype(dt)
    if dt.kind == "f":
        return np.array([0.5, 2.0, -1.0, 3.0, 0.0, 1.5, -0.5, 2.0, 1.0, 0.25, -2.0, 3.5][:n], dtype=dt)
    return np.array([0.5, 2.0, -1.0, 3.0 + 1j, 0.0, 1.5, -0.5j, 2.0, 1.0, 0.25, -2.0, 3.5][:n], dtype=dt)


def operands_for(opname, d1, d2):
    a = sample_values(d1)
    b = pow_exponents(d2) if opname == "pow" else np.roll(sample_values(d2), 5)
    return a, b


def collect(failures, label, fn):
    try:
        fn()
    except AssertionError as e:
        failures.append(f"{label}: {str(e).strip().splitlines()[0] if str(e).strip() else 'AssertionError'}"
                        f" | {' '.join(str(e).split())[:300]}")


# --------------------------------------------------------------- every dtype pair ---
PAIRS = [(a, b) for a in ALL_DTYPES for b in ALL_DTYPES]


@pytest.mark.parametrize("d1,d2", PAIRS, ids=[f"{a.name}-{b.name}" for a, b in PAIRS])
def test_binary_operators_all_dtype_pairs(d1, d2):
    failures = []
    for name, (op, _) in BINOPS.items():
        na, nb = operands_for(name, d1, d2)
        fa, fb = fnp.array(na), fnp.array(nb)
        ex = exactness(name, d1, d2)
        collect(failures, f"{name} arr-arr", lambda: check_both(lambda: op(fa, fb), lambda: op(na, nb), exact=ex))
        # 0-d array operands and NumPy scalar operands are strong (not weak) operands.
        collect(failures, f"{name} arr-0d", lambda: check_both(lambda: op(fa, fb[3:4].reshape(())),
                                                              lambda: op(na, nb[3:4].reshape(())), exact=ex))
        collect(failures, f"{name} arr-npscalar", lambda: check_both(lambda: op(fa, nb[3]), lambda: op(na, nb[3]), exact=ex))
        collect(failures, f"{name} npscalar-arr", lambda: check_both(lambda: op(na[2], fb), lambda: op(na[2], nb), exact=ex))
    assert not failures, "\n".join(failures)


PY_SCALARS = [True, False, 0, 1, -1, 2, 3, 100, 127, 128, 255, 256, 300, -129, 70000, 2**31, 2**63 - 1, 2**63, 2**64 - 1,
              -(2**63), 2**64, 0.0, -0.5, 0.5, 2.5, 1e300, float("nan"), float("inf"), 1j, 2 - 3j]


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("scalar", PY_SCALARS, ids=repr)
def test_binary_operators_with_python_scalars(dt, scalar):
    """NEP 50: Python scalars are weak; out-of-range Python ints raise OverflowError for
    arithmetic, comparisons still work."""
    failures = []
    na = sample_values(dt)
    fa = fnp.array(na)
    for name, (op, _) in BINOPS.items():
        a_np = na
        a_f = fa
        ex = exactness(name, dt, np.dtype(complex) if isinstance(scalar, complex) else np.dtype(float))
        check = check_both
        if name == "pow" and (np.dtype(dt).kind == "c" or isinstance(scalar, complex)):
            check = check_complex_pow_finite
        collect(failures, f"arr {name} {scalar!r}",
                lambda: check(lambda: op(a_f, scalar), lambda: op(a_np, scalar), exact=ex))
        if name == "pow" and np.dtype(dt).kind in "iub":
            # scalar ** int-array with negative exponents raises; use the non-negative exponents
            a_np = pow_exponents(dt)
            a_f = fnp.array(a_np)
        collect(failures, f"{scalar!r} {name} arr",
                lambda: check(lambda: op(scalar, a_f), lambda: op(scalar, a_np), exact=ex))
    assert not failures, "\n".join(failures)


def check_complex_pow_finite(fnp_call, np_call, exact=None):
    """Complex power compared where both results are finite.

    Known gap: at infinite or overflowing operands NumPy's complex power follows C99 Annex G
    (cpow/cexp special values, overflow-avoiding scaling) and ferronum does not yet, so the
    non-finite elements differ (inf+nanj against inf+0j and the like). Finite results, dtype,
    shape and result type must still match NumPy's."""
    rn, en = run(np_call)
    if en is not None:
        assert_same_error(fnp_call, np_call)
        return
    rf = fnp_call()
    f = np.asarray(rf)
    n = np.asarray(rn)
    assert type(rf) is type(rn) or (isinstance(rf, fnp.ndarray) and isinstance(rn, np.ndarray))
    assert f.dtype == n.dtype and f.shape == n.shape
    keep = np.isfinite(n) & np.isfinite(f)
    np.testing.assert_allclose(f[keep], n[keep], rtol=8 * np.finfo(n.dtype).eps)


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_python_scalar_and_0d_array_results_are_scalars(dt):
    n0 = np.array(3).astype(dt)
    f0 = fnp.array(n0)
    for name, (op, _) in BINOPS.items():
        check_both(lambda: op(f0, 2), lambda: op(n0, 2), exact=exactness(name, dt))
        check_both(lambda: op(f0, f0), lambda: op(n0, n0), exact=exactness(name, dt))


# -------------------------------------------------------------------- hypothesis ---
@given(st.sampled_from([k for k in BINOPS if k != "pow"]), broadcast_pairs(dtypes, dtypes))
def test_binary_broadcast_views(opname, pairs):
    (na, fa), (nb, fb) = pairs
    op = BINOPS[opname][0]
    sa, sb = snapshot(fa), snapshot(fb)
    check_both(lambda: op(fa, fb), lambda: op(na, nb), exact=exactness(opname, na.dtype, nb.dtype),
               atol=0 if exactness(opname, na.dtype, nb.dtype) else 1e-300)
    assert_unchanged(fa, sa)
    assert_unchanged(fb, sb)


@given(broadcast_pairs(dtypes, st.sampled_from(INTS + [np.dtype(bool)]), lo=0, hi=9))
def test_power_broadcast_views_integer_exponents(pairs):
    (na, fa), (nb, fb) = pairs
    check_both(lambda: fa ** fb, lambda: na ** nb)


@given(broadcast_pairs(st.sampled_from(FLOATS + COMPLEX), st.sampled_from(FLOATS + COMPLEX), lo=-3.0, hi=3.0))
def test_power_broadcast_views_inexact(pairs):
    (na, fa), (nb, fb) = pairs
    rdt = np.result_type(na, nb)
    # complex pow is exp(b*log(a)): ill-conditioned for large |log a|, so a looser rtol there
    rtol = {np.dtype(np.complex64): 1e-4, np.dtype(np.complex128): 1e-10}.get(rdt, 16 * float(np.finfo(rdt).eps))
    check_both(lambda: fa ** fb, lambda: na ** nb, rtol=rtol, atol=1e-300)


def test_power_special_values():
    base = np.array([0.0, -0.0, 1.0, -1.0, 2.0, np.inf, -np.inf, np.nan, 0.5, -2.0])
    ex = np.array([-1.0, 0.0, np.inf, -np.inf, np.nan, 0.5, 3.0, -2.0, 1.0])
    nb, ne = base[:, None], ex[None, :]
    check_both(lambda: fnp.array(nb) ** fnp.array(ne), lambda: nb ** ne)
    cb = np.array([0j, 1 + 0j, 1j, -1 + 0j, 2 + 2j])[:, None]
    ce = np.array([0j, 1 + 0j, -1 + 0j, 2 + 0j, 0.5 + 0j, 1j, -6 + 0j, 3 + 0j])[None, :]
    check_both(lambda: fnp.array(cb) ** fnp.array(ce), lambda: cb ** ce, rtol=1e-12)


@given(st.sampled_from([k for k in BINOPS if k != "pow"]), array_pairs(),
       st.sampled_from(PY_SCALARS), st.booleans())
def test_scalar_operand_views(opname, pair, scalar, reflected):
    n, f = pair
    op = BINOPS[opname][0]
    ex = exactness(opname, n.dtype, np.dtype(complex) if isinstance(scalar, complex) else np.dtype(float))
    if reflected:
        check_both(lambda: op(scalar, f), lambda: op(scalar, n), exact=ex)
    else:
        check_both(lambda: op(f, scalar), lambda: op(n, scalar), exact=ex)


# ---------------------------------------------------------------------- in-place ---
IPAIRS = [(a, b) for a in ALL_DTYPES for b in ALL_DTYPES]


@pytest.mark.parametrize("d1,d2", IPAIRS, ids=[f"{a.name}-{b.name}" for a, b in IPAIRS])
def test_inplace_operators_all_dtype_pairs(d1, d2):
    failures = []
    for name in ARITH:
        iop = BINOPS[name][1]
        na0, nb = operands_for(name, d1, d2)
        na, fa, fb = na0.copy(), fnp.array(na0), fnp.array(nb)
        rn, en = run(lambda: iop(na, nb))
        if en is not None:
            collect(failures, f"{name}= error", lambda: assert_same_error(lambda: iop(fa, fb), lambda: iop(na0.copy(), nb)))
            collect(failures, f"{name}= input unchanged after error", lambda: assert_unchanged(fa, na0))
            continue
        rf, ef = run(lambda: iop(fa, fb))
        if ef is not None:
            failures.append(f"{name}=: ferronum raised {type(ef).__name__}: {ef}; NumPy gave {rn!r}")
            continue
        if rf is not fa:
            failures.append(f"{name}=: in-place result is not the same object")
        collect(failures, f"{name}= values", lambda: assert_same(fa, na, exact=exactness(name, d1, d2)))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("scalar", [True, 1, -1, 3, 300, 2**63, 2.5, float("nan"), 1j], ids=repr)
def test_inplace_with_python_scalars(dt, scalar):
    failures = []
    for name in ARITH:
        iop = BINOPS[name][1]
        na0 = sample_values(dt)
        if name == "pow" and np.dtype(dt).kind in "iu":
            na0 = np.abs(na0 // 4) if np.dtype(dt).kind == "i" else na0
        na, fa = na0.copy(), fnp.array(na0)
        rn, en = run(lambda: iop(na, scalar))
        if en is not None:
            collect(failures, f"{name}= {scalar!r} error",
                    lambda: assert_same_error(lambda: iop(fa, scalar), lambda: iop(na0.copy(), scalar)))
            collect(failures, f"{name}= {scalar!r} unchanged", lambda: assert_unchanged(fa, na0))
            continue
        rf, ef = run(lambda: iop(fa, scalar))
        if ef is not None:
            failures.append(f"{name}= {scalar!r}: ferronum raised {type(ef).__name__}: {ef}")
            continue
        collect(failures, f"{name}= {scalar!r} values", lambda: assert_same(fa, na, exact=exactness(name, dt)))
    assert not failures, "\n".join(failures)


@given(st.sampled_from(["add", "sub", "mul"]), broadcast_pairs(st.sampled_from([np.dtype(np.int32), np.dtype(np.float64)])))
def test_inplace_views_broadcast(opname, pairs):
    (na, fa), (nb, fb) = pairs
    iop = BINOPS[opname][1]
    na = na.copy()
    nfa = fa

    def do_n():
        x = na
        x = iop(x, nb)
        return x

    rn, en = run(do_n)
    if en is not None:
        before = snapshot(fa)
        assert_same_error(lambda: iop(fa, fb), lambda: iop(na.copy(), nb))
        assert_unchanged(fa, before)
        return
    iop(nfa, fb)
    assert_same(nfa, na)


def test_inplace_int_plus_float_raises_typeerror():
    n, f = np.arange(4), fnp.arange(4)
    with pytest.raises(TypeError):
        f += 1.5
    assert_same_error(lambda: operator.iadd(f, 1.5), lambda: operator.iadd(n, 1.5))
    assert_same_error(lambda: operator.iadd(f, fnp.ones(4)), lambda: operator.iadd(n, np.ones(4)))
    assert_unchanged(f, np.arange(4))
    assert issubclass(np._core._exceptions.UFuncTypeError, TypeError)


def test_inplace_broadcast_to_smaller_output_raises():
    n, f = np.zeros(3), fnp.zeros(3)
    assert_same_error(lambda: operator.iadd(f, fnp.ones((2, 3))), lambda: operator.iadd(n, np.ones((2, 3))))
    assert_unchanged(f, n)


def test_inplace_into_view_changes_base():
    n, f = np.zeros((3, 4)), fnp.zeros((3, 4))
    vn, vf = n[::2, ::-1], f[::2, ::-1]
    vn += np.arange(4)
    vf += fnp.arange(4)
    assert_same(f, n)
    t = f.T
    t *= 2
    n.T[...] *= 2
    assert_same(f, n)


# ----------------------------------------------------------------- overlap rule ---
@pytest.mark.parametrize("size", [10, 1000, 300_000])
@pytest.mark.parametrize("case", ["fwd", "bwd", "rev", "rev2d", "T"])
def test_overlap_rule(case, size):
    n = np.arange(size, dtype=np.int64)
    f = fnp.arange(size, dtype=np.int64)
    if case == "fwd":
        n[1:] += n[:-1]
        f[1:] += f[:-1]
    elif case == "bwd":
        n[:-1] += n[1:]
        f[:-1] += f[1:]
    elif case == "rev":
        n += n[::-1]
        f += f[::-1]
    elif case == "rev2d":
        m = size // 10
        n, f = n[: m * 10].reshape(10, m), f[: m * 10].reshape(10, m)
        n[1:] -= n[:-1, ::-1]
        f[1:] -= f[:-1, ::-1]
    else:
        m = int(math.isqrt(size))
        n, f = n[: m * m].reshape(m, m), f[: m * m].reshape(m, m)
        n += n.T
        f += f.T
    assert_same(f, n)


def test_overlap_rule_with_ufunc_out():
    n = np.arange(20.0)
    f = fnp.arange(20.0)
    np.add(n[:-2], n[2:], out=n[1:-1])
    fnp.add(f[:-2], f[2:], out=f[1:-1])
    assert_same(f, n)
    n = np.arange(20.0)
    f = fnp.arange(20.0)
    np.multiply(n[::-1], 2, out=n)
    fnp.multiply(f[::-1], 2, out=f)
    assert_same(f, n)


# ------------------------------------------------------------- specific semantics ---
@pytest.mark.parametrize("dt", INTS, ids=[d.name for d in INTS])
def test_integer_division_by_zero_gives_zero(dt):
    n = np.array([5, 0, 7, 1], dtype=dt)
    z = np.zeros(4, dtype=dt)
    f, fz = fnp.array(n), fnp.array(z)
    check_both(lambda: f // fz, lambda: n // z)
    check_both(lambda: f % fz, lambda: n % z)
    check_both(lambda: fnp.floor_divide(f, 0), lambda: np.floor_divide(n, 0))
    check_both(lambda: fnp.remainder(f, 0), lambda: np.remainder(n, 0))
    check_both(lambda: f / fz, lambda: n / z)  # true division: inf / nan


def test_float_division_by_zero():
    n = np.array([1.0, -1.0, 0.0, np.nan, np.inf])
    f = fnp.array(n)
    for op in (operator.truediv, operator.floordiv, operator.mod):
        check_both(lambda: op(f, 0.0), lambda: op(n, 0.0), exact=True)
        check_both(lambda: op(f, -0.0), lambda: op(n, -0.0), exact=True)


@pytest.mark.parametrize("dt", [d for d in INTS if d.kind == "i"], ids=[d.name for d in INTS if d.kind == "i"])
def test_signed_min_divided_by_minus_one(dt):
    info = np.iinfo(dt)
    n = np.array([info.min, info.min, info.max], dtype=dt)
    m = np.array([-1, 1, -1], dtype=dt)
    f, fm = fnp.array(n), fnp.array(m)
    check_both(lambda: f // fm, lambda: n // m)
    check_both(lambda: f % fm, lambda: n % m)
    check_both(lambda: abs(f), lambda: abs(n))
    check_both(lambda: -f, lambda: -n)


@pytest.mark.parametrize("dt", INTS, ids=[d.name for d in INTS])
def test_overflow_wraps(dt):
    info = np.iinfo(dt)
    n = np.array([info.max, info.min, info.max // 2 + 1], dtype=dt)
    f = fnp.array(n)
    check_both(lambda: f + f, lambda: n + n)
    check_both(lambda: f * f, lambda: n * n)
    check_both(lambda: f - f[::-1], lambda: n - n[::-1])
    check_both(lambda: f + 1, lambda: n + 1)
    check_both(lambda: f * 3, lambda: n * 3)
    check_both(lambda: f ** 5, lambda: n ** 5)
    check_both(lambda: fnp.square(f), lambda: np.square(n))


def test_floor_divide_and_remainder_follow_python_semantics():
    n = np.array([7, -7, 7, -7, 0])
    m = np.array([2, 2, -2, -2, 3])
    f, fm = fnp.array(n), fnp.array(m)
    check_both(lambda: f // fm, lambda: n // m)
    check_both(lambda: f % fm, lambda: n % m)
    nf, mf = n.astype(float), m.astype(float)
    check_both(lambda: fnp.array(nf) // fnp.array(mf), lambda: nf // mf, exact=True)
    check_both(lambda: fnp.array(nf) % fnp.array(mf), lambda: nf % mf, exact=True)
    # NumPy's float floor_divide is based on fmod: 1 // 0.1 == 9, 1 % 0.1 == 0.09999999999999995
    check_both(lambda: fnp.array([1.0, 2.0, -1.0]) // 0.1, lambda: np.array([1.0, 2.0, -1.0]) // 0.1, exact=True)
    check_both(lambda: fnp.array([1.0, 2.0, -1.0]) % 0.1, lambda: np.array([1.0, 2.0, -1.0]) % 0.1, exact=True)
    check_both(lambda: fnp.array([-0.0, 0.0]) % 5.0, lambda: np.array([-0.0, 0.0]) % 5.0, exact=True)
    assert np.array_equal(np.signbit(np.asarray(fnp.array([-0.0, 0.0, -3.0]) % 3.0)),
                          np.signbit(np.array([-0.0, 0.0, -3.0]) % 3.0))


@pytest.mark.parametrize("dt", [np.int8, np.int64, np.uint16, np.float32, np.float64], ids=lambda d: np.dtype(d).name)
def test_divmod(dt):
    n = np.array([7, 0, 5, 100, 3]).astype(dt)
    m = np.array([2, 3, 0, 7, 5]).astype(dt)
    f, fm = fnp.array(n), fnp.array(m)
    rn, en = run(lambda: divmod(n, m))
    rf = divmod(f, fm)
    assert isinstance(rf, tuple) and len(rf) == 2
    assert_same(rf[0], rn[0])
    assert_same(rf[1], rn[1])
    rn = divmod(n, 3)
    rf = divmod(f, 3)
    assert_same(rf[0], rn[0])
    assert_same(rf[1], rn[1])
    rn = divmod(10, n[:2] + 1)
    rf = divmod(10, f[:2] + 1)
    assert_same(rf[0], rn[0])
    assert_same(rf[1], rn[1])


def test_operands_python_lists_and_tuples():
    n, f = np.arange(6).reshape(2, 3), fnp.arange(6).reshape(2, 3)
    for op in (operator.add, operator.mul, operator.sub, operator.lt, operator.truediv):
        check_both(lambda: op(f, [1, 2, 3]), lambda: op(n, [1, 2, 3]))
        check_both(lambda: op([1.5, 2, 3], f), lambda: op([1.5, 2, 3], n))
        check_both(lambda: op(f, (1, 2, 3)), lambda: op(n, (1, 2, 3)))
    assert_same_error(lambda: f + [1, 2], lambda: n + [1, 2])


def test_complex_division_large_values():
    n = np.array([1e300 + 1e300j, 1e-300 + 1e-300j, 1 + 1j, 3 + 0j])
    m = np.array([1e300 + 1e300j, 1e-300 + 2e-300j, 1e308 + 1e308j, 0j])
    check_both(lambda: fnp.array(n) / fnp.array(m), lambda: n / m)


def test_bool_subtract_and_negative_raise_typeerror():
    n, f = np.array([True, False]), fnp.array([True, False])
    assert_same_error(lambda: f - f, lambda: n - n)
    assert_same_error(lambda: fnp.subtract(f, f), lambda: np.subtract(n, n))
    assert_same_error(lambda: -f, lambda: -n)
    assert_same_error(lambda: fnp.negative(f), lambda: np.negative(n))
    assert_same_error(lambda: f - True, lambda: n - True)
    with pytest.raises(TypeError):
        f - f
    assert_unchanged(f, n)


def test_python_int_out_of_range_overflowerror():
    n, f = np.array([1, 2], dtype=np.int8), fnp.array([1, 2], dtype=np.int8)
    with pytest.raises(OverflowError):
        f + 1000
    for op in (operator.add, operator.sub, operator.mul, operator.floordiv, operator.mod):
        assert_same_error(lambda: op(f, 1000), lambda: op(n, 1000))
        assert_same_error(lambda: op(1000, f), lambda: op(1000, n))
    assert_same_error(lambda: fnp.array([1], np.uint8) + (-1), lambda: np.array([1], np.uint8) + (-1))
    assert_same_error(lambda: fnp.array([1], np.int64) + 2**63, lambda: np.array([1], np.int64) + 2**63)
    assert_same_error(lambda: fnp.array([1], np.uint64) + 2**64, lambda: np.array([1], np.uint64) + 2**64)
    assert_unchanged(f, n)


def test_comparisons_with_out_of_range_python_ints():
    n, f = np.array([0, 1, 255], dtype=np.uint8), fnp.array([0, 1, 255], dtype=np.uint8)
    for op in (operator.eq, operator.ne, operator.lt, operator.le, operator.gt, operator.ge):
        for s in (-1, 256, 1000, -(2**70), 2**70):
            check_both(lambda: op(f, s), lambda: op(n, s))
            check_both(lambda: op(s, f), lambda: op(s, n))


def test_integer_negative_power_raises_valueerror():
    n, f = np.arange(3), fnp.arange(3)
    assert_same_error(lambda: f ** -1, lambda: n ** -1)
    assert_same_error(lambda: f ** fnp.array([1, -1, 2]), lambda: n ** np.array([1, -1, 2]))
    assert_same_error(lambda: fnp.power(f, -2), lambda: np.power(n, -2))
    assert_unchanged(f, n)


def test_complex_floor_divide_and_remainder_raise_typeerror():
    n, f = np.array([1 + 2j]), fnp.array([1 + 2j])
    assert_same_error(lambda: f // f, lambda: n // n)
    assert_same_error(lambda: f % 2, lambda: n % 2)
    assert_same_error(lambda: fnp.floor_divide(f, f), lambda: np.floor_divide(n, n))


@pytest.mark.parametrize("s1,s2", [((3,), (4,)), ((2, 3), (3, 2)), ((2, 1, 3), (4, 2)), ((0,), (2,))], ids=repr)
def test_broadcast_mismatch_raises_valueerror(s1, s2):
    n1, n2 = np.ones(s1), np.ones(s2)
    f1, f2 = fnp.ones(s1), fnp.ones(s2)
    for op in (operator.add, operator.mul, operator.lt, operator.pow):
        assert_same_error(lambda: op(f1, f2), lambda: op(n1, n2))
    with pytest.raises(ValueError):
        f1 + f2
    assert_unchanged(f1, n1)


def test_nan_comparisons():
    n = np.array([np.nan, 1.0, np.inf, -np.inf, -0.0])
    m = np.array([np.nan, np.nan, np.inf, 0.0, 0.0])
    f, fm = fnp.array(n), fnp.array(m)
    for name in ["eq", "ne", "lt", "le", "gt", "ge"]:
        op = BINOPS[name][0]
        check_both(lambda: op(f, fm), lambda: op(n, m))
    nc = np.array([1 + 2j, 1 + 3j, 2 + 0j, complex(np.nan, 1)])
    mc = np.array([1 + 3j, 1 + 2j, 1 + 9j, 1 + 1j])
    for name in ["eq", "ne", "lt", "le", "gt", "ge"]:
        op = BINOPS[name][0]
        check_both(lambda: op(fnp.array(nc), fnp.array(mc)), lambda: op(nc, mc))


def test_comparison_with_unsupported_type():
    n, f = np.arange(3), fnp.arange(3)
    check_both(lambda: f == "abc", lambda: n == "abc")
    check_both(lambda: f != None, lambda: n != None)  # noqa: E711
    assert_same_error(lambda: f < "abc", lambda: n < "abc")
    assert_same_error(lambda: f + "abc", lambda: n + "abc")


# ------------------------------------------------------------------------ unary ---
UNARY_OPS = {
    "neg": (operator.neg, None),
    "pos": (operator.pos, None),
    "abs": (abs, None),
    "negative": (fnp.negative, np.negative),
    "positive": (fnp.positive, np.positive),
    "absolute": (fnp.absolute, np.absolute),
    "fnp.abs": (fnp.abs, np.abs),
    "square": (fnp.square, np.square),
    "sqrt": (fnp.sqrt, np.sqrt),
    "exp": (fnp.exp, np.exp),
    "log": (fnp.log, np.log),
    "sin": (fnp.sin, np.sin),
    "cos": (fnp.cos, np.cos),
}
EXACT_UNARY = {"neg", "pos", "abs", "negative", "positive", "absolute", "fnp.abs", "square"}


def _unary_pair(name):
    fop, nop = UNARY_OPS[name]
    return fop, (nop or fop)


def _unary_exact(name, dt):
    if name in {"square"} and np.dtype(dt).kind == "c":
        return False
    if name in {"abs", "absolute", "fnp.abs"} and np.dtype(dt).kind == "c":
        return False
    return name in EXACT_UNARY or name == "sqrt" and np.dtype(dt).kind == "f"


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_unary_all_dtypes(dt):
    failures = []
    n = sample_values(dt)
    if np.dtype(dt).kind == "f":
        n = np.concatenate([n, np.array([np.nan, np.inf, -np.inf, -1e-3, 1e-30], dtype=dt)])
    f = fnp.array(n)
    for name in UNARY_OPS:
        fop, nop = _unary_pair(name)
        collect(failures, name, lambda: check_both(lambda: fop(f), lambda: nop(n), exact=_unary_exact(name, dt)))
        collect(failures, name + " 0-d", lambda: check_both(lambda: fop(f[1:2].reshape(())), lambda: nop(n[1:2].reshape(())),
                                                           exact=_unary_exact(name, dt)))
        collect(failures, name + " npscalar", lambda: check_both(lambda: fop(n[1]), lambda: nop(n[1]),
                                                                exact=_unary_exact(name, dt)))
    assert not failures, "\n".join(failures)


@given(st.sampled_from(sorted(UNARY_OPS)), array_pairs())
def test_unary_views(name, pair):
    n, f = pair
    fop, nop = _unary_pair(name)
    s = snapshot(f)
    transcendental = name in {"exp", "log", "sin", "cos", "sqrt"}
    check_both(lambda: fop(f), lambda: nop(n), exact=_unary_exact(name, n.dtype),
               rtol=None if not transcendental else
               (8 * float(np.finfo(np.result_type(n.dtype, np.float16)).eps) if n.dtype.kind in "fc" else None),
               atol=1e-300)
    assert_unchanged(f, s)


@pytest.mark.parametrize("name", ["sqrt", "exp", "log", "sin", "cos", "square", "negative", "absolute"])
@pytest.mark.parametrize("x", [0, 2, -3, 1.5, -0.0, 1j, True], ids=repr)
def test_unary_functions_on_python_scalars(name, x):
    check_both(lambda: getattr(fnp, name)(x), lambda: getattr(np, name)(x))


# --------------------------------------------------------------- function forms ---
BINARY_FUNCS = ["add", "subtract", "multiply", "divide", "true_divide", "floor_divide", "power", "remainder", "mod",
                "equal", "not_equal", "less", "less_equal", "greater", "greater_equal"]


@pytest.mark.parametrize("name", BINARY_FUNCS)
def test_binary_functions(name):
    ff, nf = getattr(fnp, name), getattr(np, name)
    n1 = np.array([[1, 2, 3], [4, 5, 6]])
    n2 = np.array([2, 3, 1])
    f1, f2 = fnp.array(n1), fnp.array(n2)
    check_both(lambda: ff(f1, f2), lambda: nf(n1, n2))
    check_both(lambda: ff(f1, 2), lambda: nf(n1, 2))
    check_both(lambda: ff(3, f2), lambda: nf(3, n2))
    check_both(lambda: ff(3, 2), lambda: nf(3, 2))
    check_both(lambda: ff(2.5, 2), lambda: nf(2.5, 2))
    check_both(lambda: ff([1, 2, 3], [4, 5, 6]), lambda: nf([1, 2, 3], [4, 5, 6]))
    check_both(lambda: ff(n1, n2), lambda: nf(n1, n2))  # numpy inputs -> ferronum result
    check_both(lambda: ff(f1.astype(np.float32), f2), lambda: nf(n1.astype(np.float32), n2))


@pytest.mark.parametrize("name", BINARY_FUNCS)
def test_binary_functions_out(name):
    ff, nf = getattr(fnp, name), getattr(np, name)
    n1 = np.array([[1.0, 2, 3], [4, 5, 6]])
    n2 = np.array([2.0, 3, 1])
    f1, f2 = fnp.array(n1), fnp.array(n2)
    on = np.zeros((2, 3), dtype=nf(n1, n2).dtype)
    of = fnp.zeros((2, 3), dtype=on.dtype)
    r = ff(f1, f2, out=of)
    nf(n1, n2, out=on)
    assert r is of
    assert_same(of, on)
    # out as a 1-tuple, and into a strided view
    of2 = fnp.zeros((2, 6), dtype=on.dtype)
    on2 = np.zeros((2, 6), dtype=on.dtype)
    r = ff(f1, f2, out=(of2[:, ::2],))
    nf(n1, n2, out=(on2[:, ::2],))
    assert_same(of2, on2)
    assert isinstance(r, fnp.ndarray)
    assert_same(r, on2[:, ::2])


def test_out_casting_and_shape_errors():
    n1, f1 = np.arange(6).reshape(2, 3), fnp.arange(6).reshape(2, 3)
    # int64 result into an int8 out: same_kind cast, allowed
    on, of = np.zeros((2, 3), np.int8), fnp.zeros((2, 3), np.int8)
    np.add(n1, n1, out=on)
    assert fnp.add(f1, f1, out=of) is of
    assert_same(of, on)
    # int64 result into a float64 out: allowed
    on, of = np.zeros((2, 3)), fnp.zeros((2, 3))
    np.multiply(n1, 3, out=on)
    fnp.multiply(f1, 3, out=of)
    assert_same(of, on)
    # float result into an int out: UFuncTypeError (a TypeError)
    oi = fnp.zeros((2, 3), np.int64)
    assert_same_error(lambda: fnp.divide(f1, 2, out=oi), lambda: np.divide(n1, 2, out=np.zeros((2, 3), np.int64)))
    assert_same_error(lambda: fnp.sqrt(f1, out=oi), lambda: np.sqrt(n1, out=np.zeros((2, 3), np.int64)))
    assert_unchanged(oi, np.zeros((2, 3), np.int64))
    # wrong shape: ValueError
    assert_same_error(lambda: fnp.add(f1, f1, out=fnp.zeros(3, np.int64)), lambda: np.add(n1, n1, out=np.zeros(3, np.int64)))
    assert_same_error(lambda: fnp.add(f1, f1, out=fnp.zeros((1, 3), np.int64)),
                      lambda: np.add(n1, n1, out=np.zeros((1, 3), np.int64)))
    # out that is not an array
    assert_same_error(lambda: fnp.add(f1, f1, out=[0] * 6), lambda: np.add(n1, n1, out=[0] * 6))


@pytest.mark.filterwarnings("ignore::numpy.exceptions.ComplexWarning")
@pytest.mark.parametrize("name", ["negative", "positive", "absolute", "sqrt", "square", "exp", "log", "sin", "cos"])
@pytest.mark.parametrize("dt", [np.float64, np.float32, np.complex128, np.int32], ids=lambda d: np.dtype(d).name)
def test_unary_functions_out(name, dt):
    ff, nf = getattr(fnp, name), getattr(np, name)
    n = (np.arange(1, 7).reshape(2, 3)).astype(dt)
    f = fnp.array(n)
    rdt = nf(n).dtype
    on, of = np.zeros((2, 3), rdt), fnp.zeros((2, 3), rdt)
    nf(n, out=on)
    r = ff(f, out=of)
    assert r is of
    assert_same(of, on)
    # in place on itself
    n2, f2 = n.astype(rdt), fnp.array(n.astype(rdt))
    nf(n2, out=n2)
    ff(f2, out=f2)
    assert_same(f2, n2)


def test_ufunc_out_with_numpy_array_out():
    """out= as a NumPy array: NumPy would reject a foreign out for its own ufunc; ferronum should
    either write into it (shared memory) or raise TypeError like NumPy does for non-arrays."""
    n1 = np.arange(4.0)
    on = np.zeros(4)
    rf, ef = run(lambda: fnp.add(fnp.array(n1), 1.0, out=on))
    if ef is None:
        np.testing.assert_array_equal(on, n1 + 1.0)
    else:
        assert isinstance(ef, TypeError), ef


# ---------------------------------------------------------- large arrays (parallel) ---
def test_large_arrays_match_numpy():
    rng = np.random.default_rng(1)
    n1 = rng.standard_normal(400_003)
    n2 = rng.standard_normal(400_003)
    f1, f2 = fnp.array(n1), fnp.array(n2)
    check_both(lambda: f1 + f2, lambda: n1 + n2, exact=True)
    check_both(lambda: f1 * f2 - f1, lambda: n1 * n2 - n1, exact=True)
    check_both(lambda: f1[::-3] / f2[::3], lambda: n1[::-3] / n2[::3], exact=True)
    check_both(lambda: fnp.exp(f1), lambda: np.exp(n1))
    check_both(lambda: fnp.sin(f1), lambda: np.sin(n1))
    check_both(lambda: f1 < f2, lambda: n1 < n2)
    i1 = rng.integers(-(2**62), 2**62, size=300_001)
    check_both(lambda: fnp.array(i1) * 7 // 3, lambda: i1 * 7 // 3)
    m1 = n1[:400_000].reshape(400, 1000)
    check_both(lambda: fnp.array(m1).T + fnp.array(m1[:, 0]), lambda: m1.T + m1[:, 0], exact=True)


def test_overlap_large_setitem_and_unary_out():
    n = np.arange(600 * 700, dtype=np.float64).reshape(600, 700)
    f = fnp.array(n)
    n[1:, :] = n[:-1, ::-1]
    f[1:, :] = f[:-1, ::-1]
    assert_same(f, n)
    sq = np.arange(500 * 500, dtype=np.int64).reshape(500, 500)
    fsq = fnp.array(sq)
    sq[...] = sq.T
    fsq[...] = fsq.T
    assert_same(fsq, sq)
    v = np.arange(300_001, dtype=np.float64)
    fv = fnp.array(v)
    np.negative(v[::-1], out=v)
    fnp.negative(fv[::-1], out=fv)
    assert_same(fv, v)
    np.add(v[:-1], v[1:], out=v[1:])
    fnp.add(fv[:-1], fv[1:], out=fv[1:])
    assert_same(fv, v)


# ----------------------------------------------------------- temporary elision ---
def test_temporaries_reused_without_changing_named_arrays():
    """Chained expressions may write into their own intermediates, never into named arrays,
    views of them, or arrays of another dtype."""
    n = np.arange(12, dtype=np.float64).reshape(3, 4)
    f = fnp.array(n)
    keep_n, keep_f = n.copy(), fnp.array(n)
    check_both(lambda: (f * 2.0 + f) * f - 1.0, lambda: (n * 2.0 + n) * n - 1.0)
    check_both(lambda: ((f - 1.0) ** 2) ** 0.5, lambda: ((n - 1.0) ** 2) ** 0.5)
    check_both(lambda: (f - f[0]) ** 2, lambda: (n - n[0]) ** 2)
    i = fnp.arange(6)
    check_both(lambda: (i - 2) / 2, lambda: (np.arange(6) - 2) / 2)
    check_both(lambda: (i + 1) ** 0.5, lambda: (np.arange(6) + 1) ** 0.5)
    view = f[1]
    check_both(lambda: view * 3.0 + 1.0, lambda: n[1] * 3.0 + 1.0)
    d = f - 1.0
    e = d ** 2
    assert_same(d, n - 1.0)
    assert_same(e, (n - 1.0) ** 2)
    assert_same(f, keep_n)
    assert_same(keep_f, keep_n)


# A large temporary's `** 2` is left for the next call: `sum` squares as it reads, anything
# else squares the buffer first. Both must be indistinguishable from NumPy's two steps.
DEFERRED_SHAPES = [(400, 300), (70_000,), (3, 150, 160)]


@pytest.mark.parametrize("dt", [np.float64, np.float32])
@pytest.mark.parametrize("shape", DEFERRED_SHAPES, ids=str)
def test_deferred_square_summed_bit_for_bit(dt, shape):
    rng = np.random.default_rng(7)
    na, nb = (rng.standard_normal(shape).astype(dt) for _ in range(2))
    fa, fb = fnp.array(na), fnp.array(nb)
    axes = [None, 0, -1, tuple(range(len(shape)))] + ([(0, 2), 1] if len(shape) == 3 else [])
    for axis in axes:
        for keepdims in (False, True):
            check_both(lambda: fnp.sum((fa - fb) ** 2, axis=axis, keepdims=keepdims),
                       lambda: np.sum((na - nb) ** 2, axis=axis, keepdims=keepdims), exact=True)
            check_both(lambda: ((fa - fb) ** 2.0).sum(axis=axis, keepdims=keepdims),
                       lambda: ((na - nb) ** 2.0).sum(axis=axis, keepdims=keepdims), exact=True)
    check_both(lambda: fnp.sum((fa - fb) ** 2, axis=1 if len(shape) > 1 else 0) ** 0.5,
               lambda: np.sum((na - nb) ** 2, axis=1 if len(shape) > 1 else 0) ** 0.5, exact=True)
    assert_same(fa, na, exact=True)
    assert_same(fb, nb, exact=True)


def test_deferred_square_read_any_other_way():
    n = np.random.default_rng(8).standard_normal((300, 400))
    f = fnp.array(n)
    want = (n - 1.0) ** 2
    readers = [
        lambda m, y: y[3, 4], lambda m, y: y[::7, 1:], lambda m, y: y + 1.0, lambda m, y: 2.0 * y,
        lambda m, y: np.asarray(y), lambda m, y: y.tolist()[5][6], lambda m, y: y.copy(),
        lambda m, y: y.T, lambda m, y: y.reshape(-1), lambda m, y: y.astype(np.float32),
        lambda m, y: m.sqrt(y), lambda m, y: y.max(axis=0), lambda m, y: y.mean(),
        lambda m, y: y ** 2, lambda m, y: m.sum(y, axis=0, dtype=np.float32),
        lambda m, y: m.sum(y, where=y > 1.0), lambda m, y: m.sum(y, initial=1.0),
        lambda m, y: y.sum(axis=1, out=m.empty(300)), lambda m, y: float(y[0, 0]),
        lambda m, y: y == 0.5, lambda m, y: m.linalg.norm(y, axis=1),
        lambda m, y: m.einsum("ij,ij->i", y, y), lambda m, y: y @ y.T[:, :5],
        lambda m, y: m.prod(y[:2, :3], axis=1), lambda m, y: y.shape + y.strides,
    ]
    for read in readers:
        y = (f - 1.0) ** 2
        got = read(fnp, y)
        exp = read(np, want)
        # (matmul and the where= sum are not bit for bit NumPy's, pending or not)
        assert_same(got, exp, rtol=1e-12,
                    check_type=not isinstance(exp, np.ndarray) or isinstance(got, fnp.ndarray))
        # The array itself reads as the squares afterwards, whatever was read first.
        assert_same(y, want, exact=True)
    y = (f - 1.0) ** 2
    assert repr(y) == repr(want)
    # Summed while pending, then read: the sum leaves the pending square in place.
    y = (f - 1.0) ** 2
    assert_same(fnp.sum(y, axis=1), np.sum(want, axis=1), exact=True)
    assert_same(y, want, exact=True)
    y += 1.0
    assert_same(y, want + 1.0, exact=True)
    z = (f - 1.0) ** 2
    z[0, 0] = -5.0
    w = want.copy()
    w[0, 0] = -5.0
    assert_same(z, w, exact=True)
    assert_same(f, n, exact=True)


def test_deferred_square_reports_overflow_as_numpy():
    n = np.full((300, 300), 1e200)
    n[5, 7] = 3.0
    f = fnp.array(n)
    for nd in (n, np.full((300, 300), 1e30, np.float32)):
        fd = fnp.array(nd)
        check_both(lambda: fnp.sum((fd - 1.0) ** 2, axis=1), lambda: np.sum((nd - 1.0) ** 2, axis=1))
        for read in (lambda y: fnp.sum(y, axis=0), lambda y: y[0], lambda y: np.asarray(y), repr):
            y = (fd - 1.0) ** 2
            with pytest.warns(RuntimeWarning, match="overflow encountered in square"):
                read(y)
    # Reading only what describes the array (shape, dtype, strides, flags) leaves the square
    # pending: its overflow is reported by the first reader of the values.
    y = (f - 1.0) ** 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        meta = (y.shape, y.dtype, y.ndim, y.size, y.itemsize, y.nbytes, y.strides, len(y),
                y.flags.c_contiguous, y.flags.writeable)
    assert meta == (n.shape, n.dtype, 2, n.size, 8, n.nbytes, n.strides, 300, True, True)
    with pytest.warns(RuntimeWarning, match="overflow encountered in square"):
        y.sum()
    # Under errstate(over='raise') the square raises at once, as in NumPy.
    with fnp.errstate(over="raise"):
        with pytest.raises(FloatingPointError):
            (f - 1.0) ** 2
    # A sum that overflows only when adding (finite squares) reports it as NumPy's reduction.
    m = np.full((200, 400), 1e153)
    fm = fnp.array(m)
    check_both(lambda: fnp.sum((fm - 0.0) ** 2), lambda: np.sum((m - 0.0) ** 2))
    with pytest.raises(FloatingPointError):
        with np.errstate(over="raise"):
            np.sum((m - 0.0) ** 2)
    with pytest.raises(FloatingPointError):
        with fnp.errstate(over="raise"):
            fnp.sum((fm - 0.0) ** 2)
    # Tiny squares underflow silently by default, and the values stay NumPy's.
    t = np.full((300, 300), 1e-170)
    ft = fnp.array(t)
    check_both(lambda: fnp.sum((ft * 1.0) ** 2, axis=1), lambda: np.sum((t * 1.0) ** 2, axis=1),
               exact=True)


def test_deferred_square_error_paths():
    n = np.random.default_rng(9).standard_normal((300, 300))
    f = fnp.array(n)
    assert_same_error(lambda: fnp.sum((f - 1.0) ** 2, axis=2), lambda: np.sum((n - 1.0) ** 2, axis=2))
    assert_same_error(lambda: fnp.sum((f - 1.0) ** 2, axis=(0, 0)),
                      lambda: np.sum((n - 1.0) ** 2, axis=(0, 0)))
    assert_same_error(lambda: fnp.sum((f - 1.0) ** 2, axis=1.5), lambda: np.sum((n - 1.0) ** 2, axis=1.5))
    assert_same(f, n, exact=True)
