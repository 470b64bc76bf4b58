//! Configuring a client: endpoint, credentials, limits. `build` checks everything, so a
//! client that builds does not fail later for a missing or half-set setting.

use super::client::Runtime;
use super::credentials::{Credentials, ENV_PROJECT_ID, refuse_unsendable};
use super::error::ConfigError;
use super::fixed_headers::FixedHeaders;
use super::retry::RetryPolicy;
use super::service::{AuthKind, ServiceProfile};
use super::settings::{DEFAULT_MAX_RESPONSE_BYTES, Settings, Timeouts};
use std::collections::BTreeMap;
use std::marker::PhantomData;

/// Implemented by each generated `Client`, so one builder serves every service.
pub trait ServiceClient: Sized {
    const SERVICE: &'static ServiceProfile;
    fn from_runtime(runtime: Runtime) -> Self;
}

/// Configures a client of one service; `build` checks everything, so a client that builds
/// does not fail later for a missing setting.
pub struct ClientBuilder<C> {
    endpoint: Option<String>,
    region: Option<String>,
    credentials: Option<Credentials>,
    params: BTreeMap<String, String>,
    allow_http: bool,
    retry: RetryPolicy,
    timeouts: Timeouts,
    user_agent: Option<String>,
    max_response_bytes: u64,
    http: Option<reqwest::Client>,
    client: PhantomData<C>,
}

impl<C: ServiceClient> Default for ClientBuilder<C> {
    fn default() -> Self {
        Self::new()
    }
}

impl<C> std::fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("endpoint", &self.endpoint.as_deref().map(without_user_info))
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("params", &self.params)
            .field("allow_http", &self.allow_http)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

impl<C: ServiceClient> ClientBuilder<C> {
    pub fn new() -> Self {
        ClientBuilder {
            endpoint: None,
            region: None,
            credentials: None,
            params: BTreeMap::new(),
            allow_http: false,
            retry: RetryPolicy::default(),
            timeouts: Timeouts::default(),
            user_agent: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            http: None,
            client: PhantomData,
        }
    }

    /// The service's base URL, e.g. `https://ddm.eu-de.otc.t-systems.com`. Wins over a region.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// A Huawei Cloud region (`eu-west-101`); the endpoint follows from it
    /// (see [`region_endpoint`]) unless [`ClientBuilder::endpoint`] is set too.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The project id, filled into paths (`{project_id}`) and sent as `X-Project-Id` when signing.
    pub fn project_id(self, project_id: impl Into<String>) -> Self {
        self.client_param("project_id", project_id)
    }

