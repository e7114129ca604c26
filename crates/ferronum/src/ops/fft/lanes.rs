//! The batch driver: one transform along one axis of every lane (every 1-d run along that
//! axis) of an array, lanes split across the threads.
//!
//! Each lane is read (zero-padded or cropped to the transform's length) into a contiguous
//! staging block, transformed there, and written out scaled by the norm's factor. Lanes of an
//! axis that is not the last are gathered `BLOCK` at a time, so that the reads walk memory
//! row by row instead of touching one cache line per element. When the output lane is
//! contiguous the input is read straight into it and a complex transform runs in place there,
//! which saves a pass over memory for long transforms.
//!
//! Generic over the precision only (f32, f64): other input dtypes are converted before, and
//! the three kinds share one gather and one scatter per element type.

use super::plan::{self, Float};
use crate::array::Array;
use crate::iter::{Plan, SendPtr};
use num_complex::Complex;
use realfft::{ComplexToReal, RealToComplex};
use rustfft::Fft;
use std::sync::Arc;

/// The transform run on each lane.
pub enum Op<T: Float> {
    /// Complex to complex, `n` points in and out.
    C2C(Arc<dyn Fft<T>>),
    /// `n` real points to `n / 2 + 1` complex ones.
    R2C(Arc<dyn RealToComplex<T>>),
    /// `n / 2 + 1` complex points to `n` real ones.
    C2R(Arc<dyn ComplexToReal<T>>),
    /// The complex transform of real input (`fft` of a real array): the real transform's half
    /// spectrum, the other half by conjugate symmetry, all conjugated for the inverse
    /// direction (`true`). Half the work of the complex transform.
    R2CFull(Arc<dyn RealToComplex<T>>, bool),
}

/// One batched transform: what each lane reads, computes and writes.
pub struct Job<T: Float> {
    pub op: Op<T>,
    /// The transform's length (the real length for R2C and C2R).
    pub n: usize,
    /// Input elements read per lane (`min(input length, elements the transform takes)`);
    /// the rest of the transform's input is zero.
    pub take: usize,
    /// The factor every output element is multiplied by (the norm), 1 for none.
    pub fct: T,
    /// Conjugate the complex side: the input of C2R (`hfft`), the output of R2C (`ihfft`).
    pub conj: bool,
}

impl<T: Float> Job<T> {
    /// Complex elements the transform reads (C2C, C2R) per lane.
    fn in_len(&self) -> usize {
        match self.op {
            Op::C2C(_) | Op::R2C(_) | Op::R2CFull(..) => self.n,
            Op::C2R(_) => self.n / 2 + 1,
        }
    }
    fn out_len(&self) -> usize {
        match self.op {
            Op::C2C(_) | Op::C2R(_) | Op::R2CFull(..) => self.n,
            Op::R2C(_) => self.n / 2 + 1,
        }
    }
    /// Rough cost of one lane in element operations, for the decision to split.
    fn lane_weight(&self) -> usize {
        let n = self.n.max(2);
        n * (usize::BITS - n.leading_zeros()) as usize / 2
    }
}

/// Lanes gathered together when the output lanes are not contiguous: enough to read whole
/// cache lines of a transposed axis, few enough that the block stays in cache.
fn block_lanes(n: usize, elem_bytes: usize) -> usize {
    (256 * 1024 / (n * elem_bytes).max(1)).clamp(1, 16)
}

