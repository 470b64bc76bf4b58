//! `oneOf` / `anyOf`: a Rust enum with one variant per arm. With a `discriminator`, the arm
//! is the one its property names (through `mapping`, or the arm's schema name); without,
//! the first arm that reads the value wins, so both keywords lower the same way.

use super::context::Lowering;
use super::index::SCHEMA_PREFIX;
use super::shape::is_object;
use crate::diagnostics::did_you_mean;
use crate::ir::*;
use crate::names::{camel, unique};
use crate::spec;
use crate::yaml::{Node, Pos};
use std::collections::HashSet;

/// Whether the schema is a union (`oneOf` or `anyOf`).
pub(super) fn is_union(schema: &spec::Schema) -> bool {
    !schema.one_of.is_empty() || !schema.any_of.is_empty()
}

/// The alternatives of a union: `oneOf`, or else `anyOf`.
fn arms_of(schema: &spec::Schema) -> &[spec::Schema] {
    if schema.one_of.is_empty() {
        &schema.any_of
    } else {
        &schema.one_of
    }
}

/// Whether every arm of a union beside `properties` only narrows that object: which of
/// its properties are required, which values one of them takes, how many it has (GitHub's
/// `anyOf: [{required: [description]}, {required: [files]}]`). Such arms add no shape.
fn arms_narrow_the_object(schema: &spec::Schema) -> bool {
    let declared = |name: &str| schema.properties.iter().any(|(n, _)| n.value == name);
    !schema.properties.is_empty()
        && arms_of(schema).iter().all(|arm| {
            arm.reference.is_none()
                && arm.ty.as_ref().is_none_or(|t| t.value == "object")
                && arm.items.is_none()
                && arm.all_of.is_empty()
                && !is_union(arm)
                && arm.properties.iter().all(|(name, _)| declared(&name.value))
                && arm.required.iter().all(|name| declared(&name.value))
        })
}

/// The values of a union whose arms are all string enums written in place (dropshot's
/// `oneOf: [{type: string, enum: [id_ascending]}, ...]`, one arm per documented value):
/// one enum holds them all.
fn string_enum_values(parts: &[spec::Schema]) -> Option<Vec<&Node>> {
    let is_string_enum = |arm: &spec::Schema| {
        arm.reference.is_none()
            && !arm.enumeration.is_empty()
            && arm.ty.as_ref().is_none_or(|t| t.value == "string")
            && arm.properties.is_empty()
    };
    parts
        .iter()
        .all(is_string_enum)
        .then(|| parts.iter().flat_map(|arm| &arm.enumeration).collect())
}

impl<'a> Lowering<'a> {
    /// Whether the schema lowers as a union. A union beside `properties` whose arms only
    /// narrow the object is read as the object; the arms are accepted and not checked
    /// before sending, which the warning says.
    pub(super) fn lowers_as_union(&mut self, schema: &spec::Schema) -> bool {
        if !is_union(schema) {
            return false;
        }
        if !arms_narrow_the_object(schema) {
            return true;
        }
        let keyword = if schema.one_of.is_empty() {
            "anyOf"
        } else {
            "oneOf"
        };
        self.warn(
            schema.union_at.unwrap_or(schema.pos),
            format!(
                "this `{keyword}` only narrows the object beside it (required properties, allowed values): the type follows `properties`, and the arms are not checked before sending"
            ),
        );
        false
    }

    pub(super) fn lower_union(&mut self, owner: &str, schema: &'a spec::Schema) -> TypeKind {
        let pos = schema.union_at.unwrap_or(schema.pos);
        if !schema.one_of.is_empty() && !schema.any_of.is_empty() {
            self.error_hint(
                pos,
                "a schema with both `oneOf` and `anyOf` is not supported",
                "keep one list of alternatives",
            );
        }
        if let Some((name, _)) = schema.properties.first() {
            self.error_hint(
                name.pos,
                "`properties` beside `oneOf` / `anyOf` is not supported",
                "move the shared properties into each arm (with `allOf`), or make the union a property of its own",
            );
        }
        if let Some(first) = schema.all_of.first() {
            self.error_hint(
                first.pos,
                "`allOf` beside `oneOf` / `anyOf` is not supported",
                "compose each arm with `allOf` instead",
            );
        }
        let parts = arms_of(schema);
        if schema.discriminator.is_none()
            && let Some(values) = string_enum_values(parts)
        {
            return self.lower_string_enum(values);
        }
        let mut arms: Vec<Arm> = Vec::new();
        let mut taken: HashSet<String> = HashSet::new();
        for (i, part) in parts.iter().enumerate() {
            let wanted = match &part.reference {
                Some(reference) => reference
                    .value
                    .strip_prefix(SCHEMA_PREFIX)
                    .map(|n| camel(n, "Arm"))
                    .unwrap_or_else(|| format!("Arm{}", i + 1)),
                None => part
                    .title
                    .as_deref()
                    .map(|t| camel(t, "Arm"))
                    .unwrap_or_else(|| arm_kind(part).to_string()),
            };
            let name = unique(wanted, &taken, true);
            taken.insert(name.clone());
            let ty = self.type_of(part, &format!("{owner}{name}"));
            if !matches!(ty, Type::Named(_)) {
                self.report_unchecked_arm_rules(part);
            }
            arms.push(Arm {
                name,
                ty,
                tags: Vec::new(),
                holds_rules: false,
            });
        }
        let tag = match &schema.discriminator {
            Some(discriminator) => {
                self.tag_arms(parts, &mut arms, discriminator);
                Some(discriminator.property.value.clone())
            }
            None => None,
        };
        TypeKind::Union {
            arms,
            tag,
            text: false,
            arms_alike: false,
        }
    }