    /// Any value the service's paths take from the client's configuration.
    pub fn client_param(mut self, name: &str, value: impl Into<String>) -> Self {
        self.params.insert(name.to_string(), value.into());
        self
    }

    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Fills what is not set yet from the process environment: credentials (the official
    /// Huawei Cloud SDK's variables, or `OCP_*` for OCP) and `HUAWEICLOUD_SDK_PROJECT_ID`.
    /// A half-set pair (an AK without its SK) is an error.
    pub fn from_env(self) -> Result<Self, ConfigError> {
        self.from_env_with(|name| std::env::var(name).ok())
    }

    /// As [`ClientBuilder::from_env`], reading each variable through `get` (an empty value
    /// counts as unset), so a configuration can come from elsewhere and tests need not
    /// touch the process environment.
    pub fn from_env_with(
        mut self,
        get: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let service = C::SERVICE;
        let get = |name: &str| get(name).filter(|v| !v.is_empty());
        if self.credentials.is_none() {
            let huawei = service.accepts(AuthKind::HuaweiAkSk) || service.accepts(AuthKind::Token);
            let found = if huawei {
                Credentials::huawei_from(get)
            } else {
                Credentials::ocp_from(get)
            };
            self.credentials = found.map_err(|problem| config_error(service, problem))?;
        }
        if service.client_params.contains(&"project_id")
            && !self.params.contains_key("project_id")
            && let Some(project) = get(ENV_PROJECT_ID)
        {
            self.params.insert("project_id".into(), project);
        }
        Ok(self)
    }

    /// Allows a plain `http://` endpoint, for local testing (the default refuses it).
    pub fn allow_insecure_http(mut self) -> Self {
        self.allow_http = true;
        self
    }

    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// The largest answer body a call reads, in bytes (default 16 MiB). A larger answer,
    /// whether its `Content-Length` says so or it is counted while read (chunked, or never
    /// ending), ends the attempt as [`Error::TooLarge`](super::Error::TooLarge), which keeps
    /// the status, the request id and the first bytes of the body; the rest is not read.
    /// It is not retried: the same request would get the same answer.
    pub fn max_response_bytes(mut self, bytes: u64) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Uses this reqwest client (proxies, custom TLS roots). Its own settings then apply:
    /// the connect timeout, and redirects, which the default client never follows (a
    /// redirect would carry `X-Auth-Token` to another host).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    pub fn build(self) -> Result<C, ConfigError> {
        let service = C::SERVICE;
        let fail = |problem: String| config_error(service, problem);
        let endpoint = match (&self.endpoint, &self.region) {
            (Some(e), _) => e.clone(),
            (None, Some(region)) => {
                if !is_region_name(region) {
                    return Err(fail(format!(
                        "region `{region}` is not a region name (lowercase letters, digits and `-`, e.g. `eu-west-101`)"
                    )));
                }
                region_endpoint(service, region).ok_or_else(|| {
                    fail(format!(
                        "the {} service has no regional endpoint; set `.endpoint(url)`",
                        service.name
                    ))
                })?
            }
            (None, None) => {
                return Err(fail(
                    "no endpoint: set `.endpoint(url)` or `.region(name)`".into(),
                ));
            }
        };
        // Before anything that quotes the endpoint: a password in it must not be printed.
        if has_user_info(&endpoint) {
            return Err(fail(
                "the endpoint must not carry a user name or password; use `.credentials(..)`"
                    .into(),
            ));
        }
        let url = reqwest::Url::parse(&endpoint)
            .map_err(|e| fail(format!("endpoint `{endpoint}` is not a URL: {e}")))?;
        match url.scheme() {
            "https" => {}
            "http" if self.allow_http => {}
            "http" => {
                return Err(fail(format!(
                    "endpoint `{endpoint}` is plain http; use https, or call `.allow_insecure_http()` for local testing"
                )));
            }
            other => {
                return Err(fail(format!(
                    "endpoint scheme `{other}` is not supported; use https"
                )));
            }
        }
        // A user name or password in the URL would be printed with the endpoint; a query or
        // fragment would be lost or change every signature.
        if !url.username().is_empty() || url.password().is_some() {
            return Err(fail(
                "the endpoint must not carry a user name or password; use `.credentials(..)`"
                    .into(),
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(fail(format!(
                "endpoint `{endpoint}` has a query or fragment; give the base URL only"
            )));
        }
        let host = url
            .host_str()
            .ok_or_else(|| fail(format!("endpoint `{endpoint}` has no host")))?;
        // The Host header the HTTP client sends, which AK/SK signatures cover: the port is
        // part of it unless it is the scheme's default.
        let host = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        };
        let credentials = match self.credentials {
            Some(credentials) => credentials,
            // A document that declares no security: nothing to prove.
            None if service.auth.is_empty() => Credentials::Anonymous,
            None => {
                return Err(fail("no credentials: set `.credentials(..)`, or call `.from_env()` with the variables set".into()));
            }
        };
        if !service.accepts(credentials.kind()) {
            let accepted: Vec<String> = service
                .auth
                .iter()
                .map(|a| format!("{:?}", a.kind()))
                .collect();
            let takes = if accepted.is_empty() {
                "none (its document declares no security): leave `.credentials(..)` unset"
                    .to_string()
            } else {
                accepted.join(" or ")
            };
            return Err(fail(format!(
                "{:?} credentials are not accepted; this service takes {takes}",
                credentials.kind(),
            )));
        }
        credentials
            .check()
            .map_err(|p| fail(format!("credentials: {p}")))?;
        if let Some(user_agent) = &self.user_agent {
            refuse_unsendable("the user agent", user_agent).map_err(fail)?;
        }
        let mut params = Vec::new();
        for name in service.client_params {
            match self.params.get(*name) {
                Some(value) if !value.is_empty() => {
                    // The project id goes in `X-Project-Id` too, so it must fit a header.
                    refuse_unsendable(&format!("`{name}`"), value).map_err(fail)?;
                    params.push((name.to_string(), value.clone()))
                }
                _ => {
                    let hint = if *name == "project_id" {
                        format!("`.project_id(..)` or {ENV_PROJECT_ID}")
                    } else {
                        format!("`.client_param(\"{name}\", ..)`")
                    };
                    return Err(fail(format!(
                        "`{name}` is required by every path; set it with {hint}"
                    )));
                }
            }
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.timeouts.connect)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| fail(format!("could not set up HTTP: {e}")))?,
        };
        let user_agent = self.user_agent.unwrap_or_else(|| {
            format!(
                "generated-client/{} ({})",
                env!("CARGO_PKG_VERSION"),
                service.name
            )
        });
        let base_path = url.path().trim_end_matches('/').to_string();
        let origin = format!("{}://{host}", url.scheme());
        let mut base_url = url;
        base_url.set_path("");
        let project_id = params
            .iter()
            .find(|(name, _)| name == "project_id")
            .map(|(_, value)| value.as_str());
        let fixed_headers = FixedHeaders::new(
            service,
            &credentials,
            Some(project_id.unwrap_or_default()),
            &user_agent,
        );
        Ok(C::from_runtime(Runtime::new(Settings {
            service,
            origin,
            base_url,
            host,
            base_path,
            credentials,
            params,
            http,
            retry: self.retry,
            timeouts: self.timeouts,
            user_agent,
            fixed_headers,
            max_response_bytes: self.max_response_bytes,
        })))
    }
}

