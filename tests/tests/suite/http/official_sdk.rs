//! Our client sends what the official Huawei Cloud SDK sends.
//!
//! `tests/official_sdk/captures/` holds the requests the official Python SDK
//! (huaweicloudsdkddm / huaweicloudsdkdws 3.1.219) sent to a capture server for every DDM
//! and DWS operation of the specs (`tests/official_sdk/capture.py` made them). Each test
//! here makes the same call with the generated client, signed with AK/SK, to a server on
//! 127.0.0.1 and compares what arrived: the method, the path as sent (its encoding too),
//! the query as sent (names, order and encoding), the JSON body, `Content-Type` and the
//! names of the signed headers. The signature and its date change on every run, so they
//! are not compared.

use client_tests::fixtures::PROJECT_ID;
use client_tests::{Recorded, Reply, ScriptedServer, local_client, spec};
use generated_client::{Credentials, ddm, dws};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

// The inputs of tests/official_sdk/capture.py; change both together.
const AK: &str = "AKTESTAKTESTAKTEST12";
const SK: &str = "SKTESTSKTESTSKTESTSKTESTSKTESTSKTESTSKTE";
const DDM_INSTANCE: &str = "1f5c9fd6cd984056ba89c8c87cc03278in09";
const DDM_USER: &str = "DDMuser1";
const DDM_JOB: &str = "b9e057a0-f0fb-4987-9d21-f3a7550b32e7";
const DWS_CLUSTER: &str = "e7107fab-cac0-4261-916b-7f32b3053034";
const DWS_USER: &str = "user1";
/// A space, a slash and a non-ASCII letter, to compare path encoding.
const DWS_ODD_USER: &str = "ops user/ü";

fn captures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("official_sdk/captures")
}

