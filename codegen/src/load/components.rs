//! `components`: reusable schemas, parameters, request bodies, responses and security schemes
//! (each scheme read by `security`).

use super::ctx::{Ctx, at_key};
use super::obj::Obj;
use super::paths::{read_example, read_parameter, read_ref_or, read_request_body, read_response};
use super::schema::read_schema;
use super::security::read_security_scheme;
use crate::spec::*;
use crate::yaml::Node;

pub(super) fn read_components(ctx: &Ctx, node: &Node) -> Components {
    let mut components = Components::default();
    let Some(mut obj) = Obj::new(ctx, node, "`components`") else {
        return components;
    };
    for (name, schema) in obj.mapping("schemas") {
        components
            .schemas
            .push((at_key(name), read_schema(ctx, schema)));
    }
    for (name, p) in obj.mapping("parameters") {
        if let Some(p) = read_ref_or(ctx, p, read_parameter) {
            components.parameters.push((at_key(name), p));
        }
    }
    for (name, b) in obj.mapping("requestBodies") {
        if let Some(b) = read_ref_or(ctx, b, read_request_body) {
            components.request_bodies.push((at_key(name), b));
        }
    }
    for (name, r) in obj.mapping("responses") {
        if let Some(r) = read_ref_or(ctx, r, read_response) {
            components.responses.push((at_key(name), r));
        }
    }
    for (name, s) in obj.mapping("securitySchemes") {
        if let Some(s) = read_security_scheme(ctx, s) {
            components.security_schemes.push((at_key(name), s));
        }
    }
    for (name, e) in obj.mapping("examples") {
        if let Some(e) = read_ref_or(ctx, e, read_example) {
            components.examples.push((at_key(name), e));
        }
    }
    obj.ignore(&["headers", "links", "callbacks"]);
    obj.finish();
    components
}
