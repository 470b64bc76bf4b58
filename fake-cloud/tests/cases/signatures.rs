//! AK/SK signatures over HTTP: what the generated client signs is accepted; a
//! changed body, a wrong secret key, a stale date or a header left unsigned is
//! refused with 401 in the service's own error shape, and changes nothing.

use std::time::{Duration, SystemTime};

use crate::common::*;
use fake_cloud::{FakeCloud, FakeConfig, Operation};
use generated_client::runtime::signing::{RequestParts, huawei, ocp};
use generated_client::{Credentials, RetryPolicy, dws};
use reqwest::RequestBuilder;
use serde_json::json;

const AK: &str = FakeConfig::DEFAULT_ACCESS_KEY;
const SK: &str = FakeConfig::DEFAULT_SECRET_KEY;
const TWENTY_MINUTES: Duration = Duration::from_secs(20 * 60);

async fn fake_with_aksk() -> FakeCloud {
    FakeCloud::start_with(FakeConfig::default().with_default_aksk()).await
}

fn host(endpoint: &str) -> &str {
    endpoint.trim_start_matches("http://")
}

fn pairs(headers: &[(&str, &str)]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

/// A DWS action signed like the SDK signs it, with `signed_body` signed and `sent_body` sent.
fn huawei_request(
    fake: &FakeCloud,
    secret_key: &str,
    at: SystemTime,
    signed_body: &str,
    sent_body: &str,
) -> RequestBuilder {
    let endpoint = fake.dws_endpoint();
    let path = format!("/v1/{PROJECT}/clusters/{CLUSTER}/db-manager/om-user/action");
    let date = huawei::format_sdk_date(at);
    let headers = pairs(&[
        ("Content-Type", "application/json;charset=utf-8"),
        ("X-Project-Id", PROJECT),
        ("X-Sdk-Date", &date),
    ]);
    let parts = RequestParts {
        method: "POST",
        host: host(&endpoint),
        path: &path,
        query: &[],
        headers: &headers,
        body: signed_body.as_bytes(),
    };
    let signature = huawei::sign(AK, secret_key, &date, &parts).expect("signed");
    post(
        format!("{endpoint}{path}"),
        &headers,
        signature.authorization,
        sent_body,
    )
}

/// An OCP user creation signed with `OCP-ACCESS-KEY-HMACSHA1`.
fn ocp_request(
    fake: &FakeCloud,
    secret_key: &str,
    at: SystemTime,
    signed_body: &str,
    sent_body: &str,
) -> RequestBuilder {
    let endpoint = fake.ocp_endpoint();
    let path = "/api/v2/ob/clusters/1/tenants/1002/users";
    let date = ocp::format_http_date(at);
    let headers = pairs(&[("Content-Type", "application/json"), ("Date", &date)]);
    let parts = RequestParts {
        method: "POST",
        host: host(&endpoint),
        path,
        query: &[],
        headers: &headers,
        body: signed_body.as_bytes(),
    };
    let signature = ocp::sign(AK, secret_key, &date, &parts);
    post(
        format!("{endpoint}{path}"),
        &headers,
        signature.authorization,
        sent_body,
    )
}

/// A POST with the signed headers, the `Authorization` made from them, and `body`.
fn post(
    url: String,
    headers: &[(String, String)],
    authorization: String,
    body: &str,
) -> RequestBuilder {
    let mut request = client()
        .post(url)
        .header("Authorization", authorization)
        .body(body.to_owned());
    for (name, value) in headers {
        request = request.header(name, value);
    }
    request
}

fn assert_huawei_401(answer: &Answer, reason: &str) {
    assert_eq!(answer.status, 401, "{answer:?}");
    assert_eq!(answer.json["error_code"], "APIGW.0301", "{answer:?}");
    let message = answer.json["error_msg"].as_str().expect("error_msg");
    assert!(
        message.starts_with("Incorrect IAM authentication information: ")
            && message.contains(reason),
        "{message}"
    );
    assert_request_id(answer);
}

fn assert_ocp_401(answer: &Answer, reason: &str) {
    assert_ocp_error(answer, 401, 30004);
    let message = answer.json["error"]["message"].as_str().expect("message");
    assert!(message.contains(reason), "{message}");
}

#[tokio::test]
async fn requests_signed_by_the_generated_client_are_accepted() {
    let fake = fake_with_aksk().await;
    let aksk = fake.huawei_aksk().expect("AK/SK configured");

    let ddm = fake
        .ddm_client_builder()
        .credentials(aksk.clone())
        .build()
        .unwrap();
    let request = generated_client::ddm::CreateUsersRequest {
        users: vec![generated_client::ddm::CreateDdmUsersInfo {
            name: "signed_user".into(),
            password: "Axejs@98a".into(),
            base_authority: vec![generated_client::ddm::BaseAuthority::Select],
            extend_authority: None,
            description: None,
            databases: None,
        }],
    };
    ddm.create_users(INSTANCE, &request)
        .await
        .expect("signed DDM call");

    // A path parameter that needs encoding is signed over its canonical form.
    let dws = fake.dws_client_builder().credentials(aksk).build().unwrap();
    let add = dws::OmUserActionRequest {
        operation: dws::OmUserOperation::AddOmUser,
    };
    let answer = dws
        .om_user_action(CLUSTER, &add)
        .await
        .expect("signed DWS call");
    assert!(answer.om_user_info.is_some());

    let temporary = fake
        .dws_client_builder()
        .credentials(Credentials::temporary_aksk(AK, SK, "sts-token"))
        .build()
        .unwrap();
    temporary
        .om_user_action(CLUSTER, &add)
        .await
        .expect("signed with a security token");

    let ocp = fake
        .ocp_client_builder()
        .credentials(fake.ocp_access_key().expect("access key configured"))
        .build()
        .unwrap();
    let user = generated_client::ocp::CreateDbUserRequest {
        username: "signed_user".into(),
        password: "p@ss".into(),
        global_privileges: None,
        db_privileges: None,
        roles: None,
    };
    ocp.create_db_user(1, 1002, &user)
        .await
        .expect("signed OCP call");

    let requests = fake.requests();
    assert_eq!(requests.len(), 4);
    assert!(
        requests.iter().all(|r| r.status == Some(200)),
        "{requests:?}"
    );
    let signed = requests[0].header("authorization").unwrap();
    assert!(
        signed.contains("SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date,"),
        "{signed}"
    );
    assert!(
        requests[2]
            .header("authorization")
            .unwrap()
            .contains(";x-security-token,")
    );
    assert_eq!(fake.ocp_users(1, 1002).len(), 1);
}

#[tokio::test]
async fn a_fake_without_access_keys_refuses_every_signature() {
    let fake = FakeCloud::start().await;
    let dws = fake
        .dws_client_builder()
        .credentials(Credentials::aksk(AK, SK))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let add = dws::OmUserActionRequest {
        operation: dws::OmUserOperation::AddOmUser,
    };
    let error = dws.om_user_action(CLUSTER, &add).await.unwrap_err();
    assert_eq!(error.status(), Some(401));
    assert_eq!(error.code(), Some("APIGW.0301"));
    assert!(fake.dws_om_user(CLUSTER).is_none());
}

#[tokio::test]
async fn huawei_signature_refusals() {
    let fake = fake_with_aksk().await;
    let body = json!({ "operation": "addOmUser" }).to_string();
    let other = json!({ "operation": "deleteOmUser" }).to_string();
    let now = SystemTime::now();

    let answer = send(huawei_request(&fake, SK, now, &body, &body)).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    fake.clear_requests();

    let tampered = send(huawei_request(&fake, SK, now, &body, &other)).await;
    assert_huawei_401(&tampered, "the signature does not match the request");
    let wrong_key = send(huawei_request(&fake, "not-the-secret", now, &body, &body)).await;
    assert_huawei_401(&wrong_key, "the signature does not match the request");
    for at in [now - TWENTY_MINUTES, now + TWENTY_MINUTES] {
        let stale = send(huawei_request(&fake, SK, at, &body, &body)).await;
        assert_huawei_401(&stale, "more than 15 minutes");
    }
    // A header that changes the meaning of the request, sent but left unsigned.
    let unsigned = huawei_request(&fake, SK, now, &body, &body).header("X-Security-Token", "sts");
    assert_huawei_401(&send(unsigned).await, "x-security-token");
    // The path is signed: the same signature on another cluster does not hold.
    let moved = huawei_request(&fake, SK, now, &body, &body)
        .build()
        .map(|mut request| {
            let url = request
                .url()
                .as_str()
                .replace(CLUSTER, "00000000-0000-0000-0000-000000000000");
            *request.url_mut() = url.parse().unwrap();
            request
        })
        .unwrap();
    let answer = client().execute(moved).await.unwrap();
    assert_eq!(answer.status(), 401);

    let requests = fake.requests();
    assert_eq!(requests.len(), 6);
    assert!(
        requests.iter().all(|r| r.status == Some(401)),
        "{requests:?}"
    );
    // The O&M account is as the one accepted call left it.
    assert_eq!(
        fake.dws_om_user(CLUSTER).unwrap().status,
        fake_cloud::OmUserStatus::On
    );
    assert_eq!(fake.request_count(Operation::DwsOmUserAction), 6);
}

#[tokio::test]
async fn ocp_signature_refusals() {
    let fake = fake_with_aksk().await;
    let body = json!({ "username": "user1", "password": "x" }).to_string();
    let other = json!({ "username": "user2", "password": "x" }).to_string();
    let now = SystemTime::now();

    let answer = send(ocp_request(&fake, SK, now, &body, &body)).await;
    assert_eq!(answer.status, 200, "{answer:?}");

    let tampered = send(ocp_request(&fake, SK, now, &body, &other)).await;
    assert_ocp_401(&tampered, "the signature does not match the request");
    let wrong_key = send(ocp_request(&fake, "not-the-secret", now, &body, &body)).await;
    assert_ocp_401(&wrong_key, "the signature does not match the request");
    let stale = send(ocp_request(&fake, SK, now - TWENTY_MINUTES, &body, &body)).await;
    assert_ocp_401(&stale, "more than 15 minutes");
    // An x-ocp-* header added after signing changes the string to sign.
    let added = ocp_request(&fake, SK, now, &body, &body).header("X-OCP-Origin", "elsewhere");
    assert_ocp_401(
        &send(added).await,
        "the signature does not match the request",
    );

    let users = fake.ocp_users(1, 1002);
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].username, "user1");
}
