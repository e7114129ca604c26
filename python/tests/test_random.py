"""ferronum.random against numpy.random: the same seed gives the same values, bit for bit,
for every bit generator, the Generator and RandomState methods, array parameters, states moved
both ways, and NumPy's errors."""

import pickle

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ferronum as fnp
import ferronum.random as fr

SEEDS = [0, 1, 42, 12345, 2**32 - 1, 2**63 + 7, [1, 2, 3], 987654321987654321987654321]
BITGENS = ["PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64"]


def same(f_val, n_val):
    """Exact equality of values, dtype, shape and result kind (array vs scalar)."""
    if isinstance(n_val, np.ndarray):
        assert isinstance(f_val, fnp.ndarray), type(f_val)
        a = np.asarray(f_val)
        assert a.dtype == n_val.dtype, (a.dtype, n_val.dtype)
        assert a.shape == n_val.shape
        np.testing.assert_array_equal(a, n_val, strict=True)
    else:
        assert type(f_val) is type(n_val), (type(f_val), type(n_val))
        if isinstance(n_val, float) and n_val != n_val:
            assert f_val != f_val
        else:
            assert f_val == n_val


def pair(seed=0, bitgen="PCG64"):
    return (fr.Generator(getattr(fr, bitgen)(seed)), np.random.Generator(getattr(np.random, bitgen)(seed)))


def outcome(fn):
    try:
        return ("ok", fn())
    except Exception as e:  # noqa: BLE001 - the class and message are what is compared
        return ("err", type(e), str(e))


def same_error(f, n):
    a, b = outcome(f), outcome(n)
    assert a[0] == b[0] == "err", (a, b)
    assert a[1] is b[1] and a[2] == b[2], (a, b)


# ---- SeedSequence ------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("pool_size", [4, 8])
def test_seed_sequence_states(seed, pool_size):
    f = fr.SeedSequence(seed, pool_size=pool_size)
    n = np.random.SeedSequence(seed, pool_size=pool_size)
    for k in (1, 4, 7, 624):
        np.testing.assert_array_equal(np.asarray(f.generate_state(k)), n.generate_state(k), strict=True)
        np.testing.assert_array_equal(np.asarray(f.generate_state(k, np.uint64)), n.generate_state(k, np.uint64),
                                      strict=True)
    fc, nc = f.spawn(3), n.spawn(3)
    for a, b in zip(fc, nc):
        assert a.spawn_key == b.spawn_key
        np.testing.assert_array_equal(np.asarray(a.generate_state(5)), b.generate_state(5))
    assert repr(f) == repr(n)
    assert f.state == n.state


def test_seed_sequence_errors():
    same_error(lambda: fr.SeedSequence(-1), lambda: np.random.SeedSequence(-1))
    same_error(lambda: fr.SeedSequence(1.5), lambda: np.random.SeedSequence(1.5))
    same_error(lambda: fr.SeedSequence(1, pool_size=2), lambda: np.random.SeedSequence(1, pool_size=2))
    same_error(lambda: fr.SeedSequence(1).generate_state(2, np.int32),
               lambda: np.random.SeedSequence(1).generate_state(2, np.int32))


# ---- bit generators ----------------------------------------------------------------------

def _plain(state):
    """A state dict with arrays as lists, for comparing NumPy's and ferronum's."""
    if isinstance(state, dict):
        return {k: _plain(v) for k, v in state.items()}
    if hasattr(state, "tolist"):
        return state.tolist()
    return state


@pytest.mark.parametrize("bitgen", BITGENS)
@pytest.mark.parametrize("seed", SEEDS[:6])
def test_random_raw_and_state(bitgen, seed):
    f = getattr(fr, bitgen)(seed)
    n = getattr(np.random, bitgen)(seed)
    assert _plain(f.state) == _plain(n.state)
    np.testing.assert_array_equal(np.asarray(f.random_raw(1000)), n.random_raw(1000), strict=True)
    assert f.random_raw() == n.random_raw()
    assert _plain(f.state) == _plain(n.state)


