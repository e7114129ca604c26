//! The one interface the distributions draw from (NumPy's `bitgen_t`: next 64 bits, next 32
//! bits, next double), and the enum of the bit generators behind it. Distributions are
//! written once over `Bits`; the enum's match per draw is a predictable branch, and the hot
//! fills match once outside their loop instead.

use super::mt19937::Mt19937;
use super::pcg64::Pcg64;
use super::philox::Philox;
use super::sfc64::Sfc64;

pub trait Bits {
    fn next_u64(&mut self) -> u64;
    fn next_u32(&mut self) -> u32;
    /// NumPy's `next_double`: 53 random bits over 2^53 (MT19937 builds it from two 32-bit words).
    fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9007199254740992.0)
    }
    /// NumPy's `next_float`: 24 random bits of a 32-bit draw over 2^24.
    #[inline]
    fn next_f32(&mut self) -> f32 {
        (self.next_u32() >> 8) as f32 * (1.0 / 16777216.0)
    }
}

/// The buffered 32-bit draw of the 64-bit generators: one 64-bit word serves two calls, the
/// low half first (NumPy's `has_uint32`/`uinteger`, part of the state dict).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Half32 {
    pub has: bool,
    pub value: u32,
}

impl Half32 {
    #[inline]
    pub fn next(&mut self, draw: impl FnOnce() -> u64) -> u32 {
        if self.has {
            self.has = false;
            return self.value;
        }
        let v = draw();
        self.has = true;
        self.value = (v >> 32) as u32;
        v as u32
    }
}

#[derive(Clone, Debug)]
pub enum BitGen {
    Pcg64(Pcg64),
    Pcg64Dxsm(Pcg64),
    Mt19937(Box<Mt19937>),
    Philox(Philox),
    Sfc64(Sfc64),
}

impl BitGen {
    /// `random_raw`: the generator's native output (32 bits for MT19937).
    pub fn next_raw(&mut self) -> u64 {
        match self {
            BitGen::Mt19937(m) => m.next32() as u64,
            g => g.next_u64(),
        }
    }
}

impl Bits for BitGen {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        match self {
            BitGen::Pcg64(p) => p.next64(),
            BitGen::Pcg64Dxsm(p) => p.next64_dxsm(),
            BitGen::Mt19937(m) => m.next_u64(),
            BitGen::Philox(p) => p.next64(),
            BitGen::Sfc64(s) => s.next64(),
        }
    }
    #[inline]
    fn next_u32(&mut self) -> u32 {
        match self {
            BitGen::Pcg64(p) => p.next_u32(),
            BitGen::Pcg64Dxsm(p) => p.next_u32_dxsm(),
            BitGen::Mt19937(m) => m.next32(),
            BitGen::Philox(p) => p.next_u32(),
            BitGen::Sfc64(s) => s.next_u32(),
        }
    }
    #[inline]
    fn next_f64(&mut self) -> f64 {
        match self {
            BitGen::Mt19937(m) => m.next_f64(),
            g => (g.next_u64() >> 11) as f64 * (1.0 / 9007199254740992.0),
        }
    }
}
