//! Objects become structs: one field per merged property, named once, with its type, its
//! constraints, its `x-error-role` and the object's own rules (`minProperties`, `x-requires`).

use super::context::{Lowering, PendingRequires};
use crate::ir::*;
use crate::names::{camel, snake, unique};
use crate::spec;
use std::collections::HashSet;

impl<'a> Lowering<'a> {
    pub(super) fn lower_struct(&mut self, owner: &str, schema: &'a spec::Schema) -> TypeKind {
        let properties = self.object_properties(schema);
        let mut fields: Vec<Field> = Vec::new();
        let mut taken: HashSet<String> = HashSet::new();
        for property in properties.list {
            let (wire, schema_of_field) = (property.wire, property.schema);
            self.report_unsupported(schema_of_field);
            let name = unique(snake(&wire.value, "field"), &taken, false);
            taken.insert(name.clone());
            let wanted = format!("{owner}{}", camel(&wire.value, "Field"));
            let ty = self.type_of(schema_of_field, &wanted);
            let constraints = self.constraints(schema_of_field, &ty);
            let item_constraints = match (&ty, &schema_of_field.items) {
                (Type::List(inner), Some(items)) => self.constraints(items, inner),
                _ => Constraints::default(),
            };
            if let Some(role) = &schema_of_field.error_role {
                self.record_error_role(owner, &wire.value, role);
            }
            fields.push(Field {
                name,
                wire: wire.value.clone(),
                doc: field_doc(schema_of_field),
                ty,
                required: property.required,
                nullable: self.nullable(schema_of_field),
                deprecated: schema_of_field.deprecated,
                constraints,
                item_constraints,
                boxed: false,
                holds_rules: false,
                flatten: false,
                default: schema_of_field.default.clone(),
            });
        }
        if let Some(spec::AdditionalProperties::Schema(values)) = &schema.additional_properties {
            // The members `properties` does not name, kept in a map beside the fields.
            let name = unique("additional_properties".to_string(), &taken, false);
            let value_type = self.type_of(values, &format!("{owner}Value"));
            let ty = Type::Map(Box::new(value_type));
            fields.push(Field {
                name,
                wire: String::new(),
                doc: Some("Members the spec does not name (`additionalProperties`).".into()),
                ty,
                required: true,
                nullable: false,
                deprecated: false,
                constraints: Constraints::default(),
                item_constraints: Constraints::default(),
                boxed: false,
                holds_rules: false,
                flatten: true,
                default: None,
            });
        }
        let open = fields.iter().any(|f| f.flatten);
        if let Some(min) = &schema.min_properties
            && min.value > fields.len() as u64
            && !open
        {
            self.error(
                min.pos,
                format!(
                    "`minProperties: {}` can never be met: the object has {} properties",
                    min.value,
                    fields.len()
                ),
            );
        }
        for requirement in &schema.requires {
            self.pending_requires.push(PendingRequires {
                owner: owner.to_string(),
                requirement: requirement.clone(),
            });
        }
        if let (Some(min), Some(max)) = (&schema.min_properties, &schema.max_properties)
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
        TypeKind::Struct {
            fields,
            min_properties: schema.min_properties.as_ref().map(|m| m.value),
            requires: Vec::new(),
            max_properties: schema.max_properties.as_ref().map(|m| m.value),
        }
    }
}

/// A field's doc: its description (or title), and what its `format` means when the Rust
/// type does not say it (a UUID is held as a `String`).
fn field_doc(schema: &spec::Schema) -> Option<String> {
    let doc = schema.description.clone().or_else(|| schema.title.clone());
    let format = schema.format.as_ref().map(|f| f.value.as_str());
    let note = match (schema.ty.as_ref().map(|t| t.value.as_str()), format) {
        (Some("string"), Some("uuid")) => {
            "A UUID (`format: uuid`), e.g. `4f9b1c2e-8d3a-4b5e-9f60-1a2b3c4d5e6f`."
        }
        _ => return doc,
    };
    Some(match doc {
        Some(doc) => format!("{doc}\n\n{note}"),
        None => note.to_string(),
    })
}