@pytest.mark.parametrize("bitgen", BITGENS)
def test_state_moves_both_ways(bitgen):
    f = getattr(fr, bitgen)(3)
    n = getattr(np.random, bitgen)(99)
    fg, ng = fr.Generator(f), np.random.Generator(n)
    fg.random(3, dtype=np.float32)  # leaves a buffered half word in the 64-bit generators
    n.state = f.state if bitgen != "MT19937" else {"bit_generator": "MT19937",
                                                   "state": {"key": np.asarray(f.state["state"]["key"]),
                                                             "pos": f.state["state"]["pos"]}}
    same(fg.random(5, dtype=np.float32), ng.random(5, dtype=np.float32))
    ng.standard_normal(7)
    f.state = n.state
    same(fg.integers(0, 100, 50), ng.integers(0, 100, 50))


@pytest.mark.parametrize("bitgen", ["PCG64", "PCG64DXSM", "Philox"])
@pytest.mark.parametrize("delta", [1, 3, 1000, 2**70 + 5])
def test_advance_and_jumped(bitgen, delta):
    f = getattr(fr, bitgen)(5)
    n = getattr(np.random, bitgen)(5)
    f.random_raw(3)
    n.random_raw(3)
    f.advance(delta)
    n.advance(delta)
    assert _plain(f.state) == _plain(n.state)
    assert _plain(f.jumped(2).state) == _plain(n.jumped(2).state)


@pytest.mark.parametrize("bitgen", BITGENS)
def test_pickle_round_trip(bitgen):
    f = getattr(fr, bitgen)(11)
    f.random_raw(5)
    g = pickle.loads(pickle.dumps(f))
    assert _plain(g.state) == _plain(f.state)
    gen = fr.Generator(f)
    g2 = pickle.loads(pickle.dumps(gen))
    np.testing.assert_array_equal(np.asarray(g2.random(4)), np.asarray(gen.random(4)))


def test_state_errors():
    same_error(lambda: setattr(fr.PCG64(1), "state", {"bit_generator": "MT19937"}),
               lambda: setattr(np.random.PCG64(1), "state", {"bit_generator": "MT19937"}))
    same_error(lambda: setattr(fr.PCG64(1), "state", [1]), lambda: setattr(np.random.PCG64(1), "state", [1]))


# ---- Generator ---------------------------------------------------------------------------

@pytest.mark.parametrize("bitgen", BITGENS)
@pytest.mark.parametrize("seed", [0, 7, 2**40 + 3])
def test_generator_basic_streams(bitgen, seed):
    f, n = pair(seed, bitgen)
    same(f.random(), n.random())
    same(f.random(1001), n.random(1001))
    same(f.random((3, 5), dtype=np.float32), n.random((3, 5), dtype=np.float32))
    same(f.standard_normal(5001), n.standard_normal(5001))
    same(f.standard_normal(777, dtype=np.float32), n.standard_normal(777, dtype=np.float32))
    same(f.standard_exponential(3001), n.standard_exponential(3001))
    same(f.standard_exponential(999, dtype=np.float32), n.standard_exponential(999, dtype=np.float32))
    same(f.standard_exponential(10, method="inv"), n.standard_exponential(10, method="inv"))
    same(f.normal(3.0, 2.0, 100), n.normal(3.0, 2.0, 100))
    same(f.normal(), n.normal())
    same(f.exponential(2.5, (4, 4)), n.exponential(2.5, (4, 4)))
    same(f.uniform(-2, 5, 300), n.uniform(-2, 5, 300))
    same(f.uniform(), n.uniform())
    same(f.bytes(13), n.bytes(13))


def test_ziggurat_tails():
    # enough draws to pass through the rare wedge and tail branches many times
    f, n = pair(2024)
    same(f.standard_normal(300_000), n.standard_normal(300_000))
    same(f.standard_exponential(300_000), n.standard_exponential(300_000))
    same(f.standard_normal(200_000, dtype=np.float32), n.standard_normal(200_000, dtype=np.float32))
    same(f.standard_exponential(200_000, dtype=np.float32), n.standard_exponential(200_000, dtype=np.float32))


