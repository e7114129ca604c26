"""NumPy's functions that call Python code per element or per slice (``apply_along_axis``,
``apply_over_axes``, ``vectorize``, ``frompyfunc``) and its type checks (``real_if_close``,
``isreal``, ``iscomplex``, ``isrealobj``, ``iscomplexobj``, ``isscalar``). They take and
return ferronum arrays; the arrays they build are ferronum's (ferronum has no object dtype, so
``frompyfunc`` and ``vectorize`` give the dtype their results have as an array)."""

import numbers as _numbers

import numpy as _numpy

from . import _ferronum as _f
from ._index_tricks import ndindex
from ._numerics import _asarray, _normalize_axis

_NoValue = _numpy._NoValue


# ---- type checks ----------------------------------------------------------------------------

def iscomplexobj(x):
    """True if ``x`` has a complex dtype (or, not being an array, converts to one)."""
    try:
        type_ = x.dtype.type
    except AttributeError:
        type_ = _asarray(x).dtype.type
    return issubclass(type_, _numpy.complexfloating)


def isrealobj(x):
    """True if ``x`` is not of a complex dtype."""
    return not iscomplexobj(x)


def iscomplex(x):
    """Element-wise: a nonzero imaginary part."""
    ax = _asarray(x)
    if ax.dtype.kind == "c":
        return ax.imag != 0
    res = _f.zeros(ax.shape, bool)
    return res[()]


def isreal(x):
    """Element-wise: a zero imaginary part."""
    from ._elementwise import imag
    return imag(x) == 0


def isscalar(element):
    """True for NumPy scalars and Python numbers, strings and bytes (not 0-d arrays)."""
    return (isinstance(element, _numpy.generic) or type(element) in _numpy.ScalarType
            or isinstance(element, _numbers.Number))


def real_if_close(a, tol=100):
    """The real part if every imaginary part is below ``tol`` (in machine epsilons when above
    1)."""
    a = _asarray(a)
    if a.dtype.kind != "c":
        return a
    if tol > 1:
        tol = _numpy.finfo(a.dtype.type).eps * tol
    if _f.all(_f.absolute(a.imag) < tol):
        a = a.real
    return a


# ---- calling Python along axes --------------------------------------------------------------

def apply_along_axis(func1d, axis, arr, *args, **kwargs):
    """``func1d`` on every 1-d slice along ``axis``; its results fill the result's axes in
    place of ``axis``."""
    arr = _asarray(arr)
    nd = arr.ndim
    axis = _normalize_axis(axis, nd)
    in_dims = list(range(nd))
    inarr_view = _f.transpose(arr, in_dims[:axis] + in_dims[axis + 1:] + [axis])
    inds = (ind + (Ellipsis,) for ind in ndindex(inarr_view.shape[:-1]))
    try:
        ind0 = next(inds)
    except StopIteration:
        raise ValueError("Cannot apply_along_axis when any iteration dimensions are 0") from None
    res = _asarray(func1d(inarr_view[ind0], *args, **kwargs))
    buff = _f.zeros(inarr_view.shape[:-1] + res.shape, res.dtype)
    buff_dims = list(range(buff.ndim))
    buff_permute = (buff_dims[0:axis] + buff_dims[buff.ndim - res.ndim:buff.ndim]
                    + buff_dims[axis:buff.ndim - res.ndim])
    buff[ind0] = res
    for ind in inds:
        buff[ind] = _asarray(func1d(inarr_view[ind], *args, **kwargs))
    return _f.transpose(buff, buff_permute)


def apply_over_axes(func, a, axes):
    """``func(a, axis)`` for each axis in turn, keeping the dimensions."""
    val = _asarray(a)
    N = val.ndim
    if _f.asarray(axes).ndim == 0:
        axes = (axes,)
    for axis in axes:
        if axis < 0:
            axis = N + axis
        res = func(val, axis)
        if res.ndim == val.ndim:
            val = res
        else:
            res = _f.expand_dims(res, axis)
            if res.ndim == val.ndim:
                val = res
            else:
                raise ValueError("function is not returning an array of the correct shape")
    return val


# ---- Python functions as element-wise functions ---------------------------------------------

