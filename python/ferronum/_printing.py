"""Printing: ``array2string``, ``array_repr``, ``array_str``, ``format_float_positional`` and
``format_float_scientific``, with the print options shared with NumPy (``set_printoptions``,
``get_printoptions`` and ``printoptions`` are NumPy's own, as ``errstate`` is), so one setting
governs ``repr`` in both libraries. The text is written by the engine (``ferronum::format``)."""

import numbers as _numbers
import operator as _operator
import warnings as _warnings

import numpy as _numpy

from . import _ferronum

__all__ = ["set_printoptions", "get_printoptions", "printoptions", "array2string", "array_repr", "array_str",
           "format_float_positional", "format_float_scientific"]

set_printoptions = _numpy.set_printoptions
get_printoptions = _numpy.get_printoptions
printoptions = _numpy.printoptions

_FLOATMODES = ("fixed", "unique", "maxprec", "maxprec_equal")
_LEGACY_MODES = ("1.13", "1.21", "1.25", "2.1", "2.2")


def _legacy_option(legacy):
    """An explicit ``legacy=`` argument as NumPy's ``array2string`` takes it: a mode name or
    False; anything else warns, and an unknown name then fails NumPy's comparison of modes."""
    if legacy is None or legacy is False or (isinstance(legacy, str) and legacy in _LEGACY_MODES):
        return legacy
    if not isinstance(legacy, str) and legacy == False:  # noqa: E712 (NumPy accepts 0 with a warning)
        _warnings.warn(f"Passing `legacy={legacy!r}` is deprecated.", FutureWarning, stacklevel=4)
        return False
    _warnings.warn("legacy printing option can currently only be '1.13', '1.21', '1.25', '2.1', '2.2' or `False`",
                   stacklevel=4)
    if isinstance(legacy, str):
        raise TypeError("'<=' not supported between instances of 'str' and 'int'")
    return None


def _options(**overrides):
    """The current options with the given ones (those not None) in their place, checked as
    NumPy checks them."""
    opts = _numpy.get_printoptions()
    for k, v in overrides.items():
        if v is not None:
            opts[k] = v
    if opts["sign"] not in ("-", "+", " "):
        raise ValueError("sign option must be one of ' ', '+', or '-'")
    if opts["floatmode"] not in _FLOATMODES:
        raise ValueError("floatmode option must be one of " + ", ".join(f'"{m}"' for m in _FLOATMODES))
    t = opts["threshold"]
    if not isinstance(t, _numbers.Real):
        raise TypeError("threshold must be numeric")
    if t != t:
        raise ValueError("threshold must be non-NAN, try sys.maxsize for untruncated representation")
    try:
        opts["precision"] = _operator.index(opts["precision"])
    except TypeError as e:
        raise TypeError("precision must be an integer") from e
    return opts


def array2string(a, max_line_width=None, precision=None, suppress_small=None, separator=" ", prefix="", *,
                 formatter=None, threshold=None, edgeitems=None, sign=None, floatmode=None, suffix="", legacy=None):
    """The text of an array, as NumPy's ``array2string`` writes it."""
    opts = _options(linewidth=max_line_width, precision=precision, suppress=suppress_small, formatter=formatter,
                    threshold=threshold, edgeitems=edgeitems, sign=sign, floatmode=floatmode,
                    legacy=_legacy_option(legacy))
    a = _ferronum.asarray(a)
    return _ferronum._array2string(a, opts, separator, prefix, suffix)


def array_repr(arr, max_line_width=None, precision=None, suppress_small=None):
    """``repr(arr)`` with the given options in place of the current ones."""
    opts = _options(linewidth=max_line_width, precision=precision, suppress=suppress_small)
    return _ferronum._array_repr(arr, opts)


def array_str(a, max_line_width=None, precision=None, suppress_small=None):
    """``str(a)`` with the given options in place of the current ones."""
    opts = _options(linewidth=max_line_width, precision=precision, suppress=suppress_small)
    return _ferronum._array_str(a, opts)


def _none_or_positive(x, name):
    if x is None:
        return None
    if x < 0:
        raise ValueError(f"{name} must be >= 0")
    return x


def _check_trim(trim):
    if trim not in ("k", ".", "0", "-"):
        raise TypeError(f"if supplied, trim must be 'k', '.', '0' or '-' found `{trim}`")


def format_float_positional(x, precision=None, unique=True, fractional=True, trim="k", sign=False, pad_left=None,
                            pad_right=None, min_digits=None):
    """A floating-point scalar in positional notation, by NumPy's Dragon4 rules."""
    precision = _none_or_positive(precision, "precision")
    pad_left = _none_or_positive(pad_left, "pad_left")
    pad_right = _none_or_positive(pad_right, "pad_right")
    min_digits = _none_or_positive(min_digits, "min_digits")
    if not fractional and precision == 0:
        raise ValueError("precision must be greater than 0 if fractional=False")
    if min_digits is not None and min_digits > 0 and precision is not None and precision > 0 and \
            min_digits > precision:
        raise ValueError("min_digits must be less than or equal to precision")
    if not unique and precision is None:
        raise TypeError("in non-unique mode `precision` must be supplied")
    _check_trim(trim)
    return _ferronum._format_float(x, False, precision, bool(unique), bool(fractional), trim, bool(sign), pad_left,
                                   pad_right, None, min_digits)


def format_float_scientific(x, precision=None, unique=True, trim="k", sign=False, pad_left=None, exp_digits=None,
                            min_digits=None):
    """A floating-point scalar in scientific notation, by NumPy's Dragon4 rules."""
    precision = _none_or_positive(precision, "precision")
    pad_left = _none_or_positive(pad_left, "pad_left")
    exp_digits = _none_or_positive(exp_digits, "exp_digits")
    min_digits = _none_or_positive(min_digits, "min_digits")
    if min_digits is not None and min_digits > 0 and precision is not None and precision > 0 and \
            min_digits > precision:
        raise ValueError("min_digits must be less than or equal to precision")
    if not unique and precision is None:
        raise TypeError("in non-unique mode `precision` must be supplied")
    _check_trim(trim)
    return _ferronum._format_float(x, True, precision, bool(unique), True, trim, bool(sign), pad_left, None,
                                   exp_digits, min_digits)
