//! `Array`: a shared buffer, a layout and a dtype. Views share the buffer, as in NumPy.

use crate::buffer::Buffer;
use crate::dispatch;
use crate::dtype::{DType, Element, Scalar, Wide};
use crate::error::{Error, Result};
use crate::iter::{Plan, SendPtr};
use crate::kernels::fpstatus;
use crate::layout::{self, checked_size, Dims, Layout, Strides};
use smallvec::SmallVec;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[derive(Clone)]
pub struct Array {
    buf: Arc<Buffer>,
    layout: Layout,
    dtype: DType,
    writeable: WriteFlag,
    /// Whether `writeable` may be set again once cleared: false for views made of read-only
    /// arrays or memory (NumPy asks the owner of the memory).
    may_write: bool,
    /// True when this array is a view of memory it does not own (NumPy's `owndata` false).
    view: bool,
}

/// NumPy's WRITEABLE flag, settable through a shared handle (`ndarray.flags.writeable = x`);
/// a clone takes the current value, as a NumPy view keeps its own flag.
struct WriteFlag(AtomicBool);

impl WriteFlag {
    fn new(w: bool) -> WriteFlag {
        WriteFlag(AtomicBool::new(w))
    }
    fn get(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

impl Clone for WriteFlag {
    fn clone(&self) -> WriteFlag {
        WriteFlag::new(self.get())
    }
}

/// One item of a basic index: `a[1, 2:5:-1, ..., None]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum IndexItem {
    Int(isize),
    Slice {
        start: Option<isize>,
        stop: Option<isize>,
        step: Option<isize>,
    },
    Ellipsis,
    NewAxis,
}

/// Memory order of a new array.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    C,
    F,
}

impl Array {
    /// An array whose elements the caller must fill before reading.
    pub fn uninit(shape: &[usize], dtype: DType) -> Result<Array> {
        Self::uninit_order(shape, dtype, Order::C)
    }

    pub fn uninit_order(shape: &[usize], dtype: DType, order: Order) -> Result<Array> {
        let bytes = byte_size(shape, dtype)?;
        Ok(Array::from_parts(
            Arc::new(Buffer::uninit(bytes)?),
            new_layout(shape, order),
            dtype,
            true,
            false,
        ))
    }

    pub fn zeros(shape: &[usize], dtype: DType) -> Result<Array> {
        let bytes = byte_size(shape, dtype)?;
        Ok(Array::from_parts(
            Arc::new(Buffer::zeroed(bytes)?),
            new_layout(shape, Order::C),
            dtype,
            true,
            false,
        ))
    }

    pub fn full(shape: &[usize], value: Wide, dtype: DType) -> Result<Array> {
        let a = Array::uninit(shape, dtype)?;
        a.fill(value)?;
        Ok(a)
    }

    pub fn from_vec<T: Element>(data: Vec<T>, shape: &[usize]) -> Result<Array> {
        if checked_size(shape)? != data.len() {
            return Err(Error::value(format!(
                "cannot reshape array of size {} into shape {}",
                data.len(),
                layout::shape_str(shape)
            )));
        }
        Ok(Array::from_parts(
            Arc::new(Buffer::from_vec(data)),
            Layout::c_contiguous(shape),
            T::DTYPE,
            true,
            false,
        ))
    }

    /// A 0-d array holding one scalar.
    pub fn from_scalar(value: Wide, dtype: DType) -> Result<Array> {
        let a = Array::uninit(&[], dtype)?;
        // One element, written in place: a fill would plan a loop for it (every Python scalar
        // operand of a ufunc comes through here).
        // SAFETY: `a` is a fresh 0-d array of `dtype` (= `T`): its own buffer holds exactly one
        // element at its data pointer, aligned (owned buffers start on 64 bytes), and no one
        // else can see it yet.
        dispatch!(dtype, T => unsafe { (a.data_ptr() as *mut T).write(T::from_wide(value)) });
        Ok(a)
    }

    pub fn scalar<T: Element>(v: T) -> Array {
        Array::from_vec(vec![v], &[]).expect("one element fits shape ()")
    }

    pub fn from_parts(
        buf: Arc<Buffer>,
        layout: Layout,
        dtype: DType,
        writeable: bool,
        view: bool,
    ) -> Array {
        Array {
            buf,
            layout,
            dtype,
            writeable: WriteFlag::new(writeable),
            may_write: writeable,
            view,
        }
    }

    /// Wraps foreign memory; checks the layout stays inside it.
    pub fn from_foreign(
        buf: Arc<Buffer>,
        layout: Layout,
        dtype: DType,
        writeable: bool,
    ) -> Result<Array> {
        let (_, hi) = layout.extent();
        if hi * dtype.itemsize() > buf.len() && layout.size() > 0 {
            return Err(Error::value("strides reach outside the buffer"));
        }
        Ok(Array {
            buf,
            layout,
            dtype,
            writeable: WriteFlag::new(writeable),
            may_write: writeable,
            view: true,
        })
    }

