//! The fake's memory of the accounts of each service, and what every handler shares:
//! the configuration and that memory.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, MutexGuard};

use crate::config::FakeConfig;

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
    /// When the account was created, in epoch milliseconds.
    pub created_ms: i64,
    /// When its password was last set (at creation or by a reset), in epoch milliseconds.
    pub password_changed_ms: i64,
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
            .field("created_ms", &self.created_ms)
            .field("password_changed_ms", &self.password_changed_ms)
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
    /// Whether the user is locked (it cannot log in).
    pub locked: bool,
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
            .field("locked", &self.locked)
            .finish()
    }
}

/// The state of a DDM job, as `showJob` answers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DdmJobStatus {
    Running,
    Completed,
    Failed,
}

impl DdmJobStatus {
    /// `"Running"`, `"Completed"` or `"Failed"`, as on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            DdmJobStatus::Running => "Running",
            DdmJobStatus::Completed => "Completed",
            DdmJobStatus::Failed => "Failed",
        }
    }
}

/// A DDM job (the fake's only kind: setting the administrator password).
#[derive(Clone, PartialEq, Eq)]
pub struct DdmJob {
    pub id: String,
    pub instance_id: String,
    pub status: DdmJobStatus,
    /// How many more `showJob` answers say `Running` before the job ends.
    pub polls_left: u32,
    /// The administrator name and password the job sets when it completes.
    pub admin_name: String,
    pub admin_password: String,
    /// RFC 3339, as the SDK documents the times.
    pub created_time: String,
    pub end_time: Option<String>,
}

impl fmt::Debug for DdmJob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DdmJob")
            .field("id", &self.id)
            .field("instance_id", &self.instance_id)
            .field("status", &self.status)
            .field("polls_left", &self.polls_left)
            .field("admin_name", &self.admin_name)
            .field("admin_password", &"<redacted>")
            .finish()
    }
}

/// Accounts of one DDM instance.
#[derive(Default)]
pub(crate) struct DdmInstance {
    pub accounts: Vec<DdmAccount>,
    pub admin: Option<DdmAdmin>,
}

/// A database user or role of a DWS cluster.
#[derive(Clone, PartialEq, Eq)]
pub struct DwsDbUser {
    pub name: String,
    /// `true` for a role, `false` for a user.
    pub is_role: bool,
    pub login: bool,
    pub password: Option<String>,
    pub createrole: bool,
    pub createdb: bool,
    pub systemadmin: bool,
    pub inherit: bool,
    pub lock: bool,
    pub conn_limit: i32,
    pub desc: String,
}

impl fmt::Debug for DwsDbUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DwsDbUser")
            .field("name", &self.name)
            .field("is_role", &self.is_role)
            .field("login", &self.login)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("createrole", &self.createrole)
            .field("createdb", &self.createdb)
            .field("systemadmin", &self.systemadmin)
            .field("inherit", &self.inherit)
            .field("lock", &self.lock)
            .field("conn_limit", &self.conn_limit)
            .field("desc", &self.desc)
            .finish()
    }
}

/// The accounts of every service.
#[derive(Default)]
pub(crate) struct State {
    pub ddm: HashMap<String, DdmInstance>,
    pub dws: HashMap<String, OmUser>,
    /// DDM jobs by id.
    pub ddm_jobs: HashMap<String, DdmJob>,
    /// DWS database users and roles by cluster, in creation order.
    pub dws_users: HashMap<String, Vec<DwsDbUser>>,
    pub ocp: HashMap<(i64, i64), Vec<OcpUser>>,
}

/// What every handler shares: the configuration and the accounts.
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
