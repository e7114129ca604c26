//! SFC64 (Chris Doty-Humphrey's small fast chaotic generator), seeded as NumPy does: three
//! hashed words, counter 1, twelve discarded rounds.

use super::bitgen::{Bits, Half32};

#[derive(Clone, Debug)]
pub struct Sfc64 {
    pub s: [u64; 4],
    pub half: Half32,
}

impl Sfc64 {
    pub fn seeded(w: &[u64]) -> Sfc64 {
        let mut g = Sfc64 {
            s: [w[0], w[1], w[2], 1],
            half: Half32::default(),
        };
        for _ in 0..12 {
            g.next64();
        }
        g
    }

    #[inline]
    pub fn next64(&mut self) -> u64 {
        let [a, b, c, w] = self.s;
        let tmp = a.wrapping_add(b).wrapping_add(w);
        self.s = [
            b ^ (b >> 11),
            c.wrapping_add(c << 3),
            c.rotate_left(24).wrapping_add(tmp),
            w.wrapping_add(1),
        ];
        tmp
    }
}

impl Bits for Sfc64 {
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
