//! Element bytes: an array's memory as a byte slice in C or Fortran order, arrays built from
//! bytes of either byte order, and the swap between them.

use crate::array::{Array, Order};
use crate::dtype::DType;
use crate::error::{Error, Result};

/// The size of the values whose bytes a byte-order change reverses: a complex number swaps
/// each of its two parts.
pub fn swap_unit(d: DType) -> usize {
    if d.is_complex() {
        d.itemsize() / 2
    } else {
        d.itemsize()
    }
}

/// Reverses the bytes of each `unit`-byte value of `bytes` (a byte-order change).
pub fn swap_units(bytes: &mut [u8], unit: usize) {
    match unit {
        2 => bytes.chunks_exact_mut(2).for_each(|c| c.swap(0, 1)),
        4 => bytes.chunks_exact_mut(4).for_each(|c| {
            let v = u32::from_ne_bytes([c[0], c[1], c[2], c[3]]).swap_bytes();
            c.copy_from_slice(&v.to_ne_bytes());
        }),
        8 => bytes.chunks_exact_mut(8).for_each(|c| {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            c.copy_from_slice(&u64::from_ne_bytes(w).swap_bytes().to_ne_bytes());
        }),
        _ => {}
    }
}

/// The array's elements as bytes in C order (Fortran order when `fortran`), handed to `f`
/// without a copy when they already lie that way in memory.
pub fn with_bytes<R>(a: &Array, fortran: bool, f: impl FnOnce(&[u8]) -> R) -> Result<R> {
    let in_place = if fortran {
        a.is_f_contiguous()
    } else {
        a.is_c_contiguous()
    };
    let src = if in_place {
        a.clone()
    } else {
        a.copy(if fortran { Order::F } else { Order::C })?
    };
    let n = src.nbytes();
    if n == 0 {
        return Ok(f(&[]));
    }
    // SAFETY: `src` is contiguous in the order asked for, so its `n` element bytes start at
    // its data pointer inside its buffer, which `src` keeps alive while `f` reads them.
    let bytes = unsafe { std::slice::from_raw_parts(src.data_ptr(), n) };
    Ok(f(bytes))
}

/// The element bytes of an array just made (contiguous, owned by the caller alone), to fill.
///
/// # Safety
/// `a` must be contiguous and no other handle may read or write its buffer while the slice
/// lives.
// An array's memory is shared-mutable by design (see `buffer.rs`): exclusivity is the
// caller's promise, not the borrow's.
#[allow(clippy::mut_from_ref)]
pub unsafe fn bytes_mut(a: &Array) -> &mut [u8] {
    let n = a.nbytes();
    if n == 0 {
        return &mut [];
    }
    // SAFETY: the caller guarantees a contiguous array nobody else touches: its `n` bytes from
    // the data pointer lie inside its buffer.
    unsafe { std::slice::from_raw_parts_mut(a.data_ptr(), n) }
}

/// Makes bytes read from outside valid elements: a boolean is stored as 0 or 1 (NumPy keeps
/// other byte values as true; a Rust `bool` must not hold them).
pub fn normalize_bools(bytes: &mut [u8]) {
    for b in bytes.iter_mut() {
        *b = (*b != 0) as u8;
    }
}

/// A new array of `shape` whose elements (in C order, or Fortran order when `fortran`) are the
/// first bytes of `bytes`, which hold values of `dtype` in the other byte order when `swap`.
pub fn from_bytes(
    bytes: &[u8],
    dtype: DType,
    swap: bool,
    shape: &[usize],
    fortran: bool,
) -> Result<Array> {
    let a = Array::uninit_order(shape, dtype, if fortran { Order::F } else { Order::C })?;
    let n = a.nbytes();
    if bytes.len() < n {
        return Err(Error::value(format!(
            "buffer is smaller than requested size ({} < {n} bytes)",
            bytes.len()
        )));
    }
    // SAFETY: `a` is new and contiguous; nothing else sees it yet.
    let dst = unsafe { bytes_mut(&a) };
    dst.copy_from_slice(&bytes[..n]);
    fix_up(dst, dtype, swap);
    Ok(a)
}

/// Byte order and boolean normalisation of freshly read element bytes.
pub fn fix_up(dst: &mut [u8], dtype: DType, swap: bool) {
    if dtype == DType::Bool {
        normalize_bools(dst);
    } else if swap {
        swap_units(dst, swap_unit(dtype));
    }
}
