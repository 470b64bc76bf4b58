//! The stored API pages (`specs/pages/`) as a checked source of the specs.
//!
//! ```text
//! page text ──page──▶ Page ─┐
//!                           ├──compare──▶ findings (page file:line, spec file:line, what differs)
//! spec ──codegen::load──▶ ir::Service + yaml positions ─┘
//! ```
//!
//! A spec operation names its page in `x-source` (`pages/<file>: sections`); departures
//! on purpose are `x-drift` entries beside the choice in the spec.

pub mod compare;
pub mod decode;
pub mod fields;
pub mod page;
pub mod render;
pub mod rules;
pub mod run;
pub mod spec;
pub mod table;

pub use page::{Page, read as read_page};
pub use run::{Outcome, check_page, run};
pub use spec::{SpecFile, missing_pages};

/// Why a page cannot be read, at its 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub line: usize,
    pub message: String,
}

impl ReadError {
    pub fn new(line: usize, message: impl Into<String>) -> Self {
        ReadError {
            line: line.max(1),
            message: message.into(),
        }
    }
}

/// One place where a page and its spec disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What it is about: a field (`CreateDdmUsersInfo.name`), a parameter, `status 409`,
    /// `URI`, `method`, `example URL`, `example request`, `example response 200`.
    pub subject: String,
    /// Which part differs: `present`, `required`, `type`, `minLength`, `maxLength`,
    /// `minItems`, `maxItems`, `minimum`, `maximum`, `enum`, `default`, `status`,
    /// `path`, `method`, `decodes`.
    pub rule: &'static str,
    pub page_says: String,
    pub spec_says: String,
    pub page_line: usize,
    pub spec_pos: codegen::yaml::Pos,
}
