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
                doc: schema_of_field
                    .description
                    .clone()
                    .or_else(|| schema_of_field.title.clone()),
                ty,
                required: property.required,
                nullable: schema_of_field.nullable,
                deprecated: schema_of_field.deprecated,
                constraints,
                item_constraints,
                boxed: false,
                holds_rules: false,
            });
        }
        if let Some(min) = &schema.min_properties
            && min.value > fields.len() as u64
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
        TypeKind::Struct {
            fields,
            min_properties: schema.min_properties.as_ref().map(|m| m.value),
            requires: Vec::new(),
        }
    }
}
