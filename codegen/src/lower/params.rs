//! Parameters of an operation: path-level ones overridden by operation-level ones, path
//! parameters in the order of the template, then query and header ones as declared; each
//! with its Rust name, type and constraints.

use super::context::Lowering;
use super::operations::ClientParams;
use super::paths::{TemplatePart, placeholders};
use crate::ir::*;
use crate::names::{RESERVED_LOCALS, camel, snake, unique};
use crate::spec::{self, At};
use std::collections::{HashMap, HashSet};

/// The parameters that apply to an operation: a later declaration of the same name and
/// place replaces an earlier one and moves to the end, as OpenAPI's override does.
#[derive(Default)]
struct Declared<'a> {
    slots: Vec<Option<&'a spec::Parameter>>,
    by_key: HashMap<(&'a str, &'a str), usize>,
}

impl<'a> Declared<'a> {
    fn set(&mut self, p: &'a spec::Parameter) {
        let key = (p.name.value.as_str(), p.location.value.as_str());
        if let Some(old) = self.by_key.insert(key, self.slots.len()) {
            self.slots[old] = None;
        }
        self.slots.push(Some(p));
    }

    fn iter(&self) -> impl Iterator<Item = &'a spec::Parameter> + '_ {
        self.slots.iter().flatten().copied()
    }

    fn path_param(&self, name: &str) -> Option<&'a spec::Parameter> {
        self.by_key
            .get(&(name, "path"))
            .and_then(|&i| self.slots[i])
    }
}

