//! DWS: O&M account actions.

use crate::common::*;
use fake_cloud::codes::dws::OM_USER_PERIOD_MS;
use fake_cloud::{FakeCloud, OmUserStatus};
use reqwest::Method;
use serde_json::json;

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn assert_success(answer: &Answer, status: &str) -> i64 {
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.json["error_code"], 0, "{answer:?}");
    assert!(answer.json["error_msg"].is_null(), "{answer:?}");
    assert_eq!(
        answer.json["om_user_info"]["om_user_status"], status,
        "{answer:?}"
    );
    assert_request_id(answer);
    answer.json["om_user_info"]["om_user_expires_time"]
        .as_i64()
        .expect("expiry in epoch milliseconds")
}

#[tokio::test]
async fn documented_examples_add_increase_delete_increase() {
    let fake = FakeCloud::start().await;

    let before = now_ms();
    let added = assert_success(&dws_action(&fake, CLUSTER, "addOmUser").await, "on");
    let after = now_ms();
    assert!((before + OM_USER_PERIOD_MS..=after + OM_USER_PERIOD_MS).contains(&added));
    let state = fake.dws_om_user(CLUSTER).expect("state");
    assert_eq!(state.status, OmUserStatus::On);
    assert_eq!(state.expires_time_ms, added);

    let extended = assert_success(
        &dws_action(&fake, CLUSTER, "increaseOmUserPeriod").await,
        "on",
    );
    assert_eq!(extended, added + OM_USER_PERIOD_MS);
    let extended_again = assert_success(
        &dws_action(&fake, CLUSTER, "increaseOmUserPeriod").await,
        "on",
    );
    assert_eq!(extended_again, added + 2 * OM_USER_PERIOD_MS);

    assert_success(&dws_action(&fake, CLUSTER, "deleteOmUser").await, "off");
    assert_eq!(
        fake.dws_om_user(CLUSTER).expect("state").status,
        OmUserStatus::Off
    );

    // Extending an account that is off: HTTP 200, but a non-zero integer error_code.
    let answer = dws_action(&fake, CLUSTER, "increaseOmUserPeriod").await;
    assert_eq!(answer.status, 200, "{answer:?}");
    let code = answer.json["error_code"]
        .as_i64()
        .expect("integer error_code");
    assert_ne!(code, 0);
    assert!(
        answer.json["error_msg"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
    assert_request_id(&answer);
    assert_eq!(
        fake.dws_om_user(CLUSTER).expect("state").status,
        OmUserStatus::Off
    );

    // Adding again turns it back on.
    assert_success(&dws_action(&fake, CLUSTER, "addOmUser").await, "on");
}

#[tokio::test]
async fn increase_on_a_fresh_cluster_is_an_error_in_a_200() {
    let fake = FakeCloud::start().await;
    let answer = dws_action(&fake, CLUSTER, "increaseOmUserPeriod").await;
    assert_eq!(answer.status, 200);
    assert!(
        answer.json["error_code"].as_i64().is_some_and(|c| c != 0),
        "{answer:?}"
    );
}

#[tokio::test]
async fn clusters_are_independent() {
    let fake = FakeCloud::start().await;
    let other = "0b4f6b1c-1111-4222-8333-944455556666";
    assert_success(&dws_action(&fake, CLUSTER, "addOmUser").await, "on");
    assert!(fake.dws_om_user(other).is_none());
    let answer = dws_action(&fake, other, "increaseOmUserPeriod").await;
    assert_ne!(answer.json["error_code"], 0);
    assert_eq!(
        fake.dws_om_user(CLUSTER).expect("state").status,
        OmUserStatus::On
    );
}

#[tokio::test]
async fn unknown_operation_is_dws_0001() {
    let fake = FakeCloud::start().await;
    let answer = dws_action(&fake, CLUSTER, "resetOmUser").await;
    assert_dws_error(&answer, 400, "DWS.0001");
    assert!(fake.dws_om_user(CLUSTER).is_none());
}

#[tokio::test]
async fn cluster_id_must_be_a_uuid() {
    let fake = FakeCloud::start().await;
    for cluster in [
        "my-cluster",
        "e7107fab-cac0-4261-916b-7f32b305303",
        "e7107fab-cac0-4261-916b-7f32b3053034x",
    ] {
        let answer = dws_action(&fake, cluster, "addOmUser").await;
        assert_dws_error(&answer, 400, "DWS.0001");
    }
}

#[tokio::test]
async fn malformed_bodies_are_dws_0001() {
    let fake = FakeCloud::start().await;
    for body in ["{", "{}", "{\"operation\": 3}", ""] {
        let request = client()
            .post(dws_url(&fake, CLUSTER))
            .header("X-Auth-Token", TOKEN)
            .header("Content-Type", "application/json")
            .body(body);
        assert_dws_error(&send(request).await, 400, "DWS.0001");
    }
    let request = client()
        .post(dws_url(&fake, CLUSTER))
        .header("X-Auth-Token", TOKEN)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("operation=addOmUser");
    assert_dws_error(&send(request).await, 400, "DWS.0001");
    assert!(fake.dws_om_user(CLUSTER).is_none());
}

#[tokio::test]
async fn wrong_project_is_forbidden() {
    let fake = FakeCloud::start().await;
    let url = format!(
        "{}/v1/another-project/clusters/{CLUSTER}/db-manager/om-user/action",
        fake.dws_endpoint()
    );
    let answer = send(huawei(
        &client(),
        Method::POST,
        url,
        &json!({ "operation": "addOmUser" }),
    ))
    .await;
    assert_dws_error(&answer, 403, "DWS.0001");
}

#[tokio::test]
async fn missing_or_wrong_token_is_401() {
    let fake = FakeCloud::start().await;
    for token in [None, Some("expired-token")] {
        let mut request = client()
            .post(dws_url(&fake, CLUSTER))
            .header("Content-Type", "application/json")
            .body(json!({ "operation": "addOmUser" }).to_string());
        if let Some(token) = token {
            request = request.header("X-Auth-Token", token);
        }
        let answer = send(request).await;
        assert_eq!(answer.status, 401, "{answer:?}");
        assert_eq!(answer.json["error_code"], "APIGW.0301");
        let expected = match token {
            None => "Incorrect IAM authentication information",
            Some(_) => "Incorrect IAM authentication information: X-Auth-Token does not match",
        };
        assert_eq!(answer.json["error_msg"], expected);
        assert_request_id(&answer);
    }
    assert!(fake.dws_om_user(CLUSTER).is_none());
}
