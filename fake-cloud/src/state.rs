//! The fake's memory: accounts per service, injected faults, recorded requests.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::{Mutex, MutexGuard};

use crate::config::FakeConfig;
use crate::faults::Fault;

/// One of the three faked services (each has its own listener).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Service {
    /// Huawei Distributed Database Middleware.
    Ddm,
    /// Huawei GaussDB(DWS).
    Dws,
    /// OceanBase Cloud Platform.
    Ocp,
}

impl Service {
    /// Lower-case name, as used in logs.
    pub fn name(self) -> &'static str {
        match self {
            Service::Ddm => "ddm",
            Service::Dws => "dws",
            Service::Ocp => "ocp",
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The five API operations the fake serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `POST /v1/{project_id}/instances/{instance_id}/users`
    DdmCreateUsers,
    /// `PUT /v1/{project_id}/instances/{instance_id}/users/{username}`
    DdmUpdateUser,
    /// `PUT /v3/{project_id}/instances/{instance_id}/admin-user`
    DdmAdminPassword,
    /// `POST /v1/{project_id}/clusters/{cluster_id}/db-manager/om-user/action`
    DwsOmUserAction,
    /// `POST /api/v2/ob/clusters/{id}/tenants/{tenantId}/users`
    OcpCreateDbUser,
}

impl Operation {
    /// Every operation, in a fixed order.
    pub const ALL: [Operation; 5] = [
        Operation::DdmCreateUsers,
        Operation::DdmUpdateUser,
        Operation::DdmAdminPassword,
        Operation::DwsOmUserAction,
        Operation::OcpCreateDbUser,
    ];

    /// The service that serves this operation.
    pub fn service(self) -> Service {
        match self {
            Operation::DdmCreateUsers | Operation::DdmUpdateUser | Operation::DdmAdminPassword => {
                Service::Ddm
            }
            Operation::DwsOmUserAction => Service::Dws,
            Operation::OcpCreateDbUser => Service::Ocp,
        }
    }
}

/// A request as the fake received it.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    /// Which listener received it.
    pub service: Service,
    /// The operation its method and path matched, if any.
    pub operation: Option<Operation>,
    /// HTTP method, e.g. `POST`.
    pub method: String,
    /// Path and query string as sent, e.g. `/api/v2/ob/clusters/1/tenants/2/users?id=1`.
    pub path: String,
    /// Every header in the order received (names lower-case).
    pub headers: Vec<(String, String)>,
    /// The request body.
    pub body: Vec<u8>,
    /// The `X-Request-Id` (DDM, DWS) or `traceId` (OCP) the fake gave its answer.
    pub request_id: String,
    /// The HTTP status of the answer; `None` while it is being handled, and for
    /// injected faults that answer below HTTP (dropped or reset connections).
    pub status: Option<u16>,
}

impl RecordedRequest {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// A DDM account.
#[derive(Clone, PartialEq, Eq)]
pub struct DdmAccount {
    pub name: String,
    pub password: String,
    pub base_authority: Vec<String>,
    pub extend_authority: Vec<String>,
    pub description: String,
    /// Names of the associated logical databases (schemas).
    pub databases: Vec<String>,
}

impl fmt::Debug for DdmAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DdmAccount")
            .field("name", &self.name)
            .field("password", &"<redacted>")
            .field("base_authority", &self.base_authority)
            .field("extend_authority", &self.extend_authority)
            .field("description", &self.description)
            .field("databases", &self.databases)
            .finish()
    }
}

/// The administrator of a DDM instance (set with the V3 admin-user API).
#[derive(Clone, PartialEq, Eq)]
pub struct DdmAdmin {
    pub name: String,
    pub password: String,
    /// How many times the password was set after the first call.
    pub password_changes: usize,
    /// The `job_id` of every call, oldest first.
    pub job_ids: Vec<String>,
}

impl fmt::Debug for DdmAdmin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DdmAdmin")
            .field("name", &self.name)
            .field("password", &"<redacted>")
            .field("password_changes", &self.password_changes)
            .field("job_ids", &self.job_ids)
            .finish()
    }
}

/// Whether a DWS O&M account is enabled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OmUserStatus {
    On,
    Off,
}

impl OmUserStatus {
    /// `"on"` or `"off"`, as on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            OmUserStatus::On => "on",
            OmUserStatus::Off => "off",
        }
    }
}

/// The O&M account of one DWS cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OmUser {
    pub status: OmUserStatus,
    /// Expiry in epoch milliseconds (when off: the moment it was turned off, or 0 if never on).
    pub expires_time_ms: i64,
}

/// Privileges on one database of an OCP user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OcpDbPrivilege {
    pub db_name: String,
    pub privileges: Vec<String>,
}

/// A database user in an OCP tenant.
#[derive(Clone, PartialEq, Eq)]
pub struct OcpUser {
    pub username: String,
    pub password: String,
    pub global_privileges: Vec<String>,
    pub db_privileges: Vec<OcpDbPrivilege>,
    pub roles: Vec<String>,
    /// RFC 3339 with offset.
    pub create_time: String,
}

impl fmt::Debug for OcpUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OcpUser")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field("global_privileges", &self.global_privileges)
            .field("db_privileges", &self.db_privileges)
            .field("roles", &self.roles)
            .field("create_time", &self.create_time)
            .finish()
    }
}

/// Accounts of one DDM instance.
#[derive(Default)]
pub(crate) struct DdmInstance {
    pub accounts: Vec<DdmAccount>,
    pub admin: Option<DdmAdmin>,
}

#[derive(Default)]
pub(crate) struct State {
    pub ddm: HashMap<String, DdmInstance>,
    pub dws: HashMap<String, OmUser>,
    pub ocp: HashMap<(i64, i64), Vec<OcpUser>>,
    pub faults: HashMap<Operation, VecDeque<(Fault, usize)>>,
    pub requests: Vec<RecordedRequest>,
}

impl State {
    /// Notes the status answered to the request with this id (looked up by id:
    /// the list may have been cleared meanwhile).
    pub fn record_status(&mut self, request_id: &str, status: u16) {
        if let Some(request) = self
            .requests
            .iter_mut()
            .rev()
            .find(|r| r.request_id == request_id)
        {
            request.status = Some(status);
        }
    }

    /// Takes one use of the next fault queued for `op`.
    pub fn take_fault(&mut self, op: Operation) -> Option<Fault> {
        let queue = self.faults.get_mut(&op)?;
        let (fault, remaining) = queue.front_mut()?;
        let fault = fault.clone();
        *remaining -= 1;
        if *remaining == 0 {
            queue.pop_front();
        }
        Some(fault)
    }
}

/// What every listener shares: the configuration and the state.
pub(crate) struct Shared {
    pub config: FakeConfig,
    state: Mutex<State>,
}

impl Shared {
    pub fn new(config: FakeConfig) -> Self {
        Shared {
            config,
            state: Mutex::new(State::default()),
        }
    }

    /// Locks the state. A panic while locked cannot leave it half-updated in a
    /// way that matters to a fake, so poisoning is ignored.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}
