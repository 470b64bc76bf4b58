//! The last step of a call: one HTTP exchange. Authenticate (a fresh date and signature
//! each time), send, and read the whole answer, up to the client's size limit.

use super::auth::{self, Outgoing, attempt_headers};
use super::error::{TooLargeError, TransportError};
use super::prepare::Prepared;
use super::request::Request;
use super::response::Answer;
use super::service::Operation;
use super::settings::Settings;
use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use std::time::SystemTime;

/// How much of an answer over the limit is kept in the error.
const TOO_LARGE_PREFIX: u64 = 64 * 1024;
/// The most memory reserved up front for a body, whatever its `Content-Length` says.
const MAX_RESERVED: u64 = 1024 * 1024;
/// The header a server names its answer with.
static X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Why one exchange got no complete answer.
pub(crate) enum Failure {
    /// The connection failed or broke.
    Transport(TransportError),
    /// The connection could not be opened in time.
    ConnectTimeout,
    /// The request could not be authenticated or built; nothing was sent.
    Unsendable(String),
    /// The answer was larger than the limit.
    TooLarge(TooLargeError),
}

/// Sends the request once and reads the whole answer, whatever its status.
pub(crate) async fn exchange(
    settings: &Settings,
    request: &Request,
    prepared: Prepared,
) -> Result<Answer, Failure> {
    let op = request.operation;
    let Prepared {
        method,
        url,
        mut headers,
    } = prepared;
    if auth::signs(&settings.credentials) {
        let dated = {
            let text = header_text(&headers).map_err(|name| {
                Failure::Unsendable(format!(
                    "the `{name}` header is not text, it cannot be signed"
                ))
            })?;
            let outgoing = Outgoing {
                method: op.method.as_str(),
                host: &settings.host,
                path: url.path(),
                query: &request.query,
                headers: &text,
                body: request.body.as_deref().unwrap_or_default(),
            };
            attempt_headers(&settings.credentials, &outgoing, SystemTime::now())
                .map_err(Failure::Unsendable)?
        };
        for (name, value) in dated.into_iter().flatten() {
            let value = HeaderValue::try_from(value)
                .map_err(|_| Failure::Unsendable(format!("the `{name}` header cannot be sent")))?;
            headers.append(HeaderName::from_static(name), value);
        }
    }
    let mut http_request = reqwest::Request::new(method, url);
    *http_request.headers_mut() = headers;
    *http_request.body_mut() = request.body.clone().map(reqwest::Body::from);
    let mut response = match settings.http.execute(http_request).await {
        Ok(response) => response,
        Err(e) if e.is_connect() && e.is_timeout() => return Err(Failure::ConnectTimeout),
        // The HTTP library refused to build the request (a URL it cannot carry): not sent.
        Err(e) if e.is_builder() => return Err(Failure::Unsendable(describe(&e))),
        // A connect error means nothing was sent; any other may come after sending.
        Err(e) => {
            let failure = transport_error(op, !e.is_connect(), &e);
            return Err(Failure::Transport(failure));
        }
    };
    let status = response.status().as_u16();
    let header = |name: &HeaderName| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let request_id = header(&X_REQUEST_ID);
    let retry_after = header(&RETRY_AFTER);
    let limit = settings.max_response_bytes;
    let declared = response.content_length();
    let too_large = |body: BodyBuffer| {
        Failure::TooLarge(TooLargeError {
            service: op.service.name,
            operation: op.name,
            status,
            request_id: request_id.clone(),
            limit,
            declared,
            body: body.freeze(),
            attempts: 0,
            shown_body: None,
        })
    };
    // An answer that announces more than the limit is refused after its first bytes;
    // one that does not say (chunked, or endless) is counted while it is read.
    let keep = if declared.is_some_and(|n| n > limit) {
        limit.min(TOO_LARGE_PREFIX)
    } else {
        limit
    };
    let reserve = declared.unwrap_or(0).min(keep).min(MAX_RESERVED);
    let mut body = BodyBuffer::new(reserve as usize);
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = keep - body.len() as u64;
                if chunk.len() as u64 > room {
                    // Over the limit: keep a bounded prefix, read no more (dropping the
                    // response closes the connection).
                    let prefix = limit.min(TOO_LARGE_PREFIX) as usize;
                    body.push(chunk.slice(..room as usize));
                    body.truncate(prefix);
                    return Err(too_large(body));
                }
                body.push(chunk);
                if declared.is_some_and(|n| n > limit) && body.len() as u64 == keep {
                    return Err(too_large(body));
                }
            }
            Ok(None) => break,
            Err(e) => {
                let mut failure = transport_error(op, true, &e);
                failure.status = Some(status);
                failure.request_id = request_id;
                failure.body = body.freeze();
                return Err(Failure::Transport(failure));
            }
        }
    }
    if declared.is_some_and(|n| n > limit) {
        // It announced more than the limit but ended early: still over what was allowed.
        return Err(too_large(body));
    }
    Ok(Answer {
        status,
        request_id,
        retry_after,
        body: body.freeze(),
    })
}

