"""The legacy ``RandomState`` and the module-level functions (``seed``, ``rand``, ``randn``,
``randint``, ...) over one global instance, with NumPy's frozen legacy streams (MT19937
seeding, polar Gaussians with a cached value, masked bounded integers)."""

import math
import operator
import warnings

import numpy as _np

from .. import _ferronum as _ext
from .._dtype_tools import finfo as _finfo
from .._ferronum import asarray as _asarray
from ._bit_generator import MT19937, BitGenerator
from ._common import as_f64, bounded_integers, draw, size_tuple, _prod

_INT_NAMES = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"}


class RandomState:
    """NumPy's legacy ``RandomState`` (MT19937), bit for bit."""

    def __init__(self, seed=None):
        if seed is None:
            bit_generator = MT19937()
        elif not isinstance(seed, BitGenerator):
            bit_generator = MT19937()
            bit_generator._legacy_seeding(seed)
        else:
            bit_generator = seed
        self._bit_generator = bit_generator
        self._core = bit_generator._core
        self.lock = bit_generator.lock
        self._core.set_gauss(False, 0.0)

    def __repr__(self):
        return f"{self} at 0x{id(self):X}"

    def __str__(self):
        return f"{type(self).__name__}({type(self._bit_generator).__name__})"

    def __getstate__(self):
        return self.get_state(legacy=False)

    def __setstate__(self, state):
        self.set_state(state)

    def __reduce__(self):
        return (_randomstate_ctor, ("MT19937",), self.get_state(legacy=False))

    def seed(self, seed=None):
        if not isinstance(self._bit_generator, MT19937):
            raise TypeError("can only re-seed a MT19937 BitGenerator")
        self._bit_generator._legacy_seeding(seed)
        self._core = self._bit_generator._core
        self._core.set_gauss(False, 0.0)

    def get_state(self, legacy=True):
        st = self._bit_generator.state
        _t, (has_gauss, gauss) = self._core.get_state()
        if legacy and not isinstance(self._bit_generator, MT19937):
            legacy = False
            warnings.warn("get_state and legacy can only be used with the MT19937 BitGenerator. To silence "
                          "this warning, set `legacy` to False.", RuntimeWarning)
        if legacy:
            key = st["state"]["key"]
            return ("MT19937", key, st["state"]["pos"], int(has_gauss), float(gauss))
        st["has_gauss"] = int(has_gauss)
        st["gauss"] = float(gauss)
        return st

    def set_state(self, state):
        if isinstance(state, dict):
            if "bit_generator" not in state or "state" not in state:
                raise ValueError("state dictionary is not valid.")
            st = state
        else:
            if not isinstance(state, (tuple, list)):
                raise TypeError("state must be a dict or a tuple.")
            if state[0] != "MT19937":
                raise ValueError("set_state can only be used with legacy MT19937 state instances.")
            st = {"bit_generator": state[0], "state": {"key": state[1], "pos": state[2]}}
            if len(state) > 3:
                st["has_gauss"] = state[3]
                st["gauss"] = state[4]
        self._bit_generator.state = st
        self._core = self._bit_generator._core
        self._core.set_gauss(bool(st.get("has_gauss", 0)), float(st.get("gauss", 0.0)))

    # ---- uniform floats and integers --------------------------------------------------------

    def random_sample(self, size=None):
        if type(size) is int and size >= 0:
            with self.lock:
                return self._core.standard("random", [size], False)
        shape = size_tuple(size)
        with self.lock:
            r = self._core.standard("random", list(shape or ()), False)
        return r.item() if shape is None else r

    def random(self, size=None):
        return self.random_sample(size=size)

    def rand(self, *args):
        if len(args) == 0:
            return self.random_sample()
        if len(args) == 1 and type(args[0]) is int:
            return self.random_sample(size=args[0])
        return self.random_sample(size=args)

    def randn(self, *args):
        if len(args) == 0:
            return self.standard_normal()
        if len(args) == 1 and type(args[0]) is int:
            return self.standard_normal(size=args[0])
        return self.standard_normal(size=args)

    def tomaxint(self, size=None):
        return self.randint(0, _np.iinfo(_np.int64).max, size=size, dtype=_np.int64)

    def randint(self, low, high=None, size=None, dtype=int):
        if high is None:
            high = low
            low = 0
        dt = _np.dtype(dtype)
        name = dt.name
        if name not in _INT_NAMES:
            raise TypeError(f"Unsupported dtype {dt!r} for randint")
        if not dt.isnative:
            raise ValueError("Providing a dtype with a non-native byteorder is not supported. If you require "
                             "platform-independent byteorder, call byteswap when required.")
        with self.lock:
            ret = bounded_integers(self._core, low, high, size, dt, True, False, name)
        if size is None and dtype in (bool, int) and getattr(ret, "ndim", 0) == 0:
            return dtype(ret)
        return ret

    def random_integers(self, low, high=None, size=None):
        if high is None:
            warnings.warn("This function is deprecated. Please call randint(1, {low} + 1) instead".format(low=low),
                          DeprecationWarning)
            high = low
            low = 1
        else:
            warnings.warn("This function is deprecated. Please call randint({low}, {high} + 1) "
                          "instead".format(low=low, high=high), DeprecationWarning)
        return self.randint(low, int(high) + 1, size=size, dtype="l")

    def bytes(self, length):
        with self.lock:
            return self._core.bytes(operator.index(length))

    # ---- continuous distributions -------------------------------------------------------------

    def _cont(self, name, args, size):
        with self.lock:
            return draw(self._core, "cont", name, args, size)

    def _disc(self, name, args, size):
        with self.lock:
            return draw(self._core, "disc", name, args, size, dtype=_np.int64)

    def uniform(self, low=0.0, high=1.0, size=None):
        lo = as_f64(low)
        hi = as_f64(high)
        rng = hi - lo
        if not bool(_ext.all(_ext.isfinite(rng))):
            raise OverflowError("high - low range exceeds valid bounds")
        if lo.ndim == 0 and hi.ndim == 0:
            shape = size_tuple(size)
            with self.lock:
                r = self._core.uniform(lo.item(), rng.item(), list(shape or ()))
            return r.item() if shape is None else r
        return self._cont("uniform", [(lo, "low", None), (hi, "high", None)], size)

    def standard_normal(self, size=None):
        if type(size) is int and size >= 0:
            with self.lock:
                return self._core.cont("legacy_standard_normal", [], [size])
        return self._cont("legacy_standard_normal", [], size)

    def normal(self, loc=0.0, scale=1.0, size=None):
        return self._cont("legacy_normal", [(loc, "loc", None), (scale, "scale", "nonneg")], size)

    def standard_exponential(self, size=None):
        return self._cont("legacy_standard_exponential", [], size)

    def exponential(self, scale=1.0, size=None):
        return self._cont("legacy_exponential", [(scale, "scale", "nonneg")], size)

    def standard_gamma(self, shape, size=None):
        return self._cont("legacy_standard_gamma", [(shape, "shape", "nonneg")], size)

    def gamma(self, shape, scale=1.0, size=None):
        return self._cont("legacy_gamma", [(shape, "shape", "nonneg"), (scale, "scale", "nonneg")], size)

    def beta(self, a, b, size=None):
        return self._cont("legacy_beta", [(a, "a", "pos"), (b, "b", "pos")], size)

    def chisquare(self, df, size=None):
        return self._cont("legacy_chisquare", [(df, "df", "pos")], size)

    def f(self, dfnum, dfden, size=None):
        return self._cont("legacy_f", [(dfnum, "dfnum", "pos"), (dfden, "dfden", "pos")], size)

    def noncentral_chisquare(self, df, nonc, size=None):
        return self._cont("legacy_noncentral_chisquare", [(df, "df", "pos"), (nonc, "nonc", "nonneg")], size)

    def noncentral_f(self, dfnum, dfden, nonc, size=None):
        return self._cont("legacy_noncentral_f", [(dfnum, "dfnum", "pos"), (dfden, "dfden", "pos"),
                                                  (nonc, "nonc", "nonneg")], size)

    def standard_cauchy(self, size=None):
        return self._cont("legacy_standard_cauchy", [], size)

    def standard_t(self, df, size=None):
        return self._cont("legacy_standard_t", [(df, "df", "pos")], size)

    def pareto(self, a, size=None):
        return self._cont("legacy_pareto", [(a, "a", "pos")], size)

    def weibull(self, a, size=None):
        return self._cont("legacy_weibull", [(a, "a", "nonneg")], size)

    def power(self, a, size=None):
        return self._cont("legacy_power", [(a, "a", "pos")], size)

    def laplace(self, loc=0.0, scale=1.0, size=None):
        return self._cont("laplace", [(loc, "loc", None), (scale, "scale", "nonneg")], size)

    def gumbel(self, loc=0.0, scale=1.0, size=None):
        return self._cont("gumbel", [(loc, "loc", None), (scale, "scale", "nonneg")], size)

    def logistic(self, loc=0.0, scale=1.0, size=None):
        return self._cont("logistic", [(loc, "loc", None), (scale, "scale", "nonneg")], size)

    def lognormal(self, mean=0.0, sigma=1.0, size=None):
        return self._cont("legacy_lognormal", [(mean, "mean", None), (sigma, "sigma", "nonneg")], size)

    def rayleigh(self, scale=1.0, size=None):
        return self._cont("legacy_rayleigh", [(scale, "scale", "nonneg")], size)

    def wald(self, mean, scale, size=None):
        return self._cont("legacy_wald", [(mean, "mean", "pos"), (scale, "scale", "pos")], size)

    def vonmises(self, mu, kappa, size=None):
        return self._cont("legacy_vonmises", [(mu, "mu", None), (kappa, "kappa", "nonneg")], size)

    def triangular(self, left, mode, right, size=None):
        l_, m_, r_ = as_f64(left), as_f64(mode), as_f64(right)
        if bool(_ext.any(_ext.greater(l_, m_))):
            raise ValueError("left > mode")
        if bool(_ext.any(_ext.greater(m_, r_))):
            raise ValueError("mode > right")
        if bool(_ext.any(_ext.equal(l_, r_))):
            raise ValueError("left == right")
        return self._cont("triangular", [(l_, "left", None), (m_, "mode", None), (r_, "right", None)], size)

    # ---- discrete distributions ---------------------------------------------------------------

    def poisson(self, lam=1.0, size=None):
        return self._disc("legacy_poisson", [(lam, "lam", "poisson")], size)

    def binomial(self, n, p, size=None):
        n_a = _asarray(n)
        if n_a.dtype.kind == "f":
            n_a = n_a.astype(_np.int64)
        return self._disc("legacy_binomial", [(n_a, "n", "nonneg"), (p, "p", "0_1")], size)

    def negative_binomial(self, n, p, size=None):
        return self._disc("legacy_negative_binomial", [(n, "n", "pos"), (p, "p", "0_1")], size)

    def geometric(self, p, size=None):
        return self._disc("legacy_geometric", [(p, "p", "gt0_1")], size)

    def zipf(self, a, size=None):
        return self._disc("legacy_zipf", [(a, "a", "gt1")], size)

    def logseries(self, p, size=None):
        return self._disc("legacy_logseries", [(p, "p", "0_lt1")], size)

    def hypergeometric(self, ngood, nbad, nsample, size=None):
        g, b, s = _asarray(ngood).astype(_np.int64), _asarray(nbad).astype(_np.int64), _asarray(nsample).astype(_np.int64)
        for v, nm in ((g, "ngood"), (b, "nbad")):
            if bool(_ext.any(_ext.less(v, 0))):
                raise ValueError(f"{nm} < 0")
        if bool(_ext.any(_ext.less(s, 1))):
            raise ValueError("nsample < 1")
        if bool(_ext.any(_ext.less(g + b, s))):
            raise ValueError("ngood + nbad < nsample")
        return self._disc("legacy_hypergeometric", [(g, "ngood", None), (b, "nbad", None), (s, "nsample", None)], size)

    def multinomial(self, n, pvals, size=None):
        pv = as_f64(pvals)
        plist = pv.ravel().tolist()
        if any(p < 0 for p in plist) or any(p > 1 for p in plist) or any(p != p for p in plist):
            raise ValueError("pvals < 0, pvals > 1 or pvals contains NaNs")
        if len(plist) and _ext._kahan_sum(plist[:-1]) > 1.0 + 1e-12:
            raise ValueError("sum(pvals[:-1]) > 1.0")
        shape = size_tuple(size) or ()
        with self.lock:
            r = self._core.multinomial([int(n)] * _prod(shape), plist, True)
        return r.reshape(tuple(shape) + (len(plist),))

    def dirichlet(self, alpha, size=None):
        alist = as_f64(alpha).ravel().tolist()
        if any(a <= 0 for a in alist):
            raise ValueError("alpha <= 0")
        shape = size_tuple(size) or ()
        with self.lock:
            r = self._core.dirichlet(alist, _prod(shape), True)
        return r.reshape(tuple(shape) + (len(alist),))

    def multivariate_normal(self, mean, cov, size=None, check_valid="warn", tol=1e-8):
        """NumPy's legacy algorithm (normals times ``sqrt(s) * v`` of the SVD of ``cov``); the
        normals are NumPy's bit for bit, the SVD is ferronum's (last-bit differences possible)."""
        from .. import linalg
        mean = _asarray(mean).astype(_np.float64)
        cov = _asarray(cov).astype(_np.float64)
        shape = [] if size is None else ([size] if isinstance(size, (int, _np.integer)) else list(size))
        if len(mean.shape) != 1:
            raise ValueError("mean must be 1 dimensional")
        if len(cov.shape) != 2 or cov.shape[0] != cov.shape[1]:
            raise ValueError("cov must be 2 dimensional and square")
        if mean.shape[0] != cov.shape[0]:
            raise ValueError("mean and cov must have same length")
        final_shape = list(shape) + [mean.shape[0]]
        x = self.standard_normal(final_shape).reshape(-1, mean.shape[0])
        u, s, v = linalg.svd(cov)
        x = x @ (_ext.sqrt(s)[:, None] * v)
        x = x + mean
        return x.reshape(tuple(final_shape))

    # ---- sampling and permutations -----------------------------------------------------------

    def _perm(self, n):
        with self.lock:
            return self._core.shuffle_perm(n, 1, False)

    def shuffle(self, x):
        if isinstance(x, (_ext.ndarray, _np.ndarray)):
            if not x.flags.writeable:
                raise ValueError("array is read-only")
            if x.size == 0 or x.ndim == 0:
                return
            perm = self._perm(len(x))
            if isinstance(x, _np.ndarray):
                # The gather runs in ferronum, over a zero-copy view of the NumPy array.
                x[...] = _asarray(x).take(perm, axis=0)
            else:
                x[...] = x.take(perm, axis=0)
            return
        n = len(x)
        with self.lock:
            for i in reversed(range(1, n)):
                j = self._core.interval(i)
                x[i], x[j] = x[j], x[i]

    def permutation(self, x):
        if isinstance(x, (int, _np.integer)):
            return self._perm(int(x))
        arr = _asarray(x)
        if arr.ndim < 1:
            raise IndexError("x must be an integer or at least 1-dimensional")
        return arr.take(self._perm(arr.shape[0]), axis=0)

    def choice(self, a, size=None, replace=True, p=None):
        a = _asarray(a)
        if a.ndim == 0:
            try:
                pop_size = operator.index(a.item())
            except TypeError:
                raise ValueError("a must be 1-dimensional or an integer")
            if pop_size <= 0 and _np.prod(size) != 0:
                raise ValueError("a must be greater than 0 unless no samples are taken")
        elif a.ndim != 1:
            raise ValueError("a must be 1-dimensional")
        else:
            pop_size = a.shape[0]
            if pop_size == 0 and _np.prod(size) != 0:
                raise ValueError("'a' cannot be empty unless no samples are taken")
        if p is not None:
            atol = math.sqrt(_finfo(_np.float64).eps)
            if isinstance(p, (_np.ndarray, _ext.ndarray)) and _np.issubdtype(p.dtype, _np.floating):
                atol = max(atol, math.sqrt(_finfo(p.dtype).eps))
            p = as_f64(p)
            if p.ndim != 1:
                raise ValueError("'p' must be 1-dimensional")
            if p.size != pop_size:
                raise ValueError("'a' and 'p' must have same size")
            p_sum = _ext._kahan_sum(p)
            if p_sum != p_sum:
                raise ValueError("probabilities contain NaN")
            if bool(_ext.any(_ext.less(p, 0))):
                raise ValueError("probabilities are not non-negative")
            if abs(p_sum - 1.0) > atol:
                raise ValueError("probabilities do not sum to 1")
        is_scalar = size is None
        if not is_scalar:
            shape = size_tuple(size)
            n = _prod(shape)
        else:
            shape = ()
            n = 1
        if replace:
            if p is not None:
                u = self.random_sample(shape)
                idx = _ext._cdf_search(p, _asarray(u).ravel()).reshape(shape)
            else:
                idx = self.randint(0, pop_size, size=shape)
        else:
            if n > pop_size:
                raise ValueError("Cannot take a larger sample than population when 'replace=False'")
            if p is not None:
                plist = p.tolist()
                if sum(1 for v in plist if v > 0) < n:
                    raise ValueError("Fewer non-zero entries in p than size")
                found = []
                while len(found) < n:
                    x = self.rand(n - len(found))
                    for k in found:
                        plist[k] = 0.0
                    new = _ext._cdf_search(plist, x).tolist()
                    seen = set()
                    for v in new:
                        if v not in seen:
                            seen.add(v)
                            found.append(v)
                idx = _asarray(found, dtype=_np.int64).reshape(shape)
            else:
                idx = self._perm(pop_size)[:n].reshape(shape)
        if is_scalar and isinstance(idx, _ext.ndarray):
            idx = int(idx.ravel()[0])
        if a.ndim == 0:
            return idx
        if not is_scalar and idx.ndim == 0:
            return _asarray(a[int(idx)]).reshape(())
        return a.take(idx)


