//! `fake-cloud`: a stateful local fake of three account APIs, served over real
//! HTTP on 127.0.0.1 with one listener per service:
//!
//! * Huawei DDM: create accounts, modify an account, set the administrator password (V3);
//! * Huawei GaussDB(DWS): O&M account actions;
//! * OceanBase Cloud Platform (OCP): create a database user.
//!
//! Requests prove who they are as the real services expect: an IAM token, HTTP Basic, or an
//! AK/SK signature (`SDK-HMAC-SHA256`, `OCP-ACCESS-KEY-HMACSHA1`) that the fake recomputes
//! with the generated client's own signers and refuses when anything signed was changed or
//! the date is more than 15 minutes off.
//!
//! ```no_run
//! # async fn demo() {
//! use fake_cloud::{Fault, FakeCloud, Operation};
//! let fake = FakeCloud::start().await;
//! let dws = fake.dws_client(); // a generated client pointed at the fake
//! fake.inject(Operation::DwsOmUserAction, Fault::html(503), 2);
//! // ... call `dws` ...
//! assert_eq!(fake.request_count(Operation::DwsOmUserAction), 0);
//! # }
//! ```

mod auth;
mod clients;
mod config;
mod ddm;
mod dws;
mod faults;
mod ids;
mod ocp;
mod server;
mod signature;
mod state;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use config::FakeConfig;
pub use faults::Fault;
pub use state::{
    DdmAccount, DdmAdmin, OcpDbPrivilege, OcpUser, OmUser, OmUserStatus, Operation,
    RecordedRequest, Service,
};

/// Error codes and constants the fake answers with, per service.
pub mod codes {
    /// DDM `errCode` values.
    pub mod ddm {
        pub use crate::ddm::{
            BASE_AUTHORITIES, CODE_ACCOUNT_EXISTS, CODE_ACCOUNT_NOT_FOUND,
            CODE_INVALID_BASE_AUTHORITY, CODE_INVALID_EXTEND_AUTHORITY, CODE_INVALID_NAME,
            CODE_INVALID_PASSWORD, CODE_PARAMETER, EXTEND_AUTHORITIES,
        };
    }
    /// DWS error codes and the O&M period.
    pub mod dws {
        pub use crate::dws::{CODE_PARAMETER, ERROR_CODE_OM_USER_OFF, OM_USER_PERIOD_MS};
    }
    /// OCP envelope error codes.
    pub mod ocp {
        pub use crate::ocp::{
            CODE_BAD_CREDENTIALS, CODE_ILLEGAL_ARGUMENT, CODE_INVALID_USERNAME,
            CODE_NOT_AUTHENTICATED, CODE_NOT_FOUND, CODE_USER_EXISTS, SERVER,
        };
    }
    /// What the Huawei API gateway answers to a missing or wrong token.
    pub const APIGW_AUTH_ERROR_CODE: &str = "APIGW.0301";
    /// The gateway's message with [`APIGW_AUTH_ERROR_CODE`]; wrong (rather than missing)
    /// credentials add `: ` and what was wrong, e.g. that the signature does not match.
    pub const APIGW_AUTH_ERROR_MSG: &str = "Incorrect IAM authentication information";
    /// What the Huawei API gateway answers to an unknown method or path.
    pub const APIGW_NOT_FOUND_CODE: &str = "APIGW.0101";
}

