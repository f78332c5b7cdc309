"""A Kubernetes stand-in: the API server's and the kubelet's GETs, as v1.29 answers them.

No cluster runs here (kind and minikube need Docker, a real control plane gigabytes), so
this process serves three ports with the shapes of the Kubernetes API reference and of
answers recorded from clusters:

* the API server (HTTPS on ``PORT``): ``/version`` (the ``version.Info`` document),
  ``/api``, ``/api/v1/namespaces``, ``/api/v1/pods``, ``/api/v1/secrets``,
  ``/api/v1/configmaps`` (cluster-wide or under ``/api/v1/namespaces/{ns}/``), with
  ``limit``/``continue`` paging and ``metadata.remainingItemCount``, and the metadata-only
  form (``Accept: application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1``:
  names without the secrets' data). The open twin is ``--anonymous-auth=true
  --authorization-mode=AlwaysAllow``. With ``--auth`` the anonymous user gets what RBAC
  gives it by default: ``/version`` and ``/healthz`` (``system:public-info-viewer``) and,
  for the rest, 403 ``... is forbidden: User "system:anonymous" cannot list resource
  "namespaces" in API group "" at the cluster scope``; with ``"anonymous": false`` in the
  data (``--anonymous-auth=false``) every request gets 401 ``Unauthorized``. Unknown
  resources get the ``NotFound`` Status, unknown paths ``404 page not found`` and every
  method but GET the ``MethodNotAllowed`` Status: the stand-in implements no writes, exec,
  attach or port-forward at all.
* the kubelet (HTTPS on ``--kubelet-port``): ``/healthz`` and ``/pods`` (the node's
  PodList with each container's ``env``); open: anonymous auth and ``AlwaysAllow``; with
  ``--auth`` 401 ``Unauthorized`` as kubeadm's ``anonymous: enabled: false`` gives;
* the kubelet's read-only port (plain HTTP on ``--readonly-port``, open twin only, as a
  kubelet with ``readOnlyPort: 10255``): ``/healthz``, ``/pods``.

Data is ``WORKDIR/data.json`` (``namespaces``, ``pods``, ``secrets``, ``configmaps``,
``extra_pods``); every request (port role, method, path, query, Accept) is appended to
``WORKDIR/requests.log``. Run as ``python -m unguarded.lab.kubernetes_standin PORT WORKDIR
--cert C --key K --kubelet-port P [--readonly-port Q] [--auth]``.
"""

from __future__ import annotations

import argparse
import base64
import json
import ssl
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

LOCK = threading.Lock()
VERSION_INFO = {
    "major": "1",
    "minor": "29",
    "gitVersion": "v1.29.2",
    "gitCommit": "4b8e819355d791d96b7e9d9efe4cbafae2311c88",
    "gitTreeState": "clean",
    "buildDate": "2024-02-14T10:32:40Z",
    "goVersion": "go1.21.7",
    "compiler": "gc",
    "platform": "linux/amd64",
}
RESOURCES = ("namespaces", "pods", "secrets", "configmaps")
METADATA_ONLY = "as=PartialObjectMetadataList"
NODE = "worker-1"


