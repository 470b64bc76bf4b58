//! DDM: the administrator of an instance (V3) and the jobs that set its password. A job
//! answers `Running` to [`crate::FakeConfig::ddm_job_polls`] `showJob` calls, then ends
//! `Completed` (and the password is set) or `Failed` (and nothing changes), as
//! [`crate::FakeConfig::ddm_job_succeeds`] says. While a job of an instance runs, another
//! administrator call on it is refused with `DBS.200019` (another operation in progress).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::SecondsFormat;
use serde::Deserialize;
use serde_json::json;

use crate::ddm::{
    CODE_IN_PROGRESS, CODE_INVALID_PASSWORD, CODE_PARAMETER, Failure, check_project, parse,
    path_failure, valid_admin_name,
};
use crate::http::json_response;
use crate::ids;
use crate::state::{DdmAdmin, DdmJob, DdmJobStatus, Shared, State as FakeState};

#[derive(Deserialize)]
struct AdminRequest {
    name: String,
    password: String,
}

fn now_text() -> String {
    chrono::Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(crate) async fn admin_user(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Bytes,
) -> Response {
    match admin_user_inner(&shared, path, &body) {
        Ok(job_id) => json_response(StatusCode::ACCEPTED, &json!({ "job_id": job_id })),
        Err(failure) => failure.into_response(),
    }
}

fn admin_user_inner(
    shared: &Shared,
    path: Result<Path<(String, String)>, PathRejection>,
    body: &[u8],
) -> Result<String, Failure> {
    let Path((project_id, instance_id)) = path.map_err(path_failure)?;
    check_project(shared, &project_id)?;
    let request: AdminRequest = parse(body)?;
    if !valid_admin_name(&request.name) {
        return Err(Failure::bad(
            CODE_PARAMETER,
            format!(
                "Parameter error: invalid administrator name {:?} (1 to 32 characters, starting with a letter, letters, digits and underscores only).",
                request.name
            ),
        ));
    }
    if request.password.is_empty() {
        return Err(Failure::bad(
            CODE_INVALID_PASSWORD,
            "The password must not be empty.",
        ));
    }
    let mut state = shared.lock();
    if let Some(running) = state
        .ddm_jobs
        .values()
        .find(|job| job.instance_id == instance_id && job.status == DdmJobStatus::Running)
    {
        return Err(Failure(
            StatusCode::CONFLICT,
            CODE_IN_PROGRESS,
            format!(
                "Another operation is in progress on this instance (job {}).",
                running.id
            ),
        ));
    }
    let instance = state.ddm.entry(instance_id.clone()).or_default();
    if let Some(admin) = &instance.admin
        && admin.name != request.name
    {
        return Err(Failure::bad(
            CODE_PARAMETER,
            format!(
                "Parameter error: the administrator of this instance is {}, not {}.",
                admin.name, request.name
            ),
        ));
    }
    let job = DdmJob {
        id: ids::uuid_v4(),
        instance_id,
        status: DdmJobStatus::Running,
        polls_left: shared.config.ddm_job_polls,
        admin_name: request.name,
        admin_password: request.password,
        created_time: now_text(),
        end_time: None,
    };
    let id = job.id.clone();
    state.ddm_jobs.insert(id.clone(), job);
    if shared.config.ddm_job_polls == 0 {
        finish(&mut state, &id, shared.config.ddm_job_succeeds);
    }
    Ok(id)
}

/// Ends a running job: a completed one sets the administrator's password.
fn finish(state: &mut FakeState, job_id: &str, succeeds: bool) {
    let Some(job) = state.ddm_jobs.get_mut(job_id) else {
        return;
    };
    job.status = if succeeds {
        DdmJobStatus::Completed
    } else {
        DdmJobStatus::Failed
    };
    job.end_time = Some(now_text());
    if !succeeds {
        return;
    }
    let job = job.clone();
    let instance = state.ddm.entry(job.instance_id).or_default();
    match &mut instance.admin {
        Some(admin) => {
            admin.password = job.admin_password;
            admin.password_changes += 1;
            admin.job_ids.push(job.id);
        }
        None => {
            instance.admin = Some(DdmAdmin {
                name: job.admin_name,
                password: job.admin_password,
                password_changes: 0,
                job_ids: vec![job.id],
            });
        }
    }
}

pub(crate) async fn show_job(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    // The v3 API answers errors as `{error_code, error_msg}`.
    let v3_error = |failure: Failure| {
        json_response(
            failure.0,
            &json!({ "error_code": failure.1, "error_msg": failure.2 }),
        )
    };
    let Path((project_id, job_id)) = match path.map_err(path_failure) {
        Ok(path) => path,
        Err(failure) => return v3_error(failure),
    };
    if let Err(failure) = check_project(&shared, &project_id) {
        return v3_error(failure);
    }
    let mut state = shared.lock();
    let Some(job) = state.ddm_jobs.get_mut(&job_id) else {
        return v3_error(Failure::bad(
            CODE_PARAMETER,
            format!("Parameter error: job {job_id} does not exist."),
        ));
    };
    if job.status == DdmJobStatus::Running {
        if job.polls_left > 0 {
            job.polls_left -= 1;
        } else {
            finish(&mut state, &job_id, shared.config.ddm_job_succeeds);
        }
    }
    let Some(job) = state.ddm_jobs.get(&job_id) else {
        return v3_error(Failure::bad(CODE_PARAMETER, "Parameter error."));
    };
    let process = match job.status {
        DdmJobStatus::Running => "50%",
        DdmJobStatus::Completed | DdmJobStatus::Failed => "100%",
    };
    json_response(
        StatusCode::OK,
        &json!({
            "job": {
                "id": job.id,
                "name": "ManageAdminPassword",
                "status": job.status.as_str(),
                "created_time": job.created_time,
                "end_time": job.end_time,
                "process": process,
                "instance": { "id": job.instance_id, "name": job.instance_id },
            }
        }),
    )
}