/// The headers as the signers read them: `(name, value)` text, borrowed. Every value was
/// made from a `&str` (`prepare`), so it is UTF-8; the name of one that is not, otherwise.
fn header_text(headers: &HeaderMap) -> Result<Vec<(&str, &str)>, &HeaderName> {
    headers
        .iter()
        .map(|(name, value)| {
            let text = std::str::from_utf8(value.as_bytes()).map_err(|_| name)?;
            Ok((name.as_str(), text))
        })
        .collect()
}

/// An answer's body as it is read: most answers come in one chunk, which is kept as it
/// came (no copy); a second chunk starts a buffer the chunks are copied into.
struct BodyBuffer {
    /// What to reserve for that buffer (what the answer announced, within bounds).
    reserve: usize,
    read: Read,
}

enum Read {
    Nothing,
    One(Bytes),
    Many(BytesMut),
}

impl BodyBuffer {
    fn new(reserve: usize) -> Self {
        BodyBuffer {
            reserve,
            read: Read::Nothing,
        }
    }

    fn len(&self) -> usize {
        match &self.read {
            Read::Nothing => 0,
            Read::One(bytes) => bytes.len(),
            Read::Many(buffer) => buffer.len(),
        }
    }

    fn push(&mut self, chunk: Bytes) {
        self.read = match std::mem::replace(&mut self.read, Read::Nothing) {
            Read::Nothing => Read::One(chunk),
            Read::One(first) => {
                let wanted = first.len() + chunk.len();
                let mut buffer = BytesMut::with_capacity(self.reserve.max(wanted));
                buffer.extend_from_slice(&first);
                buffer.extend_from_slice(&chunk);
                Read::Many(buffer)
            }
            Read::Many(mut buffer) => {
                buffer.extend_from_slice(&chunk);
                Read::Many(buffer)
            }
        };
    }

    fn truncate(&mut self, len: usize) {
        match &mut self.read {
            Read::Nothing => {}
            Read::One(bytes) => bytes.truncate(len),
            Read::Many(buffer) => buffer.truncate(len),
        }
    }

    fn freeze(self) -> Bytes {
        match self.read {
            Read::Nothing => Bytes::new(),
            Read::One(bytes) => bytes,
            Read::Many(buffer) => buffer.freeze(),
        }
    }
}

/// A broken exchange; the attempt loop fills in how many attempts were made.
fn transport_error(op: &Operation, maybe_sent: bool, error: &reqwest::Error) -> TransportError {
    TransportError {
        service: op.service.name,
        operation: op.name,
        maybe_sent,
        reason: describe(error),
        status: None,
        request_id: None,
        body: Default::default(),
        attempts: 0,
        shown_body: None,
    }
}

/// A reqwest error with its causes, which say what really happened (refused, reset, ...).
fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
