//! The codegen binary and library from outside, in one test binary: a test file is a
//! module here.

mod arguments;
mod determinism;
mod extensions;
mod success_rule;
