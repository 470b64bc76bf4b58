//! Names each operation's call builder: the operation's name in `UpperCamel` with `Call`
//! (`list_users` → `ListUsersCall`), made unique against every type of the service, so a
//! builder never shadows a model in the module both live in.

use crate::ir::Operation;
use crate::lower::TypeTable;
use crate::names::{RESERVED_TYPES, camel, unique};
use std::collections::HashSet;

pub(crate) fn name_calls(types: &TypeTable, operations: &mut [Operation]) {
    let mut taken: HashSet<String> = types.iter().map(|t| t.name.clone()).collect();
    taken.extend(RESERVED_TYPES.iter().map(|r| r.to_string()));
    for op in operations {
        let name = unique(
            format!("{}Call", camel(&op.name, "Operation")),
            &taken,
            true,
        );
        taken.insert(name.clone());
        op.call = name;
    }
}
