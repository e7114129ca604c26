//! The loop planner: broadcast operands to one shape, drop length-1 axes, order axes by memory
//! stride, merge axes that are contiguous in every operand, then call a typed inner loop over
//! the innermost run, splitting the outer loops across the pool for large work.

// Loops index several operands' arrays in step; an index reads clearer than zipped iterators.
#![allow(clippy::needless_range_loop)]

use crate::array::Array;
use crate::layout::Dims;
use crate::parallel;
use smallvec::SmallVec;

/// Element strides of `N` operands along each axis of a common iteration shape.
#[derive(Clone, Debug)]
pub struct Plan<const N: usize> {
    pub shape: Dims,
    pub strides: SmallVec<[[isize; N]; 6]>,
    pub offsets: [isize; N],
}

impl<const N: usize> Plan<N> {
    /// The plan over `arrays[0]`'s shape (an output) for arrays already broadcast to it, each
    /// with its own strides and offset: the set-up every element-wise loop starts with.
    pub fn over(arrays: [&Array; N]) -> Plan<N> {
        let layouts = arrays.map(|a| a.layout());
        Plan::new(
            &layouts[0].shape,
            layouts.map(|l| &l.strides[..]),
            layouts.map(|l| l.offset as isize),
        )
    }

    /// Builds a plan over `shape`, given each operand's strides (already broadcast to `shape`)
    /// and offset. Axis order follows operand 0 (the output) unless its stride is 0.
    pub fn new(shape: &[usize], strides: [&[isize]; N], offsets: [isize; N]) -> Plan<N> {
        let mut axes: SmallVec<[(usize, [isize; N]); 6]> = SmallVec::new();
        for (k, &d) in shape.iter().enumerate() {
            if d != 1 {
                let mut s = [0isize; N];
                for op in 0..N {
                    s[op] = strides[op][k];
                }
                axes.push((d, s));
            }
        }
        // Order axes outer-to-inner by decreasing stride of the first operand that moves along
        // them; insertion sort keeps it total and stable for the handful of axes we have.
        let key = |s: &[isize; N]| {
            s.iter()
                .find(|&&x| x != 0)
                .map(|x| x.unsigned_abs())
                .unwrap_or(0)
        };
        for i in 1..axes.len() {
            let mut j = i;
            while j > 0 && key(&axes[j - 1].1) < key(&axes[j].1) {
                axes.swap(j - 1, j);
                j -= 1;
            }
        }
        // Merge an axis into the next inner one when every operand steps over it contiguously.
        let mut merged: SmallVec<[(usize, [isize; N]); 6]> = SmallVec::new();
        for (d, s) in axes.into_iter().rev() {
            if let Some((id, is)) = merged.last_mut() {
                if (0..N).all(|op| s[op] == is[op] * *id as isize) {
                    *id *= d;
                    continue;
                }
            }
            merged.push((d, s));
        }
        merged.reverse();
        Plan {
            shape: merged.iter().map(|a| a.0).collect(),
            strides: merged.iter().map(|a| a.1).collect(),
            offsets,
        }
    }

    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// The innermost run length and each operand's stride along it.
    pub fn inner(&self) -> (usize, [isize; N]) {
        match self.shape.len() {
            0 => (1, [0; N]),
            n => (self.shape[n - 1], self.strides[n - 1]),
        }
    }

    fn outer_count(&self) -> usize {
        let n = self.shape.len();
        if n == 0 {
            1
        } else {
            self.shape[..n - 1].iter().product()
        }
    }

    /// Offsets of each operand at flat position `i` (row-major over the plan's shape).
    pub fn offsets_of(&self, i: usize) -> [isize; N] {
        let (len, inner) = self.inner();
        let len = len.max(1);
        let mut off = self.outer_offsets(i / len);
        for op in 0..N {
            off[op] += (i % len) as isize * inner[op];
        }
        off
    }

    /// Offsets of each operand at outer index `o` (row-major over all but the innermost axis).
    fn outer_offsets(&self, mut o: usize) -> [isize; N] {
        let mut off = self.offsets;
        let n = self.shape.len();
        if n < 2 {
            return off;
        }
        for k in (0..n - 1).rev() {
            let d = self.shape[k];
            let i = (o % d) as isize;
            o /= d;
            for op in 0..N {
                off[op] += i * self.strides[k][op];
            }
        }
        off
    }

    /// Calls `f(offsets, len, inner_strides)` for every inner run, in order, on this thread.
    ///
    /// `f` is called through a pointer, as NumPy calls its inner loops: one indirect call per run
    /// instead of a copy of this walk in every closure's kernel.
    pub fn run_serial(&self, f: &mut dyn FnMut([isize; N], usize, [isize; N])) {
        self.run_range(0, self.outer_count(), f);
    }

