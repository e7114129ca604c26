//! `ndarray.flat`: NumPy's `flatiter` over a ferronum array (indexing, assignment, iteration);
//! the work is `ferronum::ops::flat`.

use crate::common::{wrap, wrap_or_scalar, PyNdArray};
use crate::convert::to_array;
use crate::errors::{guard, guard_nogil};
use crate::ndarray::index_key;
use ferronum::ops::flat::{self, FlatKey};
use ferronum::ops::indexing::Key;
use ferronum::Order;
use pyo3::exceptions::{PyIndexError, PyStopIteration};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use std::sync::atomic::{AtomicUsize, Ordering};

#[pyclass(module = "ferronum", name = "flatiter", frozen)]
pub struct FlatIter {
    arr: Py<PyNdArray>,
    /// The flat position of the next element iteration yields.
    pos: AtomicUsize,
}

impl FlatIter {
    pub fn new(arr: Py<PyNdArray>) -> FlatIter {
        FlatIter {
            arr,
            pos: AtomicUsize::new(0),
        }
    }
}

/// The flat iterator's one index: a tuple holds at most one item.
fn flat_key(py: Python<'_>, key: &Bound<'_, PyAny>) -> PyResult<FlatKey> {
    let item = match key.cast::<PyTuple>() {
        Ok(t) if t.len() > 1 => return guard(py, || Err(flat::too_many(t.len()))),
        Ok(t) if t.is_empty() => return Ok(FlatKey::Slice(flat::ALL)),
        Ok(t) => t.get_item(0)?,
        Err(_) => key.clone(),
    };
    let k: Key = index_key(&item).map_err(|_| PyIndexError::new_err(flat::NOT_A_FLAT_INDEX))?;
    guard(py, || FlatKey::from_key(k))
}

#[pymethods]
impl FlatIter {
    fn __len__(&self) -> usize {
        self.arr.get().meta().size()
    }

    fn __getitem__(&self, py: Python<'_>, key: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let key = flat_key(py, key)?;
        let a = self.arr.get().inner();
        let r = guard_nogil(py, a.size(), || flat::get(a, &key))?;
        if matches!(key, FlatKey::Int(_)) {
            return wrap_or_scalar(py, r);
        }
        wrap(py, r)
    }

    fn __setitem__(
        &self,
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        value: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        if key.cast::<PyTuple>().is_ok_and(|t| t.is_empty()) {
            return Err(PyIndexError::new_err(
                "Assigning to a flat iterator with a 0-D index is not supported",
            ));
        }
        let key = flat_key(py, key)?;
        let a = self.arr.get().inner();
        let v = to_array(value)?;
        guard_nogil(py, a.size(), || flat::set(a, &key, &v))
    }

    fn __iter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let a = self.arr.get().inner();
        let i = self.pos.load(Ordering::Relaxed);
        if i >= a.size() {
            return Err(PyStopIteration::new_err(()));
        }
        self.pos.store(i + 1, Ordering::Relaxed);
        let r = guard(py, || flat::get(a, &FlatKey::Int(i as isize)))?;
        wrap_or_scalar(py, r)
    }

    /// The array iterated over.
    #[getter]
    fn base(&self, py: Python<'_>) -> Py<PyNdArray> {
        self.arr.clone_ref(py)
    }

    /// The flat position of the next element.
    #[getter]
    fn index(&self) -> usize {
        self.pos.load(Ordering::Relaxed)
    }

    /// The coordinates of the next element.
    #[getter]
    fn coords<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let a = self.arr.get().meta();
        let mut rest = self.pos.load(Ordering::Relaxed);
        let mut c = vec![0usize; a.ndim()];
        for (k, &d) in a.shape().iter().enumerate().rev() {
            if d > 0 {
                c[k] = rest % d;
                rest /= d;
            }
        }
        PyTuple::new(py, c)
    }

    /// A 1-d copy of the array.
    fn copy(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let a = self.arr.get().inner();
        let r = guard_nogil(py, a.size(), || a.ravel()?.copy(Order::C))?;
        wrap(py, r)
    }

    /// NumPy's `__array__`: the elements as a 1-d NumPy array.
    #[pyo3(signature = (dtype=None, copy=None))]
    fn __array__<'py>(
        &self,
        py: Python<'py>,
        dtype: Option<&Bound<'py, PyAny>>,
        copy: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let _ = copy;
        let flat = self.copy(py)?;
        let np = py.import("numpy")?;
        let kw = pyo3::types::PyDict::new(py);
        if let Some(d) = dtype {
            kw.set_item("dtype", d)?;
        }
        np.getattr("asarray")?.call((flat,), Some(&kw))
    }
}
