//! Plans for the transforms, cached per length and per thread.
//!
//! rustfft's and realfft's planners keep every plan they have made (twiddle tables, the chosen
//! algorithm, AVX or not), so asking again for a length costs one hash lookup. A planner is not
//! `Sync`, so each thread keeps its own; plans are `Arc<dyn ...>` and `Sync`, so the calling
//! thread plans once and the worker threads share the plan.

use num_complex::Complex;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};
use rustfft::{Fft, FftDirection, FftNum, FftPlanner};
use std::cell::RefCell;
use std::sync::Arc;

/// The two precisions the transforms run in (NumPy's pocketfft loops are single and double
/// too: float16 goes through single).
pub trait Float: FftNum + num_traits::Float {
    fn with_planners<R>(f: impl FnOnce(&mut Planners<Self>) -> R) -> R;
    fn of(x: f64) -> Self;
}

pub struct Planners<T: FftNum> {
    complex: FftPlanner<T>,
    real: RealFftPlanner<T>,
}

impl<T: FftNum> Planners<T> {
    fn new() -> Planners<T> {
        Planners {
            complex: FftPlanner::new(),
            real: RealFftPlanner::new(),
        }
    }
}

thread_local! {
    static PLANNERS_F32: RefCell<Option<Planners<f32>>> = const { RefCell::new(None) };
    static PLANNERS_F64: RefCell<Option<Planners<f64>>> = const { RefCell::new(None) };
}

macro_rules! impl_float {
    ($t:ty, $cell:ident) => {
        impl Float for $t {
            fn with_planners<R>(f: impl FnOnce(&mut Planners<$t>) -> R) -> R {
                $cell.with(|c| match c.try_borrow_mut() {
                    Ok(mut slot) => f(slot.get_or_insert_with(Planners::new)),
                    // Only reachable if planning re-entered itself; a fresh planner is correct.
                    Err(_) => f(&mut Planners::new()),
                })
            }
            #[inline(always)]
            fn of(x: f64) -> $t {
                x as $t
            }
        }
    };
}
impl_float!(f32, PLANNERS_F32);
impl_float!(f64, PLANNERS_F64);

/// A complex transform of `len` points (`forward`: exponent sign -1, as NumPy's `fft`).
pub fn complex<T: Float>(len: usize, forward: bool) -> Arc<dyn Fft<T>> {
    let dir = if forward {
        FftDirection::Forward
    } else {
        FftDirection::Inverse
    };
    T::with_planners(|p| p.complex.plan_fft(len, dir))
}

/// The real-to-half-spectrum transform of `len` real points.
pub fn real_forward<T: Float>(len: usize) -> Arc<dyn RealToComplex<T>> {
    T::with_planners(|p| p.real.plan_fft_forward(len))
}

/// The half-spectrum-to-real transform giving `len` real points.
pub fn real_inverse<T: Float>(len: usize) -> Arc<dyn ComplexToReal<T>> {
    T::with_planners(|p| p.real.plan_fft_inverse(len))
}

/// A zeroed buffer (scratch and staging areas).
pub fn zeroed_c<T: Float>(len: usize) -> Vec<Complex<T>> {
    vec![Complex::new(T::zero(), T::zero()); len]
}
