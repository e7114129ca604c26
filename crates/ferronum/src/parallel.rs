//! ferronum's threads. Their number comes from `FERRONUM_NUM_THREADS`, else `OMP_NUM_THREADS`
//! (which Dask workers set), else the CPUs this process may use (`available_parallelism` reads
//! the affinity mask and the cgroup CPU quota), and can be changed at run time with
//! `set_num_threads`.
//!
//! Two mechanisms share that number:
//! - `for_each`, the engine's own driver for its element-wise loops, reductions and contractions:
//!   the calling thread works too, and every thread claims small tasks from one counter, so a
//!   helper that the OS has descheduled (another busy process on the machine) delays the call by
//!   at most the task it holds, and one that never wakes up in time delays it not at all. It is
//!   not generic: one indirect call per task of thousands of elements, and one copy of the
//!   machinery in the binary instead of one per closure type.
//! - a rayon pool (`install`) for the libraries that bring their own rayon code (faer, gemm).

use rayon::{ThreadPool, ThreadPoolBuilder};
use std::any::Any;
use std::cell::Cell;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, RwLock};
use std::thread::JoinHandle;

use crate::kernels::fpstatus;

/// Elements below which a kernel runs inline on the caller's thread: measured on the 2-core
/// machine, a hand-off costs about as much as streaming this many f64 through an add.
pub const GRAIN: usize = 1 << 15;

struct Pool {
    threads: usize,
    rayon: OnceLock<Arc<ThreadPool>>,
    team: Arc<Team>,
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
    Pool {
        threads,
        // The rayon pool is built on first use: most programs never call faer or gemm.
        rayon: OnceLock::new(),
        team: Team::start(threads - 1),
    }
}

fn build_rayon(threads: usize) -> Arc<ThreadPool> {
    let pool = ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("ferronum-rayon-{i}"))
        .build()
        .or_else(|_| ThreadPoolBuilder::new().num_threads(1).build())
        .expect("a one-thread pool can always be built");
    Arc::new(pool)
}

pub fn num_threads() -> usize {
    pool_cell().read().map(|p| p.threads).unwrap_or(1)
}

/// Replaces the threads; work already running finishes on the old ones.
pub fn set_num_threads(n: usize) {
    let n = n.max(1);
    if let Ok(mut p) = pool_cell().write() {
        if p.threads != n {
            let old = std::mem::replace(&mut *p, build(n));
            old.team.stop();
        }
    }
}

/// Runs `f` inside the rayon pool, so rayon's parallel iterators in `f` (faer's, gemm's) use
/// ferronum's thread count.
pub fn install<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    let pool = pool_cell()
        .read()
        .map(|p| p.rayon.get_or_init(|| build_rayon(p.threads)).clone());
    match pool {
        Ok(pool) => pool.install(f),
        Err(_) => f(),
    }
}

/// Whether `n` elements of work are worth splitting across the threads.
pub fn worth_splitting(n: usize) -> bool {
    n >= GRAIN && num_threads() > 1
}

/// How many tasks to cut `work` elements into: enough per thread that the others can take over
/// a descheduled thread's share, none smaller than a quarter of `GRAIN`.
pub fn pieces(work: usize) -> usize {
    (num_threads() * 8).min(work / (GRAIN / 4)).max(2)
}

/// Calls `f(i)` for every `i` in `0..tasks`, spread over the calling thread and the helper
/// threads; returns when all have returned. Tasks must be independent (any order, any thread).
/// Floating-point flags the tasks raise on other threads are raised on the caller's too, and a
/// panic in a task is resumed on the caller once no thread runs a task any more.
///
/// A call from inside a task, or while another thread's call holds the helpers, runs its tasks
/// on the calling thread.
pub fn for_each(tasks: usize, f: &(dyn Fn(usize) + Sync)) {
    if tasks == 0 {
        return;
    }
    let team = if tasks > 1 && !IN_TASK.get() {
        pool_cell().read().ok().map(|p| p.team.clone())
    } else {
        None
    };
    match team {
        Some(team) if team.helpers > 0 && team.try_acquire() => {
            let job = Job::new(tasks, f);
            team.post(job.clone());
            let panicked = job.run_as_caller();
            team.release();
            if let Some(payload) = panicked {
                resume_unwind(payload);
            }
        }
        _ => (0..tasks).for_each(f),
    }
}

