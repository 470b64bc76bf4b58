//! Who the caller is: an IAM token, Huawei Cloud AK/SK, or OCP Basic / access key.

use super::secret::Secret;
use super::service::AuthKind;
use std::fmt;

/// Credentials for one client. `Debug` never shows a secret.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    /// An IAM token, sent as is (`X-Auth-Token`).
    Token(Secret),
    /// Huawei Cloud access key and secret key; requests are signed (`SDK-HMAC-SHA256`).
    AkSk {
        access_key: String,
        secret_key: Secret,
        /// For temporary credentials (`X-Security-Token`).
        security_token: Option<Secret>,
    },
    /// HTTP Basic (OCP).
    Basic { username: String, password: Secret },
    /// OCP access key; requests are signed (`OCP-ACCESS-KEY-HMACSHA1`).
    OcpAccessKey {
        access_key_id: String,
        access_key_secret: Secret,
    },
    /// No credentials: for a service whose document declares no security (the builder
    /// uses it when none are set), refused by any other.
    Anonymous,
}

/// Environment variable names, the same as the official Huawei Cloud SDKs read.
pub const ENV_AK: &str = "HUAWEICLOUD_SDK_AK";
pub const ENV_SK: &str = "HUAWEICLOUD_SDK_SK";
pub const ENV_SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";
pub const ENV_PROJECT_ID: &str = "HUAWEICLOUD_SDK_PROJECT_ID";
/// An IAM token from the environment (our name; the official SDKs have none).
pub const ENV_IAM_TOKEN: &str = "HUAWEICLOUD_SDK_IAM_TOKEN";
/// OCP credentials from the environment (our names).
pub const ENV_OCP_USERNAME: &str = "OCP_USERNAME";
pub const ENV_OCP_PASSWORD: &str = "OCP_PASSWORD";
pub const ENV_OCP_ACCESS_KEY_ID: &str = "OCP_ACCESS_KEY_ID";
pub const ENV_OCP_ACCESS_KEY_SECRET: &str = "OCP_ACCESS_KEY_SECRET";

impl Credentials {
    pub fn token(token: impl Into<Secret>) -> Self {
        Credentials::Token(token.into())
    }

    pub fn aksk(access_key: impl Into<String>, secret_key: impl Into<Secret>) -> Self {
        Credentials::AkSk {
            access_key: access_key.into(),
            secret_key: secret_key.into(),
            security_token: None,
        }
    }

    /// Temporary AK/SK with their security token.
    pub fn temporary_aksk(
        access_key: impl Into<String>,
        secret_key: impl Into<Secret>,
        security_token: impl Into<Secret>,
    ) -> Self {
        Credentials::AkSk {
            access_key: access_key.into(),
            secret_key: secret_key.into(),
            security_token: Some(security_token.into()),
        }
    }

    pub fn basic(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Credentials::Basic {
            username: username.into(),
            password: password.into(),
        }
    }

    pub fn ocp_access_key(
        access_key_id: impl Into<String>,
        access_key_secret: impl Into<Secret>,
    ) -> Self {
        Credentials::OcpAccessKey {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
        }
    }

    pub fn kind(&self) -> AuthKind {
        match self {
            Credentials::Token(_) => AuthKind::Token,
            Credentials::AkSk { .. } => AuthKind::HuaweiAkSk,
            Credentials::Basic { .. } => AuthKind::Basic,
            Credentials::OcpAccessKey { .. } => AuthKind::OcpAccessKey,
            Credentials::Anonymous => AuthKind::Anonymous,
        }
    }