    pub fn dtype(&self) -> DType {
        self.dtype
    }
    pub fn layout(&self) -> &Layout {
        &self.layout
    }
    pub fn shape(&self) -> &[usize] {
        &self.layout.shape
    }
    pub fn strides(&self) -> &[isize] {
        &self.layout.strides
    }
    pub fn ndim(&self) -> usize {
        self.layout.ndim()
    }
    pub fn size(&self) -> usize {
        self.layout.size()
    }
    pub fn itemsize(&self) -> usize {
        self.dtype.itemsize()
    }
    pub fn nbytes(&self) -> usize {
        self.size() * self.itemsize()
    }
    pub fn is_writeable(&self) -> bool {
        self.writeable.get()
    }
    pub fn owns_data(&self) -> bool {
        !self.view
    }
    pub fn buffer(&self) -> &Arc<Buffer> {
        &self.buf
    }
    pub fn is_c_contiguous(&self) -> bool {
        self.layout.is_c_contiguous()
    }
    pub fn is_f_contiguous(&self) -> bool {
        self.layout.is_f_contiguous()
    }

    /// Strides in bytes, as NumPy reports them.
    pub fn byte_strides(&self) -> SmallVec<[isize; 6]> {
        let isz = self.itemsize() as isize;
        self.layout.strides.iter().map(|s| s * isz).collect()
    }

    /// Address of the first element (position `offset`).
    pub fn data_ptr(&self) -> *mut u8 {
        // SAFETY: `offset` is inside the buffer for non-empty arrays; for empty ones it is at
        // most the end, which `wrapping_add` tolerates.
        self.buf
            .as_ptr()
            .wrapping_add(self.layout.offset * self.itemsize())
    }

    /// The buffer's base as a typed pointer; layouts' offsets and strides count from here.
    pub fn base<T: Element>(&self) -> SendPtr<T> {
        // An unsigned array may be read as its signed twin (`DType::signed_twin`).
        debug_assert!(T::DTYPE == self.dtype || T::DTYPE == self.dtype.signed_twin());
        SendPtr(self.buf.as_ptr() as *mut T)
    }

    /// Sets the WRITEABLE flag as NumPy's `flags.writeable = w` does: clearing always works,
    /// setting only where the memory may be written through this array.
    pub fn set_writeable(&self, w: bool) -> Result<()> {
        if w && !self.may_write {
            return Err(Error::value(
                "cannot set WRITEABLE flag to True of this array",
            ));
        }
        self.writeable.0.store(w, Ordering::Relaxed);
        Ok(())
    }

    /// The array made read-only (a view whose elements alias one another); NumPy lets the
    /// user set it writeable again when the memory is.
    pub fn into_readonly(mut self) -> Array {
        self.writeable = WriteFlag::new(false);
        self
    }

    pub fn check_writeable(&self) -> Result<()> {
        self.check_writeable_as("assignment destination is read-only")
    }

    /// The writeable check with the message NumPy gives in that place ("output array is
    /// read-only" for a function's `out=`, and so on).
    pub fn check_writeable_as(&self, msg: &str) -> Result<()> {
        if self.is_writeable() {
            Ok(())
        } else {
            Err(Error::value(msg))
        }
    }

    /// A view of the same memory with another layout (the caller keeps it within the buffer).
    pub fn with_layout(&self, layout: Layout) -> Array {
        Array {
            buf: self.buf.clone(),
            layout,
            dtype: self.dtype,
            writeable: WriteFlag::new(self.is_writeable()),
            may_write: self.may_write && self.is_writeable(),
            view: true,
        }
    }

    /// True when this array is the only handle on memory it owns outright: a temporary whose
    /// buffer an operation may overwrite with its result (NumPy's temporary elision).
    pub fn is_unique(&self) -> bool {
        Arc::strong_count(&self.buf) == 1
            && self.buf.is_owned()
            && !self.view
            && self.is_writeable()
            && self.is_c_contiguous()
    }

    /// True when both arrays may touch the same bytes.
    pub fn may_share_memory(&self, other: &Array) -> bool {
        if !Arc::ptr_eq(&self.buf, &other.buf) {
            return false;
        }
        let (a0, a1) = self.layout.extent();
        let (b0, b1) = other.layout.extent();
        let (i, j) = (self.itemsize(), other.itemsize());
        a0 * i < b1 * j && b0 * j < a1 * i
    }

    // ---- views -------------------------------------------------------------------------

    pub fn transpose(&self, axes: Option<&[isize]>) -> Result<Array> {
        let nd = self.ndim();
        let perm: SmallVec<[usize; 6]> = match axes {
            None => (0..nd).rev().collect(),
            Some(ax) => {
                if ax.len() != nd {
                    return Err(Error::value("axes don't match array"));
                }
                layout::normalize_axes(ax, nd).map_err(|e| match e {
                    Error::Value(_) => Error::value("repeated axis in transpose"),
                    e => e,
                })?
            }
        };
        Ok(self.with_layout(self.layout.permuted(&perm)))
    }

    pub fn swapaxes(&self, a: isize, b: isize) -> Result<Array> {
        let nd = self.ndim();
        // NumPy's AxisError names the argument ("axis2: axis 3 is out of bounds ...").
        let (a, b) = (
            layout::normalize_axis(a, nd).map_err(|e| e.with_axis_prefix("axis1"))?,
            layout::normalize_axis(b, nd).map_err(|e| e.with_axis_prefix("axis2"))?,
        );
        let mut perm: SmallVec<[usize; 6]> = (0..nd).collect();
        perm.swap(a, b);
        Ok(self.with_layout(self.layout.permuted(&perm)))
    }

