//! The DDM account lifecycle against `fake-cloud` over HTTP: listing a page at a time,
//! deleting, resetting a password, and the administrator job, with each documented error
//! and the bad input the client refuses before sending.

use client_tests::fake_support::*;
use client_tests::fixtures::*;

use fake_cloud::{DdmJobStatus, FakeCloud, FakeConfig, codes};
use generated_client::ddm;

fn account(name: &str) -> ddm::CreateDdmUsersInfo {
    ddm::CreateDdmUsersInfo {
        name: name.into(),
        password: DDM_EXAMPLE_PASSWORD.into(),
        base_authority: vec![ddm::BaseAuthority::Select],
        extend_authority: None,
        description: None,
        databases: None,
    }
}

async fn create(client: &ddm::Client, names: &[&str]) {
    let users = names.iter().map(|n| account(n)).collect();
    client
        .create_users(DDM_INSTANCE, &ddm::CreateUsersRequest { users })
        .await
        .unwrap();
}

fn names(page: &ddm::ListUsersResponse) -> Vec<String> {
    page.users
        .iter()
        .flatten()
        .filter_map(|u| u.name.clone())
        .collect()
}

#[tokio::test]
async fn list_pages_through_what_was_created_and_not_deleted() {
    let fake = start().await;
    let client = ddm_client(&fake);
    create(&client, &["DDMuser1", "DDMuser2", "DDMuser3"]).await;
    client.delete_user(DDM_INSTANCE, "DDMuser2").await.unwrap();
    fake.clear_requests();

    let first = client
        .list_users(DDM_INSTANCE)
        .offset(0)
        .limit(1)
        .await
        .unwrap();
    assert_eq!(names(&first), ["DDMuser1"]);
    assert_eq!(
        (first.total_record, first.total_page, first.page_no),
        (Some(2), Some(2), Some(1))
    );
    let second = client
        .list_users(DDM_INSTANCE)
        .offset(1)
        .limit(1)
        .await
        .unwrap();
    assert_eq!(names(&second), ["DDMuser3"]);
    let all = client.list_users(DDM_INSTANCE).await.unwrap();
    assert_eq!(names(&all), ["DDMuser1", "DDMuser3"]);
    assert_eq!(all.page_size, Some(128));
    let user = &all.users.unwrap()[0];
    assert_eq!(
        user.base_authority.as_deref(),
        Some(&[ddm::BaseAuthority::Select][..])
    );
    assert!(user.created.is_some_and(|c| c > 0));
    let request = &fake.requests()[0];
    assert!(
        request.path.ends_with("/users?limit=1&offset=0"),
        "{}",
        request.path
    );
}

#[tokio::test]
async fn deleting_an_unknown_account_is_dbs_300327() {
    let fake = start().await;
    let client = ddm_client(&fake);
    let error = client
        .delete_user(DDM_INSTANCE, "DDMnobody")
        .await
        .unwrap_err();
    assert_api_error(&fake, &error, 400, codes::ddm::CODE_ACCOUNT_NOT_FOUND);
}

#[tokio::test]
async fn a_reset_password_is_the_one_the_fake_holds() {
    let fake = start().await;
    let client = ddm_client(&fake);
    create(&client, &[DDM_USER]).await;
    let before = fake.ddm_account(DDM_INSTANCE, DDM_USER).unwrap();
    let body = ddm::ResetUserPasswordRequest {
        password: "Newpass@2024".into(),
    };
    let answer = client
        .reset_user_password(DDM_INSTANCE, DDM_USER, &body)
        .await
        .unwrap();
    assert_eq!(answer.success, Some(true));
    assert_eq!(answer.user_name.as_deref(), Some(DDM_USER));
    let after = fake.ddm_account(DDM_INSTANCE, DDM_USER).unwrap();
    assert_eq!(after.password, "Newpass@2024");
    assert!(after.password_changed_ms >= before.password_changed_ms);

    // The service's own rule: three kinds of characters (the client checks only the length).
    fake.clear_requests();
    let weak = ddm::ResetUserPasswordRequest {
        password: "alllowercase".into(),
    };
    let error = client
        .reset_user_password(DDM_INSTANCE, DDM_USER, &weak)
        .await
        .unwrap_err();
    assert_api_error(&fake, &error, 400, codes::ddm::CODE_INVALID_PASSWORD);
    assert_eq!(
        fake.ddm_account(DDM_INSTANCE, DDM_USER).unwrap().password,
        "Newpass@2024"
    );

    let error = client
        .reset_user_password(DDM_INSTANCE, "DDMnobody", &body)
        .await
        .unwrap_err();
    assert_api_error(&fake, &error, 400, codes::ddm::CODE_ACCOUNT_NOT_FOUND);
}