impl<'a> Lowering<'a> {
    pub(super) fn lower_params(
        &mut self,
        item: &'a spec::PathItem,
        parts: &[TemplatePart],
        op: &'a spec::Operation,
        id: &At<String>,
        type_prefix: &str,
        client_params: &mut ClientParams,
    ) -> Vec<Param> {
        let mut declared = Declared::default();
        // A parameter whose `$ref` was reported may be the one a placeholder misses.
        let mut unresolved = false;
        let index = self.index;
        for list in [&item.parameters, &op.parameters] {
            // Where each (name, place) is first declared in this list.
            let mut this_list: HashMap<(&str, &str), &spec::Parameter> = HashMap::new();
            for p in list {
                let Some(p) = self.resolve(p, &index.parameters, "parameters", "parameter") else {
                    unresolved = true;
                    continue;
                };
                let key = (p.name.value.as_str(), p.location.value.as_str());
                if let Some(first) = this_list.get(&key) {
                    let message = format!(
                        "parameter `{}` (in: {}) is declared twice",
                        p.name.value, p.location.value
                    );
                    let hint = format!("the first is at line {}", first.name.pos.line);
                    self.error_hint(p.name.pos, message, hint);
                    continue;
                }
                this_list.insert(key, p);
                declared.set(p);
            }
        }
        let template_names = placeholders(parts);
        let in_template: HashSet<&str> = template_names.iter().copied().collect();
        // Path parameters in the order they appear in the path, then the others as declared.
        let mut ordered: Vec<&'a spec::Parameter> = Vec::new();
        for t in &template_names {
            match declared.path_param(t) {
                Some(p) => ordered.push(p),
                None if unresolved => {}
                None => self.error_hint(
                    item.path.pos,
                    format!("path parameter `{{{t}}}` of `{}` is not declared for operation `{}`", item.path.value, id.value),
                    format!("add `- {{name: {t}, in: path, required: true, schema: {{type: string}}}}` to `parameters`"),
                ),
            }
        }
        for p in declared.iter() {
            match p.location.value.as_str() {
                "path" => {
                    if !in_template.contains(p.name.value.as_str()) {
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
                "header" if p.name.value.eq_ignore_ascii_case("authorization") => {
                    let message = format!(
                        "header parameter `{}` is the credentials, not an argument: the client sends it from its credentials (`security`, or the token as it is when the document declares none)",
                        p.name.value
                    );
                    self.warn(p.name.pos, message);
                    self.authorization_params.push(p.name.pos);
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
        let mut params: Vec<Param> = Vec::new();
        // Names a method argument may not take: those taken, and the method body's own.
        let mut taken: HashSet<String> = RESERVED_LOCALS.iter().map(|l| l.to_string()).collect();
        for p in ordered {
            let param = self.lower_param(p, type_prefix, &mut taken, client_params);
            params.push(param);
        }
        params
    }

    fn lower_param(
        &mut self,
        p: &'a spec::Parameter,
        type_prefix: &str,
        taken: &mut HashSet<String>,
        client_params: &mut ClientParams,
    ) -> Param {
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
        // A date-time is sent as RFC 3339 text; a list as OpenAPI's default style for its
        // place (repeated in a query, comma-separated in a path or a header).
        let plain = |l: &mut Self, t: &Type| *t == Type::DateTime || l.is_plain_value(t);
        let supported = match (&location, &ty) {
            (ParamLocation::Client, t) => self.is_plain_value(t),
            (_, Type::List(inner)) => plain(self, inner),
            (_, t) => plain(self, t),
        };
        if !supported {
            self.error_hint(
                p.pos,
                format!("parameter `{}` of type {} is not supported", p.name.value, ty.describe()),
                "parameters may be strings, integers, numbers, booleans, date-times, enums, unions of those, or arrays of those",
            );
        }
        if location == ParamLocation::Header {
            self.check_header_name(&p.name);
        }
        let rust = snake(&p.name.value, "param");
        let name = if location == ParamLocation::Client {
            // A client setting, not an argument: named as the builder names it.
            client_params.add(&rust, p.description.clone());
            taken.insert(rust.clone());
            rust
        } else {
            let name = unique(rust, taken, false);
            taken.insert(name.clone());
            name
        };
        Param {
            name,
            wire: p.name.value.clone(),
            location,
            ty,
            required: p.required,
            doc: p.description.clone(),
            default: p.schema.as_ref().and_then(|s| s.default.clone()),
            constraints,
            holds_rules: false,
        }
    }

    /// Whether a parameter of this type can be sent as text: a string, number, boolean or
    /// enum (also through an alias), or an untagged union of those (Oxide's `NameOrId`:
    /// a UUID or a name), which is then marked to be printed as text.
    fn is_plain_value(&mut self, ty: &Type) -> bool {
        let mut unions = Vec::new();
        let plain = self.plain_value_in(ty, 0, &mut unions);
        if plain {
            for name in unions {
                if let Some(TypeKind::Union { text, .. }) =
                    self.types.get_mut(&name).map(|t| &mut t.kind)
                {
                    *text = true;
                }
            }
        }
        plain
    }

    /// [`Self::is_plain_value`], collecting the unions met. Aliases and unions are followed
    /// to a bounded depth (a cycle is reported elsewhere).
    fn plain_value_in(&self, ty: &Type, depth: usize, unions: &mut Vec<String>) -> bool {
        if depth > 16 {
            return false;
        }
        match ty {
            Type::String | Type::Boolean => true,
            ty if ty.is_numeric() => true,
            Type::Named(n) => match self.types.kind(n) {
                Some(TypeKind::Enum { .. } | TypeKind::IntEnum { .. }) => true,
                Some(TypeKind::Alias { ty: target }) => {
                    self.plain_value_in(target, depth + 1, unions)
                }
                Some(TypeKind::Union {
                    arms, tag: None, ..
                }) => {
                    unions.push(n.clone());
                    arms.iter()
                        .all(|a| self.plain_value_in(&a.ty, depth + 1, unions))
                }
                _ => false,
            },
            _ => false,
        }
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
        let managed = ["accept", "content-type"];
        if managed.contains(&name.value.to_ascii_lowercase().as_str()) {
            self.error_hint(
                name.pos,
                format!("header `{}` cannot be a parameter", name.value),
                "OpenAPI ignores it as a parameter: `Content-Type` comes from the body's media type, `Authorization` from `security`",
            );
        }
    }
}
