//! No secret reaches a log line, a `Debug` output or an error message: every log event at
//! TRACE (the runtime's, and reqwest's and hyper's) is captured into a buffer while every
//! operation runs with every kind of credentials, through successes, error answers,
//! retries and transport failures; then the logs and the `Debug`/`Display` text of the
//! clients, builders, credentials, requests and errors are searched for each secret.
//! Also: each call has one span carrying service, operation, attempt, status, request id
//! and duration.

use client_tests::every_operation;

use client_tests::{Reply, ScriptedServer};
use every_operation::*;
use generated_client::runtime::{ClientBuilder, Request};
use generated_client::{Credentials, RetryPolicy, ddm};
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tracing_subscriber::fmt::format::FmtSpan;

const SK: &str = "SECRET-sk-4f1d9c7b2e";
const SECURITY_TOKEN: &str = "SECRET-security-token-8a3e";
const IAM_TOKEN: &str = "SECRET-iam-token-5b7c";
const OCP_PASSWORD: &str = "SECRET-ocp-basic-pw-1e9d";
const OCP_KEY_SECRET: &str = "SECRET-ocp-key-secret-6f2a";

/// Every log line written in this test binary.
fn logs() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let sink = buffer.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_span_events(FmtSpan::CLOSE)
            .with_ansi(false)
            .with_writer(move || Sink(sink.clone()))
            // Also installs a `log` bridge, so reqwest's `log` records are captured too.
            .try_init()
            .expect("the only subscriber of this test binary");
        buffer
    })
}

struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn captured() -> String {
    String::from_utf8_lossy(&logs().lock().unwrap()).into_owned()
}

fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 2,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(2),
        retry_non_idempotent: true,
    }
}

/// The credentials to try for an operation's service.
fn credentials_for(op: Op) -> Vec<Credentials> {
    if op.service() == fake_cloud::Service::Ocp {
        vec![
            Credentials::basic("ocp_admin", OCP_PASSWORD),
            Credentials::ocp_access_key("ocp-key-id", OCP_KEY_SECRET),
        ]
    } else {
        vec![
            Credentials::token(IAM_TOKEN),
            Credentials::temporary_aksk("AK-PUBLIC-ID", SK, SECURITY_TOKEN),
        ]
    }
}

/// The secret parts of an `Authorization` value: a signature, or Basic's encoded pair.
fn signature_parts(value: &str) -> Vec<String> {
    value
        .split([' ', ',', ':'])
        .map(|part| part.strip_prefix("Signature=").unwrap_or(part))
        .filter(|part| {
            !part.starts_with("Access=")
                && !part.starts_with("SignedHeaders=")
                && ![
                    "SDK-HMAC-SHA256",
                    "OCP-ACCESS-KEY-HMACSHA1",
                    "Basic",
                    "ocp-key-id",
                ]
                .contains(part)
        })
        .map(String::from)
        .collect()
}

