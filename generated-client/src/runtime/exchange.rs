//! The last step of a call: one HTTP exchange. Authenticate (a fresh date and signature
//! each time), send, and read the whole answer.

use super::auth::{Outgoing, authenticate};
use super::error::TransportError;
use super::prepare::Prepared;
use super::request::Request;
use super::response::Answer;
use super::service::Operation;
use super::settings::Settings;
use std::time::SystemTime;

/// Why one exchange got no complete answer.
pub(crate) enum Failure {
    /// The connection failed or broke.
    Transport(TransportError),
    /// The connection could not be opened in time.
    ConnectTimeout,
    /// The request could not be authenticated; nothing was sent.
    Unsendable(String),
}

/// Sends the request once and reads the whole answer, whatever its status.
pub(crate) async fn exchange(
    settings: &Settings,
    request: &Request,
    prepared: &Prepared,
) -> Result<Answer, Failure> {
    let op = request.operation;
    let body = request.body.as_deref().unwrap_or_default();
    let mut headers = prepared.headers.clone();
    let outgoing = Outgoing {
        method: op.method.as_str(),
        host: &settings.host,
        path: &prepared.path,
        query: &request.query,
        body,
        project_id: Some(settings.client_param("project_id")),
    };
    authenticate(
        &settings.credentials,
        op.service.auth,
        &outgoing,
        &mut headers,
        SystemTime::now(),
    )
    .map_err(Failure::Unsendable)?;
    let method =
        reqwest::Method::from_bytes(op.method.as_str().as_bytes()).unwrap_or(reqwest::Method::GET);
    let mut builder = settings.http.request(method, prepared.url.clone());
    for (name, value) in &headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    if let Some(body) = &request.body {
        builder = builder.body(body.clone());
    }
    let mut response = match builder.send().await {
        Ok(response) => response,
        Err(e) if e.is_connect() && e.is_timeout() => return Err(Failure::ConnectTimeout),
        // A connect error means nothing was sent; any other may come after sending.
        Err(e) => {
            let failure = transport_error(op, !e.is_connect(), &e);
            return Err(Failure::Transport(failure));
        }
    };
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let request_id = header("x-request-id");
    let retry_after = header("retry-after");
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => break,
            Err(e) => {
                let mut failure = transport_error(op, true, &e);
                failure.status = Some(status);
                failure.request_id = request_id;
                failure.body = body;
                return Err(Failure::Transport(failure));
            }
        }
    }
    Ok(Answer {
        status,
        request_id,
        retry_after,
        body,
    })
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
        body: Vec::new(),
        attempts: 0,
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
