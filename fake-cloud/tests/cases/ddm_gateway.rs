//! DDM behind the API gateway: the project in the path, the content type, the token,
//! unknown APIs.

use crate::common::*;
use fake_cloud::{FakeCloud, FakeConfig};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn wrong_project_is_forbidden() {
    let fake = FakeCloud::start().await;
    let url = format!(
        "{}/v1/another-project/instances/{INSTANCE}/users",
        fake.ddm_endpoint()
    );
    let answer = send(huawei(
        &client(),
        Method::POST,
        url,
        &json!({ "users": [ddm_user("appuser1")] }),
    ))
    .await;
    assert_ddm_error(&answer, 403, "DBS.280001");
    let url = format!(
        "{}/v3/another-project/instances/{INSTANCE}/admin-user",
        fake.ddm_endpoint()
    );
    let answer = send(huawei(
        &client(),
        Method::PUT,
        url,
        &json!({ "name": "root", "password": "x" }),
    ))
    .await;
    assert_ddm_error(&answer, 403, "DBS.280001");
    assert!(fake.ddm_accounts(INSTANCE).is_empty());
    assert!(fake.ddm_admin(INSTANCE).is_none());
}

#[tokio::test]
async fn configured_project_is_the_one_accepted() {
    let config = FakeConfig {
        project_id: "619d3e78f61b4be68bc5aa0b59edcf7b".into(),
        ..FakeConfig::default()
    };
    let fake = FakeCloud::start_with(config).await;
    let url = format!(
        "{}/v3/619d3e78f61b4be68bc5aa0b59edcf7b/instances/{INSTANCE}/admin-user",
        fake.ddm_endpoint()
    );
    let answer = send(huawei(
        &client(),
        Method::PUT,
        url,
        &json!({ "name": "root", "password": "****" }),
    ))
    .await;
    assert_eq!(answer.status, 202, "{answer:?}");
    let answer = ddm_admin(
        &fake,
        INSTANCE,
        json!({ "name": "root", "password": "****" }),
    )
    .await;
    assert_eq!(answer.status, 403, "{answer:?}");
}

#[tokio::test]
async fn non_json_content_type_is_refused() {
    let fake = FakeCloud::start().await;
    let request = client()
        .post(ddm_users_url(&fake, INSTANCE))
        .header("X-Auth-Token", TOKEN)
        .header("Content-Type", "text/plain")
        .body(json!({ "users": [ddm_user("appuser1")] }).to_string());
    assert_ddm_error(&send(request).await, 400, "DBS.280001");
    let request = client()
        .post(ddm_users_url(&fake, INSTANCE))
        .header("X-Auth-Token", TOKEN)
        .body(json!({ "users": [ddm_user("appuser1")] }).to_string());
    assert_ddm_error(&send(request).await, 400, "DBS.280001");
    assert!(fake.ddm_accounts(INSTANCE).is_empty());
}

#[tokio::test]
async fn missing_or_wrong_token_is_401() {
    let fake = FakeCloud::start().await;
    let body = json!({ "users": [ddm_user("appuser1")] }).to_string();
    let no_token = client()
        .post(ddm_users_url(&fake, INSTANCE))
        .header("Content-Type", "application/json")
        .body(body.clone());
    let wrong_token = client()
        .put(ddm_admin_url(&fake, INSTANCE))
        .header("X-Auth-Token", "not-the-token")
        .header("Content-Type", "application/json")
        .body(json!({ "name": "root", "password": "x" }).to_string());
    for (request, message) in [
        (no_token, "Incorrect IAM authentication information"),
        (
            wrong_token,
            "Incorrect IAM authentication information: X-Auth-Token does not match",
        ),
    ] {
        let answer = send(request).await;
        assert_eq!(answer.status, 401, "{answer:?}");
        assert_eq!(
            answer.json,
            json!({ "error_code": "APIGW.0301", "error_msg": message })
        );
        assert_request_id(&answer);
    }
    assert!(fake.ddm_accounts(INSTANCE).is_empty());
    assert!(fake.ddm_admin(INSTANCE).is_none());
}

#[tokio::test]
async fn unknown_api_is_404_from_the_gateway() {
    let fake = FakeCloud::start().await;
    let url = format!(
        "{}/v1/{PROJECT}/instances/{INSTANCE}/databases",
        fake.ddm_endpoint()
    );
    let answer = send(client().get(url)).await;
    assert_eq!(answer.status, 404);
    assert_eq!(answer.json["error_code"], "APIGW.0101");
    assert_request_id(&answer);
    // Known path, wrong method.
    let answer = send(
        client()
            .delete(ddm_users_url(&fake, INSTANCE))
            .header("X-Auth-Token", TOKEN),
    )
    .await;
    assert_eq!(answer.status, 404);
    assert_eq!(answer.json["error_code"], "APIGW.0101");
}
