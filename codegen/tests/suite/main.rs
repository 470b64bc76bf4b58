//! The codegen binary and library from outside, in one test binary: a test file is a
//! module here.

mod determinism;
mod extensions;
mod success_rule;
