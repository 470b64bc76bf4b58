//! The workspace's integration tests, in one test binary (`cargo test -p client-tests`):
//! a test file is a module here, so it runs as soon as its `mod` line is in its folder's
//! `mod.rs`, without a manifest entry. Shared helpers and fixture values are the
//! `client_tests` library (`tests/support/`).

mod fake;
mod generator;
mod http;
