//! The DWS O&M account action through the generated client over real HTTP on 127.0.0.1,
//! including the service's habit of answering a failed action with HTTP 200.

use client_tests::fixtures::*;
use client_tests::*;
use generated_client::{Error, dws};
use serde_json::json;

const PATH: &str = "/v1/{project_id}/clusters/{cluster_id}/db-manager/om-user/action";

fn action(operation: dws::OmUserOperation) -> dws::OmUserActionRequest {
    dws::OmUserActionRequest { operation }
}

#[tokio::test]
async fn each_operation_sends_the_documented_request() {
    client_tests::within(
        "each_operation_sends_the_documented_request",
        client_tests::CASE_LIMIT,
        async {
            let server = ScriptedServer::start().await;
            // In the order of the page's three examples: add, delete, extend.
            let operations = [
                dws::OmUserOperation::AddOmUser,
                dws::OmUserOperation::DeleteOmUser,
                dws::OmUserOperation::IncreaseOmUserPeriod,
            ];
            for _ in &operations {
                server.reply(
                    Reply::json(200, &response_example("dws", PATH, "post", "200"))
                        .header("X-Request-Id", "r"),
                );
            }
            let client = dws_client(&server.url());
            for operation in &operations {
                let answer = client
                    .om_user_action(DWS_CLUSTER, &action(operation.clone()))
                    .await
                    .unwrap();
                let info = answer.om_user_info.unwrap();
                assert_eq!(info.om_user_status, Some(dws::OmUserStatus::On));
                assert_eq!(
                    info.om_user_expires_time.map(|t| t.millis()),
                    Some(1_747_214_333_491)
                );
            }
            let requests = server.requests();
            let bodies: Vec<_> = requests.iter().map(Recorded::json).collect();
            assert_eq!(bodies, request_examples("dws", PATH, "post"));
            for request in &requests {
                assert_eq!(request.method, "POST");
                assert_eq!(
                    request.uri,
                    format!("/v1/{PROJECT_ID}/clusters/{DWS_CLUSTER}/db-manager/om-user/action")
                );
                assert_eq!(request.header("x-auth-token"), Some(TOKEN));
                assert_eq!(
                    request.header("content-type"),
                    Some("application/json;charset=utf-8")
                );
            }
        },
    )
    .await
}

#[tokio::test]
async fn a_200_with_a_nonzero_error_code_is_an_error() {
    client_tests::within("a_200_with_a_nonzero_error_code_is_an_error", client_tests::CASE_LIMIT, async {
    let server = ScriptedServer::start().await;
    let body =
        json!({"error_code": 1, "error_msg": "The O&M account is off.", "om_user_info": null});
    server.reply(Reply::json(200, &body).header("X-Request-Id", "req-off"));
    let error = dws_client(&server.url())
        .om_user_action(
            DWS_CLUSTER,
            &action(dws::OmUserOperation::IncreaseOmUserPeriod),
        )
        .await
        .unwrap_err();
    let Error::Api(api) = &error else {
        panic!("an API error: {error:?}")
    };
    assert_eq!(api.status, 200);
    assert_eq!(api.code.as_deref(), Some("1"));
    assert_eq!(api.message.as_deref(), Some("The O&M account is off."));
    assert_eq!(api.request_id.as_deref(), Some("req-off"));
    assert_eq!(api.body, serde_json::to_vec(&body).unwrap());
    })
    .await
}

#[tokio::test]
async fn every_documented_error_status_is_decoded() {
    client_tests::within("every_documented_error_status_is_decoded", client_tests::CASE_LIMIT, async {
    for status in [400u16, 401, 403, 404, 409, 500, 503] {
        let server = ScriptedServer::start().await;
        let body = json!({"error_code": format!("DWS.{status}"), "error_msg": format!("failure {status}")});
        server.reply(Reply::json(status, &body).header("X-Request-Id", "req-e"));
        let error = dws_client(&server.url())
            .om_user_action(DWS_CLUSTER, &action(dws::OmUserOperation::AddOmUser))
            .await
            .unwrap_err();
        assert_eq!(error.status(), Some(status));
        assert_eq!(error.code(), Some(format!("DWS.{status}").as_str()));
        assert_eq!(error.request_id(), Some("req-e"));
        assert!(error.to_string().contains(&format!("failure {status}")));
    }
    })
    .await
}

#[tokio::test]
async fn a_cluster_id_that_is_not_36_characters_is_refused_before_sending() {
    client_tests::within(
        "a_cluster_id_that_is_not_36_characters_is_refused_before_sending",
        client_tests::CASE_LIMIT,
        async {
            let server = ScriptedServer::start().await;
            let error = dws_client(&server.url())
                .om_user_action("e7107fab", &action(dws::OmUserOperation::AddOmUser))
                .await
                .unwrap_err();
            let Error::Validation(e) = error else {
                panic!("refused")
            };
            assert_eq!(e.violations[0].field, "cluster_id");
            assert_eq!(
                e.violations[0].rule,
                "must be exactly 36 characters long (is 8)"
            );
            assert!(server.requests().is_empty());
        },
    )
    .await
}
