//! Exposes the target interpreter's version and build (`Py_3_14`, `Py_GIL_DISABLED`) as cfgs:
//! whether reusing a temporary's buffer is safe depends on them (`ndarray::is_temporary`).
fn main() {
    pyo3_build_config::use_pyo3_cfgs();
}
