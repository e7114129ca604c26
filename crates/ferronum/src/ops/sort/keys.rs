//! Sort keys: every dtype's elements mapped to unsigned integers (or, for complex numbers, a
//! small struct) whose integer order is NumPy's sort order. Sorting keys instead of values
//! lets one radix sort and one comparison sort serve all 14 dtypes, and makes NumPy's rules
//! (NaN last, `-0.0 == 0.0`, complex lexicographic with NaN classes) a property of the key.
//!
//! Two keys per element:
//! - `key`, the *canonical* key: equal exactly when NumPy's sort calls the elements equal
//!   (`-0.0` and `0.0` one key, every NaN one key). Stable sorts, argsorts and searches use it,
//!   so ties are the ties NumPy sees.
//! - `vkey`, the *bijective* key of real types: the element's bits in an order-preserving
//!   form that maps back to the element (`from_vkey`). Unstable value sorts sort these and
//!   decode, keeping NaN payloads and zero signs (their order among ties is unspecified, as in
//!   NumPy).

use crate::dtype::Element;
use half::f16;
use num_complex::{Complex32, Complex64};

/// A key radix sort can take apart: `BITS`-bit digits, least significant first.
pub trait RadixKey: Copy + Ord + Send + Sync + Default + 'static {
    const BITS: u32;
    /// Digit width per pass: 8 bits (see `radix`: wider digits scatter to too many places).
    const DIGIT: u32;
    /// The key as a u64 (zero-extended).
    fn wide(self) -> u64;
}

macro_rules! radix_key {
    ($t:ty, $digit:expr) => {
        impl RadixKey for $t {
            const BITS: u32 = <$t>::BITS;
            const DIGIT: u32 = $digit;
            #[inline(always)]
            fn wide(self) -> u64 {
                self as u64
            }
        }
    };
}
radix_key!(u8, 8);
radix_key!(u16, 8);
radix_key!(u32, 8);
radix_key!(u64, 8);

/// The key of a complex number in NumPy's order: finite-or-infinite parts lexicographically
/// (class 0), then real parts with a NaN imaginary part by the real part (1), then NaN real
/// parts by the imaginary part (2), then both NaN (3).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct CKey {
    class: u8,
    a: u64,
    b: u64,
}

/// A key type: radix-sortable integers, or `CKey` (comparison sorts only).
pub trait SortKey: Copy + Ord + Send + Sync + Default + std::fmt::Debug + 'static {
    /// Radix-sorts `keys` (moving `payload` along) and returns true, or returns false for a
    /// key radix sort cannot take.
    fn radix_sort(keys: &mut [Self], payload: Option<&mut [u32]>) -> bool;
    /// The key as an unsigned integer (order kept), for lookup tables; None for `CKey`.
    fn as_u64(self) -> Option<u64>;
}

macro_rules! int_sort_key {
    ($($t:ty),*) => {$(
        impl SortKey for $t {
            fn radix_sort(keys: &mut [$t], payload: Option<&mut [u32]>) -> bool {
                super::radix::sort(keys, payload);
                true
            }
            #[inline(always)]
            fn as_u64(self) -> Option<u64> {
                Some(self as u64)
            }
        }
    )*};
}
int_sort_key!(u8, u16, u32, u64);

impl SortKey for CKey {
    fn radix_sort(_keys: &mut [CKey], _payload: Option<&mut [u32]>) -> bool {
        false
    }
    fn as_u64(self) -> Option<u64> {
        None
    }
}

/// An element type with its keys.
pub trait SortElem: Element {
    type K: SortKey;
    /// Whether `vkey`/`from_vkey` round-trip (real types): value sorts decode keys.
    const BIJECTIVE: bool;
    /// Whether the type has NaNs (and so `is_nan` can be true).
    const HAS_NAN: bool = false;
    fn key(self) -> Self::K;
    fn vkey(self) -> Self::K {
        self.key()
    }
    fn from_vkey(k: Self::K) -> Self;
    #[inline(always)]
    fn is_nan(self) -> bool {
        false
    }
}

impl SortElem for bool {
    type K = u8;
    const BIJECTIVE: bool = true;
    #[inline(always)]
    fn key(self) -> u8 {
        self as u8
    }
    #[inline(always)]
    fn from_vkey(k: u8) -> bool {
        k != 0
    }
}

