//! Warnings an operation raises next to its result (NumPy's `RuntimeWarning`s such as "Mean of
//! empty slice"). The engine has no Python, so it records them per thread and the bindings turn
//! them into Python warnings once the call returns.
//!
//! Record only from the thread that called the operation (never from inside a parallel
//! closure): rayon workers have their own lists, which nobody reads.

use std::cell::RefCell;

thread_local! {
    static PENDING: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
    static FP: RefCell<Vec<(u8, &'static str)>> = const { RefCell::new(Vec::new()) };
}

/// Records the floating-point flags (`kernels::fpstatus`) an operation named `op` raised; the
/// bindings decide from `errstate` whether each becomes a warning, an error, or nothing.
pub fn fp_error(flags: u8, op: &'static str) {
    if flags != 0 {
        FP.with(|p| p.borrow_mut().push((flags, op)));
    }
}

/// Takes the floating-point errors recorded on this thread since the last call.
pub fn take_fp() -> Vec<(u8, &'static str)> {
    FP.with(|p| {
        let mut p = p.borrow_mut();
        if p.is_empty() {
            Vec::new()
        } else {
            std::mem::take(&mut *p)
        }
    })
}

/// NumPy's `ComplexWarning` (the one warning `emit` records that is no `RuntimeWarning`).
pub const COMPLEX_TO_REAL: &str = "Casting complex values to real discards the imaginary part";

/// Records NumPy's `ComplexWarning` for a cast that drops imaginary parts (complex to a real
/// type other than bool, which tests for nonzero), as a requested cast (`astype`,
/// `array(dtype=)`) or a ufunc's read of a complex `out=` does.
pub fn complex_cast(from: crate::DType, to: crate::DType) {
    if from.is_complex() && !to.is_complex() && to != crate::DType::Bool {
        emit(COMPLEX_TO_REAL);
    }
}

/// Records a `RuntimeWarning` (or the `ComplexWarning` above) with NumPy's message; repeats
/// within one call are kept once.
pub fn emit(message: &'static str) {
    PENDING.with(|p| {
        let mut p = p.borrow_mut();
        if !p.contains(&message) {
            p.push(message);
        }
    });
}

/// Takes the warnings recorded on this thread since the last call.
pub fn take() -> Vec<&'static str> {
    PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn collects_once_and_drains() {
        super::take();
        super::emit("Mean of empty slice");
        super::emit("Mean of empty slice");
        super::emit("All-NaN slice encountered");
        assert_eq!(
            super::take(),
            vec!["Mean of empty slice", "All-NaN slice encountered"]
        );
        assert!(super::take().is_empty());
    }
}
