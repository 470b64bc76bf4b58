//! Values the spec writes for a schema (`default`, `example`), checked against that schema:
//! its type, enum values, length, range, `multipleOf`, `pattern`, items and properties. A
//! default above its own `maximum` documents a value the service would refuse; an example of
//! the wrong type misleads whoever copies it. Both are located errors in a spec of ours. In
//! a document published elsewhere an example that does not fit is a warning: OpenAPI only
//! says an example *should* fit (a `default` must), and a wrong example is no reason to
//! refuse the document.
//!
//! One leniency: a number or boolean where a string is expected is a warning, not an error
//! (YAML reads an unquoted `123` as a number, and public documents often mean the text).

use super::context::Lowering;
use super::index::SCHEMA_PREFIX;
use crate::diagnostics::Diagnostic;
use crate::spec;
use crate::yaml::{Node, Value};

/// How deep a written value is followed (a recursive schema with a deep example ends here).
const MAX_DEPTH: usize = 32;

impl<'a> Lowering<'a> {
    /// Checks the schema's own `default` and `example`.
    pub(super) fn check_written_values(&mut self, schema: &'a spec::Schema) {
        if let Some(node) = &schema.default_node {
            self.check_value(node, schema, "default", 0);
        }
        if let Some(node) = &schema.example {
            self.check_value(node, schema, "example", 0);
        }
    }

    /// A written value that does not fit its schema (see the module's doc for the severity).
    fn misfit(&mut self, what: &str, diagnostic: Diagnostic) {
        if what == "example" {
            self.lapse(diagnostic);
        } else {
            self.diags.push(diagnostic);
        }
    }

