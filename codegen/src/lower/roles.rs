//! The fields that carry a part of an error answer (`x-error-role`), recorded while lowering
//! and walked by `conventions`. A leaf: it uses no other lower module.

use std::collections::HashMap;

/// The part of an error answer a field carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Code,
    Message,
    RequestId,
}

/// Fields with an `x-error-role`: by (type, wire name), and their owners in the order met.
#[derive(Default)]
pub(super) struct Roles {
    pub(super) by_field: HashMap<(String, String), Role>,
    pub(super) owners: Vec<String>,
}
