//! `allOf`: the parts of an object merged, in order, into one list of properties. A part met
//! again on the chain that leads to it is a cycle; a part merged already adds nothing.

use super::context::Lowering;
use super::index::SCHEMA_PREFIX;
use super::shape::is_object;
use super::unions::is_union;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::spec::{self, At};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// An `allOf` none of whose parts is an object (`allOf: [{$ref: Name}]` with a description
/// beside it, or a type and its rules written apart): the value is what its parts say.
pub(super) enum PlainAllOf<'a> {
    /// The schema's own `type` says it.
    Own,
    /// This part (a `$ref`, or an inline part with a `type`) says it.
    Part(&'a spec::Schema),
}

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
    /// Whether the schema is an `allOf` of parts that are not objects, and which part
    /// gives its type.
    pub(super) fn plain_all_of(&self, schema: &'a spec::Schema) -> Option<PlainAllOf<'a>> {
        let own_object = schema.ty.as_ref().is_some_and(|t| t.value == "object");
        if schema.all_of.is_empty() || !schema.properties.is_empty() || own_object {
            return None;
        }
        if is_union(schema) {
            return None;
        }
        let mut typed = None;
        for part in &schema.all_of {
            let target = match &part.reference {
                Some(reference) => {
                    let name = reference.value.strip_prefix(SCHEMA_PREFIX)?;
                    self.index.schemas.get(name)?
                }
                None => part,
            };
            if is_object(target) {
                return None;
            }
            let says = part.reference.is_some() || part.ty.is_some() || is_union(part);
            if typed.is_none() && says {
                typed = Some(part);
            }
        }
        Some(match (&schema.ty, typed) {
            (None, Some(part)) => PlainAllOf::Part(part),
            _ => PlainAllOf::Own,
        })
    }

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
                    "this `allOf` mixes object parts with a part that is not an object",
                    "compose objects with objects; a value that is not an object takes `allOf` parts that are not objects either",
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
                    let names = out.list.iter().map(|p| p.wire.value.as_str());
                    // A near miss of a declared property is a typo that would drop the rule;
                    // any other name is valid JSON Schema the struct cannot hold (a warning).
                    if did_you_mean(&required.value, names).is_some() {
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
                        self.lapse(d);
                    } else {
                        self.warn(
                            required.pos,
                            format!(
                                "`required` names `{}`, which is not a declared property; not checked",
                                required.value
                            ),
                        );
                    }
                }
            }
        }
        walk.stack.remove(&(schema as *const spec::Schema));
        walk.merged.insert(schema);
    }
}

/// The schema with the rules (`maxLength`, `minimum`, ...) its inline `allOf` parts write,
/// where it writes none of its own: `allOf: [{type: string}, {maxLength: 10}]`.
pub(super) fn with_part_rules(schema: &spec::Schema) -> Cow<'_, spec::Schema> {
    let parts: Vec<&spec::Schema> = schema
        .all_of
        .iter()
        .filter(|p| p.reference.is_none() && p.properties.is_empty())
        .collect();
    if parts.is_empty() {
        return Cow::Borrowed(schema);
    }
    let mut merged = schema.clone();
    for part in parts {
        let m = &mut merged;
        m.min_length = m.min_length.take().or_else(|| part.min_length.clone());
        m.max_length = m.max_length.take().or_else(|| part.max_length.clone());
        m.pattern = m.pattern.take().or_else(|| part.pattern.clone());
        m.min_items = m.min_items.take().or_else(|| part.min_items.clone());
        m.max_items = m.max_items.take().or_else(|| part.max_items.clone());
        m.minimum = m.minimum.take().or_else(|| part.minimum.clone());
        m.maximum = m.maximum.take().or_else(|| part.maximum.clone());
        m.multiple_of = m.multiple_of.take().or_else(|| part.multiple_of.clone());
        m.unique_items |= part.unique_items;
        m.exclusive_minimum |= part.exclusive_minimum;
        m.exclusive_maximum |= part.exclusive_maximum;
    }
    Cow::Owned(merged)
}