def _randomstate_ctor(bit_generator_name="MT19937", bit_generator_ctor=None):
    return RandomState(MT19937())


_rand = RandomState()


def seed(seed=None):
    """Reseeds the global ``RandomState`` (NumPy's ``np.random.seed``)."""
    _rand.seed(seed)


def get_state(legacy=True):
    return _rand.get_state(legacy)


def set_state(state):
    _rand.set_state(state)


def get_bit_generator():
    return _rand._bit_generator


def set_bit_generator(bitgen):
    global _rand
    _rand = RandomState(bitgen)
    _bind()


_NAMES = ["beta", "binomial", "bytes", "chisquare", "choice", "dirichlet", "exponential", "f", "gamma",
          "geometric", "gumbel", "hypergeometric", "laplace", "logistic", "lognormal", "logseries", "multinomial",
          "multivariate_normal", "negative_binomial", "noncentral_chisquare", "noncentral_f", "normal", "pareto", "permutation",
          "poisson", "power", "rand", "randint", "randn", "random", "random_integers", "random_sample",
          "rayleigh", "shuffle", "standard_cauchy", "standard_exponential", "standard_gamma", "standard_normal",
          "standard_t", "triangular", "uniform", "vonmises", "wald", "weibull", "zipf"]


def _bind():
    g = globals()
    for name in _NAMES:
        g[name] = getattr(_rand, name)
    g["ranf"] = g["sample"] = _rand.random_sample


_bind()
