//! Which dialect a document is read in: a leaf, so the loader can ask without importing
//! the crate root.

/// Which rules of the project's own dialect a document must follow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Profile {
    /// A spec of this project (`specs/`, the kitchen sinks): every operation names the page
    /// it was distilled from (`x-source`).
    #[default]
    ProjectSpec,
    /// A document published elsewhere: plain OpenAPI 3.0, no `x-` key of ours required.
    Outside,
}