    /// A view when the strides allow it, else a C-order copy (as `numpy.reshape`).
    pub fn reshape(&self, shape: &[isize]) -> Result<Array> {
        let new = layout::infer_shape(shape, self.size(), self.shape())?;
        match self.layout.reshaped(&new) {
            Some(l) => Ok(self.with_layout(l)),
            None => {
                let c = self.copy(Order::C)?;
                let l = Layout::c_contiguous(&new);
                Ok(Array { layout: l, ..c })
            }
        }
    }

    /// A 1-d view when this array is C-contiguous, else a C-order copy (as `numpy.ravel`).
    pub fn ravel(&self) -> Result<Array> {
        if self.is_c_contiguous() {
            self.reshape(&[-1])
        } else {
            self.copy(Order::C)?.reshape(&[-1])
        }
    }

    /// A reshaped view, or `None` when the strides need a copy (for `copy=False`).
    pub fn reshape_view(&self, shape: &[isize]) -> Result<Option<Array>> {
        let new = layout::infer_shape(shape, self.size(), self.shape())?;
        Ok(self.layout.reshaped(&new).map(|l| self.with_layout(l)))
    }

    pub fn broadcast_to(&self, shape: &[usize]) -> Result<Array> {
        // NumPy marks broadcast views read-only: their elements alias one another.
        Ok(self
            .with_layout(self.layout.broadcast_to(shape)?)
            .into_readonly())
    }

    /// NumPy's `.real` (`imag` false) or `.imag` of a complex array: a view of the parts, with
    /// the part type and twice the strides. Not for real arrays (NumPy's `.real` is then the
    /// array itself and `.imag` a zero array).
    pub fn complex_part(&self, imag: bool) -> Result<Array> {
        if !self.dtype.is_complex() {
            return Err(Error::type_("complex_part of a real array"));
        }
        let mut layout = self.layout.clone();
        for s in layout.strides.iter_mut() {
            *s *= 2;
        }
        layout.offset = layout.offset * 2 + imag as usize;
        Ok(Array {
            buf: self.buf.clone(),
            layout,
            dtype: self.dtype.real(),
            writeable: WriteFlag::new(self.is_writeable()),
            may_write: self.may_write && self.is_writeable(),
            view: true,
        })
    }

    /// NumPy's `x.view(dtype)`: the same bytes read as `dtype`. With another itemsize the last
    /// axis must be contiguous and is stretched or shrunk (NumPy's rules and messages).
    ///
    /// Layouts count in elements, so a view is possible only where the byte offset and the
    /// byte strides of the axes that move (length above one) are whole multiples of the new
    /// itemsize, and a foreign buffer starts on the new alignment; NumPy would make an
    /// unaligned view there, which typed loops cannot read: a ValueError says so. A bool view
    /// of other bytes must hold only 0 and 1 (any other byte is not a Rust `bool`).
    pub fn view_as(&self, dtype: DType) -> Result<Array> {
        let (old, new) = (self.itemsize(), dtype.itemsize());
        let nd = self.ndim();
        let mut shape = self.layout.shape.clone();
        let mut bstrides: SmallVec<[isize; 6]> = self.byte_strides();
        if new != old {
            if nd == 0 {
                return Err(Error::value(
                    "Changing the dtype of a 0d array is only supported if the itemsize is unchanged",
                ));
            }
            let last = nd - 1;
            if shape[last] != 1 && self.size() != 0 && bstrides[last] != old as isize {
                return Err(Error::value(
                    "To change to a dtype of a different size, the last axis must be contiguous",
                ));
            }
            if new < old {
                if old % new != 0 {
                    return Err(Error::value(
                        "When changing to a smaller dtype, its size must be a divisor of the size of original dtype",
                    ));
                }
                shape[last] *= old / new;
            } else {
                let bytes = shape[last] * old;
                if bytes % new != 0 {
                    return Err(Error::value(
                        "When changing to a larger dtype, its size must be a divisor of the total size in bytes of the last axis of the array.",
                    ));
                }
                shape[last] = bytes / new;
            }
            bstrides[last] = new as isize;
        }
        let byte_offset = self.layout.offset * old;
        let misaligned = byte_offset % new != 0
            || (self.buf.as_ptr() as usize) % new != 0
            || shape
                .iter()
                .zip(&bstrides)
                .any(|(&n, &s)| n > 1 && s % new as isize != 0);
        if misaligned && self.size() != 0 {
            return Err(Error::value(format!(
                "ferronum arrays are aligned: these bytes cannot be viewed as {} without a copy",
                dtype.name()
            )));
        }
        let strides: Strides = shape
            .iter()
            .zip(&bstrides)
            .map(|(&n, &s)| {
                if n > 1 {
                    s / new as isize
                } else {
                    s.div_euclid(new as isize)
                }
            })
            .collect();
        let out = Array {
            buf: self.buf.clone(),
            layout: Layout {
                shape,
                strides,
                offset: if self.size() == 0 {
                    0
                } else {
                    byte_offset / new
                },
            },
            dtype,
            writeable: WriteFlag::new(self.is_writeable()),
            may_write: self.may_write && self.is_writeable(),
            view: true,
        };
        if self.dtype != DType::Bool {
            out.check_bool_bytes()?;
        }
        Ok(out)
    }

