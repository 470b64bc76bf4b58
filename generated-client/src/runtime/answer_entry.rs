//! Reading an answer given as plain status, headers and bytes, without a connection: the
//! same steps a call takes after its exchange (the size limit, decoding, error mapping,
//! envelopes and errors inside a 200, masking). For the fuzz target in `fuzz/`; hidden from
//! the documentation, not a supported API.

use super::attempts::{Decoded, read_answer, unbox};
use super::credentials::Credentials;
use super::error::{Error, TooLargeError};
use super::redact::Redactor;
use super::response::Answer;
use super::retry::parse_retry_after;
use super::service::Operation;
use bytes::Bytes;
use serde_json::Value;
use std::time::{Duration, UNIX_EPOCH};

/// How much of an answer over the limit [`read_raw_answer`] keeps, as a call does.
const TOO_LARGE_PREFIX: usize = 64 * 1024;

/// The outcome of one raw answer: the value or the error a call would end with, and the
/// wait its `Retry-After` asks for.
#[doc(hidden)]
pub struct RawOutcome {
    pub result: Result<Value, Error>,
    pub retry_after: Option<Duration>,
}

/// Reads `body` as the answer `status` with `headers` to `op`, with the client's size
/// limit `max_response_bytes`, masking `credentials` as a call would.
#[doc(hidden)]
pub fn read_raw_answer(
    op: &'static Operation,
    status: u16,
    headers: &[(String, String)],
    body: Bytes,
    max_response_bytes: u64,
    credentials: &Credentials,
) -> RawOutcome {
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let answer = Answer {
        status,
        request_id: header("x-request-id"),
        retry_after: header("retry-after"),
        body,
    };
    let retry_after = answer
        .retry_after
        .as_deref()
        .and_then(|v| parse_retry_after(v, UNIX_EPOCH + Duration::from_secs(1_700_000_000)));
    let mut result = if answer.body.len() as u64 > max_response_bytes {
        let keep = (max_response_bytes as usize).min(TOO_LARGE_PREFIX);
        Err(Error::TooLarge(Box::new(TooLargeError {
            service: op.service.name,
            operation: op.name,
            status,
            request_id: answer.request_id.clone(),
            limit: max_response_bytes,
            declared: None,
            body: answer.body.slice(..keep),
            attempts: 1,
            shown_body: None,
        })))
    } else {
        read_answer(op, &answer, 1, 0, &|op, answer, attempts| {
            let value: Value = answer.decode(op, attempts)?;
            Ok(Box::new(value) as Decoded)
        })
        .map(unbox::<Value>)
    };
    if let Err(error) = &mut result {
        Redactor::new(credentials, &[]).apply(error);
    }
    RawOutcome {
        result,
        retry_after,
    }
}
