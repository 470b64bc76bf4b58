//! What a spec schema is, as a page can describe it: the wire kind of a type, the struct a
//! field holds, schema names, the structs reachable from a body, and how well a page table's
//! fields match a struct's.

use crate::page::Object;
use codegen::ir::{self, Service, Type, TypeDef, TypeKind};

/// What a value is on the wire, as far as a page can say.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    String,
    Integer,
    Number,
    Boolean,
    Object,
    List(Box<Kind>),
    /// The page or the spec does not say (`Array` without item type, an untyped schema).
    Unknown,
}

impl Kind {
    pub fn describe(&self) -> String {
        match self {
            Kind::String => "string".into(),
            Kind::Integer => "integer".into(),
            Kind::Number => "number".into(),
            Kind::Boolean => "boolean".into(),
            Kind::Object => "object".into(),
            Kind::List(item) => format!("list of {}", item.describe()),
            Kind::Unknown => "any".into(),
        }
    }

    pub fn fits(&self, other: &Kind) -> bool {
        match (self, other) {
            (Kind::Unknown, _) | (_, Kind::Unknown) => true,
            (Kind::List(a), Kind::List(b)) => a.fits(b),
            (a, b) => a == b,
        }
    }
}

/// `String`, `Integer`, `Array of strings`, `StringArray`, `Array of X objects`, `X object`, `Datetime`.
pub fn page_kind(text: &str) -> Kind {
    let t = text.trim().to_ascii_lowercase();
    if let Some(item) = t.strip_prefix("array of ") {
        let item = if item.ends_with(" object") || item.ends_with(" objects") {
            Kind::Object
        } else {
            page_kind(item.trim_end_matches('s'))
        };
        return Kind::List(Box::new(item));
    }
    if t == "array" || t == "list" {
        return Kind::List(Box::new(Kind::Unknown));
    }
    for (prefix, suffix) in [("array", ""), ("", "array"), ("list<", ">")] {
        if let Some(item) = t.strip_prefix(prefix).and_then(|r| r.strip_suffix(suffix))
            && !item.is_empty()
            && item != t
        {
            return Kind::List(Box::new(page_kind(item)));
        }
    }
    match t.as_str() {
        "string" | "str" | "datetime" | "date" | "date-time" => Kind::String,
        "integer" | "int" | "long" | "int32" | "int64" => Kind::Integer,
        "number" | "float" | "double" => Kind::Number,
        "boolean" | "bool" => Kind::Boolean,
        "object" => Kind::Object,
        _ if t.ends_with(" object") || t.ends_with(" objects") => Kind::Object,
        _ => Kind::Unknown,
    }
}

pub fn spec_kind(service: &Service, ty: &Type) -> Kind {
    match ty {
        Type::String | Type::Secret | Type::DateTime | Type::Date | Type::Base64 | Type::Binary => {
            Kind::String
        }
        Type::Int32
        | Type::Int64
        | Type::EpochMillis
        | Type::Int8
        | Type::Int16
        | Type::UInt8
        | Type::UInt16
        | Type::UInt32
        | Type::UInt64 => Kind::Integer,
        Type::Number => Kind::Number,
        Type::Boolean => Kind::Boolean,
        Type::Any | Type::Unit | Type::Bytes => Kind::Unknown,
        Type::Map(_) => Kind::Object,
        Type::List(item) => Kind::List(Box::new(spec_kind(service, item))),
        Type::Named(name) => match type_named(service, name).map(|t| &t.kind) {
            Some(TypeKind::Struct { .. }) => Kind::Object,
            Some(TypeKind::Enum { .. }) => Kind::String,
            Some(TypeKind::IntEnum { .. }) => Kind::Integer,
            Some(TypeKind::Alias { ty }) => spec_kind(service, ty),
            Some(TypeKind::Union { .. }) | None => Kind::Unknown,
        },
    }
}

/// The struct a value of `ty` is, or holds a list of.
pub fn struct_of<'a>(service: &'a Service, ty: &Type) -> Option<&'a TypeDef> {
    match ty {
        Type::List(item) => struct_of(service, item),
        Type::Named(name) => {
            let def = type_named(service, name)?;
            match &def.kind {
                TypeKind::Struct { .. } => Some(def),
                TypeKind::Alias { ty } => struct_of(service, ty),
                TypeKind::Enum { .. } | TypeKind::IntEnum { .. } | TypeKind::Union { .. } => None,
            }
        }
        _ => None,
    }
}

/// The values of the enum a value of `ty` is, or holds a list of.
pub fn enum_values(service: &Service, ty: &Type) -> Option<Vec<String>> {
    match ty {
        Type::List(item) => enum_values(service, item),
        Type::Named(name) => match &type_named(service, name)?.kind {
            TypeKind::Enum { variants } => Some(variants.iter().map(|v| v.wire.clone()).collect()),
            TypeKind::Alias { ty } => enum_values(service, ty),
            TypeKind::Struct { .. } | TypeKind::IntEnum { .. } | TypeKind::Union { .. } => None,
        },
        _ => None,
    }
}

/// The component name of a type (`CreateUsersRequest`), or its origin when it has none.
pub fn schema_name(def: &TypeDef) -> &str {
    def.origin
        .strip_prefix("#/components/schemas/")
        .unwrap_or(&def.origin)
}

pub fn struct_fields(def: &TypeDef) -> &[ir::Field] {
    match &def.kind {
        TypeKind::Struct { fields, .. } => fields,
        _ => &[],
    }
}

/// Every struct a value of `root` holds, at any depth (not `root` itself).
pub fn reachable_structs<'a>(service: &'a Service, root: &TypeDef) -> Vec<&'a TypeDef> {
    let mut out: Vec<&TypeDef> = Vec::new();
    let mut queue = vec![root.name.clone()];
    while let Some(name) = queue.pop() {
        let Some(def) = type_named(service, &name) else {
            continue;
        };
        for field in struct_fields(def) {
            if let Some(inner) = struct_of(service, &field.ty)
                && inner.name != root.name
                && !out.iter().any(|t| t.name == inner.name)
            {
                out.push(inner);
                queue.push(inner.name.clone());
            }
        }
    }
    out
}

/// How alike a table and a schema are by field names (shared names over all names).
pub fn overlap(table: &Object, def: &TypeDef) -> f64 {
    let fields = struct_fields(def);
    let shared = table
        .fields
        .iter()
        .filter(|f| fields.iter().any(|s| s.wire == f.row.name))
        .count();
    let all = table.fields.len() + fields.len() - shared;
    if all == 0 {
        0.0
    } else {
        shared as f64 / all as f64
    }
}

/// The type called `name`. Drift reads a handful of small models once, so a scan is
/// cheaper than building an index; the generator itself never searches by name.
pub fn type_named<'a>(service: &'a Service, name: &str) -> Option<&'a TypeDef> {
    service.types.iter().find(|t| t.name == name)
}
