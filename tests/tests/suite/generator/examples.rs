//! The pages' examples are test data: each example request is what the client's models
//! produce, and each example answer decodes into the models with nothing lost.

use client_tests::fixtures;
use client_tests::{request_examples, response_example, without_nulls};
use generated_client::{ddm, dws, ocp};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

const DDM_USERS: &str = "/v1/{project_id}/instances/{instance_id}/users";
const DDM_USER: &str = "/v1/{project_id}/instances/{instance_id}/users/{username}";
const DDM_ADMIN: &str = "/v3/{project_id}/instances/{instance_id}/admin-user";
const DWS_ACTION: &str = "/v1/{project_id}/clusters/{cluster_id}/db-manager/om-user/action";
const OCP_USERS: &str = "/api/v2/ob/clusters/{id}/tenants/{tenantId}/users";

fn json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("models serialise")
}

/// Decodes `example` into `T` and encodes it again: the same JSON must come back.
fn round_trip<T: DeserializeOwned + Serialize>(example: &Value) -> T {
    let decoded: T =
        serde_json::from_value(example.clone()).unwrap_or_else(|e| panic!("{e}: {example}"));
    assert_eq!(
        without_nulls(&json(&decoded)),
        without_nulls(example),
        "nothing is lost"
    );
    decoded
}

#[test]
fn ddm_create_users_request_is_the_pages_example() {
    let request = ddm::CreateUsersRequest {
        users: vec![ddm::CreateDdmUsersInfo {
            name: fixtures::DDM_USER.into(),
            password: fixtures::DDM_EXAMPLE_PASSWORD.into(),
            base_authority: vec![
                ddm::BaseAuthority::Create,
                ddm::BaseAuthority::Drop,
                ddm::BaseAuthority::Alter,
                ddm::BaseAuthority::Index,
                ddm::BaseAuthority::Insert,
                ddm::BaseAuthority::Delete,
                ddm::BaseAuthority::Update,
                ddm::BaseAuthority::Select,
            ],
            extend_authority: Some(vec![
                ddm::ExtendAuthority::FulltableSelect,
                ddm::ExtendAuthority::FulltableDelete,
                ddm::ExtendAuthority::FulltableUpdate,
            ]),
            description: Some(String::new()),
            databases: Some(vec![ddm::CreateDdmUsersDatabases {
                name: "DDMdb1".into(),
            }]),
        }],
    };
    assert_eq!(
        vec![json(&request)],
        request_examples("ddm", DDM_USERS, "post")
    );
    generated_client::runtime::Validate::validate(&request).expect("the page's example is valid");
}

#[test]
fn ddm_update_user_request_is_the_pages_example() {
    let request = ddm::UpdateUserRequest {
        user: ddm::UpdateUserDetailReq {
            base_authority: Some(vec![ddm::BaseAuthority::Select]),
            description: Some("test11".into()),
            databases: Some(vec![ddm::UpdateUsersDatabases {
                name: "db_7350".into(),
            }]),
        },
    };
    assert_eq!(
        vec![json(&request)],
        request_examples("ddm", DDM_USER, "put")
    );
}

#[test]
fn ddm_admin_password_request_is_the_pages_example() {
    let request = ddm::AdminUserRequest {
        name: "root".into(),
        password: "****".into(),
    };
    assert_eq!(
        vec![json(&request)],
        request_examples("ddm", DDM_ADMIN, "put")
    );
}

#[test]
fn dws_requests_are_the_pages_examples() {
    let requests: Vec<Value> = [
        dws::OmUserOperation::AddOmUser,
        dws::OmUserOperation::DeleteOmUser,
        dws::OmUserOperation::IncreaseOmUserPeriod,
    ]
    .into_iter()
    .map(|operation| json(&dws::OmUserActionRequest { operation }))
    .collect();
    assert_eq!(requests, request_examples("dws", DWS_ACTION, "post"));
}

#[test]
fn ocp_request_is_the_pages_example() {
    let request = ocp::CreateDbUserRequest {
        username: "user1".into(),
        password: "******".into(),
        global_privileges: Some(vec!["DELETE".into(), "SELECT".into(), "INDEX".into()]),
        db_privileges: Some(vec![ocp::DbPrivilege {
            db_name: "db1".into(),
            privileges: vec!["ALTER".into(), "CREATE".into(), "SELECT".into()],
        }]),
        roles: None,
    };
    assert_eq!(
        vec![json(&request)],
        request_examples("ocp", OCP_USERS, "post")
    );
}