    /// For a bool array made over other bytes: an error unless every byte is 0 or 1 (any other
    /// byte is not a Rust `bool`, which the loops read).
    fn check_bool_bytes(&self) -> Result<()> {
        if self.dtype != DType::Bool || self.size() == 0 {
            return Ok(());
        }
        let mut bytes = self.clone();
        bytes.dtype = DType::U8;
        let bytes = bytes.as_contiguous()?;
        // SAFETY: `bytes` is a live C-contiguous u8 array of `nbytes` initialised bytes.
        let raw =
            unsafe { std::slice::from_raw_parts(bytes.data_ptr() as *const u8, bytes.nbytes()) };
        if raw.iter().any(|&b| b > 1) {
            return Err(Error::value(
                "ferronum bool arrays hold only the bytes 0 and 1; these bytes hold others",
            ));
        }
        Ok(())
    }

    /// NumPy's `ndarray(shape, dtype, buffer=self, offset, strides, order)`: `shape` elements of
    /// `dtype` over this (contiguous) array's bytes, from byte `offset` of its first element,
    /// with byte `strides` (default: C or Fortran order). NumPy's errors when the bytes do not
    /// hold the array; a ValueError where the offset or strides are not whole elements
    /// (ferronum arrays are aligned).
    pub fn view_bytes(
        &self,
        shape: &[usize],
        dtype: DType,
        offset: isize,
        strides: Option<&[isize]>,
        fortran: bool,
    ) -> Result<Array> {
        let isz = dtype.itemsize() as isize;
        let n = checked_size(shape)?;
        let bstrides: SmallVec<[isize; 6]> = match strides {
            Some(s) => {
                if s.len() != shape.len() {
                    return Err(Error::value(
                        "strides, if given, must be the same length as shape",
                    ));
                }
                s.iter().copied().collect()
            }
            None => {
                let el = if fortran {
                    layout::f_strides(shape)
                } else {
                    layout::c_strides(shape)
                };
                el.iter().map(|&s| s * isz).collect()
            }
        };
        let avail = self.nbytes() as isize;
        let start = self.layout.offset as isize * self.itemsize() as isize;
        if offset < 0 || offset > avail {
            return Err(Error::type_("buffer is too small for requested array"));
        }
        let (mut lo, mut hi) = (offset, offset);
        if n > 0 {
            for (&d, &s) in shape.iter().zip(&bstrides) {
                let span = (d as isize - 1) * s;
                if span < 0 {
                    lo += span;
                } else {
                    hi += span;
                }
            }
            hi += isz;
        }
        if n > 0 && (lo < 0 || hi > avail) {
            return Err(if strides.is_some() {
                Error::value(
                    "strides is incompatible with shape of requested array and size of buffer",
                )
            } else {
                Error::type_("buffer is too small for requested array")
            });
        }
        let base = start + offset;
        let aligned = base % isz == 0
            && (self.buf.as_ptr() as usize) % isz as usize == 0
            && shape
                .iter()
                .zip(&bstrides)
                .all(|(&d, &s)| d <= 1 || s % isz == 0);
        if !aligned && n > 0 {
            return Err(Error::value(format!(
                "ferronum arrays are aligned: offset and strides must be multiples of {isz} bytes for {}",
                dtype.name()
            )));
        }
        let out = Array::from_foreign(
            self.buf.clone(),
            Layout {
                shape: shape.iter().copied().collect(),
                strides: bstrides.iter().map(|&s| s / isz).collect(),
                offset: if n > 0 { (base / isz) as usize } else { 0 },
            },
            dtype,
            self.is_writeable(),
        )?;
        if self.dtype != DType::Bool {
            out.check_bool_bytes()?;
        }
        Ok(out)
    }

