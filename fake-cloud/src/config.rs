//! Configuration of a [`crate::FakeCloud`]: credentials, project, OCP tenants, ports.

use std::fmt;
use std::time::Duration;

/// What the fake accepts and where it listens.
#[derive(Clone)]
pub struct FakeConfig {
    /// The only project id the DDM and DWS routes accept in their paths.
    pub project_id: String,
    /// The IAM token DDM and DWS expect in `X-Auth-Token`.
    pub iam_token: String,
    /// OCP HTTP Basic user name.
    pub ocp_username: String,
    /// OCP HTTP Basic password.
    pub ocp_password: String,
    /// The OCP tenants that exist, as `(cluster id, tenant id)`.
    pub ocp_tenants: Vec<(i64, i64)>,
    /// Access key and secret key accepted for AK/SK-signed requests (both
    /// Huawei `SDK-HMAC-SHA256` and OCP `OCP-ACCESS-KEY-HMACSHA1`). `None`
    /// rejects every signed request.
    pub aksk: Option<(String, String)>,
    /// How many accounts one DDM instance can hold.
    pub ddm_max_accounts: usize,
    /// How many `showJob` answers say `Running` before a DDM job ends. With 0 the job has
    /// ended by the time the call that started it answers.
    pub ddm_job_polls: u32,
    /// Whether a DDM job ends `Completed` (`true`) or `Failed`; a failed administrator
    /// password job leaves the password as it was.
    pub ddm_job_succeeds: bool,
    /// Port for the DDM listener on 127.0.0.1; 0 lets the OS pick.
    pub ddm_port: u16,
    /// Port for the DWS listener on 127.0.0.1; 0 lets the OS pick.
    pub dws_port: u16,
    /// Port for the OCP listener on 127.0.0.1; 0 lets the OS pick.
    pub ocp_port: u16,
    /// Largest request body accepted; a larger one (by `Content-Length`, or counted while
    /// read) is answered 413 in the service's error shape without being read.
    pub max_body_bytes: usize,
    /// How long a request may take to send its head, and then its body; a slower one (or
    /// a `Content-Length` whose bytes never come) is answered 408 (the body) or dropped
    /// (the head).
    pub body_timeout: Duration,
    /// How many requests the log keeps (the latest); older ones are forgotten. 0 keeps none.
    pub request_log_capacity: usize,
}

impl FakeConfig {
    /// Default project id (the one in the DWS page's example URL).
    pub const DEFAULT_PROJECT_ID: &'static str = "05f2cff45100d5112f4bc00b794ea08e";
    /// Default IAM token expected in `X-Auth-Token`.
    pub const DEFAULT_TOKEN: &'static str = "fake-cloud-iam-token";
    /// Default OCP user (OCP's built-in administrator).
    pub const DEFAULT_OCP_USERNAME: &'static str = "admin";
    /// Default OCP password.
    pub const DEFAULT_OCP_PASSWORD: &'static str = "aaAA11__";
    /// Default OCP tenants: the page's example tenant and a second one.
    pub const DEFAULT_OCP_TENANTS: [(i64, i64); 2] = [(1, 1_000_001), (1, 1002)];
    /// Default access key accepted when AK/SK is switched on with [`FakeConfig::with_default_aksk`].
    pub const DEFAULT_ACCESS_KEY: &'static str = "FAKECLOUDACCESSKEY01";
    /// Default secret key accepted when AK/SK is switched on with [`FakeConfig::with_default_aksk`].
    pub const DEFAULT_SECRET_KEY: &'static str = "fake-cloud-secret-key";
    /// DDM's documented per-instance account limit.
    pub const DEFAULT_DDM_MAX_ACCOUNTS: usize = 100;
    /// Default request body limit: 1 MiB.
    pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;
    /// Default time to send a request's head, and then its body.
    pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(10);
    /// Default number of requests the log keeps.
    pub const DEFAULT_REQUEST_LOG_CAPACITY: usize = 10_000;

    /// The same configuration with the default AK/SK pair accepted.
    pub fn with_default_aksk(mut self) -> Self {
        self.aksk = Some((
            Self::DEFAULT_ACCESS_KEY.to_owned(),
            Self::DEFAULT_SECRET_KEY.to_owned(),
        ));
        self
    }
}

impl Default for FakeConfig {
    fn default() -> Self {
        FakeConfig {
            project_id: Self::DEFAULT_PROJECT_ID.to_owned(),
            iam_token: Self::DEFAULT_TOKEN.to_owned(),
            ocp_username: Self::DEFAULT_OCP_USERNAME.to_owned(),
            ocp_password: Self::DEFAULT_OCP_PASSWORD.to_owned(),
            ocp_tenants: Self::DEFAULT_OCP_TENANTS.to_vec(),
            aksk: None,
            ddm_max_accounts: Self::DEFAULT_DDM_MAX_ACCOUNTS,
            ddm_job_polls: 0,
            ddm_job_succeeds: true,
            ddm_port: 0,
            dws_port: 0,
            ocp_port: 0,
            max_body_bytes: Self::DEFAULT_MAX_BODY_BYTES,
            body_timeout: Self::DEFAULT_BODY_TIMEOUT,
            request_log_capacity: Self::DEFAULT_REQUEST_LOG_CAPACITY,
        }
    }
}

impl fmt::Debug for FakeConfig {
    // Secrets stay out of debug output (and so out of logs).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeConfig")
            .field("project_id", &self.project_id)
            .field("iam_token", &"<redacted>")
            .field("ocp_username", &self.ocp_username)
            .field("ocp_password", &"<redacted>")
            .field("ocp_tenants", &self.ocp_tenants)
            .field(
                "aksk",
                &self
                    .aksk
                    .as_ref()
                    .map(|(ak, _)| (ak.as_str(), "<redacted>")),
            )
            .field("ddm_max_accounts", &self.ddm_max_accounts)
            .field("ddm_job_polls", &self.ddm_job_polls)
            .field("ddm_job_succeeds", &self.ddm_job_succeeds)
            .field("ddm_port", &self.ddm_port)
            .field("dws_port", &self.dws_port)
            .field("ocp_port", &self.ocp_port)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("body_timeout", &self.body_timeout)
            .field("request_log_capacity", &self.request_log_capacity)
            .finish()
    }
}
