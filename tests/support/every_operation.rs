//! Every operation of the three generated clients, callable with valid data, so a test
//! can run the same case over all of them: [`EXAMPLES`] holds one valid request per
//! operation of fake-cloud's table, and [`covered_operations`] pairs every operation of
//! the specs in `specs/` with the fake's operation that serves it and its example, naming
//! each one that has none. Shared by the runtime's test files (`#[path] mod every_operation;`).

#![allow(dead_code)] // each test file uses its own part

use fake_cloud::Operation;
use generated_client::{Error, ddm, dws, ocp};
use std::future::Future;
use std::pin::Pin;

use crate::lifecycle_examples::*;
pub use crate::target::{Target, new_ddm_user};

pub use fake_cloud::Operation as Op;

pub use crate::fixtures::{
    DDM_ADMIN_PASSWORD, DDM_INSTANCE, DDM_USER, DDM_USER_PASSWORD, DWS_CLUSTER, OCP_CLUSTER,
    OCP_TENANT, OCP_USER_PASSWORD,
};

/// Whether the operation is idempotent by its method (GET, PUT, DELETE: retried after an
/// answer that may hide work); the specs override no method's default.
pub fn is_idempotent(op: Operation) -> bool {
    matches!(op.method(), "GET" | "PUT" | "DELETE")
}

/// A call in flight; its answer is thrown away.
pub type Called<'a> = Pin<Box<dyn Future<Output = Result<(), Error>> + Send + 'a>>;

/// A call that prepares another (creates the account it changes).
pub type Setup = for<'a> fn(&'a Target) -> Called<'a>;

/// A valid request of one operation, and the smallest answer that means success.
pub struct Example {
    pub operation: Op,
    /// What to call first for the normal answer to be a success (an account must exist to
    /// be changed, a job to be shown).
    pub needs: Option<Setup>,
    /// Calls the operation once with valid data.
    pub call: for<'a> fn(&'a Target) -> Called<'a>,
    /// The status and JSON body of the smallest success answer.
    pub success: fn() -> (u16, serde_json::Value),
}

