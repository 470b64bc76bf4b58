//! The account lifecycle on each system, as a user walks it: create, list every account
//! (a paginator: as many pages as it takes), change, reset the password, delete; on DWS the
//! O&M account and a database user; on OCP locks, privileges and passwords.

use futures::TryStreamExt;
use generated_client::{ddm, dws, ocp};
use serde_json::json;

use crate::ids::{CLUSTER, INSTANCE, OCP_CLUSTER, OCP_TENANT};
use crate::step::{Demo, Expect, body};

/// The names of every DDM account, read with `list_users(..).items()`, two a page.
async fn all_ddm_names(ddm: &ddm::Client) -> Result<Vec<String>, generated_client::Error> {
    ddm.list_users(INSTANCE)
        .limit(2)
        .items()
        .map_ok(|account| account.name.unwrap_or_default())
        .try_collect()
        .await
}

pub async fn ddm(demo: &mut Demo<'_>, ddm: &ddm::Client) -> Result<(), String> {
    println!("== DDM: the account lifecycle\n");
    let create: ddm::CreateUsersRequest = body(json!({"users": [
        {"name": "DDMlife1", "password": "Axejs@98a", "base_authority": ["SELECT"]},
        {"name": "DDMlife2", "password": "Axejs@98b", "base_authority": ["SELECT", "INSERT"]}
    ]}))?;
    demo.step(
        "DDM create_users: two more accounts",
        &create,
        Expect::Success,
        ddm.create_users(INSTANCE, &create),
    )
    .await;
    // DDMuser1 and the two new ones: a page of two, then a page of one that reaches the total.
    demo.step(
        "DDM list_users(..).limit(2).items(): every account, page by page (offset 0, then 2)",
        &"limit 2",
        Expect::SuccessIn(2),
        all_ddm_names(ddm),
    )
    .await;
    let update: ddm::UpdateUserRequest =
        body(json!({"user": {"base_authority": ["SELECT", "UPDATE"], "description": "modified"}}))?;
    demo.step(
        "DDM update_user: modify DDMlife1",
        &update,
        Expect::Success,
        ddm.update_user(INSTANCE, "DDMlife1", &update),
    )
    .await;
    let reset: ddm::ResetUserPasswordRequest = body(json!({"password": "Newpass@2024"}))?;
    demo.step(
        "DDM reset_user_password: a new password for DDMlife1 (V2)",
        &reset,
        Expect::Success,
        ddm.reset_user_password(INSTANCE, "DDMlife1", &reset),
    )
    .await;
    demo.step(
        "DDM delete_user: delete DDMlife2",
        &"DDMlife2",
        Expect::Success,
        ddm.delete_user(INSTANCE, "DDMlife2"),
    )
    .await;
    demo.step(
        "DDM list_users(..).items() again: DDMlife2 is gone (one page of two reaches the total)",
        &"limit 2",
        Expect::SuccessIn(1),
        all_ddm_names(ddm),
    )
    .await;
    Ok(())
}

