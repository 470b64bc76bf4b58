//! Paginators and waiters against `fake-cloud` over HTTP: every account of each service
//! listed page by page, and the DDM administrator job waited for until it completes, fails
//! or runs out of time; bad input refused before anything reaches the fake.

use client_tests::fake_support::*;
use client_tests::fixtures::*;
use client_tests::{CASE_LIMIT, Reply, ScriptedServer, within};

use fake_cloud::{FakeCloud, FakeConfig, Operation};
use futures::TryStreamExt;
use generated_client::runtime::WaitError;
use generated_client::{Error, ddm, dws};
use std::time::Duration;

fn ddm_account(name: &str) -> ddm::CreateDdmUsersInfo {
    ddm::CreateDdmUsersInfo::new(name, DDM_EXAMPLE_PASSWORD, [ddm::BaseAuthority::Select])
}

fn admin() -> ddm::AdminUserRequest {
    ddm::AdminUserRequest::new("root", DDM_ADMIN_PASSWORD)
}

fn wait_error(error: &Error) -> &WaitError {
    match error {
        Error::Wait(e) => e,
        other => panic!("a wait error was expected: {other:?}"),
    }
}

#[tokio::test]
async fn every_ddm_account_comes_through_the_pages() {
    within("ddm items", CASE_LIMIT, async {
        let fake = start().await;
        let client = ddm_client(&fake);
        let names: Vec<String> = (1..=7).map(|i| format!("DDMuser{i}")).collect();
        let users = names.iter().map(|n| ddm_account(n)).collect::<Vec<_>>();
        client
            .create_users(DDM_INSTANCE, &ddm::CreateUsersRequest::new(users))
            .await
            .unwrap();
        fake.clear_requests();
        let listed: Vec<String> = client
            .list_users(DDM_INSTANCE)
            .limit(3)
            .items()
            .map_ok(|account| account.name.unwrap_or_default())
            .try_collect()
            .await
            .unwrap();
        assert_eq!(listed, names);
        // 3 + 3 + 1: the third page reaches the total; no fourth request.
        assert_eq!(fake.request_count(Operation::DdmListUsers), 3);

        let empty: Vec<_> = client
            .list_users("an-instance-without-accounts")
            .items()
            .try_collect()
            .await
            .unwrap();
        assert!(empty.is_empty());
    })
    .await;
}

/// A last page that is full ends the listing only when the answer says how many items
/// there are: DDM's `total_record` does, so no empty page is asked for; DWS's answer has no
/// total (its page and the official SDK's response model hold only `users`), so a full
/// page may be followed by more and one empty page ends the listing.
#[tokio::test]
async fn a_full_last_page_ends_the_list_when_a_total_says_so() {
    within("full last page", CASE_LIMIT, async {
        let fake = start().await;
        let ddm = ddm_client(&fake);
        let users: Vec<_> = (1..=6)
            .map(|i| ddm_account(&format!("DDMfull{i}")))
            .collect();
        ddm.create_users(DDM_INSTANCE, &ddm::CreateUsersRequest::new(users))
            .await
            .unwrap();
        for (limit, pages) in [(3, 2), (6, 1)] {
            fake.clear_requests();
            let listed: Vec<_> = ddm
                .list_users(DDM_INSTANCE)
                .limit(limit)
                .items()
                .try_collect()
                .await
                .unwrap();
            assert_eq!(listed.len(), 6);
            assert_eq!(
                fake.request_count(Operation::DdmListUsers),
                pages,
                "pages of {limit}: the last reaches the total of 6"
            );
        }

        let dws = dws_client(&fake);
        for i in 1..=3 {
            let request =
                dws::UserAuthorityReq::new(format!("full{i}"), dws::DatabaseUserKind::User)
                    .with_password("Dws@pass123");
            dws.create_database_user(DWS_CLUSTER, &request)
                .await
                .unwrap();
        }
        let all: Vec<_> = dws
            .list_database_users(DWS_CLUSTER)
            .items()
            .try_collect()
            .await
            .unwrap();
        assert!(all.len() >= 3, "{all:?}");
        fake.clear_requests();
        let limit = i32::try_from(all.len()).unwrap();
        let listed: Vec<_> = dws
            .list_database_users(DWS_CLUSTER)
            .limit(limit)
            .items()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(listed, all);
        assert_eq!(
            fake.request_count(Operation::DwsListDbUsers),
            2,
            "one full page, then the empty page that ends a list without a total"
        );
    })
    .await;
}