macro_rules! uint_elem {
    ($t:ty) => {
        impl SortElem for $t {
            type K = $t;
            const BIJECTIVE: bool = true;
            #[inline(always)]
            fn key(self) -> $t {
                self
            }
            #[inline(always)]
            fn from_vkey(k: $t) -> $t {
                k
            }
        }
    };
}
uint_elem!(u8);
uint_elem!(u16);
uint_elem!(u32);
uint_elem!(u64);

macro_rules! int_elem {
    ($t:ty, $u:ty) => {
        impl SortElem for $t {
            type K = $u;
            const BIJECTIVE: bool = true;
            #[inline(always)]
            fn key(self) -> $u {
                // Flipping the sign bit orders two's complement as unsigned.
                (self as $u) ^ (1 << (<$u>::BITS - 1))
            }
            #[inline(always)]
            fn from_vkey(k: $u) -> $t {
                (k ^ (1 << (<$u>::BITS - 1))) as $t
            }
        }
    };
}
int_elem!(i8, u8);
int_elem!(i16, u16);
int_elem!(i32, u32);
int_elem!(i64, u64);

/// Float keys from the bits `b` of a `$u`-wide float: `total` orders every bit pattern
/// (-NaN < -inf < ... < -0 < +0 < ... < +inf < +NaN); the bijective key rotates the negative
/// NaNs from the bottom to the top, so every NaN sorts last.
macro_rules! float_keys {
    ($u:ty, $total:ident, $vkey:ident, $unvkey:ident, $canon:ident) => {
        /// Branch-free (comparisons of mixed-sign data would mispredict a branch each): the
        /// sign smeared over the word flips every bit of a negative, only the sign of the rest.
        #[inline(always)]
        fn $total(b: $u) -> $u {
            const SIGN: $u = 1 << (<$u>::BITS - 1);
            let smear = ((b as i64) << (64 - <$u>::BITS) >> 63) as $u;
            b ^ (smear | SIGN)
        }
        /// `total(-inf)`: how many bit patterns (the negative NaNs) sort below -inf.
        #[inline(always)]
        fn $vkey(b: $u, neg_inf: $u) -> $u {
            $total(b).wrapping_sub($total(neg_inf))
        }
        #[inline(always)]
        fn $unvkey(k: $u, neg_inf: $u) -> $u {
            const SIGN: $u = 1 << (<$u>::BITS - 1);
            let t = k.wrapping_add($total(neg_inf));
            if t & SIGN != 0 {
                t & !SIGN
            } else {
                !t
            }
        }
        /// The canonical key: `+0` for both zeros, the largest key for every NaN.
        #[inline(always)]
        fn $canon(b: $u, nan: bool, zero: bool) -> $u {
            if nan {
                <$u>::MAX
            } else if zero {
                $total(0)
            } else {
                $total(b)
            }
        }
    };
}
float_keys!(u16, total16, vkey16, unvkey16, canon16);
float_keys!(u32, total32, vkey32, unvkey32, canon32);
float_keys!(u64, total64, vkey64, unvkey64, canon64);

impl SortElem for f16 {
    type K = u16;
    const BIJECTIVE: bool = true;
    const HAS_NAN: bool = true;
    #[inline(always)]
    fn key(self) -> u16 {
        let b = self.to_bits();
        canon16(b, self.is_nan(), b & 0x7fff == 0)
    }
    #[inline(always)]
    fn vkey(self) -> u16 {
        vkey16(self.to_bits(), 0xfc00)
    }
    #[inline(always)]
    fn from_vkey(k: u16) -> f16 {
        f16::from_bits(unvkey16(k, 0xfc00))
    }
    #[inline(always)]
    fn is_nan(self) -> bool {
        f16::is_nan(self)
    }
}

impl SortElem for f32 {
    type K = u32;
    const BIJECTIVE: bool = true;
    const HAS_NAN: bool = true;
    #[inline(always)]
    fn key(self) -> u32 {
        canon32(self.to_bits(), self.is_nan(), self == 0.0)
    }
    #[inline(always)]
    fn vkey(self) -> u32 {
        vkey32(self.to_bits(), 0xff80_0000)
    }
    #[inline(always)]
    fn from_vkey(k: u32) -> f32 {
        f32::from_bits(unvkey32(k, 0xff80_0000))
    }
    #[inline(always)]
    fn is_nan(self) -> bool {
        f32::is_nan(self)
    }
}