/// Runs `job` on every lane along `axis`: `src` (real `T` or `Complex<T>` elements, as
/// `src_complex` says) already broadcast to `dst`'s shape except along `axis`; `dst` holds
/// `Complex<T>` (C2C, R2C) or `T` (C2R) elements and `job.out_len()` positions along `axis`.
/// `src` and `dst` either do not overlap or are the same array (C2C, `n` equal to the
/// length): each lane is read whole before it is written.
pub fn run<T: Float>(job: &Job<T>, src: &Array, src_complex: bool, dst: &Array, axis: usize) {
    let nd = dst.ndim();
    let outer: Vec<usize> = (0..nd)
        .filter(|&k| k != axis)
        .map(|k| dst.shape()[k])
        .collect();
    let dst_st: Vec<isize> = (0..nd)
        .filter(|&k| k != axis)
        .map(|k| dst.strides()[k])
        .collect();
    let src_st: Vec<isize> = (0..nd)
        .filter(|&k| k != axis)
        .map(|k| src.strides()[k])
        .collect();
    let plan = Plan::new(
        &outer,
        [&dst_st, &src_st],
        [dst.layout().offset as isize, src.layout().offset as isize],
    );
    let ctx = Ctx {
        src: SendPtr(src.buffer().as_ptr()),
        dst: SendPtr(dst.buffer().as_ptr()),
        src_complex,
        src_axis_stride: src.strides()[axis],
        dst_axis_stride: dst.strides()[axis],
        dst_aligned: (dst.buffer().as_ptr() as usize) % std::mem::align_of::<Complex<T>>() == 0,
    };
    let f = |offs: [isize; 2], count: usize, strides: [isize; 2]| {
        // SAFETY: the plan walks positions of `dst` and (broadcast) `src` only; each call gets
        // lanes no other call writes (see `run_lanes`).
        unsafe { run_lanes(job, &ctx, offs, count, strides) }
    };
    plan.run_parallel_weighted(job.lane_weight(), &f);
}

struct Ctx {
    src: SendPtr<u8>,
    dst: SendPtr<u8>,
    src_complex: bool,
    src_axis_stride: isize,
    dst_axis_stride: isize,
    dst_aligned: bool,
}

