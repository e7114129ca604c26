"""``ferronum.testing``: NumPy's assertions (``numpy.testing``) for ferronum arrays.

The array assertions compare with ferronum's own ufuncs (``isnan``, ``isinf``, ``isclose``, the
comparison operators, ``abs``, ``max``) and print what NumPy prints: the same header, the count
and share of mismatched elements, the first mismatching indices, the largest absolute and
relative differences among them, and both arrays through ``array_repr``. Data ferronum cannot
hold (strings, objects, datetimes) goes to ``numpy.testing``, which is the only place such data
can be compared. The helpers that compare no arrays (``assert_raises``, ``assert_warns``,
``suppress_warnings``, ...) are NumPy's own.
"""

import operator as _operator

import numpy as _numpy
from numpy.testing import (HAS_REFCOUNT, IS_PYPY, IgnoreException, KnownFailureException, SkipTest,  # noqa: F401
                           TestCase, assert_, assert_no_gc_cycles, assert_no_warnings, assert_raises,
                           assert_raises_regex, assert_string_equal, assert_warns, break_cycles,
                           clear_and_catch_warnings, suppress_warnings, tempdir, temppath)

import importlib as _importlib

# The package itself (complete by the time an assertion runs: this module is imported last).
_f = _importlib.import_module(__package__)

__all__ = ["assert_equal", "assert_almost_equal", "assert_approx_equal", "assert_array_equal", "assert_array_less",
           "assert_string_equal", "assert_array_almost_equal", "assert_raises", "build_err_msg", "print_assert_equal",
           "assert_", "assert_array_almost_equal_nulp", "assert_raises_regex", "assert_array_max_ulp", "assert_warns",
           "assert_no_warnings", "assert_allclose", "IgnoreException", "clear_and_catch_warnings", "SkipTest",
           "KnownFailureException", "temppath", "tempdir", "IS_PYPY", "HAS_REFCOUNT", "suppress_warnings",
           "assert_array_compare", "assert_no_gc_cycles", "break_cycles", "TestCase"]

_NUMERIC = "biufc"


def _is_array(a):
    return isinstance(a, (_f.ndarray, _numpy.ndarray))


def _ours(*vals):
    """``vals`` as ferronum arrays, or None when one of them holds data ferronum has no dtype for."""
    out = []
    for v in vals:
        if isinstance(v, _f.ndarray):
            out.append(v)
            continue
        try:
            out.append(_f.asarray(v))
        except (TypeError, ValueError):
            return None
    return out


def build_err_msg(arrays, err_msg, header="Items are not equal:", verbose=True, names=("ACTUAL", "DESIRED"),
                  precision=8):
    """The message of a failed assertion: header, ``err_msg``, then each value's repr (at most
    four lines of it)."""
    array_repr = _f.array_repr
    lines = ["\n" + header]
    err_msg = str(err_msg)
    if err_msg:
        if "\n" not in err_msg and len(err_msg) < 79 - len(header):
            lines = [lines[0] + " " + err_msg]
        else:
            lines.append(err_msg)
    if verbose:
        for name, a in zip(names, arrays):
            try:
                if isinstance(a, _f.ndarray):
                    r = array_repr(a, precision=precision)
                elif isinstance(a, _numpy.ndarray):
                    r = _numpy.array_repr(a, precision=precision)
                else:
                    r = repr(a)
            except Exception as exc:  # a repr that fails must not hide the assertion
                r = f"[repr failed for <{type(a).__name__}>: {exc}]"
            if r.count("\n") > 3:
                r = "\n".join(r.splitlines()[:3]) + "..."
            lines.append(f" {name}: {r}")
    return "\n".join(lines)


