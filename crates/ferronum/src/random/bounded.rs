//! Bounded integers on the closed interval [off, off + rng], as NumPy draws them: Lemire's
//! multiply-shift rejection (`Generator`) or mask-and-reject (`RandomState`, `use_masked`),
//! 32-bit draws for ranges that fit 32 bits, and 16/8/1-bit ranges carved out of a 32-bit
//! word kept across elements (`Buf`, NumPy's `bcnt`/`buf`).

use super::bitgen::Bits;

/// The smallest all-ones mask covering `max`.
#[inline]
pub fn gen_mask(max: u64) -> u64 {
    if max == 0 {
        0
    } else {
        u64::MAX >> max.leading_zeros()
    }
}

/// The leftover 32-bit word the 16-, 8- and 1-bit draws share.
#[derive(Default, Clone, Copy)]
pub struct Buf {
    cnt: i32,
    buf: u32,
}

impl Buf {
    #[inline]
    fn take<R: Bits + ?Sized>(&mut self, g: &mut R, refill: i32, shift: u32) -> u32 {
        if self.cnt == 0 {
            self.buf = g.next_u32();
            self.cnt = refill;
        } else {
            self.buf >>= shift;
            self.cnt -= 1;
        }
        self.buf
    }
}

#[inline]
fn lemire64<R: Bits + ?Sized>(g: &mut R, rng: u64) -> u64 {
    let excl = rng + 1;
    let mut m = g.next_u64() as u128 * excl as u128;
    let mut left = m as u64;
    if left < excl {
        let threshold = (u64::MAX - rng) % excl;
        while left < threshold {
            m = g.next_u64() as u128 * excl as u128;
            left = m as u64;
        }
    }
    (m >> 64) as u64
}

#[inline]
fn lemire32<R: Bits + ?Sized>(g: &mut R, rng: u32) -> u32 {
    let excl = rng + 1;
    let mut m = g.next_u32() as u64 * excl as u64;
    let mut left = m as u32;
    if left < excl {
        let threshold = (u32::MAX - rng) % excl;
        while left < threshold {
            m = g.next_u32() as u64 * excl as u64;
            left = m as u32;
        }
    }
    (m >> 32) as u32
}

/// `random_bounded_uint64` (also the 64-bit fill: the same draws element by element).
#[inline]
pub fn bounded_u64<R: Bits + ?Sized>(g: &mut R, off: u64, rng: u64, masked: bool) -> u64 {
    if rng == 0 {
        return off;
    }
    if rng <= 0xffff_ffff {
        if rng == 0xffff_ffff {
            return off.wrapping_add(g.next_u32() as u64);
        }
        if masked {
            let mask = gen_mask(rng);
            loop {
                let v = g.next_u32() as u64 & mask;
                if v <= rng {
                    return off.wrapping_add(v);
                }
            }
        }
        return off.wrapping_add(lemire32(g, rng as u32) as u64);
    }
    if rng == u64::MAX {
        return off.wrapping_add(g.next_u64());
    }
    if masked {
        let mask = gen_mask(rng);
        loop {
            let v = g.next_u64() & mask;
            if v <= rng {
                return off.wrapping_add(v);
            }
        }
    }
    off.wrapping_add(lemire64(g, rng))
}

/// `random_buffered_bounded_uint32`.
#[inline]
pub fn bounded_u32<R: Bits + ?Sized>(g: &mut R, off: u32, rng: u32, masked: bool) -> u32 {
    if rng == 0 {
        return off;
    }
    if rng == u32::MAX {
        return off.wrapping_add(g.next_u32());
    }
    if masked {
        let mask = gen_mask(rng as u64) as u32;
        loop {
            let v = g.next_u32() & mask;
            if v <= rng {
                return off.wrapping_add(v);
            }
        }
    }
    off.wrapping_add(lemire32(g, rng))
}

/// `random_buffered_bounded_uint16` / `_uint8`: `bits` is 16 or 8.
#[inline]
pub fn bounded_small<R: Bits + ?Sized>(
    g: &mut R,
    off: u32,
    rng: u32,
    masked: bool,
    bits: u32,
    b: &mut Buf,
) -> u32 {
    let full = (1u32 << bits) - 1;
    let refill = if bits == 16 { 1 } else { 3 };
    let mut draw = |b: &mut Buf| b.take(g, refill, bits) & full;
    if rng == 0 {
        return off;
    }
    if rng == full {
        return off.wrapping_add(draw(b)) & full;
    }
    if masked {
        let mask = gen_mask(rng as u64) as u32;
        loop {
            let v = draw(b) & mask;
            if v <= rng {
                return off.wrapping_add(v) & full;
            }
        }
    }
    let excl = rng + 1;
    let mut m = draw(b) * excl;
    let mut left = m & full;
    if left < excl {
        let threshold = (full - rng) % excl;
        while left < threshold {
            m = draw(b) * excl;
            left = m & full;
        }
    }
    off.wrapping_add(m >> bits) & full
}

/// `random_buffered_bounded_bool`.
#[inline]
pub fn bounded_bool<R: Bits + ?Sized>(g: &mut R, off: bool, rng: bool, b: &mut Buf) -> bool {
    if !rng {
        return off;
    }
    b.take(g, 31, 1) & 1 != 0
}

/// `random_interval`: masked rejection on [0, max], 32-bit draws when `max` fits (shuffles).
#[inline]
pub fn interval<R: Bits + ?Sized>(g: &mut R, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    let mask = gen_mask(max);
    if max <= 0xffff_ffff {
        loop {
            let v = g.next_u32() as u64 & mask;
            if v <= max {
                return v;
            }
        }
    }
    loop {
        let v = g.next_u64() & mask;
        if v <= max {
            return v;
        }
    }
}
