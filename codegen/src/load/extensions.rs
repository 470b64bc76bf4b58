//! `x-` keys: the project's own extensions are read where they belong (a misspelling of one
//! is an error, since the rule it carries would be lost); any other is a vendor's and, as
//! OpenAPI intends, accepted and ignored with a located warning.

use super::Ctx;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::yaml::Key;

/// Every extension the generator (or `cargo xtask drift`) reads, wherever it stands.
pub(super) const OURS: &[&str] = &[
    "x-source",
    "x-drift",
    "x-client-param",
    "x-idempotent",
    "x-body-optional",
    "x-error-role",
    "x-requires",
    "x-envelope",
    "x-body-error",
    "x-retryable-errors",
    "x-signing",
    "x-pagination",
    "x-waiter",
    "x-and-wait",
];

/// Whether `key` is an extension key (`x-...`), which OpenAPI allows on every object.
pub(super) fn is_extension(key: &str) -> bool {
    key.starts_with("x-")
}

/// An `x-` key not read where it stands: an error when it is one of ours misspelled or put
/// where it means nothing, a warning otherwise.
pub(super) fn unread(ctx: &Ctx, key: &Key, what: &str) {
    if OURS.contains(&key.text.as_str()) {
        ctx.error(
            Diagnostic::new(
                key.pos,
                format!("the extension `{}` has no meaning in {what}", key.text),
            )
            .with_hint("specs/README.md lists where each extension goes"),
        );
    } else if let Some(close) = did_you_mean(&key.text, OURS.iter().copied()) {
        ctx.error(
            Diagnostic::new(
                key.pos,
                format!("unknown extension `{}` in {what}", key.text),
            )
            .with_hint(format!("did you mean `{close}`?")),
        );
    } else {
        ctx.warn(
            key.pos,
            format!(
                "the extension `{}` in {what} is not one the generator reads; ignored",
                key.text
            ),
        );
    }
}