def assert_array_compare(comparison, x, y, err_msg="", verbose=True, header="", precision=6, equal_nan=True,
                         equal_inf=True, *, strict=False, names=("ACTUAL", "DESIRED")):
    """Assert ``comparison(x, y)`` everywhere, after matching NaN (and infinity) positions."""
    __tracebackhide__ = True
    pair = _ours(x, y)
    if pair is None:
        return _numpy.testing.assert_array_compare(comparison, x, y, err_msg=err_msg, verbose=verbose, header=header,
                                                   precision=precision, equal_nan=equal_nan, equal_inf=equal_inf,
                                                   strict=strict, names=names)
    x, y = pair
    ox, oy = x, y

    def fail(extra, a=None, b=None):
        raise AssertionError(build_err_msg([x if a is None else a, y if b is None else b], err_msg + extra,
                                           verbose=verbose, header=header, names=names, precision=precision))

    def same_positions(fx, fy, what):
        # Both flag arrays must agree; a 0-d flag (a scalar operand) stands for every position.
        if not bool(_f.all(fx == fy)):
            fail(f"\n{what} location mismatch:")
        if fx.ndim == 0:
            return _f.asarray(bool(fx))
        if fy.ndim == 0:
            return _f.asarray(bool(fy))
        return fy

    try:
        ok = x.shape == y.shape and x.dtype == y.dtype if strict else (
            x.shape == () or y.shape == () or x.shape == y.shape)
        if not ok:
            fail(f"\n(shapes {x.shape}, {y.shape} mismatch)" if x.shape != y.shape
                 else f"\n(dtypes {x.dtype}, {y.dtype} mismatch)")
        flagged = _f.asarray(False)
        if x.dtype.kind in _NUMERIC and y.dtype.kind in _NUMERIC:
            if equal_nan:
                flagged = same_positions(_f.isnan(x), _f.isnan(y), "nan")
            if equal_inf:
                # inf+nanj counts as NaN when NaNs are equal: not compared again as infinity.
                not_flagged = _f.logical_not(flagged)
                infs = same_positions(_f.logical_and(_f.isinf(x), not_flagged),
                                      _f.logical_and(_f.isinf(y), not_flagged), "inf")
                if bool(infs.any()):
                    xi, yi = (x[infs], y[infs]) if x.ndim > 0 and y.ndim > 0 else (x, y)
                    if not bool(_f.all(xi == yi)):
                        fail("\ninf values mismatch:", xi, yi)
                flagged = _f.logical_or(flagged, infs)
        if flagged.ndim > 0:
            keep = _f.logical_not(flagged)
            x, y = x[keep], y[keep]
            if x.size == 0:
                return
        elif bool(flagged):
            return
        val = comparison(x, y)
        if isinstance(val, bool):
            reduced = _f.asarray([val])
        else:
            reduced = _f.asarray(val).ravel()
        if bool(reduced.all()):
            return
        invalids = _f.logical_not(val)
        n_bad = reduced.size - int(reduced.sum(dtype=_numpy.intp))
        n_all = flagged.size if flagged.ndim != 0 else reduced.size
        remarks = [f"Mismatched elements: {n_bad} / {n_all} ({100 * n_bad / n_all:.3g}%)"]
        if invalids.ndim != 0:
            if flagged.ndim > 0:
                positions = _f.argwhere(_f.logical_not(flagged))[invalids]
            else:
                positions = _f.argwhere(invalids)
            shown = "\n".join(
                f" {p.tolist()}: {ox if ox.ndim == 0 else ox[tuple(p.tolist())]} ({names[0]}), "
                f"{oy if oy.ndim == 0 else oy[tuple(p.tolist())]} ({names[1]})" for p in positions[:5])
            label = ("Mismatch at index:" if len(positions) == 1 else
                     "Mismatch at indices:" if len(positions) <= 5 else "First 5 mismatches are at indices:")
            remarks.append(f"{label}\n{shown}")
        remarks += _differences(x, y, invalids)
        err_msg = str(err_msg) + "\n" + "\n".join(remarks)
        fail("", ox, oy)
    except ValueError:
        import traceback
        header = f"error during assertion:\n\n{traceback.format_exc()}\n\n{header}"
        raise ValueError(build_err_msg([x, y], err_msg, verbose=verbose, header=header, names=names,
                                       precision=precision))