    /// Generic only so that it is compiled twice per operand count, for `run_serial`'s
    /// `dyn FnMut` and the parallel driver's `dyn Fn`: each run is one indirect call.
    fn run_range<F: FnMut([isize; N], usize, [isize; N]) + ?Sized>(
        &self,
        start: usize,
        end: usize,
        f: &mut F,
    ) {
        if self.size() == 0 || start >= end {
            return;
        }
        let (len, inner) = self.inner();
        let n = self.shape.len();
        let mut off = self.outer_offsets(start);
        let mut idx: SmallVec<[usize; 6]> = SmallVec::from_elem(0, n.saturating_sub(1));
        // Unravel `start` into the odometer.
        let mut o = start;
        for k in (0..n.saturating_sub(1)).rev() {
            idx[k] = o % self.shape[k];
            o /= self.shape[k];
        }
        for _ in start..end {
            f(off, len, inner);
            // Advance the odometer over the outer axes.
            let mut k = n.saturating_sub(1);
            while k > 0 {
                k -= 1;
                idx[k] += 1;
                for op in 0..N {
                    off[op] += self.strides[k][op];
                }
                if idx[k] < self.shape[k] {
                    break;
                }
                for op in 0..N {
                    off[op] -= self.strides[k][op] * self.shape[k] as isize;
                }
                idx[k] = 0;
            }
        }
    }

    /// Like `run_serial`, but splits the work across the threads when it is large. `f` must
    /// only write to positions its own runs cover (operand 0 is the output and moves on every
    /// axis).
    pub fn run_parallel(&self, f: &(dyn Fn([isize; N], usize, [isize; N]) + Sync)) {
        self.run_parallel_weighted(1, f)
    }

    /// `run_parallel` where each position costs `weight` elements of work (a reduction's output
    /// position stands for a whole reduced lane), so few outputs of long lanes still split.
    ///
    /// Not generic over the closure (one copy per operand count), as NumPy calls its inner
    /// loops through a pointer: the indirect call per run is nothing beside a run's elements,
    /// and each of the engine's ~1,500 kernel closures no longer brings its own copy of the
    /// odometer and the splitting.
    #[inline(never)]
    pub fn run_parallel_weighted(
        &self,
        weight: usize,
        f: &(dyn Fn([isize; N], usize, [isize; N]) + Sync),
    ) {
        let total = self.size().saturating_mul(weight.max(1));
        if !parallel::worth_splitting(total) {
            self.run_range(0, self.outer_count(), &mut &*f);
            return;
        }
        let outer = self.outer_count();
        let (len, inner) = self.inner();
        let pieces = parallel::pieces(total).min(self.size());
        if outer >= pieces {
            let chunk = outer.div_ceil(pieces);
            parallel::for_each(outer.div_ceil(chunk), &|c| {
                let (s, e) = (c * chunk, ((c + 1) * chunk).min(outer));
                self.run_range(s, e, &mut &*f);
            });
        } else {
            // Few long rows: split each row into blocks.
            let per_row = pieces.div_ceil(outer);
            let block = len.div_ceil(per_row).max(1);
            let blocks = len.div_ceil(block);
            parallel::for_each(outer * blocks, &|t| {
                let (row, b) = (t / blocks, t % blocks);
                let mut off = self.outer_offsets(row);
                let start = b * block;
                for op in 0..N {
                    off[op] += start as isize * inner[op];
                }
                f(off, block.min(len - start), inner);
            });
        }
    }
}

/// A raw pointer that may cross threads: kernels hand each thread disjoint positions.
pub struct SendPtr<T>(pub *mut T);

// Copy for every `T` (a derive would ask `T: Copy`): slots of non-Copy results are written too.
impl<T> Clone for SendPtr<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for SendPtr<T> {}
// SAFETY: a `SendPtr` only carries an address; every kernel that dereferences it on several
// threads hands each thread positions no other thread writes.
unsafe impl<T> Send for SendPtr<T> {}
// SAFETY: as for `Send`.
unsafe impl<T> Sync for SendPtr<T> {}

impl<T> SendPtr<T> {
    /// # Safety
    /// `off` must be inside the allocation this pointer belongs to.
    #[inline(always)]
    pub unsafe fn at(self, off: isize) -> *mut T {
        // SAFETY: the caller keeps `off` inside the allocation.
        unsafe { self.0.offset(off) }
    }
}
