//! Helpers shared by the client tests: a scripted HTTP server on 127.0.0.1 that records
//! every request, the documented examples read from the specs, and ready-built clients.

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use generated_client::runtime::{ClientBuilder, ServiceClient};
use generated_client::{Credentials, RetryPolicy, ddm, dws, ocp};
use serde_json::Value;
use std::collections::VecDeque;
use std::path::Path;
use std::sync::{Arc, Mutex};

pub mod every_operation;
pub mod fake_support;
pub mod fixtures;
pub mod lifecycle_examples;
pub mod raw_server;
pub mod target;
pub mod unreachable;

use fixtures::{OCP_PASSWORD, OCP_USER, PROJECT_ID, TOKEN};

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// Path and query, as sent.
    pub uri: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }
}

/// What the server answers to the next request.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(status: u16, body: &Value) -> Self {
        Reply {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: serde_json::to_vec(body).expect("JSON"),
        }
    }

    pub fn raw(status: u16, content_type: &str, body: &str) -> Self {
        Reply {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

#[derive(Default)]
struct Script {
    replies: VecDeque<Reply>,
    requests: Vec<Recorded>,
}

/// A server that answers each request with the next scripted reply (500 when none is left)
/// and records what it received.
pub struct ScriptedServer {
    url: String,
    script: Arc<Mutex<Script>>,
    task: tokio::task::JoinHandle<()>,
}

impl ScriptedServer {
    pub async fn start() -> Self {
        let script = Arc::new(Mutex::new(Script::default()));
        let shared = script.clone();
        let app = axum::Router::new().fallback(
            move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
                let script = shared.clone();
                async move {
                    let mut script = script.lock().expect("script lock");
                    script.requests.push(Recorded {
                        method: method.to_string(),
                        uri: uri.to_string(),
                        headers: headers
                            .iter()
                            .map(|(n, v)| {
                                (
                                    n.to_string(),
                                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                                )
                            })
                            .collect(),
                        body: body.to_vec(),
                    });
                    let reply = script
                        .replies
                        .pop_front()
                        .unwrap_or_else(|| Reply::raw(500, "text/plain", "no reply scripted"));
                    let mut response = axum::http::Response::builder()
                        .status(StatusCode::from_u16(reply.status).expect("status"));
                    for (name, value) in &reply.headers {
                        response = response.header(name, value);
                    }
                    response
                        .body(axum::body::Body::from(reply.body))
                        .expect("response")
                }
            },
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        ScriptedServer { url, script, task }
    }

    pub fn url(&self) -> String {
        self.url.clone()
    }

    pub fn reply(&self, reply: Reply) {
        self.script
            .lock()
            .expect("script lock")
            .replies
            .push_back(reply);
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.script.lock().expect("script lock").requests.clone()
    }

    /// The only request received; fails the test when there were more or fewer.
    pub fn single_request(&self) -> Recorded {
        let requests = self.requests();
        assert_eq!(
            requests.len(),
            1,
            "exactly one request expected: {requests:?}"
        );
        requests.into_iter().next().expect("one request")
    }
}

impl Drop for ScriptedServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The time limit of one HTTP test case: far above what any case needs, far below CI's.
pub const CASE_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs one test case under its own time limit, so a case that hangs fails, naming itself,
/// instead of holding the whole test run until CI gives up.
pub async fn within<F: std::future::Future>(
    case: &str,
    limit: std::time::Duration,
    body: F,
) -> F::Output {
    match tokio::time::timeout(limit, body).await {
        Ok(output) => output,
        Err(_) => panic!("test case `{case}` did not finish within {limit:?}: it hangs"),
    }
}

/// Runs `assertions` with insta writing to and reading from `tests/snapshots/`, under the
/// names given (no module prefix): the names stay `<file>__<case>` wherever the test module
/// sits, and `cargo xtask regen` writes the same files.
pub fn in_snapshots_dir(assertions: impl FnOnce()) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(assertions);
}

/// A spec as JSON, to read its documented examples.
pub fn spec(service: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../specs/{service}.yaml"));
    let text = std::fs::read_to_string(path).expect("spec is readable");
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(&text, options).expect("spec is YAML")
}

fn media<'a>(operation: &'a Value, pointer: &str, spec: &'a Value) -> &'a Value {
    let mut node = operation
        .pointer(pointer)
        .unwrap_or_else(|| panic!("no {pointer}"));
    if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
        node = spec
            .pointer(&reference.replace('#', ""))
            .unwrap_or_else(|| panic!("no {reference}"));
    }
    &node["content"]["application/json"]
}

