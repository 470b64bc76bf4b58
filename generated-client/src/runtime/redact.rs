//! Masking what a request carried that must never be printed, should a server echo it back:
//! the client's credentials and the [`Secret`](super::Secret)s of the request body. Applied
//! to an error once, when the call ends with it; the raw body stays as it came.

use super::credentials::Credentials;
use super::error::Error;
use super::secret::Secret;
use super::shown::{MAX_SHOWN_BODY_BYTES, preview_of};

/// What replaces a secret in a server's text.
const MASK: &str = "***";

/// The secrets of one request, each as typed and as it stands escaped.
pub(crate) struct Redactor {
    secrets: Vec<String>,
}

impl Redactor {
    pub fn new(credentials: &Credentials, body_secrets: &[Secret]) -> Self {
        let typed = credentials
            .secrets()
            .into_iter()
            .chain(body_secrets.iter().map(Secret::expose))
            .filter(|s| !s.is_empty());
        let mut secrets = Vec::new();
        for secret in typed {
            secrets.extend(escaped_forms(secret));
            secrets.push(secret.to_string());
        }
        // The longest first, so that a secret containing another is masked whole.
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        secrets.dedup();
        Redactor { secrets }
    }

    /// `text` with every secret replaced by `***`.
    pub fn mask(&self, text: &str) -> String {
        let mut out = text.to_string();
        for secret in &self.secrets {
            if out.contains(secret) {
                out = out.replace(secret, MASK);
            }
        }
        out
    }

    fn mask_field(&self, field: &mut Option<String>) {
        if let Some(text) = field {
            *text = self.mask(text);
        }
    }

    /// The body as `Debug` shows it, masked. Only its start is looked at (the preview's
    /// length and one secret more, so a secret across the cut is masked too).
    fn shown_body(&self, body: &[u8]) -> Option<String> {
        let longest = self.secrets.first().map_or(0, |s| s.len());
        let head = &body[..body.len().min(MAX_SHOWN_BODY_BYTES + longest)];
        let masked = self.mask(&String::from_utf8_lossy(head));
        let rest = body.len() - head.len();
        Some(preview_of(masked.as_bytes(), masked.len() + rest))
    }

    /// Masks the server-supplied text of `error` (code, message, request id, reason) and
    /// prepares the masked body its `Debug` shows.
    pub fn apply(&self, error: &mut Error) {
        match error {
            Error::Api(e) => {
                self.mask_field(&mut e.code);
                self.mask_field(&mut e.message);
                self.mask_field(&mut e.request_id);
                e.shown_body = self.shown_body(&e.body);
            }
            Error::Decode(e) => {
                self.mask_field(&mut e.request_id);
                e.reason = self.mask(&e.reason);
                e.shown_body = self.shown_body(&e.body);
            }
            Error::Transport(e) => {
                self.mask_field(&mut e.request_id);
                e.reason = self.mask(&e.reason);
                e.shown_body = self.shown_body(&e.body);
            }
            Error::TooLarge(e) => {
                self.mask_field(&mut e.request_id);
                e.shown_body = self.shown_body(&e.body);
            }
            // Made after the call by a paginator or a waiter, from no server text.
            Error::Validation(_)
            | Error::Config(_)
            | Error::Timeout(_)
            | Error::Encode(_)
            | Error::Pagination(_)
            | Error::Wait(_) => {}
        }
    }
}

/// `secret` as it stands escaped where it is shown: inside a JSON string (a server echoing
/// it in its error body writes `"` as `\"`, `\` as `\\`), and in Rust's `Debug` form
/// (serde's reason for refusing a value quotes it so).
fn escaped_forms(secret: &str) -> [String; 2] {
    let json = serde_json::to_string(secret).unwrap_or_default();
    let debug = format!("{secret:?}");
    [json, debug].map(|quoted| {
        let inner = quoted.strip_prefix('"').and_then(|q| q.strip_suffix('"'));
        inner.unwrap_or(secret).to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_credentials_and_body_secrets() {
        let credentials = Credentials::temporary_aksk("AK", "sk-value", "st-value");
        let body = [Secret::new("pw-1"), Secret::new("")];
        let redactor = Redactor::new(&credentials, &body);
        assert_eq!(
            redactor.mask("bad pw-1, sk-value and st-value; AK stays"),
            "bad ***, *** and ***; AK stays"
        );
        assert_eq!(redactor.mask("nothing"), "nothing");
    }

    #[test]
    fn masks_a_secret_in_its_escaped_forms() {
        let credentials = Credentials::token("token-1");
        // `"` and `\` escaped alike in JSON and by `Debug`; DEL only by `Debug`.
        let body = [Secret::new("pw\"q\\1\u{7f}")];
        let redactor = Redactor::new(&credentials, &body);
        let debug_form = "pw\\\"q\\\\1\\u{7f}";
        let json_form = "pw\\\"q\\\\1\u{7f}";
        let typed = "pw\"q\\1\u{7f}";
        assert_eq!(
            redactor.mask(&format!("a {debug_form} b {json_form} c {typed} d")),
            "a *** b *** c *** d"
        );
    }
}
