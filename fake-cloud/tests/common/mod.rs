//! Helpers shared by the integration tests: a raw reqwest client and small
//! request/answer wrappers.
#![allow(dead_code)]

use std::time::Duration;

use base64::Engine;
use fake_cloud::{FakeCloud, FakeConfig};
use reqwest::header::HeaderMap;
use reqwest::{Client, Method, RequestBuilder};
use serde_json::Value;

pub const PROJECT: &str = FakeConfig::DEFAULT_PROJECT_ID;
pub const TOKEN: &str = FakeConfig::DEFAULT_TOKEN;
/// The DDM instance id of the admin-password page's example.
pub const INSTANCE: &str = "1f5c9fd6cd984056ba89c8c87cc03278in09";
/// The DWS cluster id of the O&M page's examples.
pub const CLUSTER: &str = "e7107fab-cac0-4261-916b-7f32b3053034";

/// A plain client with a bounded timeout and no proxy.
pub fn client() -> Client {
    client_with_timeout(Duration::from_secs(10))
}

pub fn client_with_timeout(timeout: Duration) -> Client {
    Client::builder()
        .no_proxy()
        .timeout(timeout)
        .build()
        .expect("client")
}

/// What came back.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
    /// The body as JSON, or `Value::Null` when it is not JSON.
    pub json: Value,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub async fn send(request: RequestBuilder) -> Answer {
    let response = request.send().await.expect("request sent");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.expect("body read");
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        text,
        json,
    }
}

/// A Huawei-style request: token and SDK content type.
pub fn huawei(client: &Client, method: Method, url: String, body: &Value) -> RequestBuilder {
    client
        .request(method, url)
        .header("X-Auth-Token", TOKEN)
        .header("Content-Type", "application/json;charset=utf-8")
        .body(body.to_string())
}

pub fn ddm_users_url(fake: &FakeCloud, instance: &str) -> String {
    format!(
        "{}/v1/{PROJECT}/instances/{instance}/users",
        fake.ddm_endpoint()
    )
}

pub fn ddm_user_url(fake: &FakeCloud, instance: &str, name: &str) -> String {
    format!(
        "{}/v1/{PROJECT}/instances/{instance}/users/{name}",
        fake.ddm_endpoint()
    )
}

pub fn ddm_admin_url(fake: &FakeCloud, instance: &str) -> String {
    format!(
        "{}/v3/{PROJECT}/instances/{instance}/admin-user",
        fake.ddm_endpoint()
    )
}

pub fn dws_url(fake: &FakeCloud, cluster: &str) -> String {
    format!(
        "{}/v1/{PROJECT}/clusters/{cluster}/db-manager/om-user/action",
        fake.dws_endpoint()
    )
}

pub fn ocp_url(fake: &FakeCloud, cluster: &str, tenant: &str) -> String {
    format!(
        "{}/api/v2/ob/clusters/{cluster}/tenants/{tenant}/users",
        fake.ocp_endpoint()
    )
}

pub async fn ddm_create(fake: &FakeCloud, instance: &str, body: Value) -> Answer {
    send(huawei(
        &client(),
        Method::POST,
        ddm_users_url(fake, instance),
        &body,
    ))
    .await
}

pub async fn ddm_update(fake: &FakeCloud, instance: &str, name: &str, body: Value) -> Answer {
    send(huawei(
        &client(),
        Method::PUT,
        ddm_user_url(fake, instance, name),
        &body,
    ))
    .await
}

pub async fn ddm_admin(fake: &FakeCloud, instance: &str, body: Value) -> Answer {
    send(huawei(
        &client(),
        Method::PUT,
        ddm_admin_url(fake, instance),
        &body,
    ))
    .await
}

pub async fn dws_action(fake: &FakeCloud, cluster: &str, operation: &str) -> Answer {
    let body = serde_json::json!({ "operation": operation });
    send(huawei(
        &client(),
        Method::POST,
        dws_url(fake, cluster),
        &body,
    ))
    .await
}

pub fn basic(user: &str, password: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    format!("Basic {encoded}")
}

/// An OCP request with the default Basic credentials.
pub fn ocp(client: &Client, url: String, body: &Value) -> RequestBuilder {
    client
        .post(url)
        .header(
            "Authorization",
            basic(
                FakeConfig::DEFAULT_OCP_USERNAME,
                FakeConfig::DEFAULT_OCP_PASSWORD,
            ),
        )
        .header("Content-Type", "application/json")
        .body(body.to_string())
}

pub async fn ocp_create(fake: &FakeCloud, cluster: &str, tenant: &str, body: Value) -> Answer {
    send(ocp(&client(), ocp_url(fake, cluster, tenant), &body)).await
}

/// A simple valid DDM account.
pub fn ddm_user(name: &str) -> Value {
    serde_json::json!({ "name": name, "password": "Axejs@98a", "base_authority": ["SELECT"] })
}

/// Checks a DDM error answer.
pub fn assert_ddm_error(answer: &Answer, status: u16, code: &str) {
    assert_eq!(answer.status, status, "{answer:?}");
    assert_eq!(answer.json["errCode"], code, "{answer:?}");
    assert!(
        answer.json["externalMessage"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{answer:?}"
    );
    assert_request_id(answer);
}

/// Checks a DWS error answer with a non-200 status.
pub fn assert_dws_error(answer: &Answer, status: u16, code: &str) {
    assert_eq!(answer.status, status, "{answer:?}");
    assert_eq!(answer.json["error_code"], code, "{answer:?}");
    assert!(answer.json["error_msg"].is_string(), "{answer:?}");
    assert_request_id(answer);
}

/// Checks an OCP error envelope.
pub fn assert_ocp_error(answer: &Answer, status: u16, code: i64) {
    assert_eq!(answer.status, status, "{answer:?}");
    let body = &answer.json;
    assert_eq!(body["successful"], false, "{answer:?}");
    assert_eq!(body["status"], status, "{answer:?}");
    assert_eq!(body["error"]["code"], code, "{answer:?}");
    assert!(body["error"]["message"].is_string(), "{answer:?}");
    assert_trace_id(body);
    assert_eq!(body["server"], "fake-ocp");
    assert!(body["duration"].is_u64());
    assert!(body["timestamp"].is_string());
}

pub fn assert_request_id(answer: &Answer) {
    let id = answer.header("x-request-id").expect("X-Request-Id header");
    assert_eq!(id.len(), 32, "{id}");
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
}

pub fn assert_trace_id(body: &Value) {
    let id = body["traceId"].as_str().expect("traceId");
    assert_eq!(id.len(), 16, "{id}");
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
}