/// The request the official SDK sent for `service.operation`.
fn capture(service: &str, operation: &str) -> Value {
    let path = captures_dir().join(format!("{service}.{operation}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (rerun tests/official_sdk/capture.py)",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What a request carried, in the fields the comparison looks at.
#[derive(Debug, PartialEq)]
struct Wire {
    method: String,
    path: String,
    raw_query: String,
    query_names: Vec<String>,
    content_type: Option<String>,
    signed_headers: BTreeSet<String>,
    body: Value,
}

impl Wire {
    fn from_capture(capture: &Value) -> Wire {
        let text = |key: &str| capture[key].as_str().map(str::to_string);
        Wire {
            method: text("method").expect("method"),
            path: text("path").expect("path"),
            raw_query: text("raw_query").unwrap_or_default(),
            query_names: capture["query"]
                .as_array()
                .expect("query pairs")
                .iter()
                .map(|pair| pair[0].as_str().expect("query name").to_string())
                .collect(),
            content_type: text("content_type"),
            signed_headers: capture["signed_headers"]
                .as_array()
                .expect("signed headers")
                .iter()
                .map(|h| h.as_str().expect("header name").to_string())
                .collect(),
            body: capture["body"].clone(),
        }
    }

    fn from_request(request: &Recorded) -> Wire {
        let (path, raw_query) = match request.uri.split_once('?') {
            Some((path, query)) => (path.to_string(), query.to_string()),
            None => (request.uri.clone(), String::new()),
        };
        let query_names = raw_query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| pair.split('=').next().unwrap_or_default().to_string())
            .collect();
        let authorization = request.header("authorization").expect("signed request");
        let signed_headers = authorization
            .split_once("SignedHeaders=")
            .and_then(|(_, rest)| rest.split(',').next())
            .unwrap_or_else(|| panic!("no SignedHeaders in {authorization}"))
            .split(';')
            .map(str::to_string)
            .collect();
        let body = if request.body.is_empty() {
            Value::Null
        } else {
            request.json()
        };
        Wire {
            method: request.method.clone(),
            path,
            raw_query,
            query_names,
            content_type: request.header("content-type").map(str::to_string),
            signed_headers,
            body,
        }
    }
}

/// Makes the call `service.operation` with the capture's inputs and returns what arrived.
async fn our_request(service: &str, operation: &str) -> Recorded {
    let server = ScriptedServer::start().await;
    // Every answer type of these operations reads `{}` (all fields optional).
    server.reply(Reply::json(200, &json!({})));
    let url = server.url();
    let credentials = Credentials::aksk(AK, SK);
    let outcome = match service {
        "ddm" => {
            let client: ddm::Client = local_client(&url, credentials).build().expect("client");
            call_ddm(&client, operation).await
        }
        "dws" => {
            let client: dws::Client = local_client(&url, credentials).build().expect("client");
            call_dws(&client, operation).await
        }
        other => panic!("no client for service {other}"),
    };
    if let Err(e) = outcome {
        panic!("{service}.{operation} failed: {e}");
    }
    server.single_request()
}

async fn call_ddm(client: &ddm::Client, operation: &str) -> Result<(), generated_client::Error> {
    match operation {
        "create_users" => {
            // The SDK's model has no `extend_authority`, so neither does this call.
            let user = ddm::CreateDdmUsersInfo {
                name: DDM_USER.into(),
                password: "Axejs@98a-user".into(),
                base_authority: vec![ddm::BaseAuthority::Select, ddm::BaseAuthority::Update],
                extend_authority: None,
                description: Some(String::new()),
                databases: Some(vec![ddm::CreateDdmUsersDatabases { name: "db1".into() }]),
            };
            let body = ddm::CreateUsersRequest { users: vec![user] };
            client.create_users(DDM_INSTANCE, &body).await.map(drop)
        }
        "update_user" => {
            let body = ddm::UpdateUserRequest {
                user: ddm::UpdateUserDetailReq {
                    base_authority: Some(vec![ddm::BaseAuthority::Select]),
                    description: Some("read only".into()),
                    databases: Some(vec![ddm::UpdateUsersDatabases { name: "db1".into() }]),
                },
            };
            client
                .update_user(DDM_INSTANCE, DDM_USER, &body)
                .await
                .map(drop)
        }
        "manage_admin_password" => {
            let body = ddm::AdminUserRequest {
                name: "root".into(),
                password: "Axejs@98a-admin".into(),
            };
            client
                .manage_admin_password(DDM_INSTANCE, &body)
                .await
                .map(drop)
        }
        "list_users" => client
            .list_users(DDM_INSTANCE)
            .offset(0)
            .limit(10)
            .await
            .map(drop),
        "delete_user" => client.delete_user(DDM_INSTANCE, DDM_USER).await.map(drop),
        "reset_user_password" => {
            let body = ddm::ResetUserPasswordRequest {
                password: "Axejs@98a-new".into(),
            };
            client
                .reset_user_password(DDM_INSTANCE, DDM_USER, &body)
                .await
                .map(drop)
        }
        "show_job" => client.show_job(DDM_JOB).await.map(drop),
        other => panic!("no DDM call for the capture of {other}: add it here"),
    }
}

async fn call_dws(client: &dws::Client, operation: &str) -> Result<(), generated_client::Error> {
    match operation {
        "om_user_action" => {
            let body = dws::OmUserActionRequest {
                operation: dws::OmUserOperation::IncreaseOmUserPeriod,
            };
            client.om_user_action(DWS_CLUSTER, &body).await.map(drop)
        }
        "show_om_user_status" => client.show_om_user_status(DWS_CLUSTER).await.map(drop),
        "create_database_user" => {
            let grant = dws::GrantAuthority {
                type_: Some(dws::GrantObjectType::Database),
                database: Some("gaussdb".into()),
                privileges: Some(vec![dws::Grant {
                    permission: "CONNECT".into(),
                    grant_with: false,
                }]),
                ..Default::default()
            };
            let body = dws::UserAuthorityReq {
                name: DWS_USER.into(),
                type_: dws::DatabaseUserKind::User,
                login: Some(true),
                password: Some("Dws#user-pw1".into()),
                system_admin: None,
                logical_cluster: None,
                password_disable: None,
                create_role: None,
                create_db: Some(true),
                inherit: Some(true),
                conn_limit: Some(-1),
                grant_members: None,
                grant_list: Some(vec![grant]),
                desc: Some(String::new()),
            };
            client
                .create_database_user(DWS_CLUSTER, &body)
                .await
                .map(drop)
        }
        "list_database_users" => client
            .list_database_users(DWS_CLUSTER)
            .offset(0)
            .limit(50)
            .type_(dws::UserOrRole::User)
            .user_type(dws::DatabaseUserType::Common)
            .await
            .map(drop),
        "show_database_user" => client
            .show_database_user(DWS_CLUSTER, DWS_ODD_USER)
            .await
            .map(drop),
        "update_database_user" => {
            let body = dws::DatabaseUserInfoReq {
                login: Some(false),
                createdb: Some(false),
                conn_limit: Some(10),
                valid_until: Some("2030-01-01T00:00:00".into()),
                ..Default::default()
            };
            client
                .update_database_user(DWS_CLUSTER, DWS_USER, &body)
                .await
                .map(drop)
        }
        "delete_database_user" => client
            .delete_database_user(DWS_CLUSTER, DWS_USER)
            .cascade(true)
            .await
            .map(drop),
        other => panic!("no DWS call for the capture of {other}: add it here"),
    }
}

/// Sends `service.operation` with our client and compares it with the SDK's capture.
async fn assert_same_as_sdk(service: &str, operation: &str) {
    let capture = capture(service, operation);
    assert_eq!(
        capture["path"].as_str().map(|p| p.contains(PROJECT_ID)),
        Some(true),
        "the capture used another project id"
    );
    let sdk = Wire::from_capture(&capture);
    let ours = Wire::from_request(&our_request(service, operation).await);
    assert_eq!(
        ours, sdk,
        "{service}.{operation}: our request (left) differs from the SDK's (right)"
    );
}

/// The snake_case operation names of a spec (the generated method names).
fn spec_operations(service: &str) -> BTreeSet<String> {
    let spec = spec(service);
    let mut names = BTreeSet::new();
    for item in spec["paths"].as_object().expect("paths").values() {
        for (method, op) in item.as_object().expect("path item") {
            if ["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                let id = op["operationId"].as_str().expect("operationId");
                names.insert(snake_case(id));
            }
        }
    }
    names
}

fn snake_case(camel: &str) -> String {
    let mut out = String::new();
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The operations of `service` that have a capture.
fn captured_operations(service: &str) -> BTreeSet<String> {
    let prefix = format!("{service}.");
    std::fs::read_dir(captures_dir())
        .expect("captures directory")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter_map(|name| {
            name.strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(".json"))
                .map(str::to_string)
        })
        .collect()
}

#[test]
fn every_ddm_and_dws_operation_has_a_capture() {
    for service in ["ddm", "dws"] {
        assert_eq!(
            captured_operations(service),
            spec_operations(service),
            "{service}: the captures (left) and the spec's operations (right) differ; \
             add the call to tests/official_sdk/capture.py and rerun it"
        );
    }
}

#[tokio::test]
async fn every_ddm_operation_sends_what_the_sdk_sends() {
    for operation in spec_operations("ddm") {
        assert_same_as_sdk("ddm", &operation).await;
    }
}

#[tokio::test]
async fn every_dws_operation_sends_what_the_sdk_sends() {
    for operation in spec_operations("dws") {
        assert_same_as_sdk("dws", &operation).await;
    }
}

/// The comparison can fail: a capture whose path, query order, body or Content-Type is
/// changed no longer matches our request.
#[tokio::test]
async fn a_changed_capture_does_not_match() {
    let mut capture = capture("dws", "list_database_users");
    let ours = Wire::from_request(&our_request("dws", "list_database_users").await);
    assert_eq!(ours, Wire::from_capture(&capture));
    let edits: [(&str, Value); 4] = [
        (
            "path",
            json!(capture["path"].as_str().unwrap().replace("users", "Users")),
        ),
        (
            "raw_query",
            json!("offset=0&limit=50&type=USER&user_type=COMMON"),
        ),
        ("content_type", json!("application/json;charset=utf-8")),
        ("body", json!({})),
    ];
    for (key, value) in edits {
        let original = std::mem::replace(&mut capture[key], value);
        assert_ne!(
            ours,
            Wire::from_capture(&capture),
            "changing `{key}` went unnoticed"
        );
        capture[key] = original;
    }
}
