"""Files: ``save load savez savez_compressed`` (``.npy``/``.npz``), ``loadtxt savetxt
genfromtxt``, ``fromfile frombuffer fromstring fromiter fromfunction`` and the ``tofile``/
``tobytes`` methods.

This layer opens files, tells ``.npy`` from ``.npz`` from pickles and writes the zip
container with the standard library's ``zipfile``; headers, element bytes, text parsing and
number formatting are the Rust engine's (``ferronum::io``).
"""

import contextlib
import io
import operator
import os
import pickle
import warnings
import weakref
from collections.abc import Mapping

import numpy as _numpy

from . import _ferronum

__all__ = [
    "save", "load", "savez", "savez_compressed", "loadtxt", "savetxt", "genfromtxt",
    "fromfile", "frombuffer", "fromstring", "fromiter", "fromfunction",
]

_MAGIC = b"\x93NUMPY"
_ZIP_PREFIX = b"PK\x03\x04"
_ZIP_SUFFIX = b"PK\x05\x06"  # an empty zip file starts with its end record
_MAX_HEADER_SIZE = 10000


def _isfileobj(f):
    # numpy.lib.format.isfileobj: the objects numpy.fromfile can read directly.
    return isinstance(f, (io.FileIO, io.BufferedReader, io.BufferedWriter))


def _as_array(arr, allow_pickle):
    """``np.asanyarray`` for saving: object arrays get NumPy's refusal, or ferronum's (it
    has no object arrays)."""
    if _ferronum._is_ndarray(arr):
        return arr
    dt = getattr(arr, "dtype", None)
    if isinstance(dt, _numpy.dtype) and dt.hasobject:
        if not allow_pickle:
            raise ValueError("Object arrays cannot be saved when allow_pickle=False")
        raise TypeError("ferronum has no object arrays; they cannot be saved")
    from . import asarray

    return asarray(arr)


@contextlib.contextmanager
def _atomic_path(path, mode="wb", opener=None):
    """A file object on a temporary file next to ``path``, renamed over it when the block
    ends without an error (removed otherwise), so a failure leaves no half-written file."""
    d, name = os.path.split(os.path.abspath(path))
    tmp = os.path.join(d, f".{name}.{os.getpid()}-{id(object())}.tmp")
    f = (opener or open)(tmp, mode)
    try:
        yield f
        f.close()
        # Removing the old file first keeps ext4 from writing the new one back at once (as it
        # does for a rename over an existing file); the path never names a partial file.
        if os.path.isfile(path) and not os.path.islink(path):
            os.remove(path)
        os.replace(tmp, path)
    except BaseException:
        f.close()
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise


# ---- .npy -------------------------------------------------------------------------------


def save(file, arr, allow_pickle=True):
    """``numpy.save``: the bytes are NumPy's own (header, padding, data)."""
    if hasattr(file, "write"):
        a = _as_array(arr, allow_pickle)
        file.write(_ferronum._npy_image(a))
        return
    file = os.fspath(file)
    if not file.endswith(".npy"):
        file = file + ".npy"
    a = _as_array(arr, allow_pickle)
    _ferronum._npy_save_path(file, a)