    fn check_value(&mut self, node: &Node, schema: &'a spec::Schema, what: &str, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let schema = match &schema.reference {
            Some(reference) => {
                let name = reference.value.strip_prefix(SCHEMA_PREFIX).unwrap_or("");
                match self.index.schemas.get(name) {
                    Some(target) => target,
                    // A dangling `$ref` is reported where it is lowered.
                    None => return,
                }
            }
            None => schema,
        };
        if matches!(node.value, Value::Null) {
            if !self.nullable(schema) {
                let message = format!("the {what} is null, but the value is not nullable");
                let hint = "add `nullable: true` to the schema, or write a value";
                self.misfit(what, Diagnostic::new(node.pos, message).with_hint(hint));
            }
            return;
        }
        if !schema.enumeration.is_empty() {
            let json = node.to_json();
            if !schema.enumeration.iter().any(|e| e.to_json() == json) {
                let listed: Vec<String> = schema
                    .enumeration
                    .iter()
                    .map(|e| e.to_json().to_string())
                    .collect();
                let message = format!(
                    "the {what} `{json}` is not one of the enum values {}",
                    listed.join(", ")
                );
                self.misfit(what, Diagnostic::new(node.pos, message));
            }
            return;
        }
        // A union's value fits one of its arms; which one is not decided here.
        if !schema.one_of.is_empty() || !schema.any_of.is_empty() {
            return;
        }
        for part in &schema.all_of {
            self.check_value(node, part, what, depth + 1);
        }
        let ty = match &schema.ty {
            Some(ty) => ty.value.as_str(),
            None if !schema.properties.is_empty() => "object",
            None => return,
        };
        let fits = match (ty, &node.value) {
            ("string", Value::Str(text)) => {
                self.check_text(node, schema, what, text);
                true
            }
            ("string", Value::Int(_) | Value::Float(_) | Value::Bool(_)) => {
                self.warn(
                    node.pos,
                    format!(
                        "the {what} `{}` is {}, but the schema is `type: string`; quote it",
                        node.to_json(),
                        node.kind()
                    ),
                );
                true
            }
            ("integer", Value::Int(i)) => {
                self.check_number(node, schema, what, *i as f64);
                true
            }
            ("number", Value::Int(i)) => {
                self.check_number(node, schema, what, *i as f64);
                true
            }
            ("number", Value::Float(f)) => {
                self.check_number(node, schema, what, *f);
                true
            }
            ("boolean", Value::Bool(_)) => true,
            ("array", Value::Seq(items)) => {
                self.check_items(node, schema, what, items, depth);
                true
            }
            ("object", Value::Map(entries)) => {
                self.check_members(node, schema, what, entries, depth);
                true
            }
            // An unknown type is reported where the schema is lowered.
            ("string" | "integer" | "number" | "boolean" | "array" | "object", _) => false,
            _ => true,
        };
        if !fits {
            let message = format!(
                "the {what} `{}` is {}, but the schema is `type: {ty}`",
                node.to_json(),
                node.kind()
            );
            self.misfit(what, Diagnostic::new(node.pos, message));
        }
    }

    fn check_text(&mut self, node: &Node, schema: &spec::Schema, what: &str, text: &str) {
        let len = text.chars().count() as u64;
        if let Some(min) = &schema.min_length
            && len < min.value
        {
            let message = format!(
                "the {what} {text:?} is shorter than `minLength: {}`",
                min.value
            );
            self.misfit(what, Diagnostic::new(node.pos, message));
        }
        if let Some(max) = &schema.max_length
            && len > max.value
        {
            let message = format!(
                "the {what} {text:?} is longer than `maxLength: {}`",
                max.value
            );
            self.misfit(what, Diagnostic::new(node.pos, message));
        }
        if let Some(pattern) = &schema.pattern
            && let Ok(regex) = regress::Regex::new(&pattern.value)
            && regex.find(text).is_none()
        {
            let message = format!(
                "the {what} {text:?} does not match `pattern: {}`",
                pattern.value
            );
            self.misfit(what, Diagnostic::new(node.pos, message));
        }
    }

    fn check_number(&mut self, node: &Node, schema: &spec::Schema, what: &str, value: f64) {
        if let Some(min) = &schema.minimum
            && (value < min.value || (schema.exclusive_minimum && value == min.value))
        {
            let rule = if schema.exclusive_minimum {
                "exclusiveMinimum"
            } else {
                "minimum"
            };
            let message = format!("the {what} `{value}` is below `{rule}: {}`", min.value);
            self.misfit(what, Diagnostic::new(node.pos, message));
        }
        if let Some(max) = &schema.maximum
            && (value > max.value || (schema.exclusive_maximum && value == max.value))
        {
            let rule = if schema.exclusive_maximum {
                "exclusiveMaximum"
            } else {
                "maximum"
            };
            let message = format!("the {what} `{value}` is above `{rule}: {}`", max.value);
            self.misfit(what, Diagnostic::new(node.pos, message));
        }
        if let Some(step) = &schema.multiple_of
            && !is_multiple(value, step.value)
        {
            let message = format!(
                "the {what} `{value}` is not a multiple of `multipleOf: {}`",
                step.value
            );
            self.misfit(what, Diagnostic::new(node.pos, message));
        }
    }

    fn check_items(
        &mut self,
        node: &Node,
        schema: &'a spec::Schema,
        what: &str,
        items: &[Node],
        depth: usize,
    ) {
        let count = items.len() as u64;
        if let Some(min) = &schema.min_items
            && count < min.value
        {
            let message = format!(
                "the {what} has {count} items, below `minItems: {}`",
                min.value
            );
            self.misfit(what, Diagnostic::new(node.pos, message));
        }
        if let Some(max) = &schema.max_items
            && count > max.value
        {
            let message = format!(
                "the {what} has {count} items, above `maxItems: {}`",
                max.value
            );
            self.misfit(what, Diagnostic::new(node.pos, message));
        }
        if let Some(item_schema) = &schema.items {
            for item in items {
                self.check_value(item, item_schema, what, depth + 1);
            }
        }
    }

    fn check_members(
        &mut self,
        node: &Node,
        schema: &'a spec::Schema,
        what: &str,
        entries: &[(crate::yaml::Key, Node)],
        depth: usize,
    ) {
        let count = entries.len() as u64;
        if let Some(min) = &schema.min_properties
            && count < min.value
        {
            let message = format!(
                "the {what} has {count} members, below `minProperties: {}`",
                min.value
            );
            self.misfit(what, Diagnostic::new(node.pos, message));
        }
        if let Some(max) = &schema.max_properties
            && count > max.value
        {
            let message = format!(
                "the {what} has {count} members, above `maxProperties: {}`",
                max.value
            );
            self.misfit(what, Diagnostic::new(node.pos, message));
        }
        for (key, value) in entries {
            let property = schema
                .properties
                .iter()
                .find(|(name, _)| name.value == key.text)
                .map(|(_, s)| s);
            match (property, &schema.additional_properties) {
                (Some(property), _) => self.check_value(value, property, what, depth + 1),
                (None, Some(spec::AdditionalProperties::Schema(values))) => {
                    self.check_value(value, values, what, depth + 1)
                }
                _ => {}
            }
        }
    }
}

/// Whether `value` is a whole number of `step`s, allowing for the rounding of decimal steps
/// (`0.1 * 3`).
pub(crate) fn is_multiple(value: f64, step: f64) -> bool {
    let ratio = value / step;
    (ratio - ratio.round()).abs() <= 1e-9 * ratio.abs().max(1.0)
}