def _differences(x, y, invalids):
    """NumPy's two remark lines: the largest absolute and relative differences among the
    mismatched elements (relative to ``y``, where ``y`` is not zero)."""
    array2string = _f.array2string
    with _numpy.errstate(all="ignore"):
        try:
            error = _f.absolute(x - y)
        except TypeError:  # bool operands: NumPy prints no differences either
            return []
        if x.dtype.kind == "u":
            if error.ndim == 0:
                # NumPy's in-place minimum into a scalar difference raises TypeError, which it
                # swallows: two 0-d unsigned operands get no difference lines.
                return []
            error = _f.minimum(error, _f.absolute(y - x))
        max_abs = _f.max(error[invalids])
        out = ["Max absolute difference among violations: " + array2string(_f.asarray(max_abs))]
        bad_nonzero = _f.logical_and(invalids, y != 0)
        if not bool(bad_nonzero.any()):
            max_rel = _f.asarray(_numpy.inf)
        else:
            yb = _f.broadcast_to(y, error.shape)
            max_rel = _f.max(error[bad_nonzero] / _f.absolute(yb[bad_nonzero]))
        out.append("Max relative difference among violations: " + array2string(_f.asarray(max_rel)))
        return out


def assert_array_equal(actual, desired, err_msg="", verbose=True, *, strict=False):
    """Assert two arrays equal element by element (NaNs in the same places count as equal)."""
    __tracebackhide__ = True
    assert_array_compare(_operator.__eq__, actual, desired, err_msg=err_msg, verbose=verbose,
                         header="Arrays are not equal", strict=strict)


def assert_array_less(x, y, err_msg="", verbose=True, *, strict=False):
    """Assert ``x < y`` element by element."""
    __tracebackhide__ = True
    assert_array_compare(_operator.__lt__, x, y, err_msg=err_msg, verbose=verbose,
                         header="Arrays are not strictly ordered `x < y`", equal_inf=False, strict=strict,
                         names=("x", "y"))


def assert_array_almost_equal(actual, desired, decimal=6, err_msg="", verbose=True):
    """Assert ``abs(desired - actual) < 1.5 * 10**(-decimal)`` element by element."""
    __tracebackhide__ = True

    def compare(x, y):
        # y inexact first, so abs() of the most negative integer cannot overflow.
        y = y.astype(_f.result_type(y, 1.0), copy=False)
        return _f.absolute(x - y) < 1.5 * 10.0 ** (-decimal)

    assert_array_compare(compare, actual, desired, err_msg=err_msg, verbose=verbose,
                         header=f"Arrays are not almost equal to {decimal} decimals", precision=decimal)


def assert_allclose(actual, desired, rtol=1e-7, atol=0, equal_nan=True, err_msg="", verbose=True, *, strict=False):
    """Assert ``abs(actual - desired) <= atol + rtol * abs(desired)`` element by element."""
    __tracebackhide__ = True

    def compare(x, y):
        return _f.isclose(x, y, rtol=rtol, atol=atol, equal_nan=equal_nan)

    assert_array_compare(compare, actual, desired, err_msg=str(err_msg), verbose=verbose,
                         header=f"Not equal to tolerance rtol={rtol:g}, atol={atol:g}", equal_nan=equal_nan,
                         strict=strict)


def _complex_parts(actual, desired):
    """Real and imaginary parts of two values, when either is complex; else None."""
    ac, dc = _f.iscomplexobj(actual), _f.iscomplexobj(desired)
    if not (ac or dc):
        return None
    ar, ai = (_f.real(actual), _f.imag(actual)) if ac else (actual, 0)
    dr, di = (_f.real(desired), _f.imag(desired)) if dc else (desired, 0)
    return ar, ai, dr, di


