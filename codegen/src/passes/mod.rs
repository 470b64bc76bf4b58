//! Passes over the finished type table, each run once after lowering: an alias defined in
//! terms of itself is broken (and reported by `lower`), a field that closes a loop of
//! structs is boxed, each operation's call builder is named, a union whose arms hold one Rust type is marked
//! (no `From` per arm), and which types and values hold rules to check is decided.
//!
//! Each pass walks the graph of types (a type → the named types its fields or its alias
//! target name) in time linear in its size.

mod boxing;
mod calls;
mod checked;
mod cycles;
mod graph;
mod unions;

pub(crate) use boxing::box_recursive_fields;
pub(crate) use calls::name_calls;
pub(crate) use checked::mark_checked;
pub(crate) use cycles::break_alias_cycles;
pub(crate) use unions::mark_alike_arms;
