"""``nditer``: NumPy's multi-operand iterator over ferronum arrays.

The iterator plans as NumPy's does (broadcast the operands, order the axes by memory for
``order='K'`` and flip those all operands step backwards through, merge axes that are contiguous
in every operand when no index is tracked, split the inner loop into buffers) and then walks
views: each element is a 0-d ferronum view of its operand (a read-only one for ``readonly``
operands), each inner loop a 1-d view, so writes reach the operands. Buffered casts are
ferronum ``astype`` copies, written back (``readwrite``/``writeonly``) when the buffer moves
on, on ``close()`` or on leaving the ``with`` block. The views, casts and copies run in the
engine; this module only keeps the position.
"""

import operator as _operator

import numpy as _numpy

from . import _ferronum
from ._manip import concatenate as _concatenate

__all__ = ["nditer"]

_GLOBAL_FLAGS = {
    "buffered", "c_index", "f_index", "multi_index", "external_loop", "common_dtype",
    "copy_if_overlap", "delay_bufalloc", "grow_inner", "ranged", "refs_ok", "reduce_ok",
    "zerosize_ok", "buffered_reduce",
}
_OP_FLAGS = {
    "readonly", "readwrite", "writeonly", "allocate", "copy", "updateifcopy", "no_broadcast",
    "contig", "aligned", "nbo", "no_subtype", "arraymask", "writemasked",
    "overlap_assume_elementwise", "virtual",
}
_BUFSIZE = 8192


def _shape_str(shape):
    return "(" + ",".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def _flag_list(flags, what):
    if flags is None:
        return []
    if isinstance(flags, str):
        flags = [flags]
    out = []
    for f in flags:
        if not isinstance(f, str):
            raise ValueError(f"{what} must be a list or tuple of strings")
        out.append(f)
    return out


