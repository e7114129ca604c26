"""Histograms: ``histogram``, ``histogram_bin_edges``, ``histogram2d`` and ``histogramdd``.

NumPy writes these in Python (``numpy/lib/_histograms_impl.py``); this module follows its
steps with ferronum's operations, so the bin edges, their dtypes and the errors are NumPy's.
The counting itself is one engine call: ``_histogram_uniform`` for equal bins (NumPy's index
arithmetic, rounded to the types NumPy computes it in, so every value lands in NumPy's bin),
``_histogram_edges`` for given edges, ``_bin_index`` for weighted and many-dimensional ones.
NumPy supplies only the type rules (``numpy.result_type``, ``numpy.can_cast``).
"""

import operator
import warnings

import numpy as _np

from . import _ferronum as _f
from ._creation import linspace as _linspace

__all__ = ["histogram", "histogram_bin_edges", "histogram2d", "histogramdd"]

_range = range
# NumPy's block length: weighted sums are formed per block, then added block by block.
_BLOCK = 65536
# Above this many (blocks x bins) partial sums, the blocks go one call at a time.
_MAX_PARTIALS = 1 << 24


def _dtype_of(v):
    """What ``numpy.result_type`` should see for ``v``: an array's dtype, else ``v``."""
    return v.dtype if isinstance(v, _f.ndarray) else v


def _result_type(*vals):
    return _np.result_type(*[_dtype_of(v) for v in vals])


def _unsigned_subtract(a, b):
    """``a - b`` where signed integers subtract as their unsigned twins (NumPy's helper: the
    width of an int8 range does not fit int8)."""
    signed_to_unsigned = {
        _np.byte: _np.ubyte,
        _np.short: _np.ushort,
        _np.intc: _np.uintc,
        _np.int_: _np.uint,
        _np.longlong: _np.ulonglong,
    }
    dt = _result_type(a, b)
    try:
        unsigned_dt = signed_to_unsigned[dt.type]
    except KeyError:
        return _f.subtract(a, b, dtype=dt)
    return _f.subtract(_f.asarray(a, dtype=dt), _f.asarray(b, dtype=dt), casting="unsafe", dtype=unsigned_dt)


def _ptp(x):
    return _unsigned_subtract(x.max(), x.min())


def _hist_bin_sqrt(x, range):
    return _ptp(x) / _f.sqrt(x.size)


def _hist_bin_sturges(x, range):
    return _ptp(x) / (_f.log2(x.size) + 1.0)


def _hist_bin_rice(x, range):
    return _ptp(x) / (2.0 * x.size ** (1.0 / 3))


def _hist_bin_scott(x, range):
    return (24.0 * _np.pi**0.5 / x.size) ** (1.0 / 3.0) * _f.std(x)


def _hist_bin_stone(x, range):
    n = x.size
    ptp_x = _ptp(x)
    if n <= 1 or ptp_x == 0:
        return 0

    def jhat(nbins):
        hh = ptp_x / nbins
        p_k = histogram(x, bins=nbins, range=range)[0] / n
        return (2 - (n + 1) * p_k.dot(p_k)) / hh

    nbins_upper_bound = max(100, int(_f.sqrt(n)))
    nbins = min(_range(1, nbins_upper_bound + 1), key=jhat)
    if nbins == nbins_upper_bound:
        warnings.warn("The number of bins estimated may be suboptimal.", RuntimeWarning, stacklevel=3)
    return ptp_x / nbins


def _hist_bin_doane(x, range):
    if x.size > 2:
        sg1 = _f.sqrt(6.0 * (x.size - 2) / ((x.size + 1.0) * (x.size + 3)))
        sigma = _f.std(x)
        if sigma > 0.0:
            temp = x - _f.mean(x)
            _f.true_divide(temp, sigma, temp)
            _f.power(temp, 3, temp)
            g1 = _f.mean(temp)
            return _ptp(x) / (1.0 + _f.log2(x.size) + _f.log2(1.0 + _f.absolute(g1) / sg1))
    return 0.0


def _hist_bin_fd(x, range):
    iqr = _f.subtract(*_f.percentile(x, [75, 25]))
    return 2.0 * iqr * x.size ** (-1.0 / 3.0)


def _hist_bin_auto(x, range):
    fd_bw = _hist_bin_fd(x, range)
    sturges_bw = _hist_bin_sturges(x, range)
    sqrt_bw = _hist_bin_sqrt(x, range)
    fd_bw_corrected = max(fd_bw, sqrt_bw / 2)
    return min(fd_bw_corrected, sturges_bw)


_hist_bin_selectors = {
    "stone": _hist_bin_stone,
    "auto": _hist_bin_auto,
    "doane": _hist_bin_doane,
    "fd": _hist_bin_fd,
    "rice": _hist_bin_rice,
    "scott": _hist_bin_scott,
    "sqrt": _hist_bin_sqrt,
    "sturges": _hist_bin_sturges,
}


