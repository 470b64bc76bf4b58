//! The generated DDM client against `fake-cloud` over real HTTP: every operation, every
//! documented error, state across calls, and token and AK/SK authentication. Where the
//! client's own validation refuses data, the test shows the fake was never reached; where
//! only the service can know (duplicates, unknown accounts, the account limit, names the
//! length rule lets through), the error comes from the fake.

use client_tests::fake_support;
use client_tests::fixtures::*;

use fake_cloud::{FakeCloud, FakeConfig};
use fake_support::*;
use generated_client::{Credentials, ddm};

fn account(name: &str, base: &[ddm::BaseAuthority]) -> ddm::CreateDdmUsersInfo {
    ddm::CreateDdmUsersInfo {
        name: name.into(),
        password: DDM_EXAMPLE_PASSWORD.into(),
        base_authority: base.to_vec(),
        extend_authority: None,
        description: None,
        databases: None,
    }
}

fn create(users: Vec<ddm::CreateDdmUsersInfo>) -> ddm::CreateUsersRequest {
    ddm::CreateUsersRequest { users }
}

fn update(user: ddm::UpdateUserDetailReq) -> ddm::UpdateUserRequest {
    ddm::UpdateUserRequest { user }
}

fn admin(name: &str, password: &str) -> ddm::AdminUserRequest {
    ddm::AdminUserRequest {
        name: name.into(),
        password: password.into(),
    }
}

#[tokio::test]
async fn create_modify_and_create_again_share_state() {
    client_tests::within(
        "create_modify_and_create_again_share_state",
        client_tests::CASE_LIMIT,
        async {
            let fake = start().await;
            let client = ddm_client(&fake);

            let mut reader = account(DDM_USER, &[ddm::BaseAuthority::Select]);
            reader.extend_authority = Some(vec![ddm::ExtendAuthority::FulltableSelect]);
            reader.description = Some("reports".into());
            reader.databases = Some(vec![ddm::CreateDdmUsersDatabases {
                name: "DDMdb1".into(),
            }]);
            let created = client
                .create_users(DDM_INSTANCE, &create(vec![reader.clone()]))
                .await
                .unwrap();
            let names: Vec<_> = created.users.unwrap().into_iter().map(|u| u.name).collect();
            assert_eq!(names, [Some(DDM_USER.to_owned())]);
            let request = take_single_request(&fake);
            assert_eq!(
                (request.method.as_str(), request.path.as_str()),
                (
                    "POST",
                    format!(
                        "/v1/{}/instances/{DDM_INSTANCE}/users",
                        FakeConfig::DEFAULT_PROJECT_ID
                    )
                    .as_str()
                )
            );
            assert_eq!(request.status, Some(200));
            let stored = fake.ddm_account(DDM_INSTANCE, DDM_USER).unwrap();
            assert_eq!(stored.password, DDM_EXAMPLE_PASSWORD);
            assert_eq!(stored.base_authority, ["SELECT"]);
            assert_eq!(stored.extend_authority, ["fulltableSelect"]);
            assert_eq!(stored.databases, ["DDMdb1"]);

            // Taking SELECT away takes fulltableSelect with it; the description stays.
            let change = update(ddm::UpdateUserDetailReq {
                base_authority: Some(vec![ddm::BaseAuthority::Insert, ddm::BaseAuthority::Update]),
                databases: Some(vec![ddm::UpdateUsersDatabases {
                    name: "DDMdb2".into(),
                }]),
                ..Default::default()
            });
            let updated = client
                .update_user(DDM_INSTANCE, DDM_USER, &change)
                .await
                .unwrap();
            assert_eq!(updated.name.as_deref(), Some(DDM_USER));
            let request = take_single_request(&fake);
            assert_eq!(request.method, "PUT");
            assert!(
                request.path.ends_with(&format!("/users/{DDM_USER}")),
                "{}",
                request.path
            );
            let stored = fake.ddm_account(DDM_INSTANCE, DDM_USER).unwrap();
            assert_eq!(stored.base_authority, ["INSERT", "UPDATE"]);
            assert!(stored.extend_authority.is_empty());
            assert_eq!(stored.description, "reports");
            assert_eq!(stored.databases, ["DDMdb2"]);

            // The same name again: only the service knows it is taken.
            let error = client
                .create_users(DDM_INSTANCE, &create(vec![reader]))
                .await
                .unwrap_err();
            assert_api_error(&fake, &error, 400, "DBS.300311");
            assert_eq!(fake.ddm_accounts(DDM_INSTANCE).len(), 1);
            // Another instance is another namespace.
            let other = create(vec![account(DDM_USER, &[ddm::BaseAuthority::Select])]);
            client.create_users("other-instance", &other).await.unwrap();
        },
    )
    .await
}