def load(file, mmap_mode=None, allow_pickle=False, fix_imports=True, encoding="ASCII", *,
         max_header_size=_MAX_HEADER_SIZE):
    """``numpy.load`` of ``.npy``, ``.npz`` (a lazy ``NpzFile``) and, with
    ``allow_pickle=True``, pickles."""
    if encoding not in ("ASCII", "latin1", "bytes"):
        raise ValueError("encoding must be 'ASCII', 'latin1', or 'bytes'")
    with contextlib.ExitStack() as stack:
        if hasattr(file, "read"):
            fid = file
            own_fid = False
            path = None
        else:
            path = os.fspath(file)
            fid = stack.enter_context(open(path, "rb"))
            own_fid = True
        n = len(_MAGIC)
        magic = fid.read(n)
        if not magic:
            raise EOFError("No data left in file")
        fid.seek(-min(n, len(magic)), 1)
        if magic.startswith((_ZIP_PREFIX, _ZIP_SUFFIX)):
            stack.pop_all()
            return NpzFile(fid, own_fid=own_fid, allow_pickle=allow_pickle,
                           pickle_kwargs={"encoding": encoding, "fix_imports": fix_imports},
                           max_header_size=max_header_size)
        if magic == _MAGIC:
            if mmap_mode:
                if path is None:
                    if _isfileobj(file):
                        raise ValueError("Filename must be a string or a path-like object."
                                         "  Memmap cannot use existing file handles.")
                    path = os.fspath(file)
                if "w" in mmap_mode:
                    # NumPy's open_memmap would create a new file with shape None.
                    raise TypeError("object of type 'NoneType' has no len()")
                return _ferronum._npy_map(path, mmap_mode, allow_pickle, max_header_size)
            if path is not None:
                return _ferronum._npy_load_path(path, allow_pickle, max_header_size)
            return _ferronum._npy_read(fid.read, allow_pickle, max_header_size, _isfileobj(fid))
        if not allow_pickle:
            raise ValueError(
                "This file contains pickled (object) data. If you trust the file you can load "
                "it unsafely using the `allow_pickle=` keyword argument or `pickle.load()`.")
        try:
            return pickle.load(fid, encoding=encoding, fix_imports=fix_imports)
        except Exception as e:
            raise pickle.UnpicklingError(f"Failed to interpret file {file!r} as a pickle") from e


def open_memmap(filename, mode="r+", dtype=None, shape=None, fortran_order=False, version=None, *,
                max_header_size=_MAX_HEADER_SIZE):
    """``numpy.lib.format.open_memmap``: a ferronum array over a mapped ``.npy`` file; mode
    ``'w+'`` creates the file (NumPy's header, zeros) from ``dtype`` and ``shape``."""
    if _isfileobj(filename):
        raise ValueError("Filename must be a string or a path-like object."
                         "  Memmap cannot use existing file handles.")
    if version not in (None, (1, 0), (2, 0), (3, 0)):
        raise ValueError("we only support format version (1,0), (2,0), and (3,0), not %s" % (version,))
    path = os.fspath(filename)
    if "w" in mode:
        if shape is None:
            raise TypeError("object of type 'NoneType' has no len()")
        shape = (shape,) if isinstance(shape, int) else tuple(shape)
        return _ferronum._npy_create_map(path, _numpy.dtype(dtype), list(shape), bool(fortran_order))
    return _ferronum._npy_map(path, mode, False, max_header_size)


# ---- .npz -------------------------------------------------------------------------------


class BagObj:
    """Attribute access to an ``NpzFile``'s members (``npz.f.x``)."""

    def __init__(self, obj):
        self._obj = weakref.proxy(obj)

    def __getattribute__(self, key):
        try:
            return object.__getattribute__(self, "_obj")[key]
        except KeyError:
            raise AttributeError(key) from None

    def __dir__(self):
        return list(object.__getattribute__(self, "_obj").keys())


