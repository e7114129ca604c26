//! Python bindings of ferronum: thin wrappers that convert arguments, call the engine and map
//! its errors. `python/ferronum/__init__.py` re-exports these under NumPy's names.

#![warn(clippy::undocumented_unsafe_blocks)]
#![warn(unsafe_op_in_unsafe_fn)]

mod common;
mod convert;
mod counting;
mod dtypes;
mod errors;
mod fft;
mod flatiter;
mod functions;
mod index_fns;
mod io;
mod linalg;
mod manip;
mod ndarray;
mod numerics;
mod printing;
mod products;
mod protocols;
mod quantile;
mod random;
mod reductions;
mod select_fns;
mod sorting;
mod subclass;
mod ufunc_methods;
mod ufuncs;

use pyo3::prelude::*;

#[pymodule]
fn _ferronum(m: &Bound<'_, PyModule>) -> PyResult<()> {
    use functions::*;
    use index_fns::*;
    use reductions::*;
    m.add_class::<common::PyNdArray>()?;
    subclass::init(m.py());
    m.add_function(wrap_pyfunction!(subclass::_rebuild_subclass, m)?)?;
    m.add_function(wrap_pyfunction!(subclass::_like, m)?)?;
    m.add_class::<ndarray::Flags>()?;
    m.add_class::<flatiter::FlatIter>()?;
    macro_rules! add {
        ($($f:ident),* $(,)?) => { $( m.add_function(wrap_pyfunction!($f, m)?)?; )* };
    }
    add!(
        array,
        asarray,
        zeros,
        ones,
        empty,
        full,
        zeros_like,
        ones_like,
        empty_like,
        full_like,
        arange,
        linspace,
        eye,
        identity,
        sum,
        prod,
        max,
        min,
        amax,
        amin,
        nansum,
        nanprod,
        nanmax,
        nanmin,
        any,
        all,
        mean,
        nanmean,
        var,
        std_fn,
        nanvar,
        nanstd,
        ptp,
        count_nonzero,
        average,
        argmax,
        argmin,
        nanargmax,
        nanargmin,
        cumsum,
        cumprod,
        nancumsum,
        nancumprod,
        einsum,
        einsum_path,
        where_,
        nonzero,
        shares_memory,
        may_share_memory,
        argwhere,
        flatnonzero,
        take,
        compress,
        extract,
        put,
        putmask,
        place,
        take_along_axis,
        put_along_axis,
        unravel_index,
        ravel_multi_index,
        norm,
        set_num_threads,
        get_num_threads,
        _panic_for_test,
        _rebuild,
    );
    quantile::register(m)?;
    random::register(m)?;
    linalg::register(m)?;
    fft::register(m)?;
    manip::register(m)?;
    numerics::register(m)?;
    products::register(m)?;
    select_fns::register(m)?;
    sorting::register(m)?;
    ufuncs::register(m)?;
    counting::register(m)?;
    protocols::register(m)?;
    printing::register(m)?;
    io::register(m)?;
    Ok(())
}
