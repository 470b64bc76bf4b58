//! The generated clients at work without any cloud account (`cargo xtask demo` runs this
//! binary). Starts
//! `fake-cloud` in this process, calls each of the five operations, then shows documented
//! errors of each service and a request the client refuses before sending. Every step
//! prints what was sent on the wire, the outcome and the data returned (secrets print as
//! `***`), and says whether it went as the service's documentation says it should.
//!
//! Request bodies are written as JSON and read into the typed requests, so that a spec change
//! that adds an optional field does not stop the demo from building. It is its own package,
//! not part of `xtask`, so that `cargo xtask regen` still builds (and reports the located
//! error) when a spec is broken and the clients cannot be generated.

use std::fmt::Debug;
use std::future::IntoFuture;
use std::process::ExitCode;

use fake_cloud::{FakeCloud, FakeConfig};
use generated_client::runtime::{ClientBuilder, ServiceClient};
use generated_client::{Credentials, Error, RetryPolicy, ddm, dws, ocp};
use serde::de::DeserializeOwned;
use serde_json::json;

/// The DDM instance of the admin-password page's example.
const INSTANCE: &str = "1f5c9fd6cd984056ba89c8c87cc03278in09";
/// The DWS cluster of the O&M page's examples.
const CLUSTER: &str = "e7107fab-cac0-4261-916b-7f32b3053034";
/// The OCP tenant of the create-user page's example.
const OCP_CLUSTER: i64 = 1;
const OCP_TENANT: i64 = 1_000_001;

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

/// What a step should end with, as the service's documentation says.
enum Expect {
    Success,
    /// An error answer with this HTTP status and service error code.
    Error {
        status: u16,
        code: &'static str,
    },
    /// Refused by the client's own validation: nothing reaches the service.
    NotSent,
}

/// Runs the steps against one fake and keeps the score.
struct Demo<'a> {
    fake: &'a FakeCloud,
    steps: usize,
    unexpected: usize,
}

impl Demo<'_> {
    async fn step<T: Debug>(
        &mut self,
        title: &str,
        request: &dyn Debug,
        expect: Expect,
        call: impl IntoFuture<Output = Result<T, Error>>,
    ) {
        self.steps += 1;
        self.fake.clear_requests();
        println!("[{}] {title}", self.steps);
        println!("    request  {request:?}");
        let outcome = call.await;
        let sent = self.fake.requests();
        if sent.is_empty() {
            println!("    sent     nothing");
        }
        for request in &sent {
            let status = request
                .status
                .map_or_else(|| "no answer".to_owned(), |s| s.to_string());
            println!(
                "    sent     {} {}  ->  {status}",
                request.method, request.path
            );
        }
        match &outcome {
            Ok(value) => println!("    answer   {value:?}"),
            Err(error) => println!("    error    {error}"),
        }
        let as_expected = match (&expect, &outcome) {
            (Expect::Success, Ok(_)) => sent.len() == 1,
            (Expect::Error { status, code }, Err(error)) => {
                error.status() == Some(*status) && error.code() == Some(*code) && sent.len() == 1
            }
            (Expect::NotSent, Err(Error::Validation(_))) => sent.is_empty(),
            _ => false,
        };
        let wanted = match expect {
            Expect::Success => "success".to_owned(),
            Expect::Error { status, code } => format!("HTTP {status} with error code {code}"),
            Expect::NotSent => "refused before sending".to_owned(),
        };
        if as_expected {
            println!("    => as documented: {wanted}\n");
        } else {
            self.unexpected += 1;
            println!("    => UNEXPECTED: the documentation says {wanted}\n");
        }
    }
}

/// A typed request from its JSON form.
fn body<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(value).map_err(|e| {
        format!(
            "a demo request does not fit the generated {}: {e}",
            std::any::type_name::<T>()
        )
    })
}

/// A client that sends each call once, so every step shows exactly one request.
fn once<C: ServiceClient>(builder: ClientBuilder<C>) -> Result<C, String> {
    builder
        .retry(RetryPolicy::none())
        .build()
        .map_err(|e| e.to_string())
}

async fn demo() -> Result<bool, String> {
    let fake = FakeCloud::try_start_with(FakeConfig::default().with_default_aksk())
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
        "DDM manage_admin_password: set the administrator password, V3, 202 with a job id (AK/SK signed)",
        &admin,
        Expect::Success,
        ddm_signed.manage_admin_password(INSTANCE, &admin),
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
