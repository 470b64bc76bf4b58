//! Every DDM operation through the generated client over real HTTP on 127.0.0.1: the request
//! on the wire (method, path, headers, body), the decoded answer, each documented error, and
//! validation that refuses bad data before anything is sent.

use client_tests::fixtures::*;
use client_tests::*;
use generated_client::{Error, ddm};
use serde_json::json;

fn user(
    name: &str,
    base: Vec<ddm::BaseAuthority>,
    extend: Option<Vec<ddm::ExtendAuthority>>,
) -> ddm::CreateUsersRequest {
    ddm::CreateUsersRequest {
        users: vec![ddm::CreateDdmUsersInfo {
            name: name.into(),
            password: DDM_EXAMPLE_PASSWORD.into(),
            base_authority: base,
            extend_authority: extend,
            description: None,
            databases: Some(vec![ddm::CreateDdmUsersDatabases {
                name: "DDMdb1".into(),
            }]),
        }],
    }
}

fn assert_authenticated_json(request: &Recorded) {
    assert_eq!(request.header("x-auth-token"), Some(TOKEN));
    assert_eq!(
        request.header("content-type"),
        Some("application/json;charset=utf-8")
    );
    assert!(
        request
            .header("user-agent")
            .is_some_and(|ua| ua.starts_with("generated-client/"))
    );
}

#[tokio::test]
async fn create_users_sends_the_documented_request_and_reads_the_answer() {
    client_tests::within("create_users_sends_the_documented_request_and_reads_the_answer", client_tests::CASE_LIMIT, async {
    let server = ScriptedServer::start().await;
    server.reply(
        Reply::json(200, &json!({"users": [{"name": DDM_USER}]})).header("X-Request-Id", "req-1"),
    );
    let request = user(
        DDM_USER,
        vec![ddm::BaseAuthority::Select],
        Some(vec![ddm::ExtendAuthority::FulltableSelect]),
    );
    let answer = ddm_client(&server.url())
        .create_users(DDM_INSTANCE, &request)
        .await
        .unwrap();
    assert_eq!(answer.users.unwrap()[0].name.as_deref(), Some(DDM_USER));

    let sent = server.single_request();
    assert_eq!(sent.method, "POST");
    assert_eq!(
        sent.uri,
        format!("/v1/{PROJECT_ID}/instances/{DDM_INSTANCE}/users")
    );
    assert_authenticated_json(&sent);
    assert_eq!(
        sent.json(),
        json!({"users": [{"name": DDM_USER, "password": DDM_EXAMPLE_PASSWORD, "base_authority": ["SELECT"],
                          "extend_authority": ["fulltableSelect"], "databases": [{"name": "DDMdb1"}]}]})
    );
    })
    .await
}

#[tokio::test]
async fn path_parameters_are_percent_encoded() {
    client_tests::within(
        "path_parameters_are_percent_encoded",
        client_tests::CASE_LIMIT,
        async {
            let server = ScriptedServer::start().await;
            // The account name's `pattern` allows letters, digits and `_` only, so the
            // instance id carries the characters that need encoding.
            server.reply(Reply::json(200, &json!({"name": "user_1"})));
            let body = ddm::UpdateUserRequest {
                user: ddm::UpdateUserDetailReq {
                    description: Some("x".into()),
                    ..Default::default()
                },
            };
            ddm_client(&server.url())
                .update_user("in st/x", "user_1", &body)
                .await
                .unwrap();
            assert_eq!(
                server.single_request().uri,
                format!("/v1/{PROJECT_ID}/instances/in%20st%2Fx/users/user_1")
            );
        },
    )
    .await
}

/// Calls one DDM operation with valid data: `create`, `update` or `admin`.
async fn call(client: &ddm::Client, operation: &str) -> Result<(), Error> {
    match operation {
        "create" => {
            let request = user(DDM_USER, vec![ddm::BaseAuthority::Select], None);
            client.create_users(DDM_INSTANCE, &request).await.map(drop)
        }
        "update" => {
            let body = ddm::UpdateUserRequest {
                user: ddm::UpdateUserDetailReq {
                    description: Some("x".into()),
                    ..Default::default()
                },
            };
            client
                .update_user(DDM_INSTANCE, "ddmtest", &body)
                .await
                .map(drop)
        }
        _ => {
            let body = ddm::AdminUserRequest {
                name: "root".into(),
                password: DDM_EXAMPLE_PASSWORD.into(),
            };
            client
                .manage_admin_password(DDM_INSTANCE, &body)
                .await
                .map(drop)
        }
    }
}