    /// Basic indexing: integers, slices, `...` and `None`; always a view.
    pub fn index(&self, items: &[IndexItem]) -> Result<Array> {
        let nd = self.ndim();
        let consumed = items
            .iter()
            .filter(|i| matches!(i, IndexItem::Int(_) | IndexItem::Slice { .. }))
            .count();
        let ellipses = items
            .iter()
            .filter(|i| matches!(i, IndexItem::Ellipsis))
            .count();
        if ellipses > 1 {
            return Err(Error::index(
                "an index can only have a single ellipsis ('...')",
            ));
        }
        if consumed > nd {
            return Err(Error::index(format!(
                "too many indices for array: array is {nd}-dimensional, but {consumed} were indexed"
            )));
        }
        let ints = items
            .iter()
            .filter(|i| matches!(i, IndexItem::Int(_)))
            .count();
        let added = items
            .iter()
            .filter(|i| matches!(i, IndexItem::NewAxis))
            .count();
        let out_nd = nd - ints + added;
        if out_nd > layout::MAX_DIMS {
            return Err(Error::index(format!(
                "number of dimensions must be within [0, {}], indexing result would have {out_nd}",
                layout::MAX_DIMS
            )));
        }
        let mut shape: Dims = SmallVec::new();
        let mut strides: Strides = SmallVec::new();
        let mut offset = self.layout.offset as isize;
        let mut axis = 0usize;
        let take_axis = |shape: &mut Dims, strides: &mut Strides, ax: usize| {
            shape.push(self.layout.shape[ax]);
            strides.push(self.layout.strides[ax]);
        };
        for item in items {
            match *item {
                IndexItem::Int(i) => {
                    let d = self.layout.shape[axis] as isize;
                    let j = if i < 0 { i + d } else { i };
                    if j < 0 || j >= d {
                        return Err(Error::index(format!(
                            "index {i} is out of bounds for axis {axis} with size {d}"
                        )));
                    }
                    offset += j * self.layout.strides[axis];
                    axis += 1;
                }
                IndexItem::Slice { start, stop, step } => {
                    let d = self.layout.shape[axis];
                    let (s0, n, st) = slice_indices(start, stop, step, d)?;
                    offset += s0 * self.layout.strides[axis];
                    shape.push(n);
                    // NumPy steps by `step` even over one element, and by 1 over none.
                    strides.push(if n == 0 {
                        self.layout.strides[axis]
                    } else {
                        st * self.layout.strides[axis]
                    });
                    axis += 1;
                }
                IndexItem::Ellipsis => {
                    for _ in 0..nd - consumed {
                        take_axis(&mut shape, &mut strides, axis);
                        axis += 1;
                    }
                }
                IndexItem::NewAxis => {
                    shape.push(1);
                    strides.push(0);
                }
            }
        }
        while axis < nd {
            take_axis(&mut shape, &mut strides, axis);
            axis += 1;
        }
        // An empty result may point one past the end; clamp so the offset stays meaningful.
        let offset = if shape.contains(&0) {
            offset.max(0)
        } else {
            offset
        };
        Ok(self.with_layout(Layout {
            shape,
            strides,
            offset: offset as usize,
        }))
    }

    // ---- element access ----------------------------------------------------------------

    /// The element at a multi-index (already validated by the caller), widened.
    pub fn get(&self, idx: &[usize]) -> Result<Wide> {
        if idx.len() != self.ndim() {
            return Err(Error::index("wrong number of indices"));
        }
        let mut off = self.layout.offset as isize;
        for (k, &i) in idx.iter().enumerate() {
            if i >= self.layout.shape[k] {
                return Err(Error::index(format!(
                    "index {i} is out of bounds for axis {k} with size {}",
                    self.layout.shape[k]
                )));
            }
            off += i as isize * self.layout.strides[k];
        }
        // SAFETY: every index was checked against its axis above, so `off` is the position of
        // one of this array's elements, which the layout keeps inside the buffer; `T` is the
        // array's dtype (`dispatch!`), so the read is of an initialised, aligned `T`.
        Ok(dispatch!(self.dtype, T => unsafe { (*self.base::<T>().at(off)).to_wide() }))
    }

    /// The single element of a size-1 array.
    pub fn item(&self) -> Result<Wide> {
        if self.size() != 1 {
            return Err(Error::value(
                "can only convert an array of size 1 to a Python scalar",
            ));
        }
        let idx: SmallVec<[usize; 6]> = SmallVec::from_elem(0, self.ndim());
        self.get(&idx)
    }

    /// Every element in C order, widened (for `tolist`, printing and tests).
    pub fn to_wide_vec(&self) -> Vec<Wide> {
        let mut out = Vec::with_capacity(self.size());
        dispatch!(self.dtype, T => {
            let base = self.base::<T>();
            // SAFETY: `for_each_c_order` yields only positions of this array's elements (each
            // index below its axis length), inside the buffer; `T` is the array's dtype.
            self.for_each_c_order(|off| out.push(unsafe { (*base.at(off)).to_wide() }));
        });
        out
    }

    /// Elements in C order as `T` (casting as `astype` does).
    pub fn to_vec<T: Element>(&self) -> Vec<T> {
        let c = self.astype(T::DTYPE).and_then(|a| {
            if a.is_c_contiguous() {
                Ok(a)
            } else {
                a.copy(Order::C)
            }
        });
        match c {
            Ok(c) => {
                let base = c.base::<T>();
                (0..c.size())
                    // SAFETY: `c` is C-contiguous of dtype `T`, so its `size()` elements are
                    // the consecutive positions `offset..offset + size` of its buffer.
                    .map(|i| unsafe { *base.at(c.layout.offset as isize + i as isize) })
                    .collect()
            }
            Err(_) => Vec::new(),
        }
    }

    /// Calls `f` with each element's position, in C order.
    pub(crate) fn for_each_c_order(&self, mut f: impl FnMut(isize)) {
        if self.size() == 0 {
            return;
        }
        let nd = self.ndim();
        let mut idx: SmallVec<[usize; 6]> = SmallVec::from_elem(0, nd);
        let mut off = self.layout.offset as isize;
        loop {
            f(off);
            let mut k = nd;
            loop {
                if k == 0 {
                    return;
                }
                k -= 1;
                idx[k] += 1;
                off += self.layout.strides[k];
                if idx[k] < self.layout.shape[k] {
                    break;
                }
                off -= self.layout.strides[k] * self.layout.shape[k] as isize;
                idx[k] = 0;
            }
        }
    }

    // ---- copies, casts, assignment -----------------------------------------------------

