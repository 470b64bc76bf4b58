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

/// The accounts of every service.
#[derive(Default)]
pub(crate) struct State {
    pub ddm: HashMap<String, DdmInstance>,
    pub dws: HashMap<String, OmUser>,
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