#[tokio::test]
async fn no_secret_reaches_logs_debug_or_errors() {
    client_tests::within(
        "no_secret_reaches_logs_debug_or_errors",
        client_tests::CASE_LIMIT,
        async {
            logs();
            let mut secrets: Vec<String> = [
                SK,
                SECURITY_TOKEN,
                IAM_TOKEN,
                OCP_PASSWORD,
                OCP_KEY_SECRET,
                DDM_USER_PASSWORD,
                DDM_ADMIN_PASSWORD,
                OCP_USER_PASSWORD,
            ]
            .map(String::from)
            .to_vec();
            let mut shown = Vec::new();

            for op in Op::ALL {
                for credentials in credentials_for(op) {
                    let server = ScriptedServer::start().await;
                    let (status, body) = success_answer(op);
                    // A success; a 503 then an error answer (retried, then final); a 401.
                    server.reply(Reply::json(status, &body).header("X-Request-Id", "req-1"));
                    server.reply(Reply::raw(503, "text/html", "<html>busy</html>"));
                    server.reply(Reply::json(
                        400,
                        &serde_json::json!({"errCode": "DBS.280001"}),
                    ));
                    server.reply(Reply::json(
                        401,
                        &serde_json::json!({"error_code": "APIGW.0301"}),
                    ));
                    let mut target = Target::one_endpoint(&server.url());
                    if op.service() == fake_cloud::Service::Ocp {
                        target.ocp_credentials = credentials.clone();
                        shown.push(format!("{:?}", target.ocp().unwrap()));
                    } else {
                        target.huawei = credentials.clone();
                        shown.push(format!("{:?}", target.ddm().unwrap()));
                        shown.push(format!("{:?}", target.dws().unwrap()));
                    }
                    target.retry = quick_retries();
                    for _ in 0..3 {
                        if let Err(error) = call(&target, op).await {
                            shown.push(format!("{error}\n{error:?}"));
                        }
                    }
                    // A transport failure: nothing listens.
                    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
                    let url = format!("http://{}", closed.local_addr().unwrap());
                    drop(closed);
                    let mut refused = target.clone();
                    refused.ddm = url.clone();
                    refused.dws = url.clone();
                    refused.ocp = url;
                    let error = call(&refused, op).await.unwrap_err();
                    shown.push(format!("{error}\n{error:?}"));
                    shown.push(format!("{target:?}"));

                    // The signatures and encoded credentials that went on the wire are secrets too.
                    for sent in server.requests() {
                        for name in ["authorization", "x-auth-token", "x-security-token"] {
                            if let Some(value) = sent.header(name) {
                                secrets.push(value.to_string());
                                secrets.extend(signature_parts(value));
                            }
                        }
                    }
                }
            }

            // Builders, credentials, requests and models that hold secrets.
            let builder = ClientBuilder::<ddm::Client>::new()
                .endpoint("https://ddm.example.test")
                .credentials(Credentials::temporary_aksk(
                    "AK-PUBLIC-ID",
                    SK,
                    SECURITY_TOKEN,
                ));
            shown.push(format!("{builder:?}"));
            shown.push(format!("{:?}", new_ddm_user()));
            for credentials in credentials_for(Op::DdmCreateUsers)
                .into_iter()
                .chain(credentials_for(Op::OcpCreateDbUser))
            {
                shown.push(format!("{credentials:?}"));
            }
            static OPERATION_DEBUG: generated_client::runtime::Operation =
                generated_client::runtime::Operation {
                    service: &ddm::SERVICE,
                    name: "debug_probe",
                    method: generated_client::runtime::Method::Post,
                    path: "/",
                    idempotent: false,
                    success: &[200],
                    response: generated_client::runtime::ResponseBody::Json,
                };
            let mut request = Request::new(&OPERATION_DEBUG, "/".into());
            request.json(&new_ddm_user()).unwrap();
            request.header("X-Auth-Token", IAM_TOKEN);
            shown.push(format!("{request:?}"));

            let logs = captured();
            assert!(
                logs.contains("api_call") && logs.contains("starting new connection"),
                "the runtime's and reqwest's logs are captured:\n{logs}"
            );
            secrets.retain(|s| s.len() >= 8);
            for secret in &secrets {
                assert!(!logs.contains(secret.as_str()), "`{secret}` is in the logs");
                for text in &shown {
                    assert!(!text.contains(secret.as_str()), "`{secret}` is in: {text}");
                }
            }
            // The access key id is not a secret, and shows where credentials are described.
            assert!(shown.iter().any(|t| t.contains("AK-PUBLIC-ID")));
        },
    )
    .await
}

#[tokio::test]
async fn each_call_has_a_span_with_its_outcome() {
    client_tests::within(
        "each_call_has_a_span_with_its_outcome",
        client_tests::CASE_LIMIT,
        async {
            logs();
            let server = ScriptedServer::start().await;
            server.reply(Reply::raw(503, "text/plain", "busy"));
            let (status, body) = success_answer(Op::DdmUpdateUser);
            server.reply(Reply::json(status, &body).header("X-Request-Id", "req-span-7e41"));
            let mut target = Target::one_endpoint(&server.url());
            target.retry = quick_retries();
            call(&target, Op::DdmUpdateUser).await.unwrap();

            let logs = captured();
            let closed = logs
                .lines()
                .find(|l| {
                    l.contains("api_call{") && l.contains("req-span-7e41") && l.contains("close")
                })
                .unwrap_or_else(|| panic!("the call's span closes with its fields:\n{logs}"));
            for field in [
                "service=\"ddm\"",
                "operation=\"update_user\"",
                "method=\"PUT\"",
                "attempt=2",
                "status=200",
                "request_id=\"req-span-7e41\"",
                "duration_ms=",
            ] {
                assert!(closed.contains(field), "`{field}` in {closed}");
            }
            assert!(
                logs.lines()
                    .any(|l| l.contains("retrying") && l.contains("HTTP 503")),
                "the retry is logged:\n{logs}"
            );
        },
    )
    .await
}