impl SortElem for f64 {
    type K = u64;
    const BIJECTIVE: bool = true;
    const HAS_NAN: bool = true;
    #[inline(always)]
    fn key(self) -> u64 {
        canon64(self.to_bits(), self.is_nan(), self == 0.0)
    }
    #[inline(always)]
    fn vkey(self) -> u64 {
        vkey64(self.to_bits(), 0xfff0_0000_0000_0000)
    }
    #[inline(always)]
    fn from_vkey(k: u64) -> f64 {
        f64::from_bits(unvkey64(k, 0xfff0_0000_0000_0000))
    }
    #[inline(always)]
    fn is_nan(self) -> bool {
        f64::is_nan(self)
    }
}

/// NumPy's complex order as a key (both widths through f64: widening keeps order, zeros and
/// NaNs).
#[inline(always)]
fn ckey(re: f64, im: f64) -> CKey {
    match (re.is_nan(), im.is_nan()) {
        (false, false) => CKey {
            class: 0,
            a: re.key(),
            b: im.key(),
        },
        (false, true) => CKey {
            class: 1,
            a: re.key(),
            b: 0,
        },
        (true, false) => CKey {
            class: 2,
            a: im.key(),
            b: 0,
        },
        (true, true) => CKey::default_nan(),
    }
}

impl CKey {
    fn default_nan() -> CKey {
        CKey {
            class: 3,
            a: 0,
            b: 0,
        }
    }
}

impl SortElem for Complex32 {
    type K = CKey;
    const BIJECTIVE: bool = false;
    const HAS_NAN: bool = true;
    #[inline(always)]
    fn key(self) -> CKey {
        ckey(self.re as f64, self.im as f64)
    }
    fn from_vkey(_k: CKey) -> Complex32 {
        // Never called: complex value sorts gather through an argsort (`BIJECTIVE` false).
        Complex32::default()
    }
    #[inline(always)]
    fn is_nan(self) -> bool {
        self.re.is_nan() || self.im.is_nan()
    }
}

impl SortElem for Complex64 {
    type K = CKey;
    const BIJECTIVE: bool = false;
    const HAS_NAN: bool = true;
    #[inline(always)]
    fn key(self) -> CKey {
        ckey(self.re, self.im)
    }
    fn from_vkey(_k: CKey) -> Complex64 {
        // Never called: as for `Complex32`.
        Complex64::default()
    }
    #[inline(always)]
    fn is_nan(self) -> bool {
        self.re.is_nan() || self.im.is_nan()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_keys_order_and_round_trip() {
        let vals = [
            f64::NEG_INFINITY,
            -1e300,
            -1.0,
            -0.0,
            0.0,
            1e-310,
            1.0,
            f64::INFINITY,
        ];
        for w in vals.windows(2) {
            assert!(w[0].vkey() < w[1].vkey());
            assert!(w[0].key() <= w[1].key());
        }
        assert_eq!((-0.0f64).key(), 0.0f64.key());
        for nan in [f64::NAN, -f64::NAN] {
            assert!(nan.vkey() > f64::INFINITY.vkey());
            assert_eq!(nan.key(), u64::MAX);
            assert_eq!(f64::from_vkey(nan.vkey()).to_bits(), nan.to_bits());
        }
        for v in vals {
            assert_eq!(f64::from_vkey(v.vkey()).to_bits(), v.to_bits());
            assert_eq!(
                f32::from_vkey((v as f32).vkey()).to_bits(),
                (v as f32).to_bits()
            );
        }
        let h = f16::from_f32(-2.5);
        assert_eq!(f16::from_vkey(h.vkey()), h);
        assert!((-f16::NAN).vkey() > f16::INFINITY.vkey());
    }

    #[test]
    fn complex_classes() {
        let k = |re: f64, im: f64| Complex64::new(re, im).key();
        assert!(k(1.0, 5.0) < k(2.0, 0.0));
        assert!(k(1e300, 1e300) < k(0.0, f64::NAN));
        assert!(k(5.0, f64::NAN) < k(f64::NAN, -1.0));
        assert!(k(f64::NAN, 9.0) < k(f64::NAN, f64::NAN));
    }
}
