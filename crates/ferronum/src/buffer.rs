//! Element storage shared by an array and its views.
//!
//! This is the engine's one deliberately shared-mutable area. Invariants:
//! - a `Buffer` never moves or frees its bytes while any `Arc<Buffer>` is alive;
//! - kernels write only through an array whose `writeable` flag is set, and each kernel writes
//!   disjoint element ranges per thread (the planner splits by output position);
//! - when an output may alias an input (views of one buffer), the caller copies the input first
//!   (NumPy's overlap rule), so no kernel reads what it has already overwritten.

use crate::error::{Error, Result};
use std::alloc::{alloc, alloc_zeroed, dealloc, Layout as AllocLayout};
use std::any::Any;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Alignment of owned buffers: a cache line, which also suits every SIMD width we use.
pub const ALIGN: usize = 64;
/// What malloc guarantees on 64-bit targets; asking for no more keeps us on its fast path.
const MALLOC_ALIGN: usize = 16;

pub struct Buffer {
    ptr: *mut u8,
    len: usize,
    owner: Owner,
    /// An opaque handle the bindings keep on the object that owns this buffer (NumPy's
    /// `base` of a view); 0 when there is none. The engine never reads it.
    owner_token: AtomicUsize,
}

enum Owner {
    /// Allocated here (the block starts at this pointer; see `alloc_layout`); freed on drop.
    Own(*mut u8),
    /// Memory of another owner (a NumPy array, a Rust Vec) kept alive by this handle.
    Foreign(Box<dyn Any + Send + Sync>),
}

// SAFETY: a `Buffer` is plain bytes plus their owner: a block from the global allocator (which
// any thread may free; `Drop` hands it to the dropping thread's caches or the allocator) or a
// `Send + Sync` keep-alive box. Nothing in it is tied to the thread that made it.
unsafe impl Send for Buffer {}
// SAFETY: `&Buffer` gives out only the pointer and the length; every access to the bytes goes
// through raw pointers in `unsafe` code, which the invariants above keep free of data races
// (disjoint writes per thread, no reads of what another thread writes).
unsafe impl Sync for Buffer {}

impl Buffer {
    /// The block actually asked of the allocator: `ALIGN` spare bytes and malloc's own
    /// alignment, so the 64-byte-aligned start is found inside it. `posix_memalign` (what an
    /// alignment of 64 asks for) splits and frees chunks on every call and costs more than a
    /// whole 1,000-element add; plain malloc takes its thread cache's fast path.
    fn alloc_layout(len: usize) -> Result<AllocLayout> {
        len.checked_add(ALIGN)
            .and_then(|n| AllocLayout::from_size_align(n, MALLOC_ALIGN).ok())
            .ok_or_else(|| Error::Memory(format!("Unable to allocate {len} bytes for an array")))
    }

    fn allocate(len: usize, zeroed: bool) -> Result<Buffer> {
        let layout = Self::alloc_layout(len)?;
        // SAFETY: `alloc_layout` asks for `len + ALIGN` bytes, so the layout's size is non-zero
        // (the one requirement of `alloc`/`alloc_zeroed`); a null result is handled below.
        let base = unsafe {
            if zeroed {
                alloc_zeroed(layout)
            } else {
                alloc(layout)
            }
        };
        if base.is_null() {
            return Err(Error::Memory(format!(
                "Unable to allocate {} for an array",
                human_bytes(len)
            )));
        }
        // SAFETY: `base` is 16-byte aligned, so the offset to the next 64-byte boundary is at
        // most `ALIGN - 16`; the block has `len + ALIGN` bytes, so the result and the `len`
        // bytes after it stay inside it.
        let ptr = unsafe { base.add(base.align_offset(ALIGN)) };
        advise_huge_pages(ptr, len);
        Ok(Buffer {
            ptr,
            len,
            owner: Owner::Own(base),
            owner_token: AtomicUsize::new(0),
        })
    }

    /// Uninitialised bytes; the caller fills every element before anyone reads them. Large
    /// blocks come from the cache of recently freed ones when one of this size is there.
    pub fn uninit(len: usize) -> Result<Buffer> {
        if let Some((ptr, base)) = recent::take(len).or_else(|| cache::take(len)) {
            return Ok(Buffer {
                ptr,
                len,
                owner: Owner::Own(base),
                owner_token: AtomicUsize::new(0),
            });
        }
        Self::allocate(len, false)
    }

    pub fn zeroed(len: usize) -> Result<Buffer> {
        Self::allocate(len, true)
    }

    /// Wraps memory owned elsewhere.
    ///
    /// # Safety
    /// `ptr..ptr+len` must stay valid for as long as `keep_alive` lives.
    pub unsafe fn foreign(
        ptr: *mut u8,
        len: usize,
        keep_alive: Box<dyn Any + Send + Sync>,
    ) -> Buffer {
        Buffer {
            ptr,
            len,
            owner: Owner::Foreign(keep_alive),
            owner_token: AtomicUsize::new(0),
        }
    }

