//! Typed clients for the DDM, DWS and OCP account APIs.
//!
//! Each service module ([`ddm`], [`dws`], [`ocp`]) is generated at build time from
//! `specs/<service>.yaml`; the [`runtime`] beside them is written by hand.
//!
//! ```no_run
//! use generated_client::{ddm, Credentials};
//!
//! # async fn example() -> Result<(), generated_client::Error> {
//! let client = ddm::Client::builder()
//!     .endpoint("https://ddm.eu-de.otc.t-systems.com")
//!     .project_id("0123456789abcdef0123456789abcdef")
//!     .credentials(Credentials::aksk("AK", "SK"))
//!     .build()?;
//! let request = ddm::CreateUsersRequest {
//!     users: vec![ddm::CreateDdmUsersInfo {
//!         name: "ddm_user1".into(),
//!         password: "S3cure!pass".into(),
//!         base_authority: vec![ddm::BaseAuthority::Select],
//!         extend_authority: None,
//!         description: None,
//!         databases: None,
//!     }],
//! };
//! let created = client.create_users("instance-id", &request).await?;
//! # Ok(()) }
//! ```

// Generated code names this crate by its path, as code outside it would.
extern crate self as generated_client;

pub mod runtime;

include!(concat!(env!("OUT_DIR"), "/services.rs"));

pub use runtime::{Credentials, Error, RetryPolicy, Secret, Timeouts};
