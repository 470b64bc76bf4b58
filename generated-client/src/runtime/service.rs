//! What generated code tells the runtime: how a service speaks, and what each operation is.
//! Plain data, written by the generator as `const`s.

/// How one service is reached and how it answers.
#[derive(Debug)]
pub struct ServiceProfile {
    /// The module name: `ddm`, `dws`, `ocp`.
    pub name: &'static str,
    pub title: &'static str,
    /// Path parameters filled from the client's configuration (`project_id`).
    pub client_params: &'static [&'static str],
    /// Accepted ways of authenticating.
    pub auth: &'static [AuthScheme],
    pub error_fields: ErrorFields,
    pub envelope: Option<Envelope>,
    pub body_error: Option<BodyError>,
    /// Error answers that mean "busy, try again".
    pub retryable_errors: &'static [RetryableError],
}

impl ServiceProfile {
    /// Whether credentials of this kind fit: one of its schemes, or none at all for a
    /// service that declares no security.
    pub fn accepts(&self, scheme: AuthKind) -> bool {
        match scheme {
            AuthKind::Anonymous => self.auth.is_empty(),
            _ => self.auth.iter().any(|a| a.kind() == scheme),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthScheme {
    Token {
        header: &'static str,
    },
    HuaweiAkSk,
    Basic,
    OcpAccessKey,
    /// The token as `Authorization: Bearer <token>` (HTTP bearer, OAuth 2, OpenID Connect).
    Bearer,
    /// The token as the query parameter `name`.
    QueryKey {
        name: &'static str,
    },
}

/// The kind of an [`AuthScheme`], to compare with the kind of a credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthKind {
    Token,
    HuaweiAkSk,
    Basic,
    OcpAccessKey,
    /// No credentials ([`Credentials::Anonymous`](super::Credentials::Anonymous)).
    Anonymous,
}

impl AuthScheme {
    pub fn kind(&self) -> AuthKind {
        match self {
            AuthScheme::Token { .. } | AuthScheme::Bearer | AuthScheme::QueryKey { .. } => {
                AuthKind::Token
            }
            AuthScheme::HuaweiAkSk => AuthKind::HuaweiAkSk,
            AuthScheme::Basic => AuthKind::Basic,
            AuthScheme::OcpAccessKey => AuthKind::OcpAccessKey,
        }
    }
}

/// Key paths, in an error answer's JSON, of its code, message and request id. The first
/// path present wins, so one service can answer in several shapes.
#[derive(Debug)]
pub struct ErrorFields {
    pub code: &'static [&'static [&'static str]],
    pub message: &'static [&'static [&'static str]],
    pub request_id: &'static [&'static [&'static str]],
}

/// Every answer wraps its payload in an object; `success` says whether it is an error.
#[derive(Debug)]
pub struct Envelope {
    pub data: &'static str,
    pub success: &'static str,
    pub trace_id: Option<&'static str>,
}

/// A success status can still carry an error: `code` differs from `success` (JSON text).
#[derive(Debug)]
pub struct BodyError {
    pub code: &'static str,
    pub success: &'static str,
    pub message: Option<&'static str>,
}

#[derive(Debug)]
pub struct RetryableError {
    pub status: u16,
    pub code: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
}

/// What a success answer carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseBody {
    /// Nothing to read.
    None,
    /// JSON, required.
    Json,
    /// JSON, or no body at all (read as `{}`).
    JsonOrEmpty,
    /// The bytes as they came ([`Runtime::call_raw`](super::Runtime::call_raw)).
    Bytes,
    /// One type per success status ([`Runtime::call_by_status`](super::Runtime::call_by_status)).
    ByStatus,
}

/// One operation of a service.
#[derive(Debug)]
pub struct Operation {
    pub service: &'static ServiceProfile,
    /// The Rust method name, used in logs and errors.
    pub name: &'static str,
    pub method: Method,
    /// The path template, for logs.
    pub path: &'static str,
    /// Sending it twice has the effect of sending it once: safe to retry after a timeout.
    pub idempotent: bool,
    /// The statuses that mean success; [`DEFAULT_IS_SUCCESS`] when every 2xx does.
    pub success: &'static [u16],
    pub response: ResponseBody,
}

/// [`Operation::success`] of an operation that documents no 2xx: its `default` answer is
/// the success, so every 2xx status means it (no 2xx can be documented as an error), and
/// every other status is an error. Spelled as no status listed, so the service's
/// description stays a short constant.
pub const DEFAULT_IS_SUCCESS: &[u16] = &[];

impl Operation {
    /// Whether an answer of this status is a success.
    pub fn is_success(&self, status: u16) -> bool {
        if self.success.is_empty() {
            (200..300).contains(&status)
        } else {
            self.success.contains(&status)
        }
    }
}
