//! The one table of the operations the fake serves. Each row gives an operation's name,
//! its service, its HTTP method, its path template and operation id as the spec in
//! `specs/` writes them, and the handler that answers it. The [`Operation`] enum, its
//! [`Operation::ALL`] list, the routers of the three listeners and the matching of a
//! request to its operation (for faults and the request log) are all made from this
//! table, so adding an operation is one row here (and its handler).

use std::fmt;
use std::sync::Arc;

use axum::Router;
use axum::http::Method;
use axum::routing::{MethodFilter, MethodRouter, on};

use crate::http::matches_template;
use crate::state::Shared;
use crate::{ddm, ddm_accounts, ddm_jobs, dws, dws_users, ocp, ocp_users};

/// One of the three faked services (each has its own listener).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Service {
    /// Huawei Distributed Database Middleware.
    Ddm,
    /// Huawei GaussDB(DWS).
    Dws,
    /// OceanBase Cloud Platform.
    Ocp,
}

impl Service {
    /// Lower-case name, as used in logs; also the name of the service's spec
    /// (`specs/ddm.yaml`) and of its generated client module.
    pub fn name(self) -> &'static str {
        match self {
            Service::Ddm => "ddm",
            Service::Dws => "dws",
            Service::Ocp => "ocp",
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Makes [`Operation`] and what is read off each row from the table below.
macro_rules! operations {
    ($($variant:ident: $service:ident $method:ident $path:literal $operation_id:literal => $handler:path,)*) => {
        /// The API operations the fake serves, one per row of the table in `operations.rs`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Operation {
            $(
                #[doc = concat!("`", stringify!($method), " ", $path, "` (`", $operation_id, "`)")]
                $variant,
            )*
        }

        impl Operation {
            /// Every operation, in the table's order.
            pub const ALL: [Operation; [$(stringify!($variant)),*].len()] =
                [$(Operation::$variant),*];

            /// The service that serves this operation.
            pub fn service(self) -> Service {
                match self {
                    $(Operation::$variant => Service::$service,)*
                }
            }

            /// The HTTP method, e.g. `POST`.
            pub fn method(self) -> &'static str {
                match self {
                    $(Operation::$variant => stringify!($method),)*
                }
            }

            /// The path template, as the service's spec writes it, e.g.
            /// `/v1/{project_id}/instances/{instance_id}/users`.
            pub fn path_template(self) -> &'static str {
                match self {
                    $(Operation::$variant => $path,)*
                }
            }

            /// The `operationId` of the operation in the service's spec.
            pub fn operation_id(self) -> &'static str {
                match self {
                    $(Operation::$variant => $operation_id,)*
                }
            }

            /// The handler, on the row's method only.
            fn route(self) -> MethodRouter<Arc<Shared>> {
                match self {
                    $(Operation::$variant => on(MethodFilter::$method, $handler),)*
                }
            }
        }
    };
}

