//! Per-service credential checks.
//!
//! Each listener owns one [`Verifier`]; the server calls it for every request
//! that matched an operation, before the handler runs and after faults. The
//! verifier sees method, path, headers and body, which is everything an AK/SK
//! signature check needs ([`crate::signature`] recomputes the signature).

use std::time::SystemTime;

use axum::http::header::AUTHORIZATION;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::config::FakeConfig;
use crate::http::{APIGW_AUTH_ERROR_CODE, APIGW_AUTH_ERROR_MSG, RequestView, json_response};
use crate::{ocp, signature};

/// Why a request was refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum AuthFailure {
    /// No credentials at all.
    Missing,
    /// Credentials present but wrong, and why (never with key material).
    Invalid(&'static str),
}

/// How a request proved who it is.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Scheme {
    IamToken,
    HuaweiAkSk,
    Basic,
    OcpAkSk,
}

pub(crate) trait Verifier: Send + Sync {
    fn verify(&self, request: &RequestView<'_>) -> Result<Scheme, AuthFailure>;
    /// The service's 401 answer.
    fn reject(&self, failure: &AuthFailure, request_id: &str) -> Response;
}

fn header_str(headers: &HeaderMap, name: impl header::AsHeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// DDM and DWS: an IAM token in `X-Auth-Token`, or an `SDK-HMAC-SHA256` signature.
pub(crate) struct HuaweiVerifier {
    token: String,
    aksk: Option<(String, String)>,
}

impl HuaweiVerifier {
    pub fn new(config: &FakeConfig) -> Self {
        HuaweiVerifier {
            token: config.iam_token.clone(),
            aksk: config.aksk.clone(),
        }
    }
}

/// The `key=value` pairs after the scheme of an `SDK-HMAC-SHA256` header.
fn signature_params(value: &str) -> Option<(&str, &str, &str)> {
    let (mut access, mut signed, mut signature) = (None, None, None);
    for part in value.split(',') {
        let (key, val) = part.trim().split_once('=')?;
        match key.trim() {
            "Access" => access = Some(val.trim()),
            "SignedHeaders" => signed = Some(val.trim()),
            "Signature" => signature = Some(val.trim()),
            _ => {}
        }
    }
    Some((access?, signed?, signature?))
}

impl Verifier for HuaweiVerifier {
    fn verify(&self, request: &RequestView<'_>) -> Result<Scheme, AuthFailure> {
        if let Some(token) = request.headers.get("x-auth-token") {
            return if token.as_bytes() == self.token.as_bytes() {
                Ok(Scheme::IamToken)
            } else {
                Err(AuthFailure::Invalid("X-Auth-Token does not match"))
            };
        }
        let Some(authorization) = header_str(request.headers, AUTHORIZATION) else {
            return Err(AuthFailure::Missing);
        };
        let Some(params) = authorization.strip_prefix("SDK-HMAC-SHA256 ") else {
            return Err(AuthFailure::Invalid("unsupported Authorization scheme"));
        };
        let Some((access, signed_headers, signature)) = signature_params(params) else {
            return Err(AuthFailure::Invalid("malformed SDK-HMAC-SHA256 header"));
        };
        match &self.aksk {
            Some((ak, sk)) if ak == access => signature::check_huawei(
                ak,
                sk,
                request,
                signed_headers,
                signature,
                SystemTime::now(),
            )
            .map(|()| Scheme::HuaweiAkSk)
            .map_err(AuthFailure::Invalid),
            _ => Err(AuthFailure::Invalid("unknown access key")),
        }
    }

    fn reject(&self, failure: &AuthFailure, _request_id: &str) -> Response {
        // The API gateway answers with one code whether credentials are missing or
        // wrong, and adds what was wrong to the message.
        let message = match failure {
            AuthFailure::Missing => APIGW_AUTH_ERROR_MSG.to_owned(),
            AuthFailure::Invalid(reason) => format!("{APIGW_AUTH_ERROR_MSG}: {reason}"),
        };
        json_response(
            StatusCode::UNAUTHORIZED,
            &serde_json::json!({
                "error_code": APIGW_AUTH_ERROR_CODE,
                "error_msg": message,
            }),
        )
    }
}

/// OCP: HTTP Basic, or an `OCP-ACCESS-KEY-HMACSHA1` signature.
pub(crate) struct OcpVerifier {
    username: String,
    password: String,
    aksk: Option<(String, String)>,
}

impl OcpVerifier {
    pub fn new(config: &FakeConfig) -> Self {
        OcpVerifier {
            username: config.ocp_username.clone(),
            password: config.ocp_password.clone(),
            aksk: config.aksk.clone(),
        }
    }
}

impl Verifier for OcpVerifier {
    fn verify(&self, request: &RequestView<'_>) -> Result<Scheme, AuthFailure> {
        let Some(authorization) = header_str(request.headers, AUTHORIZATION) else {
            return Err(AuthFailure::Missing);
        };
        let (scheme, rest) = authorization.split_once(' ').unwrap_or((authorization, ""));
        if scheme.eq_ignore_ascii_case("Basic") {
            let decoded = STANDARD
                .decode(rest.trim())
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok());
            let Some((user, password)) = decoded.as_deref().and_then(|s| s.split_once(':')) else {
                return Err(AuthFailure::Invalid("malformed Basic credentials"));
            };
            return if user == self.username && password == self.password {
                Ok(Scheme::Basic)
            } else {
                Err(AuthFailure::Invalid("wrong user or password"))
            };
        }
        if scheme == "OCP-ACCESS-KEY-HMACSHA1" {
            let Some((access, signature)) = rest.trim().split_once(':') else {
                return Err(AuthFailure::Invalid(
                    "malformed OCP-ACCESS-KEY-HMACSHA1 header",
                ));
            };
            return match &self.aksk {
                Some((ak, sk)) if ak == access => {
                    signature::check_ocp(ak, sk, request, signature, SystemTime::now())
                        .map(|()| Scheme::OcpAkSk)
                        .map_err(AuthFailure::Invalid)
                }
                _ => Err(AuthFailure::Invalid("unknown access key")),
            };
        }
        Err(AuthFailure::Invalid("unsupported Authorization scheme"))
    }

    fn reject(&self, failure: &AuthFailure, request_id: &str) -> Response {
        let (code, message) = match failure {
            AuthFailure::Missing => (ocp::CODE_NOT_AUTHENTICATED, "Not authenticated".to_owned()),
            AuthFailure::Invalid(reason) => (
                ocp::CODE_BAD_CREDENTIALS,
                format!("Bad credentials: {reason}"),
            ),
        };
        let mut response = ocp::error_response(
            StatusCode::UNAUTHORIZED,
            code,
            &message,
            request_id,
            std::time::Instant::now(),
            None,
        );
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"OCP\""),
        );
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Method;

