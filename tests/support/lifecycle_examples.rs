//! The valid requests of the account-lifecycle operations (list, show, delete, passwords,
//! locks, privileges, jobs), one function per operation, for the table in
//! `every_operation.rs`.

use generated_client::{Error, ddm, dws, ocp};

use crate::fixtures::{
    DDM_ADMIN_PASSWORD, DDM_INSTANCE, DDM_USER, DWS_CLUSTER, OCP_CLUSTER, OCP_TENANT,
    OCP_USER_PASSWORD,
};
use crate::target::{Target, new_ddm_user};

/// The job id shown when no administrator call left one (a scripted server answers any).
pub const DDM_JOB_ID: &str = "b9e057a0-f0fb-4987-9d21-f3a7550b32e7";
/// The DWS database user the examples create and change.
pub const DWS_DB_USER: &str = "dbuser1";
/// The OCP user the examples create and change.
pub const OCP_DB_USER: &str = "user1";
/// A password DDM's rule accepts, other than the one the account was created with.
pub const DDM_RESET_PASSWORD: &str = "Axejs@98a-reset";

pub async fn ddm_create_users(target: &Target) -> Result<(), Error> {
    target
        .ddm()?
        .create_users(DDM_INSTANCE, &new_ddm_user())
        .await
        .map(drop)
}

pub async fn ddm_list_users(target: &Target) -> Result<(), Error> {
    target
        .ddm()?
        .list_users(DDM_INSTANCE)
        .offset(0)
        .limit(10)
        .await
        .map(drop)
}

pub async fn ddm_delete_user(target: &Target) -> Result<(), Error> {
    target
        .ddm()?
        .delete_user(DDM_INSTANCE, DDM_USER)
        .await
        .map(drop)
}

pub async fn ddm_reset_user_password(target: &Target) -> Result<(), Error> {
    let body = ddm::ResetUserPasswordRequest {
        password: DDM_RESET_PASSWORD.into(),
    };
    target
        .ddm()?
        .reset_user_password(DDM_INSTANCE, DDM_USER, &body)
        .await
        .map(drop)
}

/// Sets the administrator password and keeps the job id for [`ddm_show_job`].
pub async fn ddm_start_job(target: &Target) -> Result<(), Error> {
    let body = ddm::AdminUserRequest {
        name: "admin_user".into(),
        password: DDM_ADMIN_PASSWORD.into(),
    };
    let answer = target
        .ddm()?
        .manage_admin_password(DDM_INSTANCE, &body)
        .await?;
    if let Some(id) = answer.job_id {
        *target.job_id.lock().unwrap_or_else(|e| e.into_inner()) = Some(id);
    }
    Ok(())
}

pub async fn ddm_show_job(target: &Target) -> Result<(), Error> {
    let id = target
        .job_id
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
        .unwrap_or_else(|| DDM_JOB_ID.to_string());
    target.ddm()?.show_job(&id).await.map(drop)
}

pub async fn dws_show_om_user_status(target: &Target) -> Result<(), Error> {
    target
        .dws()?
        .show_om_user_status(DWS_CLUSTER)
        .await
        .map(drop)
}

pub async fn dws_create_database_user(target: &Target) -> Result<(), Error> {
    let body = dws::UserAuthorityReq {
        name: DWS_DB_USER.into(),
        type_: dws::DatabaseUserKind::User,
        login: Some(true),
        password: Some(OCP_USER_PASSWORD.into()),
        system_admin: None,
        logical_cluster: None,
        password_disable: None,
        create_role: None,
        create_db: Some(true),
        inherit: None,
        conn_limit: None,
        grant_members: None,
        grant_list: None,
        desc: Some("made by a test".into()),
    };
    target
        .dws()?
        .create_database_user(DWS_CLUSTER, &body)
        .await
        .map(drop)
}

pub async fn dws_list_database_users(target: &Target) -> Result<(), Error> {
    target
        .dws()?
        .list_database_users(DWS_CLUSTER)
        .offset(0)
        .limit(10)
        .await
        .map(drop)
}

pub async fn dws_show_database_user(target: &Target) -> Result<(), Error> {
    target
        .dws()?
        .show_database_user(DWS_CLUSTER, DWS_DB_USER)
        .await
        .map(drop)
}

pub async fn dws_update_database_user(target: &Target) -> Result<(), Error> {
    let body = dws::DatabaseUserInfoReq {
        conn_limit: Some(10),
        ..Default::default()
    };
    target
        .dws()?
        .update_database_user(DWS_CLUSTER, DWS_DB_USER, &body)
        .await
        .map(drop)
}

pub async fn dws_delete_database_user(target: &Target) -> Result<(), Error> {
    target
        .dws()?
        .delete_database_user(DWS_CLUSTER, DWS_DB_USER)
        .await
        .map(drop)
}

pub async fn ocp_list_db_users(target: &Target) -> Result<(), Error> {
    target
        .ocp()?
        .list_db_users(OCP_CLUSTER, OCP_TENANT)
        .page(1)
        .size(10)
        .await
        .map(drop)
}

pub async fn ocp_get_db_user(target: &Target) -> Result<(), Error> {
    target
        .ocp()?
        .get_db_user(OCP_CLUSTER, OCP_TENANT, OCP_DB_USER)
        .await
        .map(drop)
}

pub async fn ocp_delete_db_user(target: &Target) -> Result<(), Error> {
    target
        .ocp()?
        .delete_db_user(OCP_CLUSTER, OCP_TENANT, OCP_DB_USER)
        .await
}

pub async fn ocp_change_password(target: &Target) -> Result<(), Error> {
    let body = ocp::ChangeDbUserPasswordRequest {
        new_password: "Ocp#db-user-pw2".into(),
        save_to_credential: None,
    };
    target
        .ocp()?
        .change_db_user_password(OCP_CLUSTER, OCP_TENANT, OCP_DB_USER, &body)
        .await
}

pub async fn ocp_lock(target: &Target) -> Result<(), Error> {
    target
        .ocp()?
        .lock_db_user(OCP_CLUSTER, OCP_TENANT, OCP_DB_USER)
        .await
}

pub async fn ocp_unlock(target: &Target) -> Result<(), Error> {
    target
        .ocp()?
        .unlock_db_user(OCP_CLUSTER, OCP_TENANT, OCP_DB_USER)
        .await
}

fn select() -> ocp::GlobalPrivilegesRequest {
    ocp::GlobalPrivilegesRequest {
        global_privileges: vec!["SELECT".into()],
    }
}

pub async fn ocp_grant_global(target: &Target) -> Result<(), Error> {
    target
        .ocp()?
        .grant_global_privilege(OCP_CLUSTER, OCP_TENANT, OCP_DB_USER, &select())
        .await
}

/// Revokes `SELECT`, which the user of the create example holds.
pub async fn ocp_revoke_global(target: &Target) -> Result<(), Error> {
    target
        .ocp()?
        .revoke_global_privilege(OCP_CLUSTER, OCP_TENANT, OCP_DB_USER, &select())
        .await
}

pub async fn ocp_modify_db_privilege(target: &Target) -> Result<(), Error> {
    let body = ocp::ModifyDbPrivilegeRequest {
        db_privileges: vec![ocp::DbPrivilege {
            db_name: "db1".into(),
            privileges: vec!["SELECT".into(), "INSERT".into()],
        }],
    };
    target
        .ocp()?
        .modify_db_privilege(OCP_CLUSTER, OCP_TENANT, OCP_DB_USER, &body)
        .await
}
