//! Authentication over real HTTP on 127.0.0.1, checked the way a server checks it: the
//! server side recomputes each signature from the bytes it received (method, path, query,
//! the headers the signature names, body) with the pure signers, and compares. Also: the
//! credentials and endpoints `build()` accepts or refuses, and reading them from an
//! environment.

#[path = "common/every_operation.rs"]
mod every_operation;

use base64::Engine;
use client_tests::{Recorded, Reply, ScriptedServer};
use every_operation::{Op, Target, call, success_answer};
use generated_client::runtime::signing::{
    RequestParts, canonical_query, huawei, ocp as ocp_signing,
};
use generated_client::runtime::{
    ClientBuilder, ConfigError, Method, Operation, Request, ResponseBody, ServiceClient, encode,
};
use generated_client::{Credentials, Error, RetryPolicy, ddm, dws, ocp};
use percent_encoding::percent_decode_str;
use std::collections::HashMap;
use std::time::Duration;

const AK: &str = "HPUAXXAKEXAMPLE00001";
const SK: &str = "sk-example-0123456789abcdefghijklmnopqrstuv";
const SECURITY_TOKEN: &str = "security-token-example-value";
const PROJECT: &str = fake_cloud::FakeConfig::DEFAULT_PROJECT_ID;

// ------------------------------------------------------------------ server-side checks

/// The decoded query pairs of a request target, as a server reads them.
fn query_pairs(uri: &str) -> (String, Vec<(String, String)>) {
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let decode = |s: &str| {
        percent_decode_str(s)
            .decode_utf8()
            .expect("UTF-8")
            .into_owned()
    };
    let pairs = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    (path.to_string(), pairs)
}

/// Verifies an `SDK-HMAC-SHA256` request as the API gateway does, from what was received.
/// Returns the signed header names.
fn verify_huawei(sent: &Recorded, sk: &str) -> Vec<String> {
    let authorization = sent
        .header("authorization")
        .expect("an Authorization header");
    let fields: HashMap<&str, &str> = authorization
        .strip_prefix("SDK-HMAC-SHA256 ")
        .expect("the SDK-HMAC-SHA256 scheme")
        .split(", ")
        .map(|f| f.split_once('=').expect("key=value"))
        .collect();
    let signed: Vec<String> = fields["SignedHeaders"]
        .split(';')
        .map(str::to_string)
        .collect();
    // Only the headers the signature names, with the values that arrived.
    let headers: Vec<(String, String)> = signed
        .iter()
        .map(|name| {
            let value = sent
                .header(name)
                .unwrap_or_else(|| panic!("signed header `{name}` was not sent"));
            (name.clone(), value.to_string())
        })
        .collect();
    let (path, query) = query_pairs(&sent.uri);
    let date = sent.header("x-sdk-date").expect("an X-Sdk-Date header");
    let parts = RequestParts {
        method: &sent.method,
        host: sent.header("host").expect("a Host header"),
        path: &path,
        query: &query,
        headers: &headers,
        body: &sent.body,
    };
    let expected = huawei::sign(fields["Access"], sk, date, &parts).expect("signable");
    assert_eq!(
        authorization, expected.authorization,
        "the signature does not match what was sent"
    );
    signed
}

/// Verifies an `OCP-ACCESS-KEY-HMACSHA1` request from what was received.
fn verify_ocp(sent: &Recorded, id: &str, secret: &str) {
    let authorization = sent
        .header("authorization")
        .expect("an Authorization header");
    let (path, query) = query_pairs(&sent.uri);
    let parts = RequestParts {
        method: &sent.method,
        host: sent.header("host").expect("a Host header"),
        path: &path,
        query: &query,
        headers: &sent.headers,
        body: &sent.body,
    };
    let date = sent.header("date").expect("a Date header");
    let expected = ocp_signing::sign(id, secret, date, &parts);
    assert_eq!(
        authorization, expected.authorization,
        "the signature does not match what was sent"
    );
}

async fn answered(server: &ScriptedServer, op: Op) {
    let (status, body) = success_answer(op);
    server.reply(Reply::json(status, &body).header("X-Request-Id", "req-auth"));
}

// ------------------------------------------------------------------ signing end to end

