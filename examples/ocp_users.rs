//! OCP database users of a tenant: create one with privileges, another with roles, and meet
//! the documented "user exists" error. `cargo run --example ocp_users`.

use client_examples::show;
use fake_cloud::FakeCloud;
use generated_client::{Error, ocp};

const CLUSTER: i64 = 1;
const TENANT: i64 = 1_000_001;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let fake = FakeCloud::start().await;
    let client = fake.ocp_client();

    let analyst = ocp::CreateDbUserRequest::new("analyst", "Pass@word1")
        .with_global_privileges(["SELECT"])
        .with_db_privileges([ocp::DbPrivilege::new("sales", ["SELECT", "INDEX"])]);
    let created = client.create_db_user(CLUSTER, TENANT, &analyst).await?;
    show(
        "create_db_user: analyst (the envelope is unwrapped)",
        &created,
    );

    let operator = ocp::CreateDbUserRequest::new("operator", "Pass@word2").with_roles(["R1"]);
    let created = client.create_db_user(CLUSTER, TENANT, &operator).await?;
    show("create_db_user: operator", &created);

    let again = client
        .create_db_user(CLUSTER, TENANT, &analyst)
        .await
        .unwrap_err();
    show("create_db_user again: refused", &again.to_string());
    assert_eq!(again.code(), Some("60046"));

    let names: Vec<String> = fake
        .ocp_users(CLUSTER, TENANT)
        .into_iter()
        .map(|u| u.username)
        .collect();
    show("the fake now holds", &names);
    Ok(())
}
