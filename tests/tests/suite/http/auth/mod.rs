//! Authentication over real HTTP on 127.0.0.1, checked the way a server checks it: the
//! server side recomputes each signature from the bytes it received (method, path, query,
//! the headers the signature names, body) with the pure signers, and compares. Also: the
//! credentials and endpoints `build()` accepts or refuses, and reading them from an
//! environment. The server-side checks are here; the tests, by concern, in the modules.

mod build;
mod environment;
mod signing;

use client_tests::every_operation;

use base64::Engine;
use client_tests::{Recorded, Reply, ScriptedServer};
use every_operation::{Op, Target, call, success_answer};
use generated_client::runtime::signing::{
    RequestParts, canonical_query, huawei, ocp as ocp_signing,
};
use generated_client::runtime::{
    ClientBuilder, ConfigError, Method, Operation, Request, ResponseBody, ServiceClient, encode,
};
use generated_client::{Credentials, Error, RetryPolicy, ddm, dws, ocp};
use percent_encoding::percent_decode_str;
use std::collections::HashMap;
use std::time::Duration;

const AK: &str = "HPUAXXAKEXAMPLE00001";
const SK: &str = "sk-example-0123456789abcdefghijklmnopqrstuv";
const SECURITY_TOKEN: &str = "security-token-example-value";
const PROJECT: &str = fake_cloud::FakeConfig::DEFAULT_PROJECT_ID;

// ------------------------------------------------------------------ server-side checks

/// The decoded query pairs of a request target, as a server reads them.
fn query_pairs(uri: &str) -> (String, Vec<(String, String)>) {
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let decode = |s: &str| {
        percent_decode_str(s)
            .decode_utf8()
            .expect("UTF-8")
            .into_owned()
    };
    let pairs = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    (path.to_string(), pairs)
}

/// Verifies an `SDK-HMAC-SHA256` request as the API gateway does, from what was received.
/// Returns the signed header names.
fn verify_huawei(sent: &Recorded, sk: &str) -> Vec<String> {
    let authorization = sent
        .header("authorization")
        .expect("an Authorization header");
    let fields: HashMap<&str, &str> = authorization
        .strip_prefix("SDK-HMAC-SHA256 ")
        .expect("the SDK-HMAC-SHA256 scheme")
        .split(", ")
        .map(|f| f.split_once('=').expect("key=value"))
        .collect();
    let signed: Vec<String> = fields["SignedHeaders"]
        .split(';')
        .map(str::to_string)
        .collect();
    // Only the headers the signature names, with the values that arrived.
    let headers: Vec<(String, String)> = signed
        .iter()
        .map(|name| {
            let value = sent
                .header(name)
                .unwrap_or_else(|| panic!("signed header `{name}` was not sent"));
            (name.clone(), value.to_string())
        })
        .collect();
    let (path, query) = query_pairs(&sent.uri);
    let date = sent.header("x-sdk-date").expect("an X-Sdk-Date header");
    let parts = RequestParts {
        method: &sent.method,
        host: sent.header("host").expect("a Host header"),
        path: &path,
        query: &query,
        headers: &headers,
        body: &sent.body,
    };
    let expected = huawei::sign(fields["Access"], sk, date, &parts).expect("signable");
    assert_eq!(
        authorization, expected.authorization,
        "the signature does not match what was sent"
    );
    signed
}

/// Verifies an `OCP-ACCESS-KEY-HMACSHA1` request from what was received.
fn verify_ocp(sent: &Recorded, id: &str, secret: &str) {
    let authorization = sent
        .header("authorization")
        .expect("an Authorization header");
    let (path, query) = query_pairs(&sent.uri);
    let parts = RequestParts {
        method: &sent.method,
        host: sent.header("host").expect("a Host header"),
        path: &path,
        query: &query,
        headers: &sent.headers,
        body: &sent.body,
    };
    let date = sent.header("date").expect("a Date header");
    let expected = ocp_signing::sign(id, secret, date, &parts);
    assert_eq!(
        authorization, expected.authorization,
        "the signature does not match what was sent"
    );
}

async fn answered(server: &ScriptedServer, op: Op) {
    let (status, body) = success_answer(op);
    server.reply(Reply::json(status, &body).header("X-Request-Id", "req-auth"));
}
