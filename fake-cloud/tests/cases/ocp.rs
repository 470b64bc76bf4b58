//! OCP: create a database user.

use crate::common::*;
use fake_cloud::{FakeCloud, FakeConfig};
use serde_json::json;

fn documented_body() -> serde_json::Value {
    json!({
        "username": "user1",
        "password": "******",
        "globalPrivileges": ["DELETE", "SELECT", "INDEX"],
        "dbPrivileges": [{ "dbName": "db1", "privileges": ["ALTER", "CREATE", "SELECT"] }]
    })
}

#[tokio::test]
async fn create_db_user_documented_example() {
    let fake = FakeCloud::start().await;
    let url = format!("{}?id=1&tenantId=1000001", ocp_url(&fake, "1", "1000001"));
    let answer = send(ocp(&client(), url, &documented_body())).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    let body = &answer.json;
    assert_eq!(body["successful"], true);
    assert_eq!(body["status"], 200);
    assert_eq!(body["server"], "fake-ocp");
    assert!(body["duration"].is_u64());
    assert_trace_id(body);
    let timestamp = body["timestamp"].as_str().expect("timestamp");
    assert!(
        chrono::DateTime::parse_from_rfc3339(timestamp).is_ok(),
        "{timestamp}"
    );

    let data = &body["data"];
    assert_eq!(data["username"], "user1");
    assert_eq!(
        data["globalPrivileges"],
        json!(["DELETE", "SELECT", "INDEX"])
    );
    assert_eq!(
        data["dbPrivileges"],
        json!([{ "dbName": "db1", "privileges": ["ALTER", "CREATE", "SELECT"] }])
    );
    assert_eq!(data["isLocked"], false);
    assert_eq!(data["accessibleDatabases"], json!(["db1"]));
    assert!(data.get("grantedRoles").is_none());
    let created = data["createTime"].as_str().expect("createTime");
    let created = chrono::DateTime::parse_from_rfc3339(created).expect("RFC 3339 createTime");
    assert!(created.to_rfc3339().ends_with("+00:00"));

    let users = fake.ocp_users(1, 1_000_001);
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].username, "user1");
    assert_eq!(users[0].password, "******");
    assert_eq!(users[0].db_privileges[0].db_name, "db1");
}

#[tokio::test]
async fn roles_come_back_as_granted_roles() {
    let fake = FakeCloud::start().await;
    let body = json!({ "username": "reporter", "password": "p@ss", "roles": ["R1", "R2"] });
    let answer = ocp_create(&fake, "1", "1002", body).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.json["data"]["grantedRoles"], "R1,R2");
    assert_eq!(answer.json["data"]["globalPrivileges"], json!([]));
    assert_eq!(fake.ocp_users(1, 1002)[0].roles, ["R1", "R2"]);
}

#[tokio::test]
async fn ids_must_be_integers() {
    let fake = FakeCloud::start().await;
    for (cluster, tenant, field) in [
        ("one", "1000001", "id"),
        ("1", "tenant", "tenantId"),
        ("1.5", "1000001", "id"),
    ] {
        let answer = ocp_create(&fake, cluster, tenant, documented_body()).await;
        assert_ocp_error(&answer, 400, 10001);
        assert_eq!(
            answer.json["error"]["subErrors"][0]["field"], field,
            "{answer:?}"
        );
    }
}

#[tokio::test]
async fn unknown_tenant_is_404() {
    let fake = FakeCloud::start().await;
    for (cluster, tenant) in [("1", "5"), ("2", "1000001")] {
        let answer = ocp_create(&fake, cluster, tenant, documented_body()).await;
        assert_ocp_error(&answer, 404, 10002);
    }
}

#[tokio::test]
async fn configured_tenants_exist() {
    let config = FakeConfig {
        ocp_tenants: vec![(7, 42)],
        ..FakeConfig::default()
    };
    let fake = FakeCloud::start_with(config).await;
    assert_eq!(
        ocp_create(&fake, "7", "42", documented_body()).await.status,
        200
    );
    assert_ocp_error(
        &ocp_create(&fake, "1", "1000001", documented_body()).await,
        404,
        10002,
    );
}

