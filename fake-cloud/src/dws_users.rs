//! DWS: the database users and roles of a cluster: create, list (a page at a time:
//! `offset` is the page number minus 1, `limit` the page size; the answer has no total),
//! show, update and delete. An unknown user is a 404, a name taken a 400, both `DWS.0001`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::dws::{Refusal, checked_cluster};
use crate::http::{json_response, query_int, query_value};
use crate::state::{DwsDbUser, Shared};

/// The page size `listDatabaseUsers` uses when none is given.
pub const DEFAULT_LIST_LIMIT: i64 = 1000;

type Answer = Result<Value, Refusal>;

fn bad(message: String) -> Refusal {
    Refusal(StatusCode::BAD_REQUEST, message)
}

fn not_found(name: &str) -> Refusal {
    Refusal(
        StatusCode::NOT_FOUND,
        format!("Database user or role {name} does not exist."),
    )
}

fn parse<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<T, Refusal> {
    serde_json::from_slice(body).map_err(|e| bad(format!("Invalid request body: {e}")))
}

fn answer(result: Answer) -> Response {
    match result {
        Ok(body) => json_response(StatusCode::OK, &body),
        Err(refusal) => refusal.into_response(),
    }
}

#[derive(Deserialize)]
struct CreateRequest {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    login: Option<bool>,
    password: Option<String>,
    password_disable: Option<bool>,
    system_admin: Option<bool>,
    create_role: Option<bool>,
    create_db: Option<bool>,
    inherit: Option<bool>,
    conn_limit: Option<i32>,
    desc: Option<String>,
}

pub(crate) async fn create_user(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Bytes,
) -> Response {
    answer(create_inner(&shared, path, &body))
}

fn create_inner(
    shared: &Shared,
    path: Result<Path<(String, String)>, PathRejection>,
    body: &[u8],
) -> Answer {
    let Path((project_id, cluster_id)) =
        path.map_err(|_| bad("Invalid path parameters.".into()))?;
    checked_cluster(shared, &project_id, &cluster_id)?;
    let request: CreateRequest = parse(body)?;
    let len = request.name.chars().count();
    if !(1..=128).contains(&len) {
        return Err(bad(format!(
            "Invalid name {:?}: 1 to 128 characters.",
            request.name
        )));
    }
    let is_role = match request.kind.as_str() {
        "user" => false,
        "role" => true,
        other => return Err(bad(format!("Invalid type {other:?}: use user or role."))),
    };
    let login = request.login.unwrap_or(false);
    let needs_password = !is_role && login && request.password_disable != Some(true);
    if needs_password && request.password.as_deref().unwrap_or("").is_empty() {
        return Err(bad(format!(
            "A user that logs in needs a password: {} has none.",
            request.name
        )));
    }
    let mut state = shared.lock();
    let users = state.dws_users.entry(cluster_id).or_default();
    if users.iter().any(|u| u.name == request.name) {
        return Err(bad(format!(
            "Database user or role {} already exists.",
            request.name
        )));
    }
    users.push(DwsDbUser {
        name: request.name,
        is_role,
        login,
        password: request.password,
        createrole: request.create_role.unwrap_or(false),
        createdb: request.create_db.unwrap_or(false),
        systemadmin: request.system_admin.unwrap_or(false),
        inherit: request.inherit.unwrap_or(true),
        lock: false,
        conn_limit: request.conn_limit.unwrap_or(-1),
        desc: request.desc.unwrap_or_default(),
    });
    Ok(json!({}))
}

pub(crate) async fn list_users(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<(String, String)>, PathRejection>,
    uri: Uri,
) -> Response {
    answer(list_inner(&shared, path, &uri))
}

