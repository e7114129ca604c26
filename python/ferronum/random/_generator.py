"""``Generator`` and ``default_rng``: NumPy's methods, argument handling in Python as NumPy
writes it (Cython there), every draw in the Rust engine."""

import math
import operator
import warnings
from collections.abc import Sequence

import numpy as _np

from .. import _ferronum as _ext
from .._dtype_tools import finfo as _finfo
from .._ferronum import asarray as _asarray
from ._bit_generator import PCG64, BitGenerator, ISeedSequence
from ._common import as_f64, bounded_integers, check_out, draw, fill_out, size_tuple, _prod

_INT_NAMES = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"}


def _size_count(size):
    """How many values ``size`` asks for (None: one)."""
    if size is None:
        return 1
    try:
        return operator.index(size)
    except TypeError:
        return _prod(size)


def _small_number(v):
    """A Python float, or a Python int that converts to a float exactly as NumPy would."""
    return type(v) is float or (type(v) is int and -2**53 <= v <= 2**53)


def _float_kind(dtype, what):
    dt = _np.dtype(dtype)
    if dt == _np.float64:
        return False
    if dt == _np.float32:
        return True
    raise TypeError(f"Unsupported dtype {dt!r} for {what}")


def _normalize_axis(axis, ndim):
    axis = operator.index(axis)
    if not -ndim <= axis < ndim:
        raise _np.exceptions.AxisError(axis, ndim)
    return axis % ndim if ndim else 0


