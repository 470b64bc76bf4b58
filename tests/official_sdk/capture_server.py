"""A server on 127.0.0.1 that records every request it gets, exactly as it arrived.

Used by capture.py: each request is kept with its method, raw path, query pairs in the
order sent, header names and values, and body bytes; it is answered with a plausible JSON
body for the operation (the official SDK parses the answer into its response model).
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


def plausible_answer(method, path):
    """A status and a JSON body like the service's answer to this request."""
    if path.endswith("/admin-user"):
        return 202, {"job_id": "b9e057a0-f0fb-4987-9d21-f3a7550b32e7"}
    if "/jobs/" in path:
        return 200, {
            "job": {
                "id": path.rsplit("/", 1)[-1],
                "name": "ResetAdministrator",
                "status": "Completed",
                "created_time": "2018-08-06T10:41:14+0000",
                "end_time": "2018-08-06T10:42:14+0000",
                "process": "",
                "instance": {"id": "1f5c9fd6cd984056ba89c8c87cc03278in09", "name": "ddm-1"},
            }
        }
    if "/om-user/" in path:
        return 200, {
            "error_code": 0,
            "error_msg": None,
            "om_user_info": {"om_user_status": "on", "om_user_expires_time": 1747214333491},
        }
    if "/db-manager/users" in path:
        if method == "GET" and path.endswith("/db-manager/users"):
            return 200, {"users": [{"name": "user1", "login": True, "user_type": "COMMON"}]}
        if method == "GET":
            return 200, {"name": "user1", "login": True, "conn_limit": -1}
        return 200, {}
    if path.endswith("/password"):
        return 200, {"success": True, "instance_id": "i", "user_name": "u"}
    if "/instances/" in path and path.endswith("/users") and method == "GET":
        return 200, {"users": [], "page_no": 1, "page_size": 10, "total_record": 0, "total_page": 0}
    if path.endswith("/users"):
        return 200, {"users": [{"name": "DDMuser1"}]}
    return 200, {"name": path.rsplit("/", 1)[-1]}


class CaptureServer:
    """Start with `with CaptureServer() as server:`; `server.url` and `server.requests`."""

    def __init__(self):
        self.requests = []
        recorded = self.requests

        class Handler(BaseHTTPRequestHandler):
            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                split = urlsplit(self.path)
                recorded.append(
                    {
                        "method": self.command,
                        "raw_path": split.path,
                        "raw_query": split.query,
                        "query": parse_qsl(split.query, keep_blank_values=True),
                        "headers": [(k, v) for k, v in self.headers.items()],
                        "body": body,
                    }
                )
                status, answer = plausible_answer(self.command, split.path)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("X-Request-Id", "capture-0001")
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self._server.server_address[1]

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()
