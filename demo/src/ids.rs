//! The resources the demo works on, from the pages' examples: a leaf the steps share.

/// The DDM instance of the admin-password page's example.
pub const INSTANCE: &str = "1f5c9fd6cd984056ba89c8c87cc03278in09";
/// The DWS cluster of the O&M page's examples.
pub const CLUSTER: &str = "e7107fab-cac0-4261-916b-7f32b3053034";
/// The OCP tenant of the create-user page's example.
pub const OCP_CLUSTER: i64 = 1;
pub const OCP_TENANT: i64 = 1_000_001;
