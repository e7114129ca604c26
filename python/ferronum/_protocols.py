"""NumPy's override protocols on ``ferronum.ndarray``.

``__array_ufunc__`` (NEP 13): ``numpy.sin(x)``, ``numpy.add(x, y, out=z)`` and the ufunc
methods run ferronum's ufunc of the same name when an operand is a ferronum array.
``__array_function__`` (NEP 18): ``numpy.concatenate(...)``, ``numpy.linalg.norm(...)`` and every
other NumPy function ferronum also has run ferronum's. Both dispatch tables are built once, by
matching ferronum's public names to NumPy's, never by hand. Where ferronum lacks the ufunc, the
method or the function, the hooks return ``NotImplemented`` and NumPy raises its TypeError naming
it: nothing is silently converted to NumPy and computed there.
"""

import numpy as _numpy

from . import _ferronum

_ndarray = _ferronum.ndarray
_np_ndarray = _numpy.ndarray

# -------------------------------------------------------------------------- ufuncs ---
# numpy ufunc object -> the ferronum callable of the same name (filled by ``_build``).
_UFUNCS = {}
# Operand types that never override ufuncs themselves, so need no NEP 13 deferral check.
_PLAIN = {_ndarray, _np_ndarray, int, float, complex, bool, list, tuple, type(None)}
_PLAIN.update(t for t in _numpy.ScalarType if isinstance(t, type) and issubclass(t, _numpy.generic))


def _defers(x):
    """Whether ``x`` is of a type that overrides ufuncs in its own way (NEP 13): ferronum then
    steps aside so that type gets its turn."""
    t = type(x)
    if t in _PLAIN:
        return False
    over = getattr(t, "__array_ufunc__", None)
    return over is not None and over is not _ndarray.__array_ufunc__ and over is not _np_ndarray.__array_ufunc__


def _ferronum_out(out):
    """``out=`` as NumPy normalises it (a tuple), NumPy arrays in it viewed (zero-copy) as
    ferronum arrays so that ferronum's ufunc writes into their memory."""
    return tuple(_ferronum.asarray(o) if type(o) is _np_ndarray else o for o in out)


def _array_ufunc(self, ufunc, method, *inputs, **kwargs):
    """``ndarray.__array_ufunc__`` beyond its common call, which the extension answers itself
    (``protocols::array_ufunc``)."""
    f = _UFUNCS.get(ufunc)
    if f is None:
        return NotImplemented
    for x in inputs:
        if type(x) not in _PLAIN and _defers(x):
            return NotImplemented
    out = kwargs.get("out")
    if out is not None:
        if any(_defers(o) for o in out):
            return NotImplemented
        kwargs["out"] = _ferronum_out(out)
    if method == "__call__":
        r = f(*inputs, **kwargs)
    else:
        m = getattr(f, method, None) if isinstance(f, _ferronum.ufunc) else None
        if m is None:
            return NotImplemented
        if method == "at" and type(inputs[0]) is _np_ndarray:
            # ``numpy.add.at(numpy_array, ...)``: ferronum writes through a view of its memory.
            inputs = (_ferronum.asarray(inputs[0]),) + inputs[1:]
        r = m(*inputs, **kwargs)
    if out is None:
        return r
    # The caller's own objects come back, NumPy arrays included.
    return out[0] if len(out) == 1 else out


# ----------------------------------------------------------------------- functions ---
# numpy function object -> ferronum function (filled by ``_build``).
_FUNCTIONS = {}


def _array_function(self, func, types, args, kwargs):
    f = _FUNCTIONS.get(func)
    if f is None:
        return NotImplemented
    for t in types:
        if not (issubclass(t, _ndarray) or issubclass(t, _np_ndarray)):
            return NotImplemented
    return f(*args, **kwargs)


# NumPy namespaces and the ferronum modules that mirror them.
def _namespaces(ferronum):
    import importlib

    pairs = [(_numpy, ferronum)]
    for sub, np_name in (("linalg", "linalg"), ("fft", "fft"), ("emath", "emath")):
        try:
            mod = importlib.import_module(f"ferronum.{sub}")
        except ImportError:
            continue
        pairs.append((getattr(_numpy, np_name), mod))
    return pairs


def _public_names(mod):
    names = getattr(mod, "__all__", None)
    if names is None:
        names = [n for n in dir(mod) if not n.startswith("_")]
    return names


def dispatch_pairs(ferronum):
    """Every (NumPy callable, ferronum callable) pair of the same public name in mirrored
    namespaces: what the two protocols dispatch. Public for the tests."""
    pairs = []
    for np_mod, f_mod in _namespaces(ferronum):
        for name in _public_names(f_mod):
            fobj = getattr(f_mod, name, None)
            nobj = getattr(np_mod, name, None)
            if fobj is None or nobj is None or fobj is nobj or not callable(fobj) or isinstance(fobj, type):
                continue
            pairs.append((nobj, fobj))
    return pairs


def _takes_like(nobj):
    """Whether the NumPy callable accepts ``like=`` (NEP 35). Its creation functions are
    builtins without an introspectable signature; their docstrings all document the parameter
    in the same words."""
    return "like : array_like" in (getattr(nobj, "__doc__", None) or "")


def _build(ferronum):
    for nobj, fobj in dispatch_pairs(ferronum):
        if isinstance(nobj, _numpy.ufunc):
            # ``numpy.abs`` is ``numpy.absolute``: one entry per ufunc object.
            _UFUNCS.setdefault(nobj, fobj)
        elif hasattr(nobj, "_implementation") or _takes_like(nobj):
            # Only functions NumPy dispatches through ``__array_function__`` ever reach it: those
            # with an array argument, and the creation functions that take ``like=`` (NEP 35),
            # which libraries such as Dask call as ``numpy.asarray(x, like=chunk)`` to make an
            # array of the chunks' type.
            _FUNCTIONS.setdefault(nobj, fobj)
    _ndarray.__array_function__ = _array_function