/// Transforms `count` lanes: lane `l` starts at element `offs[1] + l * strides[1]` of the
/// source and `offs[0] + l * strides[0]` of the destination.
///
/// # Safety
/// The offsets are those of the plan built in `run`, so every element read or written lies
/// inside the arrays' buffers, and these lanes of `dst` are written by this call only.
unsafe fn run_lanes<T: Float>(
    job: &Job<T>,
    ctx: &Ctx,
    offs: [isize; 2],
    count: usize,
    strides: [isize; 2],
) {
    let (n, take) = (job.n, job.take);
    let (in_len, out_len) = (job.in_len(), job.out_len());
    let src_c = ctx.src.0 as *const Complex<T>;
    let src_r = ctx.src.0 as *const T;
    let (sa, da) = (ctx.src_axis_stride, ctx.dst_axis_stride);
    let direct = da == 1 && ctx.dst_aligned;
    let unit = if matches!(job.op, Op::C2R(_)) {
        std::mem::size_of::<T>()
    } else {
        std::mem::size_of::<Complex<T>>()
    };
    let block = if direct { 1 } else { block_lanes(n, unit) };

    let mut scratch = plan::zeroed_c::<T>(match &job.op {
        Op::C2C(f) => f.get_inplace_scratch_len(),
        Op::R2C(f) | Op::R2CFull(f, _) => f.get_scratch_len(),
        Op::C2R(f) => f.get_scratch_len(),
    });
    // Staging: complex input rows (C2C, C2R), real input rows (R2C), output rows.
    let mut cin: Vec<Complex<T>> = Vec::new();
    let mut rin: Vec<T> = Vec::new();
    let mut cout: Vec<Complex<T>> = Vec::new();
    let mut rout: Vec<T> = Vec::new();

    let mut l0 = 0;
    while l0 < count {
        let b = block.min(count - l0);
        let s_off = offs[1] + l0 as isize * strides[1];
        let d_off = offs[0] + l0 as isize * strides[0];
        match &job.op {
            Op::C2C(fft) => {
                if direct {
                    // Read the lane into its place in `dst` and transform it there.
                    // SAFETY: `dst`'s lane is `n` contiguous aligned complex elements.
                    let lane = unsafe {
                        std::slice::from_raw_parts_mut(
                            (ctx.dst.0 as *mut Complex<T>).offset(d_off),
                            n,
                        )
                    };
                    let same = ctx.src_complex
                        && sa == 1
                        && take == n
                        && std::ptr::eq(src_c.wrapping_offset(s_off), lane.as_ptr());
                    if !same {
                        // SAFETY: as the function's contract.
                        unsafe {
                            gather_c(
                                src_c,
                                src_r,
                                ctx.src_complex,
                                s_off,
                                0,
                                sa,
                                1,
                                take,
                                lane,
                                n,
                                false,
                            )
                        };
                    }
                    let constant = exact_c(lane);
                    fft.process_with_scratch(lane, &mut scratch);
                    if let Some(c) = constant {
                        exact_spectrum(lane, c, n);
                    }
                    scale_c(lane, job.fct, false);
                } else {
                    cin.resize(b * n, Complex::new(T::zero(), T::zero()));
                    // SAFETY: as the function's contract.
                    unsafe {
                        gather_c(
                            src_c,
                            src_r,
                            ctx.src_complex,
                            s_off,
                            strides[1],
                            sa,
                            b,
                            take,
                            &mut cin,
                            n,
                            false,
                        );
                    }
                    let constants: Vec<(usize, Exact<T>)> = (0..b)
                        .filter_map(|l| exact_c(&cin[l * n..(l + 1) * n]).map(|c| (l, c)))
                        .collect();
                    fft.process_with_scratch(&mut cin[..b * n], &mut scratch);
                    for &(l, c) in &constants {
                        exact_spectrum(&mut cin[l * n..(l + 1) * n], c, n);
                    }
                    // SAFETY: as the function's contract.
                    unsafe {
                        scatter_c(
                            &cin,
                            n,
                            ctx.dst.0 as *mut Complex<T>,
                            d_off,
                            strides[0],
                            da,
                            b,
                            out_len,
                            job.fct,
                            false,
                        )
                    };
                }
            }
            Op::R2CFull(fft, inverse) => {
                rin.resize(b * n, T::zero());
                // SAFETY: as the function's contract.
                unsafe { gather_r(src_r, s_off, strides[1], sa, b, take, &mut rin, n) };
                if direct {
                    // SAFETY: `dst`'s lane is `n` contiguous aligned complex elements.
                    let lane = unsafe {
                        std::slice::from_raw_parts_mut(
                            (ctx.dst.0 as *mut Complex<T>).offset(d_off),
                            n,
                        )
                    };
                    full_spectrum(fft.as_ref(), &mut rin[..n], lane, &mut scratch, *inverse);
                    scale_c(lane, job.fct, false);
                } else {
                    cout.resize(b * n, Complex::new(T::zero(), T::zero()));
                    for l in 0..b {
                        let (inp, row) =
                            (&mut rin[l * n..(l + 1) * n], &mut cout[l * n..(l + 1) * n]);
                        full_spectrum(fft.as_ref(), inp, row, &mut scratch, *inverse);
                    }
                    // SAFETY: as the function's contract.
                    unsafe {
                        scatter_c(
                            &cout,
                            n,
                            ctx.dst.0 as *mut Complex<T>,
                            d_off,
                            strides[0],
                            da,
                            b,
                            n,
                            job.fct,
                            false,
                        )
                    };
                }
            }
            Op::R2C(fft) => {
                rin.resize(b * n, T::zero());
                // SAFETY: as the function's contract.
                unsafe { gather_r(src_r, s_off, strides[1], sa, b, take, &mut rin, n) };
                if direct {
                    // SAFETY: `dst`'s lane is `out_len` contiguous aligned complex elements.
                    let lane = unsafe {
                        std::slice::from_raw_parts_mut(
                            (ctx.dst.0 as *mut Complex<T>).offset(d_off),
                            out_len,
                        )
                    };
                    let constant = exact_r(&rin[..n]);
                    // Lengths match the plan, so this cannot fail.
                    let _ = fft.process_with_scratch(&mut rin[..n], lane, &mut scratch);
                    if let Some(c) = constant {
                        exact_spectrum(lane, c, n);
                    }
                    scale_c(lane, job.fct, job.conj);
                } else {
                    cout.resize(b * out_len, Complex::new(T::zero(), T::zero()));
                    for l in 0..b {
                        let constant = exact_r(&rin[l * n..(l + 1) * n]);
                        let row = &mut cout[l * out_len..(l + 1) * out_len];
                        let _ = fft.process_with_scratch(
                            &mut rin[l * n..(l + 1) * n],
                            row,
                            &mut scratch,
                        );
                        if let Some(c) = constant {
                            exact_spectrum(row, c, n);
                        }
                    }
                    // SAFETY: as the function's contract.
                    unsafe {
                        scatter_c(
                            &cout,
                            out_len,
                            ctx.dst.0 as *mut Complex<T>,
                            d_off,
                            strides[0],
                            da,
                            b,
                            out_len,
                            job.fct,
                            job.conj,
                        )
                    };
                }
            }
            Op::C2R(fft) => {
                cin.resize(b * in_len, Complex::new(T::zero(), T::zero()));
                // SAFETY: as the function's contract.
                unsafe {
                    gather_c(
                        src_c,
                        src_r,
                        ctx.src_complex,
                        s_off,
                        strides[1],
                        sa,
                        b,
                        take,
                        &mut cin,
                        in_len,
                        job.conj,
                    );
                }
                // The imaginary parts of the zero and (even lengths) Nyquist terms do not
                // exist in a real signal's spectrum: pocketfft ignores them, as here.
                for l in 0..b {
                    cin[l * in_len].im = T::zero();
                    if n % 2 == 0 {
                        cin[l * in_len + in_len - 1].im = T::zero();
                    }
                }
                if direct {
                    // SAFETY: `dst`'s lane is `n` contiguous aligned real elements.
                    let lane = unsafe {
                        std::slice::from_raw_parts_mut((ctx.dst.0 as *mut T).offset(d_off), n)
                    };
                    let dc_only = dc_only(&cin[..in_len]);
                    let _ = fft.process_with_scratch(&mut cin[..in_len], lane, &mut scratch);
                    if let Some(c) = dc_only {
                        lane.fill(c);
                    }
                    if job.fct != T::one() {
                        lane.iter_mut().for_each(|x| *x = *x * job.fct);
                    }
                } else {
                    rout.resize(b * n, T::zero());
                    for l in 0..b {
                        let dc_only = dc_only(&cin[l * in_len..(l + 1) * in_len]);
                        let row = &mut rout[l * n..(l + 1) * n];
                        let _ = fft.process_with_scratch(
                            &mut cin[l * in_len..(l + 1) * in_len],
                            row,
                            &mut scratch,
                        );
                        if let Some(c) = dc_only {
                            row.fill(c);
                        }
                    }
                    // SAFETY: as the function's contract.
                    unsafe {
                        scatter_r(
                            &rout,
                            n,
                            ctx.dst.0 as *mut T,
                            d_off,
                            strides[0],
                            da,
                            b,
                            job.fct,
                        )
                    };
                }
            }
        }
        l0 += b;
    }
}