    fn view(headers: &HeaderMap) -> RequestView<'_> {
        RequestView {
            method: &Method::POST,
            path_and_query: "/",
            headers,
            body: b"",
        }
    }

    fn with_authorization(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, HeaderValue::from_static(value));
        headers
    }

    // Signatures that hold are checked in `signature` and over HTTP in tests/.
    #[test]
    fn huawei_token_and_signature() {
        let config = FakeConfig::default().with_default_aksk();
        let verifier = HuaweiVerifier::new(&config);
        let mut headers = HeaderMap::new();
        assert_eq!(verifier.verify(&view(&headers)), Err(AuthFailure::Missing));
        headers.insert(
            "x-auth-token",
            HeaderValue::from_static(FakeConfig::DEFAULT_TOKEN),
        );
        assert_eq!(verifier.verify(&view(&headers)), Ok(Scheme::IamToken));
        headers.insert("x-auth-token", HeaderValue::from_static("other"));
        assert!(matches!(
            verifier.verify(&view(&headers)),
            Err(AuthFailure::Invalid(_))
        ));
        for value in [
            "SDK-HMAC-SHA256 Access=FAKECLOUDACCESSKEY01, SignedHeaders=host;x-sdk-date, Signature=00",
            "SDK-HMAC-SHA256 Access=OTHER, SignedHeaders=host, Signature=00",
            "SDK-HMAC-SHA256 Access=FAKECLOUDACCESSKEY01",
            "AWS4-HMAC-SHA256 Credential=x",
        ] {
            assert!(
                matches!(
                    verifier.verify(&view(&with_authorization(value))),
                    Err(AuthFailure::Invalid(_))
                ),
                "{value}"
            );
        }
    }

    #[test]
    fn ocp_basic_and_signature() {
        let config = FakeConfig::default().with_default_aksk();
        let verifier = OcpVerifier::new(&config);
        assert_eq!(
            verifier.verify(&view(&HeaderMap::new())),
            Err(AuthFailure::Missing)
        );
        let good = format!("Basic {}", STANDARD.encode("admin:aaAA11__"));
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, HeaderValue::from_str(&good).unwrap());
        assert_eq!(verifier.verify(&view(&headers)), Ok(Scheme::Basic));
        for value in [
            "Basic !!!",
            "Basic YWRtaW46d3Jvbmc=",
            "OCP-ACCESS-KEY-HMACSHA1 FAKECLOUDACCESSKEY01:c2ln",
            "OCP-ACCESS-KEY-HMACSHA1 OTHER:c2ln",
            "OCP-ACCESS-KEY-HMACSHA1 no-colon",
        ] {
            assert!(
                matches!(
                    verifier.verify(&view(&with_authorization(value))),
                    Err(AuthFailure::Invalid(_))
                ),
                "{value}"
            );
        }
    }
}
