//! Advanced indexing: integer arrays and boolean masks mixed with integers, slices, `None` and
//! `...`, by NumPy's rules (`mapping.c`): masks become the coordinates of their true elements,
//! all advanced indices (integers included, once any array is present) broadcast together,
//! and their dimensions replace them in place when they are adjacent in the index, else go
//! first. Results are new arrays; assignment scatters in index order (the last of repeated
//! indices wins) from a cast copy of the value (so an overlapping value reads as before).
//!
//! Element moves are by item size, never by dtype: gathering and scattering are the same
//! loops for every type of one width.

use crate::array::{Array, IndexItem, Order};
use crate::dtype::{DType, Wide};
use crate::error::{Error, Result};
use crate::iter::SendPtr;
use crate::layout::{broadcast_shapes, shape_str_sep, Dims};
use crate::ops::index_fast;
use crate::parallel;
use smallvec::SmallVec;

/// One item of an index expression.
#[derive(Clone)]
pub enum Key {
    /// An integer, a slice, `...` or `None`.
    Basic(IndexItem),
    /// An array of any integer dtype (a 0-d one acts as an integer, as in NumPy).
    Ints(Array),
    /// A boolean array (a 0-d one, or Python's `True`/`False`, adds an axis of length 1 or 0).
    Mask(Array),
}

/// Whether `keys` is a basic index (a view, handled by `Array::index`).
pub fn is_basic(keys: &[Key]) -> bool {
    keys.iter().all(|k| matches!(k, Key::Basic(_)))
}

/// The basic items of a basic index.
pub fn basic_items(keys: &[Key]) -> Option<Vec<IndexItem>> {
    keys.iter()
        .map(|k| match k {
            Key::Basic(i) => Some(*i),
            _ => None,
        })
        .collect()
}

/// Where an advanced index's positions come from.
enum Source {
    /// An integer (checked in range and made non-negative).
    Int(isize),
    /// An int64 array of positions (not yet checked) and the original axis, for messages.
    Array(Array, usize),
}

/// An advanced index resolved against the basic view: view axis, its length and stride.
struct Advanced {
    axis: usize,
    src: Source,
}

/// An index resolved into a gather/scatter plan over a basic view.
struct Selection {
    view: Array,
    /// Offsets (elements, from the view's base) of the outer result axes (those before the
    /// broadcast index dimensions), in C order.
    outer: Vec<isize>,
    /// Offsets contributed by the broadcast index dimensions, in C order.
    picks: Vec<isize>,
    /// The inner result axes (after the index dimensions): their offsets, or `None` with a
    /// stride-1 run of `inner_len` elements.
    inner: Option<Vec<isize>>,
    inner_len: usize,
    shape: Dims,
}

/// `a[keys]` for an index with at least one array or mask: a new C-ordered array.
pub fn get(a: &Array, keys: &[Key]) -> Result<Array> {
    let keys = &normalize(keys)?;
    if let Some(items) = basic_items(keys) {
        return a.index(&items);
    }
    match &keys[..] {
        [Key::Ints(ix)] => {
            if let Some(r) = index_fast::gather_1d(a, ix)? {
                return Ok(r);
            }
        }
        [Key::Mask(m)] => {
            if let Some(r) = index_fast::mask_select(a, m)? {
                return Ok(r);
            }
        }
        _ => {}
    }
    if let Some(r) = mask_fast_path(a, keys)? {
        return Ok(r);
    }
    let sel = select(a, keys)?;
    let out = Array::uninit(&sel.shape, a.dtype())?;
    if out.size() > 0 {
        move_elements(&sel, &out, false);
    }
    Ok(out)
}

