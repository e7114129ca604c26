//! `median`, `quantile`, `percentile` and their `nan*` forms with `out=`: NumPy writes each
//! result through the code path that computed it (a ufunc's `out` for interpolated quantiles,
//! `take`'s for the others, `mean`'s for the median, item assignment for the `nan*` forms),
//! and each checks shape and casting its own way. The computations are `ops::quantile`'s.

use crate::array::{Array, IndexItem};
use crate::dtype::{DType, Wide};
use crate::error::{Error, Result};
use crate::layout::{normalize_axes, shape_str};
use crate::ops::quantile::{self as qt, QuantileMethod, QuantileOptions};

/// How one of NumPy's code paths writes its result into `out=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sink {
    /// `mean(out=)`: the exact shape; casting unsafe, except that the NaN of a lane holding
    /// NaN is copied in with `same_kind`.
    Mean,
    /// ufunc `out=` (interpolated quantiles): broadcasting, `same_kind` casting.
    Ufunc,
    /// `take(out=)` (quantiles taken from the data): the exact shape, and an `out` dtype that
    /// casts safely to the result's; NaN lanes as for `Mean`.
    Take,
    /// Weighted quantiles fill a result of the exact shape.
    Weighted,
    /// `out[...] = result` (the `nan*` forms): broadcasting, unsafe casting.
    Item,
}

/// A result of these functions and how NumPy hands it back.
#[derive(Clone, Debug)]
pub struct Delivered {
    /// The result, or `out` once the result is written into it.
    pub array: Array,
    /// A 0-d result stays an array rather than becoming a scalar: `_ureduce` returns `r[...]`
    /// with keepdims, and weighted quantiles fill a 0-d array, which NumPy returns as is
    /// (unless a NaN lane made the result that NaN scalar).
    pub as_array: bool,
}

fn has_nan(r: &Array) -> bool {
    r.dtype().is_inexact()
        && r.to_wide_vec().into_iter().any(|w| match w {
            Wide::F(x) => x.is_nan(),
            Wide::C(re, im) => re.is_nan() || im.is_nan(),
            _ => false,
        })
}

fn dtype_repr(d: DType) -> String {
    format!("dtype('{}')", d.name())
}

/// Whether NumPy's `_ureduce` hands the function a view of `out` (index 0 on each reduced
/// axis), which it does with keepdims; nanmedian and nanquantile of an empty array are
/// nanmean, which takes `out` whole.
fn keeps_view(x: &Array, skip_nan: bool, keepdims: bool, out: Option<&Array>) -> bool {
    keepdims && out.is_some() && !(skip_nan && x.size() == 0)
}

/// The reduced axes of an `ndim`-d array (already validated by the computation).
fn reduced(ndim: usize, axes: Option<&[isize]>) -> Vec<bool> {
    let mut red = vec![axes.is_none(); ndim];
    if let Some(ax) = axes {
        if let Ok(ax) = normalize_axes(ax, ndim) {
            for a in ax {
                red[a] = true;
            }
        }
    }
    red
}

/// Writes `r` into `out` as `how` does (into the view of `view`'s reduced axes when given),
/// or returns it.
fn deliver(
    r: Array,
    out: Option<&Array>,
    how: Sink,
    view: Option<&[bool]>,
    keepdims: bool,
    weighted: bool,
) -> Result<Delivered> {
    let Some(o) = out else {
        let as_array = r.ndim() == 0 && (keepdims || (weighted && !has_nan(&r)));
        return Ok(Delivered { array: r, as_array });
    };
    let target = match view {
        Some(red) => {
            let mut items = vec![IndexItem::Ellipsis];
            items.extend(red.iter().map(|&r| {
                if r {
                    IndexItem::Int(0)
                } else {
                    IndexItem::Slice {
                        start: None,
                        stop: None,
                        step: None,
                    }
                }
            }));
            o.index(&items)?
        }
        None => o.clone(),
    };
    let exact = match how {
        Sink::Mean => Some(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {}  {}",
            shape_str(target.shape()),
            shape_str(r.shape())
        )),
        Sink::Take => Some("output array does not match result of ndarray.take".to_string()),
        Sink::Weighted => Some(format!(
            "Wrong shape of argument 'out', shape={} is required; got shape={}.",
            shape_str(r.shape()),
            shape_str(target.shape())
        )),
        Sink::Ufunc | Sink::Item => None,
    };
    if let Some(msg) = exact {
        if target.shape() != r.shape() {
            return Err(Error::value(msg));
        }
    }
    // take() works in a copy of `out` of the input's dtype, made with safe casting.
    if how == Sink::Take && !target.dtype().can_cast_safe(r.dtype()) {
        return Err(Error::type_(format!(
            "Cannot cast array data from {} to {} according to the rule 'safe'",
            dtype_repr(target.dtype()),
            dtype_repr(r.dtype())
        )));
    }
    let same_kind = r.dtype().can_cast_same_kind(target.dtype());
    if how == Sink::Ufunc && !same_kind {
        return Err(Error::type_(format!(
            "Cannot cast ufunc 'add' output from {} to {} with casting rule 'same_kind'",
            dtype_repr(r.dtype()),
            dtype_repr(target.dtype())
        )));
    }
    // The NaN of a lane holding NaN is copied in afterwards with `copyto`'s same_kind.
    if matches!(how, Sink::Mean | Sink::Take | Sink::Weighted) && !same_kind && has_nan(&r) {
        return Err(Error::type_(format!(
            "Cannot cast array data from {} to {} according to the rule 'same_kind'",
            dtype_repr(r.dtype()),
            dtype_repr(target.dtype())
        )));
    }
    target.assign(&r)?;
    Ok(Delivered {
        array: o.clone(),
        as_array: true,
    })
}

