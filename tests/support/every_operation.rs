//! Every operation of the three generated clients, callable by name with valid data, so a
//! test can run the same case over all of them. Shared by the runtime's test files
//! (`#[path] mod every_operation;`).

#![allow(dead_code)] // each test file uses its own part

use fake_cloud::{FakeConfig, Operation};
use generated_client::runtime::{ClientBuilder, ServiceClient};
use generated_client::{Credentials, Error, RetryPolicy, Timeouts, ddm, dws, ocp};

pub use fake_cloud::Operation as Op;

pub use crate::fixtures::{
    DDM_ADMIN_PASSWORD, DDM_INSTANCE, DDM_USER, DDM_USER_PASSWORD, DWS_CLUSTER, OCP_CLUSTER,
    OCP_TENANT, OCP_USER_PASSWORD,
};

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

/// Whether the operation is a PUT (idempotent: retried after an answer that may hide work).
pub fn is_put(op: Operation) -> bool {
    matches!(op, Op::DdmUpdateUser | Op::DdmAdminPassword)
}

/// `service.operation`, as the generated clients name it.
pub fn name(op: Operation) -> &'static str {
    match op {
        Op::DdmCreateUsers => "ddm.create_users",
        Op::DdmUpdateUser => "ddm.update_user",
        Op::DdmAdminPassword => "ddm.manage_admin_password",
        Op::DwsOmUserAction => "dws.om_user_action",
        Op::OcpCreateDbUser => "ocp.create_db_user",
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

/// Calls `op` once with valid data, throwing the answer away.
pub async fn call(target: &Target, op: Operation) -> Result<(), Error> {
    match op {
        Op::DdmCreateUsers => target
            .ddm()?
            .create_users(DDM_INSTANCE, &new_ddm_user())
            .await
            .map(drop),
        Op::DdmUpdateUser => {
            let body = ddm::UpdateUserRequest {
                user: ddm::UpdateUserDetailReq {
                    description: Some("changed by a test".into()),
                    ..Default::default()
                },
            };
            target
                .ddm()?
                .update_user(DDM_INSTANCE, DDM_USER, &body)
                .await
                .map(drop)
        }
        Op::DdmAdminPassword => {
            let body = ddm::AdminUserRequest {
                name: "admin_user".into(),
                password: DDM_ADMIN_PASSWORD.into(),
            };
            target
                .ddm()?
                .manage_admin_password(DDM_INSTANCE, &body)
                .await
                .map(drop)
        }
        Op::DwsOmUserAction => {
            let body = dws::OmUserActionRequest {
                operation: dws::OmUserOperation::AddOmUser,
            };
            target
                .dws()?
                .om_user_action(DWS_CLUSTER, &body)
                .await
                .map(drop)
        }
        Op::OcpCreateDbUser => {
            let body = ocp::CreateDbUserRequest {
                username: "user1".into(),
                password: OCP_USER_PASSWORD.into(),
                global_privileges: Some(vec!["SELECT".into()]),
                db_privileges: None,
                roles: None,
            };
            target
                .ocp()?
                .create_db_user(OCP_CLUSTER, OCP_TENANT, &body)
                .await
                .map(drop)
        }
    }
}

/// The smallest success answer of `op`: its status and JSON body.
pub fn success_answer(op: Operation) -> (u16, serde_json::Value) {
    match op {
        Op::DdmAdminPassword => (202, serde_json::json!({"job_id": "job-1"})),
        Op::OcpCreateDbUser => (
            200,
            serde_json::json!({"successful": true, "data": {}, "traceId": "trace-ok"}),
        ),
        _ => (200, serde_json::json!({})),
    }
}
