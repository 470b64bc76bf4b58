//! The generated DWS client against `fake-cloud` over real HTTP: the O&M account's life
//! (add, extend by 8 hours, delete), the error that comes inside a 200, `DWS.0001`, the
//! cluster id rule the client checks itself, token and AK/SK authentication, and a retried
//! "operation in progress".

use client_tests::fake_support;
use client_tests::fixtures::*;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use fake_cloud::{Fault, OmUserStatus, Operation};
use fake_support::*;
use generated_client::{Credentials, Error, RetryPolicy, dws};

const EIGHT_HOURS_MS: i64 = 8 * 60 * 60 * 1000;

fn action(operation: dws::OmUserOperation) -> dws::OmUserActionRequest {
    dws::OmUserActionRequest { operation }
}

fn now_ms() -> i64 {
    let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    i64::try_from(since_epoch.as_millis()).unwrap()
}

#[tokio::test]
async fn add_extend_delete_and_extend_while_off() {
    client_tests::within(
        "add_extend_delete_and_extend_while_off",
        client_tests::CASE_LIMIT,
        async {
            let fake = start().await;
            let client = dws_client(&fake);

            let before = now_ms();
            let added = client
                .om_user_action(DWS_CLUSTER, &action(dws::OmUserOperation::AddOmUser))
                .await
                .unwrap();
            let after = now_ms();
            assert_eq!(added.error_code, Some(0));
            let info = added.om_user_info.unwrap();
            assert_eq!(info.om_user_status, Some(dws::OmUserStatus::On));
            let expires = info.om_user_expires_time.unwrap().millis();
            assert!(
                (before + EIGHT_HOURS_MS..=after + EIGHT_HOURS_MS).contains(&expires),
                "{expires}"
            );
            let request = take_single_request(&fake);
            assert_eq!(request.method, "POST");
            assert!(
                request.path.ends_with(&format!(
                    "/clusters/{DWS_CLUSTER}/db-manager/om-user/action"
                )),
                "{}",
                request.path
            );
            assert_eq!(
                request.json(),
                Some(serde_json::json!({"operation": "addOmUser"}))
            );

            let extended = client
                .om_user_action(
                    DWS_CLUSTER,
                    &action(dws::OmUserOperation::IncreaseOmUserPeriod),
                )
                .await
                .unwrap();
            let info = extended.om_user_info.unwrap();
            assert_eq!(
                info.om_user_expires_time.map(|t| t.millis()),
                Some(expires + EIGHT_HOURS_MS)
            );
            assert_eq!(
                fake.dws_om_user(DWS_CLUSTER).unwrap().expires_time_ms,
                expires + EIGHT_HOURS_MS
            );

            let deleted = client
                .om_user_action(DWS_CLUSTER, &action(dws::OmUserOperation::DeleteOmUser))
                .await
                .unwrap();
            let info = deleted.om_user_info.unwrap();
            assert_eq!(info.om_user_status, Some(dws::OmUserStatus::Off));
            assert_eq!(
                fake.dws_om_user(DWS_CLUSTER).unwrap().status,
                OmUserStatus::Off
            );
            fake.clear_requests();

            // Extending an account that is off: HTTP 200 with a non-zero error_code, which the
            // client turns into an error carrying that code and the message.
            let error = client
                .om_user_action(
                    DWS_CLUSTER,
                    &action(dws::OmUserOperation::IncreaseOmUserPeriod),
                )
                .await
                .unwrap_err();
            let Error::Api(api) = &error else {
                panic!("an API error was expected: {error:?}");
            };
            assert_eq!(api.status, 200);
            assert_eq!(api.code.as_deref(), Some("1"));
            assert!(
                api.message
                    .as_deref()
                    .is_some_and(|m| m.contains("not enabled")),
                "{api:?}"
            );
            assert_api_error(&fake, &error, 200, "1");
            assert_eq!(
                fake.dws_om_user(DWS_CLUSTER).unwrap().status,
                OmUserStatus::Off
            );
        },
    )
    .await
}

#[tokio::test]
async fn a_cluster_is_off_until_added() {
    client_tests::within(
        "a_cluster_is_off_until_added",
        client_tests::CASE_LIMIT,
        async {
            let fake = start().await;
            let error = dws_client(&fake)
                .om_user_action(
                    DWS_CLUSTER,
                    &action(dws::OmUserOperation::IncreaseOmUserPeriod),
                )
                .await
                .unwrap_err();
            assert_api_error(&fake, &error, 200, "1");
            // Turning off an account that is off is no error.
            let deleted = dws_client(&fake)
                .om_user_action(DWS_CLUSTER, &action(dws::OmUserOperation::DeleteOmUser))
                .await
                .unwrap();
            assert_eq!(
                deleted.om_user_info.unwrap().om_user_status,
                Some(dws::OmUserStatus::Off)
            );
        },
    )
    .await
}