#[tokio::test]
async fn duplicate_user_is_60046_and_tenants_are_separate() {
    let fake = FakeCloud::start().await;
    assert_eq!(
        ocp_create(&fake, "1", "1000001", documented_body())
            .await
            .status,
        200
    );
    let answer = ocp_create(&fake, "1", "1000001", documented_body()).await;
    assert_ocp_error(&answer, 400, 60046);
    assert_eq!(fake.ocp_users(1, 1_000_001).len(), 1);
    assert_eq!(
        ocp_create(&fake, "1", "1002", documented_body())
            .await
            .status,
        200
    );
    assert_eq!(fake.ocp_users(1, 1002).len(), 1);
}

#[tokio::test]
async fn invalid_usernames_are_60045() {
    let fake = FakeCloud::start().await;
    for username in [
        json!(""),
        json!("9lives"),
        json!("bad name"),
        json!("a".repeat(65)),
        json!(null),
    ] {
        let mut body = documented_body();
        body["username"] = username;
        let answer = ocp_create(&fake, "1", "1000001", body).await;
        assert_ocp_error(&answer, 400, 60045);
        assert_eq!(answer.json["error"]["subErrors"][0]["field"], "username");
    }
    let mut body = documented_body();
    body.as_object_mut().expect("object").remove("username");
    assert_ocp_error(&ocp_create(&fake, "1", "1000001", body).await, 400, 60045);
    assert!(fake.ocp_users(1, 1_000_001).is_empty());
}

#[tokio::test]
async fn missing_password_and_malformed_bodies_are_10001() {
    let fake = FakeCloud::start().await;
    let mut body = documented_body();
    body["password"] = json!("");
    let answer = ocp_create(&fake, "1", "1000001", body).await;
    assert_ocp_error(&answer, 400, 10001);
    assert_eq!(answer.json["error"]["subErrors"][0]["field"], "password");

    let malformed = client()
        .post(ocp_url(&fake, "1", "1000001"))
        .header("Authorization", basic("admin", "aaAA11__"))
        .header("Content-Type", "application/json")
        .body("{\"username\": ");
    assert_ocp_error(&send(malformed).await, 400, 10001);
    let wrong_type =
        json!({ "username": "user1", "password": "x", "dbPrivileges": [{ "dbName": "db1" }] });
    assert_ocp_error(
        &ocp_create(&fake, "1", "1000001", wrong_type).await,
        400,
        10001,
    );
    let text = client()
        .post(ocp_url(&fake, "1", "1000001"))
        .header("Authorization", basic("admin", "aaAA11__"))
        .header("Content-Type", "text/plain")
        .body(documented_body().to_string());
    assert_ocp_error(&send(text).await, 400, 10001);
    assert!(fake.ocp_users(1, 1_000_001).is_empty());
}

#[tokio::test]
async fn missing_credentials_30000_bad_credentials_30004() {
    let fake = FakeCloud::start().await;
    let none = client()
        .post(ocp_url(&fake, "1", "1000001"))
        .header("Content-Type", "application/json")
        .body(documented_body().to_string());
    let answer = send(none).await;
    assert_ocp_error(&answer, 401, 30000);

    for authorization in [
        basic("admin", "wrong"),
        basic("root", "aaAA11__"),
        "Basic %%%".to_owned(),
        "Bearer x".to_owned(),
    ] {
        let request = client()
            .post(ocp_url(&fake, "1", "1000001"))
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .body(documented_body().to_string());
        assert_ocp_error(&send(request).await, 401, 30004);
    }
    assert!(fake.ocp_users(1, 1_000_001).is_empty());
}

#[tokio::test]
async fn unknown_paths_and_methods_answer_in_the_envelope() {
    let fake = FakeCloud::start().await;
    let answer = send(client().get(format!("{}/api/v2/ob/clusters", fake.ocp_endpoint()))).await;
    assert_ocp_error(&answer, 404, 10002);
    // GET lists the users; PUT is no operation of that path.
    let answer = send(client().put(ocp_url(&fake, "1", "1000001"))).await;
    assert_ocp_error(&answer, 405, 10001);
}