/// A running fake: three HTTP listeners on 127.0.0.1 sharing one state.
///
/// Dropping it stops the servers at once; [`FakeCloud::shutdown`] lets open
/// connections finish first (for up to two seconds).
pub struct FakeCloud {
    shared: Arc<state::Shared>,
    ddm_addr: SocketAddr,
    dws_addr: SocketAddr,
    ocp_addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl FakeCloud {
    /// Starts with [`FakeConfig::default`] on OS-assigned ports.
    ///
    /// Panics when the listeners cannot be bound (see [`FakeCloud::try_start_with`]).
    /// Must be called inside a Tokio runtime.
    pub async fn start() -> FakeCloud {
        Self::start_with(FakeConfig::default()).await
    }

    /// Starts with the given configuration. Panics when a listener cannot be bound.
    pub async fn start_with(config: FakeConfig) -> FakeCloud {
        match Self::try_start_with(config).await {
            Ok(fake) => fake,
            Err(error) => panic!("fake-cloud could not bind its listeners: {error}"),
        }
    }

    /// Starts with the given configuration, reporting bind failures.
    pub async fn try_start_with(config: FakeConfig) -> std::io::Result<FakeCloud> {
        let ddm = TcpListener::bind(("127.0.0.1", config.ddm_port)).await?;
        let dws = TcpListener::bind(("127.0.0.1", config.dws_port)).await?;
        let ocp = TcpListener::bind(("127.0.0.1", config.ocp_port)).await?;
        let (ddm_addr, dws_addr, ocp_addr) =
            (ddm.local_addr()?, dws.local_addr()?, ocp.local_addr()?);
        let shared = Arc::new(state::Shared::new(config));
        let (shutdown, _) = watch::channel(false);
        let tasks = [
            (Service::Ddm, ddm),
            (Service::Dws, dws),
            (Service::Ocp, ocp),
        ]
        .into_iter()
        .map(|(service, listener)| {
            let endpoint = Arc::new(server::Endpoint::new(service, shared.clone()));
            tokio::spawn(server::accept_loop(
                listener,
                endpoint,
                shutdown.subscribe(),
            ))
        })
        .collect();
        Ok(FakeCloud {
            shared,
            ddm_addr,
            dws_addr,
            ocp_addr,
            shutdown,
            tasks,
        })
    }

    /// Stops accepting, lets open connections finish (bounded), and waits for the servers to end.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        for task in std::mem::take(&mut self.tasks) {
            let _ = task.await;
        }
    }

    /// `http://127.0.0.1:PORT` of the DDM listener.
    pub fn ddm_endpoint(&self) -> String {
        format!("http://{}", self.ddm_addr)
    }

    /// `http://127.0.0.1:PORT` of the DWS listener.
    pub fn dws_endpoint(&self) -> String {
        format!("http://{}", self.dws_addr)
    }

    /// `http://127.0.0.1:PORT` of the OCP listener.
    pub fn ocp_endpoint(&self) -> String {
        format!("http://{}", self.ocp_addr)
    }

    /// The endpoint of a service.
    pub fn endpoint(&self, service: Service) -> String {
        match service {
            Service::Ddm => self.ddm_endpoint(),
            Service::Dws => self.dws_endpoint(),
            Service::Ocp => self.ocp_endpoint(),
        }
    }

    /// The configuration this fake runs with.
    pub fn config(&self) -> &FakeConfig {
        &self.shared.config
    }

    /// Answers the next `times` calls of `op` with `fault`, then behaves
    /// normally. Faults injected for the same operation queue up in order.
    /// A faulted call is still recorded; it is not authenticated or applied.
    pub fn inject(&self, op: Operation, fault: Fault, times: usize) {
        if times == 0 {
            return;
        }
        self.shared
            .lock()
            .faults
            .entry(op)
            .or_default()
            .push_back((fault, times));
    }

    /// Forgets every fault not yet used.
    pub fn clear_faults(&self) {
        self.shared.lock().faults.clear();
    }

    /// How many injected fault answers are still queued for `op`.
    pub fn pending_faults(&self, op: Operation) -> usize {
        self.shared
            .lock()
            .faults
            .get(&op)
            .map_or(0, |q| q.iter().map(|(_, n)| n).sum())
    }

    /// Every request seen so far, in arrival order, on all three listeners.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    /// How many requests matched `op` (faulted ones included).
    pub fn request_count(&self, op: Operation) -> usize {
        self.shared
            .lock()
            .requests
            .iter()
            .filter(|r| r.operation == Some(op))
            .count()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        self.shared.lock().requests.clear();
    }

    /// The accounts of a DDM instance, in creation order (empty for an unknown instance).
    pub fn ddm_accounts(&self, instance_id: &str) -> Vec<DdmAccount> {
        self.shared
            .lock()
            .ddm
            .get(instance_id)
            .map(|i| i.accounts.clone())
            .unwrap_or_default()
    }

    /// One DDM account.
    pub fn ddm_account(&self, instance_id: &str, name: &str) -> Option<DdmAccount> {
        self.shared
            .lock()
            .ddm
            .get(instance_id)
            .and_then(|i| i.accounts.iter().find(|a| a.name == name).cloned())
    }

    /// The administrator of a DDM instance, once set.
    pub fn ddm_admin(&self, instance_id: &str) -> Option<DdmAdmin> {
        self.shared
            .lock()
            .ddm
            .get(instance_id)
            .and_then(|i| i.admin.clone())
    }

    /// The O&M account of a DWS cluster, once any action reached it.
    pub fn dws_om_user(&self, cluster_id: &str) -> Option<OmUser> {
        self.shared.lock().dws.get(cluster_id).copied()
    }

    /// The database users of an OCP tenant, in creation order.
    pub fn ocp_users(&self, cluster_id: i64, tenant_id: i64) -> Vec<OcpUser> {
        self.shared
            .lock()
            .ocp
            .get(&(cluster_id, tenant_id))
            .cloned()
            .unwrap_or_default()
    }
}

impl Drop for FakeCloud {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        for task in &self.tasks {
            task.abort();
        }
    }
}
