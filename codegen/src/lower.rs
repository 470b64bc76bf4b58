//! From the spec as written to the resolved model: references resolved, names chosen,
//! types and constraints decided, conventions checked. Every problem is located.

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::ir::*;
use crate::names::{RESERVED_LOCALS, RESERVED_METHODS, RESERVED_TYPES, camel, snake, unique};
use crate::spec::{self, At, RefOr};
use crate::yaml::{Pos, Value};
use std::collections::BTreeMap;

pub fn lower(module: &str, doc: &spec::Document) -> (Service, Vec<Diagnostic>) {
    let mut l = Lowering {
        doc,
        diags: Vec::new(),
        types: Vec::new(),
        components: BTreeMap::new(),
        roles: Vec::new(),
        pending_requires: Vec::new(),
        inline: Vec::new(),
    };
    l.check_version();
    l.register_components();
    for (name, schema) in &doc.components.schemas {
        // A schema whose name was refused has no Rust type; it was reported.
        let Some(rust) = l.components.get(&name.value).cloned() else {
            continue;
        };
        l.lower_named(
            &rust,
            &format!("#/components/schemas/{}", name.value),
            schema,
        );
    }
    let (operations, client_params) = l.lower_operations();
    l.resolve_requires();
    l.mark_checked_types();
    l.check_alias_cycles();
    l.box_recursive_fields();
    let auth = l.lower_auth();
    let envelope = doc.envelope.as_ref().map(|e| Envelope {
        data: e.data.value.clone(),
        success: e.success.value.clone(),
        trace_id: e.trace_id.as_ref().map(|t| t.value.clone()),
    });
    let body_error = doc.body_error.as_ref().map(|b| BodyError {
        code: b.code.value.clone(),
        success: b.success.value.clone(),
        message: b.message.as_ref().map(|m| m.value.clone()),
    });
    let error_fields = l.error_fields(&operations);
    let service = Service {
        module: module.to_string(),
        title: doc.title.clone(),
        description: doc.description.clone(),
        version: doc.version.clone(),
        servers: doc.servers.clone(),
        auth,
        client_params,
        envelope,
        body_error,
        error_fields,
        retryable_errors: doc
            .retryable_errors
            .iter()
            .map(|r| RetryableError {
                status: r.status,
                code: r.code.clone(),
            })
            .collect(),
        types: l.types,
        operations,
    };
    (service, l.diags)
}

/// The `allOf` parts being merged into one object: the chain that leads to the current part
/// (a part met again on it is a cycle) and the parts already merged.
#[derive(Default)]
struct PartsWalk {
    stack: Vec<*const spec::Schema>,
    merged: Vec<*const spec::Schema>,
}

struct PendingRequires {
    owner: String,
    requirement: spec::Requirement,
}

struct Lowering<'a> {
    doc: &'a spec::Document,
    diags: Vec<Diagnostic>,
    types: Vec<TypeDef>,
    /// Component schema name → Rust type name.
    components: BTreeMap<String, String>,
    /// (type, wire field, role) from `x-error-role`.
    roles: Vec<(String, String, String)>,
    pending_requires: Vec<PendingRequires>,
    /// Inline schemas already lowered to a named type.
    inline: Vec<(*const spec::Schema, String)>,
}

const SCHEMA_PREFIX: &str = "#/components/schemas/";

impl<'a> Lowering<'a> {
    /// Decides, once, which types hold a rule to check (`TypeDef::checked`).
    fn mark_checked_types(&mut self) {
        let checked: Vec<bool> = self
            .types
            .iter()
            .map(|t| named_needs_validation(&self.types, &t.name, &mut Vec::new()))
            .collect();
        for (t, checked) in self.types.iter_mut().zip(checked) {
            t.checked = checked;
        }
    }

    fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.diags.push(Diagnostic::new(pos, message));
    }

    fn error_hint(&mut self, pos: Pos, message: impl Into<String>, hint: impl Into<String>) {
        self.diags
            .push(Diagnostic::new(pos, message).with_hint(hint));
    }

    fn check_version(&mut self) {
        match &self.doc.openapi {
            Some(v) if v.value.starts_with("3.0.") => {}
            Some(v) => self.error_hint(
                v.pos,
                format!("OpenAPI version `{}` is not supported", v.value),
                "the generator reads OpenAPI 3.0.x; write `openapi: 3.0.3`",
            ),
            None => {}
        }
    }

    fn register_components(&mut self) {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for (name, _) in &self.doc.components.schemas {
            let rust = camel(&name.value, "Schema");
            if RESERVED_TYPES.contains(&rust.as_str()) {
                let message = format!(
                    "schema `{}` would be the Rust type `{rust}`, which the generated code already uses",
                    name.value
                );
                self.error_hint(
                    name.pos,
                    message,
                    format!("rename the schema, e.g. `{rust}Info`"),
                );
                continue;
            }
            if let Some(other) = seen.get(&rust) {
                let message = format!(
                    "schemas `{other}` and `{}` would both be the Rust type `{rust}`",
                    name.value
                );
                self.error_hint(name.pos, message, "rename one of them");
                continue;
            }
            seen.insert(rust.clone(), name.value.clone());
            self.components.insert(name.value.clone(), rust);
        }
    }

    /// A fresh Rust type name for an inline schema, never taken by a component or another inline type.
    fn fresh_type_name(&self, wanted: &str) -> String {
        let taken: Vec<String> = self
            .types
            .iter()
            .map(|t| t.name.clone())
            .chain(self.components.values().cloned())
            .chain(RESERVED_TYPES.iter().map(|r| r.to_string()))
            .collect();
        unique(camel(wanted, "Inline"), &taken, true)
    }

    fn resolve_schema_ref(&mut self, reference: &At<String>) -> Option<(String, &'a spec::Schema)> {
        let Some(name) = reference.value.strip_prefix(SCHEMA_PREFIX) else {
            self.error_hint(
                reference.pos,
                format!(
                    "`$ref: {}` does not point into `#/components/schemas/`",
                    reference.value
                ),
                "only local references to component schemas are supported here",
            );
            return None;
        };
        let doc = self.doc;
        match doc.components.schemas.iter().find(|(n, _)| n.value == name) {
            Some((n, schema)) => self
                .components
                .get(&n.value)
                .map(|rust| (rust.clone(), schema)),
            None => {
                let message = format!(
                    "`$ref` points to `{name}`, which is not a schema in `components.schemas`"
                );
                let names = doc.components.schemas.iter().map(|(n, _)| n.value.as_str());
                self.diags
                    .push(Diagnostic::new(reference.pos, message).suggesting(
                        name,
                        names,
                        SCHEMA_PREFIX,
                    ));
                None
            }
        }
    }

    fn report_unsupported(&mut self, schema: &spec::Schema) {
        for key in &schema.unsupported {
            let hint = match key.value.as_str() {
                "oneOf" | "anyOf" => {
                    "describe one object with optional fields, or use `allOf` to compose objects"
                }
                "discriminator" => {
                    "tagged unions are not supported yet; describe one object with optional fields"
                }
                "pattern" => {
                    "regular expressions are not enforced yet; say the rule in `description`"
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
    fn check_shape(&mut self, schema: &spec::Schema) {
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
        if is_object(schema)
            && (!schema.properties.is_empty() || !schema.all_of.is_empty())
            && let Some(spec::AdditionalProperties::Schema(values)) = &schema.additional_properties
        {
            self.error_hint(
                schema.additional_properties_at.unwrap_or(values.pos),
                "`additionalProperties` with a schema beside `properties` is not supported",
                "the extra members would be dropped; make the map a property of its own",
            );
        }
        let Some(ty) = &schema.ty else { return };
        for (key, pos) in shaping {
            let applies = match key {
                "properties" | "additionalProperties" | "allOf" => ty.value == "object",
                "items" => ty.value == "array",
                _ => true,
            };
            if !applies {
                self.error_hint(
                    pos,
                    format!("`{key}` does not apply to `type: {}`", ty.value),
                    match key {
                        "items" => "`items` describes the elements of `type: array`",
                        _ => {
                            "properties, `additionalProperties` and `allOf` describe `type: object`"
                        }
                    },
                );
            }
        }
    }

    /// Lowers a component schema under its own name.
    fn lower_named(&mut self, rust: &str, origin: &str, schema: &'a spec::Schema) {
        self.report_unsupported(schema);
        self.check_shape(schema);
        let doc = schema.description.clone().or_else(|| schema.title.clone());
        // Placed before lowering its fields, so a type comes before the inline types it names.
        self.push_type(rust, origin, doc, TypeKind::Alias { ty: Type::Any });
        let kind = if !schema.enumeration.is_empty() {
            self.lower_enum(schema)
        } else if is_object(schema) {
            self.lower_struct(rust, schema)
        } else {
            let ty = self.type_of(schema, &format!("{rust}Item"));
            TypeKind::Alias { ty }
        };
        if let Some(t) = self.types.iter_mut().find(|t| t.name == rust) {
            t.kind = kind;
        }
    }

    fn push_type(&mut self, name: &str, origin: &str, doc: Option<String>, kind: TypeKind) {
        self.types.push(TypeDef {
            name: name.to_string(),
            origin: origin.to_string(),
            doc,
            kind,
            checked: false,
        });
    }

    /// The Rust type of a schema used in place; inline objects and enums become named types.
    fn type_of(&mut self, schema: &'a spec::Schema, wanted_name: &str) -> Type {
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
        if let Some((_, name)) = self.inline.iter().find(|(k, _)| *k == key) {
            return Type::Named(name.clone());
        }
        if !schema.enumeration.is_empty() {
            let name = self.fresh_type_name(wanted_name);
            self.inline.push((key, name.clone()));
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
            let name = self.fresh_type_name(wanted_name);
            self.inline.push((key, name.clone()));
            // Reserve the name before lowering fields, so nested inline types do not take it.
            self.push_type(&name, wanted_name, None, TypeKind::Alias { ty: Type::Any });
            let kind = self.lower_struct(&name, schema);
            if let Some(t) = self.types.iter_mut().find(|t| t.name == name) {
                t.kind = kind;
                t.doc = schema.description.clone().or_else(|| schema.title.clone());
            }
            return Type::Named(name);
        }
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
                Some(other) => {
                    let pos = schema.format.as_ref().map_or(schema.pos, |f| f.pos);
                    self.error_hint(
                        pos,
                        format!("integer format `{other}` is not supported"),
                        "use `int32` or `int64`",
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
        for node in &schema.enumeration {
            let Value::Str(wire) = &node.value else {
                let message = format!("enum values must be strings, found {}", node.kind());
                self.error_hint(node.pos, message, "quote the value");
                continue;
            };
            if variants.iter().any(|v| &v.wire == wire) {
                self.error(node.pos, format!("enum value `{wire}` is listed twice"));
                continue;
            }
            let taken: Vec<String> = variants
                .iter()
                .map(|v| v.name.clone())
                .chain(["Unknown".to_string()])
                .collect();
            let name = unique(camel(wire, "Value"), &taken, true);
            variants.push(Variant {
                name,
                wire: wire.clone(),
            });
        }
        TypeKind::Enum { variants }
    }

    /// Properties and required names of an object, `allOf` parts merged in order.
    fn object_parts(
        &mut self,
        schema: &'a spec::Schema,
        out: &mut Vec<(&'a At<String>, &'a spec::Schema, bool)>,
        walk: &mut PartsWalk,
    ) {
        walk.stack.push(schema);
        for part in &schema.all_of {
            let target = match &part.reference {
                Some(reference) => match self.resolve_schema_ref(reference) {
                    Some((_, target)) => target,
                    None => continue,
                },
                None => part,
            };
            let key = target as *const spec::Schema;
            if walk.stack.contains(&key) {
                let reference = part.reference.as_ref().map_or("", |r| r.value.as_str());
                self.error_hint(
                    part.pos,
                    format!("`allOf` includes `{reference}`, which includes this schema: a cycle"),
                    "an object cannot be composed of itself; remove one of the references",
                );
                continue;
            }
            // Merging the same part twice adds nothing (and a diamond of parts must not
            // multiply the work).
            if walk.merged.contains(&key) {
                continue;
            }
            if !is_object(target) {
                self.error_hint(
                    part.pos,
                    "each `allOf` part must be an object schema",
                    "compose objects only",
                );
                continue;
            }
            self.object_parts(target, out, walk);
        }
        for (name, property) in &schema.properties {
            let required = schema.required.iter().any(|r| r.value == name.value);
            if let Some(existing) = out.iter_mut().find(|(n, _, _)| n.value == name.value) {
                *existing = (name, property, required || existing.2);
            } else {
                out.push((name, property, required));
            }
        }
        // A name may be required here and declared by an `allOf` part.
        for required in &schema.required {
            match out.iter_mut().find(|(n, _, _)| n.value == required.value) {
                Some(entry) => entry.2 = true,
                None => {
                    let message = format!(
                        "`required` names `{}`, which is not a property",
                        required.value
                    );
                    let names = out.iter().map(|(n, _, _)| n.value.as_str());
                    self.diags
                        .push(Diagnostic::new(required.pos, message).suggesting(
                            &required.value,
                            names,
                            "",
                        ));
                }
            }
        }
        walk.stack.pop();
        walk.merged.push(schema);
    }

    fn lower_struct(&mut self, owner: &str, schema: &'a spec::Schema) -> TypeKind {
        let mut parts = Vec::new();
        self.object_parts(schema, &mut parts, &mut PartsWalk::default());
        let mut fields: Vec<Field> = Vec::new();
        for (wire, property, required) in parts {
            self.report_unsupported(property);
            let taken: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
            let name = unique(snake(&wire.value, "field"), &taken, false);
            let ty = self.type_of(property, &format!("{owner}{}", camel(&wire.value, "Field")));
            let constraints = self.constraints(property, &ty);
            let item_constraints = match (&ty, &property.items) {
                (Type::List(inner), Some(items)) => self.constraints(items, inner),
                _ => Constraints::default(),
            };
            if let Some(role) = &property.error_role {
                if !["code", "message", "request-id"].contains(&role.value.as_str()) {
                    self.error_hint(
                        role.pos,
                        format!("unknown `x-error-role` `{}`", role.value),
                        "use `code`, `message` or `request-id`",
                    );
                } else {
                    self.roles
                        .push((owner.to_string(), wire.value.clone(), role.value.clone()));
                }
            }
            fields.push(Field {
                name,
                wire: wire.value.clone(),
                doc: property
                    .description
                    .clone()
                    .or_else(|| property.title.clone()),
                ty,
                required,
                nullable: property.nullable,
                deprecated: property.deprecated,
                constraints,
                item_constraints,
                boxed: false,
            });
        }
        if let Some(min) = &schema.min_properties {
            let optional = fields.iter().filter(|f| !f.required).count() as u64;
            if min.value > optional + fields.iter().filter(|f| f.required).count() as u64 {
                self.error(
                    min.pos,
                    format!(
                        "`minProperties: {}` can never be met: the object has {} properties",
                        min.value,
                        fields.len()
                    ),
                );
            }
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

    fn constraints(&mut self, schema: &spec::Schema, ty: &Type) -> Constraints {
        let stringy = matches!(ty, Type::String | Type::Secret);
        let listy = matches!(ty, Type::List(_));
        let numeric = matches!(ty, Type::Int32 | Type::Int64 | Type::Number);
        let mut check = |present: Option<Pos>, ok: bool, key: &str, kind: &str| {
            if let (Some(pos), false) = (present, ok) {
                self.diags.push(Diagnostic::new(
                    pos,
                    format!("`{key}` applies to {kind}, not to {}", ty.describe()),
                ));
            }
        };
        check(
            schema.min_length.as_ref().map(|c| c.pos),
            stringy,
            "minLength",
            "strings",
        );
        check(
            schema.max_length.as_ref().map(|c| c.pos),
            stringy,
            "maxLength",
            "strings",
        );
        check(
            schema.min_items.as_ref().map(|c| c.pos),
            listy,
            "minItems",
            "arrays",
        );
        check(
            schema.max_items.as_ref().map(|c| c.pos),
            listy,
            "maxItems",
            "arrays",
        );
        check(
            schema.minimum.as_ref().map(|c| c.pos),
            numeric,
            "minimum",
            "numbers",
        );
        check(
            schema.maximum.as_ref().map(|c| c.pos),
            numeric,
            "maximum",
            "numbers",
        );
        if let (Some(min), Some(max)) = (&schema.min_length, &schema.max_length)
            && min.value > max.value
        {
            self.error(
                max.pos,
                format!(
                    "`maxLength: {}` is below `minLength: {}`",
                    max.value, min.value
                ),
            );
        }
        if let (Some(min), Some(max)) = (&schema.min_items, &schema.max_items)
            && min.value > max.value
        {
            self.error(
                max.pos,
                format!(
                    "`maxItems: {}` is below `minItems: {}`",
                    max.value, min.value
                ),
            );
        }
        if let (Some(min), Some(max)) = (&schema.minimum, &schema.maximum) {
            let empty = min.value > max.value
                || (min.value == max.value
                    && (schema.exclusive_minimum || schema.exclusive_maximum));
            if empty {
                self.error(
                    max.pos,
                    format!(
                        "no value is within `minimum: {}` and `maximum: {}`",
                        min.value, max.value
                    ),
                );
            }
        }
        Constraints {
            min_length: schema.min_length.as_ref().map(|c| c.value),
            max_length: schema.max_length.as_ref().map(|c| c.value),
            min_items: schema.min_items.as_ref().map(|c| c.value),
            max_items: schema.max_items.as_ref().map(|c| c.value),
            unique_items: schema.unique_items,
            minimum: schema.minimum.as_ref().map(|c| c.value),
            maximum: schema.maximum.as_ref().map(|c| c.value),
            exclusive_minimum: schema.exclusive_minimum,
            exclusive_maximum: schema.exclusive_maximum,
        }
    }

    /// The struct a value of this type is, seen through aliases; `None` for anything held
    /// behind a list or map (which gives recursion the indirection it needs) or not a struct.
    fn direct_struct<'t>(&'t self, ty: &'t Type) -> Option<&'t str> {
        let mut ty = ty;
        for _ in 0..=self.types.len() {
            let Type::Named(n) = ty else { return None };
            match self.types.iter().find(|t| &t.name == n).map(|t| &t.kind) {
                Some(TypeKind::Struct { .. }) => return Some(n),
                Some(TypeKind::Alias { ty: target }) => ty = target,
                _ => return None,
            }
        }
        None
    }

    /// Structs held directly (not in a list or map) by the fields of struct `name`.
    fn held_structs(&self, name: &str) -> Vec<&str> {
        match self.types.iter().find(|t| t.name == name).map(|t| &t.kind) {
            Some(TypeKind::Struct { fields, .. }) => fields
                .iter()
                .filter_map(|f| self.direct_struct(&f.ty))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether struct `from` holds struct `to`, directly or through other structs.
    fn holds(&self, from: &str, to: &str) -> bool {
        let mut seen: Vec<&str> = Vec::new();
        let mut todo = vec![from];
        while let Some(current) = todo.pop() {
            for next in self.held_structs(current) {
                if next == to {
                    return true;
                }
                if !seen.contains(&next) {
                    seen.push(next);
                    todo.push(next);
                }
            }
        }
        false
    }

    /// A struct that holds itself (`Node { next: Option<Node> }`) would have no size: the
    /// fields that close such a loop are boxed.
    fn box_recursive_fields(&mut self) {
        let mut boxed: Vec<(usize, usize)> = Vec::new();
        for (ti, t) in self.types.iter().enumerate() {
            let TypeKind::Struct { fields, .. } = &t.kind else {
                continue;
            };
            for (fi, f) in fields.iter().enumerate() {
                if let Some(target) = self.direct_struct(&f.ty)
                    && (target == t.name || self.holds(target, &t.name))
                {
                    boxed.push((ti, fi));
                }
            }
        }
        for (ti, fi) in boxed {
            if let TypeKind::Struct { fields, .. } = &mut self.types[ti].kind {
                fields[fi].boxed = true;
            }
        }
    }

    /// A type alias defined in terms of itself (`A: {$ref: B}`, `B: {type: array, items:
    /// {$ref: A}}`) cannot be written in Rust; it is reported at the schema's name.
    fn check_alias_cycles(&mut self) {
        let mut cyclic: Vec<String> = Vec::new();
        for t in &self.types {
            if let TypeKind::Alias { ty } = &t.kind
                && self.alias_reaches(ty, &t.name, &mut Vec::new())
            {
                cyclic.push(t.name.clone());
            }
        }
        for name in cyclic {
            let doc = self.doc;
            let pos = doc
                .components
                .schemas
                .iter()
                .find(|(n, _)| self.components.get(&n.value) == Some(&name))
                .map_or(Pos::default(), |(n, _)| n.pos);
            self.error_hint(
                pos,
                format!("schema `{name}` is defined in terms of itself"),
                "a chain of `$ref`s and arrays must end in an object, an enum or a plain type; make one link an object with a property",
            );
            // Break the loop so later steps see a finite type.
            if let Some(t) = self.types.iter_mut().find(|t| t.name == name) {
                t.kind = TypeKind::Alias { ty: Type::Any };
            }
        }
    }

    fn alias_reaches(&self, ty: &Type, target: &str, seen: &mut Vec<String>) -> bool {
        match ty {
            Type::List(inner) | Type::Map(inner) => self.alias_reaches(inner, target, seen),
            Type::Named(n) if n == target => true,
            Type::Named(n) if !seen.contains(n) => {
                seen.push(n.clone());
                match self.types.iter().find(|t| &t.name == n).map(|t| &t.kind) {
                    Some(TypeKind::Alias { ty }) => self.alias_reaches(ty, target, seen),
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// `x-requires` rules name fields and enum values; resolved once every type exists.
    fn resolve_requires(&mut self) {
        for pending in std::mem::take(&mut self.pending_requires) {
            let r = &pending.requirement;
            let when = self.enum_list_field(&pending.owner, &r.when_property, &r.when_contains);
            let then = self.enum_list_field(&pending.owner, &r.then_property, &r.then_contains);
            let (Some(when), Some(then)) = (when, then) else {
                continue;
            };
            let rule = Requires {
                when_field: when.0,
                when_enum: when.1,
                when_variant: when.2,
                when_value: r.when_contains.value.clone(),
                then_field: then.0,
                then_enum: then.1,
                then_variant: then.2,
                then_value: r.then_contains.value.clone(),
            };
            if let Some(TypeKind::Struct { requires, .. }) = self
                .types
                .iter_mut()
                .find(|t| t.name == pending.owner)
                .map(|t| &mut t.kind)
            {
                requires.push(rule);
            }
        }
    }

    /// (Rust field name, enum type, variant) for "list property `property` contains `value`".
    fn enum_list_field(
        &mut self,
        owner: &str,
        property: &At<String>,
        value: &At<String>,
    ) -> Option<(String, String, String)> {
        let fields = match self.types.iter().find(|t| t.name == owner).map(|t| &t.kind) {
            Some(TypeKind::Struct { fields, .. }) => fields.clone(),
            _ => return None,
        };
        let Some(field) = fields.iter().find(|f| f.wire == property.value) else {
            let message = format!(
                "`x-requires` names `{}`, which is not a property of `{owner}`",
                property.value
            );
            let names = fields.iter().map(|f| f.wire.as_str());
            self.diags
                .push(Diagnostic::new(property.pos, message).suggesting(
                    &property.value,
                    names,
                    "",
                ));
            return None;
        };
        let enum_name = match &field.ty {
            Type::List(inner) => match inner.as_ref() {
                Type::Named(n) => Some(n.clone()),
                _ => None,
            },
            _ => None,
        };
        let variants = enum_name.as_ref().and_then(|n| {
            match self.types.iter().find(|t| &t.name == n).map(|t| &t.kind) {
                Some(TypeKind::Enum { variants }) => Some(variants.clone()),
                _ => None,
            }
        });
        let (Some(enum_name), Some(variants)) = (enum_name, variants) else {
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
        match variants.iter().find(|v| v.wire == value.value) {
            Some(v) => Some((field.name.clone(), enum_name, v.name.clone())),
            None => {
                let message = format!("`{}` is not a value of `{}`", value.value, property.value);
                let values = variants.iter().map(|v| v.wire.as_str());
                self.diags
                    .push(Diagnostic::new(value.pos, message).suggesting(&value.value, values, ""));
                None
            }
        }
    }

    /// The item a `RefOr` stands for: itself, or the component `#/components/{section}/{name}`.
    /// One mechanism for parameters, request bodies and responses, so each gets the same
    /// checks and the same "did you mean" hint.
    fn resolve<T>(
        &mut self,
        item: &'a RefOr<T>,
        components: &'a [(At<String>, RefOr<T>)],
        section: &str,
        what: &str,
    ) -> Option<&'a T> {
        let reference = match item {
            RefOr::Item(item) => return Some(item),
            RefOr::Ref(reference) => reference,
        };
        let prefix = format!("#/components/{section}/");
        let name = reference.value.strip_prefix(prefix.as_str());
        match name.and_then(|name| components.iter().find(|(n, _)| n.value == name)) {
            Some((_, RefOr::Item(item))) => Some(item),
            Some((_, RefOr::Ref(inner))) => {
                self.error(
                    inner.pos,
                    format!("a {what} component may not itself be a `$ref`"),
                );
                None
            }
            None => {
                let message = format!(
                    "`$ref` points to `{}`, which is not a {what} in `components.{section}`",
                    reference.value
                );
                let names = components.iter().map(|(n, _)| n.value.as_str());
                let word = name.unwrap_or(&reference.value);
                self.diags
                    .push(Diagnostic::new(reference.pos, message).suggesting(word, names, &prefix));
                None
            }
        }
    }

    /// The JSON schema of a body, or `None` for no content. Non-JSON media types are refused.
    fn json_schema(
        &mut self,
        content: &'a [spec::MediaType],
        what: &str,
    ) -> Option<&'a spec::Schema> {
        let mut json = None;
        for media in content {
            let mime = media.media_type.value.to_ascii_lowercase();
            if mime.starts_with("application/json") {
                json = Some(media);
            } else {
                self.error_hint(
                    media.media_type.pos,
                    format!(
                        "{what} has media type `{}`, which is not supported",
                        media.media_type.value
                    ),
                    "the generated client sends and reads JSON only (`application/json`)",
                );
            }
        }
        let media = json?;
        if media.schema.is_none() {
            self.error(media.media_type.pos, format!("{what} has no `schema`"));
        }
        media.schema.as_ref()
    }

    fn lower_operations(&mut self) -> (Vec<Operation>, Vec<ClientParam>) {
        let mut operations: Vec<Operation> = Vec::new();
        let mut ids: Vec<(String, Pos)> = Vec::new();
        let mut client_params: Vec<ClientParam> = Vec::new();
        let doc = self.doc;
        for item in &doc.paths {
            self.check_path_template(&item.path);
            for op in &item.operations {
                let Some(id) = &op.operation_id else { continue };
                if let Some((_, first)) = ids.iter().find(|(other, _)| other == &id.value) {
                    let hint = format!(
                        "operationId must be unique; the first is at line {}",
                        first.line
                    );
                    self.error_hint(
                        id.pos,
                        format!("duplicate operationId `{}`", id.value),
                        hint,
                    );
                    continue;
                }
                ids.push((id.value.clone(), id.pos));
                let name = snake(&id.value, "operation");
                if RESERVED_METHODS.contains(&name.as_str()) {
                    let message = format!(
                        "operationId `{}` would be the Rust method `{name}`, which every generated client already has",
                        id.value
                    );
                    let hint = format!(
                        "rename the operation, e.g. `get{}`",
                        camel(&id.value, "Operation")
                    );
                    self.error_hint(id.pos, message, hint);
                    continue;
                }
                if let Some(other) = operations.iter().find(|o| o.name == name) {
                    let message = format!(
                        "operationIds `{}` and `{}` would both be the Rust method `{name}`",
                        other.operation_id, id.value
                    );
                    self.error_hint(id.pos, message, "rename one of them");
                    continue;
                }
                if let Some(lowered) = self.lower_operation(item, op, id, &name, &mut client_params)
                {
                    operations.push(lowered);
                }
            }
        }
        (operations, client_params)
    }

    /// A path is a template of literal text and `{name}` placeholders, each name once.
    fn check_path_template(&mut self, path: &At<String>) {
        let text = path.value.as_str();
        if let Some(bad) = text.find(['?', '#']) {
            self.error_hint(
                path.pos,
                format!("path `{text}` contains `{}`", &text[bad..bad + 1]),
                "query parameters are `in: query` parameters, not part of the path",
            );
        }
        let mut open = false;
        let mut balanced = true;
        for c in text.chars() {
            match c {
                '{' if open => balanced = false,
                '}' if !open => balanced = false,
                '{' | '}' => open = !open,
                _ => {}
            }
        }
        if open || !balanced {
            self.error_hint(
                path.pos,
                format!("path `{text}` has unbalanced braces"),
                "write each placeholder as `{name}`",
            );
            return;
        }
        let names = path_template_names(text);
        for (i, name) in names.iter().enumerate() {
            if name.is_empty() {
                self.error_hint(
                    path.pos,
                    format!("path `{text}` has an empty placeholder `{{}}`"),
                    "name the placeholder after its parameter, e.g. `{id}`",
                );
            } else if names[..i].contains(name) {
                self.error_hint(
                    path.pos,
                    format!("path `{text}` uses `{{{name}}}` twice"),
                    "each path parameter appears once; rename one of them",
                );
            }
        }
    }

    fn lower_operation(
        &mut self,
        item: &'a spec::PathItem,
        op: &'a spec::Operation,
        id: &At<String>,
        name: &str,
        client_params: &mut Vec<ClientParam>,
    ) -> Option<Operation> {
        let type_prefix = camel(&id.value, "Operation");
        // Operation-level parameters override path-level ones with the same name and place.
        let mut declared: Vec<&'a spec::Parameter> = Vec::new();
        // A parameter whose `$ref` was reported may be the one a placeholder misses.
        let mut unresolved = false;
        for list in [&item.parameters, &op.parameters] {
            let mut this_list: Vec<&'a spec::Parameter> = Vec::new();
            for p in list {
                let Some(p) = self.resolve(
                    p,
                    &self.doc.components.parameters,
                    "parameters",
                    "parameter",
                ) else {
                    unresolved = true;
                    continue;
                };
                let same = |d: &spec::Parameter| {
                    d.name.value == p.name.value && d.location.value == p.location.value
                };
                if let Some(first) = this_list.iter().find(|d| same(d)) {
                    let message = format!(
                        "parameter `{}` (in: {}) is declared twice",
                        p.name.value, p.location.value
                    );
                    let hint = format!("the first is at line {}", first.name.pos.line);
                    self.error_hint(p.name.pos, message, hint);
                    continue;
                }
                this_list.push(p);
                declared.retain(|d| !same(d));
                declared.push(p);
            }
        }
        let template_names = path_template_names(&item.path.value);
        let mut params: Vec<Param> = Vec::new();
        // Path parameters in the order they appear in the path, then the others as declared.
        let mut ordered: Vec<&'a spec::Parameter> = Vec::new();
        for t in &template_names {
            match declared.iter().find(|p| p.location.value == "path" && &p.name.value == t) {
                Some(p) => ordered.push(p),
                None if unresolved => {}
                None => self.error_hint(
                    item.path.pos,
                    format!("path parameter `{{{t}}}` of `{}` is not declared for operation `{}`", item.path.value, id.value),
                    format!("add `- {{name: {t}, in: path, required: true, schema: {{type: string}}}}` to `parameters`"),
                ),
            }
        }
        for p in &declared {
            match p.location.value.as_str() {
                "path" => {
                    if !template_names.contains(&p.name.value) {
                        let message = format!(
                            "path parameter `{}` is not in the path `{}`",
                            p.name.value, item.path.value
                        );
                        let hint =
                            format!("remove it, or add it to the path as `{{{}}}`", p.name.value);
                        self.error_hint(p.name.pos, message, hint);
                    }
                    if !p.required {
                        self.error_hint(
                            p.pos,
                            format!("path parameter `{}` must be `required: true`", p.name.value),
                            "OpenAPI requires it",
                        );
                    }
                }
                "query" | "header" => ordered.push(p),
                other => {
                    let hint = if other == "cookie" {
                        "cookie parameters are not supported"
                    } else {
                        "use `path`, `query` or `header`"
                    };
                    self.error_hint(
                        p.location.pos,
                        format!(
                            "parameter `{}` has an unknown location `in: {other}`",
                            p.name.value
                        ),
                        hint,
                    );
                }
            }
        }
        for p in ordered {
            let location = match p.location.value.as_str() {
                "path" if p.from_client => ParamLocation::Client,
                "path" => ParamLocation::Path,
                "query" => ParamLocation::Query,
                _ => ParamLocation::Header,
            };
            if p.from_client && location != ParamLocation::Client {
                self.error(
                    p.pos,
                    "`x-client-param` is only supported on path parameters",
                );
            }
            let wanted = format!("{type_prefix}{}", camel(&p.name.value, "Param"));
            let (ty, constraints) = match &p.schema {
                Some(schema) => {
                    let ty = self.type_of(schema, &wanted);
                    let constraints = self.constraints(schema, &ty);
                    (ty, constraints)
                }
                None => (Type::String, Constraints::default()),
            };
            let supported = match (&location, &ty) {
                (ParamLocation::Query, Type::List(inner)) => self.is_plain_value(inner),
                (_, t) => self.is_plain_value(t),
            };
            if !supported {
                self.error_hint(
                    p.pos,
                    format!("parameter `{}` of type {} is not supported", p.name.value, ty.describe()),
                    "parameters may be strings, integers, numbers, booleans, string enums, or (in a query) arrays of those",
                );
            }
            if location == ParamLocation::Header {
                self.check_header_name(&p.name);
            }
            let rust = snake(&p.name.value, "param");
            let name = if location == ParamLocation::Client {
                // A client setting, not an argument: named as the builder names it.
                if !client_params.iter().any(|c| c.name == rust) {
                    client_params.push(ClientParam {
                        name: rust.clone(),
                        doc: p.description.clone(),
                    });
                }
                rust
            } else {
                let taken: Vec<String> = params
                    .iter()
                    .map(|p| p.name.clone())
                    .chain(RESERVED_LOCALS.iter().map(|l| l.to_string()))
                    .collect();
                unique(rust, &taken, false)
            };
            params.push(Param {
                name,
                wire: p.name.value.clone(),
                location,
                ty,
                required: p.required,
                doc: p.description.clone(),
                constraints,
            });
        }

        let body = match &op.request_body {
            None => None,
            Some(b) => self
                .resolve(
                    b,
                    &self.doc.components.request_bodies,
                    "requestBodies",
                    "request body",
                )
                .and_then(|b| {
                    let schema = self
                        .json_schema(&b.content, &format!("the request body of `{}`", id.value))?;
                    let ty = self.type_of(schema, &format!("{type_prefix}Request"));
                    Some(Body {
                        ty,
                        required: b.required,
                        doc: b.description.clone(),
                    })
                }),
        };

        let mut success: Vec<u16> = Vec::new();
        let mut response: Option<(Type, Pos)> = None;
        let mut body_optional = false;
        let mut errors = Vec::new();
        // A response already reported as wrong may be the missing success.
        let mut skipped = false;
        for (status, r) in &op.responses {
            let Some(r) = self.resolve(r, &self.doc.components.responses, "responses", "response")
            else {
                skipped = true;
                continue;
            };
            let code = status.value.as_str();
            let numeric = code.len() == 3
                && code.bytes().all(|b| b.is_ascii_digit())
                && ("100".."600").contains(&code);
            let range = matches!(code, "1XX" | "2XX" | "3XX" | "4XX" | "5XX");
            if !(numeric || range || code == "default") {
                self.error_hint(
                    status.pos,
                    format!("`{code}` is not a response status"),
                    "use a status such as `200`, a range such as `4XX`, or `default`",
                );
                skipped = true;
                continue;
            }
            let what = format!("the `{code}` response of `{}`", id.value);
            let schema = self.json_schema(&r.content, &what);
            if code.starts_with('2') {
                if range {
                    self.error_hint(
                        status.pos,
                        "success ranges (`2XX`) are not supported",
                        "list each success status",
                    );
                    skipped = true;
                    continue;
                }
                let ty = match schema {
                    Some(schema) => self.type_of(schema, &format!("{type_prefix}Response")),
                    None => Type::Unit,
                };
                success.push(code.parse().unwrap_or(200));
                body_optional |= r.body_optional;
                match &response {
                    Some((first, _)) if *first != ty => {
                        let message = format!(
                            "{what} is {}, but another success of the same operation is {}",
                            ty.describe(),
                            first.describe()
                        );
                        self.error_hint(
                            status.pos,
                            message,
                            "every success status of one operation must return the same type",
                        );
                    }
                    Some(_) => {}
                    None => response = Some((ty, status.pos)),
                }
            } else if code.starts_with('1') || code.starts_with('3') {
                self.error_hint(
                    status.pos,
                    format!("status `{code}` is not supported"),
                    "document success (2xx) and error (4xx, 5xx, default) answers",
                );
            } else {
                let ty = match schema {
                    Some(schema) => self.type_of(
                        schema,
                        &format!(
                            "{type_prefix}Error{}",
                            if code == "default" { "Default" } else { code }
                        ),
                    ),
                    None => Type::Unit,
                };
                errors.push(ErrorResponse {
                    status: code.to_string(),
                    description: r.description.clone(),
                    ty,
                });
            }
        }
        if success.is_empty() && !skipped && op.responses_complete {
            self.error_hint(
                op.pos,
                format!(
                    "operation `{}` documents no success (2xx) response",
                    id.value
                ),
                "add e.g. `'200': {description: OK}`",
            );
        }
        let (mut response_ty, response_pos) = response.unwrap_or((Type::Unit, op.pos));
        if body_optional && !self.all_fields_optional(&response_ty) {
            self.error_hint(
                response_pos,
                "`x-body-optional` needs a success type whose fields are all optional",
                "an empty answer is read as `{}`, which must decode",
            );
        }
        if let Some(envelope) = &self.doc.envelope {
            response_ty = self.unwrap_envelope(envelope, response_ty, response_pos, &id.value);
        }
        let source = op
            .source
            .as_ref()
            .map(|s| s.value.clone())
            .unwrap_or_default();
        let method = op.method.to_uppercase();
        let idempotent = op.idempotent.unwrap_or(matches!(
            method.as_str(),
            "GET" | "PUT" | "DELETE" | "HEAD" | "OPTIONS"
        ));
        if let Some(security) = &op.security {
            for name in security {
                self.check_scheme_exists(name);
            }
        }
        Some(Operation {
            name: name.to_string(),
            operation_id: id.value.clone(),
            method,
            path: item.path.value.clone(),
            summary: op.summary.clone(),
            doc: op.description.clone(),
            source,
            deprecated: op.deprecated,
            idempotent,
            params,
            body,
            success,
            response: response_ty,
            response_body_optional: body_optional,
            errors,
        })
    }

    /// Whether a parameter of this type can be sent as text: a string, number, boolean or
    /// string enum (also through an alias).
    fn is_plain_value(&self, ty: &Type) -> bool {
        let mut ty = ty;
        // Aliases of aliases are followed a bounded number of times (a cycle is reported elsewhere).
        for _ in 0..16 {
            match ty {
                Type::String | Type::Int32 | Type::Int64 | Type::Number | Type::Boolean => {
                    return true;
                }
                Type::Named(n) => match self.types.iter().find(|t| &t.name == n).map(|t| &t.kind) {
                    Some(TypeKind::Enum { .. }) => return true,
                    Some(TypeKind::Alias { ty: target }) => ty = target,
                    _ => return false,
                },
                _ => return false,
            }
        }
        false
    }

    /// A header parameter's name must be a valid HTTP header name, and not one the client
    /// sets itself.
    fn check_header_name(&mut self, name: &At<String>) {
        let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
        if name.value.is_empty() || !name.value.chars().all(token) {
            self.error_hint(
                name.pos,
                format!("`{}` is not a valid HTTP header name", name.value),
                "header names are letters, digits and `-` (e.g. `X-Request-Id`)",
            );
            return;
        }
        let managed = ["accept", "content-type", "authorization"];
        if managed.contains(&name.value.to_ascii_lowercase().as_str()) {
            self.error_hint(
                name.pos,
                format!("header `{}` cannot be a parameter", name.value),
                "OpenAPI ignores it as a parameter: `Content-Type` comes from the body's media type, `Authorization` from `security`",
            );
        }
    }

    fn all_fields_optional(&self, ty: &Type) -> bool {
        match ty {
            Type::Named(n) => match self.types.iter().find(|t| &t.name == n).map(|t| &t.kind) {
                Some(TypeKind::Struct { fields, .. }) => fields.iter().all(|f| !f.required),
                _ => false,
            },
            _ => false,
        }
    }

    fn unwrap_envelope(&mut self, envelope: &spec::Envelope, ty: Type, pos: Pos, op: &str) -> Type {
        if ty == Type::Unit {
            return ty;
        }
        let fields = match &ty {
            Type::Named(n) => match self.types.iter().find(|t| &t.name == n).map(|t| &t.kind) {
                Some(TypeKind::Struct { fields, .. }) => Some(fields.clone()),
                _ => None,
            },
            _ => None,
        };
        let Some(fields) = fields else {
            self.error_hint(
                pos,
                format!("the success answer of `{op}` must be an envelope object"),
                "`x-envelope` says every answer wraps its payload",
            );
            return ty;
        };
        for wanted in [&envelope.data, &envelope.success] {
            if !fields.iter().any(|f| f.wire == wanted.value) {
                self.error_hint(
                    pos,
                    format!("the success answer of `{op}` has no `{}` property, which `x-envelope` names", wanted.value),
                    format!("`x-envelope` is declared at line {}", envelope.pos.line),
                );
            }
        }
        fields
            .iter()
            .find(|f| f.wire == envelope.data.value)
            .map(|f| f.ty.clone())
            .unwrap_or(ty)
    }

    fn check_scheme_exists(&mut self, name: &At<String>) -> Option<&'a spec::SecurityScheme> {
        let doc = self.doc;
        let found = doc
            .components
            .security_schemes
            .iter()
            .find(|(n, _)| n.value == name.value);
        if found.is_none() {
            let message = format!(
                "security scheme `{}` is not in `components.securitySchemes`",
                name.value
            );
            let names = doc
                .components
                .security_schemes
                .iter()
                .map(|(n, _)| n.value.as_str());
            self.diags
                .push(Diagnostic::new(name.pos, message).suggesting(&name.value, names, ""));
        }
        found.map(|(_, s)| s)
    }

    fn lower_auth(&mut self) -> Vec<Auth> {
        let mut auth = Vec::new();
        for name in &self.doc.security {
            let Some(scheme) = self.check_scheme_exists(name) else {
                continue;
            };
            let lowered = match (
                scheme.kind.value.as_str(),
                scheme.signing.as_ref().map(|s| s.value.as_str()),
            ) {
                ("apiKey", Some("sdk-hmac-sha256")) => Some(Auth::HuaweiAkSk),
                ("apiKey", Some("ocp-access-key-hmacsha1")) => Some(Auth::OcpAccessKey),
                ("apiKey", Some(other)) => {
                    let pos = scheme.signing.as_ref().map_or(scheme.pos, |s| s.pos);
                    self.error_hint(
                        pos,
                        format!("unknown `x-signing` `{other}`"),
                        "use `sdk-hmac-sha256` or `ocp-access-key-hmacsha1`",
                    );
                    None
                }
                ("apiKey", None) => match (
                    scheme.location.as_ref().map(|l| l.value.as_str()),
                    &scheme.name,
                ) {
                    (Some("header"), Some(header)) => Some(Auth::Token {
                        header: header.value.clone(),
                    }),
                    _ => {
                        self.error_hint(
                            scheme.pos,
                            "only API keys sent in a header are supported",
                            "write `in: header` and `name: <header>`",
                        );
                        None
                    }
                },
                ("http", _) => match scheme.scheme.as_ref().map(|s| s.value.to_ascii_lowercase()) {
                    Some(s) if s == "basic" => Some(Auth::Basic),
                    _ => {
                        self.error_hint(
                            scheme.pos,
                            "only the `basic` HTTP scheme is supported",
                            "write `scheme: basic`",
                        );
                        None
                    }
                },
                (other, _) => {
                    let message = format!("security scheme type `{other}` is not supported");
                    self.error_hint(scheme.kind.pos, message, "use `apiKey` (a header token or a signature) or `http` with `scheme: basic`");
                    None
                }
            };
            if let Some(a) = lowered
                && !auth.contains(&a)
            {
                auth.push(a);
            }
        }
        auth
    }

    /// Key paths to the code, message and request id of error answers, found by walking the
    /// error types (and every type that declares an `x-error-role`) through their fields.
    fn error_fields(&self, operations: &[Operation]) -> ErrorFields {
        let mut roots: Vec<String> = Vec::new();
        for op in operations {
            for e in &op.errors {
                if let Type::Named(n) = &e.ty
                    && !roots.contains(n)
                {
                    roots.push(n.clone());
                }
            }
        }
        let mut fields = ErrorFields::default();
        let mut visited = Vec::new();
        for root in &roots {
            self.collect_roles(root, &mut Vec::new(), &mut fields, &mut visited, 0);
        }
        // Shapes the service also uses that no documented error names (e.g. a gateway's).
        for (owner, _, _) in &self.roles {
            if !visited.contains(owner) {
                self.collect_roles(owner, &mut Vec::new(), &mut fields, &mut visited, 0);
            }
        }
        fields
    }

    fn collect_roles(
        &self,
        ty: &str,
        path: &mut Vec<String>,
        out: &mut ErrorFields,
        visited: &mut Vec<String>,
        depth: usize,
    ) {
        if depth > 4 {
            return;
        }
        if !visited.iter().any(|v| v == ty) {
            visited.push(ty.to_string());
        }
        let Some(TypeKind::Struct { fields, .. }) =
            self.types.iter().find(|t| t.name == ty).map(|t| &t.kind)
        else {
            return;
        };
        for field in fields {
            path.push(field.wire.clone());
            if let Some((_, _, role)) = self
                .roles
                .iter()
                .find(|(o, w, _)| o == ty && w == &field.wire)
            {
                let list = match role.as_str() {
                    "code" => &mut out.code,
                    "message" => &mut out.message,
                    _ => &mut out.request_id,
                };
                if !list.contains(path) {
                    list.push(path.clone());
                }
            }
            if let Type::Named(inner) = &field.ty {
                self.collect_roles(inner, path, out, visited, depth + 1);
            }
            path.pop();
        }
    }
}

fn is_object(schema: &spec::Schema) -> bool {
    schema.ty.as_ref().is_some_and(|t| t.value == "object")
        || (schema.ty.is_none() && (!schema.properties.is_empty() || !schema.all_of.is_empty()))
}

/// `{name}` placeholders of a path template, in order.
fn path_template_names(path: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        names.push(rest[start + 1..start + end].to_string());
        rest = &rest[start + end + 1..];
    }
    names
}

/// Whether the type `name` (or anything it holds) has a rule to check.
///
/// `seen`: types already looked at. A type met again adds no rule (it was answered "no", or
/// it is a loop back to a type still being looked at), so each type is walked once.
fn named_needs_validation<'s>(
    types: &'s [TypeDef],
    name: &'s str,
    seen: &mut Vec<&'s str>,
) -> bool {
    if seen.contains(&name) {
        return false;
    }
    seen.push(name);
    let Some(t) = types.iter().find(|t| t.name == name) else {
        return false;
    };
    match &t.kind {
        TypeKind::Enum { .. } => false,
        TypeKind::Alias { ty } => holds_rules(types, ty, seen),
        TypeKind::Struct {
            fields,
            min_properties,
            requires,
        } => {
            min_properties.is_some()
                || !requires.is_empty()
                || fields.iter().any(|f| {
                    !f.constraints.is_empty()
                        || !f.item_constraints.is_empty()
                        || holds_rules(types, &f.ty, seen)
                })
        }
    }
}

fn holds_rules<'s>(types: &'s [TypeDef], ty: &'s Type, seen: &mut Vec<&'s str>) -> bool {
    match ty {
        Type::Named(n) => named_needs_validation(types, n, seen),
        Type::List(inner) | Type::Map(inner) => holds_rules(types, inner, seen),
        _ => false,
    }
}
