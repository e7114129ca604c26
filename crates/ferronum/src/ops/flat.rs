//! `ndarray.flat` indexing: the array read as 1-d in C order. Reads are copies (as NumPy's
//! flat iterator gives); writes go to the array's own elements, with the values repeated to
//! cover the selected positions (NumPy's `flatiter` assignment, the rule of `put`).

use crate::array::{Array, IndexItem, Order};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::ops::indexing::{self, Key};
use crate::ops::take::{self, Mode};

/// The one index a flat iterator takes.
pub enum FlatKey {
    Int(isize),
    /// A slice, or everything (`...`, `()`).
    Slice(IndexItem),
    Ints(Array),
    Mask(Array),
}

impl FlatKey {
    /// From one parsed index item (a tuple's several items are refused by the caller).
    pub fn from_key(k: Key) -> Result<FlatKey> {
        match k {
            Key::Basic(IndexItem::Int(i)) => Ok(FlatKey::Int(i)),
            Key::Basic(s @ IndexItem::Slice { .. }) => Ok(FlatKey::Slice(s)),
            Key::Basic(IndexItem::Ellipsis) => Ok(FlatKey::Slice(ALL)),
            Key::Basic(IndexItem::NewAxis) => Err(Error::index(NOT_A_FLAT_INDEX)),
            Key::Ints(a) => Ok(FlatKey::Ints(a)),
            Key::Mask(m) => Ok(FlatKey::Mask(m)),
        }
    }
}

/// NumPy's message for what a flat iterator cannot be indexed with.
pub const NOT_A_FLAT_INDEX: &str =
    "only integers, slices (`:`), ellipsis (`...`) and integer or boolean arrays are valid indices";

pub const ALL: IndexItem = IndexItem::Slice {
    start: None,
    stop: None,
    step: None,
};

pub fn too_many(n: usize) -> Error {
    Error::index(format!(
        "too many indices for flat iterator: flat iterator is 1-dimensional, but {n} were indexed"
    ))
}

fn out_of_bounds(i: i64, n: usize) -> Error {
    Error::index(format!("index {i} is out of bounds for size {n}"))
}

/// The selected flat positions (int64, non-negative, in range), shaped as the result.
fn positions(n: usize, key: &FlatKey) -> Result<Array> {
    match key {
        FlatKey::Int(i) => {
            let j = *i as i64;
            if j < -(n as i64) || j >= n as i64 {
                return Err(out_of_bounds(j, n));
            }
            Array::from_vec(vec![j.rem_euclid(n as i64)], &[])
        }
        FlatKey::Slice(s) => Array::from_vec((0..n as i64).collect(), &[n])?.index(&[*s]),
        FlatKey::Ints(ind) => {
            let ind = take::cast_indices(ind, take::IndexCast::SameKind)?;
            let v: Vec<i64> = ind.to_vec::<i64>();
            let mut out = Vec::with_capacity(v.len());
            for j in v {
                if j < -(n as i64) || j >= n as i64 {
                    return Err(out_of_bounds(j, n));
                }
                out.push(j.rem_euclid(n as i64));
            }
            Array::from_vec(out, ind.shape())
        }
        FlatKey::Mask(m) => {
            if m.size() != n {
                return Err(Error::index(format!(
                    "boolean index did not match indexed flat iterator along axis 0; size of axis is {n} but size of corresponding boolean axis is {}",
                    m.size()
                )));
            }
            let p: Vec<i64> = indexing::true_positions(m)?
                .into_iter()
                .map(|p| p as i64)
                .collect();
            let k = p.len();
            Array::from_vec(p, &[k])
        }
    }
}

/// `a.flat[key]`: a new array (0-d for an integer key).
pub fn get(a: &Array, key: &FlatKey) -> Result<Array> {
    let flat = a.ravel()?;
    let r = match key {
        FlatKey::Int(_) => {
            let p = positions(a.size(), key)?.to_vec::<i64>()[0];
            flat.index(&[IndexItem::Int(p as isize)])?
        }
        FlatKey::Slice(s) => flat.index(&[*s])?,
        _ => indexing::get(&flat, &[Key::Ints(positions(a.size(), key)?)])?,
    };
    if r.may_share_memory(a) {
        r.copy(Order::C)
    } else {
        Ok(r)
    }
}

/// `a.flat[key] = vals`: the selected elements in order get `vals` repeated as needed.
pub fn set(a: &Array, key: &FlatKey, vals: &Array) -> Result<()> {
    a.check_writeable_as("underlying array is read-only")?;
    if matches!(key, FlatKey::Ints(_)) && vals.size() == 0 {
        // Nothing to write: NumPy does not look at the indices.
        return Ok(());
    }
    let pos = positions(a.size(), key)?;
    // NumPy packs one scalar into one element: an array is refused, except a one-element
    // one into a bool array (which takes the array's truth value).
    let single_ok = vals.ndim() == 0 || (a.dtype() == DType::Bool && vals.size() == 1);
    if matches!(key, FlatKey::Int(_)) && !single_ok {
        return Err(Error::value("Error setting single item of array."));
    }
    take::put(a, &pos.astype(DType::I64)?, vals, Mode::Raise)
}
