//! What reading and comparing produce: a page that cannot be read, and a difference found.

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
