//! A page's field table against a spec schema: which fields each side has, mandatory vs
//! `required`, the type, and each rule the description states.

use crate::compare::{Checker, required, yes_no};
use crate::page::{Object, Row};
use codegen::ir::{self, Constraints, Service, Type, TypeDef, TypeKind};
use codegen::yaml::Pos;

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

    fn fits(&self, other: &Kind) -> bool {
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
        Type::String | Type::Secret | Type::DateTime => Kind::String,
        Type::Int32 | Type::Int64 => Kind::Integer,
        Type::Number => Kind::Number,
        Type::Boolean => Kind::Boolean,
        Type::Any | Type::Unit => Kind::Unknown,
        Type::Map(_) => Kind::Object,
        Type::List(item) => Kind::List(Box::new(spec_kind(service, item))),
        Type::Named(name) => match service.type_named(name).map(|t| &t.kind) {
            Some(TypeKind::Struct { .. }) => Kind::Object,
            Some(TypeKind::Enum { .. }) => Kind::String,
            Some(TypeKind::Alias { ty }) => spec_kind(service, ty),
            None => Kind::Unknown,
        },
    }
}

/// The struct a value of `ty` is, or holds a list of.
pub fn struct_of<'a>(service: &'a Service, ty: &Type) -> Option<&'a TypeDef> {
    match ty {
        Type::List(item) => struct_of(service, item),
        Type::Named(name) => {
            let def = service.type_named(name)?;
            match &def.kind {
                TypeKind::Struct { .. } => Some(def),
                TypeKind::Alias { ty } => struct_of(service, ty),
                TypeKind::Enum { .. } => None,
            }
        }
        _ => None,
    }
}