/// `a[keys] = value`: `value` (already of `a`'s dtype, or cast to it here) broadcast to the
/// indexing result's shape and written in index order.
pub fn set(a: &Array, keys: &[Key], value: &Array) -> Result<()> {
    a.check_writeable()?;
    let keys = &normalize(keys)?;
    if let Some(items) = basic_items(keys) {
        return a.index(&items)?.assign(value);
    }
    if let Some(done) = set_fast(a, keys, value)? {
        return Ok(done);
    }
    let sel = select(a, keys)?;
    if let [Key::Mask(m)] = &keys[..] {
        // NumPy's own path for one mask over every axis, with its own messages.
        if m.ndim() == a.ndim() {
            if value.ndim() > 1 {
                return Err(Error::type_(format!(
                    "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has {} dimensions",
                    value.ndim()
                )));
            }
            let (given, count) = (value.shape().first().copied().unwrap_or(1), sel.shape[0]);
            if given != 1 && given != count {
                return Err(Error::value(format!(
                    "NumPy boolean array indexing assignment cannot assign {given} input values to the {count} output values where the mask is true"
                )));
            }
        }
    }
    let v = value.layout().broadcast_to(&sel.shape).map_err(|_| {
        Error::value(format!(
            "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
            shape_str_sep(value.shape(), ","),
            shape_str_sep(&sel.shape, ",")
        ))
    })?;
    // A C-ordered copy in `a`'s dtype: the cast, and the snapshot an overlapping value needs.
    let tmp = Array::uninit(&sel.shape, a.dtype())?;
    tmp.assign(&value.with_layout(v))?;
    if tmp.size() > 0 {
        move_elements(&sel, &tmp, true);
    }
    Ok(())
}

/// `set` by `index_fast` where it applies: one int64 array into a 1-d array, or one whole
/// mask with a single value (cast to `a`'s dtype first, as the general path casts).
fn set_fast(a: &Array, keys: &[Key], value: &Array) -> Result<Option<()>> {
    let cast = |v: &Array| -> Result<Array> {
        if v.dtype() == a.dtype() {
            return Ok(v.clone());
        }
        let t = Array::uninit(v.shape(), a.dtype())?;
        t.assign(v)?;
        Ok(t)
    };
    let done = match keys {
        [Key::Ints(ix)] if value.size() == 1 || value.shape() == ix.shape() => {
            a.ndim() == 1 && index_fast::scatter_1d(a, ix, &cast(value)?)?
        }
        [Key::Mask(m)] if value.size() == 1 && value.ndim() <= 1 => {
            index_fast::mask_fill(a, m, &cast(value)?)?
        }
        _ => false,
    };
    Ok(done.then_some(()))
}

/// The index with 0-d integer arrays as the integers they are for NumPy.
pub fn normalize(keys: &[Key]) -> Result<Vec<Key>> {
    keys.iter()
        .map(|k| match k {
            Key::Ints(x) if x.ndim() == 0 => Ok(Key::Basic(IndexItem::Int(int_of(x)?))),
            k => Ok(k.clone()),
        })
        .collect()
}

