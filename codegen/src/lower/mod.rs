//! From the spec as written to the resolved model: references resolved, names chosen,
//! types and constraints decided, conventions checked. Every problem is located.
//!
//! One pass over the spec, in this order: component names are registered (`names`), each
//! component schema is lowered (`types`, with `all_of` and `constraints`), then each
//! operation (`operations`, with `params`, `paths` and `responses`), then the `x-requires`
//! rules that name fields of finished types (`requires`). The graph passes over the finished
//! type table (`crate::passes`) run once each, then authentication (`auth`) and the service's
//! conventions (`conventions`). Named things are found in maps built once (`index`, `table`),
//! so the work grows with the size of the spec; `refs` resolves a `$ref` through them.
//! Every step is a method of the one context, `context::Lowering`; this module only drives
//! the steps in order.

mod all_of;
mod auth;
mod constraints;
mod context;
mod conventions;
mod index;
mod lifecycle;
mod media;
mod names;
mod objects;
mod operation_ids;
mod operations;
mod params;
mod paths;
mod refs;
mod requires;
mod responses;
mod roles;
mod shape;
mod table;
mod types;
mod unions;
mod values;

pub(crate) use table::TypeTable;

use crate::diagnostics::Diagnostic;
use crate::ir::*;
use crate::spec;
use context::Lowering;
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
        roles: roles::Roles::default(),
        pending_requires: Vec::new(),
        inline: HashMap::new(),
        authorization_params: Vec::new(),
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
    l.resolve_lifecycle(&mut operations);
    for name in crate::passes::break_alias_cycles(&mut l.types) {
        l.report_alias_cycle(&name);
    }
    crate::passes::box_recursive_fields(&mut l.types);
    crate::passes::mark_alike_arms(&mut l.types);
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
