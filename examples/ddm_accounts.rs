//! DDM accounts: create two, change one's permissions, set the administrator password, and
//! meet the documented "account exists" error. `cargo run --example ddm_accounts`.

use client_examples::show;
use fake_cloud::FakeCloud;
use generated_client::{Error, ddm};

const INSTANCE: &str = "instance-1";

#[tokio::main]
async fn main() -> Result<(), Error> {
    let fake = FakeCloud::start().await;
    let client = fake.ddm_client();

    // `new` takes the required fields; `with_..` sets an optional one.
    let reporter =
        ddm::CreateDdmUsersInfo::new("reporter1", "Axejs@98a", [ddm::BaseAuthority::Select])
            .with_description("reads the reports");
    let loader = ddm::CreateDdmUsersInfo::new(
        "loader01",
        "Axejs@98b",
        [ddm::BaseAuthority::Select, ddm::BaseAuthority::Insert],
    )
    .with_extend_authority([ddm::ExtendAuthority::FulltableSelect]);
    let request = ddm::CreateUsersRequest::new([reporter, loader]);
    let created = client.create_users(INSTANCE, &request).await?;
    show("create_users: two accounts", &created);

    let change = ddm::UpdateUserRequest::new(
        ddm::UpdateUserDetailReq::new()
            .with_base_authority(["SELECT", "UPDATE"].map(ddm::BaseAuthority::from))
            .with_description("reads and corrects the reports"),
    );
    let updated = client.update_user(INSTANCE, "reporter1", &change).await?;
    show("update_user: reporter1 may now UPDATE", &updated);

    let admin = ddm::AdminUserRequest::new("root", "Test@1234");
    let job = client.manage_admin_password(INSTANCE, &admin).await?;
    show("manage_admin_password: a job id to follow", &job);

    // The same accounts again: the service's documented error, with its code.
    let again = client.create_users(INSTANCE, &request).await.unwrap_err();
    show("create_users again: refused", &again.to_string());
    assert_eq!(again.code(), Some("DBS.300311"));

    // A rule the spec states is checked before anything is sent.
    let short = ddm::CreateUsersRequest::new([ddm::CreateDdmUsersInfo::new(
        "abc",
        "Axejs@98a",
        [ddm::BaseAuthority::Select],
    )]);
    let refused = client.create_users(INSTANCE, &short).await.unwrap_err();
    show(
        "create_users with a 3-letter name: not sent",
        &refused.to_string(),
    );
    assert!(matches!(refused, Error::Validation(_)));

    let names: Vec<String> = fake
        .ddm_accounts(INSTANCE)
        .into_iter()
        .map(|a| a.name)
        .collect();
    show("the fake now holds", &names);
    Ok(())
}