/// Resolves `keys` against `a`: the basic view, the advanced indices, the result's shape.
fn select(a: &Array, keys: &[Key]) -> Result<Selection> {
    let nd = a.ndim();
    // NumPy meets index arrays of the wrong dtype while reading the index, before counting.
    if keys
        .iter()
        .any(|k| matches!(k, Key::Ints(x) if !x.dtype().is_integer()))
    {
        return Err(Error::index(NOT_INTEGERS));
    }
    let consumed: usize = keys
        .iter()
        .map(|k| match k {
            Key::Basic(IndexItem::Int(_) | IndexItem::Slice { .. }) | Key::Ints(_) => 1,
            Key::Mask(m) => m.ndim(),
            _ => 0,
        })
        .sum();
    let ellipses = keys
        .iter()
        .filter(|k| matches!(k, Key::Basic(IndexItem::Ellipsis)))
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
    let full = IndexItem::Slice {
        start: None,
        stop: None,
        step: None,
    };
    // The basic view keeps every axis an advanced index selects along (a full slice), and a
    // new axis for each 0-d mask; `adv` records which view axis each advanced index takes.
    let mut items: Vec<IndexItem> = Vec::with_capacity(keys.len() + 1);
    let mut adv: Vec<Advanced> = Vec::new();
    let mut masks: Vec<(usize, usize, Array)> = Vec::new(); // (view axis, array axis, mask)
    let (mut vax, mut dim) = (0usize, 0usize);
    // NumPy's placement: the advanced indices' dimensions go where the first of them is when
    // no slice, `None` or `...` separates them, else first.
    let (mut first_adv, mut state) = (None, 0u8); // 0: none yet, 1: in a run, 2: run ended, 3: split
    for k in keys {
        let is_adv = !matches!(
            k,
            Key::Basic(IndexItem::Slice { .. } | IndexItem::Ellipsis | IndexItem::NewAxis)
        );
        state = match (state, is_adv) {
            (0, true) => {
                first_adv = Some(vax);
                1
            }
            (1, false) => 2,
            (2, true) => 3,
            (s, _) => s,
        };
        match k {
            Key::Basic(IndexItem::Int(i)) => {
                let d = a.shape()[dim] as isize;
                let j = if *i < 0 { i + d } else { *i };
                if j < 0 || j >= d {
                    return Err(Error::index(format!(
                        "index {i} is out of bounds for axis {dim} with size {d}"
                    )));
                }
                items.push(full);
                adv.push(Advanced {
                    axis: vax,
                    src: Source::Int(j),
                });
                vax += 1;
                dim += 1;
            }
            Key::Basic(b @ IndexItem::Slice { .. }) => {
                items.push(*b);
                vax += 1;
                dim += 1;
            }
            Key::Basic(IndexItem::NewAxis) => {
                items.push(IndexItem::NewAxis);
                vax += 1;
            }
            Key::Basic(IndexItem::Ellipsis) => {
                items.push(IndexItem::Ellipsis);
                vax += nd - consumed;
                dim += nd - consumed;
            }
            Key::Ints(x) => {
                items.push(full);
                adv.push(Advanced {
                    axis: vax,
                    src: Source::Array(x.astype(DType::I64)?, dim),
                });
                vax += 1;
                dim += 1;
            }
            Key::Mask(m) => {
                if m.ndim() == 0 {
                    items.push(IndexItem::NewAxis);
                } else {
                    items.extend(std::iter::repeat_n(full, m.ndim()));
                }
                masks.push((vax, dim, m.clone()));
                vax += m.ndim().max(1);
                dim += m.ndim();
            }
        }
    }
    let view = a.index(&items)?;
    // Masks become the coordinates of their true elements, one index array per mask axis.
    for (v, d, m) in masks {
        if m.ndim() == 0 {
            let n = usize::from(matches!(m.item()?, Wide::Bool(true)));
            adv.push(Advanced {
                axis: v,
                src: Source::Array(Array::zeros(&[n], DType::I64)?, d),
            });
            continue;
        }
        for (j, &len) in m.shape().iter().enumerate() {
            let size = view.shape()[v + j];
            // NumPy lets a mask axis of length 0 stand for an axis of any length (the mask
            // then selects nothing).
            if len != size && len != 0 {
                return Err(Error::index(format!(
                    "boolean index did not match indexed array along axis {}; size of axis is {size} but size of corresponding boolean axis is {len}",
                    d + j
                )));
            }
        }
        for (j, c) in nonzero(&m)?.into_iter().enumerate() {
            adv.push(Advanced {
                axis: v + j,
                src: Source::Array(c, d + j),
            });
        }
    }
    adv.sort_by_key(|e| e.axis);
    let arrays: Vec<&[usize]> = adv
        .iter()
        .filter_map(|e| match &e.src {
            Source::Array(x, _) => Some(x.shape()),
            Source::Int(_) => None,
        })
        .collect();
    let bshape = broadcast_shapes(&arrays).map_err(|_| {
        let listed: Vec<String> = arrays.iter().map(|s| shape_str_sep(s, ",")).collect();
        Error::index(format!(
            "shape mismatch: indexing arrays could not be broadcast together with shapes {} ",
            listed.join(" ")
        ))
    })?;
    let picks = pick_offsets(&view, &adv, &bshape)?;

    // The axes of the view no advanced index takes, split at the insertion point.
    let taken: SmallVec<[usize; 8]> = adv.iter().map(|e| e.axis).collect();
    let rest: SmallVec<[usize; 8]> = (0..view.ndim()).filter(|k| !taken.contains(k)).collect();
    let at = if state == 3 {
        0
    } else {
        let f = first_adv.unwrap_or(0);
        rest.iter().filter(|&&k| k < f).count()
    };
    let (before, after) = rest.split_at(at);
    let mut shape: Dims = before.iter().map(|&k| view.shape()[k]).collect();
    shape.extend(bshape.iter().copied());
    shape.extend(after.iter().map(|&k| view.shape()[k]));
    crate::layout::checked_size(&shape)?;

    let base = view.layout().offset as isize;
    let outer = axis_offsets(&view, before)
        .into_iter()
        .map(|o| o + base)
        .collect();
    let inner_len: usize = after.iter().map(|&k| view.shape()[k]).product();
    let inner = if is_unit_run(&view, after) {
        None
    } else {
        Some(axis_offsets(&view, after))
    };
    Ok(Selection {
        view,
        outer,
        picks,
        inner,
        inner_len,
        shape,
    })
}

