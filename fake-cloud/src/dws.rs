//! DWS: the O&M account of a cluster (add, extend, delete, status), and what every DWS
//! handler shares. Database users and roles are in `dws_users.rs`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;

use crate::http::json_response;
use crate::state::{OmUser, OmUserStatus, Shared};

/// Bad parameter (string code, non-200 answers).
pub const CODE_PARAMETER: &str = "DWS.0001";
/// The integer `error_code` of a 200 answer when the validity of an O&M
/// account that is off is to be extended.
pub const ERROR_CODE_OM_USER_OFF: i64 = 1;
/// How long `addOmUser` enables the account, and how much
/// `increaseOmUserPeriod` adds: 8 hours in milliseconds.
pub const OM_USER_PERIOD_MS: i64 = 8 * 60 * 60 * 1000;

/// A DWS error answer with a non-200 status: `{"error_code": "DWS.xxxx", "error_msg"}`.
pub(crate) fn error(status: StatusCode, code: &str, message: &str) -> Response {
    json_response(status, &json!({ "error_code": code, "error_msg": message }))
}

#[derive(Deserialize)]
struct ActionRequest {
    operation: String,
}

enum Action {
    Add,
    Delete,
    Extend,
}

impl Action {
    fn parse(operation: &str) -> Option<Action> {
        match operation {
            "addOmUser" => Some(Action::Add),
            "deleteOmUser" => Some(Action::Delete),
            "increaseOmUserPeriod" => Some(Action::Extend),
            _ => None,
        }
    }
}

/// 8-4-4-4-12 hexadecimal digits.
pub(crate) fn is_uuid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.chars().all(|c| c.is_ascii_hexdigit()))
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn success(user: OmUser) -> Response {
    json_response(
        StatusCode::OK,
        &json!({
            "error_code": 0,
            "error_msg": null,
            "om_user_info": {
                "om_user_status": user.status.as_str(),
                "om_user_expires_time": user.expires_time_ms,
            },
        }),
    )
}

/// Why a request is refused: the status and the message of a `DWS.0001` answer.
pub(crate) struct Refusal(pub StatusCode, pub String);

impl Refusal {
    pub(crate) fn into_response(self) -> Response {
        error(self.0, CODE_PARAMETER, &self.1)
    }
}

/// Checks the project and the cluster id of a request's path.
pub(crate) fn checked_cluster(
    shared: &Shared,
    project_id: &str,
    cluster_id: &str,
) -> Result<(), Refusal> {
    if project_id != shared.config.project_id {
        return Err(Refusal(
            StatusCode::FORBIDDEN,
            format!("Project ID {project_id} in the URL does not match the project of the token."),
        ));
    }
    if !is_uuid(cluster_id) {
        return Err(Refusal(
            StatusCode::BAD_REQUEST,
            format!("Invalid cluster ID {cluster_id:?}: it must be a 36-character UUID."),
        ));
    }
    Ok(())
}

/// The O&M account of a cluster, turned off if its validity ran out.
fn current_om_user(
    users: &mut std::collections::HashMap<String, OmUser>,
    cluster_id: String,
    now: i64,
) -> &mut OmUser {
    let user = users.entry(cluster_id).or_insert(OmUser {
        status: OmUserStatus::Off,
        expires_time_ms: 0,
    });
    if user.status == OmUserStatus::On && user.expires_time_ms <= now {
        user.status = OmUserStatus::Off;
    }
    user
}

pub(crate) async fn om_user_status(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let Ok(Path((project_id, cluster_id))) = path else {
        return error(
            StatusCode::BAD_REQUEST,
            CODE_PARAMETER,
            "Invalid path parameters.",
        );
    };
    if let Err(refusal) = checked_cluster(&shared, &project_id, &cluster_id) {
        return refusal.into_response();
    }
    let mut state = shared.lock();
    success(*current_om_user(&mut state.dws, cluster_id, now_ms()))
}

pub(crate) async fn om_user_action(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Bytes,
) -> Response {
    let Ok(Path((project_id, cluster_id))) = path else {
        return error(
            StatusCode::BAD_REQUEST,
            CODE_PARAMETER,
            "Invalid path parameters.",
        );
    };
    if let Err(refusal) = checked_cluster(&shared, &project_id, &cluster_id) {
        return refusal.into_response();
    }
    let request: ActionRequest = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                CODE_PARAMETER,
                &format!("Invalid request body: {e}"),
            );
        }
    };

    let Some(action) = Action::parse(&request.operation) else {
        return error(
            StatusCode::BAD_REQUEST,
            CODE_PARAMETER,
            &format!(
                "Invalid operation {:?}: use addOmUser, deleteOmUser or increaseOmUserPeriod.",
                request.operation
            ),
        );
    };

    let now = now_ms();
    let mut state = shared.lock();
    let user = current_om_user(&mut state.dws, cluster_id, now);
    match action {
        Action::Add => {
            *user = OmUser {
                status: OmUserStatus::On,
                expires_time_ms: now + OM_USER_PERIOD_MS,
            };
            success(*user)
        }
        Action::Extend => {
            if user.status == OmUserStatus::Off {
                return json_response(
                    StatusCode::OK,
                    &json!({
                        "error_code": ERROR_CODE_OM_USER_OFF,
                        "error_msg": "The O&M account is not enabled; add it before extending its validity period.",
                    }),
                );
            }
            user.expires_time_ms += OM_USER_PERIOD_MS;
            success(*user)
        }
        Action::Delete => {
            if user.status == OmUserStatus::On {
                *user = OmUser {
                    status: OmUserStatus::Off,
                    expires_time_ms: now,
                };
            }
            success(*user)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_check() {
        assert!(is_uuid("e7107fab-cac0-4261-916b-7f32b3053034"));
        assert!(!is_uuid("e7107fab-cac0-4261-916b-7f32b305303"));
        assert!(!is_uuid("e7107fabXcac0-4261-916b-7f32b3053034"));
        assert!(!is_uuid("g7107fab-cac0-4261-916b-7f32b3053034"));
    }
}