/// A lane whose transform is known exactly: all elements the same finite number (its
/// spectrum is `n * c` at frequency zero, zero elsewhere), or zero but the first (its
/// spectrum is `c` everywhere). Twiddle factors such as `cos(2 pi / 3)` are rounded, so a
/// transform leaves `1e-16` where these are exactly zero or equal; such lanes are written
/// directly. The scans stop at the first element that differs (the second, for most data).
#[derive(Clone, Copy)]
enum Exact<T> {
    Constant(Complex<T>),
    Impulse(Complex<T>),
}

fn exact_c<T: Float>(row: &[Complex<T>]) -> Option<Exact<T>> {
    let c = *row.first()?;
    if !(c.re.is_finite() && c.im.is_finite()) {
        return None;
    }
    let zero = Complex::new(T::zero(), T::zero());
    if row[1..].iter().all(|&x| x == zero) {
        Some(Exact::Impulse(c))
    } else if row.iter().all(|&x| x == c) {
        Some(Exact::Constant(c))
    } else {
        None
    }
}

fn exact_r<T: Float>(row: &[T]) -> Option<Exact<T>> {
    let c = *row.first()?;
    if !c.is_finite() {
        return None;
    }
    let cc = Complex::new(c, T::zero());
    if row[1..].iter().all(|&x| x == T::zero()) {
        Some(Exact::Impulse(cc))
    } else if row.iter().all(|&x| x == c) {
        Some(Exact::Constant(cc))
    } else {
        None
    }
}