class NpzFile(Mapping):
    """``numpy.lib.npyio.NpzFile``: a lazy mapping of an ``.npz`` archive's arrays, read
    when asked for."""

    zip = None
    fid = None
    _MAX_REPR_ARRAY_COUNT = 5

    def __init__(self, fid, own_fid=False, allow_pickle=False, pickle_kwargs=None, *,
                 max_header_size=_MAX_HEADER_SIZE):
        import zipfile

        if not hasattr(fid, "read"):
            fid = os.fspath(fid)
        _zip = zipfile.ZipFile(fid, allowZip64=True)
        _files = _zip.namelist()
        self.files = [name.removesuffix(".npy") for name in _files]
        self._files = dict(zip(self.files, _files))
        self._files.update(zip(_files, _files))
        self.allow_pickle = allow_pickle
        self.max_header_size = max_header_size
        self.pickle_kwargs = pickle_kwargs
        self.zip = _zip
        self.f = BagObj(self)
        if own_fid:
            self.fid = fid

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()

    def close(self):
        """Close the file."""
        if self.zip is not None:
            self.zip.close()
            self.zip = None
        if self.fid is not None:
            self.fid.close()
            self.fid = None
        self.f = None

    def __del__(self):
        self.close()

    def __iter__(self):
        return iter(self.files)

    def __len__(self):
        return len(self.files)

    def __getitem__(self, key):
        try:
            key = self._files[key]
        except KeyError:
            raise KeyError(f"{key} is not a file in the archive") from None
        with self.zip.open(key) as member:
            data = member.read()
        if data[:len(_MAGIC)] == _MAGIC:
            return _ferronum._npy_load_bytes(data, self.allow_pickle, self.max_header_size)
        return data

    def __contains__(self, key):
        return key in self._files

    def __repr__(self):
        if isinstance(self.fid, str):
            filename = self.fid
        else:
            filename = getattr(self.fid, "name", "object")
        array_names = ", ".join(self.files[:self._MAX_REPR_ARRAY_COUNT])
        if len(self.files) > self._MAX_REPR_ARRAY_COUNT:
            array_names += "..."
        return f"NpzFile {filename!r} with keys: {array_names}"

    def get(self, key, default=None, /):
        return Mapping.get(self, key, default)

    def items(self):
        return Mapping.items(self)

    def keys(self):
        return Mapping.keys(self)

    def values(self):
        return Mapping.values(self)


def _savez(file, args, kwds, compress, allow_pickle=True):
    import zipfile

    if not hasattr(file, "write"):
        file = os.fspath(file)
        if not file.endswith(".npz"):
            file = file + ".npz"
    namedict = kwds
    for i, val in enumerate(args):
        key = "arr_%d" % i
        if key in namedict.keys():
            raise ValueError(f"Cannot use un-named variables and keyword {key}")
        namedict[key] = val
    compression = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    # Every member's bytes first (the engine's work), so that a bad array writes nothing.
    images = [(key + ".npy", _ferronum._npy_image(_as_array(val, allow_pickle)))
              for key, val in namedict.items()]

    def write(target):
        with zipfile.ZipFile(target, mode="w", compression=compression, allowZip64=True) as zipf:
            for fname, img in images:
                # always force zip64, as NumPy does (gh-10776)
                with zipf.open(fname, "w", force_zip64=True) as fid:
                    fid.write(img)

    if isinstance(file, str):
        with _atomic_path(file) as f:
            write(f)
    else:
        write(file)


def savez(file, *args, allow_pickle=True, **kwds):
    """``numpy.savez``: arrays as ``.npy`` members of an uncompressed zip."""
    _savez(file, args, kwds, False, allow_pickle=allow_pickle)


def savez_compressed(file, *args, allow_pickle=True, **kwds):
    """``numpy.savez_compressed``: arrays as deflated ``.npy`` members of a zip."""
    _savez(file, args, kwds, True, allow_pickle=allow_pickle)


# ---- text ---------------------------------------------------------------------------------


def _numeric_dtype(dtype, func):
    dt = _numpy.dtype(dtype)
    if dt.names is not None or dt.kind not in "biufc" or dt.itemsize > 16 or (
            dt.kind == "f" and dt.itemsize > 8) or (dt.kind == "c" and dt.itemsize > 16):
        raise TypeError(f"ferronum.{func} reads numeric columns only; dtype {dt} is not supported")
    return dt.newbyteorder("=") if dt.byteorder not in "=|" else dt


