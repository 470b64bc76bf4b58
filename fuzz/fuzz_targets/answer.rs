//! Any status, headers and body bytes, as the answer to any operation of the three
//! services, through the runtime's answer handling (size limit, decoding, error mapping,
//! envelopes, errors inside a 200, masking): no panic; every error keeps the status and a
//! body no larger than what came and than the limit; what an error prints is bounded and
//! free of control characters and of the client's secret.

#![no_main]

use bytes::Bytes;
use generated_client::runtime::{
    Credentials, Method, Operation, ResponseBody, ServiceProfile, read_raw_answer,
};
use generated_client::{ddm, dws, ocp};
use libfuzzer_sys::fuzz_target;

const SECRET: &str = "fuzz-secret-token";

macro_rules! operations {
    ($($service:expr),*) => {
        &[$(
            op(&$service, ResponseBody::Json),
            op(&$service, ResponseBody::JsonOrEmpty),
            op(&$service, ResponseBody::None),
        )*]
    };
}

const fn op(service: &'static ServiceProfile, response: ResponseBody) -> Operation {
    Operation {
        service,
        name: "fuzz",
        method: Method::Post,
        path: "/fuzz",
        idempotent: false,
        success: &[200, 201, 202, 204],
        response,
    }
}

static OPERATIONS: &[Operation] = operations!(ddm::SERVICE, dws::SERVICE, ocp::SERVICE);

fuzz_target!(|data: &[u8]| {
    if data.len() < 6 {
        return;
    }
    let op = &OPERATIONS[data[0] as usize % OPERATIONS.len()];
    let status = 100 + u16::from_le_bytes([data[1], data[2]]) % 500;
    let flags = data[3];
    let split = (data[4] as usize).min(data.len() - 5);
    let (head, body) = data[5..].split_at(split);
    let head = String::from_utf8_lossy(head);
    let mut parts = head.splitn(2, '|');
    let mut headers = Vec::new();
    if flags & 1 != 0 {
        headers.push(("X-Request-Id".to_string(), parts.next().unwrap_or("").to_string()));
    }
    if flags & 2 != 0 {
        headers.push(("Retry-After".to_string(), parts.next().unwrap_or("").to_string()));
    }
    // A small limit now and then, so the oversize path is explored too.
    let limit = if flags & 4 != 0 { (flags >> 3) as u64 * 16 } else { 16 * 1024 * 1024 };
    let credentials = Credentials::token(SECRET);
    let outcome = read_raw_answer(op, status, &headers, Bytes::copy_from_slice(body), limit, &credentials);
    let Err(error) = outcome.result else {
        return;
    };
    assert_eq!(error.status(), Some(status), "{error:?}");
    let kept = error.body().expect("an answer's error keeps its body");
    assert!(kept.len() <= body.len() && kept.len() as u64 <= limit.max(body.len() as u64));
    if body.len() as u64 > limit {
        assert!(kept.len() as u64 <= limit, "{} bytes kept over a limit of {limit}", kept.len());
    }
    let display = error.to_string();
    let debug = format!("{error:?}");
    for text in [&display, &debug] {
        assert!(!text.chars().any(char::is_control), "a control character in {text:?}");
        assert!(!text.contains(SECRET), "the secret in {text}");
    }
    assert!(display.len() < 4_096, "{} bytes of Display", display.len());
    assert!(debug.len() < 8_192, "{} bytes of Debug", debug.len());
});
