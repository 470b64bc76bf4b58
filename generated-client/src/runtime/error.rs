//! The one error type of every generated call.

use super::validate::ValidationError;
use std::fmt;
use std::time::Duration;

/// Why a call failed. Whatever the variant, the status, request id and raw body of the last
/// answer (when there was one) are kept; no secret is ever part of the text.
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
    /// A time limit ran out.
    #[error(transparent)]
    Timeout(Box<TimeoutError>),
    /// The request could not be made ready to send (its body encoded as JSON, its path
    /// sent as it is, its signature computed); nothing was sent.
    #[error("could not encode the request: {0}")]
    Encode(String),
}

impl Error {
    /// The HTTP status of the last answer, if any came.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            Error::Transport(e) => e.status,
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
            _ => None,
        }
    }

    /// The raw body of the last answer, byte for byte.
    pub fn body(&self) -> Option<&[u8]> {
        match self {
            Error::Api(e) => Some(&e.body),
            Error::Decode(e) => Some(&e.body),
            Error::Transport(e) if e.status.is_some() => Some(&e.body),
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub service: &'static str,
    pub operation: &'static str,
    pub status: u16,
    /// The service's error code, e.g. `DBS.280001`.
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
    pub body: Vec<u8>,
    pub attempts: u32,
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
        match (&self.code, &self.message) {
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
        write!(f, " (request id {id})")?;
    }
    if attempts > 1 {
        write!(f, " after {attempts} attempts")?;
    }
    Ok(())
}

/// The answer was not what the spec says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub service: &'static str,
    pub operation: &'static str,
    pub status: u16,
    pub request_id: Option<String>,
    pub body: Vec<u8>,
    pub reason: String,
    pub attempts: u32,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} answered HTTP {} with a body that could not be read: {}",
            self.service, self.operation, self.status, self.reason
        )?;
        write_context(f, self.request_id.as_deref(), self.attempts)
    }
}

impl std::error::Error for DecodeError {}

/// No complete answer came: the connection failed, or broke while the answer was read.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    pub body: Vec<u8>,
    pub attempts: u32,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Some(status) => write!(
                f,
                "{} {} answered HTTP {status} but the connection broke while reading the body: {}",
                self.service, self.operation, self.reason
            )?,
            None => write!(
                f,
                "{} {} got no answer: {}",
                self.service, self.operation, self.reason
            )?,
        }
        write_context(f, self.request_id.as_deref(), self.attempts)
    }
}

impl std::error::Error for TransportError {}

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
