//! DDM: the administrator password (the V3 admin-user API).

use crate::common::*;
use fake_cloud::FakeCloud;
use serde_json::json;

#[tokio::test]
async fn admin_password_documented_example_then_change() {
    let fake = FakeCloud::start().await;
    let answer = ddm_admin(
        &fake,
        INSTANCE,
        json!({ "name": "root", "password": "****" }),
    )
    .await;
    assert_eq!(answer.status, 202, "{answer:?}");
    assert_request_id(&answer);
    let job_id = answer.json["job_id"].as_str().expect("job_id").to_owned();
    let groups: Vec<usize> = job_id.split('-').map(str::len).collect();
    assert_eq!(groups, [8, 4, 4, 4, 12]);
    let admin = fake.ddm_admin(INSTANCE).expect("admin");
    assert_eq!(
        (admin.name.as_str(), admin.password.as_str()),
        ("root", "****")
    );
    assert_eq!(admin.password_changes, 0);

    let answer = ddm_admin(
        &fake,
        INSTANCE,
        json!({ "name": "root", "password": "N3w-Passw0rd" }),
    )
    .await;
    assert_eq!(answer.status, 202, "{answer:?}");
    assert_ne!(answer.json["job_id"], job_id);
    let admin = fake.ddm_admin(INSTANCE).expect("admin");
    assert_eq!(admin.password, "N3w-Passw0rd");
    assert_eq!(admin.password_changes, 1);
    assert_eq!(admin.job_ids.len(), 2);

    // Another name once the administrator exists.
    let answer = ddm_admin(
        &fake,
        INSTANCE,
        json!({ "name": "admin2", "password": "x" }),
    )
    .await;
    assert_ddm_error(&answer, 400, "DBS.280001");
    assert_eq!(fake.ddm_admin(INSTANCE).expect("admin").name, "root");
}

#[tokio::test]
async fn admin_password_errors() {
    let fake = FakeCloud::start().await;
    let answer = ddm_admin(&fake, INSTANCE, json!({ "name": "root", "password": "" })).await;
    assert_ddm_error(&answer, 400, "DBS.300306");
    let answer = ddm_admin(&fake, INSTANCE, json!({ "name": "", "password": "x" })).await;
    assert_ddm_error(&answer, 400, "DBS.280001");
    let answer = ddm_admin(&fake, INSTANCE, json!({ "password": "x" })).await;
    assert_ddm_error(&answer, 400, "DBS.280001");
    assert!(fake.ddm_admin(INSTANCE).is_none());
}
