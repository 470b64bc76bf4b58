//! A page's field table against a spec schema: which fields each side has, mandatory vs
//! `required`, the type, and each rule the description states.

use crate::compare::{Checker, required, yes_no};
use crate::page::{Object, Row};
use crate::shapes::{
    Kind, enum_values, page_kind, schema_name, spec_kind, struct_fields, struct_of,
};
use codegen::ir::{self, Constraints, Type, TypeDef};
use codegen::yaml::Pos;

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