#[tokio::test]
async fn every_huawei_operation_is_signed_over_what_is_sent() {
    for credentials in [
        Credentials::aksk(AK, SK),
        Credentials::temporary_aksk(AK, SK, SECURITY_TOKEN),
    ] {
        for op in [
            Op::DdmCreateUsers,
            Op::DdmUpdateUser,
            Op::DdmAdminPassword,
            Op::DwsOmUserAction,
        ] {
            let server = ScriptedServer::start().await;
            answered(&server, op).await;
            let mut target = Target::one_endpoint(&server.url());
            target.huawei = credentials.clone();
            call(&target, op).await.expect("the call succeeds");

            let sent = server.single_request();
            let signed = verify_huawei(&sent, SK);
            let port = server.url().rsplit(':').next().unwrap().to_string();
            assert_eq!(sent.header("host"), Some(&*format!("127.0.0.1:{port}")));
            assert_eq!(sent.header("x-project-id"), Some(PROJECT));
            assert!(sent.header("x-auth-token").is_none());
            let mut must_sign = vec![
                "content-type",
                "host",
                "user-agent",
                "x-project-id",
                "x-sdk-date",
            ];
            if matches!(
                credentials,
                Credentials::AkSk {
                    security_token: Some(_),
                    ..
                }
            ) {
                assert_eq!(sent.header("x-security-token"), Some(SECURITY_TOKEN));
                must_sign.push("x-security-token");
            } else {
                assert!(sent.header("x-security-token").is_none());
            }
            assert_eq!(signed, must_sign, "{op:?}");
        }
    }
}

/// An operation with a query, to prove the wire query is the signed, canonical one.
const WITH_QUERY: Operation = Operation {
    service: &ddm::SERVICE,
    name: "probe_with_query",
    method: Method::Get,
    path: "/v1/{project_id}/instances/{instance_id}/users",
    idempotent: true,
    success: &[200],
    response: ResponseBody::Json,
};

#[tokio::test]
async fn the_query_sent_is_the_canonical_query_signed() {
    let server = ScriptedServer::start().await;
    server.reply(Reply::json(200, &serde_json::json!({})));
    let client = ddm::Client::builder()
        .endpoint(format!("{}/base/", server.url()))
        .allow_insecure_http()
        .project_id(PROJECT)
        .credentials(Credentials::aksk(AK, SK))
        .build()
        .unwrap();
    let pairs: Vec<(String, String)> = [
        ("limit", "10"),
        ("name", "a b+c/d&e=f~ü"),
        ("a", "z"),
        ("limit", "9"),
        ("empty", ""),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let mut request = Request::new(
        &WITH_QUERY,
        [
            "/v1/",
            &encode(PROJECT),
            "/instances/",
            &encode("in st/1"),
            "/users",
        ]
        .concat(),
    );
    for (k, v) in &pairs {
        request.query(k, v);
    }
    let _: serde_json::Value = client.runtime().call(request).await.unwrap();

    let sent = server.single_request();
    verify_huawei(&sent, SK);
    let (path, received) = query_pairs(&sent.uri);
    assert_eq!(
        path,
        format!("/base/v1/{PROJECT}/instances/in%20st%2F1/users")
    );
    assert_eq!(sent.uri.split_once('?').unwrap().1, canonical_query(&pairs));
    let mut sorted = pairs.clone();
    sorted.sort();
    assert_eq!(received, sorted, "the server reads back every pair");
}

#[tokio::test]
async fn each_retry_is_signed_afresh() {
    let server = ScriptedServer::start().await;
    server.reply(Reply::raw(503, "text/plain", "busy"));
    answered(&server, Op::DdmUpdateUser).await;
    let mut target = Target::one_endpoint(&server.url());
    target.huawei = Credentials::temporary_aksk(AK, SK, SECURITY_TOKEN);
    target.retry = RetryPolicy {
        max_attempts: 2,
        base_delay: Duration::from_millis(1),
        ..RetryPolicy::default()
    };
    call(&target, Op::DdmUpdateUser).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for sent in &requests {
        verify_huawei(sent, SK);
    }
}

#[tokio::test]
async fn ocp_access_key_requests_are_signed_over_what_is_sent() {
    let server = ScriptedServer::start().await;
    answered(&server, Op::OcpCreateDbUser).await;
    let mut target = Target::one_endpoint(&server.url());
    target.ocp_credentials = Credentials::ocp_access_key("ocp-key-id", "ocp-key-secret-value");
    call(&target, Op::OcpCreateDbUser).await.unwrap();
    let sent = server.single_request();
    assert!(
        sent.header("authorization")
            .unwrap()
            .starts_with("OCP-ACCESS-KEY-HMACSHA1 ocp-key-id:")
    );
    assert!(sent.header("date").unwrap().ends_with(" GMT"));
    verify_ocp(&sent, "ocp-key-id", "ocp-key-secret-value");
}

#[tokio::test]
async fn ocp_basic_and_iam_tokens_are_sent_as_they_are() {
    let server = ScriptedServer::start().await;
    answered(&server, Op::OcpCreateDbUser).await;
    answered(&server, Op::DwsOmUserAction).await;
    let mut target = Target::one_endpoint(&server.url());
    target.ocp_credentials = Credentials::basic("ocp_admin", "pa:ss word");
    target.huawei = Credentials::token("iam-token-value");
    call(&target, Op::OcpCreateDbUser).await.unwrap();
    call(&target, Op::DwsOmUserAction).await.unwrap();
    let [basic, token] = &server.requests()[..] else {
        panic!("two requests")
    };
    let encoded = basic
        .header("authorization")
        .unwrap()
        .strip_prefix("Basic ")
        .unwrap();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .unwrap();
    assert_eq!(decoded, b"ocp_admin:pa:ss word");
    assert_eq!(token.header("x-auth-token"), Some("iam-token-value"));
    assert!(token.header("authorization").is_none());
    assert!(token.header("x-sdk-date").is_none());
}

#[tokio::test]
async fn a_path_that_http_would_resolve_away_is_not_sent() {
    let server = ScriptedServer::start().await;
    let target = Target::one_endpoint(&server.url());
    for instance in ["..", "."] {
        let error = target
            .ddm()
            .unwrap()
            .create_users(instance, &every_operation::new_ddm_user())
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::Encode(m) if m.contains("`.` or `..`")),
            "{error:?}"
        );
        assert_eq!(error.attempts(), 0);
    }
    assert!(server.requests().is_empty());
}