    /// A new array with this one's values, in the requested order.
    pub fn copy(&self, order: Order) -> Result<Array> {
        let out = Array::uninit_order(self.shape(), self.dtype, order)?;
        copy_into(&out, self)?;
        Ok(out)
    }

    /// A C-contiguous array with this one's values, itself when it already is one.
    pub fn as_contiguous(&self) -> Result<Array> {
        if self.is_c_contiguous() {
            Ok(self.clone())
        } else {
            self.copy(Order::C)
        }
    }

    /// A new array of `dtype` (unsafe casting, as `astype`'s default).
    pub fn astype(&self, dtype: DType) -> Result<Array> {
        self.astype_as(dtype, "cast")
    }

    /// `astype` whose floating-point errors are reported under `op`: a reduction that casts
    /// to its `dtype=` first is, for NumPy, one loop casting as it reduces ("... in reduce").
    pub fn astype_as(&self, dtype: DType, op: &'static str) -> Result<Array> {
        let order = if self.is_f_contiguous() && !self.is_c_contiguous() {
            Order::F
        } else {
            Order::C
        };
        let out = Array::uninit_order(self.shape(), dtype, order)?;
        out.assign_cast(self, op)?;
        Ok(out)
    }

    /// `assign` as a cast that reports its floating-point errors as NumPy's casts do, under
    /// `op` ("overflow encountered in cast"; a ufunc's cast into `out=` uses the ufunc's name).
    pub fn assign_cast(&self, src: &Array, op: &'static str) -> Result<()> {
        if !cast_can_raise(src.dtype, self.dtype) {
            return self.assign(src);
        }
        let (done, flags) = fpstatus::collect(|| self.assign(src));
        crate::warn::fp_error(flags & (fpstatus::INVALID | fpstatus::OVERFLOW), op);
        done
    }

    /// Sets every element to `value`.
    pub fn fill(&self, value: Wide) -> Result<()> {
        self.check_writeable()?;
        dispatch!(self.dtype, T => {
            let v = T::from_wide(value);
            let base = self.base::<T>();
            let plan = Plan::<1>::new(self.shape(), [self.strides()], [self.layout.offset as isize]);
            // SAFETY: the plan is over this array's own layout, so each run's `n` positions
            // `o[0] + i * s[0]` are elements inside the buffer (a stride-1 run is `n`
            // consecutive elements, the slice's extent); the array is writeable (checked
            // above) and the planner gives each task disjoint runs, so the slice and the
            // writes alias nothing another task touches.
            plan.run_parallel(&|o, n, s| unsafe {
                let p = base.at(o[0]);
                if s[0] == 1 {
                    std::slice::from_raw_parts_mut(p, n).fill(v);
                } else {
                    for i in 0..n as isize {
                        *p.offset(i * s[0]) = v;
                    }
                }
            });
        });
        Ok(())
    }

    /// `self[...] = src`, broadcasting `src` and casting it to this dtype.
    pub fn assign(&self, src: &Array) -> Result<()> {
        self.check_writeable()?;
        let src = if self.may_share_memory(src) {
            src.copy(Order::C)?
        } else {
            src.clone()
        };
        copy_into(self, &src)
    }

    pub fn assign_scalar(&self, value: Scalar) -> Result<()> {
        self.fill(value.to_wide())
    }
}

