"""Sorting, searching and sets. ``sort argsort partition argpartition lexsort searchsorted``
are engine calls; ``unique`` and ``isin`` wrap one engine call each; the set functions,
``digitize`` and ``sort_complex`` are the compositions NumPy writes in Python
(``numpy/lib/_arraysetops_impl.py``, ``_function_base_impl.py``), on ferronum's operations."""

from numpy.lib._arraysetops_impl import (UniqueAllResult, UniqueCountsResult,  # NumPy's result types
                                         UniqueInverseResult)

from numpy import iinfo as _iinfo  # type information only

from . import _ferronum as _f
from ._ferronum import argpartition, argsort, lexsort, partition, searchsorted, sort
from ._ferronum import asarray as _asarray
from ._ferronum import ndarray as _ndarray
from ._manip import concatenate as _concatenate

__all__ = ["sort", "argsort", "partition", "argpartition", "lexsort", "searchsorted", "sort_complex", "unique",
           "unique_all", "unique_counts", "unique_inverse", "unique_values", "isin", "intersect1d", "union1d",
           "setdiff1d", "setxor1d", "digitize"]


def unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *, equal_nan=True,
           sorted=True):
    """Sorted unique elements (or slices along ``axis``), as ``numpy.unique``. ``sorted=False``
    also gives them sorted (NumPy leaves that order unspecified)."""
    vals, idx, inv, cnt = _f._unique(ar, return_index, return_inverse, return_counts, axis, equal_nan)
    ret = (vals,) + tuple(x for x, want in ((idx, return_index), (inv, return_inverse), (cnt, return_counts))
                          if want)
    return ret[0] if len(ret) == 1 else ret


def unique_all(x):
    return UniqueAllResult(*unique(x, True, True, True, equal_nan=False))


def unique_counts(x):
    return UniqueCountsResult(*unique(x, False, False, True, equal_nan=False))


def unique_inverse(x):
    return UniqueInverseResult(*unique(x, False, True, False, equal_nan=False))


def unique_values(x):
    return unique(x, equal_nan=False)


def _is_int_kind(a):
    return a.dtype.kind in "uib"


def isin(element, test_elements, assume_unique=False, invert=False, *, kind=None):
    """Whether each element is in ``test_elements`` (``==``), of ``element``'s shape. Every
    ``kind`` gives the same answer, so the engine picks its method."""
    element = _asarray(element)
    test = _asarray(test_elements)
    if kind not in {None, "sort", "table"}:
        raise ValueError(f"Invalid kind: '{kind}'. Please use None, 'sort' or 'table'.")
    if kind == "table" and not (_is_int_kind(element) and _is_int_kind(test)):
        raise ValueError("The 'table' method is only supported for boolean or integer arrays. "
                         "Please select 'sort' or None for kind.")
    if kind == "table" and test.size:
        # NumPy's table is indexed by ``test - test.min()`` in test's own type.
        t = test.astype("uint8") if test.dtype.kind == "b" else test
        span = int(t.max()) - int(t.min())
        if span <= int(_iinfo(t.dtype).max) and span + 1 > 2**63 - 1:
            # NumPy's table of ``span + 1`` booleans cannot be made.
            raise ValueError("Maximum allowed dimension exceeded")
        if span > int(_iinfo(t.dtype).max):
            raise RuntimeError("You have specified kind='table', but the range of values in `ar2` or `ar1` exceed "
                               "the maximum integer of the datatype. Please set `kind` to None or 'sort'.")
    return _f._isin(element, test, invert)


def intersect1d(ar1, ar2, assume_unique=False, return_indices=False):
    ar1 = _asarray(ar1)
    ar2 = _asarray(ar2)
    if not assume_unique:
        if return_indices:
            ar1, ind1 = unique(ar1, return_index=True)
            ar2, ind2 = unique(ar2, return_index=True)
        else:
            ar1 = unique(ar1)
            ar2 = unique(ar2)
    else:
        ar1 = ar1.ravel()
        ar2 = ar2.ravel()
    aux = _concatenate((ar1, ar2))
    if return_indices:
        aux_sort_indices = argsort(aux, kind="mergesort")
        aux = aux[aux_sort_indices]
    else:
        aux.sort()
    mask = aux[1:] == aux[:-1]
    int1d = aux[:-1][mask]
    if return_indices:
        ar1_indices = aux_sort_indices[:-1][mask]
        ar2_indices = aux_sort_indices[1:][mask] - ar1.size
        if not assume_unique:
            ar1_indices = ind1[ar1_indices]
            ar2_indices = ind2[ar2_indices]
        return int1d, ar1_indices, ar2_indices
    return int1d


def setxor1d(ar1, ar2, assume_unique=False):
    if not assume_unique:
        ar1 = unique(ar1)
        ar2 = unique(ar2)
    aux = _concatenate((ar1, ar2), axis=None)
    if aux.size == 0:
        return aux
    aux.sort()
    flag = _concatenate(([True], aux[1:] != aux[:-1], [True]))
    return aux[flag[1:] & flag[:-1]]


def union1d(ar1, ar2):
    return unique(_concatenate((ar1, ar2), axis=None))


def setdiff1d(ar1, ar2, assume_unique=False):
    if assume_unique:
        ar1 = _asarray(ar1).ravel()
    else:
        ar1 = unique(ar1)
        ar2 = unique(ar2)
    return ar1[_f._isin(ar1, ar2, True)]


def digitize(x, bins, right=False):
    """The bin of each ``x`` (``numpy.digitize``): a search in increasing or decreasing bins."""
    x = _asarray(x)
    bins = _asarray(bins)
    if x.dtype.kind == "c":
        raise TypeError("x may not be complex")
    mono = _f._monotonicity(bins)
    if mono == 0:
        raise ValueError("bins must be monotonically increasing or decreasing")
    # Backwards because the arguments below are swapped.
    side = "left" if right else "right"
    if mono == -1:
        return len(bins) - searchsorted(bins[::-1], x, side=side)
    return searchsorted(bins, x, side=side)


def sort_complex(a):
    """Sorted as complex numbers: complex64 for 8- and 16-bit integers, complex128 otherwise."""
    b = _f.array(a, copy=True)
    b.sort()
    if b.dtype.kind != "c":
        return b.astype("F" if b.dtype.char in "bhBH" else "D")
    return b


# ndarray methods.
def _sort_method(self, axis=-1, kind=None, order=None, *, stable=None):
    return _f._sort_inplace(self, axis, kind, order, stable=stable)


def _argsort_method(self, axis=-1, kind=None, order=None, *, stable=None):
    return argsort(self, axis, kind, order, stable=stable)


def _partition_method(self, kth, axis=-1, kind="introselect", order=None):
    return _f._partition_inplace(self, kth, axis, kind, order)


def _argpartition_method(self, kth, axis=-1, kind="introselect", order=None):
    return argpartition(self, kth, axis, kind, order)


def _searchsorted_method(self, v, side="left", sorter=None):
    return searchsorted(self, v, side, sorter)


for _name, _meth in (("sort", _sort_method), ("argsort", _argsort_method), ("partition", _partition_method),
                     ("argpartition", _argpartition_method), ("searchsorted", _searchsorted_method)):
    if not hasattr(_ndarray, _name):
        setattr(_ndarray, _name, _meth)
del _name, _meth
