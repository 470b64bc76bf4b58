//! The README's "Testing your code against the fake" example, compiled and run as it is
//! printed there; the last test fails when the two drift apart.

// README example: begin
use fake_cloud::FakeCloud;
use generated_client::{Error, ddm};

// Your code: it takes a client, so that a test can hand it one of the fake.
async fn add_reporting_account(client: &ddm::Client, instance: &str) -> Result<(), Error> {
    let account =
        ddm::CreateDdmUsersInfo::new("reporter1", "Axejs@98a", [ddm::BaseAuthority::Select]);
    let request = ddm::CreateUsersRequest::new([account]);
    client.create_users(instance, &request).await.map(|_| ())
}

#[tokio::test]
async fn adds_the_reporting_account_once() {
    let fake = FakeCloud::start().await;
    let ddm = fake.ddm_client();

    add_reporting_account(&ddm, "instance-1").await.unwrap();
    let account = fake.ddm_account("instance-1", "reporter1").unwrap();
    assert_eq!(account.base_authority, ["SELECT"]);

    // A second run meets the service's documented "account exists" error.
    let error = add_reporting_account(&ddm, "instance-1").await.unwrap_err();
    assert_eq!(error.code(), Some("DBS.300311"));
}
// README example: end

#[test]
fn the_readme_shows_this_example() {
    assert_readme_shows(
        "## Testing your code against the fake",
        include_str!("readme.rs"),
        "tests/tests/suite/fake/readme.rs",
    );
}

/// The first Rust block under `heading` in README.md is, byte for byte, the code between
/// the `README example` markers of `this_file` (so the README's example is the one run).
pub(super) fn assert_readme_shows(heading: &str, this_file: &str, file_name: &str) {
    let readme = include_str!("../../../../README.md");
    let section = readme
        .split(heading)
        .nth(1)
        .expect("the README has the section");
    let block = section
        .split("```rust\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the section has a rust block");
    let example = this_file
        .split("// README example: begin\n")
        .nth(1)
        .and_then(|rest| rest.split("// README example: end").next())
        .expect("markers");
    assert_eq!(block, example, "README.md and {file_name} differ");
}
