"""Calls every DDM and DWS operation of specs/ with the official Huawei Cloud Python SDK,
pointed at a capture server on 127.0.0.1, and writes what the SDK sent as JSON fixtures in
captures/ (one file per operation), which tests/official_sdk.rs compares our client with.

Rerun (from the repository root; needs Python 3 and network access to PyPI once):

    python3 -m venv /tmp/sdkvenv
    /tmp/sdkvenv/bin/pip install huaweicloudsdkddm==3.1.219 huaweicloudsdkdws==3.1.219
    /tmp/sdkvenv/bin/python tests/official_sdk/capture.py

The inputs below are the ones tests/official_sdk.rs sends; change both together. The
signature and its date change on every run, so the fixtures keep only the names of the
signed headers.
"""

import json
import os
import sys
from importlib.metadata import version
from pathlib import Path

# The SDK uses `requests`, which would send 127.0.0.1 through a configured proxy.
for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
    os.environ.pop(name, None)
os.environ["NO_PROXY"] = "127.0.0.1"

sys.path.insert(0, str(Path(__file__).resolve().parent))
from capture_server import CaptureServer  # noqa: E402

from huaweicloudsdkcore.auth.credentials import BasicCredentials  # noqa: E402
from huaweicloudsdkcore.http.http_config import HttpConfig  # noqa: E402
from huaweicloudsdkddm.v1 import DdmClient  # noqa: E402
from huaweicloudsdkddm.v1 import model as ddm  # noqa: E402
from huaweicloudsdkdws.v2 import DwsClient  # noqa: E402
from huaweicloudsdkdws.v2 import model as dws  # noqa: E402

# The same values as in tests/official_sdk.rs.
AK = "AKTESTAKTESTAKTEST12"
SK = "SKTESTSKTESTSKTESTSKTESTSKTESTSKTESTSKTE"
PROJECT_ID = "05f2cff45100d5112f4bc00b794ea08e"
DDM_INSTANCE = "1f5c9fd6cd984056ba89c8c87cc03278in09"
DDM_USER = "DDMuser1"
DDM_JOB = "b9e057a0-f0fb-4987-9d21-f3a7550b32e7"
DWS_CLUSTER = "e7107fab-cac0-4261-916b-7f32b3053034"
DWS_USER = "user1"
# A name with a space, a slash and a non-ASCII letter, to compare path encoding.
DWS_ODD_USER = "ops user/ü"

OUT = Path(__file__).resolve().parent / "captures"


def ddm_calls():
    """(our operation name, SDK method name, SDK request) for every DDM operation."""
    return [
        (
            "create_users",
            "create_users",
            ddm.CreateUsersRequest(
                instance_id=DDM_INSTANCE,
                body=ddm.CreateUsersReq(
                    users=[
                        ddm.CreateUsersInfo(
                            name=DDM_USER,
                            password="Axejs@98a-user",
                            base_authority=["SELECT", "UPDATE"],
                            description="",
                            databases=[ddm.CreateUsersDatabases(name="db1")],
                        )
                    ]
                ),
            ),
        ),
        (
            "update_user",
            "update_user",
            ddm.UpdateUserRequest(
                instance_id=DDM_INSTANCE,
                username=DDM_USER,
                body=ddm.UpdateUserReq(
                    user=ddm.UpdateUserDetailReq(
                        base_authority=["SELECT"],
                        description="read only",
                        databases=[ddm.UpdateUsersDatabases(name="db1")],
                    )
                ),
            ),
        ),
        (
            "manage_admin_password",
            "reset_administrator",
            ddm.ResetAdministratorRequest(
                instance_id=DDM_INSTANCE,
                body=ddm.AdminUserInfoReq(name="root", password="Axejs@98a-admin"),
            ),
        ),
        (
            "list_users",
            "list_users",
            ddm.ListUsersRequest(instance_id=DDM_INSTANCE, offset=0, limit=10),
        ),
        (
            "delete_user",
            "delete_user",
            ddm.DeleteUserRequest(instance_id=DDM_INSTANCE, username=DDM_USER),
        ),
        (
            "reset_user_password",
            "reset_user_password",
            ddm.ResetUserPasswordRequest(
                instance_id=DDM_INSTANCE,
                username=DDM_USER,
                body=ddm.ResetUserPasswordReq(password="Axejs@98a-new"),
            ),
        ),
        ("show_job", "show_ddm_job_result", ddm.ShowDdmJobResultRequest(job_id=DDM_JOB)),
    ]


