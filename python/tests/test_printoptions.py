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


LEGACY_MODES = [False, "1.13", "1.21", "1.25", "2.1", "2.2"]
LEGACY_SHAPES = st.sampled_from([(7,), (3, 4), (2, 3, 2), (12,), (), (0,), (2, 0), (1, 1)])


def _all_texts(n, f):
    """Every printing path of a (NumPy, ferronum) pair, side by side."""
    yield repr(f), repr(n)
    yield str(f), str(n)
    yield fnp.array_repr(f), np.array_repr(n)
    yield fnp.array_str(f), np.array_str(n)
    yield fnp.array2string(f, separator=", "), np.array2string(n, separator=", ")
    yield fnp.array2string(f, prefix="xy(", suffix=")"), np.array2string(n, prefix="xy(", suffix=")")


@pytest.mark.parametrize("legacy", LEGACY_MODES, ids=str)
@pytest.mark.parametrize("opts", [dict(), dict(sign=" "), dict(sign="+"), dict(threshold=5, edgeitems=1),
                                  dict(linewidth=20), dict(floatmode="fixed", precision=3)],
                         ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()) or "defaults")
@given(pair=array_pairs(shape=LEGACY_SHAPES))
def test_legacy_modes_print_as_numpys(legacy, opts, pair):
    n, f = pair
    with np.printoptions(legacy=legacy, **opts):
        for got, want in _all_texts(n, f):
            assert got == want


@pytest.mark.parametrize("legacy", LEGACY_MODES, ids=str)
@pytest.mark.parametrize("values", [[1e8, 1.0], [1e6, 2.0], [60000.0, 1.0], [1e-5, 1.0, -3.0], [0.5, -1.5, 2.25],
                                    [1 + 2j, -3.5 - 1e-5j], [float("nan"), -float("inf"), 1.0]], ids=str)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64, np.complex64, np.complex128], ids=str)
def test_legacy_float_layouts(legacy, values, dtype):
    """The float rules that changed between NumPy versions: the exponent cutoff per type (2.2),
    sign padding and exponent digits (1.13), summarized reprs naming the shape (2.1)."""
    with np.errstate(all="ignore"):
        n = np.array(values).astype(dtype) if np.dtype(dtype).kind == "c" else np.array(values).real.astype(dtype)
    f = fnp.array(n)
    with np.printoptions(legacy=legacy):
        for got, want in _all_texts(n, f):
            assert got == want
        for k in range(len(values)):
            assert repr(f[k:k + 1]) == repr(n[k:k + 1])
        big_n = np.tile(n, 400)
        assert repr(fnp.array(big_n)) == repr(big_n)


FORMATTERS = [
    {"all": lambda x: "X"},
    {"float": "{:.2f}".format},
    {"float_kind": lambda x: f"<{x}>"},
    {"int": hex},
    {"int_kind": lambda x: f"i{x}", "all": lambda x: "A"},
    {"bool": lambda x: "yes" if x else "no"},
    {"complexfloat": lambda x: f"{x.real}|{x.imag}", "complex_kind": lambda x: "never"},
    {"complex_kind": lambda x: "c"},
    {"float_kind": lambda x: f"{x:.1f}\nline2", "int": lambda x: f"a\nbbb\n{x}"},
    {"int": None, "all": repr},
]


@pytest.mark.parametrize("fmt", FORMATTERS, ids=lambda d: ",".join(d))
@given(pair=array_pairs(shape=st.sampled_from([(4,), (2, 3), (), (0,), (30,)])))
def test_formatter_option(fmt, pair):
    """NumPy's `formatter=`: the type's own key, else its kind's, else 'all'; the callables get
    NumPy scalars of the array's dtype; several-line texts are laid out as NumPy lays them out."""
    n, f = pair
    with np.printoptions(formatter=fmt, linewidth=30, threshold=20, edgeitems=2):
        for got, want in _all_texts(n, f):
            assert got == want
    assert fnp.array2string(f, formatter=fmt) == np.array2string(n, formatter=fmt)


def test_formatter_receives_numpy_scalars_and_errors_propagate():
    seen = []
    fnp.array2string(fnp.array([1.5, 2.5], dtype=np.float32), formatter={"all": lambda x: seen.append(x) or "s"})
    assert [type(x) for x in seen] == [np.float32, np.float32] and seen == [1.5, 2.5]

    def boom(x):
        raise KeyError("formatter failed")
    for fmt in [{"all": boom}, {"all": lambda x: 3}]:
        same_outcome(lambda: fnp.array2string(fnp.arange(3), formatter=fmt),
                     lambda: np.array2string(np.arange(3), formatter=fmt))
    with np.printoptions(formatter={"all": boom}):
        same_outcome(lambda: repr(fnp.arange(3)), lambda: repr(np.arange(3)))


def test_array2string_legacy_argument():
    n = np.array([[1.5, -2.0], [3.25, 1e9]])
    f = fnp.array(n)
    for legacy in LEGACY_MODES:
        assert fnp.array2string(f, legacy=legacy) == np.array2string(n, legacy=legacy)
    assert fnp.array2string(fnp.array(2.5), legacy="1.13") == np.array2string(np.array(2.5), legacy="1.13")
    for mod, arr in [(fnp, f), (np, n)]:
        with pytest.warns(UserWarning, match="legacy printing option can currently only be"):
            with pytest.raises(TypeError, match="'<=' not supported between instances of 'str' and 'int'"):
                mod.array2string(arr, legacy="1.99")


def test_subclass_repr_names_its_class():
    class Mine(np.ndarray):
        pass

    class FMine(fnp.ndarray):
        pass
    FMine.__name__ = "Mine"
    for shape in [(3,), (2, 2), (), (0,)]:
        n = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape).view(Mine)
        f = fnp.array(np.asarray(n)).view(FMine)
        assert repr(f) == repr(n)
        assert fnp.array_repr(f) == np.array_repr(n)
        assert str(f) == str(n)
