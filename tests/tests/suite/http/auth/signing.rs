//! Signing end to end: every operation signed over exactly what is sent, the canonical
//! query, a fresh signature per retry, OCP access keys, Basic and IAM tokens as they are.

use super::*;

#[tokio::test]
async fn every_huawei_operation_is_signed_over_what_is_sent() {
    client_tests::within(
        "every_huawei_operation_is_signed_over_what_is_sent",
        client_tests::CASE_LIMIT,
        async {
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
        },
    )
    .await
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
    client_tests::within(
        "the_query_sent_is_the_canonical_query_signed",
        client_tests::CASE_LIMIT,
        async {
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
            let _: serde_json::Value = client.runtime().call(Ok(request)).await.unwrap();

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
        },
    )
    .await
}

#[tokio::test]
async fn each_retry_is_signed_afresh() {
    client_tests::within(
        "each_retry_is_signed_afresh",
        client_tests::CASE_LIMIT,
        async {
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
        },
    )
    .await
}

#[tokio::test]
async fn ocp_access_key_requests_are_signed_over_what_is_sent() {
    client_tests::within(
        "ocp_access_key_requests_are_signed_over_what_is_sent",
        client_tests::CASE_LIMIT,
        async {
            let server = ScriptedServer::start().await;
            answered(&server, Op::OcpCreateDbUser).await;
            let mut target = Target::one_endpoint(&server.url());
            target.ocp_credentials =
                Credentials::ocp_access_key("ocp-key-id", "ocp-key-secret-value");
            call(&target, Op::OcpCreateDbUser).await.unwrap();
            let sent = server.single_request();
            assert!(
                sent.header("authorization")
                    .unwrap()
                    .starts_with("OCP-ACCESS-KEY-HMACSHA1 ocp-key-id:")
            );
            assert!(sent.header("date").unwrap().ends_with(" GMT"));
            verify_ocp(&sent, "ocp-key-id", "ocp-key-secret-value");
        },
    )
    .await
}

#[tokio::test]
async fn ocp_basic_and_iam_tokens_are_sent_as_they_are() {
    client_tests::within(
        "ocp_basic_and_iam_tokens_are_sent_as_they_are",
        client_tests::CASE_LIMIT,
        async {
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
        },
    )
    .await
}

#[tokio::test]
async fn a_path_that_http_would_resolve_away_is_not_sent() {
    client_tests::within(
        "a_path_that_http_would_resolve_away_is_not_sent",
        client_tests::CASE_LIMIT,
        async {
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
        },
    )
    .await
}