pub async fn dws(demo: &mut Demo<'_>, dws: &dws::Client) -> Result<(), String> {
    println!("== DWS: the O&M account and a database user\n");
    let add: dws::OmUserActionRequest = body(json!({"operation": "addOmUser"}))?;
    demo.step(
        "DWS om_user_action addOmUser: turn the O&M account on",
        &add,
        Expect::Success,
        dws.om_user_action(CLUSTER, &add),
    )
    .await;
    demo.step(
        "DWS show_om_user_status: on, with its expiry",
        &CLUSTER,
        Expect::Success,
        dws.show_om_user_status(CLUSTER),
    )
    .await;
    let extend: dws::OmUserActionRequest = body(json!({"operation": "increaseOmUserPeriod"}))?;
    demo.step(
        "DWS om_user_action increaseOmUserPeriod: extend it",
        &extend,
        Expect::Success,
        dws.om_user_action(CLUSTER, &extend),
    )
    .await;
    let delete: dws::OmUserActionRequest = body(json!({"operation": "deleteOmUser"}))?;
    demo.step(
        "DWS om_user_action deleteOmUser: turn it off",
        &delete,
        Expect::Success,
        dws.om_user_action(CLUSTER, &delete),
    )
    .await;

    let user: dws::UserAuthorityReq = body(json!({
        "name": "report_user", "type": "user", "login": true, "password": "Dws@pass123"
    }))?;
    demo.step(
        "DWS create_database_user: report_user",
        &user,
        Expect::Success,
        dws.create_database_user(CLUSTER, &user),
    )
    .await;
    // The service's page size of 1000 is more than there are: one short page is the last.
    demo.step(
        "DWS list_database_users(..).items(): every user (page 0 of 1000)",
        &CLUSTER,
        Expect::SuccessIn(1),
        dws.list_database_users(CLUSTER)
            .items()
            .map_ok(|user| user.name.unwrap_or_default())
            .try_collect::<Vec<_>>(),
    )
    .await;
    let change: dws::DatabaseUserInfoReq = body(json!({"conn_limit": 10, "createdb": true}))?;
    demo.step(
        "DWS update_database_user: a connection limit and CREATEDB",
        &change,
        Expect::Success,
        dws.update_database_user(CLUSTER, "report_user", &change),
    )
    .await;
    demo.step(
        "DWS delete_database_user: report_user",
        &"report_user",
        Expect::Success,
        dws.delete_database_user(CLUSTER, "report_user"),
    )
    .await;
    Ok(())
}

pub async fn ocp(demo: &mut Demo<'_>, ocp: &ocp::Client) -> Result<(), String> {
    println!("== OCP: a database user's lifecycle\n");
    let user: ocp::CreateDbUserRequest = body(json!({
        "username": "life_user", "password": "Pass@word3", "globalPrivileges": ["SELECT"]
    }))?;
    demo.step(
        "OCP create_db_user: life_user",
        &user,
        Expect::Success,
        ocp.create_db_user(OCP_CLUSTER, OCP_TENANT, &user),
    )
    .await;
    // user1, user2 and life_user: page 1 of two, page 2 of one (the total is 3).
    demo.step(
        "OCP list_db_users(..).size(2).items(): every user, pages 1 and 2",
        &"size 2",
        Expect::SuccessIn(2),
        ocp.list_db_users(OCP_CLUSTER, OCP_TENANT)
            .size(2)
            .items()
            .map_ok(|user| user.username.unwrap_or_default())
            .try_collect::<Vec<_>>(),
    )
    .await;
    demo.step(
        "OCP lock_db_user: life_user",
        &"life_user",
        Expect::Success,
        ocp.lock_db_user(OCP_CLUSTER, OCP_TENANT, "life_user"),
    )
    .await;
    demo.step(
        "OCP unlock_db_user: life_user",
        &"life_user",
        Expect::Success,
        ocp.unlock_db_user(OCP_CLUSTER, OCP_TENANT, "life_user"),
    )
    .await;
    let grant: ocp::GlobalPrivilegesRequest =
        body(json!({"globalPrivileges": ["INSERT", "UPDATE"]}))?;
    demo.step(
        "OCP grant_global_privilege: INSERT and UPDATE",
        &grant,
        Expect::Success,
        ocp.grant_global_privilege(OCP_CLUSTER, OCP_TENANT, "life_user", &grant),
    )
    .await;
    let password: ocp::ChangeDbUserPasswordRequest = body(json!({"newPassword": "Pass@word4"}))?;
    demo.step(
        "OCP change_db_user_password: a new password",
        &password,
        Expect::Success,
        ocp.change_db_user_password(OCP_CLUSTER, OCP_TENANT, "life_user", &password),
    )
    .await;
    demo.step(
        "OCP delete_db_user: life_user",
        &"life_user",
        Expect::Success,
        ocp.delete_db_user(OCP_CLUSTER, OCP_TENANT, "life_user"),
    )
    .await;
    Ok(())
}
