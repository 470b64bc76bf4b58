//! Reading an answer: success payloads (envelopes, errors inside a 200) and error bodies.

use super::error::{ApiError, DecodeError, Error};
use super::service::{Operation, ResponseBody, ServiceProfile};
use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// An answer as it came off the wire.
pub(crate) struct Answer {
    pub status: u16,
    pub request_id: Option<String>,
    pub retry_after: Option<String>,
    /// Shared (not copied) with every error made from this answer.
    pub body: Bytes,
}

impl Answer {
    pub(crate) fn decode_error(
        &self,
        op: &Operation,
        reason: impl Into<String>,
        attempts: u32,
    ) -> Error {
        Error::Decode(Box::new(DecodeError {
            service: op.service.name,
            operation: op.name,
            status: self.status,
            request_id: self.request_id.clone(),
            body: self.body.clone(),
            reason: reason.into(),
            attempts,
            shown_body: None,
        }))
    }

    /// The error this answer stands for, with the code, message and request id it carries.
    pub fn api_error(&self, op: &Operation, json: Option<&Value>, attempts: u32) -> ApiError {
        let service = op.service;
        let parsed;
        let json = match json {
            Some(j) => Some(j),
            None => {
                parsed = serde_json::from_slice::<Value>(&self.body).ok();
                parsed.as_ref()
            }
        };
        let find = |paths: &[&[&str]]| json.and_then(|j| paths.iter().find_map(|p| text_at(j, p)));
        let mut code = find(service.error_fields.code);
        let mut message = find(service.error_fields.message);
        if let (Some(rule), Some(j)) = (&service.body_error, json) {
            code = code.or_else(|| text_at(j, &[rule.code]));
            message = message.or_else(|| rule.message.and_then(|m| text_at(j, &[m])));
        }
        let request_id = self
            .request_id
            .clone()
            .or_else(|| find(service.error_fields.request_id))
            .or_else(|| {
                let trace = service.envelope.as_ref().and_then(|e| e.trace_id)?;
                json.and_then(|j| text_at(j, &[trace]))
            });
        ApiError {
            service: service.name,
            operation: op.name,
            status: self.status,
            code,
            message,
            request_id,
            body: self.body.clone(),
            attempts,
            shown_body: None,
        }
    }

    /// Reads a success answer into `R`, unwrapping the service's conventions.
    pub fn decode<R: DeserializeOwned>(&self, op: &Operation, attempts: u32) -> Result<R, Error> {
        let service: &ServiceProfile = op.service;
        let empty = self.body.iter().all(u8::is_ascii_whitespace);
        // An operation that returns nothing still reads an envelope's answer, so that a 200
        // saying `successful: false` is an error; without an envelope its body is ignored.
        if op.response == ResponseBody::None && (service.envelope.is_none() || empty) {
            return serde_json::from_slice(b"null")
                .map_err(|e| self.decode_error(op, e.to_string(), attempts));
        }
        let text: &[u8] = match (op.response, empty) {
            (ResponseBody::JsonOrEmpty, true) => b"{}",
            (ResponseBody::Json, true) => {
                return Err(self.decode_error(
                    op,
                    "the body is empty, JSON was expected",
                    attempts,
                ));
            }
            _ => &self.body,
        };
        if service.envelope.is_none() && service.body_error.is_none() {
            return serde_json::from_slice(text)
                .map_err(|e| self.decode_error(op, e.to_string(), attempts));
        }
        let json: Value = serde_json::from_slice(text)
            .map_err(|e| self.decode_error(op, e.to_string(), attempts))?;
        if let Some(rule) = &service.body_error
            && let Some(code) = json.get(rule.code)
            && !code.is_null()
            // `success` is JSON text (`0`); compare as JSON, so the string "0" is not 0.
            && serde_json::to_string(code).ok().as_deref() != Some(rule.success)
        {
            return Err(Error::Api(Box::new(self.api_error(
                op,
                Some(&json),
                attempts,
            ))));
        }
        let payload = match &service.envelope {
            Some(envelope) => {
                match json.get(envelope.success) {
                    Some(Value::Bool(true)) => {}
                    Some(Value::Bool(false)) => {
                        return Err(Error::Api(Box::new(self.api_error(
                            op,
                            Some(&json),
                            attempts,
                        ))));
                    }
                    _ => {
                        let reason = format!("the envelope has no boolean `{}`", envelope.success);
                        return Err(self.decode_error(op, reason, attempts));
                    }
                }
                match json.get(envelope.data) {
                    // An acknowledgement: the envelope, with or without `data`, carries
                    // nothing the operation returns.
                    _ if op.response == ResponseBody::None => Value::Null,
                    Some(data) => data.clone(),
                    None => {
                        return Err(self.decode_error(
                            op,
                            format!("the envelope has no `{}`", envelope.data),
                            attempts,
                        ));
                    }
                }
            }
            _ => json,
        };
        serde_json::from_value(payload).map_err(|e| self.decode_error(op, e.to_string(), attempts))
    }
}

/// One success arm's JSON body decoded into `T` (generated code of an operation whose
/// successes differ in type); the reason it does not decode, otherwise.
pub fn json_of<T: DeserializeOwned>(body: &Bytes) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| e.to_string())
}

/// The value at a key path as text: strings as they are, numbers and booleans printed.
fn text_at(json: &Value, path: &[&str]) -> Option<String> {
    let mut node = json;
    for key in path {
        node = node.get(key)?;
    }
    match node {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
