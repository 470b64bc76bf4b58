//! DWS's O&M account status and database users against `fake-cloud` over HTTP: create,
//! list (a page number and size, no total), show, update, delete, their documented errors
//! and the bad input refused before sending.

use client_tests::fake_support::*;
use client_tests::fixtures::*;

use fake_cloud::codes;
use generated_client::dws;

fn user(name: &str, kind: dws::DatabaseUserKind) -> dws::UserAuthorityReq {
    dws::UserAuthorityReq {
        name: name.into(),
        type_: kind,
        login: None,
        password: Some("Dws@pass123".into()),
        system_admin: None,
        logical_cluster: None,
        password_disable: None,
        create_role: None,
        create_db: Some(true),
        inherit: None,
        conn_limit: None,
        grant_members: None,
        grant_list: None,
        desc: None,
    }
}

fn names(page: &dws::DatabaseUsersResp) -> Vec<String> {
    page.users
        .iter()
        .flatten()
        .filter_map(|u| u.name.clone())
        .collect()
}

#[tokio::test]
async fn the_om_status_follows_the_actions() {
    let fake = start().await;
    let client = dws_client(&fake);
    let status = client.show_om_user_status(DWS_CLUSTER).await.unwrap();
    let info = status.om_user_info.unwrap();
    assert_eq!(info.om_user_status, Some(dws::OmUserStatus::Off));
    let add = dws::OmUserActionRequest {
        operation: dws::OmUserOperation::AddOmUser,
    };
    let added = client.om_user_action(DWS_CLUSTER, &add).await.unwrap();
    let status = client.show_om_user_status(DWS_CLUSTER).await.unwrap();
    assert_eq!(status.om_user_info, added.om_user_info);
    assert_eq!(
        status.om_user_info.unwrap().om_user_status,
        Some(dws::OmUserStatus::On)
    );
}

#[tokio::test]
async fn users_are_created_listed_by_page_changed_and_deleted() {
    let fake = start().await;
    let client = dws_client(&fake);
    for name in ["user_a", "user_b", "user_c"] {
        client
            .create_database_user(DWS_CLUSTER, &user(name, dws::DatabaseUserKind::User))
            .await
            .unwrap();
    }
    client
        .create_database_user(DWS_CLUSTER, &user("role_r", dws::DatabaseUserKind::Role))
        .await
        .unwrap();

    let page = |offset, kind: Option<dws::UserOrRole>| {
        let call = client
            .list_database_users(DWS_CLUSTER)
            .offset(offset)
            .limit(2);
        match kind {
            Some(kind) => call.type_(kind),
            None => call,
        }
    };
    assert_eq!(names(&page(0, None).await.unwrap()), ["user_a", "user_b"]);
    assert_eq!(names(&page(1, None).await.unwrap()), ["user_c", "role_r"]);
    assert!(names(&page(2, None).await.unwrap()).is_empty());
    let roles = page(0, Some(dws::UserOrRole::Role)).await.unwrap();
    assert_eq!(names(&roles), ["role_r"]);

    let shown = client
        .show_database_user(DWS_CLUSTER, "user_b")
        .await
        .unwrap();
    assert_eq!(shown.createdb, Some(true));
    assert_eq!(shown.lock, Some(false));
    let change = dws::DatabaseUserInfoReq {
        lock: Some(true),
        conn_limit: Some(5),
        ..Default::default()
    };
    client
        .update_database_user(DWS_CLUSTER, "user_b", &change)
        .await
        .unwrap();
    let shown = client
        .show_database_user(DWS_CLUSTER, "user_b")
        .await
        .unwrap();
    assert_eq!((shown.lock, shown.conn_limit), (Some(true), Some(5)));

    client
        .delete_database_user(DWS_CLUSTER, "user_b")
        .await
        .unwrap();
    let all = client.list_database_users(DWS_CLUSTER).await.unwrap();
    assert_eq!(names(&all), ["user_a", "user_c", "role_r"]);
    let stored: Vec<_> = fake
        .dws_db_users(DWS_CLUSTER)
        .into_iter()
        .map(|u| u.name)
        .collect();
    assert_eq!(stored, ["user_a", "user_c", "role_r"]);
}

#[tokio::test]
async fn documented_errors_come_from_the_fake() {
    let fake = start().await;
    let client = dws_client(&fake);
    let new = user("user_a", dws::DatabaseUserKind::User);
    client
        .create_database_user(DWS_CLUSTER, &new)
        .await
        .unwrap();
    fake.clear_requests();
    let error = client
        .create_database_user(DWS_CLUSTER, &new)
        .await
        .unwrap_err();
    assert_api_error(&fake, &error, 400, codes::dws::CODE_PARAMETER);
    assert!(error.to_string().contains("already exists"), "{error}");

    let error = client
        .show_database_user(DWS_CLUSTER, "nobody")
        .await
        .unwrap_err();
    assert_api_error(&fake, &error, 404, codes::dws::CODE_PARAMETER);
    let error = client
        .update_database_user(DWS_CLUSTER, "nobody", &dws::DatabaseUserInfoReq::default())
        .await
        .unwrap_err();
    assert_api_error(&fake, &error, 404, codes::dws::CODE_PARAMETER);
    let error = client
        .delete_database_user(DWS_CLUSTER, "nobody")
        .await
        .unwrap_err();
    assert_api_error(&fake, &error, 404, codes::dws::CODE_PARAMETER);

    // A user that logs in needs a password.
    let mut no_password = user("user_z", dws::DatabaseUserKind::User);
    no_password.login = Some(true);
    no_password.password = None;
    let error = client
        .create_database_user(DWS_CLUSTER, &no_password)
        .await
        .unwrap_err();
    assert_api_error(&fake, &error, 400, codes::dws::CODE_PARAMETER);
}

#[tokio::test]
async fn bad_input_is_refused_before_sending() {
    let fake = start().await;
    let client = dws_client(&fake);
    let error = client
        .list_database_users(DWS_CLUSTER)
        .limit(0)
        .await
        .unwrap_err();
    assert_refused_before_sending(&fake, &error, "limit");
    assert!(error.to_string().contains("at least 1"), "{error}");
    let error = client
        .list_database_users(DWS_CLUSTER)
        .offset(-1)
        .await
        .unwrap_err();
    assert_refused_before_sending(&fake, &error, "offset");
    let error = client
        .show_database_user(DWS_CLUSTER, "")
        .await
        .unwrap_err();
    assert_refused_before_sending(&fake, &error, "name");
    let error = client
        .create_database_user(DWS_CLUSTER, &user("", dws::DatabaseUserKind::User))
        .await
        .unwrap_err();
    assert_refused_before_sending(&fake, &error, "name");
}
