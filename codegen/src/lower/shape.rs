//! Schemas as written: keywords the generator refuses, and keywords that do not apply to
//! what the schema is. Checked where a schema is lowered; nothing here builds a type.

use super::context::Lowering;
use crate::spec;
use crate::yaml::Pos;

/// Whether the schema describes an object: `type: object`, or properties or `allOf` parts
/// without a `type`.
pub(super) fn is_object(schema: &spec::Schema) -> bool {
    schema.ty.as_ref().is_some_and(|t| t.value == "object")
        || (schema.ty.is_none() && (!schema.properties.is_empty() || !schema.all_of.is_empty()))
}

impl Lowering<'_> {
    pub(super) fn report_unsupported(&mut self, schema: &spec::Schema) {
        self.report_lone_discriminator(schema);
        for key in &schema.unsupported {
            let hint = match key.value.as_str() {
                "not" => {
                    "describe what the value is, not what it is not; say the rule in `description`"
                }
                _ => "see the supported subset in specs/README.md",
            };
            let message = format!("`{}` is not supported by the generator", key.value);
            self.error_hint(key.pos, message, hint);
        }
    }

    /// Keywords that say what a value is, but do not apply to what the schema is: a `$ref`
    /// with a `type` beside it, `properties` on a string, `items` on an object. OpenAPI
    /// tools ignore them; a person wrote them for a reason, so they are refused.
    pub(super) fn check_shape(&mut self, schema: &spec::Schema) {
        let mut shaping: Vec<(&str, Pos)> = Vec::new();
        if let Some(ty) = &schema.ty {
            shaping.push(("type", ty.pos));
        }
        if let Some((name, _)) = schema.properties.first() {
            shaping.push(("properties", name.pos));
        }
        if let Some(items) = &schema.items {
            shaping.push(("items", items.pos));
        }
        if let Some(first) = schema.enumeration.first() {
            shaping.push(("enum", first.pos));
        }
        if let Some(first) = schema.all_of.first() {
            shaping.push(("allOf", first.pos));
        }
        if let Some(spec::AdditionalProperties::Schema(values)) = &schema.additional_properties {
            shaping.push((
                "additionalProperties",
                schema.additional_properties_at.unwrap_or(values.pos),
            ));
        }
        if let Some(reference) = &schema.reference {
            for (key, pos) in shaping {
                self.error_hint(
                    pos,
                    format!("`{key}` beside `$ref: {}` would be ignored", reference.value),
                    "a `$ref` stands for the whole schema; describe the value in the referenced schema, or compose with `allOf`",
                );
            }
            return;
        }
        let Some(ty) = &schema.ty else { return };
        for (key, pos) in shaping {
            let applies = match key {
                "properties" | "additionalProperties" => ty.value == "object",
                // `allOf` of parts that are not objects applies to any type.
                "allOf" => ty.value == "object" || self.plain_all_of(schema).is_some(),
                "items" => ty.value == "array",
                _ => true,
            };
            if !applies {
                self.error_hint(
                    pos,
                    format!("`{key}` does not apply to `type: {}`", ty.value),
                    match key {
                        "items" => "`items` describes the elements of `type: array`",
                        _ => "properties, `additionalProperties` and `allOf` of objects describe `type: object`",
                    },
                );
            }
        }
    }
}
