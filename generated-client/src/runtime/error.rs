//! The one error type of every generated call.

use super::lifecycle_errors::{PaginationError, WaitError};
use super::shown::{body_preview, shown};
use super::validate::ValidationError;
use bytes::Bytes;
use std::fmt;
use std::time::Duration;

/// Why a call failed. Whatever the variant, the status, request id and raw body of the last
/// answer (when there was one) are kept; no secret is ever part of the text. Text the server
/// chose (its code, message, request id) is printed with control characters escaped and its
/// length capped, and with any secret the request carried masked; [`Error::body`] keeps the
/// raw bytes.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request breaks the spec's rules; nothing was sent.
    #[error(transparent)]
    Validation(#[from] ValidationError),
    /// The client is not configured right (at build time, never at call time).
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The service answered with an error.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The service answered, but the answer could not be read.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// No answer: the connection failed or broke.
    #[error(transparent)]
    Transport(Box<TransportError>),
    /// The answer was larger than [`ClientBuilder::max_response_bytes`](super::ClientBuilder::max_response_bytes);
    /// the rest of it was not read.
    #[error(transparent)]
    TooLarge(Box<TooLargeError>),
    /// A time limit ran out.
    #[error(transparent)]
    Timeout(Box<TimeoutError>),
    /// The request could not be made ready to send (its body encoded as JSON, its path
    /// sent as it is, its signature computed); nothing was sent.
    #[error("could not encode the request: {0}")]
    Encode(String),
    /// A paginator stopped: the server repeated a page, promised more than it delivered, or
    /// the list did not end within the most pages.
    #[error(transparent)]
    Pagination(Box<PaginationError>),
    /// A waiter stopped: the job failed, the time ran out, or there was no job to wait for.
    #[error(transparent)]
    Wait(Box<WaitError>),
}

impl Error {
    /// The HTTP status of the last answer, if any came.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            Error::Transport(e) => e.status,
            Error::TooLarge(e) => Some(e.status),
            _ => None,
        }
    }

    /// The service's error code (`DBS.280001`, `60046`), if the answer had one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.code.as_deref(),
            _ => None,
        }
    }

    /// The request id the service gave (`X-Request-Id`, or OCP's `traceId`).
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id.as_deref(),
            Error::Decode(e) => e.request_id.as_deref(),
            Error::Transport(e) => e.request_id.as_deref(),
            Error::TooLarge(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// The raw body of the last answer, byte for byte (for [`Error::TooLarge`], its first
    /// bytes).
    pub fn body(&self) -> Option<&[u8]> {
        match self {
            Error::Api(e) => Some(&e.body),
            Error::Decode(e) => Some(&e.body),
            Error::Transport(e) if e.status.is_some() => Some(&e.body),
            Error::TooLarge(e) => Some(&e.body),
            _ => None,
        }
    }

    /// How many times the request was sent (0 when it was refused before sending).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Api(e) => e.attempts,
            Error::Decode(e) => e.attempts,
            Error::Transport(e) => e.attempts,
            Error::Timeout(e) => e.attempts,
            Error::TooLarge(e) => e.attempts,
            _ => 0,
        }
    }
}

/// A setting that is missing or wrong when the client is built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot build the {service} client: {problem}")]
pub struct ConfigError {
    pub service: &'static str,
    pub problem: String,
}

/// The service said no.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiError {
    pub service: &'static str,
    pub operation: &'static str,
    pub status: u16,
    /// The service's error code, e.g. `DBS.280001`.
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
    /// The raw body, shared with the answer it came from.
    pub body: Bytes,
    pub attempts: u32,
    /// The body as `Debug` shows it, secrets masked (set when the call ends).
    pub(crate) shown_body: Option<String>,
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("service", &self.service)
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("code", &self.code.as_deref().map(shown))
            .field("message", &self.message.as_deref().map(shown))
            .field("request_id", &self.request_id.as_deref().map(shown))
            .field("body", &debug_body(&self.shown_body, &self.body))
            .field("attempts", &self.attempts)
            .finish()
    }
}

/// What `Debug` shows of a body: the masked preview when the call made one, else the text.
fn debug_body(masked: &Option<String>, body: &[u8]) -> String {
    masked.clone().unwrap_or_else(|| body_preview(body))
}

impl ApiError {
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} failed with HTTP {}",
            self.service, self.operation, self.status
        )?;
        let code = self.code.as_deref().map(shown);
        let message = self.message.as_deref().map(shown);
        match (code, message) {
            (Some(c), Some(m)) => write!(f, ": {c}: {m}")?,
            (Some(c), None) => write!(f, ": {c}")?,
            (None, Some(m)) => write!(f, ": {m}")?,
            (None, None) => {}
        }
        write_context(f, self.request_id.as_deref(), self.attempts)
    }
}

impl std::error::Error for ApiError {}