def _ravel_and_check_weights(a, weights):
    a = _f.asarray(a)
    if a.dtype == _np.bool_:
        msg = f"Converting input from {a.dtype} to {_np.uint8} for compatibility."
        warnings.warn(msg, RuntimeWarning, stacklevel=3)
        a = a.astype(_np.uint8)
    if weights is not None:
        weights = _f.asarray(weights)
        if weights.shape != a.shape:
            raise ValueError("weights should have the same shape as a.")
        weights = weights.ravel()
    a = a.ravel()
    return a, weights


def _get_outer_edges(a, range):
    if range is not None:
        first_edge, last_edge = range
        if first_edge > last_edge:
            raise ValueError("max must be larger than min in range parameter.")
        if not (_f.isfinite(first_edge) and _f.isfinite(last_edge)):
            raise ValueError(f"supplied range of [{first_edge}, {last_edge}] is not finite")
    elif a.size == 0:
        first_edge, last_edge = 0, 1
    else:
        first_edge, last_edge = a.min(), a.max()
        if not (_f.isfinite(first_edge) and _f.isfinite(last_edge)):
            raise ValueError(f"autodetected range of [{first_edge}, {last_edge}] is not finite")
    if first_edge == last_edge:
        first_edge = first_edge - 0.5
        last_edge = last_edge + 0.5
    return first_edge, last_edge


def _ndim(x):
    return x.ndim if hasattr(x, "ndim") else _f.asarray(x).ndim


def _get_bin_edges(a, bins, range, weights):
    n_equal_bins = None
    bin_edges = None
    if isinstance(bins, str):
        bin_name = bins
        if bin_name not in _hist_bin_selectors:
            raise ValueError(f"{bin_name!r} is not a valid estimator for `bins`")
        if weights is not None:
            raise TypeError("Automated estimation of the number of bins is not supported for weighted data")
        first_edge, last_edge = _get_outer_edges(a, range)
        if range is not None:
            keep = a >= first_edge
            keep &= a <= last_edge
            if not _f.logical_and.reduce(keep):
                a = a[keep]
        if a.size == 0:
            n_equal_bins = 1
        else:
            width = _hist_bin_selectors[bin_name](a, (first_edge, last_edge))
            if width:
                if _np.issubdtype(a.dtype, _np.integer) and width < 1:
                    width = 1
                delta = _unsigned_subtract(last_edge, first_edge)
                n_equal_bins = int(_f.ceil(delta / width))
            else:
                n_equal_bins = 1
    elif _ndim(bins) == 0:
        try:
            n_equal_bins = operator.index(bins)
        except TypeError as e:
            raise TypeError("`bins` must be an integer, a string, or an array") from e
        if n_equal_bins < 1:
            raise ValueError("`bins` must be positive, when an integer")
        first_edge, last_edge = _get_outer_edges(a, range)
    elif _ndim(bins) == 1:
        bin_edges = _f.asarray(bins)
        if _f.any(bin_edges[:-1] > bin_edges[1:]):
            raise ValueError("`bins` must increase monotonically, when an array")
    else:
        raise ValueError("`bins` must be 1d, when an array")

    if n_equal_bins is not None:
        bin_type = _result_type(first_edge, last_edge, a)
        if _np.issubdtype(bin_type, _np.integer):
            bin_type = _np.result_type(bin_type, float)
        bin_edges = _linspace(first_edge, last_edge, n_equal_bins + 1, endpoint=True, dtype=bin_type)
        if _f.any(bin_edges[:-1] >= bin_edges[1:]):
            raise ValueError(f"Too many bins for data range. Cannot create {n_equal_bins} finite-sized bins.")
        return bin_edges, (first_edge, last_edge, n_equal_bins)
    return bin_edges, None


def _diff(x):
    return x[1:] - x[:-1]


def histogram_bin_edges(a, bins=10, range=None, weights=None):
    """NumPy's ``histogram_bin_edges``."""
    a, weights = _ravel_and_check_weights(a, weights)
    bin_edges, _ = _get_bin_edges(a, bins, range, weights)
    return bin_edges


def _as_value(v, dt):
    """``v`` converted to dtype ``dt``, as a Python float (how NumPy's comparisons and
    subtractions see a scalar next to an array of that type). A Python int is compared by its
    value (NumPy's rule for an int out of the array's range)."""
    if isinstance(v, int) and not isinstance(v, bool):
        return float(v)
    return float(_f.asarray(v).astype(dt))


