//! Philox 4x64-10 (Salmon et al.'s counter-based generator), with NumPy's four-word output
//! buffer: the counter is incremented, then the ten keyed rounds give four words.

use super::bitgen::{Bits, Half32};

#[derive(Clone, Debug)]
pub struct Philox {
    pub ctr: [u64; 4],
    pub key: [u64; 2],
    pub buffer: [u64; 4],
    pub buffer_pos: usize,
    pub half: Half32,
}

#[inline]
fn mulhilo(a: u64, b: u64) -> (u64, u64) {
    let p = a as u128 * b as u128;
    ((p >> 64) as u64, p as u64)
}

pub fn philox4x64_10(mut ctr: [u64; 4], mut key: [u64; 2]) -> [u64; 4] {
    for r in 0..10 {
        if r > 0 {
            key[0] = key[0].wrapping_add(0x9E37_79B9_7F4A_7C15);
            key[1] = key[1].wrapping_add(0xBB67_AE85_84CA_A73B);
        }
        let (hi0, lo0) = mulhilo(0xD2E7_470E_E14C_6C93, ctr[0]);
        let (hi1, lo1) = mulhilo(0xCA5A_8263_9512_1157, ctr[2]);
        ctr = [hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0];
    }
    ctr
}

impl Philox {
    pub fn new(ctr: [u64; 4], key: [u64; 2]) -> Philox {
        Philox {
            ctr,
            key,
            buffer: [0; 4],
            buffer_pos: 4,
            half: Half32::default(),
        }
    }

    #[inline]
    pub fn next64(&mut self) -> u64 {
        if self.buffer_pos < 4 {
            let v = self.buffer[self.buffer_pos];
            self.buffer_pos += 1;
            return v;
        }
        for w in self.ctr.iter_mut() {
            *w = w.wrapping_add(1);
            if *w != 0 {
                break;
            }
        }
        self.buffer = philox4x64_10(self.ctr, self.key);
        self.buffer_pos = 1;
        self.buffer[0]
    }

    /// Adds `step` (256 bits, low word first) to the counter and clears the buffers, as
    /// NumPy's `advance` does (`jumped` adds 2^128).
    pub fn advance(&mut self, step: [u64; 4]) {
        let mut carry = 0u128;
        for (c, s) in self.ctr.iter_mut().zip(step) {
            let t = *c as u128 + s as u128 + carry;
            *c = t as u64;
            carry = t >> 64;
        }
        self.buffer = [0; 4];
        self.buffer_pos = 4;
        self.half = Half32::default();
    }
}

impl Bits for Philox {
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
