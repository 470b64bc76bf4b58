//! The reading context every reader of `load` takes: where problems are collected, and the
//! located name of a mapping key. A leaf: it uses no other load module.

use crate::diagnostics::Diagnostic;
use crate::profile::Profile;
use crate::spec::At;
use crate::yaml::{Key, Pos};
use std::cell::RefCell;

/// Collects problems (errors and warnings) while reading.
pub struct Ctx {
    diags: RefCell<Vec<Diagnostic>>,
    profile: Profile,
}

impl Ctx {
    /// Reading one of the project's own specs.
    pub fn new() -> Self {
        Ctx::with_profile(Profile::ProjectSpec)
    }

    pub fn with_profile(profile: Profile) -> Self {
        Ctx {
            diags: RefCell::new(Vec::new()),
            profile,
        }
    }

    pub fn error(&self, d: Diagnostic) {
        self.diags.borrow_mut().push(d);
    }

    /// Something accepted but not acted on.
    pub fn warn(&self, pos: Pos, message: impl Into<String>) {
        self.diags
            .borrow_mut()
            .push(Diagnostic::warning(pos, message));
    }

    pub fn profile(&self) -> Profile {
        self.profile
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diags.into_inner()
    }
}

impl Default for Ctx {
    fn default() -> Self {
        Self::new()
    }
}

pub(super) fn at_key(key: &Key) -> At<String> {
    At::new(key.pos, key.text.clone())
}
