"""A Docker Engine API stand-in: the GETs a read-only audit makes, as dockerd 24 answers them.

No Docker daemon runs here, so this HTTP server answers with the shapes of the Docker
Engine API reference (v1.43) and of answers recorded from real daemons (the ``/version``
document and headers of a 24.0.5 daemon on a CentOS 7 host):

* every answer carries dockerd's headers: ``Api-Version``, ``Docker-Experimental``,
  ``Ostype`` and ``Server: Docker/24.0.5 (linux)``; an optional ``/v1.NN`` prefix is accepted;
* ``GET /_ping`` -> ``OK``; ``GET /version``; ``GET /info`` (counts, host, security options);
* ``GET /containers/json`` (running only, ``?all=1`` for every container, ``?limit=n``);
* ``GET /containers/{id or name}/json`` -> the inspect document with ``Config.Env``, or
  404 ``{"message":"No such container: ..."}``;
* ``GET /images/json`` and ``GET /volumes``;
* anything else, and every method but GET and HEAD -> dockerd's 404
  ``{"message":"page not found"}`` (the stand-in implements no writes at all).

With ``--auth`` every request gets what dockerd with an authorization plugin that refuses
anonymous clients sends: 403 ``{"message":"authorization denied by plugin
opa-docker-authz: request rejected by administrative policy"}`` with the same headers.
Containers come from ``WORKDIR/data.json`` (``{"containers": [...], "images": n,
"volumes": n, "extra_containers": n}``; ``extra_containers`` adds that many synthetic
ones for the hostile tests); every request is appended to ``WORKDIR/requests.log``.
Run as ``python -m unguarded.lab.docker_standin PORT WORKDIR [--auth]``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import threading
from collections.abc import Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

VERSION = "24.0.5"
API = "1.43"
LOCK = threading.Lock()
_PREFIX = re.compile(r"^/v1\.\d+(/.*)$")
VERSION_DOC = {
    "Platform": {"Name": "Docker Engine - Community"},
    "Components": [
        {
            "Name": "Engine",
            "Version": VERSION,
            "Details": {
                "ApiVersion": API,
                "Arch": "amd64",
                "BuildTime": "2023-07-21T20:38:05.000000000+00:00",
                "Experimental": "false",
                "GitCommit": "a61e2b4",
                "GoVersion": "go1.20.6",
                "KernelVersion": "3.10.0-957.21.3.el7.x86_64",
                "MinAPIVersion": "1.12",
                "Os": "linux",
            },
        },
        {
            "Name": "containerd",
            "Version": "1.6.22",
            "Details": {"GitCommit": "8165feabfdfe38c65b599c4993d227328c231fca"},
        },
        {"Name": "runc", "Version": "1.1.8", "Details": {"GitCommit": "v1.1.8-0-g82f18fe"}},
        {"Name": "docker-init", "Version": "0.19.0", "Details": {"GitCommit": "de40ad0"}},
    ],
    "Version": VERSION,
    "ApiVersion": API,
    "MinAPIVersion": "1.12",
    "GitCommit": "a61e2b4",
    "GoVersion": "go1.20.6",
    "Os": "linux",
    "Arch": "amd64",
    "KernelVersion": "3.10.0-957.21.3.el7.x86_64",
    "BuildTime": "2023-07-21T20:38:05.000000000+00:00",
}
DENIED = "authorization denied by plugin opa-docker-authz: request rejected by administrative policy"


def container_id(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


class DockerRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    workdir: Path
    auth: bool

    def version_string(self) -> str:
        return f"Docker/{VERSION} (linux)"

    def _send(self, code: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response_only(code)
        self.send_header("Api-Version", API)
        self.send_header("Content-Type", content_type)
        self.send_header("Docker-Experimental", "false")
        self.send_header("Ostype", "linux")
        self.send_header("Server", self.version_string())
        self.send_header("Date", formatdate(usegmt=True))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, code: int, data: Any) -> None:
        self._send(code, (json.dumps(data) + "\n").encode())

    def _data(self) -> dict[str, Any]:
        path = self.workdir / "data.json"
        return dict(json.loads(path.read_text())) if path.exists() else {}

    def _containers(self) -> Iterator[dict[str, Any]]:
        data = self._data()
        yield from data.get("containers", [])
        for index in range(int(data.get("extra_containers", 0))):
            yield {"Name": f"worker-{index}", "Image": "busybox:1.36", "State": "running", "Env": ["ROLE=worker"]}

    def _log(self, url: Any) -> None:
        entry = {"method": self.command, "path": unquote(url.path), "query": parse_qs(url.query)}
        with LOCK, (self.workdir / "requests.log").open("a") as out:
            out.write(json.dumps(entry) + "\n")

    def _handle(self) -> None:
        url = urlsplit(self.path)
        self._log(url)
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(min(length, 1 << 20))
        if self.auth:
            self._json(403, {"message": DENIED})
            return
        path = unquote(url.path)
        versioned = _PREFIX.match(path)
        path = versioned.group(1) if versioned else path
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        parts = path.strip("/").split("/")
        if self.command not in ("GET", "HEAD"):
            self._json(404, {"message": "page not found"})
        elif path == "/_ping":
            self._send(200, b"OK", "text/plain; charset=utf-8")
        elif path == "/version":
            self._json(200, VERSION_DOC)
        elif path == "/info":
            self._json(200, self._info())
        elif path == "/containers/json":
            self._list(query)
        elif len(parts) == 3 and parts[0] == "containers" and parts[2] == "json":
            self._inspect(parts[1])
        elif path == "/images/json":
            images = int(self._data().get("images", 0))
            self._json(200, [self._image(i) for i in range(images)])
        elif path == "/volumes":
            volumes = int(self._data().get("volumes", 0))
            self._json(200, {"Volumes": [self._volume(i) for i in range(volumes)], "Warnings": None})
        else:
            self._json(404, {"message": "page not found"})

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = _handle

    def _info(self) -> dict[str, Any]:
        containers = list(self._containers())
        running = sum(1 for c in containers if c.get("State", "running") == "running")
        return {
            "ID": "7TRN:IPZB:QYBB:VPBQ:UWYZ:RHUY:7CTE:RJAB:5L2N:4RS2:YD6J:3DU3",
            "Containers": len(containers),
            "ContainersRunning": running,
            "ContainersPaused": 0,
            "ContainersStopped": len(containers) - running,
            "Images": int(self._data().get("images", 0)),
            "Driver": "overlay2",
            "DockerRootDir": "/var/lib/docker",
            "Name": "build-host-01",
            "OperatingSystem": "CentOS Linux 7 (Core)",
            "OSType": "linux",
            "Architecture": "x86_64",
            "NCPU": 8,
            "MemTotal": 16637956096,
            "KernelVersion": "3.10.0-957.21.3.el7.x86_64",
            "ServerVersion": VERSION,
            "SecurityOptions": ["name=seccomp,profile=builtin"],
            "Swarm": {"LocalNodeState": "inactive", "NodeID": "", "NodeAddr": "", "ControlAvailable": False},
            "Warnings": [
                "WARNING: API is accessible on http://0.0.0.0:2375 without encryption.\n"
                "         Access to the remote API is equivalent to root access on the host."
            ],
        }

    @staticmethod
    def _summary(c: dict[str, Any]) -> dict[str, Any]:
        name = str(c["Name"])
        state = c.get("State", "running")
        return {
            "Id": container_id(name),
            "Names": [f"/{name}"],
            "Image": c.get("Image", "busybox"),
            "ImageID": "sha256:" + container_id(c.get("Image", "busybox")),
            "Command": c.get("Command", "/docker-entrypoint.sh"),
            "Created": 1700000000,
            "Ports": [],
            "Labels": {},
            "State": state,
            "Status": "Up 3 days" if state == "running" else "Exited (0) 2 days ago",
            "HostConfig": {"NetworkMode": "bridge"},
            "Mounts": [],
        }

    def _list(self, query: dict[str, str]) -> None:
        every = query.get("all", "") in ("1", "true", "True")
        try:
            limit = int(query.get("limit", "-1"))
        except ValueError:
            self._json(400, {"message": "invalid limit"})
            return
        listed = []
        for c in self._containers():
            if every or c.get("State", "running") == "running":
                listed.append(self._summary(c))
                if 0 < limit <= len(listed):
                    break
        self._json(200, listed)

    def _inspect(self, ref: str) -> None:
        for c in self._containers():
            name = str(c["Name"])
            cid = container_id(name)
            if ref in (name, f"/{name}") or (len(ref) >= 12 and cid.startswith(ref)):
                summary = self._summary(c)
                self._json(
                    200,
                    {
                        "Id": cid,
                        "Created": "2023-11-14T22:13:20.000000000Z",
                        "Path": "/docker-entrypoint.sh",
                        "Args": [],
                        "State": {"Status": summary["State"], "Running": summary["State"] == "running"},
                        "Image": summary["ImageID"],
                        "Name": f"/{name}",
                        "RestartCount": 0,
                        "HostConfig": {"Privileged": bool(c.get("Privileged")), "NetworkMode": "bridge"},
                        "Mounts": [],
                        "Config": {
                            "Hostname": cid[:12],
                            "Env": list(c.get("Env", [])),
                            "Cmd": None,
                            "Image": summary["Image"],
                            "Labels": {},
                        },
                    },
                )
                return
        self._json(404, {"message": f"No such container: {ref}"})

    @staticmethod
    def _image(index: int) -> dict[str, Any]:
        return {
            "Id": "sha256:" + container_id(f"image-{index}"),
            "RepoTags": [f"registry.internal/app-{index}:latest"],
            "Created": 1700000000,
            "Size": 120_000_000,
            "Containers": -1,
        }

    @staticmethod
    def _volume(index: int) -> dict[str, Any]:
        return {
            "Name": f"data-{index}",
            "Driver": "local",
            "Mountpoint": f"/var/lib/docker/volumes/data-{index}/_data",
            "Scope": "local",
            "Labels": None,
            "Options": None,
        }

    def log_message(self, format: str, *args: object) -> None:
        """Requests go to requests.log; stderr stays quiet."""


def main(port: int, workdir: Path, auth: bool) -> None:
    handler = type("BoundDockerHandler", (DockerRequestHandler,), {"workdir": workdir, "auth": auth})
    ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]), "--auth" in sys.argv[3:])
