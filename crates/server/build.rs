//! Links the `resume-server` executable at a fixed address (not as a
//! position-independent executable) on Linux with glibc.
//!
//! A position-independent executable is relocated by the dynamic loader at
//! every start: about 50,000 pointers in read-only data (vtables, constant
//! tables, the statically linked OpenSSL's and SQLite's tables) are written,
//! which copies some 230 pages and takes longer than reading a resume. For a
//! one-shot `resume-server extract` that was most of the run (2.2 ms against
//! 1.4 ms linked at a fixed address). The price is that the executable image
//! itself is not placed at a random address (shared libraries, stack and heap
//! still are); Go builds its Linux executables the same way by default.
//! Delete this file to link a position-independent executable again.

fn main() {
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").is_ok_and(|env| env == "gnu");
    if linux_gnu {
        println!("cargo:rustc-link-arg-bin=resume-server=-no-pie");
    }
}