fn write_context(
    f: &mut fmt::Formatter<'_>,
    request_id: Option<&str>,
    attempts: u32,
) -> fmt::Result {
    if let Some(id) = request_id {
        write!(f, " (request id {})", shown(id))?;
    }
    if attempts > 1 {
        write!(f, " after {attempts} attempts")?;
    }
    Ok(())
}

/// The answer was not what the spec says.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub service: &'static str,
    pub operation: &'static str,
    pub status: u16,
    pub request_id: Option<String>,
    /// The raw body, shared with the answer it came from.
    pub body: Bytes,
    pub reason: String,
    pub attempts: u32,
    /// The body as `Debug` shows it, secrets masked (set when the call ends).
    pub(crate) shown_body: Option<String>,
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("service", &self.service)
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("request_id", &self.request_id.as_deref().map(shown))
            .field("body", &debug_body(&self.shown_body, &self.body))
            .field("reason", &shown(&self.reason))
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} answered HTTP {} with a body that could not be read: {}",
            self.service,
            self.operation,
            self.status,
            shown(&self.reason)
        )?;
        write_context(f, self.request_id.as_deref(), self.attempts)
    }
}

impl std::error::Error for DecodeError {}

/// No complete answer came: the connection failed, or broke while the answer was read.
#[derive(Clone, PartialEq, Eq)]
pub struct TransportError {
    pub service: &'static str,
    pub operation: &'static str,
    /// `false` when the request certainly did not reach the server (connection refused).
    pub maybe_sent: bool,
    pub reason: String,
    /// The status, when the connection broke after the answer's head arrived.
    pub status: Option<u16>,
    pub request_id: Option<String>,
    /// What arrived of the body before the connection broke.
    pub body: Bytes,
    pub attempts: u32,
    /// The body as `Debug` shows it, secrets masked (set when the call ends).
    pub(crate) shown_body: Option<String>,
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("service", &self.service)
            .field("operation", &self.operation)
            .field("maybe_sent", &self.maybe_sent)
            .field("reason", &shown(&self.reason))
            .field("status", &self.status)
            .field("request_id", &self.request_id.as_deref().map(shown))
            .field("body", &debug_body(&self.shown_body, &self.body))
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Some(status) => write!(
                f,
                "{} {} answered HTTP {status} but the connection broke while reading the body: {}",
                self.service,
                self.operation,
                shown(&self.reason)
            )?,
            None => write!(
                f,
                "{} {} got no answer: {}",
                self.service,
                self.operation,
                shown(&self.reason)
            )?,
        }
        write_context(f, self.request_id.as_deref(), self.attempts)
    }
}

impl std::error::Error for TransportError {}

/// An answer larger than the client's limit; its first bytes are kept, the rest was never
/// read (the connection was closed instead).
#[derive(Clone, PartialEq, Eq)]
pub struct TooLargeError {
    pub service: &'static str,
    pub operation: &'static str,
    pub status: u16,
    pub request_id: Option<String>,
    /// The limit, [`ClientBuilder::max_response_bytes`](super::ClientBuilder::max_response_bytes).
    pub limit: u64,
    /// The size the answer announced (`Content-Length`), when it did.
    pub declared: Option<u64>,
    /// The first bytes of the body (at most 64 KiB), shared with the reader.
    pub body: Bytes,
    pub attempts: u32,
    /// The body as `Debug` shows it, secrets masked (set when the call ends).
    pub(crate) shown_body: Option<String>,
}

impl fmt::Debug for TooLargeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TooLargeError")
            .field("service", &self.service)
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("request_id", &self.request_id.as_deref().map(shown))
            .field("limit", &self.limit)
            .field("declared", &self.declared)
            .field("body", &debug_body(&self.shown_body, &self.body))
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl fmt::Display for TooLargeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} answered HTTP {} with a body larger than the limit of {} bytes",
            self.service, self.operation, self.status, self.limit
        )?;
        if let Some(declared) = self.declared {
            write!(f, " (it announced {declared} bytes)")?;
        }
        write_context(f, self.request_id.as_deref(), self.attempts)
    }
}

impl std::error::Error for TooLargeError {}

/// Which time limit ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutKind {
    /// Opening the connection.
    Connect,
    /// One attempt: sending and reading the whole answer.
    Attempt,
    /// The whole call, retries and waits included.
    Total,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeoutError {
    pub service: &'static str,
    pub operation: &'static str,
    pub kind: TimeoutKind,
    pub limit: Duration,
    pub attempts: u32,
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let which = match self.kind {
            TimeoutKind::Connect => "connect timeout",
            TimeoutKind::Attempt => "per-attempt timeout",
            TimeoutKind::Total => "total timeout",
        };
        write!(
            f,
            "{} {} hit the {which} of {:?}",
            self.service, self.operation, self.limit
        )?;
        write_context(f, None, self.attempts)
    }
}

impl std::error::Error for TimeoutError {}
