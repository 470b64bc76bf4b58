//! DDM accounts: create accounts and modify an account, and what each request is checked for.

use crate::common::*;
use fake_cloud::FakeCloud;
use serde_json::json;

/// The request example of the create-accounts page.
fn documented_create_body() -> serde_json::Value {
    json!({ "users": [{
        "name": "DDMuser1",
        "password": "Axejs@98a",
        "base_authority": ["CREATE", "DROP", "ALTER", "INDEX", "INSERT", "DELETE", "UPDATE", "SELECT"],
        "extend_authority": ["fulltableSelect", "fulltableDelete", "fulltableUpdate"],
        "description": "",
        "databases": [{ "name": "DDMdb1" }]
    }]})
}

#[tokio::test]
async fn create_accounts_documented_example() {
    let fake = FakeCloud::start().await;
    let answer = ddm_create(&fake, INSTANCE, documented_create_body()).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.json, json!({ "users": [{ "name": "DDMuser1" }] }));
    assert_request_id(&answer);

    let accounts = fake.ddm_accounts(INSTANCE);
    assert_eq!(accounts.len(), 1);
    let account = &accounts[0];
    assert_eq!(account.name, "DDMuser1");
    assert_eq!(account.password, "Axejs@98a");
    assert_eq!(account.base_authority.len(), 8);
    assert_eq!(
        account.extend_authority,
        ["fulltableSelect", "fulltableDelete", "fulltableUpdate"]
    );
    assert_eq!(account.databases, ["DDMdb1"]);
}

#[tokio::test]
async fn modify_account_documented_example() {
    let fake = FakeCloud::start().await;
    let mut body = documented_create_body();
    body["users"][0]["name"] = json!("ddmtest");
    assert_eq!(ddm_create(&fake, INSTANCE, body).await.status, 200);

    let answer = ddm_update(
        &fake,
        INSTANCE,
        "ddmtest",
        json!({ "user": {
            "base_authority": ["SELECT"],
            "description": "test11",
            "databases": [{ "name": "db_7350" }]
        }}),
    )
    .await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.json, json!({ "name": "ddmtest" }));
    assert_request_id(&answer);

    let account = fake.ddm_account(INSTANCE, "ddmtest").expect("account");
    assert_eq!(account.base_authority, ["SELECT"]);
    assert_eq!(account.description, "test11");
    assert_eq!(account.databases, ["db_7350"]);
    // Extended permissions whose basic permission was taken away are dropped.
    assert_eq!(account.extend_authority, ["fulltableSelect"]);
}

#[tokio::test]
async fn modify_account_partially_keeps_the_rest() {
    let fake = FakeCloud::start().await;
    assert_eq!(
        ddm_create(&fake, INSTANCE, documented_create_body())
            .await
            .status,
        200
    );
    let answer = ddm_update(
        &fake,
        INSTANCE,
        "DDMuser1",
        json!({ "user": { "description": "only this" } }),
    )
    .await;
    assert_eq!(answer.status, 200, "{answer:?}");
    let account = fake.ddm_account(INSTANCE, "DDMuser1").expect("account");
    assert_eq!(account.description, "only this");
    assert_eq!(account.base_authority.len(), 8);
    assert_eq!(account.databases, ["DDMdb1"]);
}

#[tokio::test]
async fn create_modify_then_duplicate_create_fails() {
    let fake = FakeCloud::start().await;
    assert_eq!(
        ddm_create(&fake, INSTANCE, json!({ "users": [ddm_user("appuser1")] }))
            .await
            .status,
        200
    );
    let answer = ddm_update(
        &fake,
        INSTANCE,
        "appuser1",
        json!({ "user": { "base_authority": ["SELECT", "INSERT"] } }),
    )
    .await;
    assert_eq!(answer.status, 200, "{answer:?}");
    let answer = ddm_create(&fake, INSTANCE, json!({ "users": [ddm_user("appuser1")] })).await;
    assert_ddm_error(&answer, 400, "DBS.300311");
    let accounts = fake.ddm_accounts(INSTANCE);
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].base_authority, ["SELECT", "INSERT"]);
}

#[tokio::test]
async fn accounts_belong_to_their_instance() {
    let fake = FakeCloud::start().await;
    assert_eq!(
        ddm_create(
            &fake,
            "instance-a",
            json!({ "users": [ddm_user("shared_name")] })
        )
        .await
        .status,
        200
    );
    assert_eq!(
        ddm_create(
            &fake,
            "instance-b",
            json!({ "users": [ddm_user("shared_name")] })
        )
        .await
        .status,
        200
    );
    let answer = ddm_update(
        &fake,
        "instance-c",
        "shared_name",
        json!({ "user": { "description": "x" } }),
    )
    .await;
    assert_ddm_error(&answer, 400, "DBS.300327");
    assert_eq!(fake.ddm_accounts("instance-a").len(), 1);
    assert_eq!(fake.ddm_accounts("instance-b").len(), 1);
}