// ------------------------------------------------------------------ build() refusals

fn build_error<C: ServiceClient + std::fmt::Debug>(builder: ClientBuilder<C>) -> String {
    builder.build().expect_err("build() refuses").to_string()
}

fn ddm_builder() -> ClientBuilder<ddm::Client> {
    ddm::Client::builder()
        .endpoint("https://ddm.example.test")
        .project_id(PROJECT)
        .credentials(Credentials::aksk(AK, SK))
}

#[test]
fn build_refuses_what_would_fail_later() {
    let cases: Vec<(String, &str)> = vec![
        (
            build_error(
                ddm::Client::builder()
                    .project_id(PROJECT)
                    .credentials(Credentials::token("t")),
            ),
            "no endpoint",
        ),
        (
            build_error(ddm_builder().endpoint("http://ddm.example.test")),
            "plain http",
        ),
        (
            build_error(ddm_builder().endpoint("ftp://ddm.example.test")),
            "scheme `ftp` is not supported",
        ),
        (
            build_error(ddm_builder().endpoint("https://user:pw@ddm.example.test")),
            "must not carry a user name or password",
        ),
        (
            build_error(ddm_builder().endpoint("https://ddm.example.test/?x=1")),
            "query or fragment",
        ),
        (
            build_error(
                ddm::Client::builder()
                    .endpoint("https://ddm.example.test")
                    .credentials(Credentials::aksk(AK, SK)),
            ),
            "`project_id` is required",
        ),
        (
            build_error(ddm_builder().project_id("")),
            "`project_id` is required",
        ),
        (
            build_error(
                ddm::Client::builder()
                    .endpoint("https://ddm.example.test")
                    .project_id(PROJECT),
            ),
            "no credentials",
        ),
        (
            build_error(ddm_builder().credentials(Credentials::basic("u", "p"))),
            "Basic credentials are not accepted; this service takes Token or HuaweiAkSk",
        ),
        (
            build_error(
                ocp::Client::builder()
                    .endpoint("https://ocp.example.test")
                    .credentials(Credentials::aksk(AK, SK)),
            ),
            "HuaweiAkSk credentials are not accepted; this service takes Basic or OcpAccessKey",
        ),
        (
            build_error(
                ocp::Client::builder()
                    .endpoint("https://ocp.example.test")
                    .credentials(Credentials::token("t")),
            ),
            "Token credentials are not accepted",
        ),
        (
            build_error(ddm_builder().credentials(Credentials::aksk(AK, ""))),
            "the secret key (SK) is empty",
        ),
        (
            build_error(ddm_builder().credentials(Credentials::temporary_aksk(AK, SK, ""))),
            "the security token is empty",
        ),
        (
            build_error(ddm_builder().credentials(Credentials::token(""))),
            "the token is empty",
        ),
        (
            build_error(
                ocp::Client::builder()
                    .endpoint("https://ocp.example.test")
                    .credentials(Credentials::basic("admin", "")),
            ),
            "the password is empty",
        ),
        (
            build_error(
                ocp::Client::builder()
                    .region("eu-west-101")
                    .credentials(Credentials::basic("a", "b")),
            ),
            "has no regional endpoint",
        ),
        (
            build_error(
                ddm::Client::builder()
                    .region("eu-de/../x")
                    .project_id(PROJECT)
                    .credentials(Credentials::token("t")),
            ),
            "is not a region name",
        ),
    ];
    for (error, expected) in cases {
        assert!(
            error.contains(expected),
            "`{error}` should say `{expected}`"
        );
        assert!(error.starts_with("cannot build the "), "{error}");
    }
}

