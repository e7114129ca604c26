"""Joining, splitting and rearranging arrays: the engine's functions under NumPy's names.

Every one of them runs in the Rust engine (``ferronum::ops::manip``); this module only names
them, adds NumPy's aliases and the deprecation of ``row_stack``.
"""

import warnings as _warnings

from ._ferronum import _concatenate, _matrix_transpose_attr
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
    pad,
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
    "delete",
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