#[tokio::test]
async fn documented_errors_keep_status_code_message_request_id_and_body() {
    client_tests::within(
        "documented_errors_keep_status_code_message_request_id_and_body",
        client_tests::CASE_LIMIT,
        async {
            let operations = [
                (
                    "create",
                    "/v1/{project_id}/instances/{instance_id}/users",
                    "post",
                ),
                (
                    "update",
                    "/v1/{project_id}/instances/{instance_id}/users/{username}",
                    "put",
                ),
                (
                    "admin",
                    "/v3/{project_id}/instances/{instance_id}/admin-user",
                    "put",
                ),
            ];
            for (operation, path, method) in operations {
                for status in [400u16, 500] {
                    let server = ScriptedServer::start().await;
                    let example = response_example("ddm", path, method, &status.to_string());
                    let raw = serde_json::to_vec(&example).unwrap();
                    server.reply(Reply::json(status, &example).header("X-Request-Id", "req-err"));
                    let error = call(&ddm_client(&server.url()), operation)
                        .await
                        .unwrap_err();
                    let Error::Api(api) = &error else {
                        panic!("an API error: {error:?}")
                    };
                    assert_eq!(api.status, status, "{operation}");
                    assert_eq!(api.code.as_deref(), example["errCode"].as_str());
                    assert_eq!(api.message.as_deref(), example["externalMessage"].as_str());
                    assert_eq!(api.request_id.as_deref(), Some("req-err"));
                    assert_eq!(api.body, raw);
                    let text = error.to_string();
                    assert!(
                        text.contains(&format!("HTTP {status}")) && text.contains("req-err"),
                        "{text}"
                    );
                }
            }
        },
    )
    .await
}

#[tokio::test]
async fn the_v3_error_shape_is_read_too() {
    client_tests::within(
        "the_v3_error_shape_is_read_too",
        client_tests::CASE_LIMIT,
        async {
            let server = ScriptedServer::start().await;
            server.reply(Reply::json(
                400,
                &json!({"error_code": "DBS.300306", "error_msg": "Invalid password."}),
            ));
            let body = ddm::AdminUserRequest {
                name: "root".into(),
                password: "weak".into(),
            };
            let error = ddm_client(&server.url())
                .manage_admin_password(DDM_INSTANCE, &body)
                .await
                .unwrap_err();
            assert_eq!(error.code(), Some("DBS.300306"));
            assert_eq!(error.status(), Some(400));
            assert!(error.to_string().contains("Invalid password."));
        },
    )
    .await
}

#[tokio::test]
async fn admin_password_accepts_202_with_or_without_a_job_and_200() {
    client_tests::within(
        "admin_password_accepts_202_with_or_without_a_job_and_200",
        client_tests::CASE_LIMIT,
        async {
            let server = ScriptedServer::start().await;
            server.reply(Reply::json(
                202,
                &response_example(
                    "ddm",
                    "/v3/{project_id}/instances/{instance_id}/admin-user",
                    "put",
                    "202",
                ),
            ));
            server.reply(Reply::raw(202, "application/json", ""));
            server.reply(Reply::json(200, &json!({})));
            let client = ddm_client(&server.url());
            let body = ddm::AdminUserRequest {
                name: "root".into(),
                password: DDM_EXAMPLE_PASSWORD.into(),
            };
            let first = client
                .manage_admin_password(DDM_INSTANCE, &body)
                .await
                .unwrap();
            assert_eq!(
                first.job_id.as_deref(),
                Some("b9e057a0-f0fb-4987-9d21-f3a7550b32e7")
            );
            // A 202 without a body, then a 200 with `{}`: both read as "no job id".
            for _ in 0..2 {
                let answer = client
                    .manage_admin_password(DDM_INSTANCE, &body)
                    .await
                    .unwrap();
                assert_eq!(answer.job_id, None);
            }

            let requests = server.requests();
            assert_eq!(requests.len(), 3);
            assert_eq!(requests[0].method, "PUT");
            assert_eq!(
                requests[0].uri,
                format!("/v3/{PROJECT_ID}/instances/{DDM_INSTANCE}/admin-user")
            );
            assert_authenticated_json(&requests[0]);
            assert_eq!(
                requests[0].json(),
                json!({"name": "root", "password": DDM_EXAMPLE_PASSWORD})
            );
        },
    )
    .await
}