def status(code: int, reason: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    """A ``metav1.Status`` failure document, as the API server sends with every error."""
    doc: dict[str, Any] = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure"}
    doc |= {"message": message, "reason": reason}
    if details is not None:
        doc["details"] = details
    return doc | {"code": code}


def pod_object(pod: dict[str, Any], index: int) -> dict[str, Any]:
    containers = [
        {
            "name": c.get("name", "app"),
            "image": c.get("image", "busybox:1.36"),
            "env": c.get("env", []),
            "resources": {},
            "terminationMessagePath": "/dev/termination-log",
            "imagePullPolicy": "IfNotPresent",
        }
        for c in pod.get("containers", [])
    ]
    return {
        "metadata": {
            "name": pod["name"],
            "namespace": pod.get("namespace", "default"),
            "uid": f"6c1f3e2a-0000-4000-8000-{index:012d}",
            "resourceVersion": str(1000 + index),
            "creationTimestamp": "2026-11-30T08:00:00Z",
            "labels": {"app": pod["name"].rsplit("-", 1)[0]},
        },
        "spec": {"containers": containers, "nodeName": NODE, "serviceAccountName": "default"},
        "status": {"phase": "Running", "podIP": f"10.244.1.{index % 250 + 2}", "hostIP": "192.168.10.21"},
    }


class KubeState:
    """The objects of ``data.json`` and the request log."""

    def __init__(self, workdir: Path, auth: bool) -> None:
        self.workdir, self.auth = workdir, auth

    def data(self) -> dict[str, Any]:
        path = self.workdir / "data.json"
        return dict(json.loads(path.read_text())) if path.exists() else {}

    def log(self, entry: dict[str, Any]) -> None:
        with LOCK, (self.workdir / "requests.log").open("a") as out:
            out.write(json.dumps(entry) + "\n")

    def objects(self, resource: str) -> list[dict[str, Any]]:
        data = self.data()
        if resource == "namespaces":
            return [
                {
                    "metadata": {"name": n, "uid": f"ns-{i}", "resourceVersion": str(10 + i)},
                    "status": {"phase": "Active"},
                }
                for i, n in enumerate(data.get("namespaces", ["default", "kube-system"]))
            ]
        if resource == "pods":
            pods = list(data.get("pods", []))
            pods += [
                {"name": f"worker-{n}", "namespace": "batch", "containers": [{"env": [{"name": "ROLE", "value": "w"}]}]}
                for n in range(int(data.get("extra_pods", 0)))
            ]
            return [pod_object(p, i) for i, p in enumerate(pods)]
        if resource == "secrets":
            return [
                {
                    "metadata": {"name": s["name"], "namespace": s.get("namespace", "default")},
                    "type": s.get("type", "Opaque"),
                    "data": {k: base64.b64encode(str(v).encode()).decode() for k, v in s.get("data", {}).items()},
                }
                for s in data.get("secrets", [])
            ]
        return [
            {"metadata": {"name": c["name"], "namespace": c.get("namespace", "default")}, "data": c.get("data", {})}
            for c in data.get("configmaps", [])
        ]


def make_handler(state: KubeState, role: str) -> type[BaseHTTPRequestHandler]:
    """A handler class for one port: ``apiserver``, ``kubelet`` or ``readonly``."""

    class KubeHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            if isinstance(self.request, ssl.SSLSocket):  # the handshake in this thread, not in accept()
                self.request.settimeout(10)
                self.request.do_handshake()
            super().setup()

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: requests.log is the log."""

        def _send(self, code: int, body: bytes, content_type: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if role == "apiserver":
                self.send_header("Audit-Id", "0e4b3f7c-5d52-4b8e-9d7a-3f1c2b6a9e10")
                self.send_header("X-Kubernetes-Pf-Flowschema-Uid", "b8a1c2d3-0000-4000-8000-000000000001")
            self.end_headers()
            self.wfile.write(body)

        def _json(self, code: int, doc: Any) -> None:
            self._send(code, (json.dumps(doc) + "\n").encode(), "application/json")

        def _text(self, code: int, text: str) -> None:
            self._send(code, text.encode(), "text/plain; charset=utf-8")

        def version_string(self) -> str:
            return ""

        def _handle(self) -> None:
            url = urlsplit(self.path)
            path = unquote(url.path)
            query = {k: v[-1] for k, v in parse_qs(url.query).items()}
            state.log(
                {
                    "port": role,
                    "method": self.command,
                    "path": path,
                    "query": query,
                    "accept": self.headers.get("Accept"),
                }
            )
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(min(length, 1 << 20))
            (self._apiserver if role == "apiserver" else self._kubelet)(path, query)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        # ------------------------------------------------------------ kubelet

        def _kubelet(self, path: str, query: dict[str, str]) -> None:
            if state.auth:
                self._text(401, "Unauthorized")
            elif self.command != "GET":
                self._text(405, "405: Method Not Allowed")
            elif path == "/healthz":
                self._text(200, "ok")
            elif path == "/pods" or path == "/pods/":
                items = [p for p in state.objects("pods")]
                self._json(200, {"kind": "PodList", "apiVersion": "v1", "metadata": {}, "items": items})
            else:
                self._text(404, "404 page not found")

        # ------------------------------------------------------------ API server

        def _apiserver(self, path: str, query: dict[str, str]) -> None:
            data = state.data()
            if state.auth and data.get("anonymous") is False:
                self._json(401, status(401, "Unauthorized", "Unauthorized"))
                return
            public = path in ("/version", "/healthz", "/livez", "/readyz")
            if state.auth and not public:
                self._forbidden(path)
                return
            if self.command != "GET":
                self._json(
                    405,
                    status(
                        405, "MethodNotAllowed", "the server does not allow this method on the requested resource", {}
                    ),
                )
            elif path == "/version":
                self._json(200, VERSION_INFO)
            elif path in ("/healthz", "/livez", "/readyz"):
                self._text(200, "ok")
            elif path == "/api":
                addresses = [{"clientCIDR": "0.0.0.0/0", "serverAddress": "192.168.10.10:6443"}]
                self._json(200, {"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": addresses})
            elif path.startswith("/api/v1/"):
                self._list(path.removeprefix("/api/v1/").strip("/").split("/"), query)
            else:
                self._text(404, "404 page not found")

        def _forbidden(self, path: str) -> None:
            parts = path.removeprefix("/api/v1/").strip("/").split("/")
            if path.startswith("/api/v1/") and parts[-1] in RESOURCES:
                resource = parts[-1]
                scope = f'in the namespace "{parts[1]}"' if len(parts) == 3 else "at the cluster scope"
                verb = {"GET": "list", "POST": "create", "DELETE": "deletecollection"}.get(self.command, "list")
                message = (
                    f'{resource} is forbidden: User "system:anonymous" cannot {verb} resource "{resource}" '
                    f'in API group "" {scope}'
                )
                self._json(403, status(403, "Forbidden", message, {"kind": resource}))
            else:
                verb = self.command.lower()
                message = f'forbidden: User "system:anonymous" cannot {verb} path "{path}"'
                self._json(403, status(403, "Forbidden", message, {}))

        def _list(self, parts: list[str], query: dict[str, str]) -> None:
            namespace = None
            if len(parts) == 3 and parts[0] == "namespaces":
                namespace, parts = parts[1], parts[2:]
            if len(parts) != 1 or parts[0] not in RESOURCES or (namespace and parts[0] == "namespaces"):
                self._json(404, status(404, "NotFound", "the server could not find the requested resource", {}))
                return
            resource = parts[0]
            items = state.objects(resource)
            if namespace is not None:
                items = [i for i in items if i["metadata"].get("namespace") == namespace]
            start = int(base64.b64decode(query["continue"]).decode()) if query.get("continue") else 0
            limit = int(query.get("limit") or 0)
            end = min(len(items), start + limit) if limit > 0 else len(items)
            meta: dict[str, Any] = {"resourceVersion": "48213"}
            if end < len(items):
                meta["continue"] = base64.b64encode(str(end).encode()).decode()
                meta["remainingItemCount"] = len(items) - end
            shown = items[start:end]
            kind = {"namespaces": "NamespaceList", "pods": "PodList", "secrets": "SecretList"}.get(
                resource, "ConfigMapList"
            )
            if METADATA_ONLY in (self.headers.get("Accept") or ""):
                partial = [
                    {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": i["metadata"]}
                    for i in shown
                ]
                doc = {
                    "kind": "PartialObjectMetadataList",
                    "apiVersion": "meta.k8s.io/v1",
                    "metadata": meta,
                    "items": partial,
                }
            else:
                doc = {"kind": kind, "apiVersion": "v1", "metadata": meta, "items": shown}
            self._json(200, doc)

    return KubeHandler


class QuietHTTPServer(ThreadingHTTPServer):
    """A threading server that drops failed TLS handshakes (plaintext probes) without a traceback."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that is not speaking TLS, or hung up: nothing to report."""


def serve(port: int, handler: type[BaseHTTPRequestHandler], context: ssl.SSLContext | None) -> Callable[[], None]:
    server = QuietHTTPServer(("127.0.0.1", port), handler)
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    return server.serve_forever


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("workdir", type=Path)
    parser.add_argument("--auth", action="store_true")
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--kubelet-port", type=int, required=True)
    parser.add_argument("--readonly-port", type=int)
    args = parser.parse_args()
    state = KubeState(args.workdir, args.auth)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    loops = [
        serve(args.port, make_handler(state, "apiserver"), context),
        serve(args.kubelet_port, make_handler(state, "kubelet"), context),
    ]
    if args.readonly_port and not args.auth:
        loops.append(serve(args.readonly_port, make_handler(state, "readonly"), None))
    threads = [threading.Thread(target=loop, daemon=True) for loop in loops]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main()