#[tokio::test]
async fn a_redirect_is_not_followed_with_the_credentials() {
    client_tests::within(
        "a_redirect_is_not_followed_with_the_credentials",
        client_tests::CASE_LIMIT,
        async {
            let elsewhere = ScriptedServer::start().await;
            let server = ScriptedServer::start().await;
            server.reply(
                Reply::raw(307, "text/plain", "moved")
                    .header("Location", &format!("{}/stolen", elsewhere.url())),
            );
            let mut target = Target::one_endpoint(&server.url());
            target.huawei = Credentials::temporary_aksk("AK-PUBLIC-ID", SK, SECURITY_TOKEN);
            let error = call(&target, Op::DdmUpdateUser).await.unwrap_err();
            assert_eq!(error.status(), Some(307));
            assert_eq!(error.body(), Some(&b"moved"[..]));
            assert_eq!(server.requests().len(), 1);
            assert!(elsewhere.requests().is_empty(), "the redirect was followed");
        },
    )
    .await
}

/// A server's error text is made safe wherever it is shown: control characters escaped
/// (no forged log line, no terminal escape), the length capped, and any secret the request
/// carried (the body's password, the token) masked; `body()` keeps the raw bytes and
/// `Debug` shows the body as text, never as a list of byte values.
#[tokio::test]
async fn server_text_cannot_forge_log_lines_or_print_secrets() {
    client_tests::within(
        "server_text_cannot_forge_log_lines_or_print_secrets",
        client_tests::CASE_LIMIT,
        async {
            logs();
            let server = ScriptedServer::start().await;
            let forged = "\n2030-01-01T00:00:00Z  INFO forged: all good\u{1b}[2J";
            let huge_id = format!("{}\u{7f}\n", "r".repeat(300_000));
            let body = serde_json::json!({
                "errCode": format!("DBS.1{forged}"),
                "externalMessage": format!(
                    "password {DDM_USER_PASSWORD} is weak; token {IAM_TOKEN}{forged}"
                ),
            });
            server.reply(Reply::json(400, &body).header("X-Request-Id", "req-1"));
            let mut target = Target::one_endpoint(&server.url());
            target.huawei = Credentials::token(IAM_TOKEN);
            let error = call(&target, Op::DdmCreateUsers).await.unwrap_err();
            let raw = serde_json::to_vec(&body).unwrap();
            assert_eq!(error.body(), Some(&raw[..]), "body() keeps the raw bytes");
            let display = error.to_string();
            let debug = format!("{error:?}");
            for text in [&display, &debug] {
                assert!(!text.contains('\n') && !text.contains('\u{1b}'), "{text}");
                assert!(!text.contains('\u{7f}'), "{text}");
                assert!(!text.contains(DDM_USER_PASSWORD), "{text}");
                assert!(!text.contains(IAM_TOKEN), "{text}");
                assert!(
                    text.contains("\\n2030-01-01"),
                    "escaped, not dropped: {text}"
                );
            }
            assert!(
                display.contains("password *** is weak; token ***"),
                "{display}"
            );
            assert!(debug.contains("body: \"{"), "the body as text: {debug}");

            // OCP: a 300 KB `traceId` is a short field, not a 300 KB line.
            let ocp = ScriptedServer::start().await;
            ocp.reply(Reply::json(
                400,
                &serde_json::json!({
                    "successful": false,
                    "traceId": huge_id,
                    "error": {"code": "E1", "message": format!("no{forged}")},
                }),
            ));
            let mut target = Target::one_endpoint(&ocp.url());
            target.ocp_credentials = Credentials::basic("ocp_admin", OCP_PASSWORD);
            let error = call(&target, Op::OcpCreateDbUser).await.unwrap_err();
            assert_eq!(error.request_id(), Some(huge_id.as_str()));
            let display = error.to_string();
            assert!(display.len() < 2_000, "{} bytes", display.len());
            let debug = format!("{error:?}");
            assert!(debug.len() < 4_000, "{} bytes", debug.len());
            assert!(
                !display.contains('\u{7f}') && !debug.contains('\n'),
                "{debug}"
            );

            // The `call failed` line of both calls: one line each, escaped and capped.
            let logs = captured();
            let failed: Vec<&str> = logs
                .lines()
                .filter(|l| l.contains("call failed") && l.contains("forged"))
                .collect();
            assert_eq!(failed.len(), 2, "{logs}");
            for line in failed {
                assert!(line.len() < 4_000, "a {} byte log line", line.len());
                assert!(!line.contains(DDM_USER_PASSWORD) && !line.contains('\u{1b}'));
            }
            assert!(
                !logs.lines().any(|l| l.starts_with("2030-01-01")),
                "a forged line"
            );
        },
    )
    .await
}

