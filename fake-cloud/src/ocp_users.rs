//! OCP: the database users of a tenant beyond creating one: list (`page` from 1 and
//! `size`, with `data.page`), show, delete, change the password, lock, unlock, grant and
//! revoke global privileges, and modify database privileges. The changes answer the
//! envelope without `data`. An unknown user is `60047` (404); OceanBase's built-in users
//! are `60048` (operation not allowed); a privilege that cannot be granted or revoked is
//! `60054`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Extension, Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::http::{RequestCtx, query_int};
use crate::ocp::{
    BUILT_IN_USERS, CODE_ILLEGAL_ARGUMENT, CODE_OPERATION_NOT_ALLOWED, CODE_PRIVILEGE_FAILED,
    CODE_USER_NOT_FOUND, Failure, GLOBAL_PRIVILEGES, ctx_or_new, envelope, path_failure, tenant,
    user_json,
};
use crate::state::{OcpDbPrivilege, OcpUser, Shared};

/// The page size `listDbUsers` answers when none is asked for.
pub const DEFAULT_PAGE_SIZE: i64 = 10;

type UserPath = Result<Path<(String, String, String)>, PathRejection>;
type Ctx = Option<Extension<RequestCtx>>;

fn illegal(message: String) -> Failure {
    Failure::new(StatusCode::BAD_REQUEST, CODE_ILLEGAL_ARGUMENT, message)
}

fn parse<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<T, Failure> {
    serde_json::from_slice(body)
        .map_err(|e| illegal(format!("Illegal argument: request body is not valid: {e}")))
}

/// Runs `change` on the user of the path, once the tenant, the user and that it is not a
/// built-in one are checked; answers the envelope around what `change` returns.
fn with_user(
    shared: &Shared,
    ctx: Ctx,
    path: UserPath,
    change: impl FnOnce(&mut Vec<OcpUser>, usize, i64) -> Result<Option<Value>, Failure>,
) -> Response {
    let ctx = ctx_or_new(ctx);
    let result = (|| {
        let Path((cluster, tenant_id, username)) = path.map_err(path_failure)?;
        let key = tenant(shared, &cluster, &tenant_id)?;
        if BUILT_IN_USERS.contains(&username.as_str()) {
            return Err(Failure::new(
                StatusCode::BAD_REQUEST,
                CODE_OPERATION_NOT_ALLOWED,
                format!("Operation not allowed: {username} is a built-in user."),
            ));
        }
        let mut state = shared.lock();
        let users = state.ocp.entry(key).or_default();
        let index = users
            .iter()
            .position(|u| u.username == username)
            .ok_or_else(|| {
                Failure::new(
                    StatusCode::NOT_FOUND,
                    CODE_USER_NOT_FOUND,
                    format!("User {username} not found in tenant {}.", key.1),
                )
            })?;
        change(users, index, key.1)
    })();
    envelope(&ctx, result)
}

pub(crate) async fn list_db_users(
    State(shared): State<Arc<Shared>>,
    ctx: Ctx,
    path: Result<Path<(String, String)>, PathRejection>,
    uri: Uri,
) -> Response {
    let ctx = ctx_or_new(ctx);
    let result = (|| {
        let Path((cluster, tenant_id)) = path.map_err(path_failure)?;
        let key = tenant(&shared, &cluster, &tenant_id)?;
        let page = query_int(&uri, "page")
            .map_err(|m| illegal(format!("Illegal argument: {m}")))?
            .unwrap_or(1);
        let size = query_int(&uri, "size")
            .map_err(|m| illegal(format!("Illegal argument: {m}")))?
            .unwrap_or(DEFAULT_PAGE_SIZE);
        if page < 1 {
            return Err(illegal(format!(
                "Illegal argument: page starts at 1, not {page}."
            )));
        }
        if size < 1 {
            return Err(illegal(format!(
                "Illegal argument: size must be at least 1, not {size}."
            )));
        }
        let state = shared.lock();
        let users = state.ocp.get(&key).map(Vec::as_slice).unwrap_or_default();
        let skip = usize::try_from((page - 1).saturating_mul(size)).unwrap_or(usize::MAX);
        let contents: Vec<Value> = users
            .iter()
            .skip(skip)
            .take(usize::try_from(size).unwrap_or(usize::MAX))
            .map(|u| user_json(u, key.1))
            .collect();
        let total = users.len() as i64;
        Ok(Some(json!({
            "contents": contents,
            "page": {
                "totalElements": total,
                "totalPages": (total + size - 1) / size,
                "number": page,
                "size": size,
            },
        })))
    })();
    envelope(&ctx, result)
}

