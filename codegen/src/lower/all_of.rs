//! `allOf`: the parts of an object merged, in order, into one list of properties. A part met
//! again on the chain that leads to it is a cycle; a part merged already adds nothing.

use super::context::Lowering;
use super::shape::is_object;
use crate::diagnostics::Diagnostic;
use crate::spec::{self, At};
use std::collections::{HashMap, HashSet};

/// One property of a merged object: its name as written, its schema, whether it is required.
pub(super) struct Property<'a> {
    pub(super) wire: &'a At<String>,
    pub(super) schema: &'a spec::Schema,
    pub(super) required: bool,
}

/// The properties of an object being merged, in order, found by name.
#[derive(Default)]
pub(super) struct Properties<'a> {
    pub(super) list: Vec<Property<'a>>,
    by_name: HashMap<&'a str, usize>,
}

/// The `allOf` parts being merged into one object: the chain that leads to the current part
/// (a part met again on it is a cycle) and the parts already merged.
#[derive(Default)]
struct PartsWalk {
    stack: HashSet<*const spec::Schema>,
    merged: HashSet<*const spec::Schema>,
}

impl<'a> Lowering<'a> {
    /// Properties and required names of an object, `allOf` parts merged in order.
    pub(super) fn object_properties(&mut self, schema: &'a spec::Schema) -> Properties<'a> {
        let mut out = Properties::default();
        self.merge_parts(schema, &mut out, &mut PartsWalk::default());
        out
    }

    fn merge_parts(
        &mut self,
        schema: &'a spec::Schema,
        out: &mut Properties<'a>,
        walk: &mut PartsWalk,
    ) {
        walk.stack.insert(schema);
        for part in &schema.all_of {
            let target = match &part.reference {
                Some(reference) => match self.resolve_schema_ref(reference) {
                    Some((_, target)) => target,
                    None => continue,
                },
                None => part,
            };
            let key = target as *const spec::Schema;
            if walk.stack.contains(&key) {
                let reference = part.reference.as_ref().map_or("", |r| r.value.as_str());
                self.error_hint(
                    part.pos,
                    format!("`allOf` includes `{reference}`, which includes this schema: a cycle"),
                    "an object cannot be composed of itself; remove one of the references",
                );
                continue;
            }
            // Merging the same part twice adds nothing (and a diamond of parts must not
            // multiply the work).
            if walk.merged.contains(&key) {
                continue;
            }
            if !is_object(target) {
                self.error_hint(
                    part.pos,
                    "each `allOf` part must be an object schema",
                    "compose objects only",
                );
                continue;
            }
            self.merge_parts(target, out, walk);
        }
        let required: HashSet<&str> = schema.required.iter().map(|r| r.value.as_str()).collect();
        for (name, property) in &schema.properties {
            let is_required = required.contains(name.value.as_str());
            match out.by_name.get(name.value.as_str()) {
                Some(&i) => {
                    let existing = &mut out.list[i];
                    let required = is_required || existing.required;
                    *existing = Property {
                        wire: name,
                        schema: property,
                        required,
                    };
                }
                None => {
                    out.by_name.insert(&name.value, out.list.len());
                    out.list.push(Property {
                        wire: name,
                        schema: property,
                        required: is_required,
                    });
                }
            }
        }
        // A name may be required here and declared by an `allOf` part.
        for required in &schema.required {
            match out.by_name.get(required.value.as_str()) {
                Some(&i) => out.list[i].required = true,
                None => {
                    let message = format!(
                        "`required` names `{}`, which is not a property",
                        required.value
                    );
                    let names = out.list.iter().map(|p| p.wire.value.as_str());
                    let d = Diagnostic::new(required.pos, message).suggesting(
                        &required.value,
                        names,
                        "",
                    );
                    self.diags.push(d);
                }
            }
        }
        walk.stack.remove(&(schema as *const spec::Schema));
        walk.merged.insert(schema);
    }
}
