"""The Array API standard (2024.12) on ferronum.

As in NumPy 2, the ``ferronum`` module itself is the standard's namespace:
``x.__array_namespace__()`` returns it, and the standard's names that NumPy spells otherwise
are aliases of the same objects (``ferronum.acos is ferronum.arccos``, ``pow``, ``atan2``,
``bitwise_left_shift``..., registered with the ufuncs in the extension). This module adds what
the standard has and NumPy's own names do not: ``__array_namespace_info__``, the ``device``
attribute and ``to_device`` (one device, ``"cpu"``), the ``astype`` and ``vecdot`` functions.
Each computes through the engine's functions (``einsum``, ``ndarray.astype``).
"""

import operator as _operator

import numpy as _numpy

from . import _ferronum

__array_api_version__ = "2024.12"

# The versions ``__array_namespace__(api_version=)`` accepts: the namespace is the same
# for each (NumPy's list).
_API_VERSIONS = ("2021.12", "2022.12", "2023.12", "2024.12")

_ndarray = _ferronum.ndarray
_AxisError = _numpy.exceptions.AxisError
# The ``ferronum`` module, set by ``_install`` (this module is imported while it is built).
_namespace = None


def _check_device(device):
    if device is not None and not (isinstance(device, str) and device == "cpu"):
        raise ValueError(f'Device not understood. Only "cpu" is allowed, but received: {device}')


# ------------------------------------------------------------------ the array's side ---
def _array_namespace(self, *, api_version=None):
    """``x.__array_namespace__(api_version=None)``: the ``ferronum`` module, for every
    version of the standard it follows."""
    if api_version is not None and not isinstance(api_version, str):
        raise ValueError(
            f"Only None and strings are allowed as the Array API version, but received: {api_version}.")
    if api_version is not None and api_version not in _API_VERSIONS:
        raise ValueError(f'Version "{api_version}" of the Array API Standard is not supported.')
    return _namespace


def _device(self):
    return "cpu"


def _to_device(self, device, /, *, stream=None):
    """``x.to_device(device, /, *, stream=None)``: ``x`` itself, ferronum having only the
    CPU."""
    if not isinstance(device, str):
        raise TypeError(f"to_device() argument 1 must be str, not {type(device).__name__}")
    if stream is not None:
        raise ValueError("The stream argument in to_device() is not supported")
    if device != "cpu":
        raise ValueError(f"Unsupported device: {device}. Only 'cpu' is accepted.")
    return self


def _install(namespace):
    """Makes ``namespace`` (the ``ferronum`` module) what ``__array_namespace__`` returns, and
    gives its ``ndarray`` the standard's attributes it lacks."""
    global _namespace
    _namespace = namespace
    ndarray = namespace.ndarray
    for name, obj in (
        ("__array_namespace__", _array_namespace),
        ("device", property(_device, doc='The device the array lives on: always "cpu".')),
        ("to_device", _to_device),
    ):
        if not hasattr(ndarray, name):
            setattr(ndarray, name, obj)


# ---------------------------------------------------------------- inspection (info) ---
_DTYPE_KINDS = {
    "bool": ("bool",),
    "signed integer": ("int8", "int16", "int32", "int64"),
    "unsigned integer": ("uint8", "uint16", "uint32", "uint64"),
    "real floating": ("float32", "float64"),
    "complex floating": ("complex64", "complex128"),
}
_DTYPE_KINDS["integral"] = _DTYPE_KINDS["signed integer"] + _DTYPE_KINDS["unsigned integer"]
_DTYPE_KINDS["numeric"] = (_DTYPE_KINDS["integral"] + _DTYPE_KINDS["real floating"]
                           + _DTYPE_KINDS["complex floating"])
_ALL_DTYPES = _DTYPE_KINDS["bool"] + _DTYPE_KINDS["numeric"]


def _dtype_object(name):
    # The scalar type for bool, dtype instances for the rest: what NumPy's info returns.
    return _numpy.bool if name == "bool" else _numpy.dtype(name)


class __array_namespace_info__:
    """The standard's inspection API (``ferronum.__array_namespace_info__()``): capabilities,
    the one device, and the dtypes ferronum has, with NumPy's answers."""

    __module__ = "ferronum"

    def capabilities(self):
        return {
            "boolean indexing": True,
            "data-dependent shapes": True,
            "max dimensions": 64,
        }

    def default_device(self):
        return "cpu"

    def default_dtypes(self, *, device=None):
        _check_device(device)
        return {
            "real floating": _numpy.dtype(_numpy.float64),
            "complex floating": _numpy.dtype(_numpy.complex128),
            "integral": _numpy.dtype(_numpy.intp),
            "indexing": _numpy.dtype(_numpy.intp),
        }

    def dtypes(self, *, device=None, kind=None):
        _check_device(device)
        if kind is None:
            names = _ALL_DTYPES
        elif isinstance(kind, str):
            if kind not in _DTYPE_KINDS:
                raise ValueError(f"unsupported kind: {kind!r}")
            names = _DTYPE_KINDS[kind]
        elif isinstance(kind, tuple):
            wanted = set()
            for k in kind:
                if not isinstance(k, str) or k not in _DTYPE_KINDS:
                    raise ValueError(f"unsupported kind: {k!r}")
                wanted.update(_DTYPE_KINDS[k])
            names = [n for n in _ALL_DTYPES if n in wanted]
        else:
            raise TypeError(f"kind must be a str or a tuple of str, not {type(kind).__name__}")
        return {n: _dtype_object(n) for n in names}

    def devices(self):
        return ["cpu"]