#[tokio::test]
async fn admin_password_is_set_then_changed_with_a_job_id_each_time() {
    client_tests::within(
        "admin_password_is_set_then_changed_with_a_job_id_each_time",
        client_tests::CASE_LIMIT,
        async {
            let fake = start().await;
            let client = ddm_client(&fake);
            let first = client
                .manage_admin_password(DDM_INSTANCE, &admin("root", "Test@123"))
                .await
                .unwrap();
            let request = take_single_request(&fake);
            assert_eq!(request.method, "PUT");
            assert!(request.path.starts_with("/v3/"), "{}", request.path);
            assert_eq!(request.status, Some(202));
            let second = client
                .manage_admin_password(DDM_INSTANCE, &admin("root", "Other@456"))
                .await
                .unwrap();
            fake.clear_requests();
            let admin_state = fake.ddm_admin(DDM_INSTANCE).unwrap();
            assert_eq!(admin_state.password, "Other@456");
            assert_eq!(admin_state.password_changes, 1);
            assert_eq!(
                admin_state.job_ids,
                [first.job_id.unwrap(), second.job_id.unwrap()]
            );

            // Once set, the administrator's name is fixed.
            let error = client
                .manage_admin_password(DDM_INSTANCE, &admin("admin2", "Test@123"))
                .await
                .unwrap_err();
            assert_api_error(&fake, &error, 400, "DBS.280001");
            // Rules the spec does not state reach the service, which refuses them.
            for (name, password, code) in [
                ("1root", "Test@123", "DBS.280001"),
                ("", "Test@123", "DBS.280001"),
                ("root", "", "DBS.300306"),
            ] {
                let error = client
                    .manage_admin_password("fresh-instance", &admin(name, password))
                    .await
                    .unwrap_err();
                assert_api_error(&fake, &error, 400, code);
            }
            assert!(fake.ddm_admin("fresh-instance").is_none());
        },
    )
    .await
}

/// Rules only the service applies: the client lets the request through, the fake refuses it
/// with the documented code, and nothing is stored.
#[tokio::test]
async fn errors_only_the_service_catches() {
    client_tests::within(
        "errors_only_the_service_catches",
        client_tests::CASE_LIMIT,
        async {
            let fake = start().await;
            let client = ddm_client(&fake);
            let select = [ddm::BaseAuthority::Select];

            // Long enough, but not a valid name: the spec's `pattern` (Huawei's own
            // definition of the rule) refuses it before sending; the fake would answer
            // DBS.300305.
            for name in ["1ddmuser", "ddm-user"] {
                let error = client
                    .create_users(DDM_INSTANCE, &create(vec![account(name, &select)]))
                    .await
                    .expect_err(name);
                assert_refused_before_sending(&fake, &error, "users[0].name");
            }
            let mut cases = vec![
                (
                    "unknown basic permission",
                    account("ddmuser1", &[ddm::BaseAuthority::Unknown("GRANT".into())]),
                    "DBS.300309",
                ),
                ("empty password", account("ddmuser1", &select), "DBS.300306"),
            ];
            cases[1].1.password = "".into();
            let mut unknown_extended = account("ddmuser1", &select);
            unknown_extended.extend_authority =
                Some(vec![ddm::ExtendAuthority::Unknown("fulltableAll".into())]);
            cases.push((
                "unknown extended permission",
                unknown_extended,
                "DBS.300310",
            ));
            for (why, user, code) in cases {
                let error = client
                    .create_users(DDM_INSTANCE, &create(vec![user]))
                    .await
                    .expect_err(why);
                assert_api_error(&fake, &error, 400, code);
            }

            // The same name twice in one request.
            let twice = create(vec![
                account("ddmuser1", &select),
                account("ddmuser1", &select),
            ]);
            let error = client.create_users(DDM_INSTANCE, &twice).await.unwrap_err();
            assert_api_error(&fake, &error, 400, "DBS.300311");
            assert!(fake.ddm_accounts(DDM_INSTANCE).is_empty());

            // Modifying an account that does not exist.
            let change = update(ddm::UpdateUserDetailReq {
                description: Some("x".into()),
                ..Default::default()
            });
            let error = client
                .update_user(DDM_INSTANCE, "nobody", &change)
                .await
                .unwrap_err();
            assert_api_error(&fake, &error, 400, "DBS.300327");

            // An empty permission list on modify (the spec bounds it on create only).
            client
                .create_users(DDM_INSTANCE, &create(vec![account("ddmuser1", &select)]))
                .await
                .unwrap();
            fake.clear_requests();
            let change = update(ddm::UpdateUserDetailReq {
                base_authority: Some(vec![]),
                ..Default::default()
            });
            let error = client
                .update_user(DDM_INSTANCE, "ddmuser1", &change)
                .await
                .unwrap_err();
            assert_api_error(&fake, &error, 400, "DBS.300309");
            assert_eq!(
                fake.ddm_account(DDM_INSTANCE, "ddmuser1")
                    .unwrap()
                    .base_authority,
                ["SELECT"]
            );
        },
    )
    .await
}

