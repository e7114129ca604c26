//! ferronum's one thread pool. Its size comes from `FERRONUM_NUM_THREADS`, else
//! `OMP_NUM_THREADS` (which Dask workers set), else the core count, and can be changed at run
//! time with `set_num_threads`.

use rayon::{ThreadPool, ThreadPoolBuilder};
use std::sync::{Arc, OnceLock, RwLock};

/// Elements below which a kernel runs inline on the caller's thread: measured on the 2-core
/// machine, a rayon hand-off costs about as much as streaming this many f64 through an add.
pub const GRAIN: usize = 1 << 15;

struct Pool {
    threads: usize,
    pool: Arc<ThreadPool>,
}

fn pool_cell() -> &'static RwLock<Pool> {
    static POOL: OnceLock<RwLock<Pool>> = OnceLock::new();
    POOL.get_or_init(|| RwLock::new(build(default_threads())))
}

fn env_threads(name: &str) -> Option<usize> {
    std::env::var(name)
        .ok()?
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|&n| n > 0)
}

pub fn default_threads() -> usize {
    env_threads("FERRONUM_NUM_THREADS")
        .or_else(|| env_threads("OMP_NUM_THREADS"))
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        })
}

fn build(threads: usize) -> Pool {
    let pool = ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("ferronum-{i}"))
        .build()
        .or_else(|_| ThreadPoolBuilder::new().num_threads(1).build())
        .expect("a one-thread pool can always be built");
    Pool {
        threads,
        pool: Arc::new(pool),
    }
}

pub fn num_threads() -> usize {
    pool_cell().read().map(|p| p.threads).unwrap_or(1)
}

/// Replaces the pool; work already running finishes on the old one.
pub fn set_num_threads(n: usize) {
    let n = n.max(1);
    if let Ok(mut p) = pool_cell().write() {
        if p.threads != n {
            *p = build(n);
        }
    }
}

/// Runs `f` inside the pool, so rayon's parallel iterators in `f` use ferronum's threads.
pub fn install<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    let pool = pool_cell().read().map(|p| p.pool.clone());
    match pool {
        Ok(pool) => pool.install(f),
        Err(_) => f(),
    }
}

/// Whether `n` elements of work are worth splitting across the pool.
pub fn worth_splitting(n: usize) -> bool {
    n >= GRAIN && num_threads() > 1
}
