//! Rust types of schemas: a component under its own name, an inline schema in place (an
//! inline object or enum becomes a named type), plain values by `type` and `format`, and
//! string enums.

use super::context::Lowering;
use super::shape::is_object;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::ir::*;
use crate::names::{camel, unique};
use crate::spec;
use crate::yaml::Value;
use std::collections::HashSet;

impl<'a> Lowering<'a> {
    /// Lowers a component schema under its own name.
    pub(super) fn lower_named(&mut self, rust: &str, origin: &str, schema: &'a spec::Schema) {
        self.report_unsupported(schema);
        self.check_shape(schema);
        let doc = schema.description.clone().or_else(|| schema.title.clone());
        // Placed before lowering its fields, so a type comes before the inline types it names.
        self.push_type(rust, origin, doc.clone(), TypeKind::Alias { ty: Type::Any });
        let kind = if !schema.enumeration.is_empty() {
            self.lower_enum(schema)
        } else if is_object(schema) {
            self.lower_struct(rust, schema)
        } else {
            let ty = self.type_of(schema, &format!("{rust}Item"));
            TypeKind::Alias { ty }
        };
        self.push_type(rust, origin, doc, kind);
    }

    /// Adds the type `name`, or sets the kind and doc of the placeholder of that name.
    fn push_type(&mut self, name: &str, origin: &str, doc: Option<String>, kind: TypeKind) {
        self.types.insert(TypeDef {
            name: name.to_string(),
            origin: origin.to_string(),
            doc,
            kind,
            checked: false,
        });
    }

    /// The Rust type of a schema used in place; inline objects and enums become named types.
    pub(super) fn type_of(&mut self, schema: &'a spec::Schema, wanted_name: &str) -> Type {
        self.report_unsupported(schema);
        self.check_shape(schema);
        if let Some(reference) = &schema.reference {
            return match self.resolve_schema_ref(reference) {
                Some((rust, _)) => Type::Named(rust),
                None => Type::Any,
            };
        }
        // An inline schema met again (a property merged into several objects by `allOf`) is
        // the type it became the first time.
        let key = schema as *const spec::Schema;
        if let Some(name) = self.inline.get(&key) {
            return Type::Named(name.clone());
        }
        if !schema.enumeration.is_empty() {
            let name = self.types.fresh_name(wanted_name);
            self.inline.insert(key, name.clone());
            let kind = self.lower_enum(schema);
            self.push_type(&name, wanted_name, schema.description.clone(), kind);
            return Type::Named(name);
        }
        if is_object(schema) {
            if schema.properties.is_empty() && schema.all_of.is_empty() {
                return match &schema.additional_properties {
                    Some(spec::AdditionalProperties::Schema(values)) => Type::Map(Box::new(
                        self.type_of(values, &format!("{wanted_name}Value")),
                    )),
                    _ => Type::Map(Box::new(Type::Any)),
                };
            }
            let name = self.types.fresh_name(wanted_name);
            self.inline.insert(key, name.clone());
            // Reserve the name before lowering fields, so nested inline types do not take it.
            self.push_type(&name, wanted_name, None, TypeKind::Alias { ty: Type::Any });
            let kind = self.lower_struct(&name, schema);
            let doc = schema.description.clone().or_else(|| schema.title.clone());
            self.push_type(&name, wanted_name, doc, kind);
            return Type::Named(name);
        }
        self.plain_type(schema, wanted_name)
    }

    /// A value that is not an object or an enum: by `type` and `format`.
    fn plain_type(&mut self, schema: &'a spec::Schema, wanted_name: &str) -> Type {
        let Some(ty) = &schema.ty else {
            return Type::Any;
        };
        let format = schema.format.as_ref().map(|f| f.value.as_str());
        match ty.value.as_str() {
            "string" => match format {
                Some("password") => Type::Secret,
                Some("date-time") => Type::DateTime,
                _ => Type::String,
            },
            "integer" => match format {
                Some("int32") => Type::Int32,
                None | Some("int64") => Type::Int64,
                Some("int8") => Type::Int8,
                Some("int16") => Type::Int16,
                Some("uint8") => Type::UInt8,
                Some("uint16") => Type::UInt16,
                Some("uint32") => Type::UInt32,
                Some("uint64") => Type::UInt64,
                Some("epoch-millis") => Type::EpochMillis,
                Some(other) => {
                    // OpenAPI formats are open-ended: an unknown one is a plain integer.
                    let pos = schema.format.as_ref().map_or(schema.pos, |f| f.pos);
                    self.warn(
                        pos,
                        format!(
                            "integer format `{other}` is not one the generator knows; read as int64"
                        ),
                    );
                    Type::Int64
                }
            },
            "number" => Type::Number,
            "boolean" => Type::Boolean,
            "array" => match &schema.items {
                Some(items) => {
                    Type::List(Box::new(self.type_of(items, &format!("{wanted_name}Item"))))
                }
                None => {
                    self.error_hint(
                        schema.pos,
                        "an array schema needs `items`",
                        "e.g. `items: {type: string}`",
                    );
                    Type::List(Box::new(Type::Any))
                }
            },
            other => {
                let mut d = Diagnostic::new(ty.pos, format!("unknown schema type `{other}`"));
                let types = ["string", "integer", "number", "boolean", "array", "object"];
                if let Some(close) = did_you_mean(other, types) {
                    d = d.with_hint(format!("did you mean `{close}`?"));
                } else {
                    d = d.with_hint("use one of string, integer, number, boolean, array, object");
                }
                self.diags.push(d);
                Type::Any
            }
        }
    }

    fn lower_enum(&mut self, schema: &spec::Schema) -> TypeKind {
        if let Some(ty) = &schema.ty
            && ty.value != "string"
        {
            self.error_hint(
                ty.pos,
                format!("enums of type `{}` are not supported", ty.value),
                "only string enums are supported; describe numeric codes in `description`",
            );
            return TypeKind::Enum {
                variants: Vec::new(),
            };
        }
        let mut variants: Vec<Variant> = Vec::new();
        let mut wires: HashSet<&str> = HashSet::new();
        // `Unknown` is the variant that keeps a value the client does not know.
        let mut names: HashSet<String> = HashSet::from(["Unknown".to_string()]);
        for node in &schema.enumeration {
            let Value::Str(wire) = &node.value else {
                let message = format!("enum values must be strings, found {}", node.kind());
                self.error_hint(node.pos, message, "quote the value");
                continue;
            };
            if !wires.insert(wire) {
                self.error(node.pos, format!("enum value `{wire}` is listed twice"));
                continue;
            }
            let name = unique(camel(wire, "Value"), &names, true);
            names.insert(name.clone());
            variants.push(Variant {
                name,
                wire: wire.clone(),
            });
        }
        TypeKind::Enum { variants }
    }
}