def dws_calls():
    """(our operation name, SDK method name, SDK request) for every DWS operation."""
    return [
        (
            "om_user_action",
            "execute_database_om_user_action",
            dws.ExecuteDatabaseOmUserActionRequest(
                cluster_id=DWS_CLUSTER,
                body=dws.DatabaseOmUserActionReq(operation="increaseOmUserPeriod"),
            ),
        ),
        (
            "show_om_user_status",
            "show_database_om_user_status",
            dws.ShowDatabaseOmUserStatusRequest(cluster_id=DWS_CLUSTER),
        ),
        (
            "create_database_user",
            "create_database_user",
            dws.CreateDatabaseUserRequest(
                cluster_id=DWS_CLUSTER,
                body=dws.UserAuthorityReq(
                    name=DWS_USER,
                    type="user",
                    login=True,
                    password="Dws#user-pw1",
                    create_db=True,
                    inherit=True,
                    conn_limit=-1,
                    desc="",
                    grant_list=[
                        dws.GrantAuthority(
                            type="DATABASE",
                            database="gaussdb",
                            privileges=[dws.Grant(permission="CONNECT", grant_with=False)],
                        )
                    ],
                ),
            ),
        ),
        (
            "list_database_users",
            "list_database_users",
            dws.ListDatabaseUsersRequest(
                cluster_id=DWS_CLUSTER, offset=0, limit=50, type="USER", user_type="COMMON"
            ),
        ),
        (
            "show_database_user",
            "show_database_user",
            dws.ShowDatabaseUserRequest(cluster_id=DWS_CLUSTER, name=DWS_ODD_USER),
        ),
        (
            "update_database_user",
            "update_database_user_info",
            dws.UpdateDatabaseUserInfoRequest(
                cluster_id=DWS_CLUSTER,
                name=DWS_USER,
                body=dws.DatabaseUserInfoReq(
                    login=False, createdb=False, conn_limit=10, valid_until="2030-01-01T00:00:00"
                ),
            ),
        ),
        (
            "delete_database_user",
            "delete_database_user",
            dws.DeleteDatabaseUserRequest(cluster_id=DWS_CLUSTER, name=DWS_USER, cascade=True),
        ),
    ]


def client(client_class, url):
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    return (
        client_class.new_builder()
        .with_credentials(BasicCredentials(AK, SK, PROJECT_ID))
        .with_endpoints([url])
        .with_http_config(config)
        .build()
    )


def signed_headers(authorization):
    """The names in `SignedHeaders=` of an SDK-HMAC-SHA256 Authorization header."""
    for part in authorization.split(" ", 1)[1].split(","):
        key, _, value = part.strip().partition("=")
        if key == "SignedHeaders":
            return value.split(";")
    raise ValueError("no SignedHeaders in %r" % authorization)


def without_none(value):
    """The SDK's view of a request without the fields it leaves unset (and does not send)."""
    if isinstance(value, dict):
        return {k: without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_none(v) for v in value]
    return value


def fixture(service, operation, sdk_method, request, recorded):
    headers = {k.lower(): v for k, v in recorded["headers"]}
    body = recorded["body"]
    return {
        "service": service,
        "operation": operation,
        "sdk_method": sdk_method,
        "sdk_versions": {
            "huaweicloudsdkcore": version("huaweicloudsdkcore"),
            "huaweicloudsdk" + service: version("huaweicloudsdk" + service),
        },
        "sdk_request": without_none(request.to_dict()),
        "method": recorded["method"],
        "path": recorded["raw_path"],
        "raw_query": recorded["raw_query"],
        "query": [list(pair) for pair in recorded["query"]],
        "content_type": headers.get("content-type"),
        "signed_headers": sorted(signed_headers(headers["authorization"])),
        "header_names": sorted(headers),
        "body": json.loads(body) if body else None,
    }


def main():
    OUT.mkdir(exist_ok=True)
    with CaptureServer() as server:
        for service, client_class, calls in (
            ("ddm", DdmClient, ddm_calls()),
            ("dws", DwsClient, dws_calls()),
        ):
            sdk = client(client_class, server.url)
            for operation, sdk_method, request in calls:
                before = len(server.requests)
                getattr(sdk, sdk_method)(request)
                sent = server.requests[before:]
                if len(sent) != 1:
                    raise SystemExit("%s sent %d requests" % (sdk_method, len(sent)))
                data = fixture(service, operation, sdk_method, request, sent[0])
                path = OUT / ("%s.%s.json" % (service, operation))
                path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
                print("wrote", path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)


if __name__ == "__main__":
    main()