#[tokio::test]
async fn every_dws_user_comes_through_numbered_pages() {
    within("dws items", CASE_LIMIT, async {
        let fake = start().await;
        let client = dws_client(&fake);
        let before: Vec<String> = client
            .list_database_users(DWS_CLUSTER)
            .items()
            .map_ok(|u| u.name.unwrap_or_default())
            .try_collect()
            .await
            .unwrap();
        for i in 1..=5 {
            let request =
                dws::UserAuthorityReq::new(format!("user{i}"), dws::DatabaseUserKind::User)
                    .with_password("Dws@pass123");
            client
                .create_database_user(DWS_CLUSTER, &request)
                .await
                .unwrap();
        }
        fake.clear_requests();
        let listed: Vec<String> = client
            .list_database_users(DWS_CLUSTER)
            .limit(2)
            .items()
            .map_ok(|u| u.name.unwrap_or_default())
            .try_collect()
            .await
            .unwrap();
        assert_eq!(listed.len(), before.len() + 5, "{listed:?}");
        for i in 1..=5 {
            assert!(listed.contains(&format!("user{i}")), "{listed:?}");
        }
        // Pages of 2 until a short one: an even count ends with an empty page.
        let count = before.len() + 5;
        let pages = if count.is_multiple_of(2) {
            count / 2 + 1
        } else {
            count.div_ceil(2)
        };
        assert_eq!(fake.request_count(Operation::DwsListDbUsers), pages);
    })
    .await;
}

#[tokio::test]
async fn every_ocp_user_comes_through_pages_counted_from_1() {
    within("ocp items", CASE_LIMIT, async {
        let fake = start().await;
        let client = ocp_client(&fake);
        for i in 1..=5 {
            let request = client_tests::ocp_user_request(&format!("ocpuser{i}"), OCP_USER_PASSWORD);
            client
                .create_db_user(OCP_CLUSTER, OCP_TENANT, &request)
                .await
                .unwrap();
        }
        fake.clear_requests();
        let listed: Vec<String> = client
            .list_db_users(OCP_CLUSTER, OCP_TENANT)
            .size(2)
            .items()
            .map_ok(|u| u.username.unwrap_or_default())
            .try_collect()
            .await
            .unwrap();
        let expected: Vec<String> = fake
            .ocp_users(OCP_CLUSTER, OCP_TENANT)
            .into_iter()
            .map(|u| u.username)
            .collect();
        assert_eq!(listed, expected);
        assert!(listed.len() >= 5);
        assert_eq!(
            fake.request_count(Operation::OcpListDbUsers),
            listed.len().div_ceil(2)
        );
    })
    .await;
}

#[tokio::test]
async fn the_admin_job_is_waited_for_until_it_completes() {
    within("wait completes", CASE_LIMIT, async {
        let config = FakeConfig {
            ddm_job_polls: 2,
            ..FakeConfig::default().with_default_aksk()
        };
        let fake = FakeCloud::start_with(config).await;
        let client = ddm_client(&fake);
        let job = client
            .manage_admin_password(DDM_INSTANCE, &admin())
            .and_wait()
            .poll_interval(Duration::from_millis(5))
            .timeout(Duration::from_secs(20))
            .await
            .unwrap();
        let job = job.job.unwrap();
        assert_eq!(job.status, Some(ddm::JobStatus::Completed));
        // Running, Running, Completed.
        assert_eq!(fake.request_count(Operation::DdmShowJob), 3);
        assert_eq!(
            fake.ddm_admin(DDM_INSTANCE).unwrap().password,
            DDM_ADMIN_PASSWORD
        );

        // The same waiter from a job id known already.
        let id = job.id.unwrap();
        let again = client
            .wait_for_job(id)
            .poll_interval(Duration::from_millis(5))
            .await
            .unwrap();
        assert_eq!(again.job.unwrap().status, Some(ddm::JobStatus::Completed));
    })
    .await;
}

