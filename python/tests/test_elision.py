"""Temporary elision must never overwrite a live name.

ferronum writes the result of ``t + 1`` into ``t``'s buffer when ``t`` is a temporary (only the
interpreter's evaluation stack refers to it). Each test here keeps a named operand alive
across an expression that would reuse a temporary's buffer, in the shapes CPython compiles
differently (function locals, loops, comprehensions, generators, lambdas, ``exec``, closures,
globals), and checks that the name still holds its values and that the results are NumPy's.
Large arrays take the reusing path, small ones the fast path; both are checked.
"""

import numpy as np
import pytest

import ferronum as fnp

SIZES = [7, 100_000]
OPS = [
    ("add", lambda x: x + 1.5),
    ("sub_r", lambda x: 2.0 - x),
    ("mul", lambda x: x * x),
    ("pow2", lambda x: x**2),
    ("neg_chain", lambda x: -(x * 3.0)),
]


def _pair(n):
    base = np.linspace(-3.0, 5.0, n)
    return base, fnp.asarray(base)


@pytest.mark.parametrize("n", SIZES)
def test_named_operand_survives_in_a_function(n):
    base, x = _pair(n)

    def f(a):
        y = a + 1.0
        z = a * 2.0
        w = (a - 1.0) ** 2
        return y, z, w

    y, z, w = f(x)
    np.testing.assert_array_equal(np.asarray(x), base)
    np.testing.assert_array_equal(np.asarray(y), base + 1.0)
    np.testing.assert_array_equal(np.asarray(z), base * 2.0)
    np.testing.assert_array_equal(np.asarray(w), (base - 1.0) ** 2)


@pytest.mark.parametrize("n", SIZES)
def test_named_operand_survives_the_square_of_itself(n):
    base, x = _pair(n)

    def f(a):
        b = a**2
        return b, a

    b, a = f(x)
    np.testing.assert_array_equal(np.asarray(a), base)
    np.testing.assert_array_equal(np.asarray(b), base**2)
    # The deferred square must not change its source when read later.
    np.testing.assert_array_equal(np.asarray(b + a), base**2 + base)


@pytest.mark.parametrize("n", SIZES)
def test_named_operand_survives_a_loop(n):
    base, x = _pair(n)
    acc = fnp.zeros(n)
    expected = np.zeros(n)
    for k in range(4):
        acc = acc + x * float(k)
        expected = expected + base * float(k)
        np.testing.assert_array_equal(np.asarray(x), base)
    np.testing.assert_array_equal(np.asarray(acc), expected)


@pytest.mark.parametrize("n", SIZES)
def test_named_operand_survives_comprehensions(n):
    base, x = _pair(n)
    outs = [x + float(k) for k in range(3)]
    gen = list((x * float(k) for k in range(3)))
    d = {k: x - float(k) for k in range(3)}
    np.testing.assert_array_equal(np.asarray(x), base)
    for k in range(3):
        np.testing.assert_array_equal(np.asarray(outs[k]), base + float(k))
        np.testing.assert_array_equal(np.asarray(gen[k]), base * float(k))
        np.testing.assert_array_equal(np.asarray(d[k]), base - float(k))


@pytest.mark.parametrize("n", SIZES)
def test_named_operand_survives_a_generator(n):
    base, x = _pair(n)

    def g(a):
        for k in range(3):
            yield a + float(k)
            yield a**2

    res = list(g(x))
    np.testing.assert_array_equal(np.asarray(x), base)
    np.testing.assert_array_equal(np.asarray(res[0]), base)
    np.testing.assert_array_equal(np.asarray(res[1]), base**2)


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("name,op", OPS, ids=[o[0] for o in OPS])
def test_named_operand_survives_a_lambda(n, name, op):
    base, x = _pair(n)
    r = op(x)
    np.testing.assert_array_equal(np.asarray(x), base)
    np.testing.assert_array_equal(np.asarray(r), op(base))


@pytest.mark.parametrize("n", SIZES)
def test_named_operand_survives_exec(n):
    base, x = _pair(n)
    ns = {"x": x}
    exec("y = x + 1.0\nz = x ** 2\nw = (x * 2.0) + x", ns)
    np.testing.assert_array_equal(np.asarray(ns["x"]), base)
    np.testing.assert_array_equal(np.asarray(ns["y"]), base + 1.0)
    np.testing.assert_array_equal(np.asarray(ns["z"]), base**2)
    np.testing.assert_array_equal(np.asarray(ns["w"]), base * 2.0 + base)
    loc = {}
    exec("def h(a):\n    b = a - 2.0\n    return b, a\nr = h(x)", ns, loc)
    b, a = loc["r"]
    np.testing.assert_array_equal(np.asarray(a), base)
    np.testing.assert_array_equal(np.asarray(b), base - 2.0)


@pytest.mark.parametrize("n", SIZES)
def test_named_operand_survives_in_a_closure_and_a_global(n):
    base, x = _pair(n)
    global _GLOBAL_X
    _GLOBAL_X = x

    def outer():
        def inner():
            return x + 1.0, _GLOBAL_X * 2.0

        return inner()

    y, z = outer()
    np.testing.assert_array_equal(np.asarray(x), base)
    np.testing.assert_array_equal(np.asarray(_GLOBAL_X), base)
    np.testing.assert_array_equal(np.asarray(y), base + 1.0)
    np.testing.assert_array_equal(np.asarray(z), base * 2.0)


@pytest.mark.parametrize("n", SIZES)
def test_container_element_survives(n):
    base, x = _pair(n)
    items = [x, x]
    r = items[0] + 1.0
    t = (x,)
    s = t[0] * 3.0
    np.testing.assert_array_equal(np.asarray(items[0]), base)
    np.testing.assert_array_equal(np.asarray(x), base)
    np.testing.assert_array_equal(np.asarray(r), base + 1.0)
    np.testing.assert_array_equal(np.asarray(s), base * 3.0)


@pytest.mark.parametrize("n", SIZES)
def test_temporaries_are_still_reused(n):
    """The chain gives NumPy's values whether or not buffers are reused."""
    base, x = _pair(n)
    r = ((x + 1.0) * 2.0 - 3.0) ** 2
    np.testing.assert_array_equal(np.asarray(r), ((base + 1.0) * 2.0 - 3.0) ** 2)
    np.testing.assert_array_equal(np.asarray(x), base)