fn operation<'a>(spec: &'a Value, path: &str, method: &str) -> &'a Value {
    &spec["paths"][path][method]
}

/// The documented example request bodies of an operation (`example` and every `examples`).
pub fn request_examples(service: &str, path: &str, method: &str) -> Vec<Value> {
    let spec = spec(service);
    let media = media(operation(&spec, path, method), "/requestBody", &spec);
    let mut out: Vec<Value> = media.get("example").into_iter().cloned().collect();
    if let Some(examples) = media.get("examples").and_then(Value::as_object) {
        out.extend(examples.values().map(|e| e["value"].clone()));
    }
    assert!(
        !out.is_empty(),
        "{service} {method} {path} documents a request example"
    );
    out
}

/// The documented example answer of an operation for `status`.
pub fn response_example(service: &str, path: &str, method: &str, status: &str) -> Value {
    let spec = spec(service);
    let media = media(
        operation(&spec, path, method),
        &format!("/responses/{status}"),
        &spec,
    );
    media
        .get("example")
        .cloned()
        .unwrap_or_else(|| panic!("{service} {method} {path} documents a {status} example"))
}

/// JSON with `null` members removed: the client leaves unset fields out, so `null` and
/// absent are the same answer.
pub fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// A client of any generated service pointed at a local test server: plain http allowed,
/// no retries (a test that wants them sets its own policy).
pub fn local_client<C: ServiceClient>(url: &str, credentials: Credentials) -> ClientBuilder<C> {
    ClientBuilder::new()
        .endpoint(url)
        .allow_insecure_http()
        .project_id(PROJECT_ID)
        .credentials(credentials)
        .retry(RetryPolicy::none())
}

pub fn ddm_client(url: &str) -> ddm::Client {
    local_client(url, Credentials::token(TOKEN))
        .build()
        .expect("ddm client builds")
}

pub fn dws_client(url: &str) -> dws::Client {
    local_client(url, Credentials::token(TOKEN))
        .build()
        .expect("dws client builds")
}

pub fn ocp_client(url: &str) -> ocp::Client {
    local_client(url, Credentials::basic(OCP_USER, OCP_PASSWORD))
        .build()
        .expect("ocp client builds")
}

/// The OCP page's example user (its privileges), with this name and password.
pub fn ocp_user_request(username: &str, password: &str) -> ocp::CreateDbUserRequest {
    ocp::CreateDbUserRequest {
        username: username.into(),
        password: password.into(),
        global_privileges: Some(vec!["DELETE".into(), "SELECT".into(), "INDEX".into()]),
        db_privileges: Some(vec![ocp::DbPrivilege {
            db_name: "db1".into(),
            privileges: vec!["ALTER".into(), "CREATE".into(), "SELECT".into()],
        }]),
        roles: None,
    }
}

/// The (field, rule) pairs of a validation error: what the client refused before sending.
/// Panics, naming the error, for any other error.
pub fn violations(error: &generated_client::Error) -> Vec<(&str, &str)> {
    let generated_client::Error::Validation(invalid) = error else {
        panic!("a validation error: {error:?}")
    };
    invalid
        .violations
        .iter()
        .map(|v| (v.field.as_str(), v.rule.as_str()))
        .collect()
}

/// Each diagnostic as `line: message`, for comparing what a spec warns about.
pub fn by_line(diagnostics: &codegen::Diagnostics) -> Vec<String> {
    diagnostics
        .items
        .iter()
        .map(|d| format!("{}: {}", d.pos.line, d.message))
        .collect()
}