class nditer:
    """NumPy's ``nditer(op, flags=None, op_flags=None, op_dtypes=None, order='K',
    casting='safe', op_axes=None, itershape=None, buffersize=0)``."""

    def __init__(self, op, flags=None, op_flags=None, op_dtypes=None, order="K", casting="safe",
                 op_axes=None, itershape=None, buffersize=0):
        ops = list(op) if isinstance(op, (list, tuple)) else [op]
        nop = len(ops)
        if nop == 0:
            raise ValueError("Must provide at least one operand")
        gflags = set()
        for f in _flag_list(flags, "Iterator global flags"):
            if f not in _GLOBAL_FLAGS:
                raise ValueError(f'Unexpected iterator global flag "{f}"')
            gflags.add(f)
        if "c_index" in gflags and "f_index" in gflags:
            raise ValueError("Iterator flags C_INDEX and F_INDEX cannot both be specified")
        if "external_loop" in gflags and gflags & {"c_index", "f_index", "multi_index"}:
            raise ValueError(
                "Iterator flag EXTERNAL_LOOP cannot be used if an index or multi-index is being tracked")
        if order not in ("C", "F", "A", "K"):
            raise ValueError("order must be one of 'C', 'F', 'A', or 'K'")
        if casting not in ("no", "equiv", "safe", "same_kind", "unsafe"):
            raise ValueError(
                "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'")
        self._opflags = self._parse_op_flags(op_flags, ops)
        buffered = "buffered" in gflags
        # Operands as ferronum arrays; written ones must be ferronum arrays already.
        arrays = []
        for i, (o, fl) in enumerate(zip(ops, self._opflags)):
            if o is None:
                if "allocate" not in fl:
                    raise ValueError(
                        "Iterator operand was NULL, but neither the ALLOCATE nor the VIRTUAL flag was specified")
                arrays.append(None)
                continue
            writes = fl & {"readwrite", "writeonly"}
            a = o if isinstance(o, _ferronum.ndarray) else _ferronum.asarray(o)
            if writes and not a.flags.writeable:
                raise ValueError("operand array with iterator write flag set is read-only")
            arrays.append(a)
        # Requested dtypes and the casts they need.
        if op_dtypes is None:
            op_dtypes = [None] * nop
        elif not isinstance(op_dtypes, (list, tuple)):
            op_dtypes = [op_dtypes] * nop if nop == 1 else list(op_dtypes)
        if len(op_dtypes) != nop:
            raise ValueError("op_dtypes must be a tuple/list matching the number of ops")
        dts = [None if d is None else _numpy.dtype(d) for d in op_dtypes]
        if "common_dtype" in gflags:
            common = _ferronum.result_type(*[a for a in arrays if a is not None])
            dts = [common if d is None else d for d in dts]
        inputs = [a for a in arrays if a is not None]
        for i, a in enumerate(arrays):
            if a is None:
                if dts[i] is None:
                    if not inputs:
                        raise TypeError(
                            "Iterator cannot allocate an output without input operands or op_dtypes")
                    dts[i] = _ferronum.result_type(*inputs)
                continue
            if dts[i] is None:
                dts[i] = a.dtype
                continue
            fl = self._opflags[i]
            if "writeonly" not in fl and not _ferronum.can_cast(a.dtype, dts[i], casting):
                raise TypeError(
                    f"Iterator operand {i} dtype could not be cast from {a.dtype!r} to {dts[i]!r} "
                    f"according to the rule '{casting}'")
            if fl & {"readwrite", "writeonly"} and not _ferronum.can_cast(dts[i], a.dtype, casting):
                raise TypeError(
                    f"Iterator requested dtype could not be cast from {dts[i]!r} to {a.dtype!r}, "
                    f"the operand {i} dtype, according to the rule '{casting}'")
            if dts[i] != a.dtype and not buffered and not fl & {"copy", "updateifcopy"}:
                raise TypeError(
                    "Iterator operand required copying or buffering, but neither copying nor buffering was enabled")
        self._dtypes = tuple(dts)
        # Operands as the iterator sees them: `op_axes` places each listed axis of an operand on
        # an iterator axis (-1: none, broadcast), an unlisted axis is read at index 0.
        src, nd_fixed = self._apply_op_axes(arrays, op_axes, itershape)
        # Broadcasting (written operands take the full shape, as NumPy's do without reduce_ok).
        shapes = [a.shape for a in src if a is not None]
        nd = max((len(s) for s in shapes), default=0) if nd_fixed is None else nd_fixed
        bshape = []
        for k in range(nd):
            d = 1
            if itershape is not None and itershape[k] not in (-1, None):
                d = _operator.index(itershape[k])
                for s in shapes:
                    j = k - (nd - len(s))
                    if j >= 0 and s[j] not in (1, d):
                        raise ValueError("operands could not be broadcast together with shapes "
                                         + " ".join(_shape_str(s) for s in shapes) + " ")
                bshape.append(d)
                continue
            for s in shapes:
                j = k - (nd - len(s))
                if j < 0 or s[j] == 1:
                    continue
                if d != 1 and s[j] != d:
                    raise ValueError("operands could not be broadcast together with shapes "
                                     + " ".join(_shape_str(s) for s in shapes) + " ")
                d = s[j]
            bshape.append(d)
        bshape = tuple(bshape)
        for i, a in enumerate(src):
            if a is None or not self._opflags[i] & {"readwrite", "writeonly"}:
                continue
            s = (1,) * (nd - a.ndim) + a.shape
            for k in range(nd - 1, -1, -1):
                if s[k] != bshape[k]:
                    if "reduce_ok" in gflags:
                        raise NotImplementedError(
                            "ferronum's nditer does not reduce into broadcast output operands")
                    raise ValueError(
                        f"output operand requires a reduction along dimension {nd - 1 - k}, but the "
                        "reduction is not enabled. The dimension size of 1 does not match the "
                        "expected output shape.")
        self._shape_full = bshape
        if 0 in bshape and "zerosize_ok" not in gflags:
            raise ValueError("Iteration of zero-sized operands is not enabled")
        # Views of the broadcast shape: written operands as plain views (writes reach them),
        # read ones broadcast.
        views = []
        for i, a in enumerate(src):
            if a is None:
                views.append(None)
            elif self._opflags[i] & {"readwrite", "writeonly"}:
                views.append(a.reshape((1,) * (nd - a.ndim) + a.shape) if a.ndim < nd else a[...])
            else:
                # Read-only views: every element and inner loop taken from them is read-only.
                v = a[...] if a.shape == bshape else _ferronum.broadcast_to(a, bshape)
                v.flags.writeable = False
                views.append(v)
        # Axis order (outer to inner) and the axes walked backwards.
        perm, flips = self._plan_order(order, views, nd)
        for i, a in enumerate(arrays):
            if a is None:
                # Allocated in the iteration's memory order.
                pshape = tuple(bshape[p] for p in perm)
                base = _ferronum.empty(pshape, dtype=dts[i])
                inv = [0] * nd
                for k, p in enumerate(perm):
                    inv[p] = k
                arrays[i] = base.transpose(inv) if nd else base
                views[i] = arrays[i][...]
        self._operands = tuple(arrays)
        self._perm, self._flips = perm, flips
        # Only a multi-index keeps the axes apart; a flat index steps like one more operand.
        self._track = "multi_index" in gflags
        self._multi = "multi_index" in gflags
        self._index_kind = "C" if "c_index" in gflags else "F" if "f_index" in gflags else None
        self._external = "external_loop" in gflags
        self._buffered = buffered
        self._bufsize = int(buffersize) if buffersize and buffersize > 0 else _BUFSIZE
        self._base_views = views
        self._closed = False
        self._build()

    # ---- planning ------------------------------------------------------------------------

    @staticmethod
    def _apply_op_axes(arrays, op_axes, itershape):
        """The operands laid on the iterator's axes by `op_axes`, and the iterator's number of
        dimensions when `op_axes` or `itershape` fix it (else None)."""
        nd = None if itershape is None else len(itershape)
        if op_axes is None:
            return list(arrays), nd
        if not isinstance(op_axes, (list, tuple)) or len(op_axes) != len(arrays):
            raise ValueError("op_axes must be a tuple/list matching the number of ops")
        for e in op_axes:
            if e is not None and not isinstance(e, (list, tuple)):
                raise ValueError("Each entry of op_axes must be None or a tuple/list")
        lens = {len(e) for e in op_axes if e is not None}
        if lens:
            n = lens.pop()
            if lens or (nd is not None and nd != n):
                raise ValueError(
                    "'op_axes' and 'itershape' must have the same number of entries equal to the iterator ndim")
            nd = n
        out = []
        for i, (a, e) in enumerate(zip(arrays, op_axes)):
            if e is None:
                out.append(a)
                continue
            if a is None:
                raise NotImplementedError("ferronum's nditer does not allocate operands placed by op_axes")
            ax = [-1 if x is None else _operator.index(x) for x in e]
            seen = []
            for pos, x in enumerate(ax):
                if x == -1:
                    continue
                if not 0 <= x < a.ndim:
                    raise ValueError(
                        f"Iterator input op_axes[{i}][{len(ax) - 1 - pos}] (=={x}) is not a valid axis of "
                        f"op[{i}], which has {a.ndim} dimensions ")
                if x in seen:
                    raise ValueError(
                        f"The 'op_axes' provided to the iterator constructor for operand {i} contained "
                        f"duplicate value {x}")
                seen.append(x)
            v = a[tuple(slice(None) if k in seen else 0 for k in range(a.ndim))] if a.ndim else a[...]
            rank = {x: r for r, x in enumerate(sorted(seen))}
            perm = [rank[x] for x in ax if x != -1]
            if perm:
                v = v.transpose(perm)
            out.append(v[tuple(None if x == -1 else slice(None) for x in ax)])
        return out, nd

    def _parse_op_flags(self, op_flags, ops):
        nop = len(ops)
        if op_flags is None:
            per = [["readonly"] if o is not None else ["writeonly", "allocate"] for o in ops]
        else:
            if isinstance(op_flags, str) or not isinstance(op_flags, (list, tuple)):
                raise ValueError("op_flags must be a tuple or array of per-op flag-tuples")
            op_flags = list(op_flags)
            if op_flags and all(isinstance(f, str) for f in op_flags):
                per = [op_flags] * nop
            else:
                if len(op_flags) != nop:
                    raise ValueError("op_flags must be a tuple/list matching the number of ops")
                per = [list(f) if not isinstance(f, str) else [f] for f in op_flags]
        out = []
        for fl in per:
            s = set()
            for f in fl:
                if not isinstance(f, str) or f not in _OP_FLAGS:
                    raise ValueError(f'Unexpected per-op iterator flag "{f}"')
                s.add(f)
            if len(s & {"readonly", "readwrite", "writeonly"}) > 1:
                raise ValueError(
                    "Only one of the iterator flags READWRITE, READONLY, and WRITEONLY may be specified for an operand")
            if not s & {"readonly", "readwrite", "writeonly"}:
                raise ValueError(
                    "None of the iterator flags READWRITE, READONLY, or WRITEONLY were specified for an operand")
            out.append(s)
        return out

    @staticmethod
    def _plan_order(order, views, nd):
        present = [v for v in views if v is not None]
        if order == "A":
            order = "F" if present and all(v.flags.f_contiguous for v in present) else "C"
        if order == "C" or nd <= 1 and order != "K":
            return list(range(nd)), [False] * nd
        if order == "F":
            return list(range(nd - 1, -1, -1)), [False] * nd
        strides = [[(v.strides[k] if v.shape[k] != 1 else 0) for k in range(nd)] for v in present]
        # NumPy's insertion sort, innermost axis first; where operands disagree C order wins.
        internal = list(range(nd - 1, -1, -1))
        for i0 in range(1, nd):
            ax0 = internal[i0]
            pos = i0
            for i1 in range(i0 - 1, -1, -1):
                ax1 = internal[i1]
                ambig, swap = True, False
                for st in strides:
                    s0, s1 = st[ax0], st[ax1]
                    if s0 != 0 and s1 != 0:
                        if abs(s1) <= abs(s0):
                            swap = False
                        elif ambig:
                            swap = True
                        ambig = False
                if not ambig:
                    if swap:
                        pos = i1
                    else:
                        break
            if pos != i0:
                internal.pop(i0)
                internal.insert(pos, ax0)
        flips = [False] * nd
        for k in range(nd):
            neg = False
            for st in strides:
                if st[k] < 0:
                    neg = True
                elif st[k] != 0:
                    break
            else:
                flips[k] = neg
        return internal[::-1], flips

    def _build(self):
        """The iteration views (operands permuted, flipped and, where nothing is tracked,
        with mergeable axes merged) and the position's starting state."""
        nd = len(self._shape_full)
        key = tuple(slice(None, None, -1) if f else slice(None) for f in self._flips)
        oriented = []
        for v in self._base_views:
            w = v[key] if nd else v
            oriented.append(w.transpose(self._perm) if nd else w)
        ishape = [self._shape_full[p] for p in self._perm]
        # The flat index as an operand: its step along each iteration axis, and its start.
        istrides, ioffset = [], 0
        if self._index_kind is not None:
            full = self._shape_full
            axes = range(nd) if self._index_kind == "C" else range(nd - 1, -1, -1)
            step, steps = 1, [0] * nd
            for k in reversed(list(axes)):
                steps[k] = step
                step *= full[k]
            for p in self._perm:
                if self._flips[p]:
                    ioffset += (full[p] - 1) * steps[p]
                    istrides.append(-steps[p])
                else:
                    istrides.append(steps[p])
        if not self._track and nd > 1:
            ishape, oriented, istrides = self._coalesce(ishape, oriented, istrides)
        self._istrides, self._ioffset = istrides, ioffset
        self._zero_d = not ishape
        if self._zero_d:
            ishape = [1]
            oriented = [w.reshape(1) for w in oriented]
        self._ishape = tuple(ishape)
        self._views = oriented
        self._itersize = 1
        for d in self._shape_full if self._track else self._ishape:
            self._itersize *= d
        if self._zero_d:
            self._itersize = 1
        self._core = self._ishape[-1]
        self._buffers = None
        self._reset_position()

    def _coalesce(self, ishape, views, istrides):
        strides = [[(v.strides[k] if ishape[k] != 1 else 0) for k in range(len(ishape))] for v in views]
        if istrides:
            strides.append([(istrides[k] if ishape[k] != 1 else 0) for k in range(len(ishape))])
        shape = list(ishape)
        k = len(shape) - 1
        # Merge axis k-1 (outer) into k (inner) while every operand steps evenly across both.
        while k > 0:
            inner, outer = k, k - 1
            ok = all(
                shape[inner] == 1 or shape[outer] == 1 or st[inner] * shape[inner] == st[outer]
                for st in strides)
            if ok:
                for st in strides:
                    st[inner] = st[inner] if shape[inner] != 1 else st[outer]
                    del st[outer]
                shape[inner] *= shape[outer]
                del shape[outer]
            k -= 1
        merged = [v.reshape(shape) if v.shape != tuple(shape) else v for v in views]
        return shape, merged, (strides[-1] if istrides else [])

    # ---- position ------------------------------------------------------------------------

    def _reset_position(self):
        self._pos = 0
        self._started = False
        self._idx = [0] * len(self._ishape)
        self._chunk = None
        self._load()

    def _check_open(self, msg="Iterator is past the end"):
        # A closed iterator answers as NumPy's released one does.
        if self._closed:
            raise ValueError(msg)

    def _chunk_len(self, pos):
        """Elements in the inner loop starting at flat position `pos`."""
        core = self._core
        if not self._buffered:
            return core
        b = self._bufsize
        if b >= core:
            n = (b // core) * core
            return min(n, self._itersize - pos)
        within = pos % core
        return min(b, core - within)

    def _load(self):
        """Prepares the values at the current position (the inner loop's buffers when
        external or buffered)."""
        if self._pos >= self._itersize:
            self._chunk = None
            return
        if self._external:
            n = self._chunk_len(self._pos)
            self._chunk = self._make_chunk(self._pos, n)
        elif self._buffered and any(d != v.dtype for d, v in zip(self._dtypes, self._views)):
            if self._chunk is None or not (self._chunk[0] <= self._pos < self._chunk[0] + self._chunk[1]):
                start = self._pos - self._pos % self._core if self._bufsize >= self._core else self._pos
                n = self._chunk_len(start)
                self._chunk = self._make_chunk(start, n)
        else:
            self._chunk = None

    def _rows(self, start, n):
        """(outer index, first, last) pieces of flat positions [start, start + n)."""
        core = self._core
        pos, end = start, start + n
        while pos < end:
            row, col = divmod(pos, core)
            stop = min(end, (row + 1) * core)
            yield self._outer_index(row), col, col + (stop - pos)
            pos = stop

    def _outer_index(self, row):
        out = []
        for d in reversed(self._ishape[:-1]):
            row, r = divmod(row, d)
            out.append(r)
        return tuple(reversed(out))

    def _make_chunk(self, start, n):
        """(start, n, per-operand 1-d arrays, whether each is a buffer to write back)."""
        arrays, buffered = [], []
        pieces = list(self._rows(start, n))
        for v, d in zip(self._views, self._dtypes):
            if len(pieces) == 1 and v.dtype == d:
                o, a, b = pieces[0]
                arrays.append(v[o + (slice(a, b),)])
                buffered.append(False)
                continue
            parts = [v[o + (slice(a, b),)] for o, a, b in pieces]
            joined = _concatenate(parts) if len(parts) > 1 else None
            buf = joined if joined is not None and joined.dtype == d else (
                joined if joined is not None else parts[0]).astype(d)
            if not v.flags.writeable:
                buf.flags.writeable = False
            arrays.append(buf)
            buffered.append(True)
        return (start, n, arrays, buffered, pieces)

    def _write_back(self):
        ch = self._chunk
        if ch is None:
            return
        start, n, arrays, buffered, pieces = ch
        for i, (v, buf, isbuf) in enumerate(zip(self._views, arrays, buffered)):
            if not isbuf or not self._opflags[i] & {"readwrite", "writeonly"}:
                continue
            off = 0
            for o, a, b in pieces:
                dst = v[o + (slice(a, b),)]
                _ferronum.copyto(dst, buf[off:off + (b - a)], casting="unsafe")
                off += b - a

    def _advance_to(self, pos):
        old = self._chunk
        self._pos = pos
        if old is not None and not (self._external is False and old[0] <= pos < old[0] + old[1]):
            self._write_back()
            self._chunk = None
        self._load()

    # ---- iteration -----------------------------------------------------------------------

    def __iter__(self):
        return self

    def __next__(self):
        if self._closed:
            raise StopIteration
        if self._started:
            if not self.iternext():
                raise StopIteration
        elif self._pos >= self._itersize:
            raise StopIteration
        self._started = True
        return self.value

    def iternext(self):
        """Moves to the next element (or inner loop); False once past the end."""
        if self._closed or self._pos >= self._itersize:
            return False
        step = self._chunk[1] if self._external else 1
        self._advance_to(self._pos + step)
        return self._pos < self._itersize

    @property
    def finished(self):
        return not self._closed and self._pos >= self._itersize

    def reset(self):
        """Back to the first element."""
        self._check_open("Iterator is invalid")
        self._write_back()
        self._reset_position()

    def _element_index(self):
        """The current position as an index into the iteration views."""
        idx, pos = [], self._pos
        for d in reversed(self._ishape):
            pos, r = divmod(pos, d)
            idx.append(r)
        return tuple(reversed(idx))

    def _values(self):
        if self._pos >= self._itersize:
            raise ValueError("Iterator is past the end")
        ch = self._chunk
        if self._external:
            return list(ch[2])
        if ch is not None:
            off = self._pos - ch[0]
            out = []
            for v, buf, isbuf, d in zip(self._views, ch[2], ch[3], self._dtypes):
                if isbuf:
                    out.append(buf[off:off + 1].reshape(()))
                else:
                    out.append(v[self._element_index() + (Ellipsis,)])
            return out
        idx = self._element_index() + (Ellipsis,)
        return [v[idx] for v in self._views]

    @property
    def value(self):
        self._check_open()
        vals = self._values()
        return vals[0] if len(vals) == 1 else tuple(vals)

    def __getitem__(self, i):
        self._check_open()
        vals = self._values()
        if isinstance(i, slice):
            return tuple(vals[i])
        return vals[_operator.index(i)]

    def __setitem__(self, i, value):
        self._check_open()
        vals = self._values()
        if isinstance(i, slice):
            for k, v in zip(range(*i.indices(len(vals))), value):
                self._set_one(k, vals[k], v)
        else:
            k = _operator.index(i)
            self._set_one(k, vals[k], value)

    def _set_one(self, k, view, value):
        if "readonly" in self._opflags[k]:
            raise ValueError("assignment destination is read-only")
        view[...] = value

    def __len__(self):
        return len(self._operands)

    # ---- indices -------------------------------------------------------------------------

    def _multi_index(self):
        idx = self._element_index()
        out = [0] * len(self._shape_full)
        for k, p in enumerate(self._perm):
            i = idx[k]
            out[p] = self._shape_full[p] - 1 - i if self._flips[p] else i
        return tuple(out)

    @property
    def multi_index(self):
        self._check_open()
        if not self._multi:
            raise ValueError("Iterator is not tracking a multi-index")
        if self._pos >= self._itersize:
            raise ValueError("Iterator is past the end")
        return () if self._zero_d else self._multi_index()

    @multi_index.setter
    def multi_index(self, value):
        self._check_open()
        if not self._multi:
            raise ValueError("Iterator is not tracking a multi-index")
        value = tuple(_operator.index(v) for v in value)
        if len(value) != len(self._shape_full):
            raise ValueError("multi-index must have the same number of dimensions as the iterator")
        for p, i in enumerate(value):
            if not 0 <= i < self._shape_full[p]:
                raise IndexError("Iterator requested a multi-index out of bounds")
        self._advance_to(self._position_of(value))

    def _position_of(self, mi):
        """The flat iteration position of the multi-index `mi` (merging axes keeps the
        position, so the unmerged axes give it)."""
        pos = 0
        for p in self._perm:
            n, i = self._shape_full[p], mi[p]
            pos = pos * n + (n - 1 - i if self._flips[p] else i)
        return pos

    @property
    def index(self):
        self._check_open()
        if self._index_kind is None:
            raise ValueError("Iterator does not have an index")
        if self._pos >= self._itersize:
            raise ValueError("Iterator is past the end")
        if self._zero_d:
            return 0
        return self._ioffset + sum(i * s for i, s in zip(self._element_index(), self._istrides))

    @index.setter
    def index(self, value):
        self._check_open()
        if self._index_kind is None:
            raise ValueError("Iterator does not have an index")
        value = _operator.index(value)
        if not 0 <= value < self._itersize:
            raise IndexError("Iterator index out of bounds")
        shape = self._shape_full
        axes = list(range(len(shape))) if self._index_kind == "C" else list(range(len(shape) - 1, -1, -1))
        mi = [0] * len(shape)
        for k in reversed(axes):
            value, mi[k] = divmod(value, shape[k])
        self._advance_to(self._position_of(mi))

    @property
    def iterindex(self):
        self._check_open()
        if self._pos >= self._itersize:
            raise ValueError("Iterator is past the end")
        return self._pos

    @iterindex.setter
    def iterindex(self, value):
        self._check_open()
        value = _operator.index(value)
        if not 0 <= value < self._itersize:
            raise IndexError("Iterator iterindex out of bounds")
        self._advance_to(value)

    @property
    def iterrange(self):
        return (0, self._itersize)

    # ---- description ---------------------------------------------------------------------

    @property
    def operands(self):
        self._check_open("Iterator is invalid")
        return self._operands

    @property
    def itviews(self):
        self._check_open("Iterator is invalid")
        if self._zero_d:
            return tuple(v.reshape(()) for v in self._views)
        return tuple(self._views)

    @property
    def dtypes(self):
        self._check_open("Iterator is invalid")
        return self._dtypes

    @property
    def shape(self):
        self._check_open()
        if self._pos >= self._itersize:
            raise ValueError("Iterator is past the end")
        if self._zero_d:
            return ()
        # Without a multi-index NumPy reports its own axes, innermost first.
        return self._shape_full if self._multi else self._ishape[::-1]

    @property
    def ndim(self):
        if self._zero_d:
            return 0
        return len(self._shape_full if self._multi else self._ishape)

    @property
    def nop(self):
        return len(self._operands)

    @property
    def itersize(self):
        return self._itersize

    @property
    def has_multi_index(self):
        return self._multi

    @property
    def has_index(self):
        return self._index_kind is not None

    @property
    def has_delayed_bufalloc(self):
        return False

    @property
    def iterationneedsapi(self):
        return False

    def remove_multi_index(self):
        """Stops tracking the multi-index (and lets contiguous axes merge), from the start."""
        self._check_open()
        self._write_back()
        self._multi = False
        self._track = self._index_kind is not None
        self._build()

    def enable_external_loop(self):
        """Hands out inner loops from now on, from the start."""
        self._check_open()
        if self._track:
            raise ValueError(
                "Iterator flag EXTERNAL_LOOP cannot be used if an index or multi-index is being tracked")
        self._write_back()
        self._external = True
        self._build()

    def copy(self):
        """An independent iterator at the same position."""
        self._check_open()
        c = object.__new__(nditer)
        c.__dict__.update(self.__dict__)
        c._chunk = None
        c._load()
        return c

    # ---- closing -------------------------------------------------------------------------

    def close(self):
        """Writes buffered values back; the iterator can no longer be used."""
        if self._closed:
            return
        self._write_back()
        self._chunk = None
        self._closed = True

    def __enter__(self):
        if self._closed:
            raise RuntimeError("operation on non-initialized iterator")
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


nditer.__module__ = "ferronum"
