//! References: the spec's components by name (maps built once), and the resolution of a
//! `$ref` to one of them, with the same checks and "did you mean" hint for every kind.

use super::Lowering;
use crate::diagnostics::Diagnostic;
use crate::spec::{self, At, RefOr};
use std::collections::HashMap;

pub(super) const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// One section of `components` (`parameters`, `responses`, ...): its items by name, and the
/// names in the order written (for hints).
pub(super) struct Section<'a, T> {
    by_name: HashMap<&'a str, &'a T>,
    names: Vec<&'a str>,
}

impl<'a, T> Section<'a, T> {
    fn new(items: &'a [(At<String>, T)]) -> Self {
        let mut by_name = HashMap::new();
        for (name, item) in items {
            // The first of two items of one name is the one YAML readers keep.
            by_name.entry(name.value.as_str()).or_insert(item);
        }
        Section {
            by_name,
            names: items.iter().map(|(n, _)| n.value.as_str()).collect(),
        }
    }

    pub(super) fn get(&self, name: &str) -> Option<&'a T> {
        self.by_name.get(name).copied()
    }

    pub(super) fn names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.names.iter().copied()
    }
}

pub(super) struct Index<'a> {
    pub(super) schemas: Section<'a, spec::Schema>,
    pub(super) parameters: Section<'a, RefOr<spec::Parameter>>,
    pub(super) request_bodies: Section<'a, RefOr<spec::RequestBody>>,
    pub(super) responses: Section<'a, RefOr<spec::Response>>,
    pub(super) security_schemes: Section<'a, spec::SecurityScheme>,
}

impl<'a> Index<'a> {
    pub(super) fn new(doc: &'a spec::Document) -> Self {
        let c = &doc.components;
        Index {
            schemas: Section::new(&c.schemas),
            parameters: Section::new(&c.parameters),
            request_bodies: Section::new(&c.request_bodies),
            responses: Section::new(&c.responses),
            security_schemes: Section::new(&c.security_schemes),
        }
    }
}

impl<'a> Lowering<'a> {
    /// The Rust type name and the schema a `$ref` to a component schema points to.
    pub(super) fn resolve_schema_ref(
        &mut self,
        reference: &At<String>,
    ) -> Option<(String, &'a spec::Schema)> {
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
        match self.index.schemas.get(name) {
            Some(schema) => self.components.get(name).map(|rust| (rust.clone(), schema)),
            None => {
                let message = format!(
                    "`$ref` points to `{name}`, which is not a schema in `components.schemas`"
                );
                let d = Diagnostic::new(reference.pos, message).suggesting(
                    name,
                    self.index.schemas.names(),
                    SCHEMA_PREFIX,
                );
                self.diags.push(d);
                None
            }
        }
    }

    /// The item a `RefOr` stands for: itself, or the component `#/components/{section}/{name}`.
    /// One mechanism for parameters, request bodies and responses, so each gets the same
    /// checks and the same "did you mean" hint.
    pub(super) fn resolve<T>(
        &mut self,
        item: &'a RefOr<T>,
        components: &Section<'a, RefOr<T>>,
        section: &str,
        what: &str,
    ) -> Option<&'a T> {
        let reference = match item {
            RefOr::Item(item) => return Some(item),
            RefOr::Ref(reference) => reference,
        };
        let prefix = format!("#/components/{section}/");
        let name = reference.value.strip_prefix(prefix.as_str());
        match name.and_then(|name| components.get(name)) {
            Some(RefOr::Item(item)) => Some(item),
            Some(RefOr::Ref(inner)) => {
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
                let word = name.unwrap_or(&reference.value);
                let d = Diagnostic::new(reference.pos, message).suggesting(
                    word,
                    components.names(),
                    &prefix,
                );
                self.diags.push(d);
                None
            }
        }
    }
}
