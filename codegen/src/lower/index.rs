//! The spec's components by name: one map per section of `components`, built once, so a
//! `$ref` is resolved without a search (`refs` resolves them). A leaf: it uses no other
//! lower module.

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
    pub(super) examples: Section<'a, RefOr<Option<serde_json::Value>>>,
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
            examples: Section::new(&c.examples),
        }
    }
}
