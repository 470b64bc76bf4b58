//! What the tests of the generated client against `fake-cloud` share: a fake that also
//! verifies AK/SK signatures, clients without retries (one call is one request), and checks
//! of errors and of what reached the fake.
#![allow(dead_code)] // each test file uses its own part

use fake_cloud::{FakeCloud, FakeConfig, RecordedRequest};
use generated_client::runtime::{ClientBuilder, ServiceClient};
use generated_client::{Credentials, Error, RetryPolicy, ddm, dws, ocp};

/// A fake that accepts its token, Basic user and default access key.
pub async fn start() -> FakeCloud {
    FakeCloud::start_with(FakeConfig::default().with_default_aksk()).await
}

/// Builds with retries off, so that every call is exactly one request.
pub fn once<C: ServiceClient>(builder: ClientBuilder<C>) -> C {
    builder
        .retry(RetryPolicy::none())
        .build()
        .expect("client builds")
}

pub fn ddm_client(fake: &FakeCloud) -> ddm::Client {
    once(fake.ddm_client_builder())
}

pub fn dws_client(fake: &FakeCloud) -> dws::Client {
    once(fake.dws_client_builder())
}

pub fn ocp_client(fake: &FakeCloud) -> ocp::Client {
    once(fake.ocp_client_builder())
}

/// The AK/SK the fake verifies, for DDM and DWS.
pub fn aksk(fake: &FakeCloud) -> Credentials {
    fake.huawei_aksk().expect("the fake has an access key")
}

/// The only request the fake received since it was last cleared; clears the list.
pub fn take_single_request(fake: &FakeCloud) -> RecordedRequest {
    let requests = fake.requests();
    assert_eq!(
        requests.len(),
        1,
        "exactly one request expected: {requests:?}"
    );
    fake.clear_requests();
    requests.into_iter().next().expect("one request")
}

/// A service error with this status and code, carrying the request id the fake gave the
/// one request it received, and the status the fake recorded.
pub fn assert_api_error(fake: &FakeCloud, error: &Error, status: u16, code: &str) {
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert_eq!(error.status(), Some(status), "{error}");
    assert_eq!(error.code(), Some(code), "{error}");
    let request = take_single_request(fake);
    assert_eq!(request.status, Some(status));
    assert_eq!(
        error.request_id(),
        Some(request.request_id.as_str()),
        "{error}"
    );
    assert!(error.to_string().contains(code), "{error}");
}

/// Refused by the client's own validation: names `field`, and nothing reached the fake.
pub fn assert_refused_before_sending(fake: &FakeCloud, error: &Error, field: &str) {
    let Error::Validation(validation) = error else {
        panic!("a validation error was expected: {error:?}");
    };
    assert!(
        validation.violations.iter().any(|v| v.field == field),
        "{field} expected in {validation}"
    );
    assert_eq!(error.attempts(), 0);
    assert!(fake.requests().is_empty(), "{:?}", fake.requests());
}