#[tokio::test]
async fn dws_0001_for_what_only_the_service_checks() {
    client_tests::within(
        "dws_0001_for_what_only_the_service_checks",
        client_tests::CASE_LIMIT,
        async {
            let fake = start().await;
            let client = dws_client(&fake);

            // 36 characters, so the client sends it, but not a UUID.
            let not_a_uuid = "z".repeat(36);
            let error = client
                .om_user_action(&not_a_uuid, &action(dws::OmUserOperation::AddOmUser))
                .await
                .unwrap_err();
            assert_api_error(&fake, &error, 400, "DWS.0001");

            // An operation this client version does not know is sent as is; the service refuses it.
            let unknown = action(dws::OmUserOperation::Unknown("resetOmUser".into()));
            let error = client
                .om_user_action(DWS_CLUSTER, &unknown)
                .await
                .unwrap_err();
            assert_api_error(&fake, &error, 400, "DWS.0001");

            let elsewhere = once(fake.dws_client_builder().project_id("another-project"));
            let error = elsewhere
                .om_user_action(DWS_CLUSTER, &action(dws::OmUserOperation::AddOmUser))
                .await
                .unwrap_err();
            assert_api_error(&fake, &error, 403, "DWS.0001");
            assert!(fake.dws_om_user(DWS_CLUSTER).is_none());
        },
    )
    .await
}

#[tokio::test]
async fn a_cluster_id_of_the_wrong_length_is_never_sent() {
    client_tests::within(
        "a_cluster_id_of_the_wrong_length_is_never_sent",
        client_tests::CASE_LIMIT,
        async {
            let fake = start().await;
            for cluster in ["", "e7107fab", "e7107fab-cac0-4261-916b-7f32b3053034-x"] {
                let error = dws_client(&fake)
                    .om_user_action(cluster, &action(dws::OmUserOperation::AddOmUser))
                    .await
                    .unwrap_err();
                assert_refused_before_sending(&fake, &error, "cluster_id");
            }
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
            let add = action(dws::OmUserOperation::AddOmUser);
            dws_client(&fake)
                .om_user_action(DWS_CLUSTER, &add)
                .await
                .unwrap();
            assert!(take_single_request(&fake).header("x-auth-token").is_some());

            let signed = once(fake.dws_client_builder().credentials(aksk(&fake)));
            signed.om_user_action(DWS_CLUSTER, &add).await.unwrap();
            let sent = take_single_request(&fake);
            assert!(
                sent.header("authorization")
                    .is_some_and(|a| a.starts_with("SDK-HMAC-SHA256 ")),
                "{sent:?}"
            );

            for credentials in [
                Credentials::token("expired-token"),
                Credentials::aksk(
                    fake_cloud::FakeConfig::DEFAULT_ACCESS_KEY,
                    "wrong-secret-key",
                ),
            ] {
                let client = once(fake.dws_client_builder().credentials(credentials));
                let error = client.om_user_action(DWS_CLUSTER, &add).await.unwrap_err();
                assert_api_error(&fake, &error, 401, "APIGW.0301");
            }
        },
    )
    .await
}

#[tokio::test]
async fn operation_in_progress_is_retried_until_it_goes_through() {
    client_tests::within(
        "operation_in_progress_is_retried_until_it_goes_through",
        client_tests::CASE_LIMIT,
        async {
            let fake = start().await;
            fake.inject(
                Operation::DwsOmUserAction,
                Fault::dws_error(409, "DWS.0011", "Another operation is in progress."),
                1,
            );
            let quick_retries = RetryPolicy {
                base_delay: Duration::from_millis(10),
                ..RetryPolicy::default()
            };
            let client = fake
                .dws_client_builder()
                .retry(quick_retries)
                .build()
                .unwrap();
            let answer = client
                .om_user_action(DWS_CLUSTER, &action(dws::OmUserOperation::AddOmUser))
                .await
                .unwrap();
            assert!(answer.om_user_info.is_some());
            let statuses: Vec<_> = fake.requests().iter().map(|r| r.status).collect();
            assert_eq!(statuses, [Some(409), Some(200)]);

            // Without retries the documented error reaches the caller.
            fake.clear_requests();
            fake.inject(
                Operation::DwsOmUserAction,
                Fault::dws_error(409, "DWS.0011", "Another operation is in progress."),
                1,
            );
            let error = dws_client(&fake)
                .om_user_action(DWS_CLUSTER, &action(dws::OmUserOperation::DeleteOmUser))
                .await
                .unwrap_err();
            assert_eq!(error.status(), Some(409));
            assert_eq!(error.code(), Some("DWS.0011"));
            assert_eq!(
                fake.dws_om_user(DWS_CLUSTER).unwrap().status,
                OmUserStatus::On
            );
        },
    )
    .await
}
