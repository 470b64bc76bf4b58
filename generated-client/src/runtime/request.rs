//! One request as generated code describes it, before the runtime sends it.

use super::error::Error;
use super::secret::{Secret, collect_secrets};
use super::service::Operation;
use bytes::Bytes;
use serde::Serialize;
use std::fmt::{Display, Write as _};

/// A request for one operation: path (already encoded), query, headers and JSON body.
pub struct Request {
    pub(crate) operation: &'static Operation,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(String, String)>,
    /// Encoded once; shared (not copied) by every attempt.
    pub(crate) body: Option<Bytes>,
    /// The [`Secret`]s the body carries, masked wherever a server's text is shown.
    pub(crate) secrets: Vec<Secret>,
}

impl Request {
    pub fn new(operation: &'static Operation, path: String) -> Self {
        Request {
            operation,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            secrets: Vec::new(),
        }
    }

    pub fn query(&mut self, name: &str, value: impl Display) {
        self.query.push((name.to_string(), value.to_string()));
    }

    pub fn header(&mut self, name: &str, value: impl Display) {
        self.headers.push((name.to_string(), value.to_string()));
    }

    /// Encodes the body now, once: retries send the same bytes.
    pub fn json(&mut self, body: &impl Serialize) -> Result<(), Error> {
        let (bytes, secrets) = collect_secrets(|| serde_json::to_vec(body));
        let bytes = bytes.map_err(|e| Error::Encode(format!("the body is not JSON: {e}")))?;
        self.body = Some(Bytes::from(bytes));
        self.secrets = secrets;
        Ok(())
    }
}

impl std::fmt::Debug for Request {
    /// Bodies may hold passwords and headers may hold tokens: only their size and names show.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("Request")
            .field("operation", &self.operation.name)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &header_names)
            .field("body_len", &self.body.as_ref().map(Bytes::len))
            .finish()
    }
}

/// Percent-encodes one path segment: everything but `A-Z a-z 0-9 - _ . ~`, `/` included,
/// as the official SDKs do. The value is encoded as it is printed, without a copy first.
pub fn encode(value: impl Display) -> String {
    let mut out = String::new();
    // Writing into a `String` does not fail; a `Display` that fails leaves what it wrote.
    let _ = write!(Encoding(&mut out), "{value}");
    out
}

/// Percent-encodes what is written through it into the `String` it holds: each byte is
/// encoded on its own, so text split anywhere encodes as the whole would.
struct Encoding<'a>(&'a mut String);

impl std::fmt::Write for Encoding<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        super::signing::push_encoded(self.0, s);
        Ok(())
    }
}
