"""A Solr stand-in: the admin and search calls a read-only audit makes, as Solr 9 answers them.

No Solr runs here (Debian ships none), so this HTTP server answers, with the JSON shapes
of the Solr reference guide's examples for Solr 9.4 in standalone mode:

* ``GET /`` -> Jetty's 302 to ``/solr/``;
* ``GET /solr/admin/info/system`` -> mode, ``lucene.solr-spec-version``, ``security``;
* ``GET /solr/admin/cores?action=STATUS`` -> every core with ``index.numDocs``/``sizeInBytes``;
* ``GET /solr/admin/collections?action=LIST`` -> 400 ``Solr instance is not running in
  SolrCloud mode.`` on a standalone node; with ``"mode": "solrcloud"`` in the data file,
  the collections (each served by a ``<name>_shard1_replica_n1`` core);
* ``GET /solr/<core>/select?q=*:*&rows=n`` -> ``response.numFound`` and ``docs``;
* anything else (every update, config or unknown path) -> Jetty's 404 page.

With ``--auth`` every request gets what the BasicAuth plugin with ``blockUnknown: true``
sends an anonymous client: 401, ``WWW-Authenticate: Basic realm="solr"`` and the
``require authentication`` error page. Documents come from ``WORKDIR/data.json``
(``{"cores": {"name": [doc, ...]}}``, reloaded when it changes); every request is
appended to ``WORKDIR/requests.log`` (method, path, query), the log the read-only tests
read. Run as ``python -m unguarded.lab.solr_standin PORT WORKDIR [--auth]``.
"""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

VERSION = "9.4.0"
LOCK = threading.Lock()


def jetty_page(code: int, message: str, uri: str) -> bytes:
    return (
        '<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>\n'
        f"<title>Error {code} {message}</title>\n</head>\n<body>\n<h2>HTTP ERROR {code} {message}</h2>\n"
        f"<table>\n<tr><th>URI:</th><td>{uri}</td></tr>\n<tr><th>STATUS:</th><td>{code}</td></tr>\n"
        f"<tr><th>MESSAGE:</th><td>{message}</td></tr>\n<tr><th>SERVLET:</th><td>default</td></tr>\n"
        "</table>\n\n</body>\n</html>\n"
    ).encode()


