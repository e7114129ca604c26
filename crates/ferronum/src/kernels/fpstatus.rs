//! The floating-point status flags (divide by zero, overflow, underflow, invalid) that NumPy
//! turns into `RuntimeWarning`s or `FloatingPointError`s under `errstate`. Like NumPy we let the
//! hardware record them while a loop runs and read them afterwards: the loops stay plain
//! arithmetic, and only a finished call pays for one read.
//!
//! The flags are per thread; `iter::Plan::run_parallel` carries the flags its tasks raised
//! back to the calling thread, so a caller sees one set whatever the thread count.

/// NumPy's flag bits (`NPY_FPE_*`).
pub const DIVIDE: u8 = 1;
pub const OVERFLOW: u8 = 2;
pub const UNDERFLOW: u8 = 4;
pub const INVALID: u8 = 8;

#[cfg(target_arch = "x86_64")]
mod imp {
    use std::arch::asm;

    #[inline(always)]
    fn get() -> u32 {
        let mut v: u32 = 0;
        // SAFETY: `stmxcsr` (SSE, part of x86-64's baseline) stores the 4-byte MXCSR to the
        // address of `v`, a live, aligned local `u32`, and touches nothing else; it changes
        // neither the stack nor RFLAGS, as the options declare.
        unsafe { asm!("stmxcsr [{}]", in(reg) &mut v, options(nostack, preserves_flags)) };
        v
    }

    #[inline(always)]
    fn set(v: u32) {
        // SAFETY: `ldmxcsr` reads 4 bytes from the address of `v`, a live local. Every caller
        // passes a value `get` just read with only the sticky status bits (0x3f) changed, so
        // no reserved bit is set (which would fault) and the control bits (rounding mode,
        // exception masks, FTZ/DAZ) that Rust code assumes stay as they were; setting a status
        // bit while its exception is masked raises nothing.
        unsafe { asm!("ldmxcsr [{}]", in(reg) &v, options(nostack, preserves_flags)) };
    }

    /// MXCSR status bits: IE=0x1, DE=0x2, ZE=0x4, OE=0x8, UE=0x10, PE=0x20.
    const STATUS: u32 = 0x3f;
    /// The ones NumPy reports (IE, ZE, OE, UE). Nearly every float operation sets PE, so
    /// clearing only for these keeps `clear` from writing the register on every call.
    const REPORTED: u32 = 0x1d;

    #[inline(always)]
    pub fn read() -> u8 {
        let v = get();
        ((v & 0x4 != 0) as u8 * super::DIVIDE)
            | ((v & 0x8 != 0) as u8 * super::OVERFLOW)
            | ((v & 0x10 != 0) as u8 * super::UNDERFLOW)
            | ((v & 0x1 != 0) as u8 * super::INVALID)
    }

    #[inline(always)]
    pub fn clear() {
        let v = get();
        if v & REPORTED != 0 {
            set(v & !STATUS);
        }
    }

    #[inline(always)]
    pub fn raise(flags: u8) {
        if flags == 0 {
            return;
        }
        let bits = if flags & super::DIVIDE != 0 { 0x4 } else { 0 }
            | if flags & super::OVERFLOW != 0 { 0x8 } else { 0 }
            | if flags & super::UNDERFLOW != 0 {
                0x10
            } else {
                0
            }
            | if flags & super::INVALID != 0 { 0x1 } else { 0 };
        set(get() | bits);
    }
}

#[cfg(not(target_arch = "x86_64"))]
mod imp {
    // Elsewhere the flags are not read (no warnings), which NumPy also allows on platforms
    // without them.
    pub fn read() -> u8 {
        0
    }
    pub fn clear() {}
    pub fn raise(_flags: u8) {}
}

/// Clears this thread's flags.
pub use imp::clear;
/// Sets flags on this thread as if an operation had raised them.
pub use imp::raise;
/// The flags raised on this thread since the last `clear`.
pub use imp::read;

/// Raises "divide by zero" as integer loops do for a zero divisor (integers have no flags).
#[cold]
#[inline(never)]
pub fn raise_divide() {
    raise(DIVIDE);
}

/// Raises "overflow", as integer loops do where NumPy reports one.
#[cold]
#[inline(never)]
pub fn raise_overflow() {
    raise(OVERFLOW);
}

/// Raises "invalid value".
#[cold]
#[inline(never)]
pub fn raise_invalid() {
    raise(INVALID);
}

/// Runs `f` with this thread's flags cleared, and returns the flags it raised; the flags that
/// were set before stay set.
#[inline]
pub fn collect<R>(f: impl FnOnce() -> R) -> (R, u8) {
    // Writing the status register (`ldmxcsr`) stalls the pipeline; it is only needed when an
    // earlier operation left one of NumPy's flags set, which is rare.
    let before = read();
    if before != 0 {
        clear();
    }
    // LLVM assumes the default floating-point environment, so it may move arithmetic across
    // the status register accesses: a lone `a + b` was computed before `clear` and its
    // "invalid" dropped. Passing the closure and its result through `black_box` pins the
    // work between the two reads.
    let r = std::hint::black_box(std::hint::black_box(f)());
    let raised = read();
    raise(before);
    (r, raised)
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;
    use std::hint::black_box;

    #[test]
    fn reads_what_arithmetic_raises() {
        let (_, f) = collect(|| black_box(1.0f64) / black_box(0.0));
        assert_eq!(f & DIVIDE, DIVIDE);
        let (_, f) = collect(|| black_box(0.0f64) / black_box(0.0));
        assert_eq!(f & INVALID, INVALID);
        let (_, f) = collect(|| black_box(1e300f64) * black_box(1e300));
        assert_eq!(f & OVERFLOW, OVERFLOW);
        let (_, f) = collect(|| black_box(1.0f64) + black_box(2.0));
        assert_eq!(f & (DIVIDE | INVALID | OVERFLOW), 0);
        let (_, f) = collect(raise_divide);
        assert_eq!(f, DIVIDE);
    }
}
