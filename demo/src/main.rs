//! The generated clients at work without any cloud account (`cargo xtask demo` runs this
//! binary). Starts
//! `fake-cloud` in this process, calls each of the five operations, then shows documented
//! errors of each service, the whole account lifecycle on each system (`lifecycle.rs`:
//! listing every account with a paginator, waiting for a job) and a request the client
//! refuses before sending. Every step
//! prints what was sent on the wire, the outcome and the data returned (secrets print as
//! `***`), and says whether it went as the service's documentation says it should.
//!
//! Request bodies are written as JSON and read into the typed requests, so that a spec change
//! that adds an optional field does not stop the demo from building. It is its own package,
//! not part of `xtask`, so that `cargo xtask regen` still builds (and reports the located
//! error) when a spec is broken and the clients cannot be generated.

mod ids;
mod lifecycle;
mod step;

use std::process::ExitCode;
use std::time::Duration;

use fake_cloud::{FakeCloud, FakeConfig};
use generated_client::{Credentials, ddm, dws, ocp};
use ids::{CLUSTER, INSTANCE, OCP_CLUSTER, OCP_TENANT};
use serde_json::json;
use step::{Demo, Expect, body, once};

fn main() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(demo()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn demo() -> Result<bool, String> {
    // The administrator job runs for two polls, so that waiting for it shows them.
    let config = FakeConfig {
        ddm_job_polls: 2,
        ..FakeConfig::default().with_default_aksk()
    };
    let fake = FakeCloud::try_start_with(config)
        .await
        .map_err(|e| format!("fake-cloud could not listen on 127.0.0.1: {e}"))?;
    println!("fake-cloud is serving on 127.0.0.1, in this process:");
    println!("  DDM  {}", fake.ddm_endpoint());
    println!("  DWS  {}", fake.dws_endpoint());
    println!("  OCP  {}\n", fake.ocp_endpoint());

    let aksk = Credentials::aksk(
        FakeConfig::DEFAULT_ACCESS_KEY,
        FakeConfig::DEFAULT_SECRET_KEY,
    );
    let ddm = once(fake.ddm_client_builder())?;
    let ddm_signed = once(fake.ddm_client_builder().credentials(aksk.clone()))?;
    let dws = once(fake.dws_client_builder().credentials(aksk))?;
    let ocp = once(fake.ocp_client_builder())?;
    let ocp_signed = once(
        fake.ocp_client_builder()
            .credentials(Credentials::ocp_access_key(
                FakeConfig::DEFAULT_ACCESS_KEY,
                FakeConfig::DEFAULT_SECRET_KEY,
            )),
    )?;
    let wrong_token = once(
        fake.ddm_client_builder()
            .credentials(Credentials::token("an-expired-token")),
    )?;

    let mut demo = Demo {
        fake: &fake,
        steps: 0,
        unexpected: 0,
    };

    println!("== The five operations\n");
    let create: ddm::CreateUsersRequest = body(json!({"users": [{
        "name": "DDMuser1", "password": "Axejs@98a", "base_authority": ["SELECT"],
        "extend_authority": ["fulltableSelect"], "databases": [{"name": "DDMdb1"}]
    }]}))?;
    demo.step(
        "DDM create_users: create an account (IAM token)",
        &create,
        Expect::Success,
        ddm.create_users(INSTANCE, &create),
    )
    .await;

    let update: ddm::UpdateUserRequest = body(json!({"user": {
        "base_authority": ["SELECT", "INSERT"], "description": "reporting"
    }}))?;
    demo.step(
        "DDM update_user: change its permissions and description (IAM token)",
        &update,
        Expect::Success,
        ddm.update_user(INSTANCE, "DDMuser1", &update),
    )
    .await;

    let admin: ddm::AdminUserRequest = body(json!({"name": "root", "password": "Test@123"}))?;
    demo.step(
        "DDM manage_admin_password(..).and_wait(): set the administrator password (V3, 202 with a job id, AK/SK signed), then wait for the job: Running, Running, Completed",
        &admin,
        Expect::SuccessIn(4),
        ddm_signed
            .manage_admin_password(INSTANCE, &admin)
            .and_wait()
            .poll_interval(Duration::from_millis(20))
            .timeout(Duration::from_secs(30)),
    )
    .await;

    let add: dws::OmUserActionRequest = body(json!({"operation": "addOmUser"}))?;
    demo.step(
        "DWS om_user_action addOmUser: turn the O&M account on for 8 hours (AK/SK signed)",
        &add,
        Expect::Success,
        dws.om_user_action(CLUSTER, &add),
    )
    .await;

    let extend: dws::OmUserActionRequest = body(json!({"operation": "increaseOmUserPeriod"}))?;
    demo.step(
        "DWS om_user_action increaseOmUserPeriod: 8 more hours (AK/SK signed)",
        &extend,
        Expect::Success,
        dws.om_user_action(CLUSTER, &extend),
    )
    .await;

    let user: ocp::CreateDbUserRequest = body(json!({
        "username": "user1", "password": "Pass@word1",
        "globalPrivileges": ["DELETE", "SELECT", "INDEX"],
        "dbPrivileges": [{"dbName": "db1", "privileges": ["ALTER", "CREATE", "SELECT"]}]
    }))?;
    demo.step(
        "OCP create_db_user: create a database user, envelope unwrapped (HTTP Basic)",
        &user,
        Expect::Success,
        ocp.create_db_user(OCP_CLUSTER, OCP_TENANT, &user),
    )
    .await;

    let second: ocp::CreateDbUserRequest =
        body(json!({"username": "user2", "password": "Pass@word2", "roles": ["R1", "R2"]}))?;
    demo.step(
        "OCP create_db_user: another user (OCP access key signed)",
        &second,
        Expect::Success,
        ocp_signed.create_db_user(OCP_CLUSTER, OCP_TENANT, &second),
    )
    .await;

    println!("== Documented errors\n");
    demo.step(
        "DDM create_users: the same account again",
        &create,
        Expect::Error {
            status: 400,
            code: "DBS.300311",
        },
        ddm.create_users(INSTANCE, &create),
    )
    .await;

    let stranger: ddm::UpdateUserRequest = body(json!({"user": {"description": "x"}}))?;
    demo.step(
        "DDM update_user: an account that does not exist",
        &stranger,
        Expect::Error {
            status: 400,
            code: "DBS.300327",
        },
        ddm.update_user(INSTANCE, "nobody1", &stranger),
    )
    .await;

    let delete: dws::OmUserActionRequest = body(json!({"operation": "deleteOmUser"}))?;
    demo.step(
        "DWS om_user_action deleteOmUser: turn the O&M account off (AK/SK signed)",
        &delete,
        Expect::Success,
        dws.om_user_action(CLUSTER, &delete),
    )
    .await;
    demo.step(
        "DWS om_user_action increaseOmUserPeriod while off: HTTP 200 carrying error_code 1",
        &extend,
        Expect::Error {
            status: 200,
            code: "1",
        },
        dws.om_user_action(CLUSTER, &extend),
    )
    .await;

    let not_a_uuid = "z".repeat(36);
    demo.step(
        "DWS om_user_action on a cluster id that is not a UUID",
        &add,
        Expect::Error {
            status: 400,
            code: "DWS.0001",
        },
        dws.om_user_action(&not_a_uuid, &add),
    )
    .await;

    demo.step(
        "OCP create_db_user: the same user again",
        &user,
        Expect::Error {
            status: 400,
            code: "60046",
        },
        ocp.create_db_user(OCP_CLUSTER, OCP_TENANT, &user),
    )
    .await;

    demo.step(
        "OCP create_db_user: a tenant that does not exist",
        &user,
        Expect::Error {
            status: 404,
            code: "10002",
        },
        ocp.create_db_user(OCP_CLUSTER, 999, &user),
    )
    .await;

    let other: ddm::CreateUsersRequest = body(json!({"users": [{
        "name": "DDMuser2", "password": "Axejs@98a", "base_authority": ["SELECT"]
    }]}))?;
    demo.step(
        "DDM create_users with an expired IAM token",
        &other,
        Expect::Error {
            status: 401,
            code: "APIGW.0301",
        },
        wrong_token.create_users(INSTANCE, &other),
    )
    .await;

    lifecycle::ddm(&mut demo, &ddm).await?;
    lifecycle::dws(&mut demo, &dws).await?;
    lifecycle::ocp(&mut demo, &ocp).await?;

    println!("== Refused by the client before sending\n");
    let needs_delete: ddm::CreateUsersRequest = body(json!({"users": [{
        "name": "DDMuser3", "password": "Axejs@98a", "base_authority": ["SELECT"],
        "extend_authority": ["fulltableDelete"]
    }]}))?;
    demo.step(
        "DDM create_users: fulltableDelete without the DELETE permission it needs",
        &needs_delete,
        Expect::NotSent,
        ddm.create_users(INSTANCE, &needs_delete),
    )
    .await;

    let Demo {
        steps, unexpected, ..
    } = demo;
    fake.shutdown().await;
    if unexpected == 0 {
        println!("{steps} steps, all as documented.");
        Ok(true)
    } else {
        println!("{steps} steps, {unexpected} UNEXPECTED.");
        Ok(false)
    }
}
