//! `SeedSequence`'s hashing (O'Neill's seed_seq_fe, as NumPy implements it): entropy words are
//! mixed into a pool, and the pool is hashed out into as many state words as a bit generator
//! asks for. The Python layer turns seeds into the `u32` words (it owns the coercion rules).

const INIT_A: u32 = 0x43b0_d7e5;
const MULT_A: u32 = 0x931e_8875;
const INIT_B: u32 = 0x8b51_f9dd;
const MULT_B: u32 = 0x58f3_8ded;
const MIX_MULT_L: u32 = 0xca01_f9dd;
const MIX_MULT_R: u32 = 0x4973_f715;
const XSHIFT: u32 = 16;

fn hashmix(value: u32, hash_const: &mut u32) -> u32 {
    let mut v = value ^ *hash_const;
    *hash_const = hash_const.wrapping_mul(MULT_A);
    v = v.wrapping_mul(*hash_const);
    v ^ (v >> XSHIFT)
}

fn mix(x: u32, y: u32) -> u32 {
    let r = MIX_MULT_L
        .wrapping_mul(x)
        .wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    r ^ (r >> XSHIFT)
}

/// The pool of `pool_size` words that `entropy` (run entropy then spawn key, already
/// assembled as NumPy does) hashes to.
pub fn mix_entropy(entropy: &[u32], pool_size: usize) -> Vec<u32> {
    let mut hc = INIT_A;
    let mut pool: Vec<u32> = (0..pool_size)
        .map(|i| hashmix(entropy.get(i).copied().unwrap_or(0), &mut hc))
        .collect();
    for src in 0..pool_size {
        for dst in 0..pool_size {
            if src != dst {
                pool[dst] = mix(pool[dst], hashmix(pool[src], &mut hc));
            }
        }
    }
    for &e in entropy.iter().skip(pool_size) {
        for p in pool.iter_mut() {
            *p = mix(*p, hashmix(e, &mut hc));
        }
    }
    pool
}

/// `generate_state(n_words)` as `u32` words (the `u64` form pairs them little-endian).
pub fn generate_state(pool: &[u32], n_words: usize) -> Vec<u32> {
    let mut hc = INIT_B;
    (0..n_words)
        .map(|i| {
            let mut v = pool[i % pool.len()] ^ hc;
            hc = hc.wrapping_mul(MULT_B);
            v = v.wrapping_mul(hc);
            v ^ (v >> XSHIFT)
        })
        .collect()
}

/// `generate_state(n_words, uint64)`.
pub fn generate_state_u64(pool: &[u32], n_words: usize) -> Vec<u64> {
    let w = generate_state(pool, 2 * n_words);
    w.chunks(2)
        .map(|c| c[0] as u64 | ((c[1] as u64) << 32))
        .collect()
}