#[tokio::test]
async fn a_malformed_success_is_a_decode_error_that_keeps_the_answer() {
    client_tests::within(
        "a_malformed_success_is_a_decode_error_that_keeps_the_answer",
        client_tests::CASE_LIMIT,
        async {
            let server = ScriptedServer::start().await;
            server.reply(
                Reply::raw(200, "application/json", "{\"users\": [")
                    .header("X-Request-Id", "req-bad"),
            );
            let request = user(DDM_USER, vec![ddm::BaseAuthority::Select], None);
            let error = ddm_client(&server.url())
                .create_users(DDM_INSTANCE, &request)
                .await
                .unwrap_err();
            let Error::Decode(decode) = &error else {
                panic!("a decode error: {error:?}")
            };
            assert_eq!(decode.status, 200);
            assert_eq!(decode.body, &b"{\"users\": ["[..]);
            assert_eq!(error.request_id(), Some("req-bad"));
        },
    )
    .await
}

#[tokio::test]
async fn invalid_requests_are_refused_before_anything_is_sent() {
    client_tests::within("invalid_requests_are_refused_before_anything_is_sent", client_tests::CASE_LIMIT, async {
    let server = ScriptedServer::start().await;
    let client = ddm_client(&server.url());

    let short = user("abc", vec![ddm::BaseAuthority::Select], None);
    let Err(Error::Validation(e)) = client.create_users(DDM_INSTANCE, &short).await else {
        panic!("refused")
    };
    assert_eq!(e.violations[0].field, "users[0].name");
    assert_eq!(
        e.violations[0].rule,
        "must be 6 to 32 characters long (is 3)"
    );

    let no_base = user(
        DDM_USER,
        vec![],
        Some(vec![ddm::ExtendAuthority::FulltableDelete]),
    );
    let Err(Error::Validation(e)) = client.create_users(DDM_INSTANCE, &no_base).await else {
        panic!("refused")
    };
    let rules: Vec<String> = e
        .violations
        .iter()
        .map(|v| format!("{}: {}", v.field, v.rule))
        .collect();
    assert_eq!(
        rules,
        [
            "users[0].base_authority: must have at least 1 item (has 0)",
            "users[0].base_authority: must contain `DELETE` because `users[0].extend_authority` contains `fulltableDelete`",
        ]
    );

    let empty = ddm::CreateUsersRequest { users: vec![] };
    assert!(matches!(
        client.create_users(DDM_INSTANCE, &empty).await,
        Err(Error::Validation(_))
    ));

    let nothing = ddm::UpdateUserRequest {
        user: ddm::UpdateUserDetailReq::default(),
    };
    let Err(Error::Validation(e)) = client.update_user(DDM_INSTANCE, "ddmtest", &nothing).await
    else {
        panic!("refused")
    };
    assert_eq!(e.violations[0].field, "user");
    assert_eq!(
        e.violations[0].rule,
        "must set at least 1 of `base_authority`, `description`, `databases` (sets 0)"
    );

    let long = ddm::UpdateUserRequest {
        user: ddm::UpdateUserDetailReq {
            description: Some("d".repeat(257)),
            ..Default::default()
        },
    };
    let Err(Error::Validation(e)) = client.update_user(DDM_INSTANCE, "ddmtest", &long).await else {
        panic!("refused")
    };
    assert_eq!(e.violations[0].field, "user.description");
    assert!(e.to_string().contains("at most 256 characters"));

    assert!(server.requests().is_empty(), "nothing was sent");
    })
    .await
}
