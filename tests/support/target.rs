//! Where the example calls go: the endpoints, credentials and limits of the three
//! services, and the clients built from them. A leaf of the support crate, so that the
//! examples and their table can both use it.

use fake_cloud::FakeConfig;
use generated_client::runtime::{ClientBuilder, ServiceClient};
use generated_client::{Credentials, Error, RetryPolicy, Timeouts, ddm, dws, ocp};
use std::sync::{Arc, Mutex};

use crate::fixtures::{DDM_USER, DDM_USER_PASSWORD};

/// How to reach the services, and the limits to call them with.
#[derive(Clone, Debug)]
pub struct Target {
    /// Endpoints of DDM, DWS and OCP.
    pub ddm: String,
    pub dws: String,
    pub ocp: String,
    /// Credentials for DDM and DWS.
    pub huawei: Credentials,
    /// Credentials for OCP.
    pub ocp_credentials: Credentials,
    pub retry: RetryPolicy,
    pub timeouts: Timeouts,
    /// The DDM job id the last administrator call of a setup answered (shared by clones),
    /// for the show-job example.
    pub job_id: Arc<Mutex<Option<String>>>,
}

impl Target {
    /// Every service at one endpoint (a scripted server), with fake-cloud's credentials.
    pub fn one_endpoint(url: &str) -> Target {
        Target {
            ddm: url.to_string(),
            dws: url.to_string(),
            ocp: url.to_string(),
            huawei: Credentials::token(FakeConfig::DEFAULT_TOKEN),
            ocp_credentials: Credentials::basic(
                FakeConfig::DEFAULT_OCP_USERNAME,
                FakeConfig::DEFAULT_OCP_PASSWORD,
            ),
            retry: RetryPolicy::none(),
            timeouts: Timeouts::default(),
            job_id: Arc::default(),
        }
    }

    /// The three listeners of a running fake-cloud, with its default credentials.
    pub fn fake(fake: &fake_cloud::FakeCloud) -> Target {
        Target {
            ddm: fake.ddm_endpoint(),
            dws: fake.dws_endpoint(),
            ocp: fake.ocp_endpoint(),
            ..Target::one_endpoint("")
        }
    }

    fn builder<C: ServiceClient>(
        &self,
        endpoint: &str,
        credentials: &Credentials,
    ) -> ClientBuilder<C> {
        ClientBuilder::<C>::new()
            .endpoint(endpoint)
            .allow_insecure_http()
            .project_id(FakeConfig::DEFAULT_PROJECT_ID)
            .credentials(credentials.clone())
            .retry(self.retry.clone())
            .timeouts(self.timeouts)
    }

    pub fn ddm(&self) -> Result<ddm::Client, Error> {
        Ok(self.builder(&self.ddm, &self.huawei).build()?)
    }

    pub fn dws(&self) -> Result<dws::Client, Error> {
        Ok(self.builder(&self.dws, &self.huawei).build()?)
    }

    pub fn ocp(&self) -> Result<ocp::Client, Error> {
        Ok(self.builder(&self.ocp, &self.ocp_credentials).build()?)
    }
}

pub fn new_ddm_user() -> ddm::CreateUsersRequest {
    ddm::CreateUsersRequest {
        users: vec![ddm::CreateDdmUsersInfo {
            name: DDM_USER.into(),
            password: DDM_USER_PASSWORD.into(),
            base_authority: vec![ddm::BaseAuthority::Select],
            extend_authority: None,
            description: None,
            databases: None,
        }],
    }
}
