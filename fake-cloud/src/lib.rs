//! `fake-cloud`: a stateful local fake of three account APIs, served over real
//! HTTP on 127.0.0.1 with one listener per service:
//!
//! * Huawei DDM: list (offset/limit), create, modify and delete accounts, reset an
//!   account's password (v2), set the administrator password (V3) and show the job doing
//!   it (a job runs for [`FakeConfig::ddm_job_polls`] polls, then completes or fails as
//!   [`FakeConfig::ddm_job_succeeds`] says);
//! * Huawei GaussDB(DWS): O&M account actions and status; database users and roles:
//!   create, list (page number and size), show, update, delete;
//! * OceanBase Cloud Platform (OCP): database users of a tenant: create, list (page and
//!   size), show, delete, change password, lock, unlock, grant and revoke global
//!   privileges, modify database privileges.
//!
//! Every operation is one row of the table in `operations.rs`; [`Operation::ALL`] lists
//! them.
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
mod ddm_accounts;
mod ddm_jobs;
mod dws;
mod dws_users;
mod fake;
mod faults;
mod http;
mod ids;
mod journal;
mod ocp;
mod ocp_users;
mod operations;
mod server;
mod signature;
mod state;

pub use config::FakeConfig;
pub use fake::FakeCloud;
pub use faults::Fault;
pub use journal::RecordedRequest;
pub use operations::{Operation, Service};
pub use state::{
    DdmAccount, DdmAdmin, DdmJob, DdmJobStatus, DwsDbUser, OcpDbPrivilege, OcpUser, OmUser,
    OmUserStatus,
};

/// Error codes and constants the fake answers with, per service.
pub mod codes {
    /// DDM `errCode` values.
    pub mod ddm {
        pub use crate::ddm::{
            BASE_AUTHORITIES, CODE_ACCOUNT_EXISTS, CODE_ACCOUNT_NOT_FOUND, CODE_IN_PROGRESS,
            CODE_INVALID_BASE_AUTHORITY, CODE_INVALID_EXTEND_AUTHORITY, CODE_INVALID_NAME,
            CODE_INVALID_PASSWORD, CODE_PARAMETER, EXTEND_AUTHORITIES,
        };
        pub use crate::ddm_accounts::{MAX_LIST_LIMIT, PASSWORD_SPECIALS};
    }
    /// DWS error codes and the O&M period.
    pub mod dws {
        pub use crate::dws::{CODE_PARAMETER, ERROR_CODE_OM_USER_OFF, OM_USER_PERIOD_MS};
        pub use crate::dws_users::DEFAULT_LIST_LIMIT;
    }
    /// OCP envelope error codes.
    pub mod ocp {
        pub use crate::ocp::{
            BUILT_IN_USERS, CODE_BAD_CREDENTIALS, CODE_ILLEGAL_ARGUMENT, CODE_INVALID_USERNAME,
            CODE_NOT_AUTHENTICATED, CODE_NOT_FOUND, CODE_OPERATION_NOT_ALLOWED,
            CODE_PRIVILEGE_FAILED, CODE_USER_EXISTS, CODE_USER_NOT_FOUND, GLOBAL_PRIVILEGES,
            SERVER,
        };
        pub use crate::ocp_users::DEFAULT_PAGE_SIZE;
    }
    pub use crate::http::{APIGW_AUTH_ERROR_CODE, APIGW_AUTH_ERROR_MSG, APIGW_NOT_FOUND_CODE};
}
