//! The `fake-cloud` binary: banner, serving, logging without secrets, clean stop on SIGTERM.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;
use fake_cloud::FakeConfig;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn binary_serves_logs_without_secrets_and_stops_on_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fake-cloud"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start fake-cloud");
    let stdout = child.stdout.take().expect("stdout");
    let mut banner = String::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("banner line");
        banner.push_str(&line);
        banner.push('\n');
        if line.starts_with("Stop with") {
            break;
        }
    }
    let endpoint = |name: &str| {
        banner
            .lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix(name)
                    .map(|rest| rest.trim().to_owned())
            })
            .expect("endpoint in banner")
    };
    let ddm = endpoint("DDM ");
    assert!(ddm.starts_with("http://127.0.0.1:"), "{banner}");
    assert!(banner.contains(FakeConfig::DEFAULT_TOKEN), "{banner}");
    assert!(banner.contains(FakeConfig::DEFAULT_PROJECT_ID), "{banner}");
    assert!(banner.contains(FakeConfig::DEFAULT_ACCESS_KEY), "{banner}");

    let url = format!("{ddm}/v1/{PROJECT}/instances/{INSTANCE}/users");
    let body = json!({ "users": [{ "name": "DDMuser1", "password": "Very-Secret-9", "base_authority": ["SELECT"] }] });
    let answer = send(huawei(&client(), Method::POST, url, &body)).await;
    assert_eq!(answer.status, 200, "{answer:?}");

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = child.try_wait().expect("wait") {
            break exit;
        }
        assert!(Instant::now() < deadline, "fake-cloud did not stop");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "{exit:?}");

    let mut log = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut log)
        .expect("log");
    assert!(log.contains("/instances/"), "{log}");
    assert!(log.contains("status=200"), "{log}");
    assert!(!log.contains("Very-Secret-9"), "{log}");
    assert!(!log.contains(FakeConfig::DEFAULT_TOKEN), "{log}");
}