def _broadcast_lists(args):
    arrays = [_asarray(a) for a in args]
    arrays = _f.broadcast_arrays(*arrays) if len(arrays) > 1 else arrays
    shape = arrays[0].shape
    flat = [_f.ravel(a).tolist() for a in arrays]
    return shape, flat


def _assemble(values, shape, dtype=None):
    r = _f.array(values, dtype=dtype) if values else _f.empty((0,), dtype=dtype or float)
    return r.reshape(shape)


class _PyFunc:
    """The callable ``frompyfunc`` returns: ``nin`` broadcast inputs, ``func`` per element,
    ``nout`` results (a tuple of arrays when more than one)."""

    def __init__(self, func, nin, nout, identity=None):
        self.func, self.nin, self.nout, self.identity = func, nin, nout, identity
        self.__name__ = getattr(func, "__name__", "?") + " (vectorized)"

    def __call__(self, *args):
        if len(args) != self.nin:
            raise TypeError(f"{self.__name__} takes {self.nin} arguments but {len(args)} were given")
        shape, flat = _broadcast_lists(args)
        outs = [self.func(*vals) for vals in zip(*flat)]
        if self.nout == 1:
            r = _assemble(outs, shape)
            return r[()] if r.ndim == 0 else r
        parts = tuple(_assemble([o[k] for o in outs], shape) for k in range(self.nout))
        return tuple(p[()] if p.ndim == 0 else p for p in parts)


def frompyfunc(func, /, nin, nout, *, identity=None):
    """A function applying ``func`` element by element over broadcast inputs."""
    if nin < 0 or nout < 0:
        raise ValueError("nin and nout must be non-negative")
    return _PyFunc(func, nin, nout, identity)


