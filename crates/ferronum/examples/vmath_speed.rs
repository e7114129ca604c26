//! Time the `kernels::vmath` element functions against std over 4M elements, in the loop
//! shape of `kernels::simd` compiled three ways: baseline, AVX2+FMA and AVX-512.
//!
//! `cargo run --release -p ferronum --example vmath_speed [name ...]`
//!
//! A vectorised function runs several times faster than std in the AVX2 and AVX-512 columns.
//! The baseline column is the portable copy: without the `fma` target feature each `mul_add`
//! is a libm call, so there the functions are slower than std. (std's asinh, acosh and atanh
//! are Rust's own formulas, not libm's; the others call libm.)

#[cfg(target_arch = "x86_64")]
mod bench {
    use ferronum::kernels::vmath::VMath;
    use std::hint::black_box;
    use std::time::Instant;

    /// An element function as a type with an `#[inline(always)]` method. Passing closures or
    /// method items as `F: Fn` goes through a call shim that LLVM inlines by its usual cost
    /// rules, and for the largest functions (arcsinh, arccosh) it does not: the loop then
    /// calls the out-of-line, FMA-less copy element by element.
    trait Op<T> {
        fn apply(x: T) -> T;
    }

    macro_rules! ops {
        ($($op:ident: $f:ident),* $(,)?) => {$(
            struct $op;
            impl Op<f64> for $op {
                #[inline(always)]
                fn apply(x: f64) -> f64 {
                    x.$f()
                }
            }
            impl Op<f32> for $op {
                #[inline(always)]
                fn apply(x: f32) -> f32 {
                    x.$f()
                }
            }
        )*};
    }

    /// `o[i] = O::apply(x[i])` for `i < n`.
    ///
    /// # Safety
    /// `x` must be valid for reads and `o` for writes of `n` aligned elements, not
    /// overlapping.
    #[inline(always)]
    unsafe fn run<T: Copy, O: Op<T>>(o: *mut T, x: *const T, n: usize) {
        for i in 0..n {
            // SAFETY: `i < n`, an element of both buffers, which the caller makes valid.
            unsafe { *o.add(i) = O::apply(*x.add(i)) };
        }
    }

    /// `run` compiled with AVX2 and FMA.
    ///
    /// # Safety
    /// As `run`, and the CPU must support AVX2 and FMA.
    #[target_feature(enable = "avx2,fma")]
    unsafe fn run_avx2<T: Copy, O: Op<T>>(o: *mut T, x: *const T, n: usize) {
        // SAFETY: this function's contract, passed on.
        unsafe { run::<T, O>(o, x, n) }
    }

    /// `run` compiled with AVX-512.
    ///
    /// # Safety
    /// As `run`, and the CPU must support AVX-512 F/VL/DQ/BW, AVX2 and FMA.
    #[target_feature(enable = "avx512f,avx512vl,avx512dq,avx512bw,avx2,fma")]
    unsafe fn run_avx512<T: Copy, O: Op<T>>(o: *mut T, x: *const T, n: usize) {
        // SAFETY: this function's contract, passed on.
        unsafe { run::<T, O>(o, x, n) }
    }

    #[derive(Clone, Copy, PartialEq)]
    enum Level {
        Base,
        Avx2,
        Avx512,
    }

