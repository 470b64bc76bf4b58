//! OCP: OCP's JSON envelope, what every OCP handler shares, and creating a database user.
//! The other user operations are in `ocp_users.rs`.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::SecondsFormat;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::http::{RequestCtx, json_response};
use crate::ids;
use crate::state::{OcpDbPrivilege, OcpUser, Shared};

pub const CODE_ILLEGAL_ARGUMENT: i64 = 10001;
pub const CODE_NOT_FOUND: i64 = 10002;
pub const CODE_NOT_AUTHENTICATED: i64 = 30000;
pub const CODE_BAD_CREDENTIALS: i64 = 30004;
pub const CODE_INVALID_USERNAME: i64 = 60045;
pub const CODE_USER_EXISTS: i64 = 60046;
pub const CODE_USER_NOT_FOUND: i64 = 60047;
/// Refused on a built-in user ([`BUILT_IN_USERS`]).
pub const CODE_OPERATION_NOT_ALLOWED: i64 = 60048;
/// A privilege that is not one of [`GLOBAL_PRIVILEGES`], or revoking one the user lacks.
pub const CODE_PRIVILEGE_FAILED: i64 = 60054;
/// OceanBase's own users of a tenant: they cannot be created, changed or deleted here.
pub const BUILT_IN_USERS: [&str; 3] = ["root", "sys", "proxyro"];
/// The global privileges the fake grants (OceanBase's MySQL-mode list).
pub const GLOBAL_PRIVILEGES: [&str; 16] = [
    "ALTER",
    "CREATE",
    "DELETE",
    "DROP",
    "INSERT",
    "SELECT",
    "UPDATE",
    "INDEX",
    "CREATE_VIEW",
    "SHOW_VIEW",
    "CREATE_USER",
    "PROCESS",
    "SUPER",
    "SHOW_DATABASES",
    "GRANT_OPTION",
    "CREATE_SYNONYM",
];
/// The `server` field of every envelope.
pub const SERVER: &str = "fake-ocp";

pub(crate) fn timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(SecondsFormat::Millis, false)
}

