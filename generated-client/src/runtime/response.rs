//! Reading an answer: success payloads (envelopes, errors inside a 200) and error bodies.

use super::error::{ApiError, DecodeError, Error};
use super::service::{Operation, ResponseBody, ServiceProfile};
use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_json::error::Category;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::BTreeMap;

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
    ///
    /// Generic code is compiled once per answer type, so it is kept to one line: the
    /// conventions are read without `R` ([`Answer::success_json`]) and `R` is decoded from
    /// the bytes they leave, always through the same deserializer (`from_slice`), never from
    /// a parsed `Value`: a second deserializer would double every model's decoding code.
    pub fn decode<R: DeserializeOwned>(&self, op: &Operation, attempts: u32) -> Result<R, Error> {
        let json = self.success_json(op, attempts)?;
        serde_json::from_slice(json).map_err(|e| self.decode_error(op, e.to_string(), attempts))
    }

    /// The JSON text a success answer's value is read from: the body, the envelope's data,
    /// `null` for an answer that returns nothing, `{}` for an allowed empty body; or the
    /// error the answer stands for.
    fn success_json<'a>(&'a self, op: &Operation, attempts: u32) -> Result<&'a [u8], Error> {
        let service: &ServiceProfile = op.service;
        let empty = self.body.iter().all(u8::is_ascii_whitespace);
        // An operation that returns nothing still reads an envelope's answer, so that a 200
        // saying `successful: false` is an error; without an envelope its body is ignored.
        if op.response == ResponseBody::None && (service.envelope.is_none() || empty) {
            return Ok(b"null");
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
            return Ok(text);
        }
        // The top-level fields, each still as its JSON text: nothing is decoded twice.
        let fields = top_level_fields(text).map_err(|e| self.decode_error(op, e, attempts))?;
        let field = |name: &str| fields.as_ref().and_then(|f| f.get(name)).map(|v| v.get());
        let as_error = || Error::Api(Box::new(self.api_error(op, None, attempts)));
        if let Some(rule) = &service.body_error
            && let Some(code) = field(rule.code).map(canonical_json)
            && code != "null"
            // `success` is JSON text (`0`); compare as JSON, so the string "0" is not 0.
            && code != rule.success
        {
            return Err(as_error());
        }
        let Some(envelope) = &service.envelope else {
            return Ok(text);
        };
        match field(envelope.success).map(canonical_json).as_deref() {
            Some("true") => {}
            Some("false") => return Err(as_error()),
            _ => {
                let reason = format!("the envelope has no boolean `{}`", envelope.success);
                return Err(self.decode_error(op, reason, attempts));
            }
        }
        match field(envelope.data) {
            // An acknowledgement: the envelope, with or without `data`, carries nothing the
            // operation returns.
            _ if op.response == ResponseBody::None => Ok(b"null"),
            Some(data) => Ok(data.as_bytes()),
            None => Err(self.decode_error(
                op,
                format!("the envelope has no `{}`", envelope.data),
                attempts,
            )),
        }
    }
}

/// A JSON object's fields by name, each value as its text (the last of a repeated name wins,
/// as in a parsed `Value`); `None` for JSON that is not an object; the parser's reason for
/// text that is not JSON.
fn top_level_fields(text: &[u8]) -> Result<Option<BTreeMap<Cow<'_, str>, &RawValue>>, String> {
    match serde_json::from_slice(text) {
        Ok(fields) => Ok(Some(fields)),
        // Valid JSON of another kind (an array, a number) has no fields.
        Err(e) if e.classify() == Category::Data => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

/// A JSON value's text as serde_json writes it (no spaces, escapes resolved), so that the
/// same value compares equal however it was written.
fn canonical_json(raw: &str) -> String {
    serde_json::from_str::<Value>(raw).map_or_else(|_| raw.to_owned(), |v| v.to_string())
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

#[cfg(test)]
mod tests {
    use super::{canonical_json, top_level_fields};

    #[test]
    fn fields_are_read_as_their_text_and_the_last_of_a_repeated_name_wins() {
        let text =
            br#"{ "successful" : true, "data": {"id": [1, 2]}, "a\u005fb": 1, "n": 1, "n": 2 }"#;
        let fields = top_level_fields(text).unwrap().unwrap();
        assert_eq!(fields["successful"].get(), "true");
        assert_eq!(fields["data"].get(), r#"{"id": [1, 2]}"#);
        assert_eq!(
            fields["a_b"].get(),
            "1",
            "an escaped name is the name it spells"
        );
        assert_eq!(fields["n"].get(), "2");
    }

    #[test]
    fn json_of_another_kind_has_no_fields_and_text_that_is_not_json_says_why() {
        assert!(top_level_fields(b"[1, 2]").unwrap().is_none());
        assert!(top_level_fields(b" 7 ").unwrap().is_none());
        let reason = top_level_fields(br#"{"data": "#).unwrap_err();
        assert!(reason.contains("EOF"), "{reason}");
        let reason = top_level_fields(br#"{"a": 1} trailing"#).unwrap_err();
        assert!(reason.contains("trailing"), "{reason}");
    }

    #[test]
    fn codes_compare_as_json_values_not_as_written() {
        assert_eq!(canonical_json("0"), "0");
        assert_eq!(
            canonical_json(r#""0""#),
            r#""0""#,
            "the string \"0\" is not 0"
        );
        assert_eq!(canonical_json(r#""\u0030""#), r#""0""#);
        assert_eq!(canonical_json(r#"{ "a" : 1 }"#), r#"{"a":1}"#);
    }
}