// ------------------------------------------------------------------ endpoints

#[test]
fn regions_give_the_huawei_cloud_endpoints_and_an_explicit_endpoint_wins() {
    let endpoint = |c: &generated_client::runtime::Runtime| c.endpoint();
    let ddm = |region: &str| {
        ddm::Client::builder()
            .region(region)
            .project_id(PROJECT)
            .credentials(Credentials::token("t"))
            .build()
            .unwrap()
    };
    assert_eq!(
        endpoint(ddm("cn-north-4").runtime()),
        "https://ddm.cn-north-4.myhuaweicloud.com"
    );
    assert_eq!(
        endpoint(ddm("eu-west-101").runtime()),
        "https://ddm.eu-west-101.myhuaweicloud.eu"
    );
    let dws = dws::Client::builder()
        .region("ap-southeast-1")
        .project_id(PROJECT)
        .credentials(Credentials::token("t"))
        .build()
        .unwrap();
    assert_eq!(
        dws.runtime().endpoint(),
        "https://dws.ap-southeast-1.myhuaweicloud.com"
    );
    // Whichever comes first, the endpoint wins over the region.
    for builder in [
        ddm::Client::builder()
            .region("eu-west-101")
            .endpoint("https://ddm.eu-de.otc.t-systems.com"),
        ddm::Client::builder()
            .endpoint("https://ddm.eu-de.otc.t-systems.com")
            .region("eu-west-101"),
    ] {
        let client = builder
            .project_id(PROJECT)
            .credentials(Credentials::token("t"))
            .build()
            .unwrap();
        assert_eq!(
            client.runtime().endpoint(),
            "https://ddm.eu-de.otc.t-systems.com"
        );
    }
    // http only on explicit opt-in.
    let local = ddm::Client::builder()
        .endpoint("http://127.0.0.1:9/")
        .allow_insecure_http()
        .project_id(PROJECT)
        .credentials(Credentials::token("t"))
        .build()
        .unwrap();
    assert_eq!(local.runtime().endpoint(), "http://127.0.0.1:9");
}

// ------------------------------------------------------------------ the environment

fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

fn from_env<C: ServiceClient>(pairs: &[(&str, &str)]) -> Result<C, ConfigError> {
    ClientBuilder::<C>::new()
        .endpoint("https://service.example.test")
        .from_env_with(env(pairs))?
        .build()
}

#[test]
fn half_set_or_missing_environment_credentials_fail_the_build() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[
                ("HUAWEICLOUD_SDK_AK", AK),
                ("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT),
            ],
            "HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK is not",
        ),
        (
            &[
                ("HUAWEICLOUD_SDK_SK", SK),
                ("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT),
            ],
            "HUAWEICLOUD_SDK_SK is set but HUAWEICLOUD_SDK_AK is not",
        ),
        (
            &[("HUAWEICLOUD_SDK_SECURITY_TOKEN", SECURITY_TOKEN)],
            "HUAWEICLOUD_SDK_SECURITY_TOKEN is set without",
        ),
        (
            // An empty value is unset.
            &[("HUAWEICLOUD_SDK_AK", AK), ("HUAWEICLOUD_SDK_SK", "")],
            "HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK is not",
        ),
        (
            &[("HUAWEICLOUD_SDK_AK", AK), ("HUAWEICLOUD_SDK_SK", SK)],
            "`project_id` is required by every path; set it with `.project_id(..)` or HUAWEICLOUD_SDK_PROJECT_ID",
        ),
        (&[], "no credentials"),
    ];
    for (vars, expected) in cases {
        let error = from_env::<ddm::Client>(vars).unwrap_err().to_string();
        assert!(error.contains(expected), "{vars:?}: `{error}`");
        let error = from_env::<dws::Client>(vars).unwrap_err().to_string();
        assert!(error.contains(expected), "{vars:?}: `{error}`");
    }
    let ocp_cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[("OCP_USERNAME", "admin")],
            "OCP_USERNAME is set but OCP_PASSWORD is not",
        ),
        (
            &[("OCP_PASSWORD", "pw")],
            "OCP_PASSWORD is set but OCP_USERNAME is not",
        ),
        (
            &[
                ("OCP_ACCESS_KEY_ID", "id"),
                ("OCP_USERNAME", "a"),
                ("OCP_PASSWORD", "b"),
            ],
            "OCP_ACCESS_KEY_ID is set but OCP_ACCESS_KEY_SECRET is not",
        ),
        (
            &[("OCP_ACCESS_KEY_SECRET", "s")],
            "OCP_ACCESS_KEY_SECRET is set but OCP_ACCESS_KEY_ID is not",
        ),
        // Huawei variables are not OCP credentials.
        (
            &[("HUAWEICLOUD_SDK_AK", AK), ("HUAWEICLOUD_SDK_SK", SK)],
            "no credentials",
        ),
    ];
    for (vars, expected) in ocp_cases {
        let error = from_env::<ocp::Client>(vars).unwrap_err().to_string();
        assert!(error.contains(expected), "{vars:?}: `{error}`");
    }
}