/// Whether `axes` of `v` are one stride-1 run in C order (or hold a single element).
fn is_unit_run(v: &Array, axes: &[usize]) -> bool {
    let mut want = 1isize;
    for &k in axes.iter().rev() {
        let d = v.shape()[k];
        if d != 1 && v.strides()[k] != want {
            return false;
        }
        want *= d as isize;
    }
    true
}

/// The offsets (elements) of every position over `axes` of `v`, in C order.
fn axis_offsets(v: &Array, axes: &[usize]) -> Vec<isize> {
    let mut offs = vec![0isize];
    for &k in axes {
        let (d, s) = (v.shape()[k], v.strides()[k]);
        offs = offs
            .iter()
            .flat_map(|&o| (0..d as isize).map(move |i| o + i * s))
            .collect();
    }
    offs
}

/// The summed offsets of the advanced indices at every position of their broadcast shape,
/// with each index checked against its axis (negative ones counted from the end).
fn pick_offsets(view: &Array, adv: &[Advanced], bshape: &[usize]) -> Result<Vec<isize>> {
    let n: usize = bshape.iter().product();
    let mut offs = vec![0isize; n];
    for e in adv {
        let (d, s) = (view.shape()[e.axis] as i64, view.strides()[e.axis]);
        match &e.src {
            Source::Int(j) => offs.iter_mut().for_each(|o| *o += j * s),
            Source::Array(x, dim) => {
                let xb = x.broadcast_to(bshape)?;
                let owned;
                let vals: &[i64] = if xb.is_c_contiguous() {
                    // SAFETY: `x` was made int64 (`select`); C-contiguous with `n` elements
                    // from its data pointer, which nothing writes meanwhile.
                    unsafe { std::slice::from_raw_parts(xb.data_ptr() as *const i64, n) }
                } else {
                    owned = xb.to_vec::<i64>();
                    &owned
                };
                let bad = AtomicFirst::new();
                let work = |lo: usize, hi: usize, out: &mut [isize]| {
                    for (o, &i) in out.iter_mut().zip(&vals[lo..hi]) {
                        let j = if i < 0 { i + d } else { i };
                        if j < 0 || j >= d {
                            bad.note(i);
                            return;
                        }
                        *o += j as isize * s;
                    }
                };
                chunked(&mut offs, &work);
                if let Some(i) = bad.get() {
                    return Err(Error::index(format!(
                        "index {i} is out of bounds for axis {dim} with size {d}"
                    )));
                }
            }
        }
    }
    Ok(offs)
}

/// The first out-of-range index a (possibly parallel) check met. Which one is reported when
/// several are out of range follows the chunk order, not always NumPy's first.
struct AtomicFirst(std::sync::Mutex<Option<i64>>);
impl AtomicFirst {
    fn new() -> Self {
        AtomicFirst(std::sync::Mutex::new(None))
    }
    fn note(&self, i: i64) {
        if let Ok(mut g) = self.0.lock() {
            g.get_or_insert(i);
        }
    }
    fn get(&self) -> Option<i64> {
        self.0.lock().ok().and_then(|g| *g)
    }
}