def _text_source(fname, encoding):
    """``(source, name)`` for the engine: a path it reads itself, or the text as bytes."""
    if isinstance(fname, os.PathLike):
        fname = os.fspath(fname)
    if isinstance(fname, str):
        lower = fname.lower()
        direct = encoding is None or encoding.lower().replace("_", "-") in (
            "utf-8", "utf8", "latin1", "latin-1", "ascii", "bytes", "iso-8859-1")
        if direct and not lower.endswith((".gz", ".bz2", ".xz", ".lzma", ".zip")):
            # The engine reads the file; fail early as open() would.
            if not os.path.exists(fname):
                raise FileNotFoundError(f"{fname} not found.")
            return fname, fname
        if lower.endswith(".gz"):
            import gzip

            opener = gzip.open
        elif lower.endswith(".bz2"):
            import bz2

            opener = bz2.open
        elif lower.endswith((".xz", ".lzma")):
            import lzma

            opener = lzma.open
        else:
            opener = open
        if not os.path.exists(fname):
            raise FileNotFoundError(f"{fname} not found.")
        with opener(fname, "rt", encoding=None if encoding == "bytes" else encoding) as fh:
            return fh.read().encode("utf-8"), fname
    if hasattr(fname, "read"):
        data = fname.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        return bytes(data), fname
    try:
        lines = iter(fname)
    except TypeError as e:
        raise ValueError(
            f"fname must be a string, filehandle, list of strings,\n"
            f"or generator. Got {type(fname)} instead.") from e
    parts = []
    for line in lines:
        if isinstance(line, bytes):
            line = line.decode(encoding if encoding not in (None, "bytes") else "latin1")
        parts.append(line.removesuffix("\n").removesuffix("\r"))
    return "\n".join(parts).encode("utf-8"), fname


def _check_nonneg_int(value, name="argument"):
    try:
        operator.index(value)
    except TypeError:
        raise TypeError(f"{name} must be an integer") from None
    if value < 0:
        raise ValueError(f"{name} must be nonnegative")


def _ensure_ndmin(a, ndmin):
    from . import atleast_1d, atleast_2d, squeeze

    if a.ndim > ndmin:
        a = squeeze(a)
    if a.ndim < ndmin:
        if ndmin == 1:
            a = atleast_1d(a)
        elif ndmin == 2:
            a = atleast_2d(a).T
    return a


def loadtxt(fname, dtype=float, comments="#", delimiter=None, converters=None, skiprows=0,
            usecols=None, unpack=False, ndmin=0, encoding=None, max_rows=None, *, quotechar=None,
            like=None):
    """``numpy.loadtxt`` for numeric dtypes, parsed by the engine in parallel blocks."""
    if dtype is None:
        dtype = _numpy.float64
    if converters is not None:
        raise TypeError("ferronum.loadtxt does not support converters")
    dt = _numeric_dtype(dtype, "loadtxt")
    if usecols is not None:
        try:
            usecols = list(usecols)
        except TypeError:
            usecols = [usecols]
        for c in usecols:
            if isinstance(c, bool) or not hasattr(type(c), "__index__"):
                raise TypeError("usecols must be an int or a sequence of ints but it contains "
                                f"at least one element of type '{type(c).__name__}'")
        usecols = [operator.index(c) for c in usecols]
    if ndmin not in [0, 1, 2]:
        raise ValueError(f"Illegal value of ndmin keyword: {ndmin}")
    if isinstance(delimiter, bytes):
        delimiter = delimiter.decode("latin1")
    if comments is None:
        comments = []
    else:
        if isinstance(comments, (str, bytes)):
            comments = [comments]
        comments = [c.decode("latin1") if isinstance(c, bytes) else c for c in comments]
        if "" in comments:
            raise ValueError("comments cannot be an empty string. Use comments=None to "
                             "disable comments.")
        if len(comments) > 1 and delimiter in comments:
            raise TypeError(f"Comment characters '{tuple(comments)}' cannot include the "
                            f"delimiter '{delimiter}'")
    for name, ch in (("delimiter", delimiter), ("quotechar", quotechar)):
        if ch is not None and (not isinstance(ch, str) or len(ch) != 1):
            raise TypeError("Text reading control character must be a single unicode character "
                            f"or None; but got: {ch!r}")
    if quotechar is not None and (len(comments) > 1 or any(len(c) > 1 for c in comments)):
        raise ValueError(
            "when multiple comments or a multi-character comment is given, quotes are not "
            "supported.  In this case quotechar must be set to None.")
    _check_nonneg_int(skiprows)
    if max_rows is not None:
        _check_nonneg_int(max_rows)
    source, name = _text_source(fname, encoding)
    arr = _ferronum._loadtxt(source, dt, delimiter, comments, quotechar, skiprows, max_rows, usecols)
    arr = _ensure_ndmin(arr, ndmin)
    if arr.shape and arr.shape[0] == 0:
        warnings.warn(f'loadtxt: input contained no data: "{name}"', category=UserWarning,
                      stacklevel=2)
    return arr.T if unpack else arr