fn admin(password: &str) -> ddm::AdminUserRequest {
    ddm::AdminUserRequest {
        name: "root".into(),
        password: password.into(),
    }
}

async fn job_status(client: &ddm::Client, id: &str) -> Option<ddm::JobStatus> {
    client.show_job(id).await.unwrap().job.unwrap().status
}

#[tokio::test]
async fn an_admin_job_runs_for_the_configured_polls_then_completes() {
    let config = FakeConfig {
        ddm_job_polls: 2,
        ..FakeConfig::default()
    };
    let fake = FakeCloud::start_with(config).await;
    let client = ddm_client(&fake);
    let id = client
        .manage_admin_password(DDM_INSTANCE, &admin(DDM_ADMIN_PASSWORD))
        .await
        .unwrap()
        .job_id
        .unwrap();
    // Another administrator call while the job runs: another operation is in progress.
    fake.clear_requests();
    let error = client
        .manage_admin_password(DDM_INSTANCE, &admin(DDM_ADMIN_PASSWORD))
        .await
        .unwrap_err();
    assert_api_error(&fake, &error, 409, codes::ddm::CODE_IN_PROGRESS);
    assert!(fake.ddm_admin(DDM_INSTANCE).is_none());

    assert_eq!(
        job_status(&client, &id).await,
        Some(ddm::JobStatus::Running)
    );
    assert_eq!(
        job_status(&client, &id).await,
        Some(ddm::JobStatus::Running)
    );
    assert_eq!(
        job_status(&client, &id).await,
        Some(ddm::JobStatus::Completed)
    );
    assert_eq!(
        job_status(&client, &id).await,
        Some(ddm::JobStatus::Completed)
    );
    let admin_now = fake.ddm_admin(DDM_INSTANCE).unwrap();
    assert_eq!(admin_now.password, DDM_ADMIN_PASSWORD);
    assert_eq!(admin_now.job_ids, std::slice::from_ref(&id));
    assert_eq!(fake.ddm_job(&id).unwrap().status, DdmJobStatus::Completed);
}

#[tokio::test]
async fn a_failed_admin_job_leaves_the_password_as_it_was() {
    let config = FakeConfig {
        ddm_job_polls: 1,
        ddm_job_succeeds: false,
        ..FakeConfig::default()
    };
    let fake = FakeCloud::start_with(config).await;
    let client = ddm_client(&fake);
    let id = client
        .manage_admin_password(DDM_INSTANCE, &admin(DDM_ADMIN_PASSWORD))
        .await
        .unwrap()
        .job_id
        .unwrap();
    assert_eq!(
        job_status(&client, &id).await,
        Some(ddm::JobStatus::Running)
    );
    assert_eq!(job_status(&client, &id).await, Some(ddm::JobStatus::Failed));
    assert!(fake.ddm_admin(DDM_INSTANCE).is_none());
}

#[tokio::test]
async fn an_unknown_job_is_a_parameter_error() {
    let fake = start().await;
    let client = ddm_client(&fake);
    let error = client.show_job("no-such-job").await.unwrap_err();
    assert_api_error(&fake, &error, 400, codes::ddm::CODE_PARAMETER);
}

#[tokio::test]
async fn bad_input_is_refused_before_sending() {
    let fake = start().await;
    let client = ddm_client(&fake);
    for limit in [0, 129] {
        let error = client
            .list_users(DDM_INSTANCE)
            .limit(limit)
            .await
            .unwrap_err();
        assert_refused_before_sending(&fake, &error, "limit");
        let rule = if limit == 0 {
            "at least 1"
        } else {
            "at most 128"
        };
        assert!(error.to_string().contains(rule), "{error}");
    }
    let error = client
        .list_users(DDM_INSTANCE)
        .offset(-1)
        .await
        .unwrap_err();
    assert_refused_before_sending(&fake, &error, "offset");
    let error = client.show_job("").await.unwrap_err();
    assert_refused_before_sending(&fake, &error, "job_id");
    let error = client.delete_user(DDM_INSTANCE, "").await.unwrap_err();
    assert_refused_before_sending(&fake, &error, "username");
    let short = ddm::ResetUserPasswordRequest {
        password: "Ab1@".into(),
    };
    let error = client
        .reset_user_password(DDM_INSTANCE, DDM_USER, &short)
        .await
        .unwrap_err();
    assert_refused_before_sending(&fake, &error, "password");
}