/// Runs `work(lo, hi, &mut v[lo..hi])` over chunks of `v`, on the pool when it is large.
fn chunked<T: Send>(v: &mut [T], work: &(dyn Fn(usize, usize, &mut [T]) + Sync)) {
    let n = v.len();
    if !parallel::worth_splitting(n) {
        work(0, n, v);
        return;
    }
    let pieces = parallel::pieces(n);
    let chunk = n.div_ceil(pieces);
    let base = SendPtr(v.as_mut_ptr());
    parallel::for_each(n.div_ceil(chunk), &|c| {
        let (lo, hi) = (c * chunk, ((c + 1) * chunk).min(n));
        // SAFETY: chunk `c` is `v[lo..hi]`, inside `v` and handed to this task alone.
        let s = unsafe { std::slice::from_raw_parts_mut(base.at(lo as isize), hi - lo) };
        work(lo, hi, s);
    });
}

/// The value of a 0-d integer array used as an index.
fn int_of(x: &Array) -> Result<isize> {
    match x.item()? {
        Wide::I(v) if x.dtype().is_integer() => Ok(v as isize),
        Wide::U(v) if x.dtype().is_integer() => Ok(v as isize),
        _ => Err(Error::index(NOT_INTEGERS)),
    }
}

/// NumPy's IndexError for an index array of another dtype.
const NOT_INTEGERS: &str = "arrays used as indices must be of integer (or boolean) type";

/// NumPy's IndexError for an index item of no valid kind (a float, a string, a 0-d float array).
pub const NOT_AN_INDEX: &str = "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices";

/// Copies between the selection and `dense` (a C-ordered array of the selection's shape):
/// gathers into `dense`, or with `scatter` writes `dense` into the selected elements.
fn move_elements(sel: &Selection, dense: &Array, scatter: bool) {
    match sel.view.itemsize() {
        1 => move_typed::<u8>(sel, dense, scatter),
        2 => move_typed::<u16>(sel, dense, scatter),
        4 => move_typed::<u32>(sel, dense, scatter),
        8 => move_typed::<u64>(sel, dense, scatter),
        _ => move_typed::<[u64; 2]>(sel, dense, scatter),
    }
}

fn move_typed<T: Copy + Send + Sync>(sel: &Selection, dense: &Array, scatter: bool) {
    let src = SendPtr(sel.view.buffer().as_ptr() as *mut T);
    let dst = SendPtr(dense.data_ptr() as *mut T);
    let (np, ni) = (sel.picks.len(), sel.inner_len);
    let rows = sel.outer.len() * np;
    // One row: the inner elements of outer position `o` at pick `b`, `r = o * np + b`.
    let row = |r: usize| {
        let (src, dst) = (src, dst);
        let base = sel.outer[r / np] + sel.picks[r % np];
        // SAFETY: every offset is a position of the view (built from its shape and strides
        // with every index checked in range), so of its buffer; `dense` holds `rows * ni`
        // elements in C order and row `r` is `r * ni .. (r + 1) * ni`. Element types are the
        // item size of both (same dtype), read and written unaligned-safe as `T`'s alignment
        // is at most the dtype's.
        unsafe {
            let d = dst.at((r * ni) as isize);
            match &sel.inner {
                None if scatter => std::ptr::copy_nonoverlapping(d, src.at(base), ni),
                None => std::ptr::copy_nonoverlapping(src.at(base), d, ni),
                Some(offs) => {
                    for (i, &o) in offs.iter().enumerate() {
                        if scatter {
                            *src.at(base + o) = *d.add(i);
                        } else {
                            *d.add(i) = *src.at(base + o);
                        }
                    }
                }
            }
        }
    };
    let total = rows * ni;
    if !scatter && ni == 1 && sel.outer.len() == 1 && sel.inner.is_none() {
        // One element per pick from one base (`a[idx]` of a 1-d array, `a[mask]`): a plain
        // gather loop per chunk.
        let o = sel.outer[0];
        let gather = |lo: usize, hi: usize| {
            // Locals, not captures (see `index_fast::gather_typed`).
            let (src, dst) = (src, dst);
            for (r, &p) in sel.picks[lo..hi].iter().enumerate() {
                // SAFETY: as in `row`: `o + p` is an element of the view and `lo + r` one of
                // `dense`'s `rows` elements.
                unsafe { *dst.at((lo + r) as isize) = *src.at(o + p) };
            }
        };
        if parallel::worth_splitting(rows) {
            let chunk = rows.div_ceil(parallel::pieces(rows));
            parallel::for_each(rows.div_ceil(chunk), &|c| {
                gather(c * chunk, ((c + 1) * chunk).min(rows))
            });
        } else {
            gather(0, rows);
        }
        return;
    }
    if scatter {
        // Repeated indices: the last write wins, so picks run in order; distinct outer
        // positions never meet, so those may run in parallel.
        let outer = sel.outer.len();
        if parallel::worth_splitting(total) && outer > 1 {
            parallel::for_each(outer, &|o| (o * np..(o + 1) * np).for_each(row));
        } else {
            (0..rows).for_each(row);
        }
    } else if parallel::worth_splitting(total) && rows > 1 {
        let pieces = parallel::pieces(total).min(rows);
        let chunk = rows.div_ceil(pieces);
        parallel::for_each(rows.div_ceil(chunk), &|c| {
            (c * chunk..((c + 1) * chunk).min(rows)).for_each(row)
        });
    } else {
        (0..rows).for_each(row);
    }
}