def test_ziggurat_tables_are_the_generator_output():
    # the Rust tables must be exactly what tools/gen_ziggurat.py computes (it fails otherwise)
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    gen = root / "tools" / "gen_ziggurat.py"
    res = subprocess.run([sys.executable, str(gen), "--check"], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


def test_out_argument():
    f, n = pair(8)
    fo = fnp.empty(10)
    no = np.empty(10)
    r = f.random(out=fo)
    assert r is fo
    n.random(out=no)
    same(fo, no)
    fo32 = fnp.empty((2, 3), dtype=np.float32)
    no32 = np.empty((2, 3), dtype=np.float32)
    f.standard_normal(out=fo32, dtype=np.float32)
    n.standard_normal(out=no32, dtype=np.float32)
    same(fo32, no32)
    same_error(lambda: f.random(out=fnp.empty(3, dtype=np.float32)), lambda: n.random(out=np.empty(3, dtype=np.float32)))
    same_error(lambda: f.random(size=4, out=fnp.empty(3)), lambda: n.random(size=4, out=np.empty(3)))
    same_error(lambda: f.random(dtype=np.int32), lambda: n.random(dtype=np.int32))


INT_DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]


@pytest.mark.parametrize("dtype", INT_DTYPES)
@pytest.mark.parametrize("endpoint", [False, True])
def test_integers_every_dtype(dtype, endpoint):
    info = np.iinfo(dtype) if dtype != "bool" else None
    lo, hi = (0, 1) if info is None else (int(info.min), int(info.max))
    bounds = [(lo, hi if endpoint else hi + 0)]
    for span in (1, 2, 3, 7, 100, 255, 256, 1000, 2**15, 2**16 + 3, 2**31 + 5, 2**32, 2**40, 2**63 + 3):
        if lo + span <= hi:
            bounds.append((lo, lo + span))
        if hi - span >= lo and hi - span >= 0:
            bounds.append((hi - span, hi))
    f, n = pair(31)
    for a, b in bounds:
        same(f.integers(a, b, 300, dtype=dtype, endpoint=endpoint), n.integers(a, b, 300, dtype=dtype, endpoint=endpoint))
        same(f.integers(a, b, dtype=dtype, endpoint=endpoint), n.integers(a, b, dtype=dtype, endpoint=endpoint))


def test_integers_array_bounds():
    f, n = pair(77)
    lows = [[0], [5], [9]]
    highs = [10, 20, 1000, 2**20]
    for dt in ("int64", "int32", "uint8", "int16", "bool", "uint64"):
        if dt in ("uint8", "int16", "bool"):
            lo, hi = [[0], [0]], [1, 2]
        else:
            lo, hi = lows, highs
        same(f.integers(lo, hi, dtype=dt), n.integers(lo, hi, dtype=dt))
        same(f.integers(lo, hi, size=(5, len(lo), len(hi)), dtype=dt), n.integers(lo, hi, size=(5, len(lo), len(hi)), dtype=dt))
    same(f.integers([3, 7, 2**40]), n.integers([3, 7, 2**40]))
    # NumPy fills a size smaller than the bounds' broadcast from its first positions
    same(f.integers(0, [[5], [6]], size=(3,)), n.integers(0, [[5], [6]], size=(3,)))


def test_integers_errors():
    f, n = pair(1)
    for args, kw in [((5, 5), {}), ((0,), {}), ((10, 2), {}), ((-1, 300), {"dtype": np.uint8}),
                     ((0, 257), {"dtype": np.uint8}), ((0, 1), {"dtype": np.float64}),
                     ((-129, 0), {"dtype": np.int8}), ((0, 2**64 + 1), {"dtype": np.uint64}),
                     (([5, 1], 3), {}), ((0, [5, 0]), {}), ((6, 5), {"endpoint": True}),
                     (([0, 1], 2), {"size": 3})]:
        same_error(lambda: f.integers(*args, **kw), lambda: n.integers(*args, **kw))


@given(seed=st.integers(0, 2**64), n=st.integers(0, 2000), low=st.integers(-2**40, 2**40),
       span=st.integers(1, 2**41), dtype=st.sampled_from(["int64", "uint64", "int32", "uint32"]))
def test_integers_hypothesis(seed, n, low, span, dtype):
    info = np.iinfo(dtype)
    low = max(int(info.min), min(low, int(info.max) - 1))
    high = min(int(info.max), low + span)
    f, g = pair(seed)
    same(f.integers(low, high, n, dtype=dtype), g.integers(low, high, n, dtype=dtype))


