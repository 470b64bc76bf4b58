//! The fixture values every test shares, spelled once: the ids of the API pages' examples
//! (project, DDM instance, DWS cluster, OCP cluster and tenant), the example user, and the
//! credentials the scripted servers expect. fake-cloud's own defaults (`FakeConfig`) are
//! the fake's, not these.

/// The project of the DDM and DWS pages' examples (also fake-cloud's default project).
pub const PROJECT_ID: &str = "05f2cff45100d5112f4bc00b794ea08e";
/// The DDM instance of the admin-password page's example.
pub const DDM_INSTANCE: &str = "1f5c9fd6cd984056ba89c8c87cc03278in09";
/// The DDM account of the create-users page's example, and its password.
pub const DDM_USER: &str = "DDMuser1";
pub const DDM_EXAMPLE_PASSWORD: &str = "Axejs@98a";
/// The DWS cluster of the O&M page's examples.
pub const DWS_CLUSTER: &str = "e7107fab-cac0-4261-916b-7f32b3053034";
/// The OCP cluster and tenant of the create-user page's example.
pub const OCP_CLUSTER: i64 = 1;
pub const OCP_TENANT: i64 = 1_000_001;

/// The IAM token the scripted-server clients send.
pub const TOKEN: &str = "MIIEtest-iam-token";
/// The Basic user the scripted-server OCP client sends.
pub const OCP_USER: &str = "admin";
pub const OCP_PASSWORD: &str = "aaAA11__";

/// The passwords every operation's requests carry; they must never show in logs, `Debug`
/// or errors.
pub const DDM_USER_PASSWORD: &str = "Axejs@98a-user";
pub const DDM_ADMIN_PASSWORD: &str = "Axejs@98a-admin";
pub const OCP_USER_PASSWORD: &str = "Ocp#db-user-pw1";
