//! What `build()` refuses (what would only fail later), and the endpoints it derives from
//! a region or takes as given.

use super::*;

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
