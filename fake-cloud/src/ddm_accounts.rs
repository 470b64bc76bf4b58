//! DDM: listing the accounts of an instance (offset/limit), deleting one, and resetting
//! an account's password (v2).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::ddm::{
    CODE_ACCOUNT_NOT_FOUND, CODE_INVALID_PASSWORD, CODE_PARAMETER, Failure, check_project, now_ms,
    parse, path_failure,
};
use crate::http::{json_response, query_int};
use crate::state::{DdmAccount, Shared};

/// The largest page `listUsers` answers, and its default.
pub const MAX_LIST_LIMIT: i64 = 128;
/// The specials a DDM password may use (the pages' list).
pub const PASSWORD_SPECIALS: &str = "~!@#%^*-_+?";

fn not_found(username: &str) -> Failure {
    Failure::bad(
        CODE_ACCOUNT_NOT_FOUND,
        format!("Account {username} does not exist."),
    )
}

/// `offset` and `limit` from the query, checked as the service checks them.
fn page_window(uri: &Uri) -> Result<(usize, usize), Failure> {
    let bad = |message: String| Failure::bad(CODE_PARAMETER, format!("Parameter error: {message}"));
    let offset = query_int(uri, "offset").map_err(bad)?.unwrap_or(0);
    let limit = query_int(uri, "limit")
        .map_err(bad)?
        .unwrap_or(MAX_LIST_LIMIT);
    if offset < 0 {
        return Err(bad(format!("offset must be 0 or more, not {offset}.")));
    }
    if !(1..=MAX_LIST_LIMIT).contains(&limit) {
        return Err(bad(format!(
            "limit must be 1 to {MAX_LIST_LIMIT}, not {limit}."
        )));
    }
    // Both fit: offset is non-negative, limit at most 128.
    Ok((offset as usize, limit as usize))
}

fn account_json(account: &DdmAccount) -> Value {
    let databases: Vec<Value> = account
        .databases
        .iter()
        .map(|name| json!({ "name": name, "description": "" }))
        .collect();
    json!({
        "name": account.name,
        "status": "RUNNING",
        "base_authority": account.base_authority,
        "extend_authority": account.extend_authority,
        "description": account.description,
        "created": account.created_ms,
        "password_last_changed": account.password_changed_ms,
        "databases": databases,
    })
}

pub(crate) async fn list_users(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<(String, String)>, PathRejection>,
    uri: Uri,
) -> Response {
    match list_users_inner(&shared, path, &uri) {
        Ok(body) => json_response(StatusCode::OK, &body),
        Err(failure) => failure.into_response(),
    }
}

fn list_users_inner(
    shared: &Shared,
    path: Result<Path<(String, String)>, PathRejection>,
    uri: &Uri,
) -> Result<Value, Failure> {
    let Path((project_id, instance_id)) = path.map_err(path_failure)?;
    check_project(shared, &project_id)?;
    let (offset, limit) = page_window(uri)?;
    let state = shared.lock();
    let accounts = state
        .ddm
        .get(&instance_id)
        .map(|instance| instance.accounts.as_slice())
        .unwrap_or_default();
    let users: Vec<Value> = accounts
        .iter()
        .skip(offset)
        .take(limit)
        .map(account_json)
        .collect();
    let total = accounts.len();
    Ok(json!({
        "users": users,
        "page_no": offset / limit + 1,
        "page_size": limit,
        "total_record": total,
        "total_page": total.div_ceil(limit),
    }))
}

pub(crate) async fn delete_user(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<(String, String, String)>, PathRejection>,
) -> Response {
    match delete_user_inner(&shared, path) {
        Ok(name) => json_response(StatusCode::OK, &json!({ "name": name })),
        Err(failure) => failure.into_response(),
    }
}

fn delete_user_inner(
    shared: &Shared,
    path: Result<Path<(String, String, String)>, PathRejection>,
) -> Result<String, Failure> {
    let Path((project_id, instance_id, username)) = path.map_err(path_failure)?;
    check_project(shared, &project_id)?;
    let mut state = shared.lock();
    let accounts = &mut state.ddm.entry(instance_id).or_default().accounts;
    let index = accounts
        .iter()
        .position(|a| a.name == username)
        .ok_or_else(|| not_found(&username))?;
    accounts.remove(index);
    Ok(username)
}

#[derive(Deserialize)]
struct ResetPasswordRequest {
    password: String,
}

/// The documented password rule: 8 to 32 characters, at least three of upper case, lower
/// case, digits and [`PASSWORD_SPECIALS`], nothing else, and not the account name or the
/// name reversed. `Err` says which part is broken.
pub(crate) fn check_password(password: &str, account: &str) -> Result<(), String> {
    let len = password.chars().count();
    if !(8..=32).contains(&len) {
        return Err(format!("it has {len} characters; 8 to 32 are allowed"));
    }
    if let Some(c) = password
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && !PASSWORD_SPECIALS.contains(*c))
    {
        return Err(format!(
            "{c:?} is not allowed; the specials are {PASSWORD_SPECIALS}"
        ));
    }
    let classes = [
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| PASSWORD_SPECIALS.contains(c)),
    ];
    if classes.iter().filter(|&&has| has).count() < 3 {
        return Err(
            "it needs at least three of upper case, lower case, digits and specials".into(),
        );
    }
    let reversed: String = account.chars().rev().collect();
    if password == account || password == reversed {
        return Err("it must not be the account name or the name reversed".into());
    }
    Ok(())
}

pub(crate) async fn reset_user_password(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<(String, String, String)>, PathRejection>,
    body: Bytes,
) -> Response {
    match reset_password_inner(&shared, path, &body) {
        Ok((instance_id, user_name)) => json_response(
            StatusCode::OK,
            &json!({ "success": true, "instance_id": instance_id, "user_name": user_name }),
        ),
        Err(failure) => failure.into_response(),
    }
}

fn reset_password_inner(
    shared: &Shared,
    path: Result<Path<(String, String, String)>, PathRejection>,
    body: &[u8],
) -> Result<(String, String), Failure> {
    let Path((project_id, instance_id, username)) = path.map_err(path_failure)?;
    check_project(shared, &project_id)?;
    let request: ResetPasswordRequest = parse(body)?;
    let mut state = shared.lock();
    let account = state
        .ddm
        .entry(instance_id.clone())
        .or_default()
        .accounts
        .iter_mut()
        .find(|a| a.name == username)
        .ok_or_else(|| not_found(&username))?;
    check_password(&request.password, &username)
        .map_err(|why| Failure::bad(CODE_INVALID_PASSWORD, format!("Invalid password: {why}.")))?;
    account.password = request.password;
    account.password_changed_ms = now_ms();
    Ok((instance_id, username))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_rule() {
        assert!(check_password("Axejs@98a", "ddmuser").is_ok());
        assert!(check_password("Ab1", "ddmuser").is_err());
        assert!(check_password("abcdefgh1", "ddmuser").is_err());
        assert!(check_password("Abcdefg1=", "ddmuser").is_err());
        assert!(check_password("Ddmuser1", "Ddmuser1").is_err());
        assert!(check_password("1resumdD", "Ddmuser1").is_err());
    }
}
