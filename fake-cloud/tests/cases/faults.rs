//! Every fault, observed on the wire with a raw client.

use std::error::Error as _;
use std::time::{Duration, Instant};

use crate::common::*;
use fake_cloud::{FakeCloud, Fault, Operation};
use reqwest::Method;
use serde_json::json;

fn dws_request(fake: &FakeCloud, client: &reqwest::Client) -> reqwest::RequestBuilder {
    huawei(
        client,
        Method::POST,
        dws_url(fake, CLUSTER),
        &json!({ "operation": "addOmUser" }),
    )
}

/// The error and its sources, for assertion messages.
fn chain(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(s) = source {
        text.push_str(" <- ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// The kind of the first I/O error among the error's sources.
fn io_kind(error: &reqwest::Error) -> Option<std::io::ErrorKind> {
    let mut source = error.source();
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        source = s.source();
    }
    None
}

/// Whether hyper reported "connection closed before message completed".
fn is_incomplete_message(error: &reqwest::Error) -> bool {
    let mut source = error.source();
    while let Some(s) = source {
        if s.downcast_ref::<hyper::Error>()
            .is_some_and(hyper::Error::is_incomplete_message)
        {
            return true;
        }
        source = s.source();
    }
    false
}

/// Sends a raw HTTP/1.1 request and returns every byte until the server closes.
async fn raw_exchange(endpoint: &str, request: String) -> Vec<u8> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = endpoint.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut received = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut received))
        .await
        .expect("server closes in time")
        .expect("read");
    received
}

fn raw_dws_request(fake: &FakeCloud) -> String {
    let body = json!({ "operation": "addOmUser" }).to_string();
    format!(
        "POST /v1/{PROJECT}/clusters/{CLUSTER}/db-manager/om-user/action HTTP/1.1\r\n\
         Host: {host}\r\nX-Auth-Token: {TOKEN}\r\nContent-Type: application/json\r\n\
         Content-Length: {len}\r\n\r\n{body}",
        host = fake.dws_endpoint().trim_start_matches("http://"),
        len = body.len(),
    )
}

#[tokio::test]
async fn status_fault_answers_then_service_recovers() {
    let fake = FakeCloud::start().await;
    fake.inject(
        Operation::DwsOmUserAction,
        Fault::dws_error(409, "DWS.0011", "Another operation is in progress."),
        2,
    );
    assert_eq!(fake.pending_faults(Operation::DwsOmUserAction), 2);
    for _ in 0..2 {
        let answer = send(dws_request(&fake, &client())).await;
        assert_dws_error(&answer, 409, "DWS.0011");
    }
    assert!(
        fake.dws_om_user(CLUSTER).is_none(),
        "a faulted call changes nothing"
    );
    let answer = send(dws_request(&fake, &client())).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json["om_user_info"]["om_user_status"], "on");
    assert_eq!(fake.request_count(Operation::DwsOmUserAction), 3);
    assert_eq!(fake.pending_faults(Operation::DwsOmUserAction), 0);
}

#[tokio::test]
async fn status_fault_helpers() {
    let fake = FakeCloud::start().await;
    fake.inject(Operation::DdmCreateUsers, Fault::apigw_throttled(7), 1);
    fake.inject(Operation::DdmCreateUsers, Fault::html(502), 1);
    fake.inject(
        Operation::DdmCreateUsers,
        Fault::status_json(503, json!({ "errCode": "DBS.200412" })),
        1,
    );
    fake.inject(
        Operation::DdmCreateUsers,
        Fault::ddm_error(500, "DBS.200412", "Server failure."),
        1,
    );
    fake.inject(
        Operation::DdmCreateUsers,
        Fault::text(504, "upstream timed out").with_retry_after("1"),
        1,
    );
    let body = json!({ "users": [ddm_user("appuser1")] });

    let answer = ddm_create(&fake, INSTANCE, body.clone()).await;
    assert_eq!(answer.status, 429);
    assert_eq!(answer.header("retry-after"), Some("7"));
    assert_eq!(answer.json["error_code"], "APIGW.0308");
    assert_request_id(&answer);

    let answer = ddm_create(&fake, INSTANCE, body.clone()).await;
    assert_eq!(answer.status, 502);
    assert_eq!(answer.header("content-type"), Some("text/html"));
    assert!(answer.text.contains("502 Bad Gateway"));
    assert!(answer.json.is_null());
    assert_request_id(&answer);

    let answer = ddm_create(&fake, INSTANCE, body.clone()).await;
    assert_eq!(answer.status, 503);
    assert_eq!(answer.json["errCode"], "DBS.200412");

    let answer = ddm_create(&fake, INSTANCE, body.clone()).await;
    assert_ddm_error(&answer, 500, "DBS.200412");

    let answer = ddm_create(&fake, INSTANCE, body.clone()).await;
    assert_eq!(answer.status, 504);
    assert_eq!(answer.header("retry-after"), Some("1"));
    assert_eq!(answer.text, "upstream timed out");

    assert_eq!(ddm_create(&fake, INSTANCE, body).await.status, 200);
    assert_eq!(fake.ddm_accounts(INSTANCE).len(), 1);
}

