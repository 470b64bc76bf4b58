//! The fake as a test harness: recording, isolation, routing, credentials, shutdown.
//! AK/SK signatures are checked in `signatures.rs`.

use std::time::Duration;

use crate::common::*;
use fake_cloud::{FakeCloud, FakeConfig, Fault, Operation, Service};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn requests_are_recorded_in_order_with_everything_sent() {
    let fake = FakeCloud::start().await;
    let body = json!({ "users": [ddm_user("appuser1")] });
    ddm_create(&fake, INSTANCE, body.clone()).await;
    dws_action(&fake, CLUSTER, "addOmUser").await;
    let ocp_body = json!({ "username": "user1", "password": "secret" });
    let url = format!("{}?id=1&tenantId=1000001", ocp_url(&fake, "1", "1000001"));
    let ocp_answer = send(ocp(&client(), url, &ocp_body)).await;
    let unmatched =
        send(client().get(format!("{}/v1/{PROJECT}/instances", fake.ddm_endpoint()))).await;

    let requests = fake.requests();
    assert_eq!(requests.len(), 4);

    let first = &requests[0];
    assert_eq!(first.service, Service::Ddm);
    assert_eq!(first.operation, Some(Operation::DdmCreateUsers));
    assert_eq!(first.method, "POST");
    assert_eq!(
        first.path,
        format!("/v1/{PROJECT}/instances/{INSTANCE}/users")
    );
    assert_eq!(first.header("x-auth-token"), Some(TOKEN));
    assert_eq!(
        first.header("Content-Type"),
        Some("application/json;charset=utf-8")
    );
    assert_eq!(first.json(), Some(body));

    assert_eq!(requests[1].service, Service::Dws);
    assert_eq!(requests[1].operation, Some(Operation::DwsOmUserAction));
    assert_eq!(
        requests[1].json(),
        Some(json!({ "operation": "addOmUser" }))
    );

    let third = &requests[2];
    assert_eq!(third.service, Service::Ocp);
    assert_eq!(third.operation, Some(Operation::OcpCreateDbUser));
    assert_eq!(
        third.path,
        "/api/v2/ob/clusters/1/tenants/1000001/users?id=1&tenantId=1000001"
    );
    assert!(
        third
            .header("authorization")
            .is_some_and(|v| v.starts_with("Basic "))
    );
    assert_eq!(third.body, ocp_body.to_string().into_bytes());
    assert_eq!(
        Some(third.request_id.as_str()),
        ocp_answer.json["traceId"].as_str()
    );

    let fourth = &requests[3];
    assert_eq!(fourth.operation, None);
    assert_eq!(fourth.method, "GET");
    assert!(fourth.body.is_empty());
    assert_eq!(
        Some(fourth.request_id.as_str()),
        unmatched.header("x-request-id")
    );

    let statuses: Vec<_> = requests.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [Some(200), Some(200), Some(200), Some(404)]);

    assert_eq!(fake.request_count(Operation::DdmCreateUsers), 1);
    assert_eq!(fake.request_count(Operation::DdmUpdateUser), 0);
    fake.clear_requests();
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn refused_and_faulted_requests_are_recorded_too() {
    let fake = FakeCloud::start().await;
    fake.inject(Operation::DwsOmUserAction, Fault::DropConnection, 1);
    let _ = dws_action_raw_error(&fake).await;
    let no_token = client()
        .post(dws_url(&fake, CLUSTER))
        .header("Content-Type", "application/json")
        .body("{}");
    assert_eq!(send(no_token).await.status, 401);
    assert_eq!(fake.request_count(Operation::DwsOmUserAction), 2);
    // The dropped connection had no HTTP answer; the refusal did.
    let statuses: Vec<_> = fake.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [None, Some(401)]);
}

async fn dws_action_raw_error(fake: &FakeCloud) -> reqwest::Error {
    huawei(
        &client(),
        Method::POST,
        dws_url(fake, CLUSTER),
        &json!({ "operation": "addOmUser" }),
    )
    .send()
    .await
    .expect_err("dropped")
}