thread_local! {
    /// Set while this thread runs a task of `for_each`, so nested calls stay on it.
    static IN_TASK: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with every `for_each` inside it on the calling thread, its tasks in index order:
/// for loops whose later elements read what earlier ones wrote (a ufunc's `reduce` and
/// `accumulate` run the element-wise kernel with the output aliasing an input).
pub fn serial<R>(f: impl FnOnce() -> R) -> R {
    /// Restores the flag on the way out, a panic included.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            IN_TASK.set(self.0);
        }
    }
    let _restore = Restore(IN_TASK.replace(true));
    f()
}

/// The helper threads and the one job they may be working on.
struct Team {
    helpers: usize,
    /// Whether a caller's job holds the helpers.
    busy: AtomicBool,
    slot: Mutex<Slot>,
    wake: Condvar,
    handles: Mutex<Vec<JoinHandle<()>>>,
}

struct Slot {
    generation: u64,
    job: Option<Arc<Job>>,
    stop: bool,
}

impl Team {
    fn start(helpers: usize) -> Arc<Team> {
        let team = Arc::new(Team {
            helpers,
            busy: AtomicBool::new(false),
            slot: Mutex::new(Slot {
                generation: 0,
                job: None,
                stop: false,
            }),
            wake: Condvar::new(),
            handles: Mutex::new(Vec::new()),
        });
        let mut handles = Vec::new();
        for i in 0..helpers {
            let t = team.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("ferronum-{i}"))
                .spawn(move || t.helper_loop());
            match spawned {
                Ok(h) => handles.push(h),
                // Fewer helpers than asked is still correct: the caller claims what is left.
                Err(_) => break,
            }
        }
        *team.handles.lock().unwrap_or_else(|e| e.into_inner()) = handles;
        team
    }

    fn try_acquire(&self) -> bool {
        self.busy
            .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
    }

    fn release(&self) {
        // The job stays in the slot until the next one replaces it; a helper that wakes late
        // finds it closed and goes back to sleep.
        self.busy.store(false, Ordering::Release);
    }

    fn post(&self, job: Arc<Job>) {
        let mut slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        slot.generation += 1;
        slot.job = Some(job);
        drop(slot);
        self.wake.notify_all();
    }

    fn helper_loop(&self) {
        let mut seen = 0;
        loop {
            let job = {
                let mut slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
                while slot.generation == seen && !slot.stop {
                    slot = self.wake.wait(slot).unwrap_or_else(|e| e.into_inner());
                }
                if slot.stop {
                    return;
                }
                seen = slot.generation;
                slot.job.clone()
            };
            if let Some(job) = job {
                job.run_as_helper();
            }
        }
    }

    fn stop(&self) {
        self.slot.lock().unwrap_or_else(|e| e.into_inner()).stop = true;
        self.wake.notify_all();
        // Not joined: a helper may still be inside a task of a call running on the old team.
        self.handles
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

/// The type-erased task function of one `for_each` call, borrowed from the caller's frame.
type TaskFn = dyn Fn(usize) + Sync;

/// One `for_each` call as the helpers see it.
struct Job {
    /// Points to the caller's `f`. Dereferenced only by a thread counted in `in_flight` that
    /// saw `closed` false after counting itself; the caller returns only once `closed` is set
    /// and `in_flight` is zero, so the pointer is never used after `f` is gone.
    f: *const TaskFn,
    tasks: usize,
    next: AtomicUsize,
    in_flight: AtomicUsize,
    closed: AtomicBool,
    raised: AtomicU8,
    panic: Mutex<Option<Box<dyn Any + Send>>>,
    idle: Mutex<()>,
    idle_cv: Condvar,
}

// SAFETY: `f` points to a `Sync` closure, called only under the protocol documented on the
// field; every other field is itself `Send + Sync`.
unsafe impl Send for Job {}
// SAFETY: as for `Send`.
unsafe impl Sync for Job {}

impl Job {
    fn new<'a>(tasks: usize, f: &'a (dyn Fn(usize) + Sync + 'a)) -> Arc<Job> {
        // SAFETY: only the lifetime is erased; see the `f` field for why no use outlives it.
        let f: *const TaskFn =
            unsafe { std::mem::transmute::<&'a (dyn Fn(usize) + Sync + 'a), &'static TaskFn>(f) };
        Arc::new(Job {
            f,
            tasks,
            next: AtomicUsize::new(0),
            in_flight: AtomicUsize::new(0),
            closed: AtomicBool::new(false),
            raised: AtomicU8::new(0),
            panic: Mutex::new(None),
            idle: Mutex::new(()),
            idle_cv: Condvar::new(),
        })
    }

    /// Claims and runs tasks until none is left. Returns whether a task panicked.
    fn claim_all(&self) -> bool {
        // SAFETY: the caller of `claim_all` is counted in `in_flight` (or is the caller of
        // `for_each`, whose frame holds `f`), so `f` is alive.
        let f = unsafe { &*self.f };
        let was = IN_TASK.replace(true);
        let result = catch_unwind(AssertUnwindSafe(|| loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed);
            if i >= self.tasks {
                break;
            }
            f(i);
        }));
        IN_TASK.set(was);
        match result {
            Ok(()) => false,
            Err(payload) => {
                // No more tasks for anyone: the call is failing.
                self.next.store(self.tasks, Ordering::Relaxed);
                self.panic
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .get_or_insert(payload);
                true
            }
        }
    }

    fn run_as_helper(&self) {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        if !self.closed.load(Ordering::SeqCst) {
            // The helper's own flags from earlier work are of no interest to this caller.
            fpstatus::clear();
            self.claim_all();
            self.raised.fetch_or(fpstatus::read(), Ordering::Relaxed);
            fpstatus::clear();
        }
        if self.in_flight.fetch_sub(1, Ordering::SeqCst) == 1 && self.closed.load(Ordering::SeqCst)
        {
            // The caller may be waiting for the last helper: take the lock so the notification
            // cannot fall between its check and its wait.
            let _g = self.idle.lock().unwrap_or_else(|e| e.into_inner());
            self.idle_cv.notify_all();
        }
    }

    /// The caller's share; returns the payload of a task's panic, to resume once the team is
    /// released.
    fn run_as_caller(&self) -> Option<Box<dyn Any + Send>> {
        self.claim_all();
        // From here no helper may start on `f`; wait for those already on it.
        self.closed.store(true, Ordering::SeqCst);
        let mut spins = 0u32;
        while self.in_flight.load(Ordering::SeqCst) != 0 {
            if spins < 1 << 12 {
                // A helper finishing its last task is usually microseconds away.
                std::hint::spin_loop();
                spins += 1;
                continue;
            }
            // Descheduled helper: sleep rather than take the CPU it needs.
            let g = self.idle.lock().unwrap_or_else(|e| e.into_inner());
            if self.in_flight.load(Ordering::SeqCst) != 0 {
                drop(self.idle_cv.wait(g).unwrap_or_else(|e| e.into_inner()));
            }
        }
        fpstatus::raise(self.raised.load(Ordering::Relaxed));
        self.panic.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_task_runs_once() {
        let hits: Vec<AtomicUsize> = (0..1000).map(|_| AtomicUsize::new(0)).collect();
        for _ in 0..50 {
            for_each(hits.len(), &|i| {
                hits[i].fetch_add(1, Ordering::Relaxed);
            });
        }
        assert!(hits.iter().all(|h| h.load(Ordering::Relaxed) == 50));
    }

    #[test]
    fn nested_calls_run_inline() {
        let total = AtomicUsize::new(0);
        for_each(8, &|_| {
            for_each(8, &|_| {
                total.fetch_add(1, Ordering::Relaxed);
            })
        });
        assert_eq!(total.load(Ordering::Relaxed), 64);
    }

    #[test]
    fn a_panic_reaches_the_caller() {
        let r = catch_unwind(|| {
            for_each(64, &|i| {
                if i == 37 {
                    panic!("task 37");
                }
            })
        });
        assert!(r.is_err());
        // The team is usable afterwards.
        let n = AtomicUsize::new(0);
        for_each(16, &|_| {
            n.fetch_add(1, Ordering::Relaxed);
        });
        assert_eq!(n.load(Ordering::Relaxed), 16);
    }
}
