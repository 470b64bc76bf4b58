//! A running fake: its three listeners, and what a test asks of it (inject faults, read
//! the requests and the accounts).

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::FakeConfig;
use crate::faults::Fault;
use crate::journal::{Journal, RecordedRequest};
use crate::operations::{Operation, Service};
use crate::server;
use crate::state::{DdmAccount, DdmAdmin, DdmJob, DwsDbUser, OcpUser, OmUser, Shared};

/// A running fake: three HTTP listeners on 127.0.0.1 sharing one state.
///
/// Dropping it stops the servers at once; [`FakeCloud::shutdown`] lets open
/// connections finish first (for up to two seconds).
pub struct FakeCloud {
    shared: Arc<Shared>,
    journal: Arc<Journal>,
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
        let journal = Arc::new(Journal::new(config.request_log_capacity));
        let shared = Arc::new(Shared::new(config));
        let (shutdown, _) = watch::channel(false);
        let tasks = [
            (Service::Ddm, ddm),
            (Service::Dws, dws),
            (Service::Ocp, ocp),
        ]
        .into_iter()
        .map(|(service, listener)| {
            let endpoint = Arc::new(server::Endpoint::new(
                service,
                shared.clone(),
                journal.clone(),
            ));
            tokio::spawn(server::accept_loop(
                listener,
                endpoint,
                shutdown.subscribe(),
            ))
        })
        .collect();
        Ok(FakeCloud {
            shared,
            journal,
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
        self.journal
            .lock()
            .faults
            .entry(op)
            .or_default()
            .push_back((fault, times));
    }

    /// Forgets every fault not yet used.
    pub fn clear_faults(&self) {
        self.journal.lock().faults.clear();
    }

    /// How many injected fault answers are still queued for `op`.
    pub fn pending_faults(&self, op: Operation) -> usize {
        self.journal
            .lock()
            .faults
            .get(&op)
            .map_or(0, |q| q.iter().map(|(_, n)| n).sum())
    }

    /// Every request seen so far, in arrival order, on all three listeners.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.journal.lock().requests.iter().cloned().collect()
    }

    /// How many requests matched `op` (faulted ones included).
    pub fn request_count(&self, op: Operation) -> usize {
        self.journal
            .lock()
            .requests
            .iter()
            .filter(|r| r.operation == Some(op))
            .count()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        self.journal.lock().requests.clear();
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

    /// A DDM job, as it stands (without advancing it).
    pub fn ddm_job(&self, job_id: &str) -> Option<DdmJob> {
        self.shared.lock().ddm_jobs.get(job_id).cloned()
    }

    /// The database users and roles of a DWS cluster, in creation order.
    pub fn dws_db_users(&self, cluster_id: &str) -> Vec<DwsDbUser> {
        self.shared
            .lock()
            .dws_users
            .get(cluster_id)
            .cloned()
            .unwrap_or_default()
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