/// One example per operation of fake-cloud's table; a test over every operation fails,
/// naming it, for an operation missing here.
pub const EXAMPLES: &[Example] = &[
    Example {
        operation: Op::DdmCreateUsers,
        needs: None,
        call: |target| Box::pin(ddm_create_users(target)),
        success: empty_200,
    },
    Example {
        operation: Op::DdmUpdateUser,
        needs: Some(|target| Box::pin(ddm_create_users(target))),
        call: |target| Box::pin(ddm_update_user(target)),
        success: empty_200,
    },
    Example {
        operation: Op::DdmAdminPassword,
        needs: None,
        call: |target| Box::pin(ddm_manage_admin_password(target)),
        success: || (202, serde_json::json!({"job_id": "job-1"})),
    },
    Example {
        operation: Op::DwsOmUserAction,
        needs: None,
        call: |target| Box::pin(dws_om_user_action(target)),
        success: empty_200,
    },
    Example {
        operation: Op::OcpCreateDbUser,
        needs: None,
        call: |target| Box::pin(ocp_create_db_user(target)),
        success: || {
            let body = serde_json::json!({"successful": true, "data": {}, "traceId": "trace-ok"});
            (200, body)
        },
    },
    Example {
        operation: Op::DdmListUsers,
        needs: None,
        call: |target| Box::pin(ddm_list_users(target)),
        success: empty_200,
    },
    Example {
        operation: Op::DdmDeleteUser,
        needs: Some(|target| Box::pin(ddm_create_users(target))),
        call: |target| Box::pin(ddm_delete_user(target)),
        success: empty_200,
    },
    Example {
        operation: Op::DdmResetUserPassword,
        needs: Some(|target| Box::pin(ddm_create_users(target))),
        call: |target| Box::pin(ddm_reset_user_password(target)),
        success: empty_200,
    },
    Example {
        operation: Op::DdmShowJob,
        needs: Some(|target| Box::pin(ddm_start_job(target))),
        call: |target| Box::pin(ddm_show_job(target)),
        success: empty_200,
    },
    Example {
        operation: Op::DwsOmUserStatus,
        needs: None,
        call: |target| Box::pin(dws_show_om_user_status(target)),
        success: empty_200,
    },
    Example {
        operation: Op::DwsCreateDbUser,
        needs: None,
        call: |target| Box::pin(dws_create_database_user(target)),
        success: empty_200,
    },
    Example {
        operation: Op::DwsListDbUsers,
        needs: None,
        call: |target| Box::pin(dws_list_database_users(target)),
        success: empty_200,
    },
    Example {
        operation: Op::DwsShowDbUser,
        needs: Some(|target| Box::pin(dws_create_database_user(target))),
        call: |target| Box::pin(dws_show_database_user(target)),
        success: empty_200,
    },
    Example {
        operation: Op::DwsUpdateDbUser,
        needs: Some(|target| Box::pin(dws_create_database_user(target))),
        call: |target| Box::pin(dws_update_database_user(target)),
        success: empty_200,
    },
    Example {
        operation: Op::DwsDeleteDbUser,
        needs: Some(|target| Box::pin(dws_create_database_user(target))),
        call: |target| Box::pin(dws_delete_database_user(target)),
        success: empty_200,
    },
    Example {
        operation: Op::OcpListDbUsers,
        needs: None,
        call: |target| Box::pin(ocp_list_db_users(target)),
        success: ocp_data,
    },
    Example {
        operation: Op::OcpGetDbUser,
        needs: Some(|target| Box::pin(ocp_create_db_user(target))),
        call: |target| Box::pin(ocp_get_db_user(target)),
        success: ocp_data,
    },
    Example {
        operation: Op::OcpDeleteDbUser,
        needs: Some(|target| Box::pin(ocp_create_db_user(target))),
        call: |target| Box::pin(ocp_delete_db_user(target)),
        success: ocp_ack,
    },
    Example {
        operation: Op::OcpChangePassword,
        needs: Some(|target| Box::pin(ocp_create_db_user(target))),
        call: |target| Box::pin(ocp_change_password(target)),
        success: ocp_ack,
    },
    Example {
        operation: Op::OcpLockDbUser,
        needs: Some(|target| Box::pin(ocp_create_db_user(target))),
        call: |target| Box::pin(ocp_lock(target)),
        success: ocp_ack,
    },
    Example {
        operation: Op::OcpUnlockDbUser,
        needs: Some(|target| Box::pin(ocp_create_db_user(target))),
        call: |target| Box::pin(ocp_unlock(target)),
        success: ocp_ack,
    },
    Example {
        operation: Op::OcpGrantGlobal,
        needs: Some(|target| Box::pin(ocp_create_db_user(target))),
        call: |target| Box::pin(ocp_grant_global(target)),
        success: ocp_ack,
    },
    Example {
        operation: Op::OcpRevokeGlobal,
        needs: Some(|target| Box::pin(ocp_create_db_user(target))),
        call: |target| Box::pin(ocp_revoke_global(target)),
        success: ocp_ack,
    },
    Example {
        operation: Op::OcpModifyDbPrivilege,
        needs: Some(|target| Box::pin(ocp_create_db_user(target))),
        call: |target| Box::pin(ocp_modify_db_privilege(target)),
        success: ocp_ack,
    },
];

fn empty_200() -> (u16, serde_json::Value) {
    (200, serde_json::json!({}))
}

fn ocp_data() -> (u16, serde_json::Value) {
    let body = serde_json::json!({"successful": true, "data": {}, "traceId": "trace-ok"});
    (200, body)
}

/// OCP's acknowledgement: the envelope without `data`.
fn ocp_ack() -> (u16, serde_json::Value) {
    (
        200,
        serde_json::json!({"successful": true, "traceId": "trace-ok"}),
    )
}

async fn ddm_update_user(target: &Target) -> Result<(), Error> {
    let body = ddm::UpdateUserRequest {
        user: ddm::UpdateUserDetailReq {
            description: Some("changed by a test".into()),
            ..Default::default()
        },
    };
    target
        .ddm()?
        .update_user(DDM_INSTANCE, DDM_USER, &body)
        .await
        .map(drop)
}

async fn ddm_manage_admin_password(target: &Target) -> Result<(), Error> {
    let body = ddm::AdminUserRequest {
        name: "admin_user".into(),
        password: DDM_ADMIN_PASSWORD.into(),
    };
    target
        .ddm()?
        .manage_admin_password(DDM_INSTANCE, &body)
        .await
        .map(drop)
}

