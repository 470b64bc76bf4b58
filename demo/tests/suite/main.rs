//! The demo program from outside, in one test binary: a test file is a module here.

mod demo;
