"""ferronum as a Dask array backend: ``dask.config.set({"array.backend": "ferronum"})`` makes
``da.ones/zeros/empty/full/arange`` and ``da.random`` create ferronum chunks, and
``darr.to_backend("ferronum")`` converts an existing Dask array's chunks.

Dask loads this module through the ``dask.array.backends`` entry point (``pyproject.toml``),
only once ``dask.array`` is imported; ``_dask`` holds what must load earlier.
"""

import numpy as _numpy
from dask import config
from dask.array.backends import ArrayBackendEntrypoint
from dask.utils import Dispatch

import ferronum as _fn

from ._dask import register_lookups

# Each chunk to a ferronum array (zero-copy from NumPy when the memory allows).
to_ferronum_dispatch = Dispatch("to_ferronum_dispatch")
to_ferronum_dispatch.register((object, _numpy.ndarray), _fn.asarray)
to_ferronum_dispatch.register(_fn.ndarray, lambda x, **kwargs: x)


def _with_meta(attr, *args, meta=None, **kwargs):
    import dask.array as da

    # Dask's own creation functions with a ferronum meta: each chunk is then made by
    # ``numpy.<attr>(..., like=meta)``, which ferronum answers (NEP 35). The meta has one
    # dimension, not zero: Dask takes ``meta[()]`` of a 0-d one, which is a NumPy scalar (as
    # NumPy answers), and would then make NumPy chunks.
    meta = _fn.empty((0,)) if meta is None else meta
    with config.set({"array.backend": "numpy"}):
        return getattr(da, attr)(*args, meta=meta, **kwargs)


class FerronumBackendEntrypoint(ArrayBackendEntrypoint):
    def __init__(self):
        register_lookups()

    @classmethod
    def to_backend_dispatch(cls):
        return to_ferronum_dispatch

    @classmethod
    def to_backend(cls, data, **kwargs):
        if isinstance(data._meta, _fn.ndarray):
            return data
        return data.map_blocks(to_ferronum_dispatch, **kwargs)

    @property
    def RandomState(self):
        return _fn.random.RandomState

    @property
    def default_bit_generator(self):
        return _fn.random.PCG64

    @staticmethod
    def ones(*args, **kwargs):
        return _with_meta("ones", *args, **kwargs)

    @staticmethod
    def zeros(*args, **kwargs):
        return _with_meta("zeros", *args, **kwargs)

    @staticmethod
    def empty(*args, **kwargs):
        return _with_meta("empty", *args, **kwargs)

    @staticmethod
    def full(*args, **kwargs):
        return _with_meta("full", *args, **kwargs)

    @staticmethod
    def arange(*args, like=None, **kwargs):
        import dask.array as da

        # One dimension, not zero, as in ``_with_meta``.
        like = _fn.empty((0,)) if like is None else like
        with config.set({"array.backend": "numpy"}):
            return da.arange(*args, like=like, **kwargs)
