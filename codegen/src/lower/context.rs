//! The context lowering one spec carries from step to step (`Lowering`): the spec, its
//! components by name, the type table, the names chosen, the problems found; with the
//! helpers every step uses to report a problem. The files of `lower` each add the methods
//! of one concern to it.

use super::index::Index;
use super::roles::Roles;
use super::table::TypeTable;
use crate::diagnostics::Diagnostic;
use crate::spec;
use crate::yaml::Pos;
use std::collections::HashMap;

/// An `x-requires` rule of a struct, resolved once every type exists (its fields may name
/// enums lowered later).
pub(super) struct PendingRequires {
    pub(super) owner: String,
    pub(super) requirement: spec::Requirement,
}

/// What lowering one spec carries from step to step.
pub(super) struct Lowering<'a> {
    pub(super) doc: &'a spec::Document,
    /// The spec's components, by name.
    pub(super) index: &'a Index<'a>,
    pub(super) diags: Vec<Diagnostic>,
    /// Every type lowered so far, by Rust name, in the order they are printed.
    pub(super) types: TypeTable,
    /// Component schema name → Rust type name.
    pub(super) components: HashMap<String, String>,
    /// Rust type name of a component → where its name is written.
    pub(super) component_pos: HashMap<String, Pos>,
    /// Fields that carry a part of an error answer (`x-error-role`).
    pub(super) roles: Roles,
    pub(super) pending_requires: Vec<PendingRequires>,
    /// Inline schemas already lowered to a named type.
    pub(super) inline: HashMap<*const spec::Schema, String>,
    /// Where a header parameter `Authorization` is declared: credentials, not an argument.
    pub(super) authorization_params: Vec<Pos>,
}

impl Lowering<'_> {
    pub(super) fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.diags.push(Diagnostic::new(pos, message));
    }

    /// Something OpenAPI allows that a spec of ours must not do (a rule on a type it does
    /// not apply to, an example that does not fit): an error in our specs, where it is a
    /// mistake in the distilling; a warning in a document published elsewhere, which is
    /// generated as published.
    pub(super) fn lapse(&mut self, mut diagnostic: Diagnostic) {
        if self.doc.profile == crate::profile::Profile::Outside {
            diagnostic.severity = crate::diagnostics::Severity::Warning;
        }
        self.diags.push(diagnostic);
    }

    /// Accepted, but not acted on: a located warning.
    pub(super) fn warn(&mut self, pos: Pos, message: impl Into<String>) {
        self.diags.push(Diagnostic::warning(pos, message));
    }

    pub(super) fn error_hint(
        &mut self,
        pos: Pos,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.diags
            .push(Diagnostic::new(pos, message).with_hint(hint));
    }

    pub(super) fn check_version(&mut self) {
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
    pub(super) fn report_alias_cycle(&mut self, name: &str) {
        let pos = self.component_pos.get(name).copied().unwrap_or_default();
        self.error_hint(
            pos,
            format!("schema `{name}` is defined in terms of itself"),
            "a chain of `$ref`s and arrays must end in an object, an enum or a plain type; make one link an object with a property",
        );
    }
}