fn list_inner(
    shared: &Shared,
    path: Result<Path<(String, String)>, PathRejection>,
    uri: &Uri,
) -> Answer {
    let Path((project_id, cluster_id)) =
        path.map_err(|_| bad("Invalid path parameters.".into()))?;
    checked_cluster(shared, &project_id, &cluster_id)?;
    let page = query_int(uri, "offset").map_err(bad)?.unwrap_or(0);
    let limit = query_int(uri, "limit")
        .map_err(bad)?
        .unwrap_or(DEFAULT_LIST_LIMIT);
    if page < 0 {
        return Err(bad(format!("offset must be 0 or more, not {page}.")));
    }
    if limit < 1 {
        return Err(bad(format!("limit must be 1 or more, not {limit}.")));
    }
    let want_roles = match query_value(uri, "type") {
        None => None,
        Some("ROLE") => Some(true),
        Some("USER") => Some(false),
        Some(other) => return Err(bad(format!("Invalid type {other:?}: use ROLE or USER."))),
    };
    // Every user the fake knows is an ordinary database user.
    let only_common = match query_value(uri, "user_type") {
        None | Some("COMMON") => false,
        Some("IAM") | Some("OneAccess") => true,
        Some(other) => return Err(bad(format!("Invalid user_type {other:?}."))),
    };
    let state = shared.lock();
    let users: Vec<Value> = state
        .dws_users
        .get(&cluster_id)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter(|u| !only_common && want_roles.is_none_or(|roles| u.is_role == roles))
        .skip(usize::try_from(page.saturating_mul(limit)).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|u| json!({ "name": u.name, "login": u.login, "user_type": "COMMON" }))
        .collect();
    Ok(json!({ "users": users }))
}

fn user_json(user: &DwsDbUser) -> Value {
    json!({
        "name": user.name,
        "login": user.login,
        "createrole": user.createrole,
        "createdb": user.createdb,
        "systemadmin": user.systemadmin,
        "auditadmin": false,
        "inherit": user.inherit,
        "useft": false,
        "conn_limit": user.conn_limit,
        "replication": false,
        "lock": user.lock,
        "desc": user.desc,
        "user_type": "COMMON",
    })
}

pub(crate) async fn show_user(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<(String, String, String)>, PathRejection>,
) -> Response {
    answer((|| {
        let Path((project_id, cluster_id, name)) =
            path.map_err(|_| bad("Invalid path parameters.".into()))?;
        checked_cluster(&shared, &project_id, &cluster_id)?;
        let state = shared.lock();
        state
            .dws_users
            .get(&cluster_id)
            .and_then(|users| users.iter().find(|u| u.name == name))
            .map(user_json)
            .ok_or_else(|| not_found(&name))
    })())
}

#[derive(Deserialize)]
struct UpdateRequest {
    login: Option<bool>,
    createrole: Option<bool>,
    createdb: Option<bool>,
    systemadmin: Option<bool>,
    inherit: Option<bool>,
    conn_limit: Option<i32>,
    lock: Option<bool>,
    desc: Option<String>,
}

pub(crate) async fn update_user(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<(String, String, String)>, PathRejection>,
    body: Bytes,
) -> Response {
    answer((|| {
        let Path((project_id, cluster_id, name)) =
            path.map_err(|_| bad("Invalid path parameters.".into()))?;
        checked_cluster(&shared, &project_id, &cluster_id)?;
        let request: UpdateRequest = parse(&body)?;
        let mut state = shared.lock();
        let user = state
            .dws_users
            .get_mut(&cluster_id)
            .and_then(|users| users.iter_mut().find(|u| u.name == name))
            .ok_or_else(|| not_found(&name))?;
        let set = |target: &mut bool, value: Option<bool>| {
            if let Some(value) = value {
                *target = value;
            }
        };
        set(&mut user.login, request.login);
        set(&mut user.createrole, request.createrole);
        set(&mut user.createdb, request.createdb);
        set(&mut user.systemadmin, request.systemadmin);
        set(&mut user.inherit, request.inherit);
        set(&mut user.lock, request.lock);
        if let Some(limit) = request.conn_limit {
            user.conn_limit = limit;
        }
        if let Some(desc) = request.desc {
            user.desc = desc;
        }
        Ok(json!({}))
    })())
}

pub(crate) async fn delete_user(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<(String, String, String)>, PathRejection>,
) -> Response {
    answer((|| {
        let Path((project_id, cluster_id, name)) =
            path.map_err(|_| bad("Invalid path parameters.".into()))?;
        checked_cluster(&shared, &project_id, &cluster_id)?;
        let mut state = shared.lock();
        let users = state.dws_users.entry(cluster_id).or_default();
        let index = users
            .iter()
            .position(|u| u.name == name)
            .ok_or_else(|| not_found(&name))?;
        users.remove(index);
        Ok(json!({}))
    })())
}