fn config_error(service: &ServiceProfile, problem: String) -> ConfigError {
    ConfigError {
        service: service.name,
        problem,
    }
}

/// The part of a URL between `scheme://` and the path.
fn authority(endpoint: &str) -> (usize, &str) {
    let start = endpoint.find("://").map_or(0, |i| i + 3);
    let rest = &endpoint[start..];
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    (start, &rest[..end])
}

/// Whether an endpoint carries a user name or password (`https://user:pw@host`).
fn has_user_info(endpoint: &str) -> bool {
    authority(endpoint).1.contains('@')
}

/// The endpoint as printed: any user name and password replaced by `***`.
fn without_user_info(endpoint: &str) -> String {
    let (start, authority) = authority(endpoint);
    match authority.rfind('@') {
        Some(at) => format!("{}***{}", &endpoint[..start], &endpoint[start + at..]),
        None => endpoint.to_string(),
    }
}

/// Region names are lowercase words joined by `-` (`cn-north-4`, `eu-west-101`); anything
/// else would make a host name nobody meant.
fn is_region_name(region: &str) -> bool {
    !region.is_empty()
        && !region.starts_with('-')
        && !region.ends_with('-')
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Huawei Cloud's regional endpoint of a service: `https://{service}.{region}.myhuaweicloud.com`,
/// and `.myhuaweicloud.eu` for `eu-west-101`, the one region served from that domain.
/// `None` for a service that is not a Huawei Cloud service (OCP runs on the customer's hosts).
pub fn region_endpoint(service: &ServiceProfile, region: &str) -> Option<String> {
    if !service.accepts(AuthKind::HuaweiAkSk) {
        return None;
    }
    let domain = if region == "eu-west-101" {
        "myhuaweicloud.eu"
    } else {
        "myhuaweicloud.com"
    };
    Some(format!("https://{}.{region}.{domain}", service.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_info_is_found_and_hidden() {
        assert!(has_user_info("https://user:pw@host/path"));
        assert!(has_user_info("user:pw@host"));
        assert!(!has_user_info("https://host/a@b"));
        assert_eq!(
            without_user_info("https://user:pw@host:8443/x@y"),
            "https://***@host:8443/x@y"
        );
        assert_eq!(without_user_info("https://host/x"), "https://host/x");
    }
}