class vectorize:
    """NumPy's ``vectorize``: ``pyfunc`` over broadcast inputs, the output dtype from
    ``otypes`` or from the first call's result; ``excluded`` arguments passed through; with
    ``signature=`` (``"(m,n),(n)->(m)"``), ``pyfunc`` gets core sub-arrays over the broadcast
    loop dimensions."""

    def __init__(self, pyfunc=_NoValue, otypes=None, doc=None, excluded=None, cache=False,
                 signature=None):
        if pyfunc is not _NoValue and not callable(pyfunc):
            raise TypeError("vectorize() takes a callable or nothing as its first argument")
        self.pyfunc = pyfunc
        self.cache = cache
        self.signature = signature
        self._core_dims = None if signature is None else _parse_signature(signature)
        self.__doc__ = doc if doc is not None else getattr(pyfunc, "__doc__", None)
        if isinstance(otypes, str):
            for char in otypes:
                if char not in _numpy.typecodes["All"]:
                    raise ValueError(f"Invalid otype specified: {char}")
        elif otypes is not None and not isinstance(otypes, (list, tuple)) and _numpy.iterable(otypes):
            otypes = list(otypes)
        if otypes is not None:
            otypes = [_numpy.dtype(t) for t in otypes]
        self.otypes = otypes
        self.excluded = set() if excluded is None else set(excluded)

    def __call__(self, *args, **kwargs):
        if self.pyfunc is _NoValue:
            return type(self)(args[0], otypes=self.otypes, excluded=self.excluded, cache=self.cache,
                              signature=self.signature)
        excluded = self.excluded
        if not kwargs and not excluded:
            func, vargs = self.pyfunc, args
        else:
            nargs = len(args)
            names = [k for k in kwargs if k not in excluded]
            inds = [i for i in range(nargs) if i not in excluded]
            the_args = list(args)

            def func(*vargs):
                for n, i in enumerate(inds):
                    the_args[i] = vargs[n]
                kwargs.update(zip(names, vargs[len(inds):]))
                return self.pyfunc(*the_args, **kwargs)

            vargs = [args[i] for i in inds] + [kwargs[k] for k in names]
        if self._core_dims is not None:
            return self._call_with_signature(func, vargs)
        if not vargs:
            return self.pyfunc()
        shape, flat = _broadcast_lists(vargs)
        items = list(zip(*flat))
        otypes = self.otypes
        if otypes is None:
            if not items:
                raise ValueError("cannot call `vectorize` on size 0 inputs unless `otypes` is set")
            first = func(*items[0])
            nout = len(first) if isinstance(first, tuple) else 1
            firsts = first if isinstance(first, tuple) else (first,)
            otypes = [_f.asarray(o).dtype for o in firsts]
            outs = [first] + [func(*vals) for vals in items[1:]]
        else:
            outs = [func(*vals) for vals in items]
            nout = len(otypes)
        if nout == 1:
            return _assemble([o for o in outs], shape, otypes[0])
        return tuple(_assemble([o[k] for o in outs], shape, otypes[k]) for k in range(nout))

    def _call_with_signature(self, func, args):
        """NumPy's generalized form: loop over the broadcast outer dimensions, call ``func`` on
        the core sub-arrays, size the outputs from the first call's results."""
        in_dims, out_dims = self._core_dims
        if len(args) != len(in_dims):
            raise TypeError(f"wrong number of positional arguments: expected {len(in_dims)!r}, got {len(args)!r}")
        args = [_asarray(a) for a in args]
        sizes = {}
        outer = []
        for a, dims in zip(args, in_dims):
            _update_dim_sizes(sizes, a, dims)
            outer.append(a.shape[:a.ndim - len(dims)])
        shape = _f.broadcast_shapes(*outer)
        args = [_f.broadcast_to(a, s) for a, s in zip(args, _core_shapes(shape, sizes, in_dims))]
        nout = len(out_dims)
        outputs = None
        for index in ndindex(*shape):
            results = func(*(a[index] for a in args))
            got = len(results) if isinstance(results, tuple) else 1
            if got != nout:
                raise ValueError(f"wrong number of outputs from pyfunc: expected {nout!r}, got {got!r}")
            if nout == 1:
                results = (results,)
            if outputs is None:
                results = tuple(_asarray(r) for r in results)
                for r, dims in zip(results, out_dims):
                    _update_dim_sizes(sizes, r, dims)
                types = self.otypes or [r.dtype for r in results]
                outputs = tuple(_f.empty(s, dtype=t) for s, t in zip(_core_shapes(shape, sizes, out_dims), types))
            for o, r in zip(outputs, results):
                o[index] = r
        if outputs is None:
            # The function was never called: the outputs need otypes and known core sizes.
            if self.otypes is None:
                raise ValueError("cannot call `vectorize` on size 0 inputs unless `otypes` is set")
            if any(d not in sizes for dims in out_dims for d in dims):
                raise ValueError("cannot call `vectorize` with a signature including new output dimensions on "
                                 "size 0 inputs")
            outputs = tuple(_f.empty(s, dtype=t) for s, t in zip(_core_shapes(shape, sizes, out_dims), self.otypes))
        return outputs[0] if nout == 1 else outputs


_DIM = r"\w+"
_DIM_LIST = f"(?:{_DIM}(?:,{_DIM})*)?"
_ARG = rf"\({_DIM_LIST}\)"
_ARG_LIST = f"{_ARG}(?:,{_ARG})*"
_SIGNATURE = f"^{_ARG_LIST}->{_ARG_LIST}$"


def _parse_signature(signature):
    """``"(m,n),(n)->(m)"`` as ``([("m", "n"), ("n",)], [("m",)])``."""
    import re
    sig = re.sub(r"\s+", "", signature)
    if not re.match(_SIGNATURE, sig):
        raise ValueError(f"not a valid gufunc signature: {sig}")
    return tuple([tuple(re.findall(_DIM, arg)) for arg in re.findall(_ARG, part)] for part in sig.split("->"))


def _update_dim_sizes(sizes, arg, dims):
    if not dims:
        return
    if arg.ndim < len(dims):
        raise ValueError(f"{arg.ndim}-dimensional argument does not have enough dimensions for all core dimensions "
                         f"{dims!r}")
    for d, n in zip(dims, arg.shape[-len(dims):]):
        if d in sizes and sizes[d] != n:
            raise ValueError(f"inconsistent size for core dimension {d!r}: {n!r} vs {sizes[d]!r}")
        sizes.setdefault(d, n)


def _core_shapes(shape, sizes, list_of_dims):
    return [tuple(shape) + tuple(sizes[d] for d in dims) for dims in list_of_dims]
