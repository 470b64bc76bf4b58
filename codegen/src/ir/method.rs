//! The HTTP method of an operation: a leaf of the model, with what the runtime needs to
//! know about it.

use serde::{Deserialize, Serialize};

/// The HTTP methods OpenAPI 3.0 names for an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Patch,
    Head,
    Options,
}

impl Method {
    /// Every method, as the spec's path item spells its key.
    pub const ALL: [(&'static str, Method); 7] = [
        ("get", Method::Get),
        ("put", Method::Put),
        ("post", Method::Post),
        ("delete", Method::Delete),
        ("patch", Method::Patch),
        ("head", Method::Head),
        ("options", Method::Options),
    ];

    /// The method as sent: `GET`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }

    /// Sending it twice has the effect of sending it once (RFC 9110), unless the spec says
    /// otherwise with `x-idempotent`.
    pub fn idempotent_by_default(self) -> bool {
        matches!(
            self,
            Method::Get | Method::Put | Method::Delete | Method::Head | Method::Options
        )
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