@pytest.mark.parametrize("seed", [0, 1, 5])
def test_choice_and_permutations(seed):
    f, n = pair(seed)
    same(f.choice(10), n.choice(10))
    same(f.choice(100, 20), n.choice(100, 20))
    same(f.choice(100, 20, replace=False), n.choice(100, 20, replace=False))
    same(f.choice(100, 20, replace=False, shuffle=False), n.choice(100, 20, replace=False, shuffle=False))
    same(f.choice(50_000, 5_000, replace=False), n.choice(50_000, 5_000, replace=False))
    p = np.array([0.1, 0.2, 0.3, 0.4])
    same(f.choice(4, 30, p=p), n.choice(4, 30, p=p))
    same(f.choice(4, 3, replace=False, p=p), n.choice(4, 3, replace=False, p=p))
    a = np.arange(24).reshape(6, 4)
    same(f.choice(fnp.asarray(a), 3), n.choice(a, 3))
    same(f.choice(fnp.asarray(a), 2, axis=1), n.choice(a, 2, axis=1))
    same(f.permutation(10), n.permutation(10))
    same(f.permutation(fnp.asarray(a)), n.permutation(a))
    same(f.permutation(fnp.asarray(a), axis=1), n.permutation(a, axis=1))
    fa = fnp.arange(20.0)
    na = np.arange(20.0)
    f.shuffle(fa)
    n.shuffle(na)
    same(fa, na)
    fb = fnp.asarray(a.copy())
    nb = a.copy()
    f.shuffle(fb, axis=1)
    n.shuffle(nb, axis=1)
    same(fb, nb)
    lst_f, lst_n = list(range(10)), list(range(10))
    f.shuffle(lst_f)
    n.shuffle(lst_n)
    assert lst_f == lst_n
    same(f.permuted(fnp.asarray(a)), n.permuted(a))
    same(f.permuted(fnp.asarray(a), axis=1), n.permuted(a, axis=1))
    same(f.permuted(fnp.asarray(a), axis=0), n.permuted(a, axis=0))


def test_choice_errors():
    f, n = pair(0)
    cases = [((0, 3), {}), ((5, 10), {"replace": False}), ((3, 2), {"p": [0.5, 0.6, 0.1]}),
             ((3, 2), {"p": [-0.5, 1.0, 0.5]}), ((3, 2), {"p": [0.5, 0.5]}), ((1.5,), {}),
             ((3, 3), {"replace": False, "p": [0.5, 0.5, 0.0]})]
    for args, kw in cases:
        same_error(lambda: f.choice(*args, **kw), lambda: n.choice(*args, **kw))


DISTS = [
    ("gamma", (2.5, 2.0)), ("gamma", (0.5,)), ("standard_gamma", (3.0,)), ("standard_gamma", (0.3,)),
    ("beta", (0.5, 0.7)), ("beta", (2.0, 3.0)), ("chisquare", (3.0,)), ("f", (3.0, 5.0)),
    ("noncentral_chisquare", (3.0, 2.0)), ("noncentral_chisquare", (0.5, 2.0)), ("noncentral_f", (3.0, 5.0, 1.5)),
    ("standard_cauchy", ()), ("standard_t", (4.0,)), ("pareto", (3.0,)), ("weibull", (1.5,)), ("power", (2.0,)),
    ("laplace", (1.0, 2.0)), ("gumbel", (1.0, 2.0)), ("logistic", (1.0, 2.0)), ("lognormal", (0.5, 0.7)),
    ("rayleigh", (2.0,)), ("wald", (1.0, 2.0)), ("vonmises", (0.5, 4.0)), ("vonmises", (0.5, 1e-6)),
    ("triangular", (0.0, 1.0, 3.0)), ("poisson", (3.0,)), ("poisson", (50.0,)), ("binomial", (10, 0.3)),
    ("binomial", (1000, 0.4)), ("binomial", (1000, 0.7)), ("negative_binomial", (5, 0.3)), ("geometric", (0.2,)),
    ("geometric", (0.6,)), ("zipf", (2.0,)), ("logseries", (0.6,)), ("logseries", (0.99,)),
]