# ------------------------------------------------------------------------- functions ---
def astype(x, dtype, /, *, copy=True, device=None):
    """``astype(x, dtype, /, *, copy=True, device=None)``: ``x.astype(dtype, copy=copy)``,
    for arrays and NumPy scalars (NumPy's function refuses anything else)."""
    if not (isinstance(x, (_ndarray, _numpy.ndarray)) or _numpy.isscalar(x)):
        raise TypeError(f"Input should be a NumPy array or scalar. It is a {type(x)} instead.")
    _check_device(device)
    if not isinstance(x, (_ndarray, _numpy.ndarray, _numpy.generic)):
        # A Python scalar: NumPy's function calls its (missing) method, an AttributeError.
        return x.astype(dtype, copy=copy)
    if isinstance(x, _numpy.generic):
        # A NumPy scalar casts to a NumPy scalar, through a 0-d ferronum array.
        return _ferronum.asarray(x).astype(dtype, copy=copy)[()]
    if isinstance(x, _numpy.ndarray):
        x = _ferronum.asarray(x)
    return x.astype(dtype, copy=copy)


_VECDOT_SIG = "(n),(n)->()"


def _core_axis(axis, ndim):
    try:
        a = _operator.index(axis)
    except TypeError:
        raise TypeError(f"'{type(axis).__name__}' object cannot be interpreted as an integer") from None
    if not -ndim <= a < ndim:
        raise _AxisError(a, ndim)
    return a % ndim


def vecdot(x1, x2, /, out=None, *, axis=None, axes=None, dtype=None, casting="same_kind", keepdims=False):
    """``vecdot(x1, x2, /, out=None, *, axis=-1, axes=None, dtype=None, casting='same_kind',
    keepdims=False)``: the dot product of vectors along an axis (the complex conjugate of
    ``x1`` taken), broadcast over the rest, as NumPy's gufunc with signature ``(n),(n)->()``.
    The engine's einsum computes it."""
    x1 = _ferronum.asarray(x1)
    x2 = _ferronum.asarray(x2)
    for i, x in enumerate((x1, x2)):
        if x.ndim == 0:
            raise ValueError(f"vecdot: Input operand {i} does not have enough dimensions (has 0, gufunc core "
                             f"with signature {_VECDOT_SIG} requires 1)")
    if axis is not None and axes is not None:
        raise TypeError("cannot specify both 'axis' and 'axes'")
    if axes is not None:
        if len(axes) not in (2, 3) or any(len(a) != 1 for a in axes[:2]) or (len(axes) == 3 and len(axes[2]) != 0):
            raise ValueError(f"axes must be a list of 2 or 3 tuples matching the signature {_VECDOT_SIG}")
        a1, a2 = _core_axis(axes[0][0], x1.ndim), _core_axis(axes[1][0], x2.ndim)
    elif axis is not None:
        a1, a2 = _core_axis(axis, x1.ndim), _core_axis(axis, x2.ndim)
    else:
        a1, a2 = x1.ndim - 1, x2.ndim - 1
    if x1.shape[a1] != x2.shape[a2]:
        raise ValueError(f"vecdot: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
                         f"{_VECDOT_SIG} (size {x2.shape[a2]} is different from {x1.shape[a1]})")
    x1 = _ferronum.moveaxis(x1, a1, -1)
    x2 = _ferronum.moveaxis(x2, a2, -1)
    if x1.dtype.kind == "c":
        x1 = _ferronum.conjugate(x1)
    kw = {"casting": casting}
    if dtype is not None:
        kw["dtype"] = dtype
    if keepdims:
        r = _ferronum.einsum("...i,...i->...", x1, x2, **kw)
        r = _ferronum.expand_dims(r, -1 if axis is None else axis)
        if out is not None:
            _ferronum.copyto(out, r, casting=casting)
            return out
        return r
    if out is not None:
        if isinstance(out, tuple):
            if len(out) != 1:
                raise ValueError("The 'out' tuple must have exactly one entry per ufunc output")
            out = out[0]
        kw["out"] = out
    return _ferronum.einsum("...i,...i->...", x1, x2, **kw)
