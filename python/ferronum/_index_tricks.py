"""Index objects and iterators that are argument plumbing over ferronum calls: ``mgrid`` and
``ogrid`` (slice syntax), ``ndindex``, ``ndenumerate`` and ``mask_indices``. The arrays are made
by the engine (``indices``, ``arange``, ufuncs, ``nonzero``); NumPy supplies only
``result_type`` of the Python numbers in a slice."""

import itertools as _itertools
import math as _math
import operator as _operator

import numpy as _numpy

from ._ferronum import arange, indices, nonzero, ones

__all__ = ["mgrid", "ogrid", "ndindex", "ndenumerate", "mask_indices"]


def _is_complex(step):
    return isinstance(step, (_numpy.complexfloating, complex))


class _nd_grid:
    """NumPy's ``nd_grid``: ``mgrid`` (dense) or ``ogrid`` (sparse) by slice syntax; a complex
    step ``Nj`` is a number of points, the stop then included."""

    def __init__(self, sparse=False):
        self.sparse = sparse

    def __getitem__(self, key):
        try:
            size = []
            num_list = [0]
            for k in range(len(key)):
                step, start, stop = key[k].step, key[k].start, key[k].stop
                start = 0 if start is None else start
                step = 1 if step is None else step
                if _is_complex(step):
                    step = abs(step)
                    size.append(int(step))
                else:
                    size.append(_math.ceil((stop - start) / step))
                num_list += [start, stop, step]
            typ = _numpy.result_type(*num_list)
            if self.sparse:
                nn = [arange(n, dtype=typ) for n in size]
            else:
                nn = indices(size, typ)
            for k, kk in enumerate(key):
                step, start = kk.step, kk.start
                start = 0 if start is None else start
                step = 1 if step is None else step
                if _is_complex(step):
                    step = int(abs(step))
                    if step != 1:
                        step = (kk.stop - start) / float(step - 1)
                nn[k] = nn[k] * step + start
            if self.sparse:
                slobj = [None] * len(size)
                for k in range(len(size)):
                    slobj[k] = slice(None, None)
                    nn[k] = nn[k][tuple(slobj)]
                    slobj[k] = None
                return tuple(nn)
            return nn
        except (IndexError, TypeError):
            step, stop, start = key.step, key.stop, key.start
            start = 0 if start is None else start
            if _is_complex(step):
                step_float = abs(step)
                step = length = int(step_float)
                if step != 1:
                    step = (key.stop - start) / float(step - 1)
                typ = _numpy.result_type(start, stop, step_float)
                return arange(0, length, 1, dtype=typ) * step + start
            return arange(start, stop, step)

    def __len__(self):
        return 0


class _MGrid(_nd_grid):
    def __init__(self):
        super().__init__(sparse=False)


class _OGrid(_nd_grid):
    def __init__(self):
        super().__init__(sparse=True)


mgrid = _MGrid()
ogrid = _OGrid()


class ndindex:
    """The index tuples of an array of the given shape, in C order."""

    def __init__(self, *shape):
        if len(shape) == 1 and isinstance(shape[0], tuple):
            shape = shape[0]
        shape = tuple(_operator.index(d) for d in shape)
        if any(d < 0 for d in shape):
            raise ValueError("negative dimensions are not allowed")
        self._it = _itertools.product(*(range(d) for d in shape))

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._it)


class ndenumerate:
    """Pairs ``(index tuple, element)`` of an array in C order, the elements NumPy scalars."""

    def __init__(self, arr):
        from ._ferronum import asarray

        self._arr = asarray(arr)
        self._it = ndindex(self._arr.shape)

    def __iter__(self):
        return self

    def __next__(self):
        idx = next(self._it)
        return idx, self._arr[idx]


def mask_indices(n, mask_func, k=0):
    """The indices of the non-zero entries of ``mask_func(ones((n, n)), k)``."""
    m = ones((n, n), int)
    a = mask_func(m, k)
    return nonzero(a != 0)
