//! `x-requires` rules: "when list `a` contains X, list `b` must contain Y", resolved once
//! every type exists into the fields, enums and variants they name.

use super::context::Lowering;
use crate::diagnostics::Diagnostic;
use crate::ir::*;
use crate::spec::At;
use std::collections::HashMap;

/// The fields of the rule's struct, in order and by wire name.
struct Fields<'f> {
    list: &'f [Field],
    by_wire: HashMap<&'f str, &'f Field>,
}

/// One side of a rule: the list field and the variant it must contain.
struct ListContains {
    field: String,
    wire: String,
    optional: bool,
    enum_name: String,
    variant: String,
}

impl Lowering<'_> {
    pub(super) fn resolve_requires(&mut self) {
        for pending in std::mem::take(&mut self.pending_requires) {
            let r = &pending.requirement;
            let fields = match self.types.kind(&pending.owner) {
                Some(TypeKind::Struct { fields, .. }) => fields.clone(),
                _ => continue,
            };
            let by_wire: HashMap<&str, &Field> =
                fields.iter().map(|f| (f.wire.as_str(), f)).collect();
            let owner = &pending.owner;
            let fields = Fields {
                list: &fields,
                by_wire,
            };
            let when = self.list_contains(owner, &fields, &r.when_property, &r.when_contains);
            let then = self.list_contains(owner, &fields, &r.then_property, &r.then_contains);
            let (Some(when), Some(then)) = (when, then) else {
                continue;
            };
            let rule = Requires {
                when_field: when.field,
                when_wire: when.wire,
                when_optional: when.optional,
                when_enum: when.enum_name,
                when_variant: when.variant,
                when_value: r.when_contains.value.clone(),
                then_field: then.field,
                then_wire: then.wire,
                then_optional: then.optional,
                then_enum: then.enum_name,
                then_variant: then.variant,
                then_value: r.then_contains.value.clone(),
            };
            if let Some(TypeKind::Struct { requires, .. }) =
                self.types.get_mut(&pending.owner).map(|t| &mut t.kind)
            {
                requires.push(rule);
            }
        }
    }

    /// The side "list property `property` contains `value`" of a rule of struct `owner`.
    fn list_contains(
        &mut self,
        owner: &str,
        fields: &Fields,
        property: &At<String>,
        value: &At<String>,
    ) -> Option<ListContains> {
        let Some(field) = fields.by_wire.get(property.value.as_str()) else {
            let message = format!(
                "`x-requires` names `{}`, which is not a property of `{owner}`",
                property.value
            );
            let names = fields.list.iter().map(|f| f.wire.as_str());
            let d = Diagnostic::new(property.pos, message).suggesting(&property.value, names, "");
            self.diags.push(d);
            return None;
        };
        let enum_name = match &field.ty {
            Type::List(inner) => match inner.as_ref() {
                Type::Named(n) => Some(n.clone()),
                _ => None,
            },
            _ => None,
        };
        let variants = enum_name.as_ref().and_then(|n| match self.types.kind(n) {
            Some(TypeKind::Enum { variants }) => Some(variants),
            _ => None,
        });
        let (Some(enum_name), Some(variants)) = (enum_name.clone(), variants) else {
            self.error_hint(
                property.pos,
                format!(
                    "`x-requires` needs `{}` to be a list of enum values",
                    property.value
                ),
                "give the property `type: array` with `items` that are an enum",
            );
            return None;
        };
        let by_wire: HashMap<&str, &Variant> =
            variants.iter().map(|v| (v.wire.as_str(), v)).collect();
        match by_wire.get(value.value.as_str()) {
            Some(v) => Some(ListContains {
                field: field.name.clone(),
                wire: field.wire.clone(),
                optional: field.optional(),
                enum_name,
                variant: v.name.clone(),
            }),
            None => {
                let message = format!("`{}` is not a value of `{}`", value.value, property.value);
                let values: Vec<String> = variants.iter().map(|v| v.wire.clone()).collect();
                let d = Diagnostic::new(value.pos, message).suggesting(
                    &value.value,
                    values.iter().map(String::as_str),
                    "",
                );
                self.diags.push(d);
                None
            }
        }
    }
}