/// Bytes for a new array, or NumPy's ValueError when they exceed the address space.
fn byte_size(shape: &[usize], dtype: DType) -> Result<usize> {
    checked_size(shape)?
        .checked_mul(dtype.itemsize())
        .filter(|&b| b <= isize::MAX as usize)
        .ok_or_else(|| Error::value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."))
}

/// The layout of a new array; an empty one gets all-zero strides, as NumPy gives it.
fn new_layout(shape: &[usize], order: Order) -> Layout {
    let mut l = match order {
        Order::C => Layout::c_contiguous(shape),
        Order::F => Layout::f_contiguous(shape),
    };
    if shape.contains(&0) {
        l.strides.iter_mut().for_each(|s| *s = 0);
    }
    l
}

/// Copies `src` (broadcast to `dst`'s shape) into `dst`, casting element by element.
/// `src` broadcast to an assignment target's shape. Assignment (NumPy's `PyArray_AssignArray`)
/// first drops leading length-1 axes the target lacks (`a[...] = b[None]` is allowed) and
/// reports any other mismatch as a broadcast of the input into the target's shape.
fn assign_layout(src: &Layout, shape: &[usize]) -> Result<Layout> {
    let extra = src.ndim().saturating_sub(shape.len());
    if extra == 0 {
        return src.broadcast_to(shape);
    }
    if src.shape[..extra].iter().any(|&d| d != 1) {
        return Err(Error::value(format!(
            "could not broadcast input array from shape {} into shape {}",
            layout::shape_str_sep(&src.shape, ","),
            layout::shape_str_sep(shape, ",")
        )));
    }
    let trimmed = Layout {
        shape: src.shape[extra..].into(),
        strides: src.strides[extra..].into(),
        offset: src.offset,
    };
    trimmed.broadcast_to(shape)
}

fn copy_into(dst: &Array, src: &Array) -> Result<()> {
    if crate::kernels::small_contiguous(dst, &[src]) {
        // One run, without planning a loop (a ufunc's input cast to its loop type).
        // SAFETY: `small_contiguous` found both C-contiguous with `dst`'s shape, so each holds
        // `dst.size()` consecutive elements of its dtype (`S`, `D` by `dispatch!`) from its
        // data pointer; `dst` is writeable and `src` does not overlap it (`assign` copied it
        // if it might).
        dispatch!(dst.dtype, D => dispatch!(src.dtype, S => unsafe {
            cast_run::<S, D>(src.data_ptr() as *const S, 1, dst.data_ptr() as *mut D, 1, dst.size())
        }));
        return Ok(());
    }
    let src_l = assign_layout(&src.layout, dst.shape())?;
    let plan = Plan::<2>::new(
        dst.shape(),
        [dst.strides(), &src_l.strides],
        [dst.layout.offset as isize, src_l.offset as isize],
    );
    dispatch!(dst.dtype, D => dispatch!(src.dtype, S => {
        let (d, s) = (dst.base::<D>(), src.base::<S>());
        // SAFETY: the plan is over `dst`'s layout and `src`'s layout broadcast to its shape
        // (stride 0 on broadcast axes), so every run's `n` positions at `o[k] + i * st[k]` are
        // elements inside each buffer; tasks get disjoint runs of the writeable `dst`, and
        // `src` does not overlap it (`assign` copied it if it might).
        plan.run_parallel(&|o, n, st| unsafe { cast_run::<S, D>(s.at(o[1]), st[1], d.at(o[0]), st[0], n) });
    }));
    Ok(())
}

/// Whether a cast from `s` to `d` can raise a flag NumPy reports: "invalid" for a float out
/// of an integer type's range (NaN included), "overflow" for a finite value beyond a narrower
/// inexact type.
fn cast_can_raise(s: DType, d: DType) -> bool {
    (s.is_inexact() && d.is_integer()) || (d.is_inexact() && s.max_finite() > d.max_finite())
}

/// The flags of `cast_can_raise` for one element cast `x` -> `y`.
#[inline(always)]
fn cast_flags<S: Element, D: Element>(x: S, y: D) -> u8 {
    if D::DTYPE.is_integer() {
        let v = x.to_wide().to_f64();
        let fits = match S::DTYPE == DType::F32 && crate::dtype::f32_via_i32::<D>() {
            // (v is a float32 widened: narrowing it back is exact, and folds away.)
            true => crate::dtype::f32_fits_i32(v as f32),
            false => D::float_fits(v),
        };
        return !fits as u8 * fpstatus::INVALID;
    }
    let parts = |w: Wide| match w {
        Wide::C(re, im) => (re, im),
        w => (w.to_f64(), 0.0),
    };
    let ((sr, si), (dr, di)) = (parts(x.to_wide()), parts(y.to_wide()));
    let over = (sr.is_finite() & dr.is_infinite()) | (si.is_finite() & di.is_infinite());
    over as u8 * fpstatus::OVERFLOW
}

/// Casts `n` elements `src[i * ss]` into `dst[i * ds]`, raising the flags of `cast_can_raise`.
///
/// # Safety
/// `src.offset(i * ss)` must be valid for reads of an initialised `S`, and `dst.offset(i * ds)`
/// valid for writes of a `D`, for every `i < n` (both aligned); no other thread may access
/// those `dst` elements meanwhile. When both strides are 1, `dst` may equal `src` but not
/// otherwise overlap it.
#[inline(always)]
unsafe fn cast_run<S: Element, D: Element>(
    src: *const S,
    ss: isize,
    dst: *mut D,
    ds: isize,
    n: usize,
) {
    if cast_can_raise(S::DTYPE, D::DTYPE) {
        // The element cast is selects only (it vectorises); the flags are computed from the
        // values in the same loop.
        let cast = |x: S| x.cast::<D>();
        let bad = cast_flags::<S, D>;
        let raised = if ss == 1 && ds == 1 {
            // SAFETY: both runs are contiguous, and the caller makes both valid for `n`
            // elements; `simd_dispatch!` picks an AVX copy only on a CPU that has it.
            unsafe {
                crate::simd_dispatch!(S::VECTOR && D::VECTOR, S::WIDE || D::WIDE;
                    simd::contig1_flags(dst, src, n, &cast, &bad))
            }
        } else {
            let mut acc = 0;
            for i in 0..n as isize {
                // SAFETY: `i < n`, and the caller makes `src.offset(i * ss)` readable and
                // `dst.offset(i * ds)` writable for every such `i`.
                unsafe {
                    let (x, o) = (src.offset(i * ss), dst.offset(i * ds));
                    *o = cast(*x);
                    acc |= bad(*x, *o);
                }
            }
            acc
        };
        fpstatus::raise(raised);
    } else {
        // SAFETY: the same contract as this function's, which the caller upholds.
        unsafe { cast_block(src, ss, dst, ds, n) };
    }
}

/// Casts `n` elements `src[i * ss]` into `dst[i * ds]` (no flags).
///
/// # Safety
/// As for `cast_run`.
#[inline(always)]
unsafe fn cast_block<S: Element, D: Element>(
    src: *const S,
    ss: isize,
    dst: *mut D,
    ds: isize,
    n: usize,
) {
    if ss == 1 && ds == 1 {
        // The AVX-512 copy converts 64-bit integers to floats eight at a time; the baseline
        // has no vector instruction for it and converts one by one.
        // SAFETY: both runs are contiguous, and the caller makes both valid for `n` elements
        // (`dst` equal to `src` or disjoint from it); `simd_dispatch!` picks an AVX copy only
        // on a CPU that has it.
        unsafe {
            crate::simd_dispatch!(S::VECTOR && D::VECTOR, S::WIDE || D::WIDE;
                simd::contig1(dst, src, n, &|x: S| x.cast::<D>()));
        }
    } else {
        for i in 0..n as isize {
            // SAFETY: `i < n`, and the caller makes `src.offset(i * ss)` readable and
            // `dst.offset(i * ds)` writable for every such `i`.
            unsafe { *dst.offset(i * ds) = (*src.offset(i * ss)).cast::<D>() };
        }
    }
}

/// Python's `slice.indices` followed by the length: (start, len, step).
pub fn slice_indices(
    start: Option<isize>,
    stop: Option<isize>,
    step: Option<isize>,
    len: usize,
) -> Result<(isize, usize, isize)> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(Error::value("slice step cannot be zero"));
    }
    let n = len as isize;
    let clamp = |v: isize, lo: isize, hi: isize| v.max(lo).min(hi);
    let (lo, hi) = if step > 0 { (0, n) } else { (-1, n - 1) };
    let fix = |v: Option<isize>, default: isize| match v {
        None => default,
        Some(v) if v < 0 => clamp(v + n, lo, hi),
        Some(v) => clamp(v, lo, hi),
    };
    let (s, e) = if step > 0 {
        (fix(start, 0), fix(stop, n))
    } else {
        (fix(start, n - 1), fix(stop, -1))
    };
    // Written so that no step, however large (Python clips steps to +-isize::MAX), overflows.
    let count = if step > 0 && e > s {
        (e - s - 1) as usize / step as usize + 1
    } else if step < 0 && s > e {
        (s - e - 1) as usize / step.unsigned_abs() + 1
    } else {
        0
    };
    Ok((if count > 0 { s } else { 0 }, count, step))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_alias_their_base() {
        let a = Array::from_vec((0..6i64).collect(), &[2, 3]).unwrap();
        let col = a
            .index(&[
                IndexItem::Slice {
                    start: None,
                    stop: None,
                    step: None,
                },
                IndexItem::Int(0),
            ])
            .unwrap();
        col.fill(Wide::I(9)).unwrap();
        assert_eq!(a.to_vec::<i64>(), vec![9, 1, 2, 9, 4, 5]);
    }

    #[test]
    fn negative_steps_and_transpose() {
        let a = Array::from_vec((0..6i64).collect(), &[2, 3]).unwrap();
        let r = a
            .index(&[
                IndexItem::Ellipsis,
                IndexItem::Slice {
                    start: None,
                    stop: None,
                    step: Some(-1),
                },
            ])
            .unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![2, 1, 0, 5, 4, 3]);
        let t = a.transpose(None).unwrap();
        assert_eq!(t.shape(), &[3, 2]);
        assert_eq!(t.to_vec::<i64>(), vec![0, 3, 1, 4, 2, 5]);
        assert_eq!(
            t.reshape(&[-1]).unwrap().to_vec::<i64>(),
            vec![0, 3, 1, 4, 2, 5]
        );
    }

    #[test]
    fn index_errors() {
        let a = Array::from_vec((0..3i64).collect(), &[3]).unwrap();
        assert!(matches!(
            a.index(&[IndexItem::Int(3)]),
            Err(Error::Index(_))
        ));
        assert!(matches!(
            a.index(&[IndexItem::Int(0), IndexItem::Int(0)]),
            Err(Error::Index(_))
        ));
        assert_eq!(
            a.index(&[IndexItem::Int(-1)]).unwrap().item().unwrap(),
            Wide::I(2)
        );
    }

    #[test]
    fn slice_indices_match_python() {
        assert_eq!(slice_indices(None, None, Some(-1), 5).unwrap(), (4, 5, -1));
        assert_eq!(
            slice_indices(Some(1), Some(100), Some(2), 5).unwrap(),
            (1, 2, 2)
        );
        assert_eq!(slice_indices(Some(-2), None, None, 5).unwrap(), (3, 2, 1));
        assert_eq!(
            slice_indices(None, None, Some(isize::MAX), 5).unwrap(),
            (0, 1, isize::MAX)
        );
        assert_eq!(slice_indices(None, None, Some(isize::MIN), 5).unwrap().1, 1);
        assert_eq!(slice_indices(Some(3), Some(1), None, 5).unwrap().1, 0);
    }

    #[test]
    fn overlapping_assignment_reads_before_writing() {
        let a = Array::from_vec((0..5i64).collect(), &[5]).unwrap();
        let dst = a
            .index(&[IndexItem::Slice {
                start: Some(1),
                stop: None,
                step: None,
            }])
            .unwrap();
        let src = a
            .index(&[IndexItem::Slice {
                start: None,
                stop: Some(-1),
                step: None,
            }])
            .unwrap();
        dst.assign(&src).unwrap();
        assert_eq!(a.to_vec::<i64>(), vec![0, 0, 1, 2, 3]);
    }
}
