//! Array creation: `arange`, `linspace`, `eye` (`zeros`, `full` live on `Array`).

use crate::array::Array;
use crate::dispatch;
use crate::dtype::{promote, DType, Element, Wide};
use crate::error::{Error, Result};
use crate::kernels::simd::simd_dispatch;

/// `arange(start, stop, step)` in `dtype`, with NumPy's length `ceil((stop - start) / step)`.
/// Values are computed as `start + i*step` in the dtype's arithmetic domain.
pub fn arange(start: Wide, stop: Wide, step: Wide, dtype: DType) -> Result<Array> {
    let (fs, fe, fst) = (start.to_f64(), stop.to_f64(), step.to_f64());
    if fst == 0.0 {
        return Err(Error::Arithmetic("Maximum allowed size exceeded".into()));
    }
    let len = match (start, stop, step) {
        (Wide::I(a), Wide::I(b), Wide::I(s)) => {
            let (a, b, s) = (a as i128, b as i128, s as i128);
            let span = b - a;
            // ceil(span / s), for either sign of the step.
            let n = if s > 0 {
                (span + s - 1).div_euclid(s)
            } else {
                (-span - s - 1).div_euclid(-s)
            };
            n.max(0) as f64
        }
        _ => ((fe - fs) / fst).ceil(),
    };
    if !len.is_finite() {
        return Err(Error::value("arange: cannot compute length"));
    }
    if len > isize::MAX as f64 {
        return Err(Error::value("Maximum allowed size exceeded"));
    }
    let n = len.max(0.0) as usize;
    let out = Array::uninit(&[n], dtype)?;
    dispatch!(dtype, T => fill_arange::<T>(&out, start, step, n));
    Ok(out)
}

/// `arange([start,] stop[, step], dtype=None)` from the numbers as given (`None`: not given):
/// a lone number is the stop, and the step defaults to 1. Without `dtype`, NumPy's dtype is
/// the promotion of the three values' own (bool and int64 values int64, uint64 ones uint64,
/// floats float64); complex is refused. The values are computed in integers only when all
/// three are integers (a uint64 one that int64 holds counts as one), else in float64.
pub fn arange_from(
    start: Option<Wide>,
    stop: Option<Wide>,
    step: Option<Wide>,
    dtype: Option<DType>,
) -> Result<Array> {
    let (start, stop) = match (start, stop) {
        (Some(s), Some(e)) => (s, e),
        (Some(e), None) | (None, Some(e)) => (Wide::I(0), e),
        (None, None) => {
            return Err(Error::type_("arange() requires stop to be specified."));
        }
    };
    let step = step.unwrap_or(Wide::I(1));
    let inferred = [start, stop, step]
        .iter()
        .map(|w| match w {
            Wide::Bool(_) | Wide::I(_) => DType::I64,
            Wide::U(_) => DType::U64,
            Wide::F(_) => DType::F64,
            Wide::C(..) => DType::C128,
        })
        .reduce(promote)
        .unwrap_or(DType::I64);
    if inferred == DType::C128 {
        return Err(Error::type_("arange() does not support complex arguments"));
    }
    let norm = |w: Wide| match w {
        Wide::Bool(b) => Wide::I(b as i64),
        Wide::U(u) if u <= i64::MAX as u64 => Wide::I(u as i64),
        w => w,
    };
    let (start, stop, step) = (norm(start), norm(stop), norm(step));
    let (start, stop, step) = match (start, stop, step) {
        (Wide::I(_), Wide::I(_), Wide::I(_)) => (start, stop, step),
        _ => (
            Wide::F(start.to_f64()),
            Wide::F(stop.to_f64()),
            Wide::F(step.to_f64()),
        ),
    };
    arange(start, stop, step, dtype.unwrap_or(inferred))
}

fn fill_arange<T: Element>(out: &Array, start: Wide, step: Wide, n: usize) {
    if n == 0 {
        return;
    }
    let p = out.base::<T>();
    // NumPy fills from the first two values `start` and `start + step` in the target dtype.
    match (start, step, T::DTYPE.is_integer()) {
        // The default dtypes get vector loops (through `from_wide` the fill was half the time
        // of `arange(1000)`).
        (Wide::I(a), Wide::I(s), true) if T::DTYPE == DType::I64 => {
            let f = |i: usize| a.wrapping_add(s.wrapping_mul(i as i64));
            // SAFETY: `out` is `arange`'s new C-contiguous array of `n` elements of `T` =
            // int64 at offset 0, so its buffer's base is valid for `n` aligned int64 writes and
            // no one else sees it yet; `simd_dispatch!` picks an AVX copy only on a CPU with it.
            unsafe { simd_dispatch!(simd::ramp(out.base::<i64>().0, n, &f)) };
        }
        (Wide::I(a), Wide::I(s), true) => {
            for i in 0..n {
                // SAFETY: `out` is `arange`'s new contiguous array of `n` elements of `T` at
                // offset 0, so position `i < n` is inside its buffer.
                unsafe {
                    *p.at(i as isize) =
                        T::from_wide(Wide::I(a.wrapping_add(s.wrapping_mul(i as i64))))
                };
            }
        }
        _ => {
            let (a, s) = (start.to_f64(), step.to_f64());
            let delta = T::from_wide(Wide::F(a + s)).to_wide().to_f64()
                - T::from_wide(Wide::F(a)).to_wide().to_f64();
            let first = T::from_wide(Wide::F(a)).to_wide().to_f64();
            if T::DTYPE == DType::F64 {
                // Every value is `first + i * delta`, computed as NumPy computes it (`i` is
                // exact as a float below 2**53).
                let f = |i: usize| first + i as f64 * delta;
                // SAFETY: `out` is `arange`'s new C-contiguous array of `n` elements of `T` =
                // float64 at offset 0, valid for `n` aligned writes and seen by no one else
                // yet; `simd_dispatch!` picks an AVX copy only on a CPU with it.
                unsafe { simd_dispatch!(simd::ramp(out.base::<f64>().0, n, &f)) };
                return;
            }
            for i in 0..n {
                // SAFETY: `out` is `arange`'s new contiguous array of `n` elements of `T` at
                // offset 0, so position `i < n` is inside its buffer.
                unsafe { *p.at(i as isize) = T::from_wide(Wide::F(first + i as f64 * delta)) };
            }
        }
    }
}

