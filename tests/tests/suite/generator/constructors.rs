//! The generated constructors, setters and enum conversions: a request built with them is
//! the same value, and serialises to the same bytes, as the struct literal spelled out.

use generated_client::{ddm, dws};

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
fn a_dws_request_from_constructors_serialises_like_the_literal() {
    let literal = dws::UserAuthorityReq {
        name: "dbuser1".into(),
        type_: dws::DatabaseUserKind::User,
        login: Some(true),
        password: Some("Dws#user-pw1".into()),
        system_admin: None,
        logical_cluster: None,
        password_disable: None,
        create_role: None,
        create_db: Some(true),
        inherit: None,
        conn_limit: Some(-1),
        grant_members: None,
        grant_list: Some(vec![
            dws::GrantAuthority::default()
                .with_type(dws::GrantObjectType::Database)
                .with_database("gaussdb"),
        ]),
        desc: None,
    };
    let built = dws::UserAuthorityReq::new("dbuser1", dws::DatabaseUserKind::User)
        .with_login(true)
        .with_password("Dws#user-pw1")
        .with_create_db(true)
        .with_conn_limit(-1)
        .with_grant_list([dws::GrantAuthority::new()
            .with_type(dws::GrantObjectType::Database)
            .with_database("gaussdb")]);
    assert_eq!(built, literal);
    assert_eq!(
        serde_json::to_string(&built).unwrap(),
        serde_json::to_string(&literal).unwrap()
    );
    // A struct of optional fields only starts empty, and sends `{}`.
    assert_eq!(
        serde_json::to_string(&dws::GrantAuthority::new()).unwrap(),
        "{}"
    );
}

#[test]
fn enums_read_their_wire_text_and_keep_unknown_text() {
    assert_eq!(
        ddm::BaseAuthority::from("SELECT"),
        ddm::BaseAuthority::Select
    );
    let parsed: ddm::BaseAuthority = "DROP".parse().unwrap();
    assert_eq!(parsed, ddm::BaseAuthority::Unknown("DROP".into()));
    assert_eq!(parsed.as_str(), "DROP");
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
