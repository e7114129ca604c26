"""Dask support: ferronum arrays as the chunks of Dask arrays.

Nothing here is imported by ``import ferronum``; Dask finds it through two entry points that
``pyproject.toml`` declares:

- ``dask.sizeof``: ``register_sizeof`` runs whenever Dask is imported (in the client and in every
  worker process). It tells Dask's memory accounting a chunk's size, and, because it is the one
  hook Dask always calls, it also arranges for Dask's array-level registrations: once
  ``dask.array`` is imported, its per-chunk-type lookups (``concatenate_lookup`` and the others)
  learn ferronum's functions on first use by a ferronum chunk, and ferronum's ndarray becomes a
  chunk type Dask does not defer to in arithmetic.
- ``dask.array.backends``: ``_dask_backend.FerronumBackendEntrypoint``, chosen by
  ``dask.config.set({"array.backend": "ferronum"})``, makes ``da.ones/zeros/empty/full/arange``
  and ``da.random`` create ferronum chunks.

Every chunk computation is ferronum's own function; NumPy appears only for its types.
"""

import importlib.abc
import math
import sys

import numpy as _numpy

import ferronum as _fn

# ------------------------------------------------------------------------- dask.sizeof ---


def _sizeof(x):
    # A broadcast view (a zero stride) holds only the memory of its distinct elements, as Dask
    # counts NumPy's.
    if 0 in x.strides:
        x = x[tuple(slice(None) if s != 0 else slice(1) for s in x.strides)]
    return int(x.nbytes)


def register_sizeof(sizeof):
    """The ``dask.sizeof`` entry point: Dask passes its ``sizeof`` dispatcher."""
    sizeof.register(_fn.ndarray, _sizeof)
    _after_import("dask.array.dispatch", _register_lookups_lazily)
    _after_import("dask.array.chunk_types", _register_chunk_type)


# ------------------------------------------------- registration once dask.array is there ---
class _Hook(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Runs a callback right after a module has been executed (a post-import hook). The
    ``dask.sizeof`` entry point runs while ``import dask`` is still under way, too early to
    import ``dask.array`` itself, and Dask offers no later hook."""

    def __init__(self):
        self.pending = {}  # module name -> callbacks
        self.loaders = {}  # module name -> the real loader

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.pending:
            return None
        # The real spec, found by the finders after this one.
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        if spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        self.loaders[fullname] = spec.loader
        spec.loader = self
        return spec

    def create_module(self, spec):
        return self.loaders[spec.name].create_module(spec)

    def exec_module(self, module):
        name = module.__spec__.name
        loader = self.loaders.pop(name)
        module.__spec__.loader = loader
        module.__loader__ = loader
        loader.exec_module(module)
        for callback in self.pending.pop(name, ()):
            callback(module)
        if not self.pending and self in sys.meta_path:
            sys.meta_path.remove(self)


_hook = _Hook()


def _after_import(name, callback):
    module = sys.modules.get(name)
    if module is not None:
        callback(module)
        return
    _hook.pending.setdefault(name, []).append(callback)
    if _hook not in sys.meta_path:
        sys.meta_path.insert(0, _hook)


def _register_chunk_type(chunk_types):
    chunk_types.register_chunk_type(_fn.ndarray)


_LOOKUPS = (
    "concatenate_lookup",
    "take_lookup",
    "tensordot_lookup",
    "einsum_lookup",
    "empty_lookup",
    "divide_lookup",
    "percentile_lookup",
    "numel_lookup",
    "nannumel_lookup",
    "to_numpy_dispatch",
)


def _register_lookups_lazily(dispatch):
    # Lazy: Dask calls ``register_lookups`` the first time it dispatches on a type from the
    # ``ferronum`` module, so Dask users who never touch ferronum pay nothing.
    for name in _LOOKUPS:
        getattr(dispatch, name).register_lazy("ferronum", register_lookups)


# ------------------------------------------------------------------ the chunk functions ---
def _einsum(*operands, **kwargs):
    # Dask passes NumPy's full keyword set; ferronum's einsum takes each of them.
    return _fn.einsum(*operands, **kwargs)


def _percentile(a, q, method="linear"):
    """One chunk's share of ``da.percentile``: its percentiles and its length (Dask merges
    them); ``None`` for an empty chunk, as Dask's NumPy version answers."""
    n = len(a)
    if not n:
        return None, n
    q = list(q) if not hasattr(q, "__len__") else q
    if not _numpy.issubdtype(a.dtype, _numpy.number):
        method = "nearest"
    return _fn.percentile(a, q, method=method), n


def _numel(x, **kwargs):
    """The number of elements a reduction (``mean``, ``var``...) divides by, per chunk, as a
    ferronum array (or a NumPy scalar for a full reduction, as ferronum reduces)."""
    shape = x.shape
    keepdims = kwargs.get("keepdims", False)
    axis = kwargs.get("axis")
    dtype = kwargs.get("dtype", _numpy.float64)
    if axis is None:
        axis = tuple(range(len(shape)))
    elif not isinstance(axis, (tuple, list)):
        axis = (axis,)
    axis = tuple(a % len(shape) if len(shape) else a for a in axis)
    n = math.prod(shape[a] for a in axis)
    if keepdims:
        out_shape = tuple(1 if i in axis else s for i, s in enumerate(shape))
    else:
        out_shape = tuple(s for i, s in enumerate(shape) if i not in axis)
        if not out_shape and kwargs.get("axis") is None:
            return _numpy.dtype(dtype).type(n)
    return _fn.full(out_shape, n, dtype=dtype)


def _nannumel(x, **kwargs):
    """The number of non-NaN elements, per chunk."""
    return _fn.sum(~_fn.isnan(x), **kwargs)


def _to_numpy(x, **kwargs):
    # A NumPy view of the chunk's memory (buffer protocol): a conversion, not a computation.
    return _numpy.asarray(x, **kwargs)


_registered = False


def register_lookups():
    """Teaches Dask's per-chunk-type lookups ferronum's functions. Called lazily by Dask on the
    first ferronum chunk it dispatches on, and by the backend entry point."""
    global _registered
    if _registered:
        return
    _registered = True
    from dask.array import dispatch as d

    d.concatenate_lookup.register(_fn.ndarray, _fn.concatenate)
    d.take_lookup.register(_fn.ndarray, _fn.take)
    d.tensordot_lookup.register(_fn.ndarray, _fn.tensordot)
    d.einsum_lookup.register(_fn.ndarray, _einsum)
    d.empty_lookup.register(_fn.ndarray, _fn.empty)
    d.divide_lookup.register(_fn.ndarray, _fn.divide)
    d.percentile_lookup.register(_fn.ndarray, _percentile)
    d.numel_lookup.register(_fn.ndarray, _numel)
    d.nannumel_lookup.register(_fn.ndarray, _nannumel)
    d.to_numpy_dispatch.register(_fn.ndarray, _to_numpy)