/// `median(a, axis, out, keepdims)`, or `nanmedian` with `skip_nan`.
pub fn median(
    x: &Array,
    axes: Option<&[isize]>,
    keepdims: bool,
    skip_nan: bool,
    out: Option<&Array>,
) -> Result<Delivered> {
    let view = keeps_view(x, skip_nan, keepdims, out);
    let r = qt::median(x, axes, keepdims && !view, skip_nan)?;
    let red = reduced(x.ndim(), axes);
    let how = if skip_nan { Sink::Item } else { Sink::Mean };
    deliver(r, out, how, view.then_some(&red[..]), keepdims, false)
}

/// `quantile`, `percentile` and their `nan*` forms by method name, with `out=`.
pub fn quantile(
    x: &Array,
    q: &Array,
    axes: Option<&[isize]>,
    method: &str,
    opts: &QuantileOptions,
    out: Option<&Array>,
) -> Result<Delivered> {
    let view = keeps_view(x, opts.skip_nan, opts.keepdims, out);
    let inner = QuantileOptions {
        keepdims: opts.keepdims && !view,
        ..*opts
    };
    let r = qt::quantile_named(x, q, axes, method, &inner)?;
    let red = reduced(x.ndim(), axes);
    let weighted = opts.weights.is_some();
    let how = if opts.skip_nan {
        Sink::Item
    } else if weighted {
        Sink::Weighted
    } else if qt::interpolates(QuantileMethod::from_name(method)?, q.dtype(), opts.percent) {
        Sink::Ufunc
    } else {
        Sink::Take
    };
    deliver(
        r,
        out,
        how,
        view.then_some(&red[..]),
        opts.keepdims,
        weighted,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Array {
        Array::from_vec(vec![1.0f64, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3]).unwrap()
    }

    #[test]
    fn interpolated_quantiles_cast_same_kind_into_out() {
        let q = Array::scalar(0.5f64);
        let opts = QuantileOptions::default();
        let out = Array::zeros(&[2], DType::F32).unwrap();
        let d = quantile(&data(), &q, Some(&[1]), "linear", &opts, Some(&out)).unwrap();
        assert!(d.as_array);
        assert_eq!(out.to_vec::<f32>(), vec![2.0, 5.0]);
        let ints = Array::zeros(&[2], DType::I64).unwrap();
        match quantile(&data(), &q, Some(&[1]), "linear", &opts, Some(&ints)) {
            Err(Error::Type(m)) => assert_eq!(
                m,
                "Cannot cast ufunc 'add' output from dtype('float64') to dtype('int64') with casting rule 'same_kind'"
            ),
            r => panic!("{r:?}"),
        }
    }

    #[test]
    fn taken_quantiles_need_the_exact_shape_and_a_safe_out() {
        let q = Array::scalar(0.5f64);
        let opts = QuantileOptions::default();
        let wide = Array::zeros(&[1, 2], DType::F64).unwrap();
        assert!(matches!(
            quantile(&data(), &q, Some(&[1]), "lower", &opts, Some(&wide)),
            Err(Error::Value(_))
        ));
        let f32s = Array::zeros(&[2], DType::F32).unwrap();
        quantile(&data(), &q, Some(&[1]), "lower", &opts, Some(&f32s)).unwrap();
        assert_eq!(f32s.to_vec::<f32>(), vec![2.0, 5.0]);
        let c = Array::zeros(&[2], DType::C128).unwrap();
        assert!(matches!(
            quantile(&data(), &q, Some(&[1]), "lower", &opts, Some(&c)),
            Err(Error::Type(_))
        ));
    }

    #[test]
    fn median_keepdims_writes_the_view_and_0d_results_stay_arrays() {
        let out = Array::zeros(&[2, 1], DType::F64).unwrap();
        let d = median(&data(), Some(&[1]), true, false, Some(&out)).unwrap();
        assert_eq!(d.array.shape(), &[2, 1]);
        assert_eq!(out.to_vec::<f64>(), vec![2.0, 5.0]);
        let zero_d = Array::scalar(2.0f64);
        let kept = median(&zero_d, None, true, false, None).unwrap();
        assert!(kept.as_array && kept.array.ndim() == 0);
        let scalar = median(&data(), None, false, false, None).unwrap();
        assert!(!scalar.as_array);
        assert_eq!(scalar.array.to_vec::<f64>(), vec![3.5]);
    }
}