def _uniform_counts(a, weights, first_edge, last_edge, n_equal_bins, bin_edges, ntype):
    """NumPy's equal-bins loop: the bin of each value, summed per bin."""
    lo = _as_value(first_edge, _result_type(a, first_edge))
    hi = _as_value(last_edge, _result_type(a, last_edge))
    bin_t = bin_edges.dtype
    diff_t = _result_type(bin_t, first_edge)
    first = _as_value(first_edge, diff_t)
    denom = _unsigned_subtract(last_edge, first_edge)
    quot_t = _result_type(diff_t, denom)
    args = (lo, hi, first, float(denom), n_equal_bins, bin_t, diff_t, quot_t, bin_edges)
    if weights is None:
        return _f._histogram_uniform(a, *args)
    n = _f.zeros(n_equal_bins, ntype)
    parts = [weights.real, weights.imag] if ntype.kind == "c" else [weights]
    targets = [n.real, n.imag] if ntype.kind == "c" else [n]
    blocks = -(-a.size // _BLOCK)
    for w, target in zip(parts, targets):
        if blocks * n_equal_bins <= _MAX_PARTIALS:
            sums = _f._histogram_uniform(a, *args, weights=w)
        else:
            sums = [_f._histogram_uniform(a[i:i + _BLOCK], *args, weights=w[i:i + _BLOCK])[0]
                    for i in _range(0, a.size, _BLOCK)]
        for row in sums:
            if ntype.kind == "c":
                target += row
            else:
                target += row.astype(ntype)
    return n


def histogram(a, bins=10, range=None, density=None, weights=None):
    """NumPy's ``histogram``: counts (or sums of ``weights``) and the bin edges."""
    a, weights = _ravel_and_check_weights(a, weights)
    bin_edges, uniform_bins = _get_bin_edges(a, bins, range, weights)
    ntype = _np.dtype(_np.intp) if weights is None else weights.dtype
    simple_weights = (weights is None or _np.can_cast(weights.dtype, _np.double)
                      or _np.can_cast(weights.dtype, complex))
    if uniform_bins is not None and simple_weights:
        first_edge, last_edge, n_equal_bins = uniform_bins
        n = _uniform_counts(a, weights, first_edge, last_edge, n_equal_bins, bin_edges, ntype)
    elif weights is None:
        n = _f._histogram_edges(a, bin_edges)
    else:
        idx = _f._bin_index(a, bin_edges, False)
        keep = idx >= 0
        n = _f.zeros(max(bin_edges.size - 1, 0), ntype)
        _f.add.at(n, idx[keep], weights[keep])
    if density:
        db = _f.array(_diff(bin_edges), float)
        return n / db / n.sum(), bin_edges
    return n, bin_edges


def histogramdd(sample, bins=10, range=None, density=None, weights=None):
    """NumPy's ``histogramdd``."""
    try:
        N, D = sample.shape
    except (AttributeError, ValueError):
        sample = _f.asarray(sample)
        sample = (sample.reshape(1, -1) if sample.ndim < 2 else sample).T
        N, D = sample.shape

    nbin = [0] * D
    edges = D * [None]
    dedges = D * [None]
    if weights is not None:
        weights = _f.asarray(weights)

    try:
        M = len(bins)
        if M != D:
            raise ValueError("The dimension of bins must be equal to the dimension of the sample x.")
    except TypeError:
        bins = D * [bins]

    if range is None:
        range = (None,) * D
    elif len(range) != D:
        raise ValueError("range argument must have one entry per dimension")

    for i in _range(D):
        if _ndim(bins[i]) == 0:
            if bins[i] < 1:
                raise ValueError(f"`bins[{i}]` must be positive, when an integer")
            smin, smax = _get_outer_edges(sample[:, i], range[i])
            try:
                n = operator.index(bins[i])
            except TypeError as e:
                raise TypeError(f"`bins[{i}]` must be an integer, when a scalar") from e
            edges[i] = _linspace(smin, smax, n + 1)
        elif _ndim(bins[i]) == 1:
            edges[i] = _f.asarray(bins[i])
            if _f.any(edges[i][:-1] > edges[i][1:]):
                raise ValueError(f"`bins[{i}]` must be monotonically increasing, when an array")
        else:
            raise ValueError(f"`bins[{i}]` must be a scalar or 1d array")
        nbin[i] = len(edges[i]) + 1
        dedges[i] = _diff(edges[i])

    # Each sample's bin along each axis, 0 and nbin-1 being the outliers; the last edge
    # belongs to the last bin.
    ncount = tuple(_f._bin_index(sample[:, i], edges[i], True) for i in _range(D))
    xy = _f.ravel_multi_index(ncount, nbin)
    size = 1
    for b in nbin:
        size *= b
    hist = _f.bincount(xy, weights, minlength=size)
    hist = hist.reshape(nbin)
    hist = hist.astype(float)
    core = D * (slice(1, -1),)
    hist = hist[core]

    if density:
        s = hist.sum()
        for i in _range(D):
            shape = [1] * D
            shape[i] = nbin[i] - 2
            hist = hist / dedges[i].reshape(shape)
        hist /= s
    return hist, edges


def histogram2d(x, y, bins=10, range=None, density=None, weights=None):
    """NumPy's ``histogram2d``."""
    if len(x) != len(y):
        raise ValueError("x and y must have the same length.")
    try:
        N = len(bins)
    except TypeError:
        N = 1
    if N not in {1, 2}:
        xedges = yedges = _f.asarray(bins)
        bins = [xedges, yedges]
    hist, edges = histogramdd([x, y], bins, range, density, weights)
    return hist, edges[0], edges[1]