@pytest.mark.parametrize("name,args", DISTS, ids=[f"{d}{a}" for d, a in DISTS])
def test_generator_distributions(name, args):
    for seed in (0, 9):
        f, n = pair(seed)
        same(getattr(f, name)(*args, size=2000), getattr(n, name)(*args, size=2000))
        same(getattr(f, name)(*args), getattr(n, name)(*args))


def test_distribution_broadcasting():
    f, n = pair(4)
    loc = np.array([[0.0], [10.0]])
    scale = np.array([1.0, 2.0, 3.0])
    same(f.normal(fnp.asarray(loc), fnp.asarray(scale)), n.normal(loc, scale))
    same(f.normal(loc, scale, size=(4, 2, 3)), n.normal(loc, scale, size=(4, 2, 3)))
    same(f.gamma([0.5, 2.0, 4.0], 1.0), n.gamma([0.5, 2.0, 4.0], 1.0))
    same(f.poisson([1.0, 20.0, 0.0], size=(2, 3)), n.poisson([1.0, 20.0, 0.0], size=(2, 3)))
    same(f.binomial([5, 50, 500], [0.1, 0.5, 0.9]), n.binomial([5, 50, 500], [0.1, 0.5, 0.9]))
    same(f.uniform([0, 1], [2, 5], size=(3, 2)), n.uniform([0, 1], [2, 5], size=(3, 2)))
    same(f.standard_gamma([0.5, 3.0], dtype=np.float32), n.standard_gamma([0.5, 3.0], dtype=np.float32))
    same(f.standard_gamma(2.0, 50, dtype=np.float32), n.standard_gamma(2.0, 50, dtype=np.float32))
    same_error(lambda: f.normal([1, 2], 1, size=3), lambda: n.normal([1, 2], 1, size=3))


def test_multivariate_family():
    f, n = pair(6)
    same(f.multinomial(20, [0.2, 0.3, 0.5]), n.multinomial(20, [0.2, 0.3, 0.5]))
    same(f.multinomial(100, [0.1, 0.6, 0.3], size=(4, 2)), n.multinomial(100, [0.1, 0.6, 0.3], size=(4, 2)))
    same(f.dirichlet([1.0, 2.0, 3.0], size=5), n.dirichlet([1.0, 2.0, 3.0], size=5))
    same(f.dirichlet([0.01, 0.05, 0.02], size=5), n.dirichlet([0.01, 0.05, 0.02], size=5))


PARAM_ERRORS = [
    ("normal", (0, -1)), ("exponential", (-1,)), ("gamma", (-1,)), ("beta", (0, 1)), ("chisquare", (0,)),
    ("poisson", (-1,)), ("poisson", (1e19,)), ("binomial", (10, 1.5)), ("binomial", (-1, 0.5)),
    ("geometric", (0,)), ("zipf", (1.0,)), ("logseries", (1.0,)), ("wald", (0, 1)), ("vonmises", (0, -1)),
    ("triangular", (2, 1, 3)), ("triangular", (1, 1, 1)), ("pareto", (0,)), ("weibull", (-1,)),
    ("negative_binomial", (1, 0)), ("normal", ([0, 1], [1, -1])), ("poisson", ([1, -1],)),
    ("uniform", (0, np.inf)), ("binomial", (5, [0.5, np.nan])), ("poisson", ([1e19],)),
]


@pytest.mark.parametrize("name,args", PARAM_ERRORS, ids=[f"{d}{a}" for d, a in PARAM_ERRORS])
def test_parameter_errors(name, args):
    f, n = pair(0)
    same_error(lambda: getattr(f, name)(*args), lambda: getattr(n, name)(*args))


def test_default_rng_and_spawn():
    same(fr.default_rng(5).random(3), np.random.default_rng(5).random(3))
    same(fr.default_rng(fr.SeedSequence(5)).random(3), np.random.default_rng(np.random.SeedSequence(5)).random(3))
    g = fr.default_rng(3)
    assert fr.default_rng(g) is g
    same(fr.default_rng(fr.MT19937(3)).random(3), np.random.default_rng(np.random.MT19937(3)).random(3))
    fc = fr.default_rng(9).spawn(2)
    nc = np.random.default_rng(9).spawn(2)
    for a, b in zip(fc, nc):
        same(a.random(4), b.random(4))
    assert str(fr.default_rng(0)) == str(np.random.default_rng(0))


