//! The xtask binary run as `cargo xtask` runs it, in one test binary: a test file is a
//! module here.

mod bench_specs;
mod regen;
mod workspace_root;