class Generator:
    """NumPy's ``Generator`` over a ferronum bit generator (same values for the same seed)."""

    def __init__(self, bit_generator):
        if not isinstance(bit_generator, BitGenerator):
            raise TypeError("Invalid bit generator. The bit generator must be instantiated.")
        self._bit_generator = bit_generator
        self._core = bit_generator._core
        self.lock = bit_generator.lock

    def __repr__(self):
        return f"{self}"

    def __str__(self):
        return f"{type(self).__name__}({type(self._bit_generator).__name__})"

    def __getstate__(self):
        return None

    def __setstate__(self, bit_gen):
        if isinstance(bit_gen, dict):
            self._bit_generator.state = bit_gen

    def __reduce__(self):
        return (_generator_ctor, (self._bit_generator,), None)

    @property
    def bit_generator(self):
        return self._bit_generator

    def spawn(self, n_children):
        return [type(self)(g) for g in self._bit_generator.spawn(n_children)]

    # ---- the standard fills ---------------------------------------------------------------

    def _standard(self, kind, size, dtype, out, what):
        single = _float_kind(dtype, what)
        check_out(out, dtype, size)
        shape = size_tuple(size) if out is None else tuple(out.shape)
        with self.lock:
            r = self._core.standard(kind, list(shape or ()), single)
        if out is not None:
            return fill_out(out, r)
        if shape is None:
            return r.item()
        return r

    def random(self, size=None, dtype=_np.float64, out=None):
        if type(size) is int and size >= 0 and dtype is _np.float64 and out is None:
            with self.lock:  # the per-call path: a length and the defaults
                return self._core.standard("random", [size], False)
        return self._standard("random", size, dtype, out, "random")

    def standard_normal(self, size=None, dtype=_np.float64, out=None):
        if type(size) is int and size >= 0 and dtype is _np.float64 and out is None:
            with self.lock:
                return self._core.standard("standard_normal", [size], False)
        return self._standard("standard_normal", size, dtype, out, "standard_normal")

    def standard_exponential(self, size=None, dtype=_np.float64, method="zig", out=None):
        if method not in ("zig", "inv"):
            raise ValueError(f"'method' argument must be either 'zig' or 'inv', got {method!r}")
        kind = "standard_exponential" if method == "zig" else "exponential_inv"
        return self._standard(kind, size, dtype, out, "standard_exponential")

    def bytes(self, length):
        with self.lock:
            return self._core.bytes(operator.index(length))

    # ---- integers ---------------------------------------------------------------------------

    def integers(self, low, high=None, size=None, dtype=_np.int64, endpoint=False):
        if high is None:
            high = low
            low = 0
        if (type(size) is int and size > 0 and dtype is _np.int64 and type(low) is int and type(high) is int
                and -2**63 <= low < high + bool(endpoint) and high - (not endpoint) < 2**63):
            # the per-call path: Python int bounds that fit, a length, the default dtype
            with self.lock:
                return self._core.integers_scalar("int64", low % 2**64, (high - (not endpoint)) % 2**64, False,
                                                  [size])
        dt = _np.dtype(dtype)
        name = dt.name
        if name not in _INT_NAMES:
            raise TypeError(f"Unsupported dtype {dt!r} for integers")
        if not dt.isnative:
            raise ValueError("Providing a dtype with a non-native byteorder is not supported. If you require "
                             "platform-independent byteorder, call byteswap when required.")
        with self.lock:
            ret = bounded_integers(self._core, low, high, size, dt, False, bool(endpoint), name)
        if size is None and dtype in (bool, int) and getattr(ret, "ndim", 0) == 0:
            return dtype(ret)
        return ret

    # ---- parametrised continuous distributions ----------------------------------------------

    def _cont(self, name, args, size, out=None):
        with self.lock:
            return draw(self._core, "cont", name, args, size, out)

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

    def normal(self, loc=0.0, scale=1.0, size=None):
        if (type(size) is int and size >= 0 and _small_number(loc) and _small_number(scale)
                and not scale < 0):
            with self.lock:  # the per-call path: Python number parameters and a length
                return self._core.cont("normal", [[float(loc)], [float(scale)]], [size])
        return self._cont("normal", [(loc, "loc", None), (scale, "scale", "nonneg")], size)

    def exponential(self, scale=1.0, size=None):
        return self._cont("exponential", [(scale, "scale", "nonneg")], size)

    def standard_gamma(self, shape, size=None, dtype=_np.float64, out=None):
        if _float_kind(dtype, "standard_gamma"):
            a = as_f64(shape)
            check_out(out, dtype, size)
            if a.ndim == 0:
                _ext._check([a.item()], "shape", "nonneg", True)
            else:
                _ext._check(a, "shape", "nonneg", False)
            shp = size_tuple(size) if out is None else tuple(out.shape)
            if shp is None:
                shp = tuple(a.shape)
                scalar = a.ndim == 0
            else:
                scalar = False
            from .._manip import broadcast_to
            with self.lock:
                r = self._core.standard_gamma_f32(broadcast_to(a, shp) if a.ndim else [a.item()], list(shp))
            if out is not None:
                return fill_out(out, r)
            return r.item() if scalar else r
        return self._cont("standard_gamma", [(shape, "shape", "nonneg")], size, out)

    def gamma(self, shape, scale=1.0, size=None):
        return self._cont("gamma", [(shape, "shape", "nonneg"), (scale, "scale", "nonneg")], size)

    def beta(self, a, b, size=None):
        return self._cont("beta", [(a, "a", "pos"), (b, "b", "pos")], size)

    def chisquare(self, df, size=None):
        return self._cont("chisquare", [(df, "df", "pos")], size)

    def f(self, dfnum, dfden, size=None):
        return self._cont("f", [(dfnum, "dfnum", "pos"), (dfden, "dfden", "pos")], size)

    def noncentral_chisquare(self, df, nonc, size=None):
        return self._cont("noncentral_chisquare", [(df, "df", "pos"), (nonc, "nonc", "nonneg")], size)

    def noncentral_f(self, dfnum, dfden, nonc, size=None):
        return self._cont("noncentral_f", [(dfnum, "dfnum", "pos"), (dfden, "dfden", "pos"),
                                           (nonc, "nonc", "nonneg")], size)

    def standard_cauchy(self, size=None):
        return self._cont("standard_cauchy", [], size)

    def standard_t(self, df, size=None):
        return self._cont("standard_t", [(df, "df", "pos")], size)

    def pareto(self, a, size=None):
        return self._cont("pareto", [(a, "a", "pos")], size)

    def weibull(self, a, size=None):
        return self._cont("weibull", [(a, "a", "nonneg")], size)

    def power(self, a, size=None):
        return self._cont("power", [(a, "a", "pos")], size)

    def laplace(self, loc=0.0, scale=1.0, size=None):
        return self._cont("laplace", [(loc, "loc", None), (scale, "scale", "nonneg")], size)

    def gumbel(self, loc=0.0, scale=1.0, size=None):
        return self._cont("gumbel", [(loc, "loc", None), (scale, "scale", "nonneg")], size)

    def logistic(self, loc=0.0, scale=1.0, size=None):
        return self._cont("logistic", [(loc, "loc", None), (scale, "scale", "nonneg")], size)

    def lognormal(self, mean=0.0, sigma=1.0, size=None):
        return self._cont("lognormal", [(mean, "mean", None), (sigma, "sigma", "nonneg")], size)

    def rayleigh(self, scale=1.0, size=None):
        return self._cont("rayleigh", [(scale, "scale", "nonneg")], size)

    def wald(self, mean, scale, size=None):
        return self._cont("wald", [(mean, "mean", "pos"), (scale, "scale", "pos")], size)

    def vonmises(self, mu, kappa, size=None):
        return self._cont("vonmises", [(mu, "mu", None), (kappa, "kappa", "nonneg")], size)

    def triangular(self, left, mode, right, size=None):
        l_, m_, r_ = as_f64(left), as_f64(mode), as_f64(right)
        if l_.ndim == 0 and m_.ndim == 0 and r_.ndim == 0:
            lv, mv, rv = l_.item(), m_.item(), r_.item()
            if lv > mv:
                raise ValueError("left > mode")
            if mv > rv:
                raise ValueError("mode > right")
            if lv == rv:
                raise ValueError("left == right")
        else:
            if bool(_ext.any(_ext.greater(l_, m_))):
                raise ValueError("left > mode")
            if bool(_ext.any(_ext.greater(m_, r_))):
                raise ValueError("mode > right")
            if bool(_ext.any(_ext.equal(l_, r_))):
                raise ValueError("left == right")
        return self._cont("triangular", [(l_, "left", None), (m_, "mode", None), (r_, "right", None)], size)

    # ---- discrete distributions ---------------------------------------------------------------

    def poisson(self, lam=1.0, size=None):
        return self._disc("poisson", [(lam, "lam", "poisson")], size)

    def binomial(self, n, p, size=None):
        n_a = _asarray(n)
        if n_a.dtype.kind == "f":
            n_a = n_a.astype(_np.int64)
        return self._disc("binomial", [(n_a, "n", "nonneg"), (p, "p", "0_1")], size)

    def negative_binomial(self, n, p, size=None):
        return self._disc("negative_binomial", [(n, "n", "pos"), (p, "p", "gt0_1")], size)

    def geometric(self, p, size=None):
        return self._disc("geometric", [(p, "p", "gt0_1")], size)

    def zipf(self, a, size=None):
        return self._disc("zipf", [(a, "a", "gt1")], size)

    def logseries(self, p, size=None):
        return self._disc("logseries", [(p, "p", "0_lt1")], size)

    def hypergeometric(self, ngood, nbad, nsample, size=None):
        g = _asarray(ngood).astype(_np.int64)
        b = _asarray(nbad).astype(_np.int64)
        s = _asarray(nsample).astype(_np.int64)
        gl, bl, sl = g.ravel().tolist(), b.ravel().tolist(), s.ravel().tolist()
        if any(v >= 10**9 for v in gl) or any(v >= 10**9 for v in bl):
            raise ValueError("both ngood and nbad must be less than 1000000000")
        from .._manip import broadcast_arrays
        gb, bb, sb = broadcast_arrays(g, b, s)
        if any(x + y < z for x, y, z in zip(gb.ravel().tolist(), bb.ravel().tolist(), sb.ravel().tolist())):
            raise ValueError("ngood + nbad < nsample")
        return self._disc("hypergeometric", [(g, "ngood", "nonneg"), (b, "nbad", "nonneg"), (s, "nsample", "nonneg")],
                          size)

    def multinomial(self, n, pvals, size=None):
        pv = as_f64(pvals)
        if pv.ndim != 1:
            raise ValueError("pvals must have at least 1 dimension" if pv.ndim == 0 else
                             "multinomial with multi-dimensional pvals is not supported")
        plist = pv.tolist()
        if any(p < 0 for p in plist) or any(p != p for p in plist):
            raise ValueError("pvals < 0, pvals > 1 or pvals contains NaNs")
        if len(plist) and _ext._kahan_sum(plist[:-1]) > 1.0 + 1e-12:
            raise ValueError("sum(pvals[:-1].astype(np.float64)) > 1.0. The pvals array is cast to 64-bit "
                             "floating point prior to checking the sum. Precision changes when casting may "
                             "cause problems even if the sum of the original pvals is valid.")
        n_a = _asarray(n).astype(_np.int64)
        shape = size_tuple(size)
        if shape is None:
            shape = tuple(n_a.shape)
        from .._manip import broadcast_to
        ns = broadcast_to(n_a, shape).ravel().tolist()
        if any(v < 0 for v in ns):
            raise ValueError("n < 0")
        with self.lock:
            r = self._core.multinomial(ns, plist, False)
        return r.reshape(tuple(shape) + (len(plist),))

    def dirichlet(self, alpha, size=None):
        al = as_f64(alpha)
        if al.ndim != 1:
            raise ValueError("alpha must be a one-dimensional array")
        alist = al.tolist()
        if any(a < 0 for a in alist):
            raise ValueError("alpha < 0")
        if any(a != a for a in alist):
            raise ValueError("alpha contains NaNs")
        shape = size_tuple(size) or ()
        k = len(alist)
        with self.lock:
            r = self._core.dirichlet(alist, _prod(shape), False)
        return r.reshape(tuple(shape) + (k,))

    def multivariate_normal(self, mean, cov, size=None, check_valid="warn", tol=1e-8, *, method="svd"):
        """NumPy's algorithm (standard normals times a factor of ``cov``, plus ``mean``); the
        normals are NumPy's bit for bit, the factor comes from ferronum's linear algebra and may
        differ from LAPACK's in the last bits."""
        from .. import linalg
        if method not in {"eigh", "svd", "cholesky"}:
            raise ValueError("method must be one of {'eigh', 'svd', 'cholesky'}")
        mean = _asarray(mean, dtype=_np.float64) if not isinstance(mean, _ext.ndarray) else mean.astype(_np.float64)
        cov = _asarray(cov, dtype=_np.float64) if not isinstance(cov, _ext.ndarray) else cov.astype(_np.float64)
        if size is None:
            shape = []
        elif isinstance(size, (int, _np.integer)):
            shape = [size]
        else:
            shape = list(size)
        if len(mean.shape) != 1:
            raise ValueError("mean must be 1 dimensional")
        if len(cov.shape) != 2 or cov.shape[0] != cov.shape[1]:
            raise ValueError("cov must be 2 dimensional and square")
        if mean.shape[0] != cov.shape[0]:
            raise ValueError("mean and cov must have same length")
        final_shape = list(shape) + [mean.shape[0]]
        x = self.standard_normal(final_shape).reshape(-1, mean.shape[0])
        if method == "cholesky":
            factor = linalg.cholesky(cov)
        elif method == "eigh":
            s, u = linalg.eigh(cov)
        else:
            u, s, vh = linalg.svd(cov)
        if check_valid != "ignore" and method != "cholesky":
            if check_valid not in ("warn", "raise"):
                raise ValueError("check_valid must equal 'warn', 'raise', or 'ignore'")
            if method == "eigh":
                psd = not bool(_ext.any(_ext.less(s, -tol)))
            else:
                psd = bool(_ext.allclose((vh.T * s) @ vh, cov, rtol=tol, atol=tol)) if hasattr(_ext, "allclose") else True
            if not psd:
                if check_valid == "warn":
                    warnings.warn("covariance is not symmetric positive-semidefinite.", RuntimeWarning, stacklevel=2)
                else:
                    raise ValueError("covariance is not symmetric positive-semidefinite.")
        if method == "cholesky":
            pass
        elif method == "eigh":
            factor = u * _ext.sqrt(_ext.abs(s))
        else:
            factor = u * _ext.sqrt(s)
        x = mean + x @ factor.T
        return x.reshape(tuple(final_shape))

    # ---- sampling and permutations -----------------------------------------------------------

    def choice(self, a, size=None, replace=True, p=None, axis=0, shuffle=True):
        a_original = a
        a = _asarray(a)
        if a.ndim == 0:
            try:
                pop_size = operator.index(a.item())
            except TypeError as exc:
                raise ValueError(f"a must be a sequence or an integer, not {type(a_original)}") from exc
            if pop_size <= 0 and _size_count(size) != 0:
                raise ValueError("a must be a positive integer unless no samples are taken")
        else:
            pop_size = a.shape[axis]
            if pop_size == 0 and _size_count(size) != 0:
                raise ValueError("a cannot be empty unless no samples are taken")
        if p is not None:
            atol = math.sqrt(_finfo(_np.float64).eps)
            if isinstance(p, (_np.ndarray, _ext.ndarray)) and _np.issubdtype(p.dtype, _np.floating):
                atol = max(atol, math.sqrt(_finfo(p.dtype).eps))
            p = as_f64(p)
            if p.ndim != 1:
                raise ValueError("p must be 1-dimensional")
            if p.size != pop_size:
                raise ValueError("a and p must have same size")
            p_sum = _ext._kahan_sum(p)
            if p_sum != p_sum:
                raise ValueError("Probabilities contain NaN")
            if bool(_ext.any(_ext.less(p, 0))):
                raise ValueError("Probabilities are not non-negative")
            if abs(p_sum - 1.0) > atol:
                raise ValueError("Probabilities do not sum to 1. See Notes section of docstring for more "
                                 "information.")
        is_scalar = size is None
        if not is_scalar:
            shape = size_tuple(size)
            n = _prod(shape)
        else:
            shape = ()
            n = 1
        if replace:
            if p is not None:
                u = self.random(shape)
                idx = _ext._cdf_search(p, _asarray(u).ravel()).reshape(shape)
            else:
                idx = self.integers(0, pop_size, size=shape, dtype=_np.int64)
        else:
            if n > pop_size:
                raise ValueError("Cannot take a larger sample than population when replace is False")
            if p is not None:
                plist = p.tolist()
                if sum(1 for v in plist if v > 0) < n:
                    raise ValueError("Fewer non-zero entries in p than size")
                found = []
                while len(found) < n:
                    x = self.random((n - len(found),))
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
                with self.lock:
                    idx = self._core.choice_noreplace(pop_size, n, bool(shuffle)).reshape(shape)
        if is_scalar and isinstance(idx, _ext.ndarray):
            idx = int(idx.ravel()[0]) if idx.size else idx
        if a.ndim == 0:
            return idx
        if not is_scalar and idx.ndim == 0 and a.ndim == 1:
            return _asarray(a[int(idx)]).reshape(())
        return a.take(idx, axis=axis)

    def _perm(self, n, first=1):
        with self.lock:
            return self._core.shuffle_perm(n, first, False)

    def shuffle(self, x, axis=0):
        if isinstance(x, (_ext.ndarray, _np.ndarray)):
            if not x.flags.writeable:
                raise ValueError("array is read-only")
            axis = _normalize_axis(axis, x.ndim)
            if x.size == 0:
                return
            perm = self._perm(x.shape[axis])
            if isinstance(x, _np.ndarray):
                # The gather runs in ferronum, over a zero-copy view of the NumPy array.
                x[...] = _ext.asarray(x).take(perm, axis=axis)
            else:
                x[...] = x.take(perm, axis=axis)
            return
        if not isinstance(x, Sequence):
            warnings.warn(f"you are shuffling a '{type(x).__name__}' object which is not a subclass of "
                          "'Sequence'; `shuffle` is not guaranteed to behave correctly. E.g., non-numpy "
                          "array/tensor objects with view semantics may contain duplicates after shuffling.",
                          UserWarning, stacklevel=2)
        if axis != 0:
            raise NotImplementedError("Axis argument is only supported on ndarray objects")
        n = len(x)
        with self.lock:
            for i in reversed(range(1, n)):
                j = self._core.interval(i)
                x[i], x[j] = x[j], x[i]

    def permutation(self, x, axis=0):
        if isinstance(x, (int, _np.integer)):
            return self._perm(int(x)) if x >= 0 else _ext.arange(x)
        arr = _asarray(x)
        axis = _normalize_axis(axis, arr.ndim) if arr.ndim else axis
        if arr.ndim == 0:
            raise _np.exceptions.AxisError(axis, 0)
        perm = self._perm(arr.shape[axis])
        return arr.take(perm, axis=axis)

    def permuted(self, x, *, axis=None, out=None):
        x = _asarray(x)
        if out is None:
            out = x.copy(order="K")
        else:
            if not isinstance(out, _ext.ndarray):
                raise TypeError("out must be a numpy array")
            if not out.flags.writeable:
                raise ValueError("output array is read-only")
            if out.shape != x.shape:
                raise ValueError("out must have the same shape as x")
            from .._manip import copyto
            copyto(out, x, casting="safe")
        if axis is None:
            order = "F" if (out.ndim > 1 and out.flags.f_contiguous and not out.flags.c_contiguous) else "C"
            flat = out.ravel(order=order)
            perm = self._perm(flat.size)
            vals = flat.take(perm)
            if order == "F":
                out[...] = vals.reshape(tuple(reversed(out.shape))).T
            else:
                out[...] = vals.reshape(out.shape)
            return out
        ax = _normalize_axis(axis, out.ndim)
        n = out.shape[ax]
        lanes = _prod(out.shape) // n if n else 0
        if lanes == 0 or n == 0:
            return out
        with self.lock:
            perms = self._core.lane_perms(lanes, n)
        from .._manip import moveaxis
        moved = moveaxis(out, ax, -1)
        flat = moved.reshape((lanes, n))
        rows = _ext.arange(lanes).reshape((lanes, 1))
        res = flat[rows, perms.reshape((lanes, n))]
        moved[...] = res.reshape(moved.shape)
        return out


def _generator_ctor(bit_generator_name="MT19937", bit_generator_ctor=None):
    if isinstance(bit_generator_name, BitGenerator):
        return Generator(bit_generator_name)
    from ._bit_generator import BitGenerators
    return Generator(BitGenerators[bit_generator_name]())


def default_rng(seed=None):
    """``numpy.random.default_rng``: a ``Generator`` over ``PCG64`` (or over the given bit
    generator, or the given ``Generator`` itself)."""
    if isinstance(seed, BitGenerator):
        return Generator(seed)
    if isinstance(seed, Generator):
        return seed
    return Generator(PCG64(seed))
