//! DDM: what every DDM handler shares (error answers, the project check, name rules), and
//! creating and modifying accounts. Listing, deleting and resetting passwords are in
//! `ddm_accounts.rs`; the administrator and its jobs in `ddm_jobs.rs`.

use std::collections::HashSet;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;

use crate::http::json_response;
use crate::state::{DdmAccount, Shared};

/// Parameter error (also used for the account limit).
pub const CODE_PARAMETER: &str = "DBS.280001";
pub const CODE_INVALID_NAME: &str = "DBS.300305";
pub const CODE_INVALID_PASSWORD: &str = "DBS.300306";
pub const CODE_INVALID_BASE_AUTHORITY: &str = "DBS.300309";
pub const CODE_INVALID_EXTEND_AUTHORITY: &str = "DBS.300310";
pub const CODE_ACCOUNT_EXISTS: &str = "DBS.300311";
pub const CODE_ACCOUNT_NOT_FOUND: &str = "DBS.300327";

/// The basic permissions an account can hold.
pub const BASE_AUTHORITIES: [&str; 8] = [
    "CREATE", "DROP", "ALTER", "INDEX", "INSERT", "DELETE", "UPDATE", "SELECT",
];
/// Extended permissions and the basic permission each one needs.
pub const EXTEND_AUTHORITIES: [(&str, &str); 3] = [
    ("fulltableSelect", "SELECT"),
    ("fulltableDelete", "DELETE"),
    ("fulltableUpdate", "UPDATE"),
];
const MAX_DESCRIPTION: usize = 256;

/// A DDM error answer: `{"errCode", "externalMessage"}`.
pub(crate) fn error(status: StatusCode, code: &str, message: &str) -> Response {
    json_response(
        status,
        &json!({ "errCode": code, "externalMessage": message }),
    )
}

/// Another operation on the instance is in progress (409, worth retrying).
pub const CODE_IN_PROGRESS: &str = "DBS.200019";

