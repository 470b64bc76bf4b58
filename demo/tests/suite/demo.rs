//! The demo (what `cargo xtask demo` runs) through the real binary: every operation succeeds, each service shows a
//! documented error, each step names the request sent and its status, and no secret prints.

use std::process::Command;

#[test]
fn demo_runs_every_operation_and_a_documented_error_of_each_service() {
    let out = Command::new(env!("CARGO_BIN_EXE_client-demo"))
        .output()
        .expect("xtask runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");

    let project = "05f2cff45100d5112f4bc00b794ea08e";
    let instance = "1f5c9fd6cd984056ba89c8c87cc03278in09";
    let cluster = "e7107fab-cac0-4261-916b-7f32b3053034";
    for line in [
        // The five operations, each with the request line and status the fake recorded.
        format!("POST /v1/{project}/instances/{instance}/users  ->  200"),
        format!("PUT /v1/{project}/instances/{instance}/users/DDMuser1  ->  200"),
        format!("PUT /v3/{project}/instances/{instance}/admin-user  ->  202"),
        format!("POST /v1/{project}/clusters/{cluster}/db-manager/om-user/action  ->  200"),
        "POST /api/v2/ob/clusters/1/tenants/1000001/users  ->  200".to_owned(),
        // A documented error of each service.
        format!("POST /v1/{project}/instances/{instance}/users  ->  400"),
        "DBS.300311".to_owned(),
        "HTTP 200 with error code 1".to_owned(),
        "POST /api/v2/ob/clusters/1/tenants/1000001/users  ->  400".to_owned(),
        "60046".to_owned(),
        // Data returned.
        // The administrator password job, waited for to its end.
        "status: Some(Completed)".to_owned(),
        "om_user_status: Some(On)".to_owned(),
        "username: Some(\"user1\")".to_owned(),
        // Validation refuses before sending.
        "sent     nothing".to_owned(),
        "all as documented.".to_owned(),
    ] {
        assert!(stdout.contains(&line), "missing {line:?} in:\n{stdout}");
    }
    assert!(!stdout.contains("UNEXPECTED"), "{stdout}");
    let steps = stdout.lines().filter(|l| l.starts_with('[')).count();
    let as_documented = stdout.matches("=> as documented").count();
    assert_eq!(steps, as_documented, "{stdout}");
    assert!(steps >= 8, "{stdout}");

    // Passwords print as ***; none of the demo's secrets appears.
    assert!(stdout.contains("password: ***"), "{stdout}");
    for secret in [
        "Axejs@98a",
        "Test@123",
        "Pass@word1",
        "fake-cloud-secret-key",
    ] {
        assert!(!stdout.contains(secret), "{secret} printed:\n{stdout}");
    }
}
