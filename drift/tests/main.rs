//! The tests of page-drift, one binary: the stored pages against the specs, the
//! mutation suite, and pages that cannot be read.

mod clean;
mod mutations;
mod support;
mod unreadable;
