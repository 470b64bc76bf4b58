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
mod fake;
mod faults;
mod http;
mod ids;
mod journal;
mod ocp;
mod operations;
mod server;
mod signature;
mod state;

pub use config::FakeConfig;
pub use fake::FakeCloud;
pub use faults::Fault;
pub use journal::RecordedRequest;
pub use operations::{Operation, Service};
pub use state::{DdmAccount, DdmAdmin, OcpDbPrivilege, OcpUser, OmUser, OmUserStatus};

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
    pub use crate::http::{APIGW_AUTH_ERROR_CODE, APIGW_AUTH_ERROR_MSG, APIGW_NOT_FOUND_CODE};
}