// Rows are kept aligned by hand; rustfmt leaves macro bodies alone.
operations! {
    DdmListUsers:          Ddm GET    "/v1/{project_id}/instances/{instance_id}/users"                   "listUsers"             => ddm_accounts::list_users,
    DdmCreateUsers:        Ddm POST   "/v1/{project_id}/instances/{instance_id}/users"                   "createUsers"           => ddm::create_users,
    DdmUpdateUser:         Ddm PUT    "/v1/{project_id}/instances/{instance_id}/users/{username}"        "updateUser"            => ddm::update_user,
    DdmDeleteUser:         Ddm DELETE "/v1/{project_id}/instances/{instance_id}/users/{username}"        "deleteUser"            => ddm_accounts::delete_user,
    DdmResetUserPassword:  Ddm POST   "/v2/{project_id}/instances/{instance_id}/users/{username}/password" "resetUserPassword"   => ddm_accounts::reset_user_password,
    DdmAdminPassword:      Ddm PUT    "/v3/{project_id}/instances/{instance_id}/admin-user"              "manageAdminPassword"   => ddm_jobs::admin_user,
    DdmShowJob:            Ddm GET    "/v3/{project_id}/jobs/{job_id}"                                   "showJob"               => ddm_jobs::show_job,
    DwsOmUserAction:       Dws POST   "/v1/{project_id}/clusters/{cluster_id}/db-manager/om-user/action" "omUserAction"          => dws::om_user_action,
    DwsOmUserStatus:       Dws GET    "/v1/{project_id}/clusters/{cluster_id}/db-manager/om-user/status" "showOmUserStatus"      => dws::om_user_status,
    DwsCreateDbUser:       Dws POST   "/v1/{project_id}/clusters/{cluster_id}/db-manager/users"          "createDatabaseUser"    => dws_users::create_user,
    DwsListDbUsers:        Dws GET    "/v1/{project_id}/clusters/{cluster_id}/db-manager/users"          "listDatabaseUsers"     => dws_users::list_users,
    DwsShowDbUser:         Dws GET    "/v1/{project_id}/clusters/{cluster_id}/db-manager/users/{name}"   "showDatabaseUser"      => dws_users::show_user,
    DwsUpdateDbUser:       Dws POST   "/v1/{project_id}/clusters/{cluster_id}/db-manager/users/{name}"   "updateDatabaseUser"    => dws_users::update_user,
    DwsDeleteDbUser:       Dws DELETE "/v1/{project_id}/clusters/{cluster_id}/db-manager/users/{name}"   "deleteDatabaseUser"    => dws_users::delete_user,
    OcpListDbUsers:        Ocp GET    "/api/v2/ob/clusters/{id}/tenants/{tenantId}/users"                "listDbUsers"           => ocp_users::list_db_users,
    OcpCreateDbUser:       Ocp POST   "/api/v2/ob/clusters/{id}/tenants/{tenantId}/users"                "createDbUser"          => ocp::create_db_user,
    OcpGetDbUser:          Ocp GET    "/api/v2/ob/clusters/{id}/tenants/{tenantId}/users/{username}"     "getDbUser"             => ocp_users::get_db_user,
    OcpDeleteDbUser:       Ocp DELETE "/api/v2/ob/clusters/{id}/tenants/{tenantId}/users/{username}"     "deleteDbUser"          => ocp_users::delete_db_user,
    OcpChangePassword:     Ocp POST   "/api/v2/ob/clusters/{id}/tenants/{tenantId}/users/{username}/changePassword" "changeDbUserPassword" => ocp_users::change_password,
    OcpLockDbUser:         Ocp POST   "/api/v2/ob/clusters/{id}/tenants/{tenantId}/users/{username}/lock"   "lockDbUser"         => ocp_users::lock,
    OcpUnlockDbUser:       Ocp POST   "/api/v2/ob/clusters/{id}/tenants/{tenantId}/users/{username}/unlock" "unlockDbUser"       => ocp_users::unlock,
    OcpGrantGlobal:        Ocp POST   "/api/v2/ob/clusters/{id}/tenants/{tenantId}/users/{username}/grantGlobalPrivilege"  "grantGlobalPrivilege"  => ocp_users::grant_global,
    OcpRevokeGlobal:       Ocp POST   "/api/v2/ob/clusters/{id}/tenants/{tenantId}/users/{username}/revokeGlobalPrivilege" "revokeGlobalPrivilege" => ocp_users::revoke_global,
    OcpModifyDbPrivilege:  Ocp POST   "/api/v2/ob/clusters/{id}/tenants/{tenantId}/users/{username}/modifyDbPrivilege"     "modifyDbPrivilege"     => ocp_users::modify_db_privilege,
}

impl Operation {
    /// The operation of `service` a request's method and path (without the query) match.
    pub(crate) fn matching(service: Service, method: &Method, path: &str) -> Option<Operation> {
        Operation::ALL.into_iter().find(|op| {
            op.service() == service
                && op.method() == method.as_str()
                && matches_template(path, op.path_template())
        })
    }
}

/// The routes of one service's operations; the caller adds the service's fallbacks.
pub(crate) fn routes(service: Service) -> Router<Arc<Shared>> {
    Operation::ALL
        .into_iter()
        .filter(|op| op.service() == service)
        .fold(Router::new(), |router, op| {
            router.route(op.path_template(), op.route())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_match_method_and_path() {
        let ddm = |method, path| Operation::matching(Service::Ddm, &method, path);
        assert_eq!(
            ddm(Method::POST, "/v1/p/instances/i/users"),
            Some(Operation::DdmCreateUsers)
        );
        assert_eq!(
            ddm(Method::PUT, "/v1/p/instances/i/users/u"),
            Some(Operation::DdmUpdateUser)
        );
        assert_eq!(
            ddm(Method::PUT, "/v3/p/instances/i/admin-user"),
            Some(Operation::DdmAdminPassword)
        );
        assert_eq!(
            ddm(Method::GET, "/v1/p/instances/i/users"),
            Some(Operation::DdmListUsers)
        );
        assert_eq!(ddm(Method::PATCH, "/v1/p/instances/i/users"), None);
        assert_eq!(
            Operation::matching(
                Service::Dws,
                &Method::POST,
                "/v1/p/clusters/c/db-manager/om-user/action"
            ),
            Some(Operation::DwsOmUserAction)
        );
        assert_eq!(
            Operation::matching(
                Service::Ocp,
                &Method::POST,
                "/api/v2/ob/clusters/1/tenants/2/users"
            ),
            Some(Operation::OcpCreateDbUser)
        );
        // An operation is only found on its own service's listener.
        assert_eq!(
            Operation::matching(Service::Dws, &Method::POST, "/v1/p/instances/i/users"),
            None
        );
    }
}