    pub fn from_vec<T: Copy + Send + Sync + 'static>(v: Vec<T>) -> Buffer {
        let mut v = std::mem::ManuallyDrop::new(v);
        let (ptr, len) = (
            v.as_mut_ptr() as *mut u8,
            v.len() * std::mem::size_of::<T>(),
        );
        let v = std::mem::ManuallyDrop::into_inner(v);
        // SAFETY: `ptr` is the Vec's heap block (or a dangling, aligned pointer when it holds
        // no bytes), initialised for `len` bytes; the block does not move when the Vec itself
        // is moved into the box, and the box keeps it allocated as long as the buffer lives.
        unsafe { Buffer::foreign(ptr, len, Box::new(v)) }
    }

    pub fn as_ptr(&self) -> *mut u8 {
        self.ptr
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// What keeps foreign memory alive (a NumPy array, a Vec), for the bindings' `base`.
    pub fn keep_alive(&self) -> Option<&(dyn Any + Send + Sync)> {
        match &self.owner {
            Owner::Foreign(k) => Some(k.as_ref()),
            Owner::Own(_) => None,
        }
    }

    /// The owner handle, 0 when none is registered.
    pub fn owner_token(&self) -> usize {
        self.owner_token.load(Ordering::Acquire)
    }

    /// Registers `token` as the owner when there is none yet; true when it did.
    pub fn claim_owner(&self, token: usize) -> bool {
        self.owner_token
            .compare_exchange(0, token, Ordering::AcqRel, Ordering::Relaxed)
            .is_ok()
    }

    /// Unregisters `token` if it is the owner.
    pub fn release_owner(&self, token: usize) {
        let _ = self
            .owner_token
            .compare_exchange(token, 0, Ordering::AcqRel, Ordering::Relaxed);
    }

    pub fn is_owned(&self) -> bool {
        matches!(self.owner, Owner::Own(_))
    }
}

impl Drop for Buffer {
    fn drop(&mut self) {
        if let Owner::Own(base) = self.owner {
            if recent::give(self.ptr, base, self.len) || cache::give(self.ptr, base, self.len) {
                return;
            }
            if let Ok(layout) = Self::alloc_layout(self.len) {
                // SAFETY: an owned buffer's `base` came from `alloc`/`alloc_zeroed` in
                // `allocate` with `alloc_layout(self.len)` (a block taken from a cache keeps the
                // length it was allocated with), which is computed again here; neither cache
                // kept it, so this is its only release.
                unsafe { dealloc(base, layout) };
            }
        }
    }
}

/// The last few mid-sized blocks (1 KiB to 256 KiB) freed on this thread. Above malloc's
/// per-thread cache (1 KiB) every block goes through its bins, splitting and merging chunks:
/// for a 1,000-element float64 result that was a sixth of a whole `add`. A loop of element-wise
/// calls frees and asks for the same sizes over and over, so a handful of slots per thread
/// catches nearly all of them; at most 2 MiB per thread is held back.
mod recent {
    use super::{dealloc, Buffer};
    use std::cell::RefCell;

    const MIN: usize = 1 << 10;
    const MAX: usize = 1 << 18;
    const SLOTS: usize = 8;

    /// Aligned start, allocated block, length; `len == 0` marks an empty slot.
    #[derive(Clone, Copy)]
    struct Block(*mut u8, *mut u8, usize);

    struct Slots([Block; SLOTS]);

    impl Drop for Slots {
        fn drop(&mut self) {
            for b in self.0.iter().filter(|b| b.2 != 0) {
                if let Ok(layout) = Buffer::alloc_layout(b.2) {
                    // SAFETY: each block was allocated by `Buffer::allocate` with the layout of
                    // its length, recomputed here, and is owned by the cache alone (its buffer
                    // was dropped), so it is freed once.
                    unsafe { dealloc(b.1, layout) };
                }
            }
        }
    }

    thread_local! {
        static FREE: RefCell<Slots> = const {
            RefCell::new(Slots([Block(std::ptr::null_mut(), std::ptr::null_mut(), 0); SLOTS]))
        };
    }

    /// A block of exactly `len` bytes freed on this thread: (aligned start, allocated block).
    pub fn take(len: usize) -> Option<(*mut u8, *mut u8)> {
        if !(MIN..=MAX).contains(&len) {
            return None;
        }
        FREE.try_with(|f| {
            let mut f = f.borrow_mut();
            let b = f.0.iter_mut().find(|b| b.2 == len)?;
            let taken = *b;
            b.2 = 0;
            Some((taken.0, taken.1))
        })
        .ok()
        .flatten()
    }

    /// Keeps the block in a free slot; false when there is none (the caller frees it).
    pub fn give(ptr: *mut u8, base: *mut u8, len: usize) -> bool {
        if !(MIN..=MAX).contains(&len) {
            return false;
        }
        FREE.try_with(|f| {
            let mut f = f.borrow_mut();
            match f.0.iter_mut().find(|b| b.2 == 0) {
                Some(slot) => {
                    *slot = Block(ptr, base, len);
                    true
                }
                None => false,
            }
        })
        .unwrap_or(false)
    }
}