#[tokio::test]
async fn ocp_error_fault_is_an_envelope() {
    let fake = FakeCloud::start().await;
    fake.inject(
        Operation::OcpCreateDbUser,
        Fault::ocp_error(500, 10009, "Internal error."),
        1,
    );
    let answer = ocp_create(
        &fake,
        "1",
        "1000001",
        json!({ "username": "user1", "password": "x" }),
    )
    .await;
    assert_ocp_error(&answer, 500, 10009);
    assert!(fake.ocp_users(1, 1_000_001).is_empty());
}

#[tokio::test]
async fn faults_come_before_authentication() {
    let fake = FakeCloud::start().await;
    fake.inject(Operation::DdmAdminPassword, Fault::html(503), 1);
    let request = client()
        .put(ddm_admin_url(&fake, INSTANCE))
        .header("Content-Type", "application/json")
        .body(json!({ "name": "root", "password": "x" }).to_string());
    assert_eq!(send(request).await.status, 503);
}

#[tokio::test]
async fn faults_apply_to_their_operation_only() {
    let fake = FakeCloud::start().await;
    fake.inject(Operation::DdmUpdateUser, Fault::html(500), 1);
    assert_eq!(
        ddm_create(&fake, INSTANCE, json!({ "users": [ddm_user("appuser1")] }))
            .await
            .status,
        200
    );
    assert_eq!(dws_action(&fake, CLUSTER, "addOmUser").await.status, 200);
    let answer = ddm_update(
        &fake,
        INSTANCE,
        "appuser1",
        json!({ "user": { "description": "x" } }),
    )
    .await;
    assert_eq!(answer.status, 500);
    let answer = ddm_update(
        &fake,
        INSTANCE,
        "appuser1",
        json!({ "user": { "description": "x" } }),
    )
    .await;
    assert_eq!(answer.status, 200);
}

#[tokio::test]
async fn short_delay_then_normal_answer() {
    let fake = FakeCloud::start().await;
    let delay = Duration::from_millis(150);
    fake.inject(Operation::DwsOmUserAction, Fault::Delay(delay), 1);
    let started = Instant::now();
    let answer = send(dws_request(&fake, &client())).await;
    assert!(started.elapsed() >= delay);
    assert_eq!(answer.status, 200);
    assert!(fake.dws_om_user(CLUSTER).expect("state").expires_time_ms > 0);
}

#[tokio::test]
async fn long_delay_makes_the_client_time_out() {
    let fake = FakeCloud::start().await;
    fake.inject(
        Operation::OcpCreateDbUser,
        Fault::Delay(Duration::from_secs(30)),
        1,
    );
    let client = client_with_timeout(Duration::from_millis(200));
    let started = Instant::now();
    let error = ocp(
        &client,
        ocp_url(&fake, "1", "1000001"),
        &json!({ "username": "user1", "password": "x" }),
    )
    .send()
    .await
    .expect_err("no answer within the timeout");
    assert!(error.is_timeout(), "{}", chain(&error));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(fake.request_count(Operation::OcpCreateDbUser), 1);
}

#[tokio::test]
async fn malformed_json_is_a_200_that_does_not_parse() {
    let fake = FakeCloud::start().await;
    fake.inject(Operation::DwsOmUserAction, Fault::MalformedJson, 1);
    let response = dws_request(&fake, &client()).send().await.expect("answer");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    assert!(response.headers().contains_key("x-request-id"));
    let error = response
        .json::<serde_json::Value>()
        .await
        .expect_err("invalid JSON");
    assert!(error.is_decode(), "{}", chain(&error));
}

#[tokio::test]
async fn empty_body_is_a_200_without_content() {
    let fake = FakeCloud::start().await;
    fake.inject(Operation::DdmCreateUsers, Fault::EmptyBody, 1);
    let request = huawei(
        &client(),
        Method::POST,
        ddm_users_url(&fake, INSTANCE),
        &json!({ "users": [ddm_user("appuser1")] }),
    );
    let response = request.send().await.expect("answer");
    assert_eq!(response.status(), 200);
    assert_eq!(response.content_length(), Some(0));
    let bytes = response.bytes().await.expect("empty body reads fine");
    assert!(bytes.is_empty());
    assert!(serde_json::from_slice::<serde_json::Value>(&bytes).is_err());
    assert!(fake.ddm_accounts(INSTANCE).is_empty());
}

#[tokio::test]
async fn truncated_body_fails_while_reading() {
    let fake = FakeCloud::start().await;
    fake.inject(Operation::DwsOmUserAction, Fault::TruncatedBody, 1);
    let client = client();
    let response = dws_request(&fake, &client)
        .send()
        .await
        .expect("status and headers arrive");
    assert_eq!(response.status(), 200);
    let declared = response.content_length().expect("Content-Length");
    assert!(declared > 0);
    assert!(response.headers().contains_key("x-request-id"));
    let error = response.bytes().await.expect_err("the body ends early");
    assert!(error.is_body() || error.is_decode(), "{}", chain(&error));
    assert_eq!(
        io_kind(&error),
        Some(std::io::ErrorKind::UnexpectedEof),
        "{}",
        chain(&error)
    );

    // The same client works again on a new connection.
    let answer = send(dws_request(&fake, &client)).await;
    assert_eq!(answer.status, 200);
}