/// The value of the zero-frequency term of a half spectrum that has no other (its signal is
/// that constant), as `exact_c` for the inverse real transform.
fn dc_only<T: Float>(row: &[Complex<T>]) -> Option<T> {
    match exact_c(row)? {
        Exact::Impulse(c) => Some(c.re),
        Exact::Constant(_) => None,
    }
}

/// Writes the exact spectrum of `e` (a lane of `n` points) over the computed one.
fn exact_spectrum<T: Float>(out: &mut [Complex<T>], e: Exact<T>, n: usize) {
    match e {
        Exact::Impulse(c) => out.fill(c),
        Exact::Constant(c) => {
            out.fill(Complex::new(T::zero(), T::zero()));
            let nf = T::of(n as f64);
            out[0] = Complex::new(c.re * nf, c.im * nf);
        }
    }
}

/// The whole spectrum of the real lane `input` (clobbered) into `out` (`n` points): the real
/// transform's half, mirrored; conjugated for the inverse direction.
fn full_spectrum<T: Float>(
    fft: &dyn RealToComplex<T>,
    input: &mut [T],
    out: &mut [Complex<T>],
    scratch: &mut [Complex<T>],
    inverse: bool,
) {
    let n = input.len();
    let h = n / 2 + 1;
    let exact = exact_r(input);
    // Lengths match the plan, so this cannot fail.
    let _ = fft.process_with_scratch(input, &mut out[..h], scratch);
    if let Some(e) = exact {
        exact_spectrum(&mut out[..h], e, n);
    }
    for k in h..n {
        out[k] = out[n - k].conj();
    }
    if inverse {
        out.iter_mut().for_each(|x| x.im = -x.im);
    }
}

/// Multiplies by `fct` (skipped for 1) and conjugates, in place.
fn scale_c<T: Float>(v: &mut [Complex<T>], fct: T, conj: bool) {
    match (fct != T::one(), conj) {
        (false, false) => {}
        (true, false) => v
            .iter_mut()
            .for_each(|x| *x = Complex::new(x.re * fct, x.im * fct)),
        (false, true) => v.iter_mut().for_each(|x| x.im = -x.im),
        (true, true) => v
            .iter_mut()
            .for_each(|x| *x = Complex::new(x.re * fct, -(x.im * fct))),
    }
}

/// Reads `take` elements of `b` lanes into rows of `row` complex elements of `buf`, zeroing
/// the rest of each row; lane `l` starts at `off + l * ls`, its elements `es` apart. The
/// source is complex (`src_c`) or real (`src_r`, imaginary parts zero).
///
/// # Safety
/// Every element read is inside the source's buffer.
#[allow(clippy::too_many_arguments)]
unsafe fn gather_c<T: Float>(
    src_c: *const Complex<T>,
    src_r: *const T,
    complex: bool,
    off: isize,
    ls: isize,
    es: isize,
    b: usize,
    take: usize,
    buf: &mut [Complex<T>],
    row: usize,
    conj: bool,
) {
    let zero = Complex::new(T::zero(), T::zero());
    let read = |p: isize| -> Complex<T> {
        // SAFETY: the caller's contract.
        let v = unsafe {
            if complex {
                src_c.offset(p).read_unaligned()
            } else {
                Complex::new(src_r.offset(p).read_unaligned(), T::zero())
            }
        };
        if conj {
            v.conj()
        } else {
            v
        }
    };
    if es.unsigned_abs() <= ls.unsigned_abs() || b == 1 {
        for l in 0..b {
            let base = off + l as isize * ls;
            let r = &mut buf[l * row..(l + 1) * row];
            for (j, x) in r[..take].iter_mut().enumerate() {
                *x = read(base + j as isize * es);
            }
            r[take..].fill(zero);
        }
    } else {
        // A transposed axis: walk the source row by row.
        for j in 0..take {
            let base = off + j as isize * es;
            for l in 0..b {
                buf[l * row + j] = read(base + l as isize * ls);
            }
        }
        for l in 0..b {
            buf[l * row + take..(l + 1) * row].fill(zero);
        }
    }
}