#[tokio::test]
async fn a_failed_job_is_an_error_that_keeps_the_job() {
    within("wait fails", CASE_LIMIT, async {
        let config = FakeConfig {
            ddm_job_polls: 1,
            ddm_job_succeeds: false,
            ..FakeConfig::default().with_default_aksk()
        };
        let fake = FakeCloud::start_with(config).await;
        let client = ddm_client(&fake);
        let error = client
            .manage_admin_password(DDM_INSTANCE, &admin())
            .and_wait()
            .poll_interval(Duration::from_millis(5))
            .await
            .unwrap_err();
        let failed = wait_error(&error);
        assert!(
            matches!(failed, WaitError::Failed { state, .. } if state == "Failed"),
            "{failed:?}"
        );
        let job = failed
            .answer::<ddm::ShowJobResponse>()
            .unwrap()
            .job
            .clone()
            .unwrap();
        assert_eq!(job.status, Some(ddm::JobStatus::Failed));
        assert!(
            error.to_string().contains("ended in the state Failed"),
            "{error}"
        );
        assert_eq!(fake.request_count(Operation::DdmShowJob), 2);
        assert!(fake.ddm_admin(DDM_INSTANCE).is_none());
    })
    .await;
}

#[tokio::test]
async fn a_job_that_runs_too_long_is_a_timeout_naming_its_last_state() {
    within("wait times out", CASE_LIMIT, async {
        let config = FakeConfig {
            ddm_job_polls: 1_000_000,
            ..FakeConfig::default().with_default_aksk()
        };
        let fake = FakeCloud::start_with(config).await;
        let client = ddm_client(&fake);
        let started = std::time::Instant::now();
        let error = client
            .manage_admin_password(DDM_INSTANCE, &admin())
            .and_wait()
            .poll_interval(Duration::from_millis(10))
            .timeout(Duration::from_millis(300))
            .await
            .unwrap_err();
        let WaitError::TimedOut {
            id,
            last_state,
            polls,
            ..
        } = wait_error(&error)
        else {
            panic!("a timeout was expected: {error:?}");
        };
        assert_eq!(last_state.as_deref(), Some("Running"));
        assert!(*polls >= 1);
        assert!(fake.ddm_job(id).is_some(), "the error names the job");
        assert!(error.to_string().contains("last state Running"), "{error}");
        // Far below the 60 s case limit: the wait stopped at its own limit.
        assert!(started.elapsed() < Duration::from_secs(30));
    })
    .await;
}

#[tokio::test]
async fn an_accepted_answer_without_a_job_id_is_an_error_not_a_hang() {
    within("no job id", CASE_LIMIT, async {
        let server = ScriptedServer::start().await;
        server.reply(Reply::raw(202, "application/json", ""));
        let client = client_tests::ddm_client(&server.url());
        let error = client
            .manage_admin_password(DDM_INSTANCE, &admin())
            .and_wait()
            .await
            .unwrap_err();
        assert!(
            matches!(
                wait_error(&error),
                WaitError::MissingId {
                    field: "job_id",
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(error.to_string().contains("without `job_id`"), "{error}");
        assert_eq!(server.requests().len(), 1, "no job was polled");
    })
    .await;
}

#[tokio::test]
async fn bad_input_to_a_paginator_or_a_waiter_sends_nothing() {
    within("lifecycle validation", CASE_LIMIT, async {
        let fake = start().await;
        let error = ddm_client(&fake).wait_for_job("").await.unwrap_err();
        assert_refused_before_sending(&fake, &error, "job_id");
        let error = ddm_client(&fake)
            .list_users(DDM_INSTANCE)
            .limit(0)
            .items()
            .try_next()
            .await
            .unwrap_err();
        assert_refused_before_sending(&fake, &error, "limit");
        let error = dws_client(&fake)
            .list_database_users(DWS_CLUSTER)
            .limit(0)
            .pages()
            .try_next()
            .await
            .unwrap_err();
        assert_refused_before_sending(&fake, &error, "limit");
        let error = ocp_client(&fake)
            .list_db_users(OCP_CLUSTER, OCP_TENANT)
            .size(0)
            .items()
            .try_next()
            .await
            .unwrap_err();
        assert_refused_before_sending(&fake, &error, "size");
    })
    .await;
}