#[tokio::test]
async fn dropped_connection_gives_no_response() {
    let fake = FakeCloud::start().await;
    fake.inject(Operation::DdmCreateUsers, Fault::DropConnection, 1);
    let client = client();
    let body = json!({ "users": [ddm_user("appuser1")] });
    let started = Instant::now();
    let error = huawei(&client, Method::POST, ddm_users_url(&fake, INSTANCE), &body)
        .send()
        .await
        .expect_err("no response at all");
    assert!(!error.is_timeout(), "{}", chain(&error));
    assert!(error.status().is_none());
    assert!(error.is_request(), "{}", chain(&error));
    assert!(is_incomplete_message(&error), "{}", chain(&error));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(fake.ddm_accounts(INSTANCE).is_empty());

    let answer = send(huawei(
        &client,
        Method::POST,
        ddm_users_url(&fake, INSTANCE),
        &body,
    ))
    .await;
    assert_eq!(answer.status, 200);
    assert_eq!(fake.request_count(Operation::DdmCreateUsers), 2);
}

#[tokio::test]
async fn reset_mid_response_fails_while_reading() {
    let fake = FakeCloud::start().await;
    fake.inject(Operation::OcpCreateDbUser, Fault::ResetMidResponse, 1);
    let client = client();
    let body = json!({ "username": "user1", "password": "x" });
    let response = ocp(&client, ocp_url(&fake, "1", "1000001"), &body)
        .send()
        .await
        .expect("status and headers arrive");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("transfer-encoding")
            .and_then(|v| v.to_str().ok()),
        Some("chunked")
    );
    let error = response
        .bytes()
        .await
        .expect_err("the connection is reset mid-body");
    assert!(error.is_body() || error.is_decode(), "{}", chain(&error));
    assert_eq!(
        io_kind(&error),
        Some(std::io::ErrorKind::ConnectionReset),
        "{}",
        chain(&error)
    );
    assert!(fake.ocp_users(1, 1_000_001).is_empty());

    let answer = send(ocp(&client, ocp_url(&fake, "1", "1000001"), &body)).await;
    assert_eq!(answer.status, 200);
}

#[tokio::test]
async fn faults_for_one_operation_are_used_in_order() {
    let fake = FakeCloud::start().await;
    fake.inject(Operation::DwsOmUserAction, Fault::html(502), 1);
    fake.inject(Operation::DwsOmUserAction, Fault::DropConnection, 1);
    fake.inject(Operation::DwsOmUserAction, Fault::html(503), 0); // no-op
    fake.inject(Operation::DwsOmUserAction, Fault::html(504), 1);
    let client = client();
    assert_eq!(send(dws_request(&fake, &client)).await.status, 502);
    assert!(dws_request(&fake, &client).send().await.is_err());
    assert_eq!(send(dws_request(&fake, &client)).await.status, 504);
    assert_eq!(send(dws_request(&fake, &client)).await.status, 200);

    fake.inject(Operation::DwsOmUserAction, Fault::html(500), 3);
    fake.clear_faults();
    assert_eq!(send(dws_request(&fake, &client)).await.status, 200);
}

#[tokio::test]
async fn on_the_raw_socket_drop_sends_nothing() {
    let fake = FakeCloud::start().await;
    fake.inject(Operation::DwsOmUserAction, Fault::DropConnection, 1);
    let received = raw_exchange(&fake.dws_endpoint(), raw_dws_request(&fake)).await;
    assert!(
        received.is_empty(),
        "{}",
        String::from_utf8_lossy(&received)
    );
}

#[tokio::test]
async fn on_the_raw_socket_truncation_sends_fewer_bytes_than_declared() {
    let fake = FakeCloud::start().await;
    fake.inject(Operation::DwsOmUserAction, Fault::TruncatedBody, 1);
    let received = raw_exchange(&fake.dws_endpoint(), raw_dws_request(&fake)).await;
    let text = String::from_utf8_lossy(&received);
    let (head, body) = text.split_once("\r\n\r\n").expect("head and body");
    assert!(head.starts_with("HTTP/1.1 200 OK"), "{head}");
    let declared: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length: "))
        .and_then(|v| v.trim().parse().ok())
        .expect("content-length");
    assert!(
        !body.is_empty() && body.len() < declared,
        "{} of {declared}",
        body.len()
    );

    // Without a fault the same raw request gets a complete answer.
    let received = raw_exchange(
        &fake.dws_endpoint(),
        raw_dws_request(&fake).replace("HTTP/1.1\r\n", "HTTP/1.1\r\nConnection: close\r\n"),
    )
    .await;
    assert!(String::from_utf8_lossy(&received).contains("\"om_user_status\":\"on\""));
}
