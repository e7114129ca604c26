"""Print options shared with NumPy (set_printoptions / printoptions govern ferronum's repr and
str) and the printing functions array2string, array_repr, array_str, format_float_positional and
format_float_scientific: text identical to NumPy's."""

import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ferronum as fnp

from conftest import array_pairs, same_outcome

OPTION_SETS = [
    dict(precision=3),
    dict(precision=0),
    dict(threshold=5, edgeitems=1),
    dict(threshold=sys.maxsize),
    dict(linewidth=20),
    dict(suppress=True),
    dict(sign="+"),
    dict(sign=" "),
    dict(floatmode="fixed", precision=4),
    dict(floatmode="unique"),
    dict(floatmode="maxprec_equal", precision=2),
    dict(nanstr="NaN", infstr="Inf"),
]


@pytest.mark.parametrize("opts", OPTION_SETS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()))
@given(pair=array_pairs(shape=st.sampled_from([(7,), (3, 4), (2, 3, 2), (12,)])))
def test_repr_and_str_follow_numpys_options(opts, pair):
    n, f = pair
    with np.printoptions(**opts):
        assert repr(f) == repr(n)
        assert str(f) == str(n)
        assert fnp.array_repr(f) == np.array_repr(n)
        assert fnp.array_str(f) == np.array_str(n)
        assert fnp.array2string(f, separator=", ") == np.array2string(n, separator=", ")


def test_set_printoptions_is_shared_with_numpy():
    old = np.get_printoptions()
    try:
        fnp.set_printoptions(precision=2)
        assert np.get_printoptions()["precision"] == 2
        assert repr(fnp.array([1 / 3])) == "array([0.33])"
        np.set_printoptions(precision=4)
        assert fnp.get_printoptions()["precision"] == 4
        assert str(fnp.array([1 / 3])) == "[0.3333]"
    finally:
        np.set_printoptions(**old)
    with fnp.printoptions(threshold=3, edgeitems=1):
        assert repr(fnp.arange(10)) == repr(np.arange(10))
    assert repr(fnp.arange(10)) == "array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])"


@given(pair=array_pairs(shape=st.sampled_from([(5,), (2, 3), ()])))
def test_array2string_arguments(pair):
    n, f = pair
    for kw in [dict(precision=2, suppress_small=True), dict(max_line_width=15, separator=","),
               dict(prefix="xy(", suffix=")"), dict(threshold=2, edgeitems=1), dict(sign="+", floatmode="fixed"),
               dict()]:
        assert fnp.array2string(f, **kw) == np.array2string(n, **kw), kw
    assert fnp.array_repr(f, precision=3, max_line_width=30) == np.array_repr(n, precision=3, max_line_width=30)
    assert fnp.array_str(f, precision=1, suppress_small=True) == np.array_str(n, precision=1, suppress_small=True)


def test_printing_option_errors():
    a, n = fnp.arange(3.0), np.arange(3.0)
    for kw in [dict(sign="x"), dict(floatmode="bad"), dict(threshold=float("nan")), dict(precision=1.5)]:
        same_outcome(lambda: fnp.array2string(a, **kw), lambda: np.array2string(n, **kw))


FLOATS = [0.0, -0.0, 1.0, 0.1, 1 / 3, 123456.789, 1e-20, 1e22, -2.5, float("inf"), float("nan"), 65504.0]


@pytest.mark.parametrize("x", FLOATS)
@pytest.mark.parametrize("typ", [float, np.float16, np.float32, np.float64])
def test_format_float_matches_numpy(x, typ):
    v = typ(x)
    for kw in [dict(), dict(precision=3), dict(precision=3, unique=False), dict(trim="-"), dict(trim="0"),
               dict(trim="."), dict(sign=True), dict(pad_left=5, pad_right=4), dict(min_digits=4),
               dict(precision=4, fractional=False), dict(precision=3, fractional=False, unique=False),
               dict(precision=6, fractional=False, unique=False, trim="-")]:
        assert fnp.format_float_positional(v, **kw) == np.format_float_positional(v, **kw), kw
    for kw in [dict(), dict(precision=3), dict(precision=3, unique=False), dict(exp_digits=4), dict(trim="-"),
               dict(sign=True, pad_left=3), dict(min_digits=5)]:
        assert fnp.format_float_scientific(v, **kw) == np.format_float_scientific(v, **kw), kw


def test_format_float_errors():
    # NumPy pads the offending value in its message; the class is what matters there.
    same_outcome(lambda: fnp.format_float_positional(1.5, trim="x"), lambda: np.format_float_positional(1.5, trim="x"),
                 message=False)
    for kw in [dict(precision=-1), dict(unique=False), dict(fractional=False, precision=0),
               dict(min_digits=5, precision=2), dict(pad_left=-1)]:
        same_outcome(lambda: fnp.format_float_positional(1.5, **kw), lambda: np.format_float_positional(1.5, **kw))
    same_outcome(lambda: fnp.format_float_scientific(1.5, exp_digits=-1),
                 lambda: np.format_float_scientific(1.5, exp_digits=-1))
    same_outcome(lambda: fnp.format_float_positional("1"), lambda: np.format_float_positional("1"))