/// A password with characters that JSON and Rust's `Debug` escape (`"` and `\`), echoed
/// back by the server: in its error message, and as the whole body of a success answer the
/// client cannot read (serde's reason quotes the value it refused). A mask that only looks
/// for the password as it was typed misses it in the body's text and in the reason, where
/// it stands escaped; so no part of it may show, in any form.
#[tokio::test]
async fn an_echoed_password_is_masked_in_its_escaped_forms_too() {
    client_tests::within(
        "an_echoed_password_is_masked_in_its_escaped_forms_too",
        client_tests::CASE_LIMIT,
        async {
            logs();
            const PASSWORD: &str = "Echo\"Pw\\q-ECHOED-7c1e";
            // What follows the escaped characters: seen in any text, the password leaked.
            const TAIL: &str = "ECHOED-7c1e";
            let server = ScriptedServer::start().await;
            server.reply(Reply::json(
                400,
                &serde_json::json!({
                    "errCode": "DBS.280001",
                    "externalMessage": format!("password {PASSWORD} is too weak"),
                }),
            ));
            server.reply(Reply::json(202, &serde_json::json!(PASSWORD)));
            let client = client_tests::ddm_client(&server.url());
            let request = ddm::AdminUserRequest {
                name: "root".into(),
                password: PASSWORD.into(),
            };
            let mut shown = Vec::new();
            for variant in ["Api", "Decode"] {
                let error = client
                    .manage_admin_password(DDM_INSTANCE, &request)
                    .await
                    .unwrap_err();
                let debug = format!("{error:?}");
                assert!(debug.starts_with(variant), "{variant}: {debug}");
                shown.push(error.to_string());
                shown.push(debug);
            }
            assert_eq!(server.requests().len(), 2);
            assert!(
                shown[0].contains("password *** is too weak"),
                "{}",
                shown[0]
            );
            shown.push(captured());
            for text in &shown {
                assert!(!text.contains(TAIL), "the echoed password is in: {text}");
            }
        },
    )
    .await
}

/// A 300 KB `X-Request-Id` header (hyper takes headers up to about 400 KB): the error keeps
/// it whole, `Display`, `Debug` and the `call failed` line show a short field.
#[tokio::test]
async fn a_huge_request_id_header_is_shown_short() {
    client_tests::within(
        "a_huge_request_id_header_is_shown_short",
        client_tests::CASE_LIMIT,
        async {
            logs();
            let huge_id = format!("req-huge-{}", "r".repeat(300_000));
            let server = ScriptedServer::start().await;
            server.reply(
                Reply::json(400, &serde_json::json!({"errCode": "DBS.280001"}))
                    .header("X-Request-Id", &huge_id),
            );
            let error = client_tests::ddm_client(&server.url())
                .manage_admin_password(DDM_INSTANCE, &admin_request())
                .await
                .unwrap_err();
            assert_eq!(error.request_id(), Some(huge_id.as_str()));
            let display = error.to_string();
            assert!(display.len() < 2_000, "{} bytes of Display", display.len());
            let debug = format!("{error:?}");
            assert!(debug.len() < 4_000, "{} bytes of Debug", debug.len());
            let logs = captured();
            let failed: Vec<&str> = logs
                .lines()
                .filter(|l| l.contains("call failed") && l.contains("req-huge-"))
                .collect();
            assert_eq!(failed.len(), 1, "one `call failed` line");
            assert!(
                failed[0].len() < 4_000,
                "a {} byte log line",
                failed[0].len()
            );
        },
    )
    .await
}

fn admin_request() -> ddm::AdminUserRequest {
    ddm::AdminUserRequest {
        name: "root".into(),
        password: DDM_ADMIN_PASSWORD.into(),
    }
}