def assert_equal(actual, desired, err_msg="", verbose=True, *, strict=False):
    """Assert two objects equal: dicts and sequences item by item, arrays element by element,
    scalars with NaN equal to NaN and the sign of zero compared."""
    __tracebackhide__ = True
    if isinstance(desired, dict):
        if not isinstance(actual, dict):
            raise AssertionError(repr(type(actual)))
        assert_equal(len(actual), len(desired), err_msg, verbose)
        for k in desired:
            if k not in actual:
                raise AssertionError(repr(k))
            assert_equal(actual[k], desired[k], f"key={k!r}\n{err_msg}", verbose)
        return
    if isinstance(desired, (list, tuple)) and isinstance(actual, (list, tuple)):
        assert_equal(len(actual), len(desired), err_msg, verbose)
        for k in range(len(desired)):
            assert_equal(actual[k], desired[k], f"item={k!r}\n{err_msg}", verbose)
        return
    if _is_array(actual) or _is_array(desired):
        return assert_array_equal(actual, desired, err_msg, verbose, strict=strict)
    if _ours(actual, desired) is None:
        return _numpy.testing.assert_equal(actual, desired, err_msg, verbose, strict=strict)
    msg = build_err_msg([actual, desired], err_msg, verbose=verbose)
    parts = _complex_parts(actual, desired)
    if parts is not None:
        ar, ai, dr, di = parts
        try:
            assert_equal(ar, dr)
            assert_equal(ai, di)
        except AssertionError:
            raise AssertionError(msg)
    if _f.isscalar(desired) != _f.isscalar(actual):
        raise AssertionError(msg)
    try:
        if bool(_f.isnan(desired)) and bool(_f.isnan(actual)):
            return
        if desired == 0 and actual == 0 and bool(_f.signbit(desired)) != bool(_f.signbit(actual)):
            raise AssertionError(msg)
    except (TypeError, ValueError, NotImplementedError):
        pass
    if not (desired == actual):
        raise AssertionError(msg)


def assert_almost_equal(actual, desired, decimal=7, err_msg="", verbose=True):
    """Assert ``abs(desired - actual) < 1.5 * 10**(-decimal)``, arrays element by element."""
    __tracebackhide__ = True

    def message():
        return build_err_msg([actual, desired], err_msg, verbose=verbose,
                             header=f"Arrays are not almost equal to {decimal} decimals")

    parts = _complex_parts(actual, desired)
    if parts is not None:
        ar, ai, dr, di = parts
        try:
            assert_almost_equal(ar, dr, decimal=decimal)
            assert_almost_equal(ai, di, decimal=decimal)
        except AssertionError:
            raise AssertionError(message())
    if _is_array(actual) or _is_array(desired) or isinstance(actual, (tuple, list)) or \
            isinstance(desired, (tuple, list)):
        return assert_array_almost_equal(actual, desired, decimal, err_msg)
    try:
        if not (bool(_f.isfinite(desired)) and bool(_f.isfinite(actual))):
            if bool(_f.isnan(desired)) or bool(_f.isnan(actual)):
                if not (bool(_f.isnan(desired)) and bool(_f.isnan(actual))):
                    raise AssertionError(message())
            elif not desired == actual:
                raise AssertionError(message())
            return
    except (NotImplementedError, TypeError):
        pass
    if abs(desired - actual) >= _numpy.float64(1.5 * 10.0 ** (-decimal)):
        raise AssertionError(message())