/// Rules the spec states: the client refuses, names the field, and sends nothing.
#[tokio::test]
async fn errors_the_client_refuses_before_sending() {
    client_tests::within(
        "errors_the_client_refuses_before_sending",
        client_tests::CASE_LIMIT,
        async {
            let fake = start().await;
            let client = ddm_client(&fake);
            let select = [ddm::BaseAuthority::Select];

            let error = client
                .create_users(DDM_INSTANCE, &create(vec![account("short", &select)]))
                .await
                .unwrap_err();
            assert_refused_before_sending(&fake, &error, "users[0].name");

            let error = client
                .create_users(DDM_INSTANCE, &create(vec![account("ddmuser1", &[])]))
                .await
                .unwrap_err();
            assert_refused_before_sending(&fake, &error, "users[0].base_authority");

            let mut needs_delete = account("ddmuser1", &select);
            needs_delete.extend_authority = Some(vec![ddm::ExtendAuthority::FulltableDelete]);
            let error = client
                .create_users(DDM_INSTANCE, &create(vec![needs_delete]))
                .await
                .unwrap_err();
            assert_refused_before_sending(&fake, &error, "users[0].base_authority");

            let error = client
                .create_users(DDM_INSTANCE, &create(vec![]))
                .await
                .unwrap_err();
            assert_refused_before_sending(&fake, &error, "users");

            // "Nothing to change": the fake would answer DBS.280001, but it is never asked.
            let nothing = update(ddm::UpdateUserDetailReq::default());
            let error = client
                .update_user(DDM_INSTANCE, "ddmuser1", &nothing)
                .await
                .unwrap_err();
            assert_refused_before_sending(&fake, &error, "user");

            let long = update(ddm::UpdateUserDetailReq {
                description: Some("d".repeat(257)),
                ..Default::default()
            });
            let error = client
                .update_user(DDM_INSTANCE, "ddmuser1", &long)
                .await
                .unwrap_err();
            assert_refused_before_sending(&fake, &error, "user.description");
        },
    )
    .await
}

#[tokio::test]
async fn the_account_limit_is_only_known_to_the_service() {
    client_tests::within(
        "the_account_limit_is_only_known_to_the_service",
        client_tests::CASE_LIMIT,
        async {
            let fake = start().await;
            let client = ddm_client(&fake);
            let select = [ddm::BaseAuthority::Select];
            let limit = FakeConfig::DEFAULT_DDM_MAX_ACCOUNTS;
            for batch in 0..limit / 20 {
                let users = (0..20)
                    .map(|i| account(&format!("account{:03}", batch * 20 + i), &select))
                    .collect();
                client
                    .create_users(DDM_INSTANCE, &create(users))
                    .await
                    .unwrap();
            }
            assert_eq!(fake.ddm_accounts(DDM_INSTANCE).len(), limit);
            fake.clear_requests();

            let one_more = create(vec![account("account100", &select)]);
            let error = client
                .create_users(DDM_INSTANCE, &one_more)
                .await
                .unwrap_err();
            assert_api_error(&fake, &error, 400, "DBS.280001");
            assert!(
                error.to_string().contains("at most 100 accounts"),
                "{error}"
            );
            assert_eq!(fake.ddm_accounts(DDM_INSTANCE).len(), limit);
            // Other instances have their own hundred.
            client
                .create_users("other-instance", &one_more)
                .await
                .unwrap();
        },
    )
    .await
}