    /// Best of five, in ns per element.
    fn time<T: Copy, O: Op<T>>(xs: &[T], o: &mut [T], level: Level) -> f64 {
        let mut best = f64::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            // SAFETY: `row`, the only caller, passes an `o` of `xs.len()` elements, a separate
            // `Vec`; `main` returns early without AVX2 and FMA, and asks for AVX-512 only
            // where it detected it.
            unsafe {
                let (o, x, n) = (o.as_mut_ptr(), xs.as_ptr(), xs.len());
                match level {
                    Level::Base => run::<T, O>(o, x, n),
                    Level::Avx2 => run_avx2::<T, O>(o, x, n),
                    Level::Avx512 => run_avx512::<T, O>(o, x, n),
                }
            }
            black_box(&mut *o);
            best = best.min(t.elapsed().as_secs_f64());
        }
        best * 1e9 / xs.len() as f64
    }

    fn row<T: Copy + Default, V: Op<T>, S: Op<T>>(name: &str, ty: &str, xs: &[T], avx512: bool) {
        let mut o = vec![T::default(); xs.len()];
        let std_t = time::<T, S>(xs, &mut o, Level::Avx2);
        let base = time::<T, V>(xs, &mut o, Level::Base);
        let a2 = time::<T, V>(xs, &mut o, Level::Avx2);
        print!(
            "{name:8} {ty}  std {std_t:6.2}  baseline {base:6.2}  avx2 {a2:5.2} ({:4.1}x)",
            std_t / a2
        );
        if avx512 {
            let a5 = time::<T, V>(xs, &mut o, Level::Avx512);
            print!("  avx512 {a5:5.2} ({:4.1}x)", std_t / a5);
        }
        println!();
    }

    ops!(
        VExp: v_exp, SExp: exp, VExp2: v_exp2, SExp2: exp2, VExpm1: v_expm1, SExpm1: exp_m1,
        VLog: v_log, SLog: ln, VLog2: v_log2, SLog2: log2, VLog10: v_log10, SLog10: log10,
        VLog1p: v_log1p, SLog1p: ln_1p, VSin: v_sin, SSin: sin, VCos: v_cos, SCos: cos,
        VTan: v_tan, STan: tan, VSinh: v_sinh, SSinh: sinh, VCosh: v_cosh, SCosh: cosh,
        VTanh: v_tanh, STanh: tanh, VAsin: v_arcsin, SAsin: asin, VAcos: v_arccos, SAcos: acos,
        VAtan: v_arctan, SAtan: atan, VAsinh: v_arcsinh, SAsinh: asinh, VAcosh: v_arccosh,
        SAcosh: acosh, VAtanh: v_arctanh, SAtanh: atanh, VCbrt: v_cbrt, SCbrt: cbrt,
    );

    pub fn main() {
        if !(is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma")) {
            println!("this CPU has no AVX2+FMA");
            return;
        }
        let avx512 = is_x86_feature_detected!("avx512f")
            && is_x86_feature_detected!("avx512vl")
            && is_x86_feature_detected!("avx512dq")
            && is_x86_feature_detected!("avx512bw");
        let only: Vec<String> = std::env::args().skip(1).collect();
        let n = 1 << 22;
        let mut s = 0x9e37_79b9_7f4a_7c15u64;
        let mut uniform = |lo: f64, hi: f64| -> Vec<f64> {
            (0..n)
                .map(|_| {
                    s ^= s >> 12;
                    s ^= s << 25;
                    s ^= s >> 27;
                    let u = (s.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64;
                    lo + (hi - lo) * u / 9007199254740992.0
                })
                .collect()
        };
        let wide = uniform(-700.0, 700.0);
        let pos = uniform(1e-3, 1e6);
        let trig = uniform(-100.0, 100.0);
        let mid = uniform(-5.0, 5.0);
        let unit = uniform(-1.0, 1.0);
        let big = uniform(1.0, 1000.0);
        println!("ns per element over {n} elements (std is compiled with AVX2 too)");
        macro_rules! case {
            ($name:literal, $xs:expr, $f32_scale:expr, $v:ident, $s:ident) => {
                if only.is_empty() || only.iter().any(|o| o == $name) {
                    let xs: &Vec<f64> = $xs;
                    row::<f64, $v, $s>($name, "f64", xs, avx512);
                    let xs32: Vec<f32> = xs.iter().map(|&x| (x * $f32_scale) as f32).collect();
                    row::<f32, $v, $s>($name, "f32", &xs32, avx512);
                }
            };
        }
        case!("exp", &wide, 0.12, VExp, SExp);
        case!("exp2", &wide, 0.17, VExp2, SExp2);
        case!("expm1", &mid, 1.0, VExpm1, SExpm1);
        case!("log", &pos, 1.0, VLog, SLog);
        case!("log2", &pos, 1.0, VLog2, SLog2);
        case!("log10", &pos, 1.0, VLog10, SLog10);
        case!("log1p", &pos, 1.0, VLog1p, SLog1p);
        case!("sin", &trig, 1.0, VSin, SSin);
        case!("cos", &trig, 1.0, VCos, SCos);
        case!("tan", &trig, 1.0, VTan, STan);
        case!("sinh", &mid, 1.0, VSinh, SSinh);
        case!("cosh", &mid, 1.0, VCosh, SCosh);
        case!("tanh", &mid, 1.0, VTanh, STanh);
        case!("arcsin", &unit, 1.0, VAsin, SAsin);
        case!("arccos", &unit, 1.0, VAcos, SAcos);
        case!("arctan", &mid, 1.0, VAtan, SAtan);
        case!("arcsinh", &mid, 1.0, VAsinh, SAsinh);
        case!("arccosh", &big, 1.0, VAcosh, SAcosh);
        case!("arctanh", &unit, 1.0, VAtanh, SAtanh);
        case!("cbrt", &trig, 1.0, VCbrt, SCbrt);
    }
}

fn main() {
    #[cfg(target_arch = "x86_64")]
    bench::main();
}
