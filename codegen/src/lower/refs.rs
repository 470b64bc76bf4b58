//! References: the resolution of a `$ref` to one of the spec's components (`index`), with
//! the same checks and "did you mean" hint for every kind.

use super::context::Lowering;
use super::index::{SCHEMA_PREFIX, Section};
use crate::diagnostics::Diagnostic;
use crate::spec::{self, At, RefOr};

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
                    format!(
                        "{} {what} component may not itself be a `$ref`",
                        article(what)
                    ),
                );
                None
            }
            None => {
                let message = format!(
                    "`$ref` points to `{}`, which is not {} {what} in `components.{section}`",
                    reference.value,
                    article(what)
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

/// `a parameter`, `an example`.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}
