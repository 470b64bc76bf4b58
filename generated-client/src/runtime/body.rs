//! Request bodies that are not JSON: a model's fields as an
//! `application/x-www-form-urlencoded` form or as `multipart/form-data` parts.
//!
//! Both follow OpenAPI's defaults for an object body: each field is one `name=value` (a
//! list is the name repeated, once per item); a string is sent as it is, a number or a
//! boolean as its JSON text, a nested object as JSON (in multipart, a part of type
//! `application/json`); an unset field is not sent. Fields go in name order. The bytes
//! are made once, so every retry sends the same body.

use serde_json::Value;

/// One field's value as sent.
enum FieldValue {
    Text(String),
    Json(String),
}

/// The fields of a body serialised to JSON: it must be an object.
fn fields(body: Value) -> Result<Vec<(String, FieldValue)>, String> {
    let Value::Object(map) = body else {
        return Err("a form body must be an object".into());
    };
    let mut out = Vec::new();
    for (name, value) in map {
        match value {
            Value::Null => {}
            Value::Array(items) => {
                out.extend(
                    items
                        .into_iter()
                        .map(|item| (name.clone(), field_value(item))),
                );
            }
            other => out.push((name, field_value(other))),
        }
    }
    Ok(out)
}

fn field_value(value: Value) -> FieldValue {
    match value {
        Value::String(s) => FieldValue::Text(s),
        Value::Null => FieldValue::Text(String::new()),
        Value::Bool(_) | Value::Number(_) => FieldValue::Text(value.to_string()),
        Value::Array(_) | Value::Object(_) => FieldValue::Json(value.to_string()),
    }
}

/// `application/x-www-form-urlencoded`, as the WHATWG URL standard encodes it: letters,
/// digits and `*-._` as they are, a space as `+`, every other byte as `%XX`.
pub(crate) fn form_urlencoded(body: Value) -> Result<Vec<u8>, String> {
    let mut out = String::new();
    for (name, value) in fields(body)? {
        let value = match value {
            FieldValue::Text(t) | FieldValue::Json(t) => t,
        };
        if !out.is_empty() {
            out.push('&');
        }
        encode_form_component(&name, &mut out);
        out.push('=');
        encode_form_component(&value, &mut out);
    }
    Ok(out.into_bytes())
}

fn encode_form_component(text: &str, out: &mut String) {
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
}

/// `multipart/form-data` (RFC 7578): the body and its boundary, which no field contains.
pub(crate) fn multipart(body: Value) -> Result<(Vec<u8>, String), String> {
    let fields = fields(body)?;
    let boundary = loop {
        let boundary = format!("generated-client-{:016x}", fastrand::u64(..));
        let clashes = fields.iter().any(|(name, value)| {
            let (FieldValue::Text(v) | FieldValue::Json(v)) = value;
            name.contains(&boundary) || v.contains(&boundary)
        });
        if !clashes {
            break boundary;
        }
    };
    let mut out = Vec::new();
    for (name, value) in &fields {
        // A quote or line break would end the header: percent-encoded, as browsers do.
        let name = name
            .replace('"', "%22")
            .replace('\r', "%0D")
            .replace('\n', "%0A");
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        out.extend_from_slice(
            format!("Content-Disposition: form-data; name=\"{name}\"\r\n").as_bytes(),
        );
        let text = match value {
            FieldValue::Text(t) => t,
            FieldValue::Json(t) => {
                out.extend_from_slice(b"Content-Type: application/json\r\n");
                t
            }
        };
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(text.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Ok((out, boundary))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_form_is_each_field_encoded_and_lists_repeated() {
        let body = json!({"name": "a b&c", "tags": ["x", "y"], "n": 3, "on": true,
                          "gone": null, "meta": {"k": 1}, "é": "~"});
        let form = String::from_utf8(form_urlencoded(body).unwrap()).unwrap();
        assert_eq!(
            form,
            "meta=%7B%22k%22%3A1%7D&n=3&name=a+b%26c&on=true&tags=x&tags=y&%C3%A9=%7E"
        );
        assert!(form_urlencoded(json!([1])).is_err());
    }

    #[test]
    fn multipart_parts_carry_each_field() {
        let (body, boundary) = multipart(json!({"a": "1", "m": {"k": true}})).unwrap();
        let text = String::from_utf8(body).unwrap();
        assert_eq!(
            text,
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"m\"\r\n\
                 Content-Type: application/json\r\n\r\n{{\"k\":true}}\r\n--{boundary}--\r\n"
            )
        );
    }
}
