//! PCG64 (XSL-RR output of a 128-bit LCG) and PCG64DXSM (DXSM output, cheap multiplier), as
//! NumPy runs them: PCG64 steps then outputs, DXSM outputs the pre-step state.

use super::bitgen::{Bits, Half32};

const MULT: u128 = (2549297995355413924u128 << 64) | 4865540595714422341u128;
const CHEAP_MULT: u64 = 0xda94_2042_e4dd_58b5;

#[derive(Clone, Debug)]
pub struct Pcg64 {
    pub state: u128,
    pub inc: u128,
    pub half: Half32,
}

/// The golden-ratio step of `jumped` (phi - 1 times 2^128).
pub const JUMP_STEP: u128 = 0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835;

impl Pcg64 {
    /// `pcg64_set_seed` (`cheap` for DXSM's multiplier).
    pub fn seeded(seed: u128, initseq: u128, cheap: bool) -> Pcg64 {
        let mut p = Pcg64 {
            state: 0,
            inc: (initseq << 1) | 1,
            half: Half32::default(),
        };
        p.step(cheap);
        p.state = p.state.wrapping_add(seed);
        p.step(cheap);
        p
    }

    #[inline]
    fn step(&mut self, cheap: bool) {
        let m = if cheap { CHEAP_MULT as u128 } else { MULT };
        self.state = self.state.wrapping_mul(m).wrapping_add(self.inc);
    }

    #[inline]
    pub fn next64(&mut self) -> u64 {
        self.state = self.state.wrapping_mul(MULT).wrapping_add(self.inc);
        let hi = (self.state >> 64) as u64;
        let lo = self.state as u64;
        (hi ^ lo).rotate_right((hi >> 58) as u32)
    }

    #[inline]
    pub fn next64_dxsm(&mut self) -> u64 {
        let mut hi = (self.state >> 64) as u64;
        let lo = (self.state as u64) | 1;
        hi ^= hi >> 32;
        hi = hi.wrapping_mul(CHEAP_MULT);
        hi ^= hi >> 48;
        hi = hi.wrapping_mul(lo);
        self.state = self
            .state
            .wrapping_mul(CHEAP_MULT as u128)
            .wrapping_add(self.inc);
        hi
    }

    #[inline]
    pub fn next_u32_dxsm(&mut self) -> u32 {
        let mut h = self.half;
        let v = h.next(|| self.next64_dxsm());
        self.half = h;
        v
    }

    /// `advance(delta)`: the LCG jumped by `delta` steps in O(log delta) (Brown's method);
    /// the buffered half-word is dropped, as NumPy does.
    pub fn advance(&mut self, delta: u128, cheap: bool) {
        let mut cur_mult = if cheap { CHEAP_MULT as u128 } else { MULT };
        let mut cur_plus = self.inc;
        let (mut acc_mult, mut acc_plus) = (1u128, 0u128);
        let mut d = delta;
        while d > 0 {
            if d & 1 == 1 {
                acc_mult = acc_mult.wrapping_mul(cur_mult);
                acc_plus = acc_plus.wrapping_mul(cur_mult).wrapping_add(cur_plus);
            }
            cur_plus = cur_mult.wrapping_add(1).wrapping_mul(cur_plus);
            cur_mult = cur_mult.wrapping_mul(cur_mult);
            d >>= 1;
        }
        self.state = acc_mult.wrapping_mul(self.state).wrapping_add(acc_plus);
        self.half = Half32::default();
    }
}

impl Bits for Pcg64 {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        self.next64()
    }
    #[inline]
    fn next_u32(&mut self) -> u32 {
        let mut h = self.half;
        let v = h.next(|| self.next64());
        self.half = h;
        v
    }
}