/// `gather_c` for a real source into real rows.
///
/// # Safety
/// Every element read is inside the source's buffer.
#[allow(clippy::too_many_arguments)]
unsafe fn gather_r<T: Float>(
    src: *const T,
    off: isize,
    ls: isize,
    es: isize,
    b: usize,
    take: usize,
    buf: &mut [T],
    row: usize,
) {
    // SAFETY: the caller's contract.
    let read = |p: isize| unsafe { src.offset(p).read_unaligned() };
    if es.unsigned_abs() <= ls.unsigned_abs() || b == 1 {
        for l in 0..b {
            let base = off + l as isize * ls;
            let r = &mut buf[l * row..(l + 1) * row];
            if es == 1 {
                // SAFETY: the caller's contract; `take` contiguous elements.
                let s = unsafe { std::slice::from_raw_parts(src.offset(base), take) };
                r[..take].copy_from_slice(s);
            } else {
                for (j, x) in r[..take].iter_mut().enumerate() {
                    *x = read(base + j as isize * es);
                }
            }
            r[take..].fill(T::zero());
        }
    } else {
        for j in 0..take {
            let base = off + j as isize * es;
            for l in 0..b {
                buf[l * row + j] = read(base + l as isize * ls);
            }
        }
        for l in 0..b {
            buf[l * row + take..(l + 1) * row].fill(T::zero());
        }
    }
}

/// Writes the first `len` elements of `b` rows of `buf` (row length `row`) times `fct`
/// (conjugated if asked) to the lanes at `off + l * ls`, elements `es` apart.
///
/// # Safety
/// Every element written is inside the destination's buffer and belongs to these lanes.
#[allow(clippy::too_many_arguments)]
unsafe fn scatter_c<T: Float>(
    buf: &[Complex<T>],
    row: usize,
    dst: *mut Complex<T>,
    off: isize,
    ls: isize,
    es: isize,
    b: usize,
    len: usize,
    fct: T,
    conj: bool,
) {
    let one = fct == T::one();
    let val = |x: Complex<T>| {
        let x = if one {
            x
        } else {
            Complex::new(x.re * fct, x.im * fct)
        };
        if conj {
            x.conj()
        } else {
            x
        }
    };
    // SAFETY: the caller's contract.
    let write = |p: isize, v: Complex<T>| unsafe { dst.offset(p).write_unaligned(v) };
    if es.unsigned_abs() <= ls.unsigned_abs() || b == 1 {
        for l in 0..b {
            let base = off + l as isize * ls;
            for (j, &x) in buf[l * row..l * row + len].iter().enumerate() {
                write(base + j as isize * es, val(x));
            }
        }
    } else {
        for j in 0..len {
            let base = off + j as isize * es;
            for l in 0..b {
                write(base + l as isize * ls, val(buf[l * row + j]));
            }
        }
    }
}

/// `scatter_c` for real rows (all `row` elements of each).
///
/// # Safety
/// Every element written is inside the destination's buffer and belongs to these lanes.
#[allow(clippy::too_many_arguments)]
unsafe fn scatter_r<T: Float>(
    buf: &[T],
    row: usize,
    dst: *mut T,
    off: isize,
    ls: isize,
    es: isize,
    b: usize,
    fct: T,
) {
    // SAFETY: the caller's contract.
    let write = |p: isize, v: T| unsafe { dst.offset(p).write_unaligned(v * fct) };
    if es.unsigned_abs() <= ls.unsigned_abs() || b == 1 {
        for l in 0..b {
            let base = off + l as isize * ls;
            for (j, &x) in buf[l * row..(l + 1) * row].iter().enumerate() {
                write(base + j as isize * es, x);
            }
        }
    } else {
        for j in 0..row {
            let base = off + j as isize * es;
            for l in 0..b {
                write(base + l as isize * ls, buf[l * row + j]);
            }
        }
    }
}