def assert_approx_equal(actual, desired, significant=7, err_msg="", verbose=True):
    """Assert two numbers equal to ``significant`` significant digits."""
    __tracebackhide__ = True
    actual, desired = float(actual), float(desired)
    if desired == actual:
        return
    with _numpy.errstate(invalid="ignore"):
        scale = 0.5 * (_f.absolute(desired) + _f.absolute(actual))
        scale = _f.power(10, _f.floor(_f.log10(scale)))
    try:
        sc_desired = desired / scale
    except ZeroDivisionError:
        sc_desired = 0.0
    try:
        sc_actual = actual / scale
    except ZeroDivisionError:
        sc_actual = 0.0
    msg = build_err_msg([actual, desired], err_msg, header=f"Items are not equal to {significant} significant digits:",
                        verbose=verbose)
    if not (bool(_f.isfinite(desired)) and bool(_f.isfinite(actual))):
        if bool(_f.isnan(desired)) or bool(_f.isnan(actual)):
            if not (bool(_f.isnan(desired)) and bool(_f.isnan(actual))):
                raise AssertionError(msg)
        elif not desired == actual:
            raise AssertionError(msg)
        return
    if _f.absolute(sc_desired - sc_actual) >= _f.power(10.0, -(significant - 1)):
        raise AssertionError(msg)


def print_assert_equal(test_string, actual, desired):
    """Assert ``actual == desired``; on failure the message shows both, pretty-printed."""
    __tracebackhide__ = True
    import pprint
    if not (actual == desired):
        import io
        msg = io.StringIO()
        msg.write(test_string)
        msg.write(" failed\nACTUAL: \n")
        pprint.pprint(actual, msg)
        msg.write("DESIRED: \n")
        pprint.pprint(desired, msg)
        raise AssertionError(msg.getvalue())


def _integer_view(x):
    """Float bits as signed integers that count representable values across zero (negative
    floats mapped below zero in order), so a difference of two is a distance in ulps."""
    ints = {"e": _numpy.int16, "f": _numpy.int32, "d": _numpy.int64}.get(x.dtype.char)
    if ints is None:
        raise ValueError(f"Unsupported dtype {x.dtype}")
    r = x.view(ints)
    low = ints(_numpy.iinfo(ints).min)
    return _f.where(r < 0, low - r, r)


def _nulp_diff(x, y, dtype=None):
    from ._dtype_tools import common_type
    x = _f.asarray(x, dtype=dtype) if dtype else _f.asarray(x)
    y = _f.asarray(y, dtype=dtype) if dtype else _f.asarray(y)
    t = common_type(x, y)
    if _f.iscomplexobj(x) or _f.iscomplexobj(y):
        raise NotImplementedError("_nulp not implemented for complex array")
    x = _f.array([x], dtype=t)
    y = _f.array([y], dtype=t)
    if x.shape != y.shape:
        raise ValueError(f"Arrays do not have the same shape: {x.shape} - {y.shape}")
    with _numpy.errstate(over="ignore"):
        return _f.absolute(_f.asarray(_integer_view(x) - _integer_view(y), dtype=t))


def assert_array_max_ulp(a, b, maxulp=1, dtype=None):
    """Assert at most ``maxulp`` units in the last place between ``a`` and ``b``; returns the
    ulp differences."""
    __tracebackhide__ = True
    ret = _nulp_diff(a, b, dtype)
    if not bool(_f.all(ret <= maxulp)):
        raise AssertionError(f"Arrays are not almost equal up to {maxulp:g} ULP (max difference is "
                             f"{_f.max(ret):g} ULP)")
    return ret


def assert_array_almost_equal_nulp(x, y, nulp=1):
    """Assert ``abs(x - y) <= nulp * spacing(max(abs(x), abs(y)))`` element by element."""
    __tracebackhide__ = True
    ax, ay = _f.absolute(x), _f.absolute(y)
    ref = nulp * _f.spacing(_f.where(ax > ay, ax, ay))
    if not bool(_f.all(_f.absolute(x - y) <= ref)):
        if _f.iscomplexobj(x) or _f.iscomplexobj(y):
            msg = f"Arrays are not equal to {nulp} ULP"
        else:
            max_nulp = _f.max(_nulp_diff(x, y))
            msg = f"Arrays are not equal to {nulp} ULP (max is {max_nulp:g})"
        raise AssertionError(msg)