#[tokio::test]
async fn name_length_is_checked() {
    let fake = FakeCloud::start().await;
    for name in ["short", &"a".repeat(33), "1digitfirst", "has-dash"] {
        let answer = ddm_create(&fake, INSTANCE, json!({ "users": [ddm_user(name)] })).await;
        assert_ddm_error(&answer, 400, "DBS.300305");
    }
    for name in ["sixchr", &"a".repeat(32)] {
        let answer = ddm_create(&fake, INSTANCE, json!({ "users": [ddm_user(name)] })).await;
        assert_eq!(answer.status, 200, "{name}: {answer:?}");
    }
}

#[tokio::test]
async fn empty_password_is_refused() {
    let fake = FakeCloud::start().await;
    let mut user = ddm_user("appuser1");
    user["password"] = json!("");
    let answer = ddm_create(&fake, INSTANCE, json!({ "users": [user] })).await;
    assert_ddm_error(&answer, 400, "DBS.300306");
}

#[tokio::test]
async fn basic_permissions_are_checked() {
    let fake = FakeCloud::start().await;
    for base in [json!([]), json!(["SELECT", "TRUNCATE"]), json!(["select"])] {
        let mut user = ddm_user("appuser1");
        user["base_authority"] = base;
        let answer = ddm_create(&fake, INSTANCE, json!({ "users": [user] })).await;
        assert_ddm_error(&answer, 400, "DBS.300309");
    }
}