class SolrRequestHandler(BaseHTTPRequestHandler):
    server_version = "Jetty(10.0.17)"
    sys_version = ""
    workdir: Path
    auth: bool

    def _send(self, code: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, code: int, data: dict[str, Any]) -> None:
        self._send(code, json.dumps(data, indent=2).encode(), "application/json;charset=utf-8")

    def _data(self) -> dict[str, Any]:
        path = self.workdir / "data.json"
        return dict(json.loads(path.read_text())) if path.exists() else {}

    def _cores(self) -> dict[str, list[dict[str, Any]]]:
        return dict(self._data().get("cores", {}))

    def _cloud(self) -> bool:
        return self._data().get("mode") == "solrcloud"

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
            self._send(
                401,
                jetty_page(401, "require authentication", url.path),
                "text/html;charset=iso-8859-1",
                {"WWW-Authenticate": 'Basic realm="solr"'},
            )
            return
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        path = unquote(url.path)
        if self.command not in ("GET", "HEAD"):
            self._send(404, jetty_page(404, "Not Found", path), "text/html;charset=iso-8859-1")
        elif path == "/":
            self._send(302, b"", "text/html", {"Location": f"http://{self.headers.get('Host', 'localhost')}/solr/"})
        elif path == "/solr/admin/info/system":
            self._json(200, self._system())
        elif path == "/solr/admin/cores" and query.get("action", "STATUS").upper() == "STATUS":
            self._json(200, self._status())
        elif path == "/solr/admin/collections" and self._cloud() and query.get("action", "").upper() == "LIST":
            self._json(200, {"responseHeader": {"status": 0, "QTime": 0}, "collections": sorted(self._cores())})
        elif path == "/solr/admin/collections":
            self._json(
                400,
                {
                    "responseHeader": {"status": 400, "QTime": 0},
                    "error": {
                        "metadata": [
                            "error-class",
                            "org.apache.solr.common.SolrException",
                            "root-error-class",
                            "org.apache.solr.common.SolrException",
                        ],
                        "msg": "Solr instance is not running in SolrCloud mode.",
                        "code": 400,
                    },
                },
            )
        elif path.startswith("/solr/") and path.endswith("/select") and path.count("/") == 3:
            self._select(path.split("/")[2], query)
        else:
            self._send(404, jetty_page(404, "Not Found", path), "text/html;charset=iso-8859-1")

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = _handle

    def _system(self) -> dict[str, Any]:
        return {
            "responseHeader": {"status": 0, "QTime": 12},
            "mode": "solrcloud" if self._cloud() else "std",
            "solr_home": "/var/solr/data",
            "core_root": "/var/solr/data",
            "lucene": {
                "solr-spec-version": VERSION,
                "solr-impl-version": f"{VERSION} 71e101ea8e3e8a4b6ea4b26ba56a2a3b5d1a0fc3 - stillalex - 2023-10-10 10:27:22",
                "lucene-spec-version": "9.8.0",
                "lucene-impl-version": "9.8.0 d914b3722bd5b8ef31ccf7e8ddc638a87fd648db - 2023-09-21 21:57:47",
            },
            "jvm": {"version": "17.0.9 17.0.9+9", "name": "Eclipse Adoptium OpenJDK 64-Bit Server VM"},
            "security": {"tls": False},
            "system": {"name": "Linux", "arch": "amd64", "availableProcessors": 2},
        }

    def _status(self) -> dict[str, Any]:
        status = {}
        # in SolrCloud each collection is served by replica cores named after it
        replicas = {(f"{n}_shard1_replica_n1" if self._cloud() else n): d for n, d in self._cores().items()}
        for name, docs in sorted(replicas.items()):
            size = len(json.dumps(docs))
            status[name] = {
                "name": name,
                "instanceDir": f"/var/solr/data/{name}",
                "dataDir": f"/var/solr/data/{name}/data/",
                "config": "solrconfig.xml",
                "schema": "managed-schema.xml",
                "startTime": "2024-05-01T10:00:00.000Z",
                "uptime": 600000,
                "index": {
                    "numDocs": len(docs),
                    "maxDoc": len(docs),
                    "deletedDocs": 0,
                    "version": 6,
                    "segmentCount": 1,
                    "current": True,
                    "hasDeletions": False,
                    "directory": f"org.apache.lucene.store.NRTCachingDirectory:NRTCachingDirectory(MMapDirectory@/var/solr/data/{name}/data/index)",
                    "segmentsFile": "segments_2",
                    "sizeInBytes": size,
                    "size": f"{size / 1024:.2f} KB",
                },
            }
        return {"responseHeader": {"status": 0, "QTime": 1}, "initFailures": {}, "status": status}

    def _select(self, core: str, query: dict[str, str]) -> None:
        cores = self._cores()
        if core not in cores:
            self._send(404, jetty_page(404, "Not Found", f"/solr/{core}/select"), "text/html;charset=iso-8859-1")
            return
        docs = cores[core]
        try:
            rows, start = int(query.get("rows", "10")), int(query.get("start", "0"))
        except ValueError as exc:
            self._json(
                400,
                {"responseHeader": {"status": 400, "QTime": 0}, "error": {"msg": str(exc), "code": 400}},
            )
            return
        page = [{**doc, "_version_": 1797000000000000000 + i} for i, doc in enumerate(docs[start : start + rows])]
        self._json(
            200,
            {
                "responseHeader": {"status": 0, "QTime": 0, "params": query},
                "response": {"numFound": len(docs), "start": start, "numFoundExact": True, "docs": page},
            },
        )

    def log_message(self, format: str, *args: object) -> None:
        """Requests go to requests.log; stderr stays quiet."""


def main(port: int, workdir: Path, auth: bool) -> None:
    handler = type("BoundSolrHandler", (SolrRequestHandler,), {"workdir": workdir, "auth": auth})
    ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]), "--auth" in sys.argv[3:])
