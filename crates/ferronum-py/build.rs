//! Exposes the target interpreter's version and build (`Py_3_14`, `Py_GIL_DISABLED`) as cfgs:
//! whether reusing a temporary's buffer is safe depends on them (`ndarray::is_temporary`).
//!
//! Where the linker is LLD (rustc's default on x86_64 Linux since 1.90), identical functions
//! are folded into one (`--icf=all`): the engine's loops are monomorphised per dtype, and many
//! compile to the same machine code (signed and unsigned integer loops of one width, closures
//! of the same shape); that removes about 1.3 MB of the extension's 24 MB of code. Rust gives no
//! meaning to the identity of a function's address, so folding is sound.
//! `FERRONUM_NO_ICF=1` turns it off.
use std::process::Command;

fn main() {
    pyo3_build_config::use_pyo3_cfgs();
    println!("cargo:rerun-if-env-changed=FERRONUM_NO_ICF");
    println!("cargo:rerun-if-env-changed=RUSTFLAGS");
    println!("cargo:rerun-if-env-changed=CARGO_ENCODED_RUSTFLAGS");
    if std::env::var_os("FERRONUM_NO_ICF").is_none() && links_with_lld() {
        println!("cargo:rustc-link-arg-cdylib=-Wl,--icf=all");
    }
}

/// Whether rustc links this target with its bundled LLD: x86_64 Linux (GNU) from rustc 1.90
/// on, unless the flags pick another linker.
fn links_with_lld() -> bool {
    let env = |k: &str| std::env::var(k).unwrap_or_default();
    if env("TARGET") != "x86_64-unknown-linux-gnu" {
        return false;
    }
    let flags = env("CARGO_ENCODED_RUSTFLAGS");
    if flags.contains("linker")
        || std::env::var_os("CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER").is_some()
    {
        return false;
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let Ok(out) = Command::new(rustc).arg("--version").output() else {
        return false;
    };
    // "rustc 1.95.0 (...)": the minor version.
    let text = String::from_utf8_lossy(&out.stdout);
    let minor = text
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.split('.').nth(1))
        .and_then(|m| m.parse::<u32>().ok());
    minor.is_some_and(|m| m >= 90)
}