/// Why a request is refused: the status, the `errCode` and the message.
pub(crate) struct Failure(pub StatusCode, pub &'static str, pub String);

impl Failure {
    pub(crate) fn bad(code: &'static str, message: impl Into<String>) -> Self {
        Failure(StatusCode::BAD_REQUEST, code, message.into())
    }
    pub(crate) fn into_response(self) -> Response {
        error(self.0, self.1, &self.2)
    }
}

/// Checks the project in the path against the configuration.
pub(crate) fn check_project(shared: &Shared, project_id: &str) -> Result<(), Failure> {
    if project_id == shared.config.project_id {
        Ok(())
    } else {
        Err(Failure(
            StatusCode::FORBIDDEN,
            CODE_PARAMETER,
            format!("Project ID {project_id} in the URL does not match the project of the token."),
        ))
    }
}

pub(crate) fn path_failure(rejection: PathRejection) -> Failure {
    Failure::bad(CODE_PARAMETER, format!("Parameter error: {rejection}"))
}

pub(crate) fn parse<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<T, Failure> {
    serde_json::from_slice(body)
        .map_err(|e| Failure::bad(CODE_PARAMETER, format!("Parameter error: {e}")))
}

#[derive(Deserialize)]
struct CreateRequest {
    users: Vec<CreateUser>,
}

#[derive(Deserialize)]
struct CreateUser {
    name: String,
    password: String,
    base_authority: Vec<String>,
    extend_authority: Option<Vec<String>>,
    description: Option<String>,
    databases: Option<Vec<DatabaseRef>>,
}

#[derive(Deserialize)]
struct DatabaseRef {
    name: String,
}

#[derive(Deserialize)]
struct UpdateRequest {
    user: UpdateUser,
}

#[derive(Deserialize)]
struct UpdateUser {
    base_authority: Option<Vec<String>>,
    description: Option<String>,
    databases: Option<Vec<DatabaseRef>>,
}

/// 6 to 32 characters, starting with a letter, then letters, digits or underscores.
fn valid_account_name(name: &str) -> bool {
    let len = name.chars().count();
    (6..=32).contains(&len)
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// 1 to 32 characters, starting with a letter, then letters, digits or underscores.
pub(crate) fn valid_admin_name(name: &str) -> bool {
    let len = name.chars().count();
    (1..=32).contains(&len)
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub(crate) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn check_base(base: &[String]) -> Result<(), Failure> {
    if base.is_empty() {
        return Err(Failure::bad(
            CODE_INVALID_BASE_AUTHORITY,
            "At least one basic permission is required.",
        ));
    }
    if let Some(bad) = base
        .iter()
        .find(|b| !BASE_AUTHORITIES.contains(&b.as_str()))
    {
        return Err(Failure::bad(
            CODE_INVALID_BASE_AUTHORITY,
            format!("Invalid basic permission {bad:?}; valid values are {BASE_AUTHORITIES:?}."),
        ));
    }
    Ok(())
}

fn check_extend(extend: &[String], base: &[String]) -> Result<(), Failure> {
    for value in extend {
        let Some((_, needs)) = EXTEND_AUTHORITIES.iter().find(|(e, _)| e == value) else {
            return Err(Failure::bad(
                CODE_INVALID_EXTEND_AUTHORITY,
                format!(
                    "Invalid extended permission {value:?}; valid values are fulltableSelect, fulltableDelete and fulltableUpdate."
                ),
            ));
        };
        if !base.iter().any(|b| b == needs) {
            return Err(Failure::bad(
                CODE_INVALID_EXTEND_AUTHORITY,
                format!("Extended permission {value} needs the basic permission {needs}."),
            ));
        }
    }
    Ok(())
}

fn check_description(description: Option<&str>) -> Result<(), Failure> {
    match description {
        Some(d) if d.chars().count() > MAX_DESCRIPTION => Err(Failure::bad(
            CODE_PARAMETER,
            format!("Parameter error: description exceeds {MAX_DESCRIPTION} characters."),
        )),
        _ => Ok(()),
    }
}

fn database_names(databases: Option<Vec<DatabaseRef>>) -> Result<Option<Vec<String>>, Failure> {
    let Some(databases) = databases else {
        return Ok(None);
    };
    let names: Vec<String> = databases.into_iter().map(|d| d.name).collect();
    if names.iter().any(String::is_empty) {
        return Err(Failure::bad(
            CODE_PARAMETER,
            "Parameter error: database name must not be empty.",
        ));
    }
    Ok(Some(names))
}

fn validate_new(user: CreateUser) -> Result<DdmAccount, Failure> {
    if !valid_account_name(&user.name) {
        return Err(Failure::bad(
            CODE_INVALID_NAME,
            format!(
                "Invalid account name {:?}: 6 to 32 characters, starting with a letter, letters, digits and underscores only.",
                user.name
            ),
        ));
    }
    if user.password.is_empty() {
        return Err(Failure::bad(
            CODE_INVALID_PASSWORD,
            "The password must not be empty.",
        ));
    }
    check_base(&user.base_authority)?;
    let extend = user.extend_authority.unwrap_or_default();
    check_extend(&extend, &user.base_authority)?;
    check_description(user.description.as_deref())?;
    Ok(DdmAccount {
        name: user.name,
        password: user.password,
        base_authority: user.base_authority,
        extend_authority: extend,
        description: user.description.unwrap_or_default(),
        databases: database_names(user.databases)?.unwrap_or_default(),
        created_ms: now_ms(),
        password_changed_ms: now_ms(),
    })
}

pub(crate) async fn create_users(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Bytes,
) -> Response {
    match create_users_inner(&shared, path, &body) {
        Ok(names) => {
            let users: Vec<_> = names
                .into_iter()
                .map(|name| json!({ "name": name }))
                .collect();
            json_response(StatusCode::OK, &json!({ "users": users }))
        }
        Err(failure) => failure.into_response(),
    }
}

fn create_users_inner(
    shared: &Shared,
    path: Result<Path<(String, String)>, PathRejection>,
    body: &[u8],
) -> Result<Vec<String>, Failure> {
    let Path((project_id, instance_id)) = path.map_err(path_failure)?;
    check_project(shared, &project_id)?;
    let request: CreateRequest = parse(body)?;
    if request.users.is_empty() {
        return Err(Failure::bad(
            CODE_PARAMETER,
            "Parameter error: users must not be empty.",
        ));
    }
    let accounts = request
        .users
        .into_iter()
        .map(validate_new)
        .collect::<Result<Vec<_>, _>>()?;

    let mut seen = HashSet::new();
    if let Some(dup) = accounts.iter().find(|a| !seen.insert(a.name.as_str())) {
        return Err(Failure::bad(
            CODE_ACCOUNT_EXISTS,
            format!(
                "Account {} appears more than once in the request.",
                dup.name
            ),
        ));
    }

    let mut state = shared.lock();
    let instance = state.ddm.entry(instance_id).or_default();
    if let Some(dup) = accounts
        .iter()
        .find(|a| instance.accounts.iter().any(|e| e.name == a.name))
    {
        return Err(Failure::bad(
            CODE_ACCOUNT_EXISTS,
            format!("Account {} already exists.", dup.name),
        ));
    }
    let limit = shared.config.ddm_max_accounts;
    if instance.accounts.len() + accounts.len() > limit {
        return Err(Failure::bad(
            CODE_PARAMETER,
            format!(
                "Account limit reached: an instance holds at most {limit} accounts; it has {} and the request adds {}.",
                instance.accounts.len(),
                accounts.len()
            ),
        ));
    }
    let names = accounts.iter().map(|a| a.name.clone()).collect();
    instance.accounts.extend(accounts);
    Ok(names)
}

pub(crate) async fn update_user(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<(String, String, String)>, PathRejection>,
    body: Bytes,
) -> Response {
    match update_user_inner(&shared, path, &body) {
        Ok(name) => json_response(StatusCode::OK, &json!({ "name": name })),
        Err(failure) => failure.into_response(),
    }
}

fn update_user_inner(
    shared: &Shared,
    path: Result<Path<(String, String, String)>, PathRejection>,
    body: &[u8],
) -> Result<String, Failure> {
    let Path((project_id, instance_id, username)) = path.map_err(path_failure)?;
    check_project(shared, &project_id)?;
    let UpdateRequest { user } = parse(body)?;
    if user.base_authority.is_none() && user.description.is_none() && user.databases.is_none() {
        return Err(Failure::bad(
            CODE_PARAMETER,
            "Parameter error: give at least one of base_authority, description and databases.",
        ));
    }
    if let Some(base) = &user.base_authority {
        check_base(base)?;
    }
    check_description(user.description.as_deref())?;
    let databases = database_names(user.databases)?;

    let mut state = shared.lock();
    let account = state
        .ddm
        .entry(instance_id)
        .or_default()
        .accounts
        .iter_mut()
        .find(|a| a.name == username)
        .ok_or_else(|| {
            Failure::bad(
                CODE_ACCOUNT_NOT_FOUND,
                format!("Account {username} does not exist."),
            )
        })?;
    if let Some(base) = user.base_authority {
        // Extended permissions whose basic permission is taken away go with it.
        account.extend_authority.retain(|e| {
            EXTEND_AUTHORITIES
                .iter()
                .any(|(ext, needs)| ext == e && base.iter().any(|b| b == needs))
        });
        account.base_authority = base;
    }
    if let Some(description) = user.description {
        account.description = description;
    }
    if let Some(databases) = databases {
        account.databases = databases;
    }
    Ok(username)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(valid_account_name("DDMuser1"));
        assert!(valid_account_name("ddmtest"));
        assert!(!valid_account_name("short"));
        assert!(!valid_account_name("1abcdef"));
        assert!(!valid_account_name("abc-def"));
        assert!(!valid_account_name(&"a".repeat(33)));
        assert!(valid_admin_name("root"));
        assert!(!valid_admin_name(""));
    }

    #[test]
    fn extended_permissions_need_their_base() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(check_extend(&s(&["fulltableSelect"]), &s(&["SELECT"])).is_ok());
        assert!(check_extend(&s(&["fulltableDelete"]), &s(&["SELECT"])).is_err());
        assert!(check_extend(&s(&["fulltableAll"]), &s(&["SELECT"])).is_err());
    }
}
