//! Files: NumPy's `.npy` container (`npy`), the Python literal its header is written in
//! (`pylit`), element bytes in either byte order (`raw`), text tables (`text`) and the printf
//! formatting `savetxt` and `tofile` use (`printf`). Everything here works on bytes, so one copy
//! of each routine serves every dtype (no per-dtype instantiation).

pub mod npy;
pub mod printf;
pub mod pylit;
pub mod raw;
pub mod text;
