//! Injected failures: what they are and how each one looks on the wire.

use std::fmt::Display;
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;

/// A failure to answer with instead of the normal behaviour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this status, body and content type (and optional `Retry-After`).
    Status {
        status: u16,
        body: String,
        content_type: String,
        retry_after: Option<String>,
    },
    /// Wait, then answer normally. A long delay stands for "a response that never comes".
    Delay(Duration),
    /// HTTP 200 whose JSON body is cut off mid-object.
    MalformedJson,
    /// HTTP 200 with a `Content-Length` larger than the bytes sent, then the
    /// connection is closed (FIN).
    TruncatedBody,
    /// HTTP 200 with an empty body where JSON is expected.
    EmptyBody,
    /// The connection is closed without any response byte.
    DropConnection,
    /// Status line, headers (chunked) and the first chunk are sent, then the
    /// connection is reset (RST).
    ResetMidResponse,
}

impl Fault {
    /// Any status with any body and content type.
    pub fn status(status: u16, body: impl Into<String>, content_type: impl Into<String>) -> Fault {
        Fault::Status {
            status,
            body: body.into(),
            content_type: content_type.into(),
            retry_after: None,
        }
    }

    /// A JSON body (anything that displays as JSON: a `serde_json::Value` or a string).
    pub fn status_json(status: u16, json: impl Display) -> Fault {
        Fault::status(status, json.to_string(), "application/json")
    }

    /// A plain-text body.
    pub fn text(status: u16, body: impl Into<String>) -> Fault {
        Fault::status(status, body, "text/plain; charset=utf-8")
    }

    /// The HTML error page a load balancer or gateway shows (e.g. 502, 503, 504).
    pub fn html(status: u16) -> Fault {
        let reason = StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("Error");
        let body = format!(
            "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n\
             <center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n\
             </body>\r\n</html>\r\n"
        );
        Fault::status(status, body, "text/html")
    }

    /// A DDM-shaped error: `{"errCode": code, "externalMessage": message}`.
    pub fn ddm_error(status: u16, code: &str, message: &str) -> Fault {
        Fault::status_json(
            status,
            serde_json::json!({ "errCode": code, "externalMessage": message }),
        )
    }

    /// A DWS-shaped error: `{"error_code": code, "error_msg": message}`.
    pub fn dws_error(status: u16, code: &str, message: &str) -> Fault {
        Fault::status_json(
            status,
            serde_json::json!({ "error_code": code, "error_msg": message }),
        )
    }

    /// An OCP error envelope with this HTTP status and numeric error code. Its
    /// `traceId` and `timestamp` are fixed when the fault is made, so every
    /// answer of a repeated fault carries the same ones.
    pub fn ocp_error(status: u16, code: i64, message: &str) -> Fault {
        Fault::status_json(
            status,
            crate::ocp::error_envelope_json(status, code, message, &crate::ids::hex16(), 0, None),
        )
    }

    /// The Huawei API gateway's throttling answer: 429, `APIGW.0308`, with `Retry-After`.
    pub fn apigw_throttled(retry_after_seconds: u64) -> Fault {
        Fault::status_json(
            429,
            serde_json::json!({
                "error_code": "APIGW.0308",
                "error_msg": "The throttling threshold has been reached",
            }),
        )
        .with_retry_after(retry_after_seconds.to_string())
    }

    /// Adds a `Retry-After` header to a [`Fault::Status`] (other faults are returned unchanged).
    pub fn with_retry_after(self, value: impl Into<String>) -> Fault {
        match self {
            Fault::Status {
                status,
                body,
                content_type,
                ..
            } => Fault::Status {
                status,
                body,
                content_type,
                retry_after: Some(value.into()),
            },
            other => other,
        }
    }
}

/// How the server carries out a fault.
pub(crate) enum Plan {
    /// Answer normally after waiting.
    Delay(Duration),
    /// Answer with this response instead of the normal one.
    Respond(Response),
    /// Stop HTTP processing and write these raw bytes on the socket, then close.
    Wire(WireFault),
}

/// Raw bytes to write once hyper has handed back the socket.
pub(crate) struct WireFault {
    pub bytes: Vec<u8>,
    /// Close with RST (zero linger) rather than FIN.
    pub reset: bool,
}

/// A plausible JSON body, part of which the wire faults send.
const PARTIAL_SOURCE: &str = r#"{"message":"this body was cut short by fake-cloud","padding":"0123456789abcdef0123456789abcdef"}"#;

impl Fault {
    /// Turns the fault into what the server does. `request_id` goes into an
    /// `X-Request-Id` header of raw responses when the service uses one.
    pub(crate) fn plan(&self, request_id: Option<&str>) -> Plan {
        match self {
            Fault::Status {
                status,
                body,
                content_type,
                retry_after,
            } => {
                let mut response = Response::new(Body::from(body.clone()));
                *response.status_mut() =
                    StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                if let Ok(v) = HeaderValue::from_str(content_type) {
                    response.headers_mut().insert(header::CONTENT_TYPE, v);
                }
                if let Some(Ok(v)) = retry_after.as_deref().map(HeaderValue::from_str) {
                    response.headers_mut().insert(header::RETRY_AFTER, v);
                }
                Plan::Respond(response)
            }
            Fault::Delay(d) => Plan::Delay(*d),
            Fault::MalformedJson => {
                Plan::Respond(json_200(r#"{"error_code": 0, "data": {"name": "x", "#))
            }
            Fault::EmptyBody => Plan::Respond(json_200("")),
            Fault::DropConnection => Plan::Wire(WireFault {
                bytes: Vec::new(),
                reset: false,
            }),
            Fault::TruncatedBody => {
                let half = &PARTIAL_SOURCE[..PARTIAL_SOURCE.len() / 2];
                let mut bytes = head(
                    request_id,
                    &format!("content-length: {}", PARTIAL_SOURCE.len()),
                );
                bytes.extend_from_slice(half.as_bytes());
                Plan::Wire(WireFault {
                    bytes,
                    reset: false,
                })
            }
            Fault::ResetMidResponse => {
                let half = &PARTIAL_SOURCE[..PARTIAL_SOURCE.len() / 2];
                let mut bytes = head(request_id, "transfer-encoding: chunked");
                bytes.extend_from_slice(format!("{:x}\r\n{half}\r\n", half.len()).as_bytes());
                Plan::Wire(WireFault { bytes, reset: true })
            }
        }
    }
}

fn json_200(body: &'static str) -> Response {
    let mut response = Response::new(Body::from(body));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// Status line and headers of a raw 200 answer, ending with the blank line.
fn head(request_id: Option<&str>, framing: &str) -> Vec<u8> {
    let mut head = String::from("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n");
    head.push_str(framing);
    head.push_str("\r\n");
    if let Some(id) = request_id {
        head.push_str("x-request-id: ");
        head.push_str(id);
        head.push_str("\r\n");
    }
    head.push_str("connection: close\r\n\r\n");
    head.into_bytes()
}