pub(crate) fn elapsed_ms(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// The error envelope as JSON.
pub(crate) fn error_envelope_json(
    status: u16,
    code: i64,
    message: &str,
    trace_id: &str,
    duration_ms: u64,
    sub_errors: Option<Vec<Value>>,
) -> Value {
    let mut error = json!({ "code": code, "message": message });
    if let Some(sub_errors) = sub_errors {
        error["subErrors"] = Value::Array(sub_errors);
    }
    json!({
        "successful": false,
        "timestamp": timestamp(),
        "duration": duration_ms,
        "status": status,
        "traceId": trace_id,
        "server": SERVER,
        "error": error,
    })
}

/// An error answer: the envelope with `successful: false` and this HTTP status.
pub(crate) fn error_response(
    status: StatusCode,
    code: i64,
    message: &str,
    trace_id: &str,
    started: Instant,
    sub_errors: Option<Vec<Value>>,
) -> Response {
    let body = error_envelope_json(
        status.as_u16(),
        code,
        message,
        trace_id,
        elapsed_ms(started),
        sub_errors,
    );
    json_response(status, &body)
}

/// A field error for `subErrors`.
fn sub_error(object: &str, field: &str, rejected: Value, message: &str) -> Value {
    json!({ "object": object, "field": field, "rejectedValue": rejected, "message": message })
}

pub(crate) fn ctx_or_new(ctx: Option<Extension<RequestCtx>>) -> RequestCtx {
    ctx.map(|Extension(ctx)| ctx).unwrap_or_else(|| RequestCtx {
        id: ids::hex16(),
        started: Instant::now(),
    })
}

pub(crate) async fn not_found(ctx: Option<Extension<RequestCtx>>) -> Response {
    let ctx = ctx_or_new(ctx);
    error_response(
        StatusCode::NOT_FOUND,
        CODE_NOT_FOUND,
        "No such API.",
        &ctx.id,
        ctx.started,
        None,
    )
}

pub(crate) async fn method_not_allowed(ctx: Option<Extension<RequestCtx>>) -> Response {
    let ctx = ctx_or_new(ctx);
    error_response(
        StatusCode::METHOD_NOT_ALLOWED,
        CODE_ILLEGAL_ARGUMENT,
        "Request method not supported.",
        &ctx.id,
        ctx.started,
        None,
    )
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateRequest {
    username: Option<String>,
    password: Option<String>,
    global_privileges: Option<Vec<String>>,
    db_privileges: Option<Vec<DbPrivilege>>,
    roles: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DbPrivilege {
    db_name: String,
    privileges: Vec<String>,
}

/// 1 to 64 characters, starting with a letter, then letters, digits or underscores.
fn valid_username(name: &str) -> bool {
    let len = name.chars().count();
    (1..=64).contains(&len)
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Why a request is refused, as the error envelope says it.
pub(crate) struct Failure {
    status: StatusCode,
    code: i64,
    message: String,
    sub_errors: Option<Vec<Value>>,
}

impl Failure {
    pub(crate) fn new(status: StatusCode, code: i64, message: impl Into<String>) -> Self {
        Failure {
            status,
            code,
            message: message.into(),
            sub_errors: None,
        }
    }

    pub(crate) fn with_field(mut self, object: &str, field: &str, rejected: Value) -> Self {
        let sub = sub_error(object, field, rejected, &self.message);
        self.sub_errors = Some(vec![sub]);
        self
    }
}

/// The answer to a request: the success envelope around `data` (left out when `None`,
/// as OCP's acknowledgements do), or the error envelope.
pub(crate) fn envelope(ctx: &RequestCtx, result: Result<Option<Value>, Failure>) -> Response {
    match result {
        Ok(data) => {
            let mut body = json!({
                "successful": true,
                "timestamp": timestamp(),
                "duration": elapsed_ms(ctx.started),
                "status": 200,
                "traceId": ctx.id,
                "server": SERVER,
            });
            if let Some(data) = data {
                body["data"] = data;
            }
            json_response(StatusCode::OK, &body)
        }
        Err(f) => error_response(
            f.status,
            f.code,
            &f.message,
            &ctx.id,
            ctx.started,
            f.sub_errors,
        ),
    }
}

/// The tenant of a request's path, which must be one of the configuration's.
pub(crate) fn tenant(shared: &Shared, cluster: &str, tenant: &str) -> Result<(i64, i64), Failure> {
    let cluster = parse_id(cluster, "id")?;
    let tenant = parse_id(tenant, "tenantId")?;
    if !shared.config.ocp_tenants.contains(&(cluster, tenant)) {
        return Err(Failure::new(
            StatusCode::NOT_FOUND,
            CODE_NOT_FOUND,
            format!("Tenant {tenant} of cluster {cluster} not found."),
        ));
    }
    Ok((cluster, tenant))
}

/// A path that does not fit the route.
pub(crate) fn path_failure(e: PathRejection) -> Failure {
    Failure::new(
        StatusCode::BAD_REQUEST,
        CODE_ILLEGAL_ARGUMENT,
        format!("Illegal argument: {e}"),
    )
}

pub(crate) async fn create_db_user(
    State(shared): State<Arc<Shared>>,
    ctx: Option<Extension<RequestCtx>>,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Bytes,
) -> Response {
    let ctx = ctx_or_new(ctx);
    envelope(&ctx, create_db_user_inner(&shared, path, &body).map(Some))
}

fn parse_id(value: &str, field: &str) -> Result<i64, Failure> {
    value.parse::<i64>().map_err(|_| {
        Failure::new(
            StatusCode::BAD_REQUEST,
            CODE_ILLEGAL_ARGUMENT,
            format!("Illegal argument: {field} must be an integer."),
        )
        .with_field("path", field, json!(value))
    })
}

fn create_db_user_inner(
    shared: &Shared,
    path: Result<Path<(String, String)>, PathRejection>,
    body: &[u8],
) -> Result<Value, Failure> {
    let Path((cluster, tenant_id)) = path.map_err(path_failure)?;
    let (cluster, tenant) = tenant(shared, &cluster, &tenant_id)?;
    let request: CreateRequest = serde_json::from_slice(body).map_err(|e| {
        Failure::new(
            StatusCode::BAD_REQUEST,
            CODE_ILLEGAL_ARGUMENT,
            format!("Illegal argument: request body is not valid: {e}"),
        )
    })?;
    let username = request.username.unwrap_or_default();
    if !valid_username(&username) {
        return Err(Failure::new(
            StatusCode::BAD_REQUEST,
            CODE_INVALID_USERNAME,
            format!(
                "Invalid user name {username:?}: 1 to 64 characters, starting with a letter, letters, digits and underscores only."
            ),
        )
        .with_field("createDbUserParam", "username", json!(username)));
    }
    if BUILT_IN_USERS.contains(&username.as_str()) {
        return Err(Failure::new(
            StatusCode::BAD_REQUEST,
            CODE_OPERATION_NOT_ALLOWED,
            format!("Operation not allowed: {username} is a built-in user."),
        ));
    }
    let password = request.password.unwrap_or_default();
    if password.is_empty() {
        return Err(Failure::new(
            StatusCode::BAD_REQUEST,
            CODE_ILLEGAL_ARGUMENT,
            "Illegal argument: password must not be empty.",
        )
        .with_field("createDbUserParam", "password", Value::Null));
    }
    let db_privileges: Vec<OcpDbPrivilege> = request
        .db_privileges
        .unwrap_or_default()
        .into_iter()
        .map(|p| OcpDbPrivilege {
            db_name: p.db_name,
            privileges: p.privileges,
        })
        .collect();
    let user = OcpUser {
        username,
        password,
        global_privileges: request.global_privileges.unwrap_or_default(),
        db_privileges,
        roles: request.roles.unwrap_or_default(),
        create_time: chrono::Utc::now().to_rfc3339_opts(SecondsFormat::Micros, false),
        locked: false,
    };

    let mut state = shared.lock();
    let users = state.ocp.entry((cluster, tenant)).or_default();
    if users.iter().any(|u| u.username == user.username) {
        return Err(Failure::new(
            StatusCode::BAD_REQUEST,
            CODE_USER_EXISTS,
            format!("User {} already exists in tenant {tenant}.", user.username),
        )
        .with_field("createDbUserParam", "username", json!(user.username)));
    }
    let data = user_json(&user, tenant);
    users.push(user);
    Ok(data)
}

/// The user record of a success answer.
pub(crate) fn user_json(user: &OcpUser, tenant: i64) -> Value {
    let db_privileges: Vec<Value> = user
        .db_privileges
        .iter()
        .map(|p| json!({ "dbName": p.db_name, "privileges": p.privileges }))
        .collect();
    let accessible: Vec<&str> = user
        .db_privileges
        .iter()
        .map(|p| p.db_name.as_str())
        .collect();
    let mut data = json!({
        "username": user.username,
        "globalPrivileges": user.global_privileges,
        "dbPrivileges": db_privileges,
        "isLocked": user.locked,
        "createTime": user.create_time,
        "connectionStrings": [{
            "connectionStringType": "DIRECT",
            "connectionString": format!("obclient -h127.0.0.1 -P2881 -u{}@tenant{tenant} -p", user.username),
        }],
        "accessibleDatabases": accessible,
    });
    // The page types `grantedRoles` as one String, not a list: the roles, comma-separated.
    if !user.roles.is_empty() {
        data["grantedRoles"] = json!(user.roles.join(","));
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        assert!(valid_username("user1"));
        assert!(!valid_username(""));
        assert!(!valid_username("1user"));
        assert!(!valid_username("bad name"));
        assert!(!valid_username(&"u".repeat(65)));
    }

    #[test]
    fn envelope_shape() {
        let v = error_envelope_json(404, CODE_NOT_FOUND, "x", "0123456789abcdef", 3, None);
        assert_eq!(v["successful"], false);
        assert_eq!(v["error"]["code"], 10002);
        assert_eq!(v["server"], SERVER);
        assert!(v["error"].get("subErrors").is_none());
    }
}
