//! One request as generated code describes it, before the runtime sends it.

use super::body;
use super::error::Error;
use super::secret::{Secret, collect_secrets};
use super::service::Operation;
use bytes::Bytes;
use serde::Serialize;
use std::fmt::{Display, Write as _};

/// A request for one operation: path (already encoded), query, headers and body (JSON
/// unless the operation's media type says otherwise).
pub struct Request {
    pub(crate) operation: &'static Operation,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(String, String)>,
    /// Encoded once; shared (not copied) by every attempt.
    pub(crate) body: Option<Bytes>,
    /// The body's `Content-Type` when it is not JSON.
    pub(crate) content_type: Option<String>,
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
            content_type: None,
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

    /// The body as an `application/x-www-form-urlencoded` form of its fields.
    pub fn form(&mut self, body: &impl Serialize) -> Result<(), Error> {
        let (bytes, secrets) = self.fields_of(body, body::form_urlencoded)?;
        self.body = Some(Bytes::from(bytes));
        self.content_type = Some("application/x-www-form-urlencoded".into());
        self.secrets = secrets;
        Ok(())
    }

    /// The body as `multipart/form-data`, one part per field.
    pub fn multipart(&mut self, body: &impl Serialize) -> Result<(), Error> {
        let ((bytes, boundary), secrets) = self.fields_of(body, body::multipart)?;
        self.body = Some(Bytes::from(bytes));
        self.content_type = Some(format!("multipart/form-data; boundary={boundary}"));
        self.secrets = secrets;
        Ok(())
    }

    /// A body sent as it is, with its media type (text, or bytes of any other type).
    pub fn bytes(&mut self, body: &[u8], content_type: &str) {
        self.body = Some(Bytes::copy_from_slice(body));
        self.content_type = Some(content_type.to_string());
    }

    /// Serialises `body` to JSON (collecting its secrets) and encodes that with `encode`.
    fn fields_of<T>(
        &self,
        body: &impl Serialize,
        encode: fn(serde_json::Value) -> Result<T, String>,
    ) -> Result<(T, Vec<Secret>), Error> {
        let (value, secrets) = collect_secrets(|| serde_json::to_value(body));
        let value = value.map_err(|e| Error::Encode(format!("the body cannot be encoded: {e}")))?;
        let encoded = encode(value).map_err(Error::Encode)?;
        Ok((encoded, secrets))
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

/// A list in a path, OpenAPI's default `simple` style: each item percent-encoded as in
/// [`encode`], joined by `,` (`3,4,5`).
pub fn encode_list<T: Display>(items: impl IntoIterator<Item = T>) -> String {
    let encoded: Vec<String> = items.into_iter().map(encode).collect();
    encoded.join(",")
}

/// A list in a header, OpenAPI's default `simple` style: the items joined by `,`.
pub fn join_list<T: Display>(items: impl IntoIterator<Item = T>) -> String {
    let texts: Vec<String> = items.into_iter().map(|item| item.to_string()).collect();
    texts.join(",")
}

/// A `date-time` parameter as text: RFC 3339, as in a JSON body (`2026-01-02T03:04:05+01:00`).
/// (`rt::DateTime`, spelled out: this module does not import the runtime's root.)
pub struct Rfc3339<'a>(pub &'a chrono::DateTime<chrono::FixedOffset>);

impl Display for Rfc3339<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.to_rfc3339())
    }
}