#[test]
fn every_example_request_decodes_into_the_models() {
    for e in request_examples("ddm", DDM_USERS, "post") {
        round_trip::<ddm::CreateUsersRequest>(&e);
    }
    for e in request_examples("ddm", DDM_USER, "put") {
        round_trip::<ddm::UpdateUserRequest>(&e);
    }
    for e in request_examples("ddm", DDM_ADMIN, "put") {
        round_trip::<ddm::AdminUserRequest>(&e);
    }
    for e in request_examples("dws", DWS_ACTION, "post") {
        round_trip::<dws::OmUserActionRequest>(&e);
    }
    for e in request_examples("ocp", OCP_USERS, "post") {
        round_trip::<ocp::CreateDbUserRequest>(&e);
    }
}

#[test]
fn ddm_example_answers_decode_with_nothing_lost() {
    let created: ddm::CreateUsersResponse =
        round_trip(&response_example("ddm", DDM_USERS, "post", "200"));
    assert_eq!(
        created.users.unwrap()[0].name.as_deref(),
        Some(fixtures::DDM_USER)
    );
    let updated: ddm::UpdateUserResponse =
        round_trip(&response_example("ddm", DDM_USER, "put", "200"));
    assert_eq!(updated.name.as_deref(), Some("ddmtest"));
    let admin: ddm::AdminUserResponse =
        round_trip(&response_example("ddm", DDM_ADMIN, "put", "202"));
    assert_eq!(
        admin.job_id.as_deref(),
        Some("b9e057a0-f0fb-4987-9d21-f3a7550b32e7")
    );
    for (path, method) in [(DDM_USERS, "post"), (DDM_USER, "put"), (DDM_ADMIN, "put")] {
        for status in ["400", "500"] {
            let error: ddm::DdmError = round_trip(&response_example("ddm", path, method, status));
            assert!(error.err_code.unwrap().starts_with("DBS."));
        }
    }
}

#[test]
fn dws_example_answers_decode_with_nothing_lost() {
    let answer: dws::OmUserActionResponse =
        round_trip(&response_example("dws", DWS_ACTION, "post", "200"));
    assert_eq!(answer.error_code, Some(0));
    assert_eq!(answer.error_msg, None);
    let info = answer.om_user_info.unwrap();
    assert_eq!(info.om_user_status, Some(dws::OmUserStatus::On));
    assert_eq!(
        info.om_user_expires_time.map(|t| t.millis()),
        Some(1_747_214_333_491)
    );
    let error: dws::DwsError = round_trip(&response_example("dws", DWS_ACTION, "post", "400"));
    assert_eq!(error.error_code.as_deref(), Some("DWS.0001"));
}

#[test]
fn ocp_example_answers_decode_with_nothing_lost() {
    let answer: ocp::CreateDbUserResponse =
        round_trip(&response_example("ocp", OCP_USERS, "post", "200"));
    assert_eq!(answer.successful, Some(true));
    assert_eq!(answer.trace_id.as_deref(), Some("9f90d133858c41e4"));
    let user = answer.data.unwrap();
    assert_eq!(user.username.as_deref(), Some("user1"));
    assert_eq!(user.is_locked, Some(false));
    assert_eq!(
        user.create_time.unwrap().to_rfc3339(),
        "2021-09-07T15:21:52.664003+08:00"
    );
    let error: ocp::OcpErrorResponse =
        round_trip(&response_example("ocp", OCP_USERS, "post", "400"));
    assert_eq!(error.error.unwrap().code, Some(serde_json::json!(60046)));
}

#[test]
fn enum_values_the_client_does_not_know_still_decode_and_are_sent_back_as_is() {
    let status: dws::OmUserStatus = serde_json::from_value(serde_json::json!("frozen")).unwrap();
    assert_eq!(status, dws::OmUserStatus::Unknown("frozen".into()));
    assert_eq!(status.as_str(), "frozen");
    assert_eq!(json(&status), serde_json::json!("frozen"));
    let known: dws::OmUserStatus = serde_json::from_value(serde_json::json!("off")).unwrap();
    assert_eq!(known, dws::OmUserStatus::Off);
}