#[tokio::test]
async fn extended_permissions_are_checked() {
    let fake = FakeCloud::start().await;
    let cases = [
        (json!(["SELECT"]), json!(["fulltableAll"])),
        (json!(["DELETE", "UPDATE"]), json!(["fulltableSelect"])),
        (json!(["SELECT", "UPDATE"]), json!(["fulltableDelete"])),
        (json!(["SELECT", "DELETE"]), json!(["fulltableUpdate"])),
    ];
    for (base, extend) in cases {
        let mut user = ddm_user("appuser1");
        user["base_authority"] = base;
        user["extend_authority"] = extend;
        let answer = ddm_create(&fake, INSTANCE, json!({ "users": [user] })).await;
        assert_ddm_error(&answer, 400, "DBS.300310");
    }
    let mut user = ddm_user("appuser1");
    user["base_authority"] = json!(["SELECT", "DELETE", "UPDATE"]);
    user["extend_authority"] = json!(["fulltableSelect", "fulltableDelete", "fulltableUpdate"]);
    assert_eq!(
        ddm_create(&fake, INSTANCE, json!({ "users": [user] }))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn description_is_limited_to_256_characters() {
    let fake = FakeCloud::start().await;
    let mut user = ddm_user("appuser1");
    user["description"] = json!("d".repeat(257));
    let answer = ddm_create(&fake, INSTANCE, json!({ "users": [user.clone()] })).await;
    assert_ddm_error(&answer, 400, "DBS.280001");
    user["description"] = json!("d".repeat(256));
    assert_eq!(
        ddm_create(&fake, INSTANCE, json!({ "users": [user] }))
            .await
            .status,
        200
    );
    let answer = ddm_update(
        &fake,
        INSTANCE,
        "appuser1",
        json!({ "user": { "description": "é".repeat(257) } }),
    )
    .await;
    assert_ddm_error(&answer, 400, "DBS.280001");
}

#[tokio::test]
async fn duplicate_names_in_one_request_are_refused() {
    let fake = FakeCloud::start().await;
    let answer = ddm_create(
        &fake,
        INSTANCE,
        json!({ "users": [ddm_user("appuser1"), ddm_user("appuser1")] }),
    )
    .await;
    assert_ddm_error(&answer, 400, "DBS.300311");
    assert!(fake.ddm_accounts(INSTANCE).is_empty());
}

#[tokio::test]
async fn create_is_all_or_nothing() {
    let fake = FakeCloud::start().await;
    let mut bad = ddm_user("appuser2");
    bad["base_authority"] = json!(["NOPE"]);
    let answer = ddm_create(
        &fake,
        INSTANCE,
        json!({ "users": [ddm_user("appuser1"), bad] }),
    )
    .await;
    assert_ddm_error(&answer, 400, "DBS.300309");
    assert!(fake.ddm_accounts(INSTANCE).is_empty());

    assert_eq!(
        ddm_create(&fake, INSTANCE, json!({ "users": [ddm_user("appuser1")] }))
            .await
            .status,
        200
    );
    let answer = ddm_create(
        &fake,
        INSTANCE,
        json!({ "users": [ddm_user("appuser2"), ddm_user("appuser1")] }),
    )
    .await;
    assert_ddm_error(&answer, 400, "DBS.300311");
    assert_eq!(fake.ddm_accounts(INSTANCE).len(), 1);
}

#[tokio::test]
async fn an_instance_holds_at_most_100_accounts() {
    let fake = FakeCloud::start().await;
    let users: Vec<_> = (0..100)
        .map(|i| ddm_user(&format!("account{i:03}")))
        .collect();
    let answer = ddm_create(&fake, INSTANCE, json!({ "users": users })).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.json["users"].as_array().map(Vec::len), Some(100));

    let answer = ddm_create(
        &fake,
        INSTANCE,
        json!({ "users": [ddm_user("account100")] }),
    )
    .await;
    assert_ddm_error(&answer, 400, "DBS.280001");
    let message = answer.json["externalMessage"].as_str().unwrap_or_default();
    assert!(message.contains("100"), "{message}");
    assert_eq!(fake.ddm_accounts(INSTANCE).len(), 100);
    // Another instance is not affected.
    assert_eq!(
        ddm_create(&fake, "other", json!({ "users": [ddm_user("account100")] }))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn malformed_or_incomplete_bodies_are_parameter_errors() {
    let fake = FakeCloud::start().await;
    let client = client();
    let raw = client
        .post(ddm_users_url(&fake, INSTANCE))
        .header("X-Auth-Token", TOKEN)
        .header("Content-Type", "application/json")
        .body("{\"users\": [");
    assert_ddm_error(&send(raw).await, 400, "DBS.280001");
    let empty = client
        .post(ddm_users_url(&fake, INSTANCE))
        .header("X-Auth-Token", TOKEN)
        .header("Content-Type", "application/json");
    assert_ddm_error(&send(empty).await, 400, "DBS.280001");
    for body in [
        json!({}),
        json!({ "users": [] }),
        json!({ "users": [{ "name": "appuser1", "base_authority": ["SELECT"] }] }),
        json!({ "users": [{ "name": "appuser1", "password": "x" }] }),
        json!({ "users": [{ "password": "x", "base_authority": ["SELECT"] }] }),
        json!({ "users": [{ "name": "appuser1", "password": "x", "base_authority": "SELECT" }] }),
        json!({ "users": [{ "name": "appuser1", "password": "x", "base_authority": ["SELECT"], "databases": [{}] }] }),
    ] {
        let answer = ddm_create(&fake, INSTANCE, body.clone()).await;
        assert_ddm_error(&answer, 400, "DBS.280001");
    }
    assert!(fake.ddm_accounts(INSTANCE).is_empty());
}

#[tokio::test]
async fn modify_errors() {
    let fake = FakeCloud::start().await;
    let answer = ddm_update(
        &fake,
        INSTANCE,
        "nobody_here",
        json!({ "user": { "description": "x" } }),
    )
    .await;
    assert_ddm_error(&answer, 400, "DBS.300327");

    assert_eq!(
        ddm_create(&fake, INSTANCE, json!({ "users": [ddm_user("appuser1")] }))
            .await
            .status,
        200
    );
    let answer = ddm_update(&fake, INSTANCE, "appuser1", json!({ "user": {} })).await;
    assert_ddm_error(&answer, 400, "DBS.280001");
    let answer = ddm_update(
        &fake,
        INSTANCE,
        "appuser1",
        json!({ "description": "no user wrapper" }),
    )
    .await;
    assert_ddm_error(&answer, 400, "DBS.280001");
    let answer = ddm_update(
        &fake,
        INSTANCE,
        "appuser1",
        json!({ "user": { "base_authority": [] } }),
    )
    .await;
    assert_ddm_error(&answer, 400, "DBS.300309");
    let answer = ddm_update(
        &fake,
        INSTANCE,
        "appuser1",
        json!({ "user": { "base_authority": ["GRANT"] } }),
    )
    .await;
    assert_ddm_error(&answer, 400, "DBS.300309");
    assert_eq!(
        fake.ddm_account(INSTANCE, "appuser1")
            .expect("account")
            .base_authority,
        ["SELECT"]
    );
}

#[tokio::test]
async fn percent_encoded_username_in_path() {
    let fake = FakeCloud::start().await;
    let answer = ddm_update(
        &fake,
        INSTANCE,
        "bad%FFname",
        json!({ "user": { "description": "x" } }),
    )
    .await;
    assert_eq!(answer.status, 400, "{answer:?}");
    assert!(answer.json["errCode"].is_string());
    assert_eq!(
        ddm_create(&fake, INSTANCE, json!({ "users": [ddm_user("app_user1")] }))
            .await
            .status,
        200
    );
    let answer = ddm_update(
        &fake,
        INSTANCE,
        "app%5Fuser1",
        json!({ "user": { "description": "x" } }),
    )
    .await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.json["name"], "app_user1");
}