# ---- RandomState and the module functions -------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 123, 2**32 - 1, [1, 2, 3], np.arange(700)])
def test_legacy_streams(seed):
    f = fr.RandomState(seed)
    n = np.random.RandomState(seed)
    same(f.random_sample(10), n.random_sample(10))
    same(f.rand(3, 4), n.rand(3, 4))
    same(f.randn(7), n.randn(7))  # odd count leaves a cached Gaussian
    same(f.standard_normal(), n.standard_normal())
    same(f.randint(0, 10, 20), n.randint(0, 10, 20))
    same(f.randint(5), n.randint(5))
    same(f.randint(-5, 2**40, 10), n.randint(-5, 2**40, 10))
    for dt in INT_DTYPES:
        same(f.randint(0, 2 if dt == "bool" else 100, 50, dtype=dt), n.randint(0, 2 if dt == "bool" else 100, 50, dtype=dt))
    same(f.normal(2, 3, 5), n.normal(2, 3, 5))
    same(f.uniform(1, 2, 5), n.uniform(1, 2, 5))
    same(f.exponential(2, 5), n.exponential(2, 5))
    same(f.choice(10, 5), n.choice(10, 5))
    same(f.choice(10, 5, replace=False), n.choice(10, 5, replace=False))
    same(f.choice(4, 6, p=[0.1, 0.2, 0.3, 0.4]), n.choice(4, 6, p=[0.1, 0.2, 0.3, 0.4]))
    same(f.permutation(12), n.permutation(12))
    fa, na = fnp.arange(15), np.arange(15)
    f.shuffle(fa)
    n.shuffle(na)
    same(fa, na)
    same(f.bytes(10), n.bytes(10))
    fs, ns = f.get_state(), n.get_state()
    assert fs[0] == ns[0] and fs[2:] == ns[2:]
    np.testing.assert_array_equal(fs[1], ns[1])


LEGACY_DISTS = [
    ("standard_gamma", (0.5,)), ("standard_gamma", (3.0,)), ("gamma", (2.0, 3.0)), ("beta", (0.5, 0.5)),
    ("beta", (2.0, 5.0)), ("chisquare", (4.0,)), ("f", (3.0, 4.0)), ("noncentral_chisquare", (3.0, 1.0)),
    ("noncentral_chisquare", (0.5, 1.0)), ("noncentral_f", (3.0, 4.0, 1.0)), ("standard_cauchy", ()),
    ("standard_t", (3.0,)), ("pareto", (2.0,)), ("weibull", (2.0,)), ("power", (3.0,)), ("laplace", (0.0, 1.0)),
    ("gumbel", (0.0, 1.0)), ("logistic", (0.0, 1.0)), ("lognormal", (0.0, 1.0)), ("rayleigh", (1.0,)),
    ("wald", (1.0, 1.0)), ("vonmises", (0.0, 2.0)), ("triangular", (0.0, 0.5, 1.0)), ("poisson", (4.0,)),
    ("poisson", (40.0,)), ("binomial", (20, 0.3)), ("binomial", (2000, 0.6)), ("negative_binomial", (3, 0.4)),
    ("geometric", (0.1,)), ("geometric", (0.5,)), ("zipf", (3.0,)), ("logseries", (0.7,)),
    ("hypergeometric", (10, 5, 7)), ("hypergeometric", (100, 200, 50)), ("standard_exponential", ()),
]


@pytest.mark.parametrize("name,args", LEGACY_DISTS, ids=[f"{d}{a}" for d, a in LEGACY_DISTS])
def test_legacy_distributions(name, args):
    f = fr.RandomState(17)
    n = np.random.RandomState(17)
    same(getattr(f, name)(*args, size=1500), getattr(n, name)(*args, size=1500))
    same(getattr(f, name)(*args), getattr(n, name)(*args))


