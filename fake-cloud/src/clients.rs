//! Generated clients pointed at a running fake, so that a test needs two lines:
//!
//! ```no_run
//! # async fn demo() {
//! let fake = fake_cloud::FakeCloud::start().await;
//! let ddm = fake.ddm_client();
//! # }
//! ```
//!
//! The builders come preset (endpoint, plain HTTP allowed, project id, credentials
//! the fake accepts) and can be changed before `build()`, for example to sign with
//! AK/SK or to shorten retries and timeouts for fault tests.

use generated_client::runtime::{ClientBuilder, ServiceClient};
use generated_client::{Credentials, ddm, dws, ocp};

use crate::fake::FakeCloud;

impl FakeCloud {
    /// A DDM client builder preset for this fake, with its IAM token.
    pub fn ddm_client_builder(&self) -> ClientBuilder<ddm::Client> {
        self.huawei_client_builder(self.ddm_endpoint())
    }

    /// A DWS client builder preset for this fake, with its IAM token.
    pub fn dws_client_builder(&self) -> ClientBuilder<dws::Client> {
        self.huawei_client_builder(self.dws_endpoint())
    }

    fn huawei_client_builder<C: ServiceClient>(&self, endpoint: String) -> ClientBuilder<C> {
        let config = self.config();
        ClientBuilder::new()
            .endpoint(endpoint)
            .allow_insecure_http()
            .project_id(&config.project_id)
            .credentials(Credentials::token(config.iam_token.as_str()))
    }

    /// An OCP client builder preset for this fake, with its HTTP Basic user.
    pub fn ocp_client_builder(&self) -> ClientBuilder<ocp::Client> {
        let config = self.config();
        ocp::Client::builder()
            .endpoint(self.ocp_endpoint())
            .allow_insecure_http()
            .credentials(Credentials::basic(
                config.ocp_username.as_str(),
                config.ocp_password.as_str(),
            ))
    }

    /// A DDM client of this fake, authenticated with its IAM token.
    pub fn ddm_client(&self) -> ddm::Client {
        self.ddm_client_builder()
            .build()
            .expect("a preset DDM client has every setting it needs")
    }

    /// A DWS client of this fake, authenticated with its IAM token.
    pub fn dws_client(&self) -> dws::Client {
        self.dws_client_builder()
            .build()
            .expect("a preset DWS client has every setting it needs")
    }

    /// An OCP client of this fake, authenticated with HTTP Basic.
    pub fn ocp_client(&self) -> ocp::Client {
        self.ocp_client_builder()
            .build()
            .expect("a preset OCP client has every setting it needs")
    }

    /// `SDK-HMAC-SHA256` credentials (DDM, DWS) the fake verifies, when it was
    /// started with an access key ([`crate::FakeConfig::with_default_aksk`]).
    pub fn huawei_aksk(&self) -> Option<Credentials> {
        let (ak, sk) = self.config().aksk.as_ref()?;
        Some(Credentials::aksk(ak.as_str(), sk.as_str()))
    }

    /// `OCP-ACCESS-KEY-HMACSHA1` credentials the fake verifies, when it was
    /// started with an access key.
    pub fn ocp_access_key(&self) -> Option<Credentials> {
        let (ak, sk) = self.config().aksk.as_ref()?;
        Some(Credentials::ocp_access_key(ak.as_str(), sk.as_str()))
    }
}
