//! The README's "Listing every account and waiting for a job" example, compiled and run as
//! it is printed there; the last test fails when the two drift apart.

// README example: begin
use fake_cloud::{FakeCloud, FakeConfig};
use futures::TryStreamExt;
use generated_client::{Error, ddm};
use std::time::Duration;

// Every account of an instance, however many pages that takes.
async fn account_names(client: &ddm::Client, instance: &str) -> Result<Vec<String>, Error> {
    client
        .list_users(instance)
        .limit(2)
        .items()
        .map_ok(|account| account.name.unwrap_or_default())
        .try_collect()
        .await
}

// Sets the administrator password, then waits for the job that applies it.
async fn set_admin_password(client: &ddm::Client, instance: &str) -> Result<ddm::JobInfo, Error> {
    let request = ddm::AdminUserRequest::new("root", "Axejs@98a-admin");
    let answer = client
        .manage_admin_password(instance, &request)
        .and_wait()
        .poll_interval(Duration::from_millis(200))
        .timeout(Duration::from_secs(300))
        .await?;
    Ok(answer.job.unwrap_or_default())
}

#[tokio::test]
async fn lists_every_account_and_waits_for_the_admin_job() {
    let config = FakeConfig {
        ddm_job_polls: 1,
        ..FakeConfig::default()
    };
    let fake = FakeCloud::start_with(config).await;
    let ddm = fake.ddm_client();
    let accounts = ["reader1", "reader2", "reader3"]
        .map(|name| ddm::CreateDdmUsersInfo::new(name, "Axejs@98a", [ddm::BaseAuthority::Select]));
    ddm.create_users("instance-1", &ddm::CreateUsersRequest::new(accounts))
        .await
        .unwrap();

    // Two pages of at most two accounts.
    let names = account_names(&ddm, "instance-1").await.unwrap();
    assert_eq!(names, ["reader1", "reader2", "reader3"]);

    let job = set_admin_password(&ddm, "instance-1").await.unwrap();
    assert_eq!(job.status, Some(ddm::JobStatus::Completed));
}
// README example: end

#[test]
fn the_readme_shows_this_example() {
    super::readme::assert_readme_shows(
        "### Listing every account and waiting for a job",
        include_str!("readme_lifecycle.rs"),
        "tests/tests/suite/fake/readme_lifecycle.rs",
    );
}
