//! The client against servers that misbehave on purpose (all on 127.0.0.1): answers too
//! large to hold, text meant to forge log lines or print secrets, and values that could
//! never be sent. Memory is measured by the bytes a server managed to write, not by timing.

use client_tests::fixtures::TOKEN;
use client_tests::raw_server::{FloodServer, Framing};
use client_tests::{CASE_LIMIT, local_client, within};
use generated_client::{Credentials, Error, ddm, ocp};
use std::time::Duration;

/// The limit the oversize cases set: 1 MiB.
const LIMIT: u64 = 1024 * 1024;
/// What the flood writes at most, unless the client stops it first: 256 MiB.
const FLOOD_CAP: u64 = 256 * 1024 * 1024;
/// What may be written before the client stops it: the limit plus what the kernel's
/// socket buffers on both sides hold (a few MiB on loopback). Far below the cap.
const WRITTEN_BOUND: u64 = LIMIT + 24 * 1024 * 1024;

fn limited_client(url: &str) -> ddm::Client {
    local_client::<ddm::Client>(url, Credentials::token(TOKEN))
        .max_response_bytes(LIMIT)
        .build()
        .expect("ddm client builds")
}

/// Waits until the flood stopped (the client closed the connection), then says how much
/// it wrote.
async fn written_when_stopped(server: &FloodServer) -> u64 {
    for _ in 0..500 {
        if server.finished() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(
        server.finished(),
        "the server is still writing: the client still reads"
    );
    server.written()
}

fn assert_too_large(error: &Error, declared: Option<u64>) {
    let Error::TooLarge(too_large) = error else {
        panic!("an oversize answer must be Error::TooLarge: {error}");
    };
    assert_eq!(error.status(), Some(200));
    assert_eq!(error.request_id(), Some("req-flood-1"));
    assert_eq!(too_large.limit, LIMIT);
    assert_eq!(too_large.declared, declared);
    let body = error.body().expect("a prefix of the body is kept");
    assert!(
        !body.is_empty() && body.len() <= 64 * 1024,
        "{} bytes kept",
        body.len()
    );
    assert!(body.iter().all(|b| *b == b'x'));
    assert_eq!(error.attempts(), 1, "an oversize answer is not retried");
    let text = error.to_string();
    assert!(
        text.contains("larger than the limit of 1048576 bytes"),
        "{text}"
    );
}

#[tokio::test]
async fn an_endless_chunked_answer_ends_at_the_limit() {
    within(
        "an_endless_chunked_answer_ends_at_the_limit",
        CASE_LIMIT,
        async {
            let server = FloodServer::start(
                200,
                &["X-Request-Id: req-flood-1"],
                Framing::EndlessChunked,
                FLOOD_CAP,
            )
            .await;
            let error = limited_client(&server.url)
                .manage_admin_password("instance-1", &admin())
                .await
                .expect_err("an endless answer cannot succeed");
            assert_too_large(&error, None);
            let written = written_when_stopped(&server).await;
            assert!(
                written < WRITTEN_BOUND,
                "the server wrote {written} bytes: the client read past its limit"
            );
        },
    )
    .await
}

#[tokio::test]
async fn a_large_content_length_is_refused_after_its_first_bytes() {
    within(
        "a_large_content_length_is_refused_after_its_first_bytes",
        CASE_LIMIT,
        async {
            let declared = 1_000_000_000_000;
            let server = FloodServer::start(
                200,
                &["X-Request-Id: req-flood-1"],
                Framing::ContentLength(declared),
                FLOOD_CAP,
            )
            .await;
            let error = limited_client(&server.url)
                .manage_admin_password("instance-1", &admin())
                .await
                .expect_err("an answer announcing 1 TB cannot succeed");
            assert_too_large(&error, Some(declared));
            let written = written_when_stopped(&server).await;
            assert!(
                written < WRITTEN_BOUND,
                "the server wrote {written} bytes: the client read past its limit"
            );
        },
    )
    .await
}

#[test]
fn the_default_limit_is_16_mib() {
    assert_eq!(
        generated_client::runtime::DEFAULT_MAX_RESPONSE_BYTES,
        16 * 1024 * 1024
    );
}

/// A value with characters no header can carry never builds a client: the error names
/// the field, never the value, and nothing is sent.
#[tokio::test]
async fn build_refuses_values_a_header_cannot_carry() {
    within(
        "build_refuses_values_a_header_cannot_carry",
        CASE_LIMIT,
        async {
            let server = client_tests::ScriptedServer::start().await;
            let url = server.url();
            for bad in [
                "v\r\nX-Injected: 1",
                "v\nX-Injected",
                "v\0X-Injected",
                "v\u{7f}X-Injected",
            ] {
                let cases: Vec<(&str, Result<ddm::Client, _>)> = vec![
                    (
                        "the token",
                        local_client(&url, Credentials::token(bad)).build(),
                    ),
                    (
                        "the access key (AK)",
                        local_client(&url, Credentials::aksk(bad, "sk")).build(),
                    ),
                    (
                        "the secret key (SK)",
                        local_client(&url, Credentials::aksk("ak", bad)).build(),
                    ),
                    (
                        "the security token",
                        local_client(&url, Credentials::temporary_aksk("ak", "sk", bad)).build(),
                    ),
                    (
                        "`project_id`",
                        local_client(&url, Credentials::token(TOKEN))
                            .project_id(bad)
                            .build(),
                    ),
                    (
                        "the user agent",
                        local_client(&url, Credentials::token(TOKEN))
                            .user_agent(bad)
                            .build(),
                    ),
                ];
                for (field, built) in cases {
                    let error = built.expect_err(field).to_string();
                    assert!(error.contains(field), "`{field}` named in: {error}");
                    assert!(error.contains("control character"), "{error}");
                    assert!(
                        !error.contains("X-Injected"),
                        "the value is printed: {error}"
                    );
                }
            }
            assert!(server.requests().is_empty());
        },
    )
    .await
}

/// The same for OCP's access key, whose id and signature go in `Authorization` as they are
/// (Basic's pair is base64-encoded, so any character can be sent).
#[tokio::test]
async fn build_refuses_an_ocp_access_key_a_header_cannot_carry() {
    within(
        "build_refuses_an_ocp_access_key_a_header_cannot_carry",
        CASE_LIMIT,
        async {
            let server = client_tests::ScriptedServer::start().await;
            let url = server.url();
            for bad in ["v\r\nX-Injected: 1", "v\0X-Injected", "v\u{7f}X-Injected"] {
                for (field, credentials) in [
                    (
                        "the access key id",
                        Credentials::ocp_access_key(bad, "secret"),
                    ),
                    (
                        "the access key secret",
                        Credentials::ocp_access_key("id", bad),
                    ),
                ] {
                    let error = local_client::<ocp::Client>(&url, credentials)
                        .build()
                        .expect_err(field)
                        .to_string();
                    assert!(error.contains(field), "`{field}` named in: {error}");
                    assert!(error.contains("control character"), "{error}");
                    assert!(
                        !error.contains("X-Injected"),
                        "the value is printed: {error}"
                    );
                }
            }
            let built =
                local_client::<ocp::Client>(&url, Credentials::basic("u\r\n", "p\n")).build();
            assert!(built.is_ok(), "Basic's pair is encoded: {:?}", built.err());
            assert!(server.requests().is_empty());
        },
    )
    .await
}

/// A user name or password in the endpoint is refused before any check that would quote
/// the endpoint, and the builder's `Debug` hides it.
#[tokio::test]
async fn an_endpoint_with_user_info_is_refused_without_printing_it() {
    within(
        "an_endpoint_with_user_info_is_refused_without_printing_it",
        CASE_LIMIT,
        async {
            let server = client_tests::ScriptedServer::start().await;
            let host = server.url().trim_start_matches("http://").to_string();
            for endpoint in [
                format!("http://user:pw-LEAKED@{host}"),
                // Each of these fails another check too, whose message quotes the endpoint.
                "http://user:pw-LEAKED@host:99999".to_string(),
                "https://user:pw-LEAKED@".to_string(),
                "ftp://user:pw-LEAKED@host".to_string(),
                "user:pw-LEAKED@host".to_string(),
                format!("http://user:pw-LEAKED@{host}/?q=1"),
            ] {
                let builder = generated_client::runtime::ClientBuilder::<ddm::Client>::new()
                    .endpoint(&endpoint)
                    .allow_insecure_http()
                    .project_id("p")
                    .credentials(Credentials::token(TOKEN));
                let debug = format!("{builder:?}");
                assert!(!debug.contains("pw-LEAKED"), "{debug}");
                let error = builder.build().expect_err(&endpoint).to_string();
                assert!(!error.contains("pw-LEAKED"), "{error}");
                assert!(error.contains("user name or password"), "{error}");
            }
            assert!(server.requests().is_empty());
        },
    )
    .await
}

/// An empty path parameter is refused as invalid, naming it; nothing is sent.
#[tokio::test]
async fn an_empty_path_parameter_is_refused_before_sending() {
    within(
        "an_empty_path_parameter_is_refused_before_sending",
        CASE_LIMIT,
        async {
            let server = client_tests::ScriptedServer::start().await;
            let client = client_tests::ddm_client(&server.url());
            let error = client
                .manage_admin_password("", &admin())
                .await
                .unwrap_err();
            let Error::Validation(validation) = &error else {
                panic!("an empty path parameter must be a validation error: {error}");
            };
            assert_eq!(validation.violations[0].field, "instance_id", "{error}");
            assert_eq!(error.attempts(), 0);
            assert!(server.requests().is_empty(), "{:?}", server.requests());
        },
    )
    .await
}

/// A URL past what the HTTP library can send is an encoding error at once, never an
/// attempt, let alone three.
#[tokio::test]
async fn a_url_past_the_http_limit_is_refused_not_retried() {
    within(
        "a_url_past_the_http_limit_is_refused_not_retried",
        CASE_LIMIT,
        async {
            let server = client_tests::ScriptedServer::start().await;
            let client = local_client::<ddm::Client>(&server.url(), Credentials::token(TOKEN))
                .retry(generated_client::RetryPolicy::default())
                .build()
                .unwrap();
            let long = "i".repeat(100_000);
            let error = client
                .manage_admin_password(&long, &admin())
                .await
                .unwrap_err();
            assert!(matches!(error, Error::Encode(_)), "{error}");
            assert_eq!(error.attempts(), 0);
            assert!(error.to_string().len() < 500, "the URL is not quoted whole");
            assert!(server.requests().is_empty());
        },
    )
    .await
}

/// `Retry-After` as an HTTP date in each of the three forms RFC 9110 says a recipient must
/// accept: a date far past the total timeout ends the call at once (nothing waited out,
/// no blind retry).
#[tokio::test]
async fn retry_after_is_read_in_all_three_date_forms() {
    within(
        "retry_after_is_read_in_all_three_date_forms",
        CASE_LIMIT,
        async {
            for date in [
                "Tue, 31 Dec 2069 23:59:59 GMT",
                "Tuesday, 31-Dec-69 23:59:59 GMT",
                "Tue Dec 31 23:59:59 2069",
            ] {
                let server = client_tests::ScriptedServer::start().await;
                for _ in 0..3 {
                    server.reply(
                        client_tests::Reply::raw(503, "text/plain", "busy")
                            .header("Retry-After", date),
                    );
                }
                let client = local_client::<ddm::Client>(&server.url(), Credentials::token(TOKEN))
                    .retry(generated_client::RetryPolicy::default())
                    .timeouts(generated_client::runtime::Timeouts {
                        total: Duration::from_secs(20),
                        ..Default::default()
                    })
                    .build()
                    .unwrap();
                let error = client
                    .manage_admin_password("instance-1", &admin())
                    .await
                    .unwrap_err();
                assert_eq!(error.status(), Some(503), "{date}: {error}");
                assert_eq!(error.attempts(), 1, "`{date}` was not read: {error}");
                assert_eq!(server.requests().len(), 1, "{date}");
            }
        },
    )
    .await
}

/// A valid body for the one idempotent call every test here makes (the administrator
/// password, a PUT): what the server answers is what each test is about.
fn admin() -> generated_client::ddm::AdminUserRequest {
    generated_client::ddm::AdminUserRequest {
        name: "root".into(),
        password: "Axejs@98a".into(),
    }
}
