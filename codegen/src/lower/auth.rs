//! Authentication: the security schemes the service accepts, in its order of preference,
//! and the check that every scheme an operation names exists. A token goes in a header,
//! a query parameter or `Authorization: Bearer`; OAuth 2 and OpenID Connect take a bearer
//! token the user obtained (the client runs no flow, with a warning saying so).

use super::context::Lowering;
use crate::diagnostics::Diagnostic;
use crate::ir::Auth;
use crate::spec::{self, At};

impl<'a> Lowering<'a> {
    pub(super) fn check_scheme_exists(
        &mut self,
        name: &At<String>,
    ) -> Option<&'a spec::SecurityScheme> {
        let index = self.index;
        let schemes = &index.security_schemes;
        let found = schemes.get(&name.value);
        if found.is_none() {
            let message = format!(
                "security scheme `{}` is not in `components.securitySchemes`",
                name.value
            );
            let d = Diagnostic::new(name.pos, message).suggesting(&name.value, schemes.names(), "");
            self.diags.push(d);
        }
        found
    }

    /// The schemes of the document's `security`, then those only operations name, in the
    /// order first met; without any, a header parameter `Authorization` makes the token go
    /// in that header as it is.
    pub(super) fn lower_auth(&mut self) -> Vec<Auth> {
        let mut auth = Vec::new();
        let doc = self.doc;
        let operation_schemes = doc
            .paths
            .iter()
            .flat_map(|item| &item.operations)
            .filter_map(|op| op.security.as_ref())
            .flatten();
        let mut seen = std::collections::HashSet::new();
        let index = self.index;
        let documents = doc.security.iter().map(|n| (n, true));
        for (name, of_document) in documents.chain(operation_schemes.map(|n| (n, false))) {
            if !seen.insert(name.value.as_str()) {
                continue;
            }
            // An operation's unknown scheme was reported with the operation.
            let scheme = if of_document {
                self.check_scheme_exists(name)
            } else {
                index.security_schemes.get(&name.value)
            };
            let Some(scheme) = scheme else {
                continue;
            };
            if let Some(a) = self.lower_scheme(scheme)
                && !auth.contains(&a)
            {
                auth.push(a);
            }
        }
        if auth.is_empty() && !self.authorization_params.is_empty() {
            auth.push(Auth::Token {
                header: "Authorization".into(),
            });
        }
        auth
    }

    fn lower_scheme(&mut self, scheme: &spec::SecurityScheme) -> Option<Auth> {
        match (
            scheme.kind.value.as_str(),
            scheme.signing.as_ref().map(|s| s.value.as_str()),
        ) {
            ("apiKey", Some("sdk-hmac-sha256")) => Some(Auth::HuaweiAkSk),
            ("apiKey", Some("ocp-access-key-hmacsha1")) => Some(Auth::OcpAccessKey),
            ("apiKey", Some(other)) => {
                let pos = scheme.signing.as_ref().map_or(scheme.pos, |s| s.pos);
                self.error_hint(
                    pos,
                    format!("unknown `x-signing` `{other}`"),
                    "use `sdk-hmac-sha256` or `ocp-access-key-hmacsha1`",
                );
                None
            }
            ("apiKey", None) => match (
                scheme.location.as_ref().map(|l| l.value.as_str()),
                &scheme.name,
            ) {
                (Some("header"), Some(header)) => Some(Auth::Token {
                    header: header.value.clone(),
                }),
                (Some("query"), Some(name)) => Some(Auth::QueryKey {
                    name: name.value.clone(),
                }),
                _ => {
                    self.error_hint(
                        scheme.pos,
                        "only API keys sent in a header or a query are supported",
                        "write `in: header` (or `in: query`) and `name: <header or parameter>`",
                    );
                    None
                }
            },
            ("http", _) => match scheme.scheme.as_ref().map(|s| s.value.to_ascii_lowercase()) {
                Some(s) if s == "basic" => Some(Auth::Basic),
                Some(s) if s == "bearer" => Some(Auth::Bearer),
                _ => {
                    self.error_hint(
                        scheme.pos,
                        "only the `basic` and `bearer` HTTP schemes are supported",
                        "write `scheme: basic` or `scheme: bearer`",
                    );
                    None
                }
            },
            ("oauth2" | "openIdConnect", _) => {
                let message = format!(
                    "security scheme type `{}`: the client runs no flow; it sends the token it is given (`Credentials::token`) as `Authorization: Bearer`",
                    scheme.kind.value
                );
                self.warn(scheme.kind.pos, message);
                Some(Auth::Bearer)
            }
            (other, _) => {
                let message = format!("security scheme type `{other}` is not supported");
                self.error_hint(
                    scheme.kind.pos,
                    message,
                    "use `apiKey` (a header or query token, or a signature), `http` (`basic` or `bearer`), `oauth2` or `openIdConnect`",
                );
                None
            }
        }
    }
}