def test_legacy_multivariate():
    f = fr.RandomState(2)
    n = np.random.RandomState(2)
    same(f.multinomial(20, [0.2, 0.3, 0.5], size=3), n.multinomial(20, [0.2, 0.3, 0.5], size=3))
    same(f.dirichlet([1.0, 2.0], size=4), n.dirichlet([1.0, 2.0], size=4))


def test_module_functions():
    for seed in (0, 5, 1234):
        fr.seed(seed)
        np.random.seed(seed)
        same(fr.rand(5), np.random.rand(5))
        same(fr.randn(2, 3), np.random.randn(2, 3))
        same(fr.randint(0, 100, 10), np.random.randint(0, 100, 10))
        same(fr.random(4), np.random.random(4))
        same(fr.random_sample(), np.random.random_sample())
        same(fr.ranf(2), np.random.ranf(2))
        same(fr.sample(2), np.random.sample(2))
        same(fr.normal(1, 2, 3), np.random.normal(1, 2, 3))
        same(fr.uniform(0, 3, 3), np.random.uniform(0, 3, 3))
        same(fr.exponential(1.0, 3), np.random.exponential(1.0, 3))
        same(fr.standard_normal(3), np.random.standard_normal(3))
        same(fr.choice(10, 3), np.random.choice(10, 3))
        same(fr.permutation(6), np.random.permutation(6))
        same(fr.binomial(10, 0.5, 4), np.random.binomial(10, 0.5, 4))
        same(fr.poisson(3, 4), np.random.poisson(3, 4))
        same(fr.gamma(2.0, 1.0, 4), np.random.gamma(2.0, 1.0, 4))
        same(fr.beta(2.0, 3.0, 4), np.random.beta(2.0, 3.0, 4))
    st_f = fr.get_state()
    st_n = np.random.get_state()
    np.testing.assert_array_equal(st_f[1], st_n[1])
    np.random.set_state(st_f)
    same(fr.randn(3), np.random.randn(3))
    fr.set_state(np.random.get_state())
    same(fr.rand(3), np.random.rand(3))


def test_legacy_errors():
    same_error(lambda: fr.seed(-1), lambda: np.random.seed(-1))
    same_error(lambda: fr.seed(2**32), lambda: np.random.seed(2**32))
    same_error(lambda: fr.RandomState([]), lambda: np.random.RandomState([]))
    same_error(lambda: fr.randint(5, 5), lambda: np.random.randint(5, 5))
    same_error(lambda: fr.choice(5, 6, replace=False), lambda: np.random.choice(5, 6, replace=False))
    same_error(lambda: fr.normal(0, -1), lambda: np.random.normal(0, -1))
    same_error(lambda: fr.set_state(("PCG64", None, 0)), lambda: np.random.set_state(("PCG64", None, 0)))


def test_legacy_pickle():
    f = fr.RandomState(3)
    f.randn()
    g = pickle.loads(pickle.dumps(f))
    np.testing.assert_array_equal(np.asarray(g.randn(3)), np.asarray(f.randn(3)))


def test_thread_count_does_not_change_values():
    prev = fnp.get_num_threads()
    try:
        out = []
        for k in (1, 2, 3, 5):
            fnp.set_num_threads(k)
            g = fr.default_rng(1)
            out.append((np.asarray(g.random(300_001)), np.asarray(g.integers(0, 1000, 300_001))))
    finally:
        fnp.set_num_threads(prev)
    n = np.random.default_rng(1)
    want = (n.random(300_001), n.integers(0, 1000, 300_001))
    for a, b in out:
        np.testing.assert_array_equal(a, want[0])
        np.testing.assert_array_equal(b, want[1])


