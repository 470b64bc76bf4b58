//! Schemas as written, with `x-requires` rules; refused keywords are kept by name for `lower`.

use super::ctx::{Ctx, at_key};
use super::obj::Obj;
use crate::diagnostics::Diagnostic;
use crate::spec::*;
use crate::yaml::{Node, Value};

/// Reads a schema; a malformed one comes back empty (an `any` value) after reporting why.
pub fn read_schema(ctx: &Ctx, node: &Node) -> Schema {
    let mut schema = Schema {
        pos: node.pos,
        ..Schema::default()
    };
    let Some(mut obj) = Obj::new(ctx, node, "a schema") else {
        return schema;
    };
    schema.reference = obj.string("$ref");
    schema.ty = obj.string("type");
    schema.format = obj.string("format");
    schema.title = obj.text("title");
    schema.description = obj.text("description");
    for (name, property) in obj.mapping("properties") {
        let name = at_key(name);
        let property = read_schema(ctx, property);
        super::secret_names::check_secret_name(ctx, &name, &property, "property");
        schema.properties.push((name, property));
    }
    schema.required = obj.strings("required");
    schema.items = obj.get("items").map(|n| Box::new(read_schema(ctx, n)));
    schema.enumeration = obj.list("enum").to_vec();
    if let Some(list) = obj.peek("enum")
        && matches!(&list.value, Value::Seq(items) if items.is_empty())
    {
        ctx.error(
            Diagnostic::new(list.pos, "`enum` lists no value")
                .with_hint("list the accepted values, or remove `enum`"),
        );
    }
    schema.additional_properties = obj.get("additionalProperties").map(|n| match n.value {
        Value::Bool(b) => AdditionalProperties::Allowed(b),
        _ => AdditionalProperties::Schema(Box::new(read_schema(ctx, n))),
    });
    schema.additional_properties_at = obj.key_pos("additionalProperties");
    schema.all_of = obj
        .list("allOf")
        .iter()
        .map(|n| read_schema(ctx, n))
        .collect();
    schema.nullable = obj.flag("nullable");
    obj.check_boolean("readOnly");
    obj.check_boolean("writeOnly");
    schema.deprecated = obj.flag("deprecated");
    schema.min_length = obj.count("minLength");
    schema.max_length = obj.count("maxLength");
    schema.pattern = obj.string("pattern");
    schema.min_items = obj.count("minItems");
    schema.max_items = obj.count("maxItems");
    schema.unique_items = obj.flag("uniqueItems");
    schema.min_properties = obj.count("minProperties");
    schema.minimum = obj.number("minimum");
    schema.maximum = obj.number("maximum");
    schema.exclusive_minimum = obj.flag("exclusiveMinimum");
    schema.exclusive_maximum = obj.flag("exclusiveMaximum");
    schema.error_role = obj.string("x-error-role");
    for item in obj.list("x-requires") {
        if let Some(r) = read_requirement(ctx, item) {
            schema.requires.push(r);
        }
    }
    if let Some(n) = obj.get("not") {
        schema.unsupported.push(At::new(n.pos, "not".to_string()));
    }
    schema.union_at = obj.key_pos("oneOf").or_else(|| obj.key_pos("anyOf"));
    schema.one_of = obj
        .list("oneOf")
        .iter()
        .map(|n| read_schema(ctx, n))
        .collect();
    schema.any_of = obj
        .list("anyOf")
        .iter()
        .map(|n| read_schema(ctx, n))
        .collect();
    schema.discriminator = obj
        .get("discriminator")
        .and_then(|n| read_discriminator(ctx, n));
    schema.max_properties = obj.count("maxProperties");
    schema.multiple_of = obj.number("multipleOf");
    if let Some(m) = &schema.multiple_of
        && m.value <= 0.0
    {
        ctx.error(
            Diagnostic::new(m.pos, format!("`multipleOf: {}` must be above 0", m.value))
                .with_hint("e.g. `multipleOf: 5`"),
        );
        schema.multiple_of = None;
    }
    schema.default_node = obj.peek("default").cloned();
    schema.example = obj.get("example").cloned();
    // Documentation of the value; the generated client does not send defaults for the caller.
    schema.default = obj.get("default").and_then(|n| match &n.value {
        Value::Bool(b) => Some(b.to_string()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Str(s) => Some(format!("{s:?}")),
        _ => None,
    });
    obj.ignore(&["externalDocs", "xml", "x-drift"]);
    obj.finish();
    schema
}

fn read_discriminator(ctx: &Ctx, node: &Node) -> Option<Discriminator> {
    let mut obj = Obj::new(ctx, node, "a discriminator")?;
    let property = obj.required_string("propertyName");
    let mut mapping = Vec::new();
    for (key, value) in obj.mapping("mapping") {
        match &value.value {
            Value::Str(target) => mapping.push((at_key(key), At::new(value.pos, target.clone()))),
            _ => ctx.error(Diagnostic::new(
                value.pos,
                format!(
                    "each value of a discriminator `mapping` must be a `$ref` string, found {}",
                    value.kind()
                ),
            )),
        }
    }
    obj.finish();
    Some(Discriminator {
        pos: node.pos,
        property: property?,
        mapping,
    })
}

fn read_requirement(ctx: &Ctx, node: &Node) -> Option<Requirement> {
    let mut obj = Obj::new(ctx, node, "an `x-requires` rule")?;
    let when = obj
        .get("when")
        .and_then(|n| read_contains(ctx, n, "`when`"));
    let then = obj
        .get("then")
        .and_then(|n| read_contains(ctx, n, "`then`"));
    if when.is_none() || then.is_none() {
        ctx.error(
            Diagnostic::new(node.pos, "an `x-requires` rule needs `when` and `then`").with_hint(
                "e.g. `{when: {property: a, contains: X}, then: {property: b, contains: Y}}`",
            ),
        );
    }
    obj.finish();
    let ((when_property, when_contains), (then_property, then_contains)) = (when?, then?);
    Some(Requirement {
        when_property,
        when_contains,
        then_property,
        then_contains,
    })
}

fn read_contains(ctx: &Ctx, node: &Node, what: &str) -> Option<(At<String>, At<String>)> {
    let mut obj = Obj::new(ctx, node, what)?;
    let property = obj.required_string("property");
    let contains = obj.required_string("contains");
    obj.finish();
    Some((property?, contains?))
}
