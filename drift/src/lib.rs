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
pub mod finding;
pub mod page;
pub mod render;
pub mod rules;
pub mod run;
pub mod shapes;
pub mod spec;
pub mod table;

pub use finding::{Finding, ReadError};
pub use page::{Page, read as read_page};
pub use run::{Outcome, check_page, run};
pub use spec::{SpecFile, missing_pages};
