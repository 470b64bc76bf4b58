//! Rust names of component schemas: chosen once, before any schema is lowered, so a `$ref`
//! to a later schema already has its name. A name the generated module uses, or one two
//! schemas would share, is refused.

use super::context::Lowering;
use crate::names::{RESERVED_TYPES, camel};
use std::collections::HashMap;

impl Lowering<'_> {
    pub(super) fn register_components(&mut self) {
        // Rust name → the schema that took it.
        let mut seen: HashMap<String, String> = HashMap::new();
        let doc = self.doc;
        for (name, _) in &doc.components.schemas {
            let rust = camel(&name.value, "Schema");
            if RESERVED_TYPES.contains(&rust.as_str()) {
                let message = format!(
                    "schema `{}` would be the Rust type `{rust}`, which the generated code already uses",
                    name.value
                );
                self.error_hint(
                    name.pos,
                    message,
                    format!("rename the schema, e.g. `{rust}Info`"),
                );
                continue;
            }
            if let Some(other) = seen.get(&rust) {
                let message = format!(
                    "schemas `{other}` and `{}` would both be the Rust type `{rust}`",
                    name.value
                );
                self.error_hint(name.pos, message, "rename one of them");
                continue;
            }
            seen.insert(rust.clone(), name.value.clone());
            self.types.reserve(&rust);
            self.component_pos.insert(rust.clone(), name.pos);
            self.components.insert(name.value.clone(), rust);
        }
    }
}