pub(crate) async fn get_db_user(
    State(shared): State<Arc<Shared>>,
    ctx: Ctx,
    path: UserPath,
) -> Response {
    with_user(&shared, ctx, path, |users, i, tenant| {
        Ok(Some(user_json(&users[i], tenant)))
    })
}

pub(crate) async fn delete_db_user(
    State(shared): State<Arc<Shared>>,
    ctx: Ctx,
    path: UserPath,
) -> Response {
    with_user(&shared, ctx, path, |users, i, _| {
        users.remove(i);
        Ok(None)
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChangePasswordRequest {
    new_password: Option<String>,
}

pub(crate) async fn change_password(
    State(shared): State<Arc<Shared>>,
    ctx: Ctx,
    path: UserPath,
    body: Bytes,
) -> Response {
    with_user(&shared, ctx, path, |users, i, _| {
        let request: ChangePasswordRequest = parse(&body)?;
        let password = request.new_password.unwrap_or_default();
        if password.is_empty() {
            return Err(
                illegal("Illegal argument: newPassword must not be empty.".into()).with_field(
                    "changePasswordParam",
                    "newPassword",
                    Value::Null,
                ),
            );
        }
        users[i].password = password;
        Ok(None)
    })
}

pub(crate) async fn lock(State(shared): State<Arc<Shared>>, ctx: Ctx, path: UserPath) -> Response {
    with_user(&shared, ctx, path, |users, i, _| {
        users[i].locked = true;
        Ok(None)
    })
}

pub(crate) async fn unlock(
    State(shared): State<Arc<Shared>>,
    ctx: Ctx,
    path: UserPath,
) -> Response {
    with_user(&shared, ctx, path, |users, i, _| {
        users[i].locked = false;
        Ok(None)
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GlobalPrivilegesRequest {
    global_privileges: Vec<String>,
}

fn privilege_failure(message: String) -> Failure {
    Failure::new(StatusCode::BAD_REQUEST, CODE_PRIVILEGE_FAILED, message)
}

fn known_privileges(request: &GlobalPrivilegesRequest) -> Result<(), Failure> {
    match request
        .global_privileges
        .iter()
        .find(|p| !GLOBAL_PRIVILEGES.contains(&p.as_str()))
    {
        Some(unknown) => Err(privilege_failure(format!(
            "Privilege operation failed: {unknown} is not a global privilege."
        ))),
        None => Ok(()),
    }
}

pub(crate) async fn grant_global(
    State(shared): State<Arc<Shared>>,
    ctx: Ctx,
    path: UserPath,
    body: Bytes,
) -> Response {
    with_user(&shared, ctx, path, |users, i, _| {
        let request: GlobalPrivilegesRequest = parse(&body)?;
        known_privileges(&request)?;
        let held = &mut users[i].global_privileges;
        for privilege in request.global_privileges {
            if !held.contains(&privilege) {
                held.push(privilege);
            }
        }
        Ok(None)
    })
}

pub(crate) async fn revoke_global(
    State(shared): State<Arc<Shared>>,
    ctx: Ctx,
    path: UserPath,
    body: Bytes,
) -> Response {
    with_user(&shared, ctx, path, |users, i, _| {
        let request: GlobalPrivilegesRequest = parse(&body)?;
        known_privileges(&request)?;
        let held = &mut users[i].global_privileges;
        if let Some(missing) = request.global_privileges.iter().find(|p| !held.contains(p)) {
            return Err(privilege_failure(format!(
                "Privilege operation failed: the user does not hold {missing}."
            )));
        }
        held.retain(|p| !request.global_privileges.contains(p));
        Ok(None)
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ModifyDbPrivilegeRequest {
    db_privileges: Vec<DbPrivilege>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DbPrivilege {
    db_name: String,
    privileges: Vec<String>,
}

/// Sets the privileges on each database named; an empty list takes them all away.
pub(crate) async fn modify_db_privilege(
    State(shared): State<Arc<Shared>>,
    ctx: Ctx,
    path: UserPath,
    body: Bytes,
) -> Response {
    with_user(&shared, ctx, path, |users, i, _| {
        let request: ModifyDbPrivilegeRequest = parse(&body)?;
        let held = &mut users[i].db_privileges;
        for change in request.db_privileges {
            held.retain(|p| p.db_name != change.db_name);
            if !change.privileges.is_empty() {
                held.push(OcpDbPrivilege {
                    db_name: change.db_name,
                    privileges: change.privileges,
                });
            }
        }
        Ok(None)
    })
}
