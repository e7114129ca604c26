"""Joining, splitting and rearranging arrays: the engine's functions under NumPy's names.

Every one of them runs in the Rust engine (``ferronum::ops::manip``); this module only names
them, adds NumPy's aliases and the deprecation of ``row_stack``.
"""

import itertools as _itertools
import warnings as _warnings

from ._ferronum import _concatenate, _matrix_transpose_attr, _pad, _pad_widths
from ._ferronum import (
    append,
    ascontiguousarray,
    delete,
    diag,
    diagflat,
    flip,
    fliplr,
    flipud,
    meshgrid,
    copyto,
    insert,
    repeat,
    resize,
    roll,
    rot90,
    tile,
    tri,
    tril,
    trim_zeros,
    triu,
    asfortranarray,
    broadcast_arrays,
    broadcast_shapes,
    broadcast_to,
    expand_dims,
    matrix_transpose,
    moveaxis,
    ravel,
    reshape,
    rollaxis,
    squeeze,
    swapaxes,
    transpose,
    array_split,
    atleast_1d,
    atleast_2d,
    atleast_3d,
    block,
    column_stack,
    dsplit,
    dstack,
    hsplit,
    hstack,
    split,
    stack,
    unstack,
    vsplit,
    vstack,
)



def concatenate(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    """Join arrays along an existing axis (``axis=None``: flattened), as ``numpy.concatenate``."""
    return _concatenate(arrays, axis, out, dtype=dtype, casting=casting)


def pad(array, pad_width, mode="constant", **kwargs):
    """Pad an array, as ``numpy.pad``: every string mode runs in the engine; a function
    ``mode(vector, iaxis_pad_width, iaxis, kwargs)`` is called, as NumPy calls it, on each 1-d
    view along each axis of the zero-padded result, which it modifies in place."""
    if callable(mode):
        from ._ferronum import asarray as _asarray

        arr = _asarray(array)
        widths = _pad_widths(arr, pad_width)
        padded = _pad(arr, pad_width, "constant")
        for axis in range(padded.ndim):
            view = moveaxis(padded, axis, -1)
            for ind in _itertools.product(*[range(d) for d in view.shape[:-1]]):
                mode(view[ind + (Ellipsis,)], widths[axis], axis, kwargs)
        return padded
    return _pad(array, pad_width, mode, **kwargs)


def copy(a, order="K", subok=False):
    """A copy of ``a`` as an array, laid out in ``order`` (as ``numpy.copy``); with ``subok``
    a subclass instance's copy keeps its type."""
    from ._ferronum import array as _array

    return _array(a, order=order, copy=True, subok=subok)


def asanyarray(a, dtype=None, order=None, *, device=None, copy=None, like=None):
    """``numpy.asanyarray``: ``asarray`` that passes subclass instances through (a converted
    one stays of its type)."""
    from ._ferronum import array as _array, asarray as _asarray, ndarray as _ndarray

    if type(a) is _ndarray or not isinstance(a, _ndarray):
        return _asarray(a, dtype=dtype, order=order, copy=copy)
    return _array(a, dtype=dtype, order=order or "K", copy=copy, subok=True)


_REQUIREMENTS = {
    "C": "C", "C_CONTIGUOUS": "C", "CONTIGUOUS": "C",
    "F": "F", "F_CONTIGUOUS": "F", "FORTRAN": "F",
    "A": "A", "ALIGNED": "A",
    "W": "W", "WRITEABLE": "W",
    "O": "O", "OWNDATA": "O",
    "E": "E", "ENSUREARRAY": "E",
}


def require(a, dtype=None, requirements=None, *, like=None):
    """An array of ``dtype`` meeting ``requirements`` (flags by letter or name), copying only
    when ``a`` does not, as ``numpy.require``."""
    from ._ferronum import array as _array, asarray as _asarray

    if not requirements:
        return _asarray(a, dtype=dtype)
    reqs = {_REQUIREMENTS[x.upper()] for x in requirements}
    reqs.discard("E")
    order = "A"
    if reqs >= {"C", "F"}:
        raise ValueError('Cannot specify both "C" and "F" order')
    elif "C" in reqs:
        order = "C"
        reqs.remove("C")
    elif "F" in reqs:
        order = "F"
        reqs.remove("F")
    arr = _array(a, dtype=dtype, order=order, copy=None)
    for prop in reqs:
        if not arr.flags[prop]:
            return arr.copy(order)
    return arr


concat = concatenate
permute_dims = transpose


def row_stack(tup, *, dtype=None, casting="same_kind"):
    """Deprecated alias of ``vstack`` (NumPy 2.0 deprecated it, and warns as NumPy does)."""
    _warnings.warn(
        "`row_stack` alias is deprecated. Use `np.vstack` directly.",
        DeprecationWarning,
        stacklevel=2,
    )
    return vstack(tup, dtype=dtype, casting=casting)


__all__ = [
    "append",
    "asanyarray",
    "copy",
    "copyto",
    "delete",
    "insert",
    "require",
    "diag",
    "diagflat",
    "flip",
    "fliplr",
    "flipud",
    "meshgrid",
    "pad",
    "repeat",
    "resize",
    "roll",
    "rot90",
    "tile",
    "tri",
    "tril",
    "trim_zeros",
    "triu",
    "ascontiguousarray",
    "asfortranarray",
    "broadcast_arrays",
    "broadcast_shapes",
    "broadcast_to",
    "expand_dims",
    "matrix_transpose",
    "moveaxis",
    "permute_dims",
    "ravel",
    "reshape",
    "rollaxis",
    "squeeze",
    "swapaxes",
    "transpose",
    "array_split",
    "atleast_1d",
    "atleast_2d",
    "atleast_3d",
    "block",
    "column_stack",
    "concat",
    "concatenate",
    "dsplit",
    "dstack",
    "hsplit",
    "hstack",
    "row_stack",
    "split",
    "stack",
    "unstack",
    "vsplit",
    "vstack",
]