/// The values of the enum a value of `ty` is, or holds a list of.
pub fn enum_values(service: &Service, ty: &Type) -> Option<Vec<String>> {
    match ty {
        Type::List(item) => enum_values(service, item),
        Type::Named(name) => match &service.type_named(name)?.kind {
            TypeKind::Enum { variants } => Some(variants.iter().map(|v| v.wire.clone()).collect()),
            TypeKind::Alias { ty } => enum_values(service, ty),
            TypeKind::Struct { .. } => None,
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

fn struct_fields(def: &TypeDef) -> &[ir::Field] {
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
        let Some(def) = service.type_named(&name) else {
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

impl Checker<'_> {
    pub fn object(&mut self, table: &Object, def: &TypeDef) {
        let service = &self.spec.service;
        let origin = schema_name(def);
        let fields = struct_fields(def);
        for f in &table.fields {
            let subject = format!("{origin}.{}", f.row.name);
            let Some(field) = fields.iter().find(|s| s.wire == f.row.name) else {
                let pos = self
                    .spec
                    .field_pos(origin, &f.row.name, None)
                    .unwrap_or(self.spec.operation_pos(self.op));
                self.push(subject, "present", "listed", "absent", f.row.line, pos);
                continue;
            };
            self.field(origin, &f.row, field);
            if let Some(children) = &f.children {
                match struct_of(service, &field.ty) {
                    Some(inner) => self.object(children, inner),
                    None => {
                        let pos = self
                            .spec
                            .field_pos(origin, &field.wire, None)
                            .unwrap_or(self.spec.operation_pos(self.op));
                        let names = children
                            .fields
                            .iter()
                            .map(|c| c.row.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ");
                        self.push(
                            subject,
                            "type",
                            format!("an object of {names}"),
                            field.ty.describe(),
                            children.line,
                            pos,
                        );
                    }
                }
            }
        }
        for field in fields {
            if !table.fields.iter().any(|f| f.row.name == field.wire) {
                let pos = self
                    .spec
                    .field_pos(origin, &field.wire, None)
                    .unwrap_or(self.spec.operation_pos(self.op));
                self.push(
                    format!("{origin}.{}", field.wire),
                    "present",
                    "absent",
                    "declared",
                    table.line,
                    pos,
                );
            }
        }
    }

    fn field(&mut self, origin: &str, row: &Row, field: &ir::Field) {
        let subject = format!("{origin}.{}", field.wire);
        let spec = self.spec;
        let at = |keyword: &str| {
            spec.field_pos(origin, &field.wire, Some(keyword))
                .unwrap_or(spec.operation_pos(self.op))
        };
        if let Some(mandatory) = row.mandatory
            && mandatory != field.required
        {
            self.push(
                &subject,
                "required",
                yes_no(mandatory),
                required(field.required),
                row.line,
                at("required"),
            );
        }
        let default = spec.field_default(origin, &field.wire);
        self.type_and_rules(
            &subject,
            row,
            &field.ty,
            &field.constraints,
            &field.item_constraints,
            default,
            &at,
        );
    }

    /// The type and every stated rule of a field or parameter. `items` holds the rules of
    /// a list's items (a length stated for a list of strings is its items' length).
    #[allow(clippy::too_many_arguments)]
    pub fn type_and_rules(
        &mut self,
        subject: &str,
        row: &Row,
        ty: &Type,
        own: &Constraints,
        items: &Constraints,
        default: Option<String>,
        at: &dyn Fn(&str) -> Pos,
    ) {
        let service = &self.spec.service;
        let (page_kind, spec_kind) = (page_kind(&row.ty), spec_kind(service, ty));
        if !page_kind.fits(&spec_kind) {
            self.push(
                subject,
                "type",
                format!("{} ({})", row.ty, page_kind.describe()),
                spec_kind.describe(),
                row.line,
                at("type"),
            );
        }
        // A rule is stated in the description, the row's last cell: point at its last line.
        let rule_line = row.last_line;
        let lengths = if matches!(spec_kind, Kind::List(_)) {
            items
        } else {
            own
        };
        let r = &row.rules;
        let counts = [
            ("minLength", &r.min_length, lengths.min_length),
            ("maxLength", &r.max_length, lengths.max_length),
            ("minItems", &r.min_items, own.min_items),
            ("maxItems", &r.max_items, own.max_items),
        ];
        for (rule, page, spec) in counts {
            let agrees = match spec {
                Some(s) => page.iter().all(|p| *p == s) && !page.is_empty(),
                None => page.is_empty(),
            };
            if !agrees {
                let page_says = if page.is_empty() {
                    "not stated".to_string()
                } else {
                    join(page)
                };
                self.push(
                    subject,
                    rule,
                    page_says,
                    spec.map_or("not set".into(), |s| s.to_string()),
                    rule_line,
                    at(rule),
                );
            }
        }
        for (rule, page, spec) in [
            ("minimum", r.minimum, own.minimum),
            ("maximum", r.maximum, own.maximum),
        ] {
            if page != spec {
                let say =
                    |v: Option<f64>, none: &str| v.map_or(none.to_string(), |v| v.to_string());
                self.push(
                    subject,
                    rule,
                    say(page, "not stated"),
                    say(spec, "not set"),
                    rule_line,
                    at(rule),
                );
            }
        }
        let spec_values = enum_values(service, ty);
        let same_values = match (&r.values, &spec_values) {
            (Some(p), Some(s)) => p.len() == s.len() && p.iter().all(|v| s.contains(v)),
            (None, None) => true,
            _ => false,
        };
        if !same_values {
            let say = |v: &Option<Vec<String>>, none: &str| {
                v.as_ref().map_or(none.to_string(), |v| v.join(", "))
            };
            self.push(
                subject,
                "enum",
                say(&r.values, "not stated"),
                say(&spec_values, "no value list"),
                rule_line,
                at("enum"),
            );
        }
        if r.default != default {
            let say =
                |v: &Option<String>, none: &str| v.clone().unwrap_or_else(|| none.to_string());
            self.push(
                subject,
                "default",
                say(&r.default, "not stated"),
                say(&default, "not set"),
                rule_line,
                at("default"),
            );
        }
    }
}

fn join(numbers: &[u64]) -> String {
    numbers
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(" and ")
}
