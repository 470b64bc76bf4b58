//! OCP's create-database-user through the generated client over real HTTP on 127.0.0.1: the
//! envelope is unwrapped, `successful: false` and error envelopes keep the `traceId`.

use client_tests::fixtures::*;
use client_tests::*;
use generated_client::{Error, ocp};
use serde_json::json;

const PATH: &str = "/api/v2/ob/clusters/{id}/tenants/{tenantId}/users";

fn request() -> ocp::CreateDbUserRequest {
    ocp_user_request("user1", "******")
}

#[tokio::test]
async fn create_db_user_returns_the_envelopes_data() {
    client_tests::within(
        "create_db_user_returns_the_envelopes_data",
        client_tests::CASE_LIMIT,
        async {
            let server = ScriptedServer::start().await;
            server.reply(Reply::json(
                200,
                &response_example("ocp", PATH, "post", "200"),
            ));
            let user = ocp_client(&server.url())
                .create_db_user(OCP_CLUSTER, OCP_TENANT, &request())
                .await
                .unwrap();
            assert_eq!(user.username.as_deref(), Some("user1"));
            assert_eq!(user.is_locked, Some(false));
            assert_eq!(
                user.global_privileges.unwrap(),
                ["DELETE", "SELECT", "INDEX"]
            );

            let sent = server.single_request();
            assert_eq!(sent.method, "POST");
            assert_eq!(
                sent.uri,
                format!("/api/v2/ob/clusters/{OCP_CLUSTER}/tenants/{OCP_TENANT}/users")
            );
            // admin:aaAA11__ in Base64.
            assert_eq!(
                sent.header("authorization"),
                Some("Basic YWRtaW46YWFBQTExX18=")
            );
            assert!(
                sent.header("content-type")
                    .is_some_and(|c| c.starts_with("application/json"))
            );
            assert_eq!(vec![sent.json()], request_examples("ocp", PATH, "post"));
        },
    )
    .await
}

#[tokio::test]
async fn unsuccessful_envelopes_are_errors_that_keep_the_trace_id() {
    client_tests::within(
        "unsuccessful_envelopes_are_errors_that_keep_the_trace_id",
        client_tests::CASE_LIMIT,
        async {
            let example = response_example("ocp", PATH, "post", "400");
            for status in [400u16, 401, 403, 404, 500] {
                let server = ScriptedServer::start().await;
                let mut body = example.clone();
                body["status"] = json!(status);
                server.reply(Reply::json(status, &body));
                let error = ocp_client(&server.url())
                    .create_db_user(OCP_CLUSTER, OCP_TENANT, &request())
                    .await
                    .unwrap_err();
                let Error::Api(api) = &error else {
                    panic!("an API error: {error:?}")
                };
                assert_eq!(api.status, status);
                assert_eq!(api.code.as_deref(), Some("60046"));
                assert_eq!(api.message.as_deref(), Some("User already exists."));
                assert_eq!(api.request_id.as_deref(), Some("7a3c9e1f0b2d4c58"));
                assert_eq!(api.body, serde_json::to_vec(&body).unwrap());
            }
        },
    )
    .await
}

#[tokio::test]
async fn successful_false_in_a_200_is_an_error_and_string_codes_are_read() {
    client_tests::within(
        "successful_false_in_a_200_is_an_error_and_string_codes_are_read",
        client_tests::CASE_LIMIT,
        async {
            let server = ScriptedServer::start().await;
            let body = json!({"successful": false, "status": 200, "traceId": "abc123",
                      "error": {"code": "60045", "message": "Invalid user name."}});
            server.reply(Reply::json(200, &body));
            let error = ocp_client(&server.url())
                .create_db_user(OCP_CLUSTER, OCP_TENANT, &request())
                .await
                .unwrap_err();
            assert_eq!(error.status(), Some(200));
            assert_eq!(error.code(), Some("60045"));
            assert_eq!(error.request_id(), Some("abc123"));
        },
    )
    .await
}

#[tokio::test]
async fn an_envelope_without_data_is_a_decode_error() {
    client_tests::within(
        "an_envelope_without_data_is_a_decode_error",
        client_tests::CASE_LIMIT,
        async {
            let server = ScriptedServer::start().await;
            server.reply(Reply::json(
                200,
                &json!({"successful": true, "traceId": "t"}),
            ));
            let error = ocp_client(&server.url())
                .create_db_user(OCP_CLUSTER, OCP_TENANT, &request())
                .await
                .unwrap_err();
            let Error::Decode(e) = &error else {
                panic!("a decode error: {error:?}")
            };
            assert!(e.reason.contains("no `data`"), "{}", e.reason);
        },
    )
    .await
}

/// OCP's acknowledgements (lock, password, privileges, delete) are the envelope without
/// `data`: such a 200 is a success, and one saying `successful: false` is an error.
#[tokio::test]
async fn acknowledgements_without_data_succeed_and_unsuccessful_ones_fail() {
    let ack = json!({"successful": true, "status": 200, "traceId": "trace-ack", "server": "s"});
    let refused = json!({
        "successful": false, "status": 200, "traceId": "trace-refused",
        "error": {"code": 60048, "message": "Operation not allowed."},
    });
    let server = ScriptedServer::start().await;
    server.reply(Reply::json(200, &ack));
    server.reply(Reply::raw(200, "application/json", ""));
    server.reply(Reply::json(200, &refused));
    server.reply(Reply::raw(200, "text/html", "<html>Sign in</html>"));
    let client = ocp_client(&server.url());
    client
        .lock_db_user(OCP_CLUSTER, OCP_TENANT, "user1")
        .await
        .unwrap();
    client
        .unlock_db_user(OCP_CLUSTER, OCP_TENANT, "user1")
        .await
        .unwrap();
    let error = client
        .delete_db_user(OCP_CLUSTER, OCP_TENANT, "user1")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert_eq!(error.code(), Some("60048"));
    assert_eq!(error.request_id(), Some("trace-refused"));
    let error = client
        .lock_db_user(OCP_CLUSTER, OCP_TENANT, "user1")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
}
