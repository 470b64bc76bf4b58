//! Constraints of a value (`minLength`, `maxItems`, `minimum`, ...): refused where they do
//! not apply to the value's type or can never be met, kept in the IR otherwise.

use super::context::Lowering;
use crate::diagnostics::Diagnostic;
use crate::ir::*;
use crate::spec;
use crate::yaml::Pos;

impl Lowering<'_> {
    pub(super) fn constraints(&mut self, schema: &spec::Schema, ty: &Type) -> Constraints {
        let merged = super::all_of::with_part_rules(schema);
        let schema: &spec::Schema = &merged;
        let stringy = matches!(ty, Type::String | Type::Secret);
        let listy = matches!(ty, Type::List(_));
        let numeric = ty.is_numeric();
        let mappy = matches!(ty, Type::Map(_));
        let mut check = |present: Option<Pos>, ok: bool, key: &str, kind: &str| {
            if let (Some(pos), false) = (present, ok) {
                // JSON Schema ignores a rule for another type; so does the client.
                self.lapse(Diagnostic::new(
                    pos,
                    format!("`{key}` applies to {kind}, not to {}", ty.describe()),
                ));
            }
        };
        check(
            schema.min_length.as_ref().map(|c| c.pos),
            stringy,
            "minLength",
            "strings",
        );
        check(
            schema.max_length.as_ref().map(|c| c.pos),
            stringy,
            "maxLength",
            "strings",
        );
        check(
            schema.pattern.as_ref().map(|c| c.pos),
            stringy,
            "pattern",
            "strings",
        );
        check(
            schema.min_items.as_ref().map(|c| c.pos),
            listy,
            "minItems",
            "arrays",
        );
        check(
            schema.max_items.as_ref().map(|c| c.pos),
            listy,
            "maxItems",
            "arrays",
        );
        check(
            schema.minimum.as_ref().map(|c| c.pos),
            numeric,
            "minimum",
            "numbers",
        );
        check(
            schema.maximum.as_ref().map(|c| c.pos),
            numeric,
            "maximum",
            "numbers",
        );
        check(
            schema.multiple_of.as_ref().map(|c| c.pos),
            numeric,
            "multipleOf",
            "numbers",
        );
        // On an object the struct holds the rule (`TypeKind::Struct`); on a map, the field.
        let objecty = mappy || matches!(ty, Type::Named(_) | Type::Any);
        check(
            schema.min_properties.as_ref().map(|c| c.pos),
            objecty,
            "minProperties",
            "objects",
        );
        check(
            schema.max_properties.as_ref().map(|c| c.pos),
            objecty,
            "maxProperties",
            "objects",
        );
        if let Some(pattern) = &schema.pattern
            && let Err(e) = regress::Regex::new(&pattern.value)
        {
            self.error_hint(
                pattern.pos,
                format!(
                    "`pattern` `{}` is not a valid ECMA-262 regular expression: {e}",
                    pattern.value
                ),
                "OpenAPI patterns follow JavaScript's syntax, e.g. `^[a-zA-Z][a-zA-Z0-9_]*$`",
            );
        }
        if let (Some(min), Some(max)) = (&schema.min_length, &schema.max_length)
            && min.value > max.value
        {
            self.error(
                max.pos,
                format!(
                    "`maxLength: {}` is below `minLength: {}`",
                    max.value, min.value
                ),
            );
        }
        if mappy
            && let (Some(min), Some(max)) = (&schema.min_properties, &schema.max_properties)
            && min.value > max.value
        {
            self.error(
                max.pos,
                format!(
                    "`maxProperties: {}` is below `minProperties: {}`",
                    max.value, min.value
                ),
            );
        }
        if let (Some(min), Some(max)) = (&schema.min_items, &schema.max_items)
            && min.value > max.value
        {
            self.error(
                max.pos,
                format!(
                    "`maxItems: {}` is below `minItems: {}`",
                    max.value, min.value
                ),
            );
        }
        if let (Some(min), Some(max)) = (&schema.minimum, &schema.maximum) {
            let empty = min.value > max.value
                || (min.value == max.value
                    && (schema.exclusive_minimum || schema.exclusive_maximum));
            if empty {
                self.error(
                    max.pos,
                    format!(
                        "no value is within `minimum: {}` and `maximum: {}`",
                        min.value, max.value
                    ),
                );
            }
        }
        // A rule for another type is dropped here, after the warning above.
        Constraints {
            min_length: kept(&schema.min_length, stringy),
            max_length: kept(&schema.max_length, stringy),
            min_items: kept(&schema.min_items, listy),
            max_items: kept(&schema.max_items, listy),
            unique_items: schema.unique_items,
            minimum: kept(&schema.minimum, numeric),
            maximum: kept(&schema.maximum, numeric),
            exclusive_minimum: schema.exclusive_minimum,
            exclusive_maximum: schema.exclusive_maximum,
            pattern: schema
                .pattern
                .as_ref()
                .filter(|_| stringy)
                .map(|p| p.value.clone()),
            multiple_of: kept(&schema.multiple_of, numeric),
            min_entries: kept(&schema.min_properties, mappy),
            max_entries: kept(&schema.max_properties, mappy),
        }
    }
}

/// A rule's value, when it applies to the value's type (JSON Schema ignores it otherwise).
fn kept<T: Copy>(rule: &Option<spec::At<T>>, applies: bool) -> Option<T> {
    rule.as_ref().filter(|_| applies).map(|c| c.value)
}
