//! Credentials read from an environment: half-set or missing ones fail the build, set
//! ones authenticate requests.

use super::*;

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
    client_tests::within(
        "credentials_from_the_environment_authenticate_requests",
        client_tests::CASE_LIMIT,
        async {
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
        },
    )
    .await
}
