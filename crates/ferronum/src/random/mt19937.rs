//! MT19937 as NumPy runs it: the reference generator with `init_genrand`/`init_by_array`
//! seeding (legacy `RandomState`), Knuth's integer seeding (`mt19937_seed`, what
//! `RandomState(int)` uses), 64-bit draws as two 32-bit words (high first) and NumPy's 53-bit
//! double from two words.

use super::bitgen::Bits;

pub const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER: u32 = 0x8000_0000;
const LOWER: u32 = 0x7fff_ffff;

#[derive(Clone, Debug)]
pub struct Mt19937 {
    pub key: [u32; N],
    pub pos: usize,
}

impl Mt19937 {
    /// `mt19937_seed`: Knuth's recurrence from one 32-bit seed.
    pub fn from_u32(seed: u32) -> Mt19937 {
        let mut key = [0u32; N];
        let mut s = seed;
        for (p, k) in key.iter_mut().enumerate() {
            *k = s;
            s = 1812433253u32
                .wrapping_mul(s ^ (s >> 30))
                .wrapping_add(p as u32 + 1);
        }
        Mt19937 { key, pos: N }
    }

    fn init_genrand(s: u32) -> Mt19937 {
        let mut key = [0u32; N];
        key[0] = s;
        for i in 1..N {
            key[i] = 1812433253u32
                .wrapping_mul(key[i - 1] ^ (key[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        Mt19937 { key, pos: N }
    }

    /// `init_by_array` (seeding from a sequence of 32-bit words).
    pub fn from_array(init: &[u32]) -> Mt19937 {
        let mut m = Mt19937::init_genrand(19650218);
        let mt = &mut m.key;
        let (mut i, mut j) = (1usize, 0usize);
        let len = init.len().max(1);
        for _ in 0..N.max(init.len()) {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1664525))
                .wrapping_add(init.get(j).copied().unwrap_or(0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1566083941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        m
    }

    /// The state `MT19937(seed_sequence)` builds: 624 hashed words, the first forced to
    /// 0x80000000, and the position NumPy's loop leaves behind (623).
    pub fn from_words(words: &[u32]) -> Mt19937 {
        let mut key = [0u32; N];
        key[0] = 0x8000_0000;
        key[1..].copy_from_slice(&words[1..N]);
        Mt19937 { key, pos: N - 1 }
    }

    fn gen(&mut self) {
        let k = &mut self.key;
        let twist = |a: u32, b: u32, c: u32| {
            let y = (a & UPPER) | (b & LOWER);
            c ^ (y >> 1) ^ ((y & 1).wrapping_neg() & MATRIX_A)
        };
        for i in 0..N - M {
            k[i] = twist(k[i], k[i + 1], k[i + M]);
        }
        for i in N - M..N - 1 {
            k[i] = twist(k[i], k[i + 1], k[i + M - N]);
        }
        k[N - 1] = twist(k[N - 1], k[0], k[M - 1]);
        self.pos = 0;
    }

    #[inline]
    pub fn next32(&mut self) -> u32 {
        if self.pos >= N {
            self.gen();
        }
        let mut y = self.key[self.pos];
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }
}

impl Bits for Mt19937 {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        let hi = self.next32() as u64;
        (hi << 32) | self.next32() as u64
    }
    #[inline]
    fn next_u32(&mut self) -> u32 {
        self.next32()
    }
    #[inline]
    fn next_f64(&mut self) -> f64 {
        let a = (self.next32() >> 5) as f64;
        let b = (self.next32() >> 6) as f64;
        (a * 67108864.0 + b) / 9007199254740992.0
    }
}