#[tokio::test]
async fn token_and_aksk_are_accepted_and_wrong_ones_refused() {
    client_tests::within(
        "token_and_aksk_are_accepted_and_wrong_ones_refused",
        client_tests::CASE_LIMIT,
        async {
            let fake = start().await;
            let request = create(vec![account("ddmuser1", &[ddm::BaseAuthority::Select])]);

            ddm_client(&fake)
                .create_users(DDM_INSTANCE, &request)
                .await
                .unwrap();
            let sent = take_single_request(&fake);
            assert_eq!(sent.header("x-auth-token"), Some(FakeConfig::DEFAULT_TOKEN));

            let signed = once(fake.ddm_client_builder().credentials(aksk(&fake)));
            let answer = signed
                .manage_admin_password(DDM_INSTANCE, &admin("root", "Test@123"))
                .await
                .unwrap();
            assert!(answer.job_id.is_some());
            let sent = take_single_request(&fake);
            assert!(sent.header("x-auth-token").is_none());
            assert!(
        sent.header("authorization")
            .is_some_and(|a| a.starts_with("SDK-HMAC-SHA256 Access=FAKECLOUDACCESSKEY01, ")),
        "{sent:?}"
    );
            assert!(sent.header("x-sdk-date").is_some());
            assert_eq!(
                sent.header("x-project-id"),
                Some(FakeConfig::DEFAULT_PROJECT_ID)
            );

            for credentials in [
                Credentials::token("expired-token"),
                Credentials::aksk(FakeConfig::DEFAULT_ACCESS_KEY, "wrong-secret-key"),
                Credentials::aksk("UNKNOWNACCESSKEY", FakeConfig::DEFAULT_SECRET_KEY),
            ] {
                let client = once(fake.ddm_client_builder().credentials(credentials));
                let second = create(vec![account("ddmuser2", &[ddm::BaseAuthority::Select])]);
                let error = client
                    .create_users(DDM_INSTANCE, &second)
                    .await
                    .unwrap_err();
                assert_api_error(&fake, &error, 401, "APIGW.0301");
            }
            assert_eq!(fake.ddm_accounts(DDM_INSTANCE).len(), 1);
        },
    )
    .await
}

#[tokio::test]
async fn a_fake_with_other_settings_is_honoured() {
    client_tests::within(
        "a_fake_with_other_settings_is_honoured",
        client_tests::CASE_LIMIT,
        async {
            let config = FakeConfig {
                project_id: "0123456789abcdef0123456789abcdef".into(),
                iam_token: "custom-token".into(),
                ddm_max_accounts: 1,
                ..FakeConfig::default()
            };
            let fake = FakeCloud::start_with(config).await;
            // The preset client follows the fake's configuration.
            let client = ddm_client(&fake);
            let select = [ddm::BaseAuthority::Select];
            client
                .create_users(DDM_INSTANCE, &create(vec![account("ddmuser1", &select)]))
                .await
                .unwrap();
            assert!(
                take_single_request(&fake)
                    .path
                    .starts_with("/v1/0123456789abcdef")
            );
            let error = client
                .create_users(DDM_INSTANCE, &create(vec![account("ddmuser2", &select)]))
                .await
                .unwrap_err();
            assert_api_error(&fake, &error, 400, "DBS.280001");

            // A project the fake does not serve.
            let elsewhere = once(fake.ddm_client_builder().project_id("another-project"));
            let error = elsewhere
                .create_users(DDM_INSTANCE, &create(vec![account("ddmuser3", &select)]))
                .await
                .unwrap_err();
            assert_api_error(&fake, &error, 403, "DBS.280001");
        },
    )
    .await
}