#[tokio::test]
async fn two_fakes_share_nothing() {
    let a = FakeCloud::start().await;
    let b = FakeCloud::start().await;
    assert_ne!(a.ddm_endpoint(), b.ddm_endpoint());
    a.inject(Operation::DwsOmUserAction, Fault::html(503), 1);

    assert_eq!(
        ddm_create(&a, INSTANCE, json!({ "users": [ddm_user("appuser1")] }))
            .await
            .status,
        200
    );
    assert_eq!(dws_action(&b, CLUSTER, "addOmUser").await.status, 200);
    assert_eq!(
        ocp_create(
            &b,
            "1",
            "1002",
            json!({ "username": "user1", "password": "x" })
        )
        .await
        .status,
        200
    );

    assert_eq!(a.ddm_accounts(INSTANCE).len(), 1);
    assert!(b.ddm_accounts(INSTANCE).is_empty());
    assert!(a.dws_om_user(CLUSTER).is_none());
    assert!(b.dws_om_user(CLUSTER).is_some());
    assert!(a.ocp_users(1, 1002).is_empty());
    assert_eq!(b.ocp_users(1, 1002).len(), 1);
    assert_eq!(a.requests().len(), 1);
    assert_eq!(b.requests().len(), 2);
    assert_eq!(a.pending_faults(Operation::DwsOmUserAction), 1);
    // The same account name can be created in b: its DDM is empty.
    assert_eq!(
        ddm_create(&b, INSTANCE, json!({ "users": [ddm_user("appuser1")] }))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn each_service_has_its_own_listener() {
    let fake = FakeCloud::start().await;
    let endpoints = [
        fake.ddm_endpoint(),
        fake.dws_endpoint(),
        fake.ocp_endpoint(),
    ];
    for endpoint in &endpoints {
        assert!(endpoint.starts_with("http://127.0.0.1:"), "{endpoint}");
    }
    assert_ne!(endpoints[0], endpoints[1]);
    assert_ne!(endpoints[1], endpoints[2]);
    assert_eq!(fake.endpoint(Service::Dws), endpoints[1]);

    // A DDM call sent to the DWS listener is not a DDM call.
    let url = format!(
        "{}/v1/{PROJECT}/instances/{INSTANCE}/users",
        fake.dws_endpoint()
    );
    let answer = send(huawei(
        &client(),
        Method::POST,
        url,
        &json!({ "users": [ddm_user("appuser1")] }),
    ))
    .await;
    assert_eq!(answer.status, 404);
    assert_eq!(answer.json["error_code"], "APIGW.0101");
    // An OCP call sent to the DDM listener neither.
    let url = format!(
        "{}/api/v2/ob/clusters/1/tenants/1002/users",
        fake.ddm_endpoint()
    );
    let answer = send(ocp(
        &client(),
        url,
        &json!({ "username": "user1", "password": "x" }),
    ))
    .await;
    assert_eq!(answer.status, 404);
    assert!(fake.ddm_accounts(INSTANCE).is_empty());
    assert!(fake.ocp_users(1, 1002).is_empty());
    assert!(fake.requests().iter().all(|r| r.operation.is_none()));
}

#[tokio::test]
async fn custom_credentials_are_enforced() {
    let config = FakeConfig {
        iam_token: "token-b".into(),
        ocp_username: "ops".into(),
        ocp_password: "pw-b".into(),
        ..FakeConfig::default()
    };
    let fake = FakeCloud::start_with(config).await;
    assert_eq!(dws_action(&fake, CLUSTER, "addOmUser").await.status, 401);
    let request = client()
        .post(dws_url(&fake, CLUSTER))
        .header("X-Auth-Token", "token-b")
        .header("Content-Type", "application/json")
        .body(json!({ "operation": "addOmUser" }).to_string());
    assert_eq!(send(request).await.status, 200);

    let body = json!({ "username": "user1", "password": "x" });
    assert_eq!(
        ocp_create(&fake, "1", "1002", body.clone()).await.status,
        401
    );
    let request = client()
        .post(ocp_url(&fake, "1", "1002"))
        .header("Authorization", basic("ops", "pw-b"))
        .header("Content-Type", "application/json")
        .body(body.to_string());
    assert_eq!(send(request).await.status, 200);
}

#[tokio::test]
async fn shutdown_stops_the_listeners() {
    let fake = FakeCloud::start().await;
    let endpoint = fake.ddm_endpoint();
    assert_eq!(dws_action(&fake, CLUSTER, "addOmUser").await.status, 200);
    fake.shutdown().await;
    let error = client()
        .get(format!("{endpoint}/anything"))
        .send()
        .await
        .expect_err("nothing listens any more");
    assert!(error.is_connect(), "{error:?}");
}

#[tokio::test]
async fn drop_stops_the_listeners() {
    let fake = FakeCloud::start().await;
    let address = fake.ocp_endpoint().trim_start_matches("http://").to_owned();
    drop(fake);
    // The aborted tasks release their sockets once the runtime gets to them.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
    loop {
        if tokio::net::TcpStream::connect(&address).await.is_err() {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "listener still open"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_creates_are_consistent() {
    let fake = std::sync::Arc::new(FakeCloud::start().await);
    let mut tasks = Vec::new();
    for i in 0..20 {
        let fake = fake.clone();
        tasks.push(tokio::spawn(async move {
            // Every task tries the same name once and a name of its own once.
            let shared = ddm_create(&fake, INSTANCE, json!({ "users": [ddm_user("sameuser")] }))
                .await
                .status;
            let own = ddm_create(
                &fake,
                INSTANCE,
                json!({ "users": [ddm_user(&format!("ownuser{i:02}"))] }),
            )
            .await
            .status;
            (shared, own)
        }));
    }
    let mut shared_ok = 0;
    for task in tasks {
        let (shared, own) = task.await.expect("task");
        assert_eq!(own, 200);
        if shared == 200 {
            shared_ok += 1;
        } else {
            assert_eq!(shared, 400);
        }
    }
    assert_eq!(shared_ok, 1);
    assert_eq!(fake.ddm_accounts(INSTANCE).len(), 21);
}
