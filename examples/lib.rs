//! What the examples share: each starts fake-cloud in its own process, calls one service
//! with the generated client as an application would, and prints each step with [`show`].
//! Run one with `cargo run --example ddm_accounts` (or `dws_om_user`, `ocp_users`).

use std::fmt::Debug;

/// Prints one step of an example and what it returned.
pub fn show(step: &str, value: &impl Debug) {
    println!("{step}\n    {value:?}\n");
}
