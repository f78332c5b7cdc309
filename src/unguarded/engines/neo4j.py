"""Neo4j, over its HTTP discovery and transactional Cypher API (7474) and over Bolt (7687).

HTTP is recognised by the discovery document ``GET /`` returns (``neo4j_version``,
``bolt_direct``, ``transaction``), which Neo4j serves without authentication. Whether
the graph is open is what the transactional endpoint says to an anonymous request: 401
``Neo.ClientError.Security.Unauthorized`` with auth on, results with
``dbms.security.auth_enabled=false``, where every client may do anything.

Every request carries ``access-mode: READ`` (Neo4j 4.4.4 and later), so the server itself
runs it in a read transaction and refuses any write (``Neo.ClientError.Statement.
AccessMode``); the statements are read-only Cypher anyway: ``CALL db.labels()``,
``MATCH (n:Label) RETURN count(n)`` and ``MATCH (n:Label) RETURN n LIMIT n``.

Bolt is recognised by its handshake (a second identification probe, see
:attr:`Engine.extra_probes`): the port answers the magic and four version proposals with
exactly the four bytes of a version we offered, nothing else counts. Its verdict is
``HELLO``/``LOGON`` with auth scheme ``none``: ``SUCCESS`` with auth disabled, ``FAILURE
Neo.ClientError.Security.Unauthorized`` with it on. An open Bolt port gets the same
inventory as HTTP, inside one ``BEGIN {mode: "r"}`` READ transaction that is never
committed (:mod:`._bolt` says why the official driver is not used). ``assess`` asks for
the HTTP discovery document first and speaks Bolt when the port does not serve it (a
Bolt port answers ``GET /`` with an empty 200 or a hang-up, never with the document).
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from ..models import Access, Endpoint, Exposure, Remediation
from ._bolt import HANDSHAKE, BoltError, BoltFailure, BoltSession, bolt_version, node_properties
from ._http import HTTP_PROBE, http_client, parse_http
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, Probe, ScanContext, UriScheme

UNAUTHORIZED = "Neo.ClientError.Security.Unauthorized"
LABELS = "CALL db.labels() YIELD label RETURN label ORDER BY label LIMIT $max"


def _is_discovery(document: Any) -> bool:
    return (
        isinstance(document, dict)
        and isinstance(document.get("neo4j_version"), str)
        and any(key in document for key in ("bolt_direct", "bolt_routing", "transaction", "data"))
    )


def quote_label(label: str) -> str:
    """A label as a Cypher identifier: backticks, embedded ones doubled."""
    return "`" + label.replace("`", "``") + "`"


class Neo4jEngine(Engine):
    """Discovery document to recognise it, an anonymous read transaction for exposure, labels with counts and LIMIT samples.

    Each label is a dataset of nodes; the graph database is one group.
    """

    name = "neo4j"
    title = "Neo4j"
    default_ports = (7474, 7687)
    uri_schemes = (UriScheme("neo4j", 7474), UriScheme("bolt", 7687), UriScheme("bolt+s", 7687, tls=True))
    nmap_services = ("neo4j",)
    deployed_as = (DataService("neo4j", (7474, 7687), ("neo4j",)),)
    tested_against = (
        "stand-in: `unguarded.lab.neo4j_standin`, HTTP (7474): the discovery document and "
        "`/db/neo4j/tx/commit` with Neo4j 5's JSON (from the HTTP API manual's examples): results for the "
        "read-only Cypher the scanner sends, `Neo.ClientError.Statement.AccessMode` for writes in a READ "
        "transaction, `SyntaxError` for anything else, and 401 `Neo.ClientError.Security.Unauthorized` for "
        "the protected one; Bolt (7687), built from the Bolt protocol documentation: the version handshake "
        "(identified by its exact 4-byte answer), HELLO/LOGON with auth scheme `none` (FAILURE "
        "`Security.Unauthorized` on the protected one), then the same inventory in a `BEGIN {mode: r}` READ "
        "transaction (RUN/PULL n), FAILURE for any other message; it logs every HTTP statement and Bolt "
        "message with its access mode for the read-only proof, and hostile Bolt peers (endless chunks, a "
        "short chunk, NOOPs) are test-local; no Neo4j runs here"
    )
    probe = HTTP_PROBE
    probe_group = "http"
    extra_probes = (Probe(HANDSHAKE, "neo4j-bolt"),)
    remediation = Remediation(
        summary="Turn authentication back on and keep the HTTP and Bolt ports off the internet.",
        steps=(
            "neo4j.conf: dbms.security.auth_enabled=true  (the default; then neo4j-admin dbms set-initial-password)",
            "neo4j.conf: server.default_listen_address=127.0.0.1 (4.x: dbms.default_listen_address); firewall 7474, 7473, 7687",
            "Change the default neo4j/neo4j password and give applications their own users",
        ),
        references=(
            "https://neo4j.com/docs/operations-manual/current/authentication-authorization/",
            "https://neo4j.com/docs/operations-manual/current/configuration/connectors/",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: a graph emptied or holding a ransom node was read and wiped.",
            steps=(
                INTRUSION_STEP,
                "neo4j-admin database load (or restore) from a dump or backup taken before the intrusion",
                "neo4j.conf: dbms.security.auth_enabled=true; server.default_listen_address=127.0.0.1",
                "Check for planted users (SHOW USERS) and procedures allowed with dbms.security.procedures.unrestricted",
            ),
            references=(
                "https://neo4j.com/docs/operations-manual/current/backup-restore/",
                "https://neo4j.com/docs/operations-manual/current/authentication-authorization/",
            ),
        ),
    }

    def match(self, answer: bytes) -> Identity | None:
        version = bolt_version(answer)
        if version is not None:
            return Identity("neo4j", detail=f"Bolt {version[0]}.{version[1]}")
        parsed = parse_http(answer)
        if parsed is None or parsed[0] != 200:
            return None
        try:
            document = json.loads(parsed[2])
        except ValueError:
            return None
        if not _is_discovery(document):
            return None
        edition = document.get("neo4j_edition")
        return Identity("neo4j", document["neo4j_version"], detail=edition if isinstance(edition, str) else None)

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        opts = ctx.options
        async with http_client(ep, ctx) as client:
            discovery = await self._discovery(client)
            if discovery is None:
                return await self._assess_bolt(ep, ctx)
            version = discovery.get("neo4j_version")
            commit = "/db/neo4j/tx/commit" if "transaction" in discovery or "data" not in discovery else None
            commit = commit or "/db/data/transaction/commit"  # Neo4j 3.x
            status, results, errors = await self._run(
                client,
                commit,
                [LABELS],
                opts.dataset_byte_cap,
                {"max": opts.max_datasets},
            )
            if status in (401, 403) or any(e.get("code") == UNAUTHORIZED for e in errors):
                return Assessment(
                    Exposure.PROTECTED,
                    Access.NONE,
                    version=version,
                    tls=ep.tls,
                    auth_detail=f"HTTP {status}: credentials required ({UNAUTHORIZED})",
                )
            result = Assessment(
                Exposure.OPEN,
                Access.ADMIN,  # auth disabled: every client is the all-powerful anonymous user
                version=version,
                tls=ep.tls,
                auth_detail="no authentication (dbms.security.auth_enabled=false): anonymous Cypher answered",
            )
            if errors or not results:
                result.error(ep, "inventory", f"db.labels(): {_error_text(status, errors)}")
                return result
            labels = [str(row["row"][0]) for row in results[0].get("data", []) if row.get("row")]
            for label in labels[: opts.max_datasets]:
                await self._label(ep, ctx, client, commit, label, result)
            return result

    @staticmethod
    async def _discovery(client: httpx.AsyncClient) -> dict[str, Any] | None:
        """The HTTP discovery document, or ``None`` when the port does not serve one (Bolt)."""
        try:
            document = (await client.get("/")).json()
        except (httpx.HTTPError, ValueError):
            return None
        return document if _is_discovery(document) else None

    async def _assess_bolt(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        session = await BoltSession.open(ep, ctx)
        if session is None:
            raise BoltError("neither Neo4j's HTTP discovery document nor a Bolt version answer")
        try:
            try:
                server = await session.log_on()
            except BoltFailure as failure:
                if failure.code != UNAUTHORIZED:
                    raise
                return Assessment(
                    Exposure.PROTECTED,
                    Access.NONE,
                    tls=ep.tls,
                    auth_detail=f"{session.label}: credentials required ({UNAUTHORIZED})",
                )
            agent = str(server.get("server", ""))
            result = Assessment(
                Exposure.OPEN,
                Access.ADMIN,  # auth disabled: every client is the all-powerful anonymous user
                version=agent.split("/", 1)[1] if agent.startswith("Neo4j/") else None,
                tls=ep.tls,
                auth_detail=f"no authentication (dbms.security.auth_enabled=false): {session.label} "
                "LOGON with scheme none accepted",
            )
            await self._bolt_inventory(ep, ctx, session, result)
            return result
        finally:
            await session.close()

    async def _bolt_inventory(self, ep: Endpoint, ctx: ScanContext, session: BoltSession, result: Assessment) -> None:
        """Labels, counts and samples in one READ transaction. The first failure ends it: the
        server ignores everything after a FAILURE until a RESET, which a scan does not send."""
        opts = ctx.options
        try:
            await session.begin_read()
            rows, _ = await session.query(LABELS, {"max": opts.max_datasets}, opts.max_datasets, opts.dataset_byte_cap)
        except (BoltFailure, BoltError) as exc:
            result.error(ep, "inventory", f"db.labels(): {_bolt_error_text(exc)}")
            return
        for label in [str(row[0]) for row in rows if row]:
            node = quote_label(label)
            try:
                counted, _ = await session.query(f"MATCH (n:{node}) RETURN count(n) AS records", {}, 1, 1024)
                nodes, sizes = await session.query(
                    f"MATCH (n:{node}) RETURN n LIMIT $limit",
                    {"limit": opts.sample_size},
                    opts.sample_size,
                    opts.dataset_byte_cap,
                )
            except (BoltFailure, BoltError) as exc:
                result.error(ep, "sample", f"{label}: {_bolt_error_text(exc)}")
                result.add_dataset(label, None, kind="label")
                return
            records = counted[0][0] if counted and counted[0] else None
            sample = [
                props
                for row, size in zip(nodes, sizes, strict=True)
                if row and size <= opts.record_byte_cap and (props := node_properties(row[0])) is not None
            ]
            result.add_dataset(label, records if isinstance(records, int) else None, sample, kind="label")

    async def _label(
        self, ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, commit: str, label: str, result: Assessment
    ) -> None:
        opts = ctx.options
        node = quote_label(label)
        status, results, errors = await self._run(
            client,
            commit,
            [f"MATCH (n:{node}) RETURN count(n) AS records", f"MATCH (n:{node}) RETURN n LIMIT $limit"],
            opts.dataset_byte_cap,
            {"limit": opts.sample_size},
        )
        if errors or len(results) != 2:
            result.error(ep, "sample", f"{label}: {_error_text(status, errors)}")
            result.add_dataset(label, None, kind="label")
            return
        count_rows = results[0].get("data", [])
        records = count_rows[0]["row"][0] if count_rows and count_rows[0].get("row") else None
        sample = [
            row["row"][0]
            for row in results[1].get("data", [])
            if row.get("row")
            and isinstance(row["row"][0], dict)
            and len(json.dumps(row["row"][0])) <= opts.record_byte_cap
        ]
        result.add_dataset(label, records if isinstance(records, int) else None, sample, kind="label")

    @staticmethod
    async def _run(
        client: httpx.AsyncClient, commit: str, statements: list[str], byte_cap: int, parameters: dict[str, Any]
    ) -> tuple[int, list[dict[str, Any]], list[dict[str, Any]]]:
        """One implicit read transaction: HTTP status, results, errors (a capped body is an error)."""
        payload = {"statements": [{"statement": s, "parameters": parameters} for s in statements]}
        body = b""
        async with client.stream("POST", commit, json=payload, headers={"access-mode": "READ"}) as answer:
            async for chunk in answer.aiter_bytes():
                body += chunk
                if len(body) > byte_cap:
                    return (
                        answer.status_code,
                        [],
                        [{"code": "unguarded.Capped", "message": f"answer over {byte_cap:,} bytes"}],
                    )
            status = answer.status_code
        try:
            document = json.loads(body)
        except ValueError:
            return status, [], [{"code": "unguarded.NotJson", "message": "answer is not JSON"}]
        if not isinstance(document, dict):
            return status, [], [{"code": "unguarded.NotJson", "message": "answer is not a JSON object"}]
        return status, list(document.get("results", [])), list(document.get("errors", []))


def _bolt_error_text(exc: Exception) -> str:
    """A FAILURE's status code (its message may name users or data) or the client's own bound."""
    return exc.code if isinstance(exc, BoltFailure) else str(exc)


def _error_text(status: int, errors: list[dict[str, Any]]) -> str:
    if errors:
        first = errors[0]
        return f"{first.get('code', 'error')}: {str(first.get('message', ''))[:200]}"
    return f"HTTP {status}, no results"


ENGINE = Neo4jEngine()