@pytest.mark.parametrize("bitgen", ["PCG64", "PCG64DXSM", "MT19937"])
@pytest.mark.parametrize("span", [1000, 2**31 + 12345, 3 * 2**30, 2**32 - 2, 2**20, 1431441099])
@pytest.mark.parametrize("dtype", ["int64", "uint32", "int32"])
def test_large_integers_parallel_path(bitgen, span, dtype):
    # Large outputs draw on every thread (PCG64 jumps); the stream must still be NumPy's,
    # with a buffered half-word left by a float32 draw before and the state after.
    lo = -(2**31) if dtype == "int32" else 0
    hi = lo + span
    if hi > np.iinfo(dtype).max + 1:
        pytest.skip("range exceeds dtype")
    f, n = pair(123, bitgen)
    same(f.random(1, dtype=np.float32), n.random(1, dtype=np.float32))
    same(f.integers(lo, hi, 200_001, dtype=dtype), n.integers(lo, hi, 200_001, dtype=dtype))
    same(f.random(3, dtype=np.float32), n.random(3, dtype=np.float32))
    same(f.integers(lo, hi, 100_000, dtype=dtype), n.integers(lo, hi, 100_000, dtype=dtype))
    assert _plain(f.bit_generator.state) == _plain(n.bit_generator.state)


@pytest.mark.parametrize("bitgen", ["PCG64", "PCG64DXSM"])
def test_large_uniform_parallel_path(bitgen):
    f, n = pair(5, bitgen)
    same(f.random(1, dtype=np.float32), n.random(1, dtype=np.float32))
    same(f.random(300_001), n.random(300_001))
    same(f.uniform(-3.0, 7.0, 100_000), n.uniform(-3.0, 7.0, 100_000))
    np.testing.assert_array_equal(np.asarray(f.bit_generator.random_raw(100_000)), n.bit_generator.random_raw(100_000))
    assert _plain(f.bit_generator.state) == _plain(n.bit_generator.state)


@pytest.mark.parametrize("args", [(10, 5, 7), (100, 200, 50), (5, 5, 3), (1000, 10, 990), (0, 5, 2)])
def test_generator_hypergeometric(args):
    f, n = pair(21)
    same(f.hypergeometric(*args, size=500), n.hypergeometric(*args, size=500))
    same(f.hypergeometric(*args), n.hypergeometric(*args))
    same_error(lambda: f.hypergeometric(2, 2, 5), lambda: n.hypergeometric(2, 2, 5))
    same_error(lambda: f.hypergeometric(-1, 2, 1), lambda: n.hypergeometric(-1, 2, 1))


@pytest.mark.parametrize("bounds", [(0, 10), (-5, 5), (-(2**63), 2**63), (0, 2**63 - 1), (3, 3), (7,), (1,),
                                    (2**63 - 1, 2**63), (-(2**63), -(2**63) + 1)])
@pytest.mark.parametrize("endpoint", [False, True])
def test_integers_int_bounds_per_call_path(bounds, endpoint):
    # Python int bounds with a length take the per-call path; the edges (empty ranges, the
    # int64 limits, bounds just past them) must still give NumPy's values and errors.
    f, n = pair(77)
    a = outcome(lambda: f.integers(*bounds, size=9, endpoint=endpoint))
    b = outcome(lambda: n.integers(*bounds, size=9, endpoint=endpoint))
    assert a[0] == b[0], (a, b)
    if a[0] == "ok":
        same(a[1], b[1])
    else:
        assert a[1] is b[1] and a[2] == b[2], (a, b)
    same(f.random(5), n.random(5))
    same(f.standard_normal(4), n.standard_normal(4))


def test_legacy_rand_randn_lengths():
    f, n = fr.RandomState(3), np.random.RandomState(3)
    same(f.rand(6), n.rand(6))
    same(f.randn(5), n.randn(5))
    same(f.rand(2, 3), n.rand(2, 3))
    same(f.randn(0), n.randn(0))
    same_error(lambda: f.randn(2.0), lambda: n.randn(2.0))
    same_error(lambda: f.rand(-1), lambda: n.rand(-1))


@pytest.mark.parametrize("params", [(0.0, 1.0), (2, 3), (-1.5, 0.0), (1.0, float("nan")), (float("inf"), 1.0),
                                    (0.0, -1.0), (2**60, 1), (1.0, 2**70)])
def test_normal_number_parameters_per_call_path(params):
    f, n = pair(31)
    a = outcome(lambda: f.normal(*params, size=7))
    b = outcome(lambda: n.normal(*params, size=7))
    assert a[0] == b[0], (a, b)
    if a[0] == "ok":
        same(a[1], b[1])
    else:
        assert a[1] is b[1] and a[2] == b[2], (a, b)
    same(f.normal(*params[:1]), n.normal(*params[:1]))