/// `a[mask]` with one mask over all of `a`'s axes: the selected elements in C order, found
/// and copied in parallel chunks (a count per chunk, then each chunk writes at its prefix).
fn mask_fast_path(a: &Array, keys: &[Key]) -> Result<Option<Array>> {
    let [Key::Mask(m)] = keys else {
        return Ok(None);
    };
    if m.ndim() == 0 || m.shape() != a.shape() {
        return Ok(None);
    }
    let flat = true_positions(m)?;
    let count = flat.len();
    let out = Array::uninit(&[count], a.dtype())?;
    if count == 0 {
        return Ok(Some(out));
    }
    // Positions in C order to offsets in `a` (equal when `a` is C-contiguous).
    let picks: Vec<isize> = if a.is_c_contiguous() {
        flat
    } else {
        let shape = a.shape();
        let strides = a.strides();
        flat.iter()
            .map(|&p| {
                let (mut rem, mut off) = (p as usize, 0isize);
                for k in (0..shape.len()).rev() {
                    off += (rem % shape[k]) as isize * strides[k];
                    rem /= shape[k];
                }
                off
            })
            .collect()
    };
    let sel = Selection {
        view: a.clone(),
        outer: vec![a.layout().offset as isize],
        picks,
        inner: None,
        inner_len: 1,
        shape: SmallVec::from_slice(&[count]),
    };
    move_elements(&sel, &out, false);
    Ok(Some(out))
}

/// The truth of each element of `m`, as a C-contiguous bool array (`m` itself when it is
/// one; `astype` keeps a Fortran-ordered input's order, so that is copied).
fn as_c_bools(m: &Array) -> Result<Array> {
    if m.dtype() == DType::Bool && m.is_c_contiguous() {
        return Ok(m.clone());
    }
    let t = m.astype(DType::Bool)?;
    if t.is_c_contiguous() {
        Ok(t)
    } else {
        t.copy(Order::C)
    }
}

/// The bytes of a C-contiguous bool array.
fn mask_bytes(b: &Array) -> &[u8] {
    debug_assert!(b.dtype() == DType::Bool && b.is_c_contiguous());
    // SAFETY: a C-contiguous bool array: `size` initialised bytes from its data pointer,
    // each 0 or 1 (ferronum's bools are normalised when made).
    unsafe { std::slice::from_raw_parts(b.data_ptr() as *const u8, b.size()) }
}

