//! Whether the spec's types would decode a page's example body, and what in it they
//! would not know: the example checks of a person reading the page beside the spec.

use codegen::ir::{Service, Type, TypeKind};
use serde_json::Value;

/// Every problem of `value` read as `ty`, each with its JSON path (`users[0].name: ...`).
/// Fields the schema does not have are reported too: the client would drop them silently.
pub fn check(service: &Service, ty: &Type, value: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    walk(service, ty, value, "$", &mut problems);
    problems
}

fn walk(service: &Service, ty: &Type, value: &Value, path: &str, out: &mut Vec<String>) {
    let mut expect = |what: &str| {
        out.push(format!(
            "{path}: {} where the spec expects {what}",
            kind(value)
        ))
    };
    match ty {
        Type::Any | Type::Unit => {}
        Type::String | Type::Secret | Type::DateTime if !value.is_string() => expect("a string"),
        Type::Int32 if value.as_i64().and_then(|i| i32::try_from(i).ok()).is_none() => {
            expect("a 32-bit integer")
        }
        Type::Int64 | Type::EpochMillis if value.as_i64().is_none() => expect("an integer"),
        Type::Int8 | Type::Int16 | Type::UInt8 | Type::UInt16 | Type::UInt32 | Type::UInt64
            if value.as_i64().is_none() && value.as_u64().is_none() =>
        {
            expect("an integer")
        }
        Type::Number if !value.is_number() => expect("a number"),
        Type::Boolean if !value.is_boolean() => expect("true or false"),
        Type::List(item) => match value.as_array() {
            Some(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(service, item, v, &format!("{path}[{i}]"), out);
                }
            }
            None => expect("a list"),
        },
        Type::Map(item) => match value.as_object() {
            Some(entries) => {
                for (k, v) in entries {
                    walk(service, item, v, &format!("{path}.{k}"), out);
                }
            }
            None => expect("an object"),
        },
        Type::Named(name) => named(service, name, value, path, out),
        _ => {}
    }
}

fn named(service: &Service, name: &str, value: &Value, path: &str, out: &mut Vec<String>) {
    let Some(def) = crate::shapes::type_named(service, name) else {
        return;
    };
    match &def.kind {
        TypeKind::Alias { ty } => walk(service, ty, value, path, out),
        TypeKind::Enum { variants } => match value.as_str() {
            Some(s) if !variants.iter().any(|v| v.wire == s) => {
                out.push(format!(
                    "{path}: `{s}` is not one of the values of {}",
                    crate::shapes::schema_name(def)
                ));
            }
            Some(_) => {}
            None => out.push(format!(
                "{path}: {} where the spec expects a string",
                kind(value)
            )),
        },
        TypeKind::Struct { fields, .. } => {
            let Some(object) = value.as_object() else {
                out.push(format!(
                    "{path}: {} where the spec expects an object ({})",
                    kind(value),
                    crate::shapes::schema_name(def)
                ));
                return;
            };
            for field in fields {
                let at = format!("{path}.{}", field.wire);
                match object.get(&field.wire) {
                    None if field.required => {
                        out.push(format!("{at}: missing, the spec requires it"))
                    }
                    None => {}
                    Some(Value::Null) if field.optional() => {}
                    Some(v) => walk(service, &field.ty, v, &at, out),
                }
            }
            for key in object.keys() {
                if !fields.iter().any(|f| &f.wire == key) {
                    out.push(format!(
                        "{path}.{key}: not a field of {}",
                        crate::shapes::schema_name(def)
                    ));
                }
            }
        }
        // Unions and integer enums are not in the service specs drift compares; not walked.
        TypeKind::Union { .. } | TypeKind::IntEnum { .. } => {}
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