async fn dws_om_user_action(target: &Target) -> Result<(), Error> {
    let body = dws::OmUserActionRequest {
        operation: dws::OmUserOperation::AddOmUser,
    };
    target
        .dws()?
        .om_user_action(DWS_CLUSTER, &body)
        .await
        .map(drop)
}

pub async fn ocp_create_db_user(target: &Target) -> Result<(), Error> {
    let body = ocp::CreateDbUserRequest {
        username: "user1".into(),
        password: OCP_USER_PASSWORD.into(),
        global_privileges: Some(vec!["SELECT".into()]),
        db_privileges: None,
        roles: None,
    };
    target
        .ocp()?
        .create_db_user(OCP_CLUSTER, OCP_TENANT, &body)
        .await
        .map(drop)
}

/// The example of `op`, if it has one.
pub fn example(op: Op) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.operation == op)
}

fn example_of(op: Op) -> &'static Example {
    example(op).unwrap_or_else(|| {
        panic!(
            "{op:?} has no example request: add one to EXAMPLES in tests/support/every_operation.rs"
        )
    })
}

/// Calls `op` once with valid data, throwing the answer away.
pub async fn call(target: &Target, op: Operation) -> Result<(), Error> {
    (example_of(op).call)(target).await
}

/// The smallest success answer of `op`: its status and JSON body.
pub fn success_answer(op: Operation) -> (u16, serde_json::Value) {
    (example_of(op).success)()
}

/// An operation of a spec in `specs/`, as the generator reads it.
#[derive(Clone, Debug)]
pub struct SpecOperation {
    /// `service.method`, as the generated clients name it: `ddm.create_users`.
    pub name: String,
    /// The spec's file stem, which is also fake-cloud's name of the service: `ddm`.
    pub service: String,
    pub operation_id: String,
    /// Upper case: `POST`.
    pub method: String,
    /// The path template: `/v1/{project_id}/instances/{instance_id}/users`.
    pub path: String,
    /// A success may come without a body (`x-body-optional`, or nothing is returned).
    pub body_optional: bool,
}

/// Every operation of every spec in `specs/`, loaded with the generator.
pub fn spec_operations() -> Vec<SpecOperation> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let mut operations = Vec::new();
    for path in files {
        let file = format!("specs/{}", path.file_name().unwrap().to_string_lossy());
        let source = std::fs::read_to_string(&path).expect("a readable spec");
        let service = codegen::load(&file, &source).unwrap_or_else(|d| panic!("{d}"));
        for op in service.operations {
            operations.push(SpecOperation {
                name: format!("{}.{}", service.module, op.name),
                service: service.module.clone(),
                operation_id: op.operation_id,
                method: op.method.as_str().to_string(),
                path: op.path,
                body_optional: op.response_body != codegen::ir::ResponseBody::Json,
            });
        }
    }
    operations
}

/// The fake's operation that serves a spec's operation: same service, method and path
/// template; `Err` says what is missing or differs, naming the operation.
pub fn fake_operation(spec: &SpecOperation) -> Result<Op, String> {
    let op = Op::ALL
        .into_iter()
        .find(|op| {
            op.service().name() == spec.service
                && op.method() == spec.method
                && op.path_template() == spec.path
        })
        .ok_or_else(|| {
            format!(
                "{} (`{} {}`) has no route in fake-cloud: add a row to the table in fake-cloud/src/operations.rs",
                spec.name, spec.method, spec.path
            )
        })?;
    if op.operation_id() != spec.operation_id {
        return Err(format!(
            "{}: fake-cloud serves `{} {}` as {op:?} with operation id `{}`, the spec says `{}`",
            spec.name,
            spec.method,
            spec.path,
            op.operation_id(),
            spec.operation_id
        ));
    }
    Ok(op)
}

/// Every spec operation with the fake's operation that serves it and has an example, and
/// a problem naming each spec operation that has no route or no example.
pub fn covered_operations() -> (Vec<(SpecOperation, Op)>, Vec<String>) {
    let mut covered = Vec::new();
    let mut problems = Vec::new();
    for spec in spec_operations() {
        match fake_operation(&spec) {
            Ok(op) if example(op).is_none() => problems.push(format!(
                "{} ({op:?}) has no example request: add one to EXAMPLES in tests/support/every_operation.rs",
                spec.name
            )),
            Ok(op) => covered.push((spec, op)),
            Err(problem) => problems.push(problem),
        }
    }
    (covered, problems)
}
