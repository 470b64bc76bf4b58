//! The generated OCP client against `fake-cloud` over real HTTP: creating a database user
//! (the envelope unwrapped), the duplicate user (60046), the unknown tenant (10002), an
//! invalid name (60045), and HTTP Basic and access-key authentication with their 401s.
//! The spec states no rule on this request, so every refusal here comes from the fake.

use client_tests::fake_support;
use client_tests::fixtures::*;

use fake_cloud::FakeConfig;
use fake_support::*;
use generated_client::{Credentials, ocp};

fn user(username: &str) -> ocp::CreateDbUserRequest {
    client_tests::ocp_user_request(username, "Pass@word1")
}

#[tokio::test]
async fn create_then_create_again_is_a_duplicate() {
    client_tests::within(
        "create_then_create_again_is_a_duplicate",
        client_tests::CASE_LIMIT,
        async {
            let fake = start().await;
            let client = ocp_client(&fake);

            let created = client
                .create_db_user(OCP_CLUSTER, OCP_TENANT, &user("user1"))
                .await
                .unwrap();
            assert_eq!(created.username.as_deref(), Some("user1"));
            assert_eq!(
                created.global_privileges,
                Some(vec!["DELETE".into(), "SELECT".into(), "INDEX".into()])
            );
            assert_eq!(created.db_privileges, user("user1").db_privileges);
            assert_eq!(created.is_locked, Some(false));
            assert_eq!(created.accessible_databases, Some(vec!["db1".to_owned()]));
            assert!(created.create_time.is_some());
            let connection = &created.connection_strings.unwrap()[0];
            assert_eq!(
                connection.connection_string_type,
                Some(ocp::ConnectionStringType::Direct)
            );
            let request = take_single_request(&fake);
            assert_eq!(request.method, "POST");
            assert_eq!(
                request.path,
                format!("/api/v2/ob/clusters/{OCP_CLUSTER}/tenants/{OCP_TENANT}/users")
            );
            assert_eq!(request.status, Some(200));
            let stored = fake.ocp_users(OCP_CLUSTER, OCP_TENANT);
            assert_eq!(stored.len(), 1);
            assert_eq!(stored[0].password, "Pass@word1");

            let error = client
                .create_db_user(OCP_CLUSTER, OCP_TENANT, &user("user1"))
                .await
                .unwrap_err();
            // The request id of an OCP error is the envelope's traceId.
            assert_api_error(&fake, &error, 400, "60046");
            assert_eq!(fake.ocp_users(OCP_CLUSTER, OCP_TENANT).len(), 1);

            // The same name in another tenant is another user.
            client
                .create_db_user(1, 1002, &user("user1"))
                .await
                .unwrap();
        },
    )
    .await
}

#[tokio::test]
async fn roles_come_back_as_one_string() {
    client_tests::within(
        "roles_come_back_as_one_string",
        client_tests::CASE_LIMIT,
        async {
            let fake = start().await;
            let mut request = user("reporter");
            request.roles = Some(vec!["R1".into(), "R2".into()]);
            let created = ocp_client(&fake)
                .create_db_user(1, 1002, &request)
                .await
                .unwrap();
            assert_eq!(created.granted_roles.as_deref(), Some("R1,R2"));
            assert_eq!(fake.ocp_users(1, 1002)[0].roles, ["R1", "R2"]);
        },
    )
    .await
}

#[tokio::test]
async fn unknown_tenant_and_invalid_data_are_refused_by_the_service() {
    client_tests::within(
        "unknown_tenant_and_invalid_data_are_refused_by_the_service",
        client_tests::CASE_LIMIT,
        async {
            let fake = start().await;
            let client = ocp_client(&fake);

            let error = client
                .create_db_user(1, 999, &user("user1"))
                .await
                .unwrap_err();
            assert_api_error(&fake, &error, 404, "10002");
            let error = client
                .create_db_user(7, OCP_TENANT, &user("user1"))
                .await
                .unwrap_err();
            assert_api_error(&fake, &error, 404, "10002");

            for name in ["1user", "bad name", ""] {
                let error = client
                    .create_db_user(OCP_CLUSTER, OCP_TENANT, &user(name))
                    .await
                    .unwrap_err();
                assert_api_error(&fake, &error, 400, "60045");
                // The envelope's field error names what was wrong.
                let body: ocp::OcpErrorResponse =
                    serde_json::from_slice(error.body().unwrap()).unwrap();
                let sub_errors = body.error.unwrap().sub_errors.unwrap();
                assert_eq!(sub_errors[0].field.as_deref(), Some("username"));
            }

            let mut no_password = user("user1");
            no_password.password = "".into();
            let error = client
                .create_db_user(OCP_CLUSTER, OCP_TENANT, &no_password)
                .await
                .unwrap_err();
            assert_api_error(&fake, &error, 400, "10001");
            assert!(fake.ocp_users(OCP_CLUSTER, OCP_TENANT).is_empty());
        },
    )
    .await
}

#[tokio::test]
async fn basic_and_access_key_are_accepted_and_wrong_ones_refused() {
    client_tests::within(
        "basic_and_access_key_are_accepted_and_wrong_ones_refused",
        client_tests::CASE_LIMIT,
        async {
            let fake = start().await;
            ocp_client(&fake)
                .create_db_user(OCP_CLUSTER, OCP_TENANT, &user("basic_user"))
                .await
                .unwrap();
            assert!(
                take_single_request(&fake)
                    .header("authorization")
                    .is_some_and(|a| a.starts_with("Basic "))
            );

            let signed = once(
                fake.ocp_client_builder()
                    .credentials(fake.ocp_access_key().unwrap()),
            );
            signed
                .create_db_user(OCP_CLUSTER, OCP_TENANT, &user("signed_user"))
                .await
                .unwrap();
            let sent = take_single_request(&fake);
            assert!(
        sent.header("authorization")
            .is_some_and(|a| a.starts_with("OCP-ACCESS-KEY-HMACSHA1 FAKECLOUDACCESSKEY01:")),
        "{sent:?}"
    );
            assert!(sent.header("date").is_some());

            for credentials in [
                Credentials::basic(FakeConfig::DEFAULT_OCP_USERNAME, "wrong-password"),
                Credentials::basic("intruder", FakeConfig::DEFAULT_OCP_PASSWORD),
                Credentials::ocp_access_key(FakeConfig::DEFAULT_ACCESS_KEY, "wrong-secret"),
                Credentials::ocp_access_key("UNKNOWNKEY", FakeConfig::DEFAULT_SECRET_KEY),
            ] {
                let client = once(fake.ocp_client_builder().credentials(credentials));
                let error = client
                    .create_db_user(OCP_CLUSTER, OCP_TENANT, &user("third_user"))
                    .await
                    .unwrap_err();
                assert_api_error(&fake, &error, 401, "30004");
            }
            let names: Vec<_> = fake
                .ocp_users(OCP_CLUSTER, OCP_TENANT)
                .into_iter()
                .map(|u| u.username)
                .collect();
            assert_eq!(names, ["basic_user", "signed_user"]);
        },
    )
    .await
}
