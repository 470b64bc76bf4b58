//! A password in a field that is not a secret: a property or parameter named like a
//! password (`password`, `newPassword`, `db_passwd`, `admin_pwd`) whose schema is a plain
//! string would be a `String`, printed by `Debug` and kept in errors. In a project spec it
//! is refused (write `format: password`, which makes it an `rt::Secret`); in a document
//! from elsewhere it is a warning, since its authors did not write it for this generator.

use super::ctx::Ctx;
use crate::diagnostics::Diagnostic;
use crate::profile::Profile;
use crate::spec::{At, Schema};

/// Whether a wire name reads as a password: it contains `password` or `passwd`, or one of
/// its words (split at `_`, `-` and lower-to-upper case changes) is `pwd`.
pub(super) fn named_like_password(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.contains("password") || lower.contains("passwd") {
        return true;
    }
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() || (c.is_ascii_uppercase() && previous_lower) {
            words.push(std::mem::take(&mut word));
        }
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        }
        previous_lower = c.is_ascii_lowercase();
    }
    words.push(word);
    words.iter().any(|w| w == "pwd")
}

/// Reports `name` when it reads as a password and its schema is a plain string.
pub(super) fn check_secret_name(ctx: &Ctx, name: &At<String>, schema: &Schema, what: &str) {
    let plain_string = schema.reference.is_none()
        && schema.ty.as_ref().is_some_and(|t| t.value == "string")
        && schema.format.as_ref().is_none_or(|f| f.value != "password");
    if !plain_string || !named_like_password(&name.value) {
        return;
    }
    let message = format!(
        "{what} `{}` is named like a password but is a plain string",
        name.value
    );
    match ctx.profile() {
        Profile::ProjectSpec => ctx.error(Diagnostic::new(name.pos, message).with_hint(
            "write `format: password`: the value becomes an `rt::Secret`, which no `Debug`, error or log line shows",
        )),
        Profile::Outside => ctx.warn(
            name.pos,
            format!("{message}; it is generated as a `String`, which `Debug` shows"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::named_like_password;

    #[test]
    fn password_names_are_recognised() {
        for name in [
            "password",
            "newPassword",
            "db_passwd",
            "admin_pwd",
            "pwdHash",
            "PWD",
        ] {
            assert!(named_like_password(name), "{name}");
        }
        for name in ["name", "pwdx", "upwards", "passing", "spwd_no"] {
            assert!(!named_like_password(name), "{name}");
        }
    }
}
