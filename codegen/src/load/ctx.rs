//! The reading context every reader of `load` takes: where problems are collected, and the
//! located name of a mapping key. A leaf: it uses no other load module.

use crate::diagnostics::Diagnostic;
use crate::spec::At;
use crate::yaml::Key;
use std::cell::RefCell;

/// Collects problems while reading.
pub struct Ctx {
    diags: RefCell<Vec<Diagnostic>>,
}

impl Ctx {
    pub fn new() -> Self {
        Ctx {
            diags: RefCell::new(Vec::new()),
        }
    }

    pub fn error(&self, d: Diagnostic) {
        self.diags.borrow_mut().push(d);
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