    /// Huawei Cloud credentials from the environment: AK/SK (with the security token when
    /// set), else an IAM token. `Ok(None)` when none is set; an error when only half is.
    pub fn huawei_from_env() -> Result<Option<Self>, String> {
        Self::huawei_from(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    /// As [`Credentials::huawei_from_env`], reading variables through `get` (testable); an
    /// empty value counts as unset.
    pub fn huawei_from(get: impl Fn(&str) -> Option<String>) -> Result<Option<Self>, String> {
        let get = |name: &str| get(name).filter(|v| !v.is_empty());
        match (get(ENV_AK), get(ENV_SK), get(ENV_SECURITY_TOKEN)) {
            (Some(ak), Some(sk), token) => Ok(Some(Credentials::AkSk {
                access_key: ak,
                secret_key: Secret::from(sk),
                security_token: token.map(Secret::from),
            })),
            (Some(_), None, _) => Err(format!("{ENV_AK} is set but {ENV_SK} is not")),
            (None, Some(_), _) => Err(format!("{ENV_SK} is set but {ENV_AK} is not")),
            (None, None, Some(_)) => Err(format!(
                "{ENV_SECURITY_TOKEN} is set without {ENV_AK} and {ENV_SK}"
            )),
            (None, None, None) => {
                Ok(get(ENV_IAM_TOKEN).map(|t| Credentials::Token(Secret::from(t))))
            }
        }
    }

    /// OCP credentials from the environment: an access key, else Basic.
    pub fn ocp_from_env() -> Result<Option<Self>, String> {
        Self::ocp_from(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    /// As [`Credentials::ocp_from_env`], reading variables through `get`; an empty value
    /// counts as unset.
    pub fn ocp_from(get: impl Fn(&str) -> Option<String>) -> Result<Option<Self>, String> {
        let get = |name: &str| get(name).filter(|v| !v.is_empty());
        let access = pair(
            get(ENV_OCP_ACCESS_KEY_ID),
            get(ENV_OCP_ACCESS_KEY_SECRET),
            ENV_OCP_ACCESS_KEY_ID,
            ENV_OCP_ACCESS_KEY_SECRET,
        )?;
        if let Some((id, secret)) = access {
            return Ok(Some(Credentials::ocp_access_key(id, secret)));
        }
        let basic = pair(
            get(ENV_OCP_USERNAME),
            get(ENV_OCP_PASSWORD),
            ENV_OCP_USERNAME,
            ENV_OCP_PASSWORD,
        )?;
        Ok(basic.map(|(u, p)| Credentials::basic(u, p)))
    }

    /// The secret parts, to be masked wherever a server's text is shown.
    pub(crate) fn secrets(&self) -> Vec<&str> {
        match self {
            Credentials::Token(token) => vec![token.expose()],
            Credentials::AkSk {
                secret_key,
                security_token,
                ..
            } => std::iter::once(secret_key)
                .chain(security_token)
                .map(Secret::expose)
                .collect(),
            Credentials::Basic { password, .. } => vec![password.expose()],
            Credentials::OcpAccessKey {
                access_key_secret, ..
            } => vec![access_key_secret.expose()],
            Credentials::Anonymous => Vec::new(),
        }
    }

    /// Checks there is nothing blank, which the service would refuse with a 401 later.
    pub(crate) fn check(&self) -> Result<(), String> {
        let blank = match self {
            Credentials::Token(t) => t.is_empty().then_some("the token"),
            Credentials::AkSk {
                access_key,
                secret_key,
                security_token,
            } => {
                if access_key.is_empty() {
                    Some("the access key (AK)")
                } else if secret_key.is_empty() {
                    Some("the secret key (SK)")
                } else if security_token.as_ref().is_some_and(Secret::is_empty) {
                    Some("the security token")
                } else {
                    None
                }
            }
            Credentials::Basic { username, password } => {
                if username.is_empty() {
                    Some("the user name")
                } else if password.is_empty() {
                    Some("the password")
                } else {
                    None
                }
            }
            Credentials::OcpAccessKey {
                access_key_id,
                access_key_secret,
            } => {
                if access_key_id.is_empty() {
                    Some("the access key id")
                } else if access_key_secret.is_empty() {
                    Some("the access key secret")
                } else {
                    None
                }
            }
            Credentials::Anonymous => None,
        };
        if let Some(what) = blank {
            return Err(format!("{what} is empty"));
        }
        // What goes in a header as it is must be sendable; the secret keys too, which no
        // one can type with a control character in them except by mistake.
        let sent: Vec<(&str, &str)> = match self {
            Credentials::Token(t) => vec![("the token", t.expose())],
            Credentials::AkSk {
                access_key,
                secret_key,
                security_token,
            } => {
                let mut sent = vec![
                    ("the access key (AK)", access_key.as_str()),
                    ("the secret key (SK)", secret_key.expose()),
                ];
                if let Some(token) = security_token {
                    sent.push(("the security token", token.expose()));
                }
                sent
            }
            // Sent base64-encoded: any character can be.
            Credentials::Basic { .. } | Credentials::Anonymous => Vec::new(),
            Credentials::OcpAccessKey {
                access_key_id,
                access_key_secret,
            } => vec![
                ("the access key id", access_key_id),
                ("the access key secret", access_key_secret.expose()),
            ],
        };
        sent.into_iter()
            .try_for_each(|(what, value)| refuse_unsendable(what, value))
    }
}

/// Refuses a value that goes in a header but holds a character no header can carry
/// (CR, LF, NUL, DEL, any other control): it could never be sent. Names the field, never
/// the value (it may be a secret).
pub(crate) fn refuse_unsendable(field: &str, value: &str) -> Result<(), String> {
    if value.chars().any(char::is_control) {
        return Err(format!(
            "{field} contains a control character (such as CR, LF, NUL or DEL), which an HTTP header cannot carry"
        ));
    }
    Ok(())
}

fn pair(
    a: Option<String>,
    b: Option<String>,
    a_name: &str,
    b_name: &str,
) -> Result<Option<(String, String)>, String> {
    match (a, b) {
        (Some(a), Some(b)) => Ok(Some((a, b))),
        (Some(_), None) => Err(format!("{a_name} is set but {b_name} is not")),
        (None, Some(_)) => Err(format!("{b_name} is set but {a_name} is not")),
        (None, None) => Ok(None),
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::Token(_) => f.write_str("Credentials::Token(***)"),
            Credentials::AkSk {
                access_key,
                security_token,
                ..
            } => f
                .debug_struct("Credentials::AkSk")
                .field("access_key", access_key)
                .field("secret_key", &"***")
                .field("security_token", &security_token.as_ref().map(|_| "***"))
                .finish(),
            Credentials::Basic { username, .. } => f
                .debug_struct("Credentials::Basic")
                .field("username", username)
                .field("password", &"***")
                .finish(),
            Credentials::OcpAccessKey { access_key_id, .. } => f
                .debug_struct("Credentials::OcpAccessKey")
                .field("access_key_id", access_key_id)
                .field("access_key_secret", &"***")
                .finish(),
            Credentials::Anonymous => f.write_str("Credentials::Anonymous"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn reads_the_official_sdk_variables() {
        let c = Credentials::huawei_from(env(&[
            (ENV_AK, "ak"),
            (ENV_SK, "sk"),
            (ENV_SECURITY_TOKEN, "st"),
        ]))
        .unwrap();
        assert_eq!(c, Some(Credentials::temporary_aksk("ak", "sk", "st")));
        assert_eq!(Credentials::huawei_from(env(&[])).unwrap(), None);
        assert_eq!(
            Credentials::huawei_from(env(&[(ENV_IAM_TOKEN, "t")])).unwrap(),
            Some(Credentials::token("t"))
        );
    }

    #[test]
    fn half_set_credentials_are_an_error() {
        let e = Credentials::huawei_from(env(&[(ENV_AK, "ak")])).unwrap_err();
        assert_eq!(e, "HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK is not");
        assert!(Credentials::ocp_from(env(&[(ENV_OCP_PASSWORD, "p")])).is_err());
    }

    #[test]
    fn debug_hides_secrets() {
        let all = [
            Credentials::token("TOKVALUE"),
            Credentials::temporary_aksk("AK1", "SKVALUE", "STVALUE"),
            Credentials::basic("admin", "PWVALUE"),
            Credentials::ocp_access_key("id", "OCPVALUE"),
        ];
        let text = format!("{all:?}");
        assert!(!text.contains("VALUE"), "{text}");
        assert!(text.contains("AK1"));
    }
}