    /// An arm that is a plain value written in place holds no rules of its own in the
    /// union (a named type does): its `pattern`, lengths and range are accepted and not
    /// checked, which the warning says.
    fn report_unchecked_arm_rules(&mut self, arm: &spec::Schema) {
        let rules = [
            ("pattern", arm.pattern.as_ref().map(|r| r.pos)),
            ("minLength", arm.min_length.as_ref().map(|r| r.pos)),
            ("maxLength", arm.max_length.as_ref().map(|r| r.pos)),
            ("minimum", arm.minimum.as_ref().map(|r| r.pos)),
            ("maximum", arm.maximum.as_ref().map(|r| r.pos)),
            ("multipleOf", arm.multiple_of.as_ref().map(|r| r.pos)),
            ("minItems", arm.min_items.as_ref().map(|r| r.pos)),
            ("maxItems", arm.max_items.as_ref().map(|r| r.pos)),
        ];
        let present: Vec<(&str, Pos)> = rules
            .iter()
            .filter_map(|(key, pos)| pos.map(|p| (*key, p)))
            .collect();
        if let Some((_, pos)) = present.first() {
            let keys: Vec<String> = present.iter().map(|(k, _)| format!("`{k}`")).collect();
            self.warn(
                *pos,
                format!(
                    "{} on an arm of a union written in place is not checked before sending; make the arm a component schema to have it checked",
                    keys.join(", ")
                ),
            );
        }
    }

    /// The discriminator values of each arm: the `mapping` keys that point to it, or else
    /// the arm's schema name, as OpenAPI says.
    fn tag_arms(
        &mut self,
        parts: &'a [spec::Schema],
        arms: &mut [Arm],
        discriminator: &spec::Discriminator,
    ) {
        let targets: Vec<Option<&str>> = parts
            .iter()
            .map(|p| {
                p.reference
                    .as_ref()
                    .and_then(|r| r.value.strip_prefix(SCHEMA_PREFIX))
            })
            .collect();
        for (key, target) in &discriminator.mapping {
            let name = target
                .value
                .strip_prefix(SCHEMA_PREFIX)
                .unwrap_or(&target.value);
            match targets.iter().position(|t| *t == Some(name)) {
                Some(i) => arms[i].tags.push(key.value.clone()),
                None => {
                    let known: Vec<&str> = targets.iter().flatten().copied().collect();
                    let hint = match did_you_mean(name, known.iter().copied()) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!("map to one of the arms: {}", known.join(", ")),
                    };
                    self.error_hint(
                        target.pos,
                        format!(
                            "the discriminator maps `{}` to `{}`, which is not an arm of the union",
                            key.value, target.value
                        ),
                        hint,
                    );
                }
            }
        }
        for ((part, target), arm) in parts.iter().zip(&targets).zip(arms.iter_mut()) {
            let Some(target) = target else {
                self.error_hint(
                    part.pos,
                    "with a `discriminator`, each arm must be a `$ref` to a component schema",
                    "move the inline arm into `components.schemas` and refer to it",
                );
                continue;
            };
            if let Some((_, schema)) = part
                .reference
                .as_ref()
                .and_then(|r| self.resolve_schema_ref(r))
                && !is_object(schema)
            {
                self.error_hint(
                    part.pos,
                    format!("the arm `{target}` is not an object, so it cannot carry the discriminator `{}`", discriminator.property.value),
                    "a discriminated arm is an object schema",
                );
            }
            if arm.tags.is_empty() {
                arm.tags.push(target.to_string());
            }
        }
    }

    /// A `discriminator` on a schema that is not a union (the base of an `allOf`
    /// hierarchy) is accepted and not acted on.
    pub(super) fn report_lone_discriminator(&mut self, schema: &spec::Schema) {
        if let Some(discriminator) = &schema.discriminator
            && !is_union(schema)
        {
            self.warn(
                discriminator.pos,
                "a `discriminator` without `oneOf` / `anyOf` is not acted on",
            );
        }
    }
}

/// The variant name of an inline arm without a title: what it is.
fn arm_kind(schema: &spec::Schema) -> &'static str {
    if !schema.enumeration.is_empty() {
        return "Choice";
    }
    if is_object(schema) {
        return "Object";
    }
    match schema.ty.as_ref().map(|t| t.value.as_str()) {
        Some("string") => "String",
        Some("integer") => "Integer",
        Some("number") => "Number",
        Some("boolean") => "Boolean",
        Some("array") => "List",
        _ => "Value",
    }
}