#[tokio::test]
async fn credentials_from_the_environment_authenticate_requests() {
    let server = ScriptedServer::start().await;
    for _ in 0..3 {
        server.reply(Reply::json(200, &serde_json::json!({})));
    }
    let url = server.url();
    let huawei = |vars: &[(&str, &str)]| {
        ddm::Client::builder()
            .endpoint(&url)
            .allow_insecure_http()
            .from_env_with(env(vars))
            .unwrap()
            .build()
            .unwrap()
    };
    let update = ddm::UpdateUserRequest {
        user: ddm::UpdateUserDetailReq {
            description: Some("x".into()),
            ..Default::default()
        },
    };
    // AK/SK with a security token and the project id.
    let client = huawei(&[
        ("HUAWEICLOUD_SDK_AK", AK),
        ("HUAWEICLOUD_SDK_SK", SK),
        ("HUAWEICLOUD_SDK_SECURITY_TOKEN", SECURITY_TOKEN),
        ("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT),
        ("HUAWEICLOUD_SDK_IAM_TOKEN", "ignored-when-aksk-is-set"),
    ]);
    client.update_user("inst", "user", &update).await.unwrap();
    // An IAM token.
    let client = huawei(&[
        ("HUAWEICLOUD_SDK_IAM_TOKEN", "iam-from-env"),
        ("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT),
    ]);
    client.update_user("inst", "user", &update).await.unwrap();
    // A value set in code wins over the environment.
    let client = ddm::Client::builder()
        .endpoint(&url)
        .allow_insecure_http()
        .project_id("project-in-code")
        .credentials(Credentials::token("token-in-code"))
        .from_env_with(env(&[
            ("HUAWEICLOUD_SDK_AK", AK),
            ("HUAWEICLOUD_SDK_SK", SK),
            ("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT),
        ]))
        .unwrap()
        .build()
        .unwrap();
    client.update_user("inst", "user", &update).await.unwrap();

    let requests = server.requests();
    let [aksk, token, in_code] = &requests[..] else {
        panic!("three requests: {requests:?}")
    };
    verify_huawei(aksk, SK);
    assert_eq!(aksk.header("x-security-token"), Some(SECURITY_TOKEN));
    assert!(aksk.uri.starts_with(&format!("/v1/{PROJECT}/")));
    assert!(aksk.header("x-auth-token").is_none());
    assert_eq!(token.header("x-auth-token"), Some("iam-from-env"));
    assert_eq!(in_code.header("x-auth-token"), Some("token-in-code"));
    assert!(in_code.uri.starts_with("/v1/project-in-code/"));

    // OCP: an access key wins over Basic when both are set.
    server.reply(Reply::json(200, &success_answer(Op::OcpCreateDbUser).1));
    let mut target = Target::one_endpoint(&url);
    target.ocp_credentials = Credentials::ocp_from(env(&[
        ("OCP_ACCESS_KEY_ID", "env-id"),
        ("OCP_ACCESS_KEY_SECRET", "env-secret"),
        ("OCP_USERNAME", "admin"),
        ("OCP_PASSWORD", "pw"),
    ]))
    .unwrap()
    .unwrap();
    call(&target, Op::OcpCreateDbUser).await.unwrap();
    verify_ocp(server.requests().last().unwrap(), "env-id", "env-secret");
}
