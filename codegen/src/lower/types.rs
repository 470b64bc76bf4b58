//! Rust types of schemas: a component under its own name, an inline schema in place (an
//! inline object or enum becomes a named type), plain values by `type` and `format`, and
//! string enums.

use super::all_of::PlainAllOf;
use super::context::Lowering;
use super::shape::is_object;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::ir::*;
use crate::names::{camel, unique};
use crate::spec;
use crate::yaml::{Node, Value};
use std::collections::HashSet;

impl<'a> Lowering<'a> {
    /// Lowers a component schema under its own name.
    pub(super) fn lower_named(&mut self, rust: &str, origin: &str, schema: &'a spec::Schema) {
        self.report_unsupported(schema);
        self.check_shape(schema);
        self.check_written_values(schema);
        let doc = schema.description.clone().or_else(|| schema.title.clone());
        // Placed before lowering its fields, so a type comes before the inline types it names.
        self.push_type(rust, origin, doc.clone(), TypeKind::Alias { ty: Type::Any });
        let kind = if let Some(plain) = self.plain_all_of(schema) {
            let ty = match plain {
                PlainAllOf::Part(part) => self.type_of(part, &format!("{rust}Item")),
                PlainAllOf::Own => self.plain_type(schema, &format!("{rust}Item")),
            };
            TypeKind::Alias { ty }
        } else if self.lowers_as_union(schema) {
            self.lower_union(rust, schema)
        } else if !schema.enumeration.is_empty() {
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
        self.check_written_values(schema);
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
        match self.plain_all_of(schema) {
            Some(PlainAllOf::Part(part)) => return self.type_of(part, wanted_name),
            Some(PlainAllOf::Own) => return self.plain_type(schema, wanted_name),
            None => {}
        }
        if self.lowers_as_union(schema) {
            let name = self.types.fresh_name(wanted_name);
            self.inline.insert(key, name.clone());
            self.push_type(&name, wanted_name, None, TypeKind::Alias { ty: Type::Any });
            let kind = self.lower_union(&name, schema);
            let doc = schema.description.clone().or_else(|| schema.title.clone());
            self.push_type(&name, wanted_name, doc, kind);
            return Type::Named(name);
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
                Some("date") => Type::Date,
                Some("byte") => Type::Base64,
                Some("binary") => Type::Binary,
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
                    self.warn(
                        schema.pos,
                        "an array without `items`: a list of any JSON values",
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
        match schema.ty.as_ref().map(|t| t.value.as_str()) {
            None | Some("string") => {}
            Some("integer") => return self.lower_int_enum(schema),
            Some(other) => {
                let pos = schema.ty.as_ref().map_or(schema.pos, |t| t.pos);
                self.error_hint(
                    pos,
                    format!("enums of type `{other}` are not supported"),
                    "only string and integer enums are supported; describe the values in `description`",
                );
                return TypeKind::Enum {
                    variants: Vec::new(),
                };
            }
        }
        self.lower_string_enum(schema.enumeration.iter().collect())
    }

    /// A string enum of these listed values.
    pub(super) fn lower_string_enum(&mut self, values: Vec<&Node>) -> TypeKind {
        let mut variants: Vec<Variant> = Vec::new();
        let mut wires: HashSet<&str> = HashSet::new();
        // `Unknown` is the variant that keeps a value the client does not know.
        let mut names: HashSet<String> = HashSet::from(["Unknown".to_string()]);
        for node in values {
            let wire = match &node.value {
                Value::Str(wire) => wire,
                // `null` in the list makes the value nullable (see `nullable`), not a variant.
                Value::Null => continue,
                _ => {
                    let message = format!("enum values must be strings, found {}", node.kind());
                    self.error_hint(
                        node.pos,
                        message,
                        "quote the value, or say `type: integer` for an enum of integers",
                    );
                    continue;
                }
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

    fn lower_int_enum(&mut self, schema: &spec::Schema) -> TypeKind {
        let mut variants: Vec<IntVariant> = Vec::new();
        let mut seen: HashSet<i64> = HashSet::new();
        let mut names: HashSet<String> = HashSet::from(["Unknown".to_string()]);
        for node in &schema.enumeration {
            let value = match node.value {
                Value::Int(value) => value,
                Value::Null => continue,
                _ => {
                    let message = format!(
                        "the values of an integer enum must be integers, found {}",
                        node.kind()
                    );
                    self.error(node.pos, message);
                    continue;
                }
            };
            if !seen.insert(value) {
                self.error(node.pos, format!("enum value `{value}` is listed twice"));
                continue;
            }
            let spelled = if value < 0 {
                format!("minus {}", value.unsigned_abs())
            } else {
                value.to_string()
            };
            let name = unique(camel(&spelled, "Value"), &names, true);
            names.insert(name.clone());
            variants.push(IntVariant { name, value });
        }
        TypeKind::IntEnum { variants }
    }

    /// Whether a value may be `null`: `nullable: true`, `null` among its `enum` values, or
    /// either on the component schema it refers to.
    pub(super) fn nullable(&mut self, schema: &'a spec::Schema) -> bool {
        let says_null = |s: &spec::Schema| {
            s.nullable || s.enumeration.iter().any(|n| matches!(n.value, Value::Null))
        };
        if says_null(schema) {
            return true;
        }
        let Some(reference) = &schema.reference else {
            return false;
        };
        let name = reference
            .value
            .strip_prefix(super::index::SCHEMA_PREFIX)
            .unwrap_or_default();
        self.index.schemas.get(name).is_some_and(says_null)
    }
}