/// The C-order positions of the true (non-zero) elements of `m`, found in parallel chunks.
pub fn true_positions(m: &Array) -> Result<Vec<isize>> {
    let b = as_c_bools(m)?;
    let p = index_fast::positions(mask_bytes(&b))?;
    Ok(p.to_vec::<i64>().into_iter().map(|p| p as isize).collect())
}

/// NumPy's `nonzero`: for each axis, an int64 array of the coordinates of the non-zero
/// elements, in C order.
pub fn nonzero(a: &Array) -> Result<Vec<Array>> {
    if a.ndim() == 0 {
        // NumPy's boolean loop says more than the others.
        let hint = if a.dtype() == DType::Bool {
            " If the context of this error is of the form `arr[nonzero(cond)]`, just use `arr[cond]`."
        } else {
            ""
        };
        return Err(Error::value(format!(
            "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.{hint}"
        )));
    }
    if a.ndim() == 1 {
        // The positions are the coordinates.
        let bools = as_c_bools(a)?;
        return Ok(vec![index_fast::positions(mask_bytes(&bools))?]);
    }
    let flat = true_positions(a)?;
    let shape = a.shape();
    let mut coords: Vec<Vec<i64>> = vec![vec![0; flat.len()]; shape.len()];
    for (k, c) in coords.iter_mut().enumerate() {
        let inner: usize = shape[k + 1..].iter().product();
        let d = shape[k];
        let fill = |lo: usize, _hi: usize, out: &mut [i64]| {
            for (o, &p) in out.iter_mut().zip(&flat[lo..]) {
                *o = ((p as usize / inner) % d) as i64;
            }
        };
        chunked(c, &fill);
    }
    coords
        .into_iter()
        .map(|c| {
            let n = c.len();
            Array::from_vec(c, &[n])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(v: &[i64]) -> Array {
        Array::from_vec(v.to_vec(), &[v.len()]).unwrap()
    }

    #[test]
    fn gathers_and_places_dimensions() {
        let a = Array::from_vec((0..24i64).collect(), &[2, 3, 4]).unwrap();
        let full = Key::Basic(IndexItem::Slice {
            start: None,
            stop: None,
            step: None,
        });
        // Adjacent: in place.
        let r = get(&a, &[full.clone(), Key::Ints(ints(&[2, 0]))]).unwrap();
        assert_eq!(r.shape(), &[2, 2, 4]);
        assert_eq!(r.to_vec::<i64>()[..4], [8, 9, 10, 11]);
        // Separated by a slice: first.
        let r = get(
            &a,
            &[
                Key::Ints(ints(&[1])),
                full.clone(),
                Key::Ints(ints(&[3, 0])),
            ],
        )
        .unwrap();
        assert_eq!(r.shape(), &[2, 3]);
        assert_eq!(r.to_vec::<i64>(), [15, 19, 23, 12, 16, 20]);
        // Out of range.
        assert!(matches!(
            get(&a, &[Key::Ints(ints(&[2]))]),
            Err(Error::Index(_))
        ));
    }

    #[test]
    fn scatters_last_wins() {
        let a = Array::zeros(&[4], DType::I64).unwrap();
        let v = Array::from_vec(vec![1i64, 2, 3], &[3]).unwrap();
        set(&a, &[Key::Ints(ints(&[1, 1, -1]))], &v).unwrap();
        assert_eq!(a.to_vec::<i64>(), [0, 2, 0, 3]);
    }

    #[test]
    fn masks_select_in_c_order() {
        let a = Array::from_vec((0..6i64).collect(), &[2, 3]).unwrap();
        let m = Array::from_vec(vec![true, false, true, false, true, true], &[2, 3]).unwrap();
        let r = get(&a, &[Key::Mask(m.clone())]).unwrap();
        assert_eq!(r.to_vec::<i64>(), [0, 2, 4, 5]);
        let nz = nonzero(&m).unwrap();
        assert_eq!(nz[0].to_vec::<i64>(), [0, 0, 1, 1]);
        assert_eq!(nz[1].to_vec::<i64>(), [0, 2, 1, 2]);
    }
}