/// A small cache of large freed blocks. A chain like `np.sum((a - b) ** 2, axis=1)` frees and
/// allocates same-sized temporaries on every call; without the cache each is a fresh mapping
/// from the OS, page faults and all, which costs more than the arithmetic. Bounded in count
/// and bytes, so memory held back stays small next to the arrays in use.
mod cache {
    use std::sync::Mutex;

    /// Blocks below this size come from malloc's own free lists cheaply already.
    const MIN: usize = 1 << 20;
    const MAX_BLOCKS: usize = 8;
    const MAX_BYTES: usize = 256 << 20;

    /// Aligned start, allocated block, length.
    struct Block(*mut u8, *mut u8, usize);
    // SAFETY: a cached block belongs to the cache alone (its buffer was dropped), and heap
    // memory from the global allocator may be handed to, and freed by, any thread.
    unsafe impl Send for Block {}

    static FREE: Mutex<Vec<Block>> = Mutex::new(Vec::new());

    /// A cached block of `len` bytes: (aligned start, allocated block).
    pub fn take(len: usize) -> Option<(*mut u8, *mut u8)> {
        if len < MIN {
            return None;
        }
        let mut free = FREE.lock().ok()?;
        let i = free.iter().position(|b| b.2 == len)?;
        let b = free.swap_remove(i);
        Some((b.0, b.1))
    }

    /// Keeps the block for reuse; false when the cache is full (the caller frees it).
    pub fn give(ptr: *mut u8, base: *mut u8, len: usize) -> bool {
        if !(MIN..=MAX_BYTES).contains(&len) {
            return false;
        }
        let Ok(mut free) = FREE.lock() else {
            return false;
        };
        let held: usize = free.iter().map(|b| b.2).sum();
        if free.len() >= MAX_BLOCKS || held + len > MAX_BYTES {
            return false;
        }
        free.push(Block(ptr, base, len));
        true
    }
}

/// Asks Linux for transparent huge pages on large buffers (as NumPy does): a fresh 8 MB array
/// then costs 4 page faults instead of 2048, which is most of the time of a large element-wise
/// call into new memory.
#[cfg(target_os = "linux")]
pub fn advise_huge_pages(ptr: *mut u8, len: usize) {
    const HUGE: usize = 4 << 20;
    const PAGE: usize = 4096;
    if len < HUGE {
        return;
    }
    let start = (ptr as usize).div_ceil(PAGE) * PAGE;
    let end = (ptr as usize + len) / PAGE * PAGE;
    if end > start {
        // SAFETY: `start..end` is the whole pages inside `ptr..ptr + len`, a block of our own
        // allocation; `MADV_HUGEPAGE` only changes how the kernel backs those pages, never
        // their contents, and an error return is harmless (the hint is dropped).
        unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE) };
    }
}

#[cfg(not(target_os = "linux"))]
pub fn advise_huge_pages(_ptr: *mut u8, _len: usize) {}

fn human_bytes(n: usize) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.2} {}", UNITS[u])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A mid-sized block freed on this thread serves the next request of its size; a zeroed
    /// request never gets a cached (dirty) block.
    #[test]
    fn recent_blocks_are_reused_and_zeroed_ones_are_fresh() {
        let a = Buffer::uninit(8000).unwrap();
        // SAFETY: `a` owns 8000 writable bytes from `as_ptr`.
        unsafe { a.as_ptr().write_bytes(0xAB, 8000) };
        let p = a.as_ptr();
        drop(a);
        let z = Buffer::zeroed(8000).unwrap();
        // SAFETY: `z` owns 8000 zeroed (initialised) bytes, which nothing writes while `s` lives.
        let s = unsafe { std::slice::from_raw_parts(z.as_ptr(), 8000) };
        assert!(s.iter().all(|&v| v == 0));
        let b = Buffer::uninit(8000).unwrap();
        assert_eq!(b.as_ptr(), p);
        assert_eq!(b.as_ptr() as usize % ALIGN, 0);
    }

    /// Owned buffers start on `ALIGN` whatever malloc returned, and the whole length is usable
    /// (a write to the last byte lands inside the block that is freed on drop).
    #[test]
    fn owned_buffers_are_aligned_and_whole() {
        for len in [0, 1, 7, 64, 1000, 8000, 1 << 20, (1 << 20) + 3] {
            for zeroed in [false, true] {
                let b = if zeroed {
                    Buffer::zeroed(len)
                } else {
                    Buffer::uninit(len)
                }
                .unwrap();
                assert_eq!(b.as_ptr() as usize % ALIGN, 0, "len {len}");
                if zeroed {
                    // SAFETY: `b` owns `len` zeroed bytes from `as_ptr`, not written meanwhile.
                    let s = unsafe { std::slice::from_raw_parts(b.as_ptr(), len) };
                    assert!(s.iter().all(|&v| v == 0));
                }
                if len > 0 {
                    // SAFETY: `len > 0`, so byte `len - 1` is the last of `b`'s own bytes.
                    unsafe { b.as_ptr().add(len - 1).write(0xAB) };
                }
            }
        }
    }
}