def savetxt(fname, X, fmt="%.18e", delimiter=" ", newline="\n", header="", footer="",
            comments="# ", encoding=None):
    """``numpy.savetxt``: rows formatted by the engine's implementation of Python's ``%``."""
    from . import asarray

    if isinstance(fmt, bytes):
        fmt = fmt.decode("latin1")
    if isinstance(delimiter, bytes):
        delimiter = delimiter.decode("latin1")
    if isinstance(newline, bytes):
        newline = newline.decode("latin1")
    X = asarray(X)
    if X.ndim == 0 or X.ndim > 2:
        raise ValueError("Expected 1D or 2D array, got %dD array instead" % X.ndim)
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    ncol = X.shape[1]
    iscomplex_X = X.dtype.kind == "c"
    if type(fmt) in (list, tuple):
        if len(fmt) != ncol:
            raise AttributeError(f"fmt has wrong shape.  {str(fmt)}")
        format = delimiter.join(fmt)
    elif isinstance(fmt, str):
        n_fmt_chars = fmt.count("%")
        error = ValueError(f"fmt has wrong number of % formats:  {fmt}")
        if n_fmt_chars == 1:
            fmts = [f" ({fmt}+{fmt}j)"] * ncol if iscomplex_X else [fmt] * ncol
            format = delimiter.join(fmts)
        elif iscomplex_X and n_fmt_chars != (2 * ncol):
            raise error
        elif (not iscomplex_X) and n_fmt_chars != ncol:
            raise error
        else:
            format = fmt
    else:
        raise ValueError(f"invalid fmt: {fmt!r}")
    try:
        body = _ferronum._format_rows(X, format, newline, iscomplex_X)
    except TypeError as e:
        if iscomplex_X:
            raise
        raise TypeError("Mismatch between array dtype ('%s') and format specifier ('%s')"
                        % (str(X.dtype), format)) from e
    text = []
    if len(header) > 0:
        header = header.replace("\n", "\n" + comments)
        text.append(comments + header + newline)
    text.append(body)
    if len(footer) > 0:
        footer = footer.replace("\n", "\n" + comments)
        text.append(comments + footer + newline)
    out = "".join(text)

    if isinstance(fname, os.PathLike):
        fname = os.fspath(fname)
    if isinstance(fname, str):
        enc = encoding
        if fname.lower().endswith(".gz"):
            import gzip

            with _atomic_path(fname, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", filename="") as g:
                g.write(out.encode(enc or "utf-8"))
        else:
            with _atomic_path(fname, "w", opener=lambda p, m: open(p, m, encoding=enc, newline="")) as f:
                f.write(out)
    elif hasattr(fname, "write"):
        try:
            fname.write(out)
        except TypeError:
            fname.write(out.encode(encoding or "latin1"))
    else:
        raise ValueError("fname must be a string or file handle")


def genfromtxt(fname, dtype=float, comments="#", delimiter=None, skip_header=0, skip_footer=0,
               converters=None, missing_values=None, filling_values=None, usecols=None, names=None,
               excludelist=None, deletechars=None, replace_space="_", autostrip=False,
               case_sensitive=True, defaultfmt="f%i", unpack=None, usemask=False, loose=True,
               invalid_raise=True, max_rows=None, encoding=None, *, ndmin=0, like=None):
    """``numpy.genfromtxt`` for numeric columns of one dtype (``names=None``): missing and
    unparsable fields get ``filling_values``."""
    if names not in (None, False):
        raise TypeError("ferronum.genfromtxt does not support names= (structured arrays)")
    if converters or usemask:
        raise TypeError("ferronum.genfromtxt supports neither converters nor masked output")
    if max_rows is not None:
        if skip_footer:
            raise ValueError(
                "The keywords 'skip_footer' and 'max_rows' can not be specified at the same time.")
        if max_rows < 1:
            raise ValueError("'max_rows' must be at least 1.")
    if ndmin not in [0, 1, 2]:
        raise ValueError(f"Illegal value of ndmin keyword: {ndmin}")
    if isinstance(comments, bytes):
        comments = comments.decode("latin1")
    if isinstance(delimiter, bytes):
        delimiter = delimiter.decode("latin1")
    source, name = _text_source(fname, encoding)
    if isinstance(source, str):
        with open(source, "rb") as fh:
            source = fh.read()
    text = source.decode("utf-8", errors="surrogateescape")
    if usecols is not None:
        usecols = [usecols] if isinstance(usecols, int) else [operator.index(c) for c in usecols]
    missing = []
    if missing_values is not None:
        vals = missing_values
        if isinstance(vals, dict):
            vals = [v for vs in vals.values() for v in ([vs] if isinstance(vs, (str, bytes)) else vs)]
        elif isinstance(vals, (str, bytes)):
            vals = vals.split(",") if isinstance(vals, str) else [vals]
        missing = [v.decode("latin1") if isinstance(v, bytes) else str(v) for v in vals]

    def fills(ncols):
        if filling_values is None:
            return [None] * ncols
        if isinstance(filling_values, dict):
            out = [None] * ncols
            for k, v in filling_values.items():
                if isinstance(k, int) and -ncols <= k < ncols:
                    out[k] = float(v)
            return out
        if isinstance(filling_values, (list, tuple)):
            out = [float(v) for v in filling_values][:ncols]
            return out + [None] * (ncols - len(out))
        return [float(filling_values)] * ncols

    args = (delimiter, comments if comments else None, skip_header, skip_footer, usecols, missing)
    nfields = 4096
    if dtype is None:
        dt = _infer_dtype(text, args, max_rows)
    else:
        dt = _numeric_dtype(dtype, "genfromtxt")
    arr, errs = _ferronum._genfromtxt(text, dt, *args, fills(nfields), max_rows, invalid_raise,
                                      autostrip)
    for msg in errs:
        warnings.warn(msg, _conversion_warning(), stacklevel=2)
    if arr.shape[0] == 0:
        warnings.warn(f'genfromtxt: Empty input file: "{name}"', stacklevel=2)
        from . import empty

        arr = empty((0,), dtype=dt)
        return arr
    arr = _ensure_ndmin(arr, ndmin)
    return arr.T if unpack else arr


def _conversion_warning():
    try:
        from numpy.lib._iotools import ConversionWarning
    except ImportError:  # pragma: no cover
        return UserWarning
    return ConversionWarning


def _infer_dtype(text, args, max_rows):
    """``dtype=None``: the one type every column reads as (int64, float64, complex128);
    columns of different types would make a structured array."""
    found = set()
    probe = _ferronum._genfromtxt(text, _numpy.dtype("float64"), *args, [None] * 4096, max_rows,
                                  False, False)[0]
    ncols = probe.shape[1] if probe.ndim == 2 else 0
    for j in range(ncols):
        a = list(args)
        a[4] = [j]
        for cand in ("int64", "float64", "complex128"):
            try:
                _ferronum._genfromtxt(text, _numpy.dtype(cand), *a, [None] * 4096, max_rows,
                                      False, False, True)
            except ValueError:
                continue
            found.add(cand)
            break
        else:
            raise TypeError("ferronum.genfromtxt reads numeric columns only; column "
                            f"{j} holds text")
    if len(found) > 1:
        raise TypeError("ferronum.genfromtxt: columns of different types would make a structured "
                        "array, which ferronum does not support")
    return _numpy.dtype(found.pop() if found else "float64")


# ---- raw bytes ----------------------------------------------------------------------------


def frombuffer(buffer, dtype=float, count=-1, offset=0, *, like=None):
    """``numpy.frombuffer``: an array over the buffer's memory (read-only when it is)."""
    dt = _numeric_dtype(dtype, "frombuffer")
    mv = memoryview(buffer)
    if not mv.c_contiguous:
        raise ValueError("ndarray is not C-contiguous")
    if mv.format != "B" or mv.ndim != 1:
        mv = mv.cast("B")
    return _ferronum._frombuffer(mv, dt, operator.index(count), operator.index(offset))


def fromstring(string, dtype=float, count=-1, *, sep, like=None):
    """``numpy.fromstring`` (text mode; the binary mode is NumPy's error)."""
    dt = _numeric_dtype(dtype, "fromstring")
    if sep == "":
        raise ValueError("The binary mode of fromstring is removed, use frombuffer instead")
    if isinstance(string, str):
        string = string.encode("latin1")
    arr, stopped = _ferronum._parse_separated(bytes(string), dt, sep, operator.index(count))
    return _check_matched(arr, stopped)


def _check_matched(arr, stopped):
    if stopped:
        raise ValueError("string or file could not be read to its end due to unmatched data")
    return arr


def fromfile(file, dtype=float, count=-1, sep="", offset=0, *, like=None):
    """``numpy.fromfile``: binary (``sep=''``) or text."""
    dt = _numeric_dtype(dtype, "fromfile")
    count = operator.index(count)
    offset = operator.index(offset)
    with contextlib.ExitStack() as stack:
        if hasattr(file, "read"):
            f = file
            f.fileno()  # NumPy reads real files only (io.UnsupportedOperation otherwise)
        else:
            f = stack.enter_context(open(os.fspath(file), "rb"))
        if sep == "":
            if offset:
                f.seek(offset, 1)
            if count < 0:
                data = f.read()
                n = len(data) // dt.itemsize
            else:
                data = f.read(count * dt.itemsize)
                n = len(data) // dt.itemsize
            if hasattr(f, "seek") and len(data) != n * dt.itemsize:
                f.seek(n * dt.itemsize - len(data), 1)
            return _ferronum._from_bytes_copy(data, dt, n)
        if offset:
            raise TypeError("'offset' argument only permitted for binary files")
        data = f.read()
        if isinstance(data, str):
            data = data.encode("latin1")
        arr, stopped = _ferronum._parse_separated(bytes(data), dt, sep, count)
        return _check_matched(arr, stopped)


def fromiter(iter, dtype, count=-1, *, like=None):
    """``numpy.fromiter``: a 1-d array of the iterable's first ``count`` items."""
    from . import array

    dt = _numeric_dtype(dtype, "fromiter")
    count = operator.index(count)
    items = []
    it = builtins_iter(iter)
    if count < 0:
        items = list(it)
    else:
        for _ in range(count):
            try:
                items.append(next(it))
            except StopIteration:
                raise ValueError(f"iterator too short: Expected {count} but iterator had only "
                                 f"{len(items)} items.") from None
    if not items:
        from . import empty

        return empty((0,), dtype=dt)
    return array(items, dtype=dt)


def fromfunction(function, shape, *, dtype=float, like=None, **kwargs):
    """``numpy.fromfunction``: ``function(*indices(shape, dtype))``."""
    from . import indices

    args = indices(shape, dtype=dtype)
    return function(*args, **kwargs)


builtins_iter = iter


# ---- ndarray methods ----------------------------------------------------------------------


def _tobytes(self, order="C"):
    if order not in ("C", "F", "A", "K", None):
        raise ValueError("order must be one of 'C', 'F', 'A', or 'K' (got %r)" % (order,))
    fortran = order == "F" or (order in ("A", "K") and self.flags.f_contiguous
                               and not self.flags.c_contiguous)
    return _ferronum._tobytes(self, fortran)


def _tofile(self, fid, sep="", format="%s"):
    if sep == "":
        if hasattr(fid, "write"):
            if hasattr(fid, "flush"):
                fid.flush()
            fid.write(_ferronum._tobytes(self, False))
        else:
            path = os.fspath(fid)
            _ferronum._tofile_path(self, path)
        return
    text = _ferronum._format_flat(self, sep, format)
    if hasattr(fid, "write"):
        try:
            fid.write(text)
        except TypeError:
            fid.write(text.encode("latin1"))
    else:
        with _atomic_path(os.fspath(fid), "w", opener=lambda p, m: open(p, m, newline="")) as f:
            f.write(text)
