//! The generated constructors, setters and enum conversions: a request built with them is
//! the same value, and serialises to the same bytes, as the struct literal spelled out.

use generated_client::{ddm, dws, ocp};

#[test]
fn a_ddm_request_from_constructors_serialises_like_the_literal() {
    let literal = ddm::CreateUsersRequest {
        users: vec![ddm::CreateDdmUsersInfo {
            name: "ddm_user1".into(),
            password: "Axejs@98a".into(),
            base_authority: vec![ddm::BaseAuthority::Select],
            extend_authority: Some(vec![ddm::ExtendAuthority::FulltableSelect]),
            description: Some("reporting".into()),
            databases: None,
        }],
    };
    let built = ddm::CreateUsersRequest::new([ddm::CreateDdmUsersInfo::new(
        "ddm_user1",
        "Axejs@98a",
        [ddm::BaseAuthority::Select],
    )
    .with_extend_authority([ddm::ExtendAuthority::FulltableSelect])
    .with_description("reporting")]);
    assert_eq!(built, literal);
    assert_eq!(
        serde_json::to_string(&built).unwrap(),
        serde_json::to_string(&literal).unwrap()
    );
}

#[test]
fn an_ocp_request_from_constructors_serialises_like_the_literal() {
    let literal = ocp::CreateDbUserRequest {
        username: "analyst".into(),
        password: "Pass@word1".into(),
        global_privileges: Some(vec!["SELECT".into()]),
        db_privileges: Some(vec![ocp::DbPrivilege {
            db_name: "sales".into(),
            privileges: vec!["SELECT".into(), "INDEX".into()],
        }]),
        roles: None,
    };
    let built = ocp::CreateDbUserRequest::new("analyst", "Pass@word1")
        .with_global_privileges(["SELECT"])
        .with_db_privileges([ocp::DbPrivilege::new("sales", ["SELECT", "INDEX"])]);
    assert_eq!(built, literal);
    assert_eq!(
        serde_json::to_string(&built).unwrap(),
        serde_json::to_string(&literal).unwrap()
    );
    // A struct of optional fields only starts empty, and sends `{}`.
    assert_eq!(
        serde_json::to_string(&dws::DatabaseOmUserInfo::new()).unwrap(),
        "{}"
    );
    assert_eq!(dws::DatabaseOmUserInfo::new(), Default::default());
}

#[test]
fn enums_read_their_wire_text_and_keep_unknown_text() {
    assert_eq!(
        ddm::BaseAuthority::from("SELECT"),
        ddm::BaseAuthority::Select
    );
    let parsed: ddm::BaseAuthority = "TRUNCATE_ALL".parse().unwrap();
    assert_eq!(parsed, ddm::BaseAuthority::Unknown("TRUNCATE_ALL".into()));
    assert_eq!(parsed.as_str(), "TRUNCATE_ALL");
    assert_eq!(ddm::BaseAuthority::from("DROP"), ddm::BaseAuthority::Drop);
    assert_eq!(ddm::BaseAuthority::Select.as_str(), "SELECT");
}

#[test]
fn epoch_milliseconds_read_as_a_time() {
    let info: dws::DatabaseOmUserInfo =
        serde_json::from_str(r#"{"om_user_status": "on", "om_user_expires_time": 1747214333491}"#)
            .unwrap();
    let expires = info.om_user_expires_time.expect("a time");
    assert_eq!(expires.to_string(), "2025-05-14T09:18:53.491Z");
    assert_eq!(
        serde_json::to_value(&info).unwrap()["om_user_expires_time"],
        1747214333491i64
    );
}
