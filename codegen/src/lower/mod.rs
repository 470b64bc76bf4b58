//! From the spec as written to the resolved model: references resolved, names chosen,
//! types and constraints decided, conventions checked. Every problem is located.
//!
//! One pass over the spec, in this order: component names are registered (`names`), each
//! component schema is lowered (`types`, with `all_of` and `constraints`), then each
//! operation (`operations`, with `params`, `paths` and `responses`), then the `x-requires`
//! rules that name fields of finished types (`requires`). The graph passes over the finished
//! type table (`crate::passes`) run once each, then authentication (`auth`) and the service's
//! conventions (`conventions`). Named things are found in maps built once (`index`, `table`),
//! so the work grows with the size of the spec.

mod all_of;
mod auth;
mod constraints;
mod conventions;
mod index;
mod names;
mod objects;
mod operations;
mod params;
mod paths;
mod requires;
mod responses;
mod shape;
mod table;
mod types;

pub(crate) use table::TypeTable;

use crate::diagnostics::Diagnostic;
use crate::ir::*;
use crate::spec;
use crate::yaml::Pos;
use std::collections::HashMap;

pub fn lower(module: &str, doc: &spec::Document) -> (Service, Vec<Diagnostic>) {
    let index = index::Index::new(doc);
    let mut l = Lowering {
        doc,
        index: &index,
        diags: Vec::new(),
        types: TypeTable::new(),
        components: HashMap::new(),
        component_pos: HashMap::new(),
        roles: conventions::Roles::default(),
        pending_requires: Vec::new(),
        inline: HashMap::new(),
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
    let (mut operations, client_params) = l.lower_operations();
    l.resolve_requires();
    for name in crate::passes::break_alias_cycles(&mut l.types) {
        l.report_alias_cycle(&name);
    }
    crate::passes::box_recursive_fields(&mut l.types);
    crate::passes::mark_checked(&mut l.types, &mut operations);
    crate::passes::name_calls(&l.types, &mut operations);
    let auth = l.lower_auth();
    let error_fields = l.error_fields(&operations);
    let service = Service {
        module: module.to_string(),
        title: doc.title.clone(),
        description: doc.description.clone(),
        version: doc.version.clone(),
        servers: doc.servers.clone(),
        auth,
        client_params,
        envelope: conventions::envelope(doc),
        body_error: conventions::body_error(doc),
        error_fields,
        retryable_errors: conventions::retryable_errors(doc),
        types: l.types.into_types(),
        operations,
    };
    (service, l.diags)
}

/// An `x-requires` rule of a struct, resolved once every type exists (its fields may name
/// enums lowered later).
struct PendingRequires {
    owner: String,
    requirement: spec::Requirement,
}

/// What lowering one spec carries from step to step.
struct Lowering<'a> {
    doc: &'a spec::Document,
    /// The spec's components, by name.
    index: &'a index::Index<'a>,
    diags: Vec<Diagnostic>,
    /// Every type lowered so far, by Rust name, in the order they are printed.
    types: TypeTable,
    /// Component schema name → Rust type name.
    components: HashMap<String, String>,
    /// Rust type name of a component → where its name is written.
    component_pos: HashMap<String, Pos>,
    /// Fields that carry a part of an error answer (`x-error-role`).
    roles: conventions::Roles,
    pending_requires: Vec<PendingRequires>,
    /// Inline schemas already lowered to a named type.
    inline: HashMap<*const spec::Schema, String>,
}

impl Lowering<'_> {
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

    /// A type alias defined in terms of itself cannot be written in Rust; it is reported at
    /// the schema's name.
    fn report_alias_cycle(&mut self, name: &str) {
        let pos = self.component_pos.get(name).copied().unwrap_or_default();
        self.error_hint(
            pos,
            format!("schema `{name}` is defined in terms of itself"),
            "a chain of `$ref`s and arrays must end in an object, an enum or a plain type; make one link an object with a property",
        );
    }
}
