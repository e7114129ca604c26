"""ferronum.testing against numpy.testing: the same verdict, and on failure the same exception
class and the same message (header, mismatch counts, indices, differences, array reprs)."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ferronum as fnp
from ferronum import testing as ft

from conftest import ALL_DTYPES, elements, np_arrays

ASSERTS = ["assert_allclose", "assert_array_equal", "assert_array_almost_equal", "assert_array_less",
           "assert_equal", "assert_almost_equal"]


def outcome(call):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            call()
    except Exception as e:  # the class and the message are compared
        return type(e), str(e)
    return None


def _ours(a):
    return fnp.asarray(a) if isinstance(a, np.ndarray) and a.dtype.kind in "biufc" else a


def _comparable(res, complex_operands):
    # NumPy's AVX-512 complex absolute can be an ulp off the correctly rounded one ferronum
    # gives (docs/numpy-semantics.md): for complex operands the difference lines are skipped.
    if res is None or not complex_operands:
        return res
    return res[0], "\n".join(line for line in res[1].split("\n") if not line.startswith("Max "))


def same_verdict(name, a, b, **kw):
    got = outcome(lambda: getattr(ft, name)(_ours(a), _ours(b), **kw))
    want = outcome(lambda: getattr(np.testing, name)(a, b, **kw))
    cplx = np.iscomplexobj(a) or np.iscomplexobj(b)
    got, want = _comparable(got, cplx), _comparable(want, cplx)
    assert got == want, f"\nferronum: {got}\nNumPy:    {want}"


@pytest.mark.parametrize("name", ASSERTS)
@given(data=st.data())
def test_assertions_match_numpy(name, data):
    dt = data.draw(st.sampled_from(ALL_DTYPES))
    shape = data.draw(st.sampled_from([(), (1,), (3,), (2, 3), (4, 1, 2), (0,)]))
    a = data.draw(np_arrays(dtype=dt, shape=shape, small=True))
    kind = data.draw(st.sampled_from(["same", "perturbed", "other", "scalar", "shape"]))
    if kind == "same":
        b = a.copy()
    elif kind == "perturbed":
        b = a.copy()
        if b.size:
            flat = b.reshape(-1)
            k = data.draw(st.integers(0, flat.size - 1))
            flat[k] = data.draw(elements(dt, small=True))
    elif kind == "other":
        b = data.draw(np_arrays(dtype=st.sampled_from(ALL_DTYPES), shape=st.just(shape), small=True))
    elif kind == "scalar":
        b = data.draw(elements(dt, small=True))
    else:
        b = np.zeros((5,), dtype=dt)
    same_verdict(name, a, b)


CASES = [
    (np.array([1.0, np.nan, 3.0]), np.array([1.0, np.nan, 3.0])),
    (np.array([1.0, np.nan, 3.0]), np.array([1.0, 2.0, np.nan])),
    (np.array([1.0, np.inf, 3.0]), np.array([1.0, -np.inf, 3.0])),
    (np.array([1.0, np.inf]), np.array([np.inf, 1.0])),
    (np.array([complex(np.inf, np.nan), 1]), np.array([complex(np.inf, np.nan), 1])),
    (np.arange(20.0), np.arange(20.0) * 1.5),
    (np.arange(12).reshape(3, 4), np.arange(12).reshape(3, 4) + (np.arange(12).reshape(3, 4) % 5 == 0)),
    (np.array([0, 1, 2], dtype=np.uint8), np.array([3, 1, 0], dtype=np.uint8)),
    (np.array([-0.0]), np.array([0.0])),
    (np.array(5.0), np.array([5.0, 6.0])),
    (np.array([True, False]), np.array([True, True])),
    (np.array([1e-300, 0.0]), np.array([0.0, 1e-300])),
    (np.linspace(0, 1, 1000), np.linspace(0, 1, 1000) + 1e-3),
]


@pytest.mark.parametrize("name", ASSERTS)
@pytest.mark.parametrize("case", range(len(CASES)))
def test_assertion_cases(name, case):
    a, b = CASES[case]
    same_verdict(name, a, b)


@pytest.mark.parametrize("kw", [dict(rtol=1e-3), dict(atol=0.6), dict(equal_nan=False), dict(err_msg="context"),
                                dict(verbose=False), dict(strict=True), dict(err_msg="a\nb")])
def test_allclose_options(kw):
    for a, b in CASES[:8]:
        same_verdict("assert_allclose", a, b, **kw)
    same_verdict("assert_allclose", np.float32([1, 2]), np.float64([1, 2]), **kw)


def test_equal_structures_and_scalars():
    for a, b in [({"a": 1, "b": [1.0, 2.0]}, {"a": 1, "b": [1.0, 2.5]}), ([1, 2], [1, 2]), ((1, np.nan), (1, np.nan)),
                 (np.nan, np.nan), (0.0, -0.0), (1 + 2j, 1 + 2j), (1 + 2j, 1 - 2j), (3, 3.0), ([1], 1),
                 ({"a": 1}, [1]), ({"a": 1}, {"b": 1})]:
        same_verdict("assert_equal", a, b)
    for a, b in [(1.0, 1.00000001), (1.0, 1.1), (np.nan, np.nan), (np.inf, np.inf), (np.inf, 1.0), (1 + 1j, 1 + 1.5j),
                 ([1.0, 2.0], [1.0, 2.0000001])]:
        same_verdict("assert_almost_equal", a, b)
        same_verdict("assert_almost_equal", a, b, decimal=2)
    for a, b in [(1.0, 1.0000001), (1.0, 1.001), (0.0, 1e-20), (np.nan, np.nan), (np.inf, 1.0), (1234.5, 1234.6)]:
        same_verdict("assert_approx_equal", a, b)
        same_verdict("assert_approx_equal", a, b, significant=3)


def test_strings_go_to_numpy():
    same_verdict("assert_equal", "abc", "abd")
    same_verdict("assert_array_equal", np.array(["a", "b"]), np.array(["a", "c"]))


def test_reexported_helpers():
    with ft.assert_raises(ValueError):
        raise ValueError
    ft.assert_(True)
    with pytest.raises(AssertionError):
        ft.assert_(False, "x")
    with ft.suppress_warnings() as sup:
        sup.filter(RuntimeWarning)
        fnp.log(fnp.asarray([0.0]))
    ft.assert_string_equal("a", "a")


@pytest.mark.parametrize("dt", [np.float16, np.float32, np.float64])
def test_ulp_assertions(dt):
    x = np.array([1.0, -2.5, 0.0, 1e-3, np.inf], dtype=dt)
    for y in [x.copy(), np.nextafter(x, np.array(np.inf, dtype=dt)), x * dt(1.001), -x]:
        for maxulp in (0, 1, 4):
            got = outcome(lambda: ft.assert_array_max_ulp(fnp.asarray(x), fnp.asarray(y), maxulp=maxulp))
            want = outcome(lambda: np.testing.assert_array_max_ulp(x, y, maxulp=maxulp))
            assert got == want
            got = outcome(lambda: ft.assert_array_almost_equal_nulp(fnp.asarray(x), fnp.asarray(y), nulp=maxulp))
            want = outcome(lambda: np.testing.assert_array_almost_equal_nulp(x, y, nulp=maxulp))
            assert got == want
    r = ft.assert_array_max_ulp(fnp.asarray(x[:4]), fnp.asarray(x[:4] * dt(1.001)), maxulp=10**14)
    n = np.testing.assert_array_max_ulp(x[:4], x[:4] * dt(1.001), maxulp=10**14)
    assert isinstance(r, fnp.ndarray) and r.dtype == n.dtype and r.shape == n.shape
    np.testing.assert_array_equal(np.asarray(r), n)
    assert outcome(lambda: ft.assert_array_max_ulp(fnp.asarray([1 + 1j]), fnp.asarray([1 + 1j]))) == \
        outcome(lambda: np.testing.assert_array_max_ulp(np.array([1 + 1j]), np.array([1 + 1j])))