/// `linspace(start, stop, num, endpoint)` in `dtype` (float64 unless asked otherwise).
pub fn linspace(
    start: f64,
    stop: f64,
    num: usize,
    endpoint: bool,
    dtype: DType,
) -> Result<(Array, f64)> {
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let step = if div > 0 {
        (stop - start) / div as f64
    } else {
        f64::NAN
    };
    let vals: Vec<f64> = (0..num)
        .map(|i| {
            if div > 0 {
                let v = start + i as f64 * step;
                if endpoint && num > 1 && i == num - 1 {
                    stop
                } else {
                    v
                }
            } else {
                start + i as f64 * (stop - start)
            }
        })
        .collect();
    let a = Array::from_vec(vals, &[num])?;
    let a = if dtype == DType::F64 {
        a
    } else {
        a.astype(dtype)?
    };
    Ok((a, step))
}

/// `eye(n, m, k)`: ones on the k-th diagonal.
pub fn eye(n: usize, m: usize, k: isize, dtype: DType) -> Result<Array> {
    let out = Array::zeros(&[n, m], dtype)?;
    dispatch!(dtype, T => {
        let p = out.base::<T>();
        let one = T::from_wide(Wide::I(1));
        for i in 0..n as isize {
            // Any offset is valid (NumPy's is a Python int): one that overflows is off the array.
            let Some(j) = i.checked_add(k) else { continue };
            if j >= 0 && (j as usize) < m {
                // SAFETY: `out` is a new C-contiguous `n x m` array of `T` at offset 0 and
                // `0 <= j < m`, `i < n`, so `i * m + j` is one of its elements.
                unsafe { *p.at(i * m as isize + j) = one };
            }
        }
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arange_lengths() {
        let a = arange(Wide::I(0), Wide::I(10), Wide::I(3), DType::I64).unwrap();
        assert_eq!(a.to_vec::<i64>(), vec![0, 3, 6, 9]);
        let a = arange(Wide::I(5), Wide::I(0), Wide::I(-2), DType::I64).unwrap();
        assert_eq!(a.to_vec::<i64>(), vec![5, 3, 1]);
        let a = arange(Wide::F(0.0), Wide::F(1.0), Wide::F(0.25), DType::F64).unwrap();
        assert_eq!(a.to_vec::<f64>(), vec![0.0, 0.25, 0.5, 0.75]);
        assert_eq!(
            arange(Wide::I(3), Wide::I(0), Wide::I(1), DType::I64)
                .unwrap()
                .size(),
            0
        );
    }

    #[test]
    fn arange_infers_numpys_dtype() {
        let a = arange_from(Some(Wide::I(5)), None, None, None).unwrap();
        assert_eq!(
            (a.dtype(), a.to_vec::<i64>()),
            (DType::I64, vec![0, 1, 2, 3, 4])
        );
        let a = arange_from(None, Some(Wide::Bool(true)), None, None).unwrap();
        assert_eq!((a.dtype(), a.size()), (DType::I64, 1));
        let a = arange_from(
            Some(Wide::I(1)),
            Some(Wide::F(2.0)),
            Some(Wide::F(0.5)),
            None,
        );
        assert_eq!(a.unwrap().to_vec::<f64>(), vec![1.0, 1.5]);
        // A uint64 start that int64 holds still computes in integers; the dtype is the
        // promotion (uint64 with int64 is float64).
        let a = arange_from(Some(Wide::U(2)), Some(Wide::I(4)), None, None).unwrap();
        assert_eq!((a.dtype(), a.to_vec::<f64>()), (DType::F64, vec![2.0, 3.0]));
        let a = arange_from(Some(Wide::I(0)), Some(Wide::I(3)), None, Some(DType::F32)).unwrap();
        assert_eq!(a.dtype(), DType::F32);
        assert!(matches!(
            arange_from(None, None, Some(Wide::I(1)), None),
            Err(Error::Type(m)) if m == "arange() requires stop to be specified."
        ));
        assert!(matches!(
            arange_from(Some(Wide::C(1.0, 0.0)), None, None, Some(DType::C128)),
            Err(Error::Type(m)) if m == "arange() does not support complex arguments"
        ));
    }

    #[test]
    fn linspace_and_eye() {
        let (a, step) = linspace(0.0, 1.0, 5, true, DType::F64).unwrap();
        assert_eq!(a.to_vec::<f64>(), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(step, 0.25);
        let e = eye(2, 3, 1, DType::I32).unwrap();
        assert_eq!(e.to_vec::<i32>(), vec![0, 1, 0, 0, 0, 1]);
    }
}
