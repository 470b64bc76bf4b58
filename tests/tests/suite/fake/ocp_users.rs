//! OCP's database users against `fake-cloud` over HTTP: list (page and size), show, lock,
//! unlock, privileges, password and delete, their documented errors and the bad input
//! refused before sending.

use client_tests::fake_support::*;
use client_tests::fixtures::*;

use fake_cloud::codes;
use generated_client::ocp;

async fn create(client: &ocp::Client, name: &str) {
    let body = client_tests::ocp_user_request(name, OCP_PASSWORD);
    client
        .create_db_user(OCP_CLUSTER, OCP_TENANT, &body)
        .await
        .unwrap();
}

fn privileges(list: &[&str]) -> ocp::GlobalPrivilegesRequest {
    ocp::GlobalPrivilegesRequest {
        global_privileges: list.iter().map(|p| p.to_string()).collect(),
    }
}

#[tokio::test]
async fn a_user_is_listed_locked_unlocked_granted_and_deleted() {
    let fake = start().await;
    let client = ocp_client(&fake);
    for name in ["user1", "user2", "user3"] {
        create(&client, name).await;
    }
    let page = client
        .list_db_users(OCP_CLUSTER, OCP_TENANT)
        .page(2)
        .size(2)
        .await
        .unwrap();
    let names: Vec<_> = page
        .contents
        .iter()
        .flatten()
        .filter_map(|u| u.username.clone())
        .collect();
    assert_eq!(names, ["user3"]);
    let info = page.page.unwrap();
    assert_eq!(
        (info.total_elements, info.total_pages, info.number),
        (Some(3), Some(2), Some(2))
    );

    client
        .lock_db_user(OCP_CLUSTER, OCP_TENANT, "user1")
        .await
        .unwrap();
    let shown = client
        .get_db_user(OCP_CLUSTER, OCP_TENANT, "user1")
        .await
        .unwrap();
    assert_eq!(shown.is_locked, Some(true));
    client
        .unlock_db_user(OCP_CLUSTER, OCP_TENANT, "user1")
        .await
        .unwrap();
    let shown = client
        .get_db_user(OCP_CLUSTER, OCP_TENANT, "user1")
        .await
        .unwrap();
    assert_eq!(shown.is_locked, Some(false));

    client
        .grant_global_privilege(OCP_CLUSTER, OCP_TENANT, "user1", &privileges(&["INSERT"]))
        .await
        .unwrap();
    let held = fake.ocp_users(OCP_CLUSTER, OCP_TENANT)[0]
        .global_privileges
        .clone();
    assert!(held.contains(&"INSERT".to_string()), "{held:?}");
    client
        .revoke_global_privilege(OCP_CLUSTER, OCP_TENANT, "user1", &privileges(&["INSERT"]))
        .await
        .unwrap();
    let modify = ocp::ModifyDbPrivilegeRequest {
        db_privileges: vec![ocp::DbPrivilege {
            db_name: "db1".into(),
            privileges: vec!["SELECT".into()],
        }],
    };
    client
        .modify_db_privilege(OCP_CLUSTER, OCP_TENANT, "user1", &modify)
        .await
        .unwrap();
    let change = ocp::ChangeDbUserPasswordRequest {
        new_password: "Changed#pw1".into(),
        save_to_credential: None,
    };
    client
        .change_db_user_password(OCP_CLUSTER, OCP_TENANT, "user1", &change)
        .await
        .unwrap();
    let stored = fake.ocp_users(OCP_CLUSTER, OCP_TENANT)[0].clone();
    assert_eq!(stored.password, "Changed#pw1");
    assert!(!stored.global_privileges.contains(&"INSERT".to_string()));
    assert_eq!(stored.db_privileges[0].db_name, "db1");

    client
        .delete_db_user(OCP_CLUSTER, OCP_TENANT, "user1")
        .await
        .unwrap();
    let all = client.list_db_users(OCP_CLUSTER, OCP_TENANT).await.unwrap();
    let names: Vec<_> = all
        .contents
        .iter()
        .flatten()
        .filter_map(|u| u.username.clone())
        .collect();
    assert_eq!(names, ["user2", "user3"]);
}

#[tokio::test]
async fn documented_errors_come_from_the_fake() {
    let fake = start().await;
    let client = ocp_client(&fake);
    create(&client, "user1").await;
    fake.clear_requests();
    let not_found = codes::ocp::CODE_USER_NOT_FOUND.to_string();
    let error = client
        .get_db_user(OCP_CLUSTER, OCP_TENANT, "nobody")
        .await
        .unwrap_err();
    assert_api_error(&fake, &error, 404, &not_found);
    let error = client
        .lock_db_user(OCP_CLUSTER, OCP_TENANT, "nobody")
        .await
        .unwrap_err();
    assert_api_error(&fake, &error, 404, &not_found);
    let error = client
        .delete_db_user(OCP_CLUSTER, OCP_TENANT, "nobody")
        .await
        .unwrap_err();
    assert_api_error(&fake, &error, 404, &not_found);

    let not_allowed = codes::ocp::CODE_OPERATION_NOT_ALLOWED.to_string();
    let error = client
        .delete_db_user(OCP_CLUSTER, OCP_TENANT, "root")
        .await
        .unwrap_err();
    assert_api_error(&fake, &error, 400, &not_allowed);

    let failed = codes::ocp::CODE_PRIVILEGE_FAILED.to_string();
    let error = client
        .grant_global_privilege(OCP_CLUSTER, OCP_TENANT, "user1", &privileges(&["FLY"]))
        .await
        .unwrap_err();
    assert_api_error(&fake, &error, 400, &failed);
    let error = client
        .revoke_global_privilege(OCP_CLUSTER, OCP_TENANT, "user1", &privileges(&["SUPER"]))
        .await
        .unwrap_err();
    assert_api_error(&fake, &error, 400, &failed);

    let exists = codes::ocp::CODE_USER_EXISTS.to_string();
    let error = client
        .create_db_user(
            OCP_CLUSTER,
            OCP_TENANT,
            &client_tests::ocp_user_request("user1", OCP_PASSWORD),
        )
        .await
        .unwrap_err();
    assert_api_error(&fake, &error, 400, &exists);

    let error = client.list_db_users(OCP_CLUSTER, 999).await.unwrap_err();
    assert_api_error(&fake, &error, 404, &codes::ocp::CODE_NOT_FOUND.to_string());
}

#[tokio::test]
async fn bad_input_is_refused_before_sending() {
    let fake = start().await;
    let client = ocp_client(&fake);
    let error = client
        .list_db_users(OCP_CLUSTER, OCP_TENANT)
        .size(0)
        .await
        .unwrap_err();
    assert_refused_before_sending(&fake, &error, "size");
    assert!(error.to_string().contains("at least 1"), "{error}");
    let error = client
        .list_db_users(OCP_CLUSTER, OCP_TENANT)
        .page(0)
        .await
        .unwrap_err();
    assert_refused_before_sending(&fake, &error, "page");
    let error = client
        .lock_db_user(OCP_CLUSTER, OCP_TENANT, "")
        .await
        .unwrap_err();
    assert_refused_before_sending(&fake, &error, "username");
    let error = client
        .grant_global_privilege(OCP_CLUSTER, OCP_TENANT, "user1", &privileges(&[]))
        .await
        .unwrap_err();
    assert_refused_before_sending(&fake, &error, "globalPrivileges");
}
