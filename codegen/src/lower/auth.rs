//! Authentication: the security schemes the service accepts, in its order of preference,
//! and the check that every scheme an operation names exists.

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

    pub(super) fn lower_auth(&mut self) -> Vec<Auth> {
        let mut auth = Vec::new();
        let doc = self.doc;
        for name in &doc.security {
            let Some(scheme) = self.check_scheme_exists(name) else {
                continue;
            };
            if let Some(a) = self.lower_scheme(scheme)
                && !auth.contains(&a)
            {
                auth.push(a);
            }
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
                _ => {
                    self.error_hint(
                        scheme.pos,
                        "only API keys sent in a header are supported",
                        "write `in: header` and `name: <header>`",
                    );
                    None
                }
            },
            ("http", _) => match scheme.scheme.as_ref().map(|s| s.value.to_ascii_lowercase()) {
                Some(s) if s == "basic" => Some(Auth::Basic),
                _ => {
                    self.error_hint(
                        scheme.pos,
                        "only the `basic` HTTP scheme is supported",
                        "write `scheme: basic`",
                    );
                    None
                }
            },
            (other, _) => {
                let message = format!("security scheme type `{other}` is not supported");
                self.error_hint(
                    scheme.kind.pos,
                    message,
                    "use `apiKey` (a header token or a signature) or `http` with `scheme: basic`",
                );
                None
            }
        }
    }
}
