"""Kubernetes: the API server (6443) and the kubelet (10250, and its read-only port 10255), over HTTPS/HTTP.

Recognised by ``GET /version`` (the API server's ``version.Info``: ``gitVersion``,
``major``, ``platform``; or its ``Status`` document on 401/403) and by ``GET /pods``,
the kubelet's node PodList (or its bare ``Unauthorized``, or ``Forbidden (user=...``).

Every request is a ``GET``. The anonymous-access check uses the lists themselves, not
``SelfSubjectRulesReview`` or ``SelfSubjectAccessReview``, which are creates: on the API
server ``/api/v1/namespaces``, ``/api/v1/secrets`` (counted from a metadata-only listing,
``as=PartialObjectMetadataList`` with ``limit=1`` and ``remainingItemCount``: the secrets'
values are never asked for), ``/api/v1/configmaps`` (the first ``sample_size`` configmaps'
data classified) and ``/api/v1/pods`` (each pod's container ``env`` classified); on the
kubelet ``/pods``. The environment variables people put in pod specs hold passwords,
tokens and database URLs; the report shows categories and masked examples only. Nothing
is created, exec'd, attached or port-forwarded.

An open kubelet API (TLS port, anonymous auth with ``AlwaysAllow``) runs commands in any
container through ``/run`` and ``/exec`` (root on the node's workloads): ``admin`` by what
its API allows, never tried. The read-only port only serves reads.
"""

from __future__ import annotations

import re
from typing import Any

import httpx

from ..models import Access, Endpoint, Exposure, Remediation
from ._http import get_capped, http_client, json_or_none, leading_items, parse_http
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, Probe, ScanContext, UriScheme
from .etcd import HTTP_PROBE

KUBELET_PROBE = b"GET /pods HTTP/1.1\r\nHost: {host}\r\nUser-Agent: unguarded\r\nConnection: close\r\n\r\n"
#: asks the API server for names only: a secret's data never leaves the server
METADATA_ONLY = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json"
POD_LIST = re.compile(rb'\s*\{\s*"kind"\s*:\s*"PodList"\s*,\s*"apiVersion"\s*:\s*"v1"')
#: bytes kept of one configmap value (a whole config file can sit in one key)
VALUE_CAP = 4096
SYSTEM_NAMESPACES = frozenset({"kube-system", "kube-public", "kube-node-lease"})


def pod_env(pod: Any) -> tuple[str, dict[str, str], int]:
    """``namespace/name``, the literal ``env`` values of every container, and how many came from references.

    ``valueFrom`` entries (secretKeyRef, configMapKeyRef) carry no value in the spec and
    are only counted.
    """
    meta = pod.get("metadata") if isinstance(pod, dict) else None
    meta = meta if isinstance(meta, dict) else {}
    name = f"{str(meta.get('namespace') or 'default')[:63]}/{str(meta.get('name') or '?')[:253]}"
    spec = pod.get("spec") if isinstance(pod, dict) else None
    containers = spec.get("containers") if isinstance(spec, dict) else None
    env: dict[str, str] = {}
    referenced = 0
    for container in containers if isinstance(containers, list) else []:
        entries = container.get("env") if isinstance(container, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                continue
            if not isinstance(entry.get("value"), str):
                referenced += "valueFrom" in entry
                continue
            key = entry["name"][:128]
            if key in env:
                key = f"{str(container.get('name', '?'))[:63]}.{key}"
            env[key] = entry["value"]
    return name, env, referenced


def _listed(doc: Any) -> tuple[list[Any], int | None]:
    """The items of a list document and the total it implies (``remainingItemCount`` when paged)."""
    if not isinstance(doc, dict):
        return [], None
    items = doc.get("items")
    items = items if isinstance(items, list) else []
    meta = doc.get("metadata")
    remaining = meta.get("remainingItemCount") if isinstance(meta, dict) else None
    if isinstance(remaining, int) and remaining >= 0:
        return items, len(items) + remaining
    has_more = isinstance(meta, dict) and bool(meta.get("continue"))
    return items, None if has_more else len(items)


def _is_status(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("kind") == "Status" and doc.get("apiVersion") == "v1"


class KubernetesEngine(Engine):
    """Anonymous API server and kubelet access by GETs only: namespaces, secret and configmap counts, pods with their env classified.

    Each pod is a dataset (its containers' environment), plus ``configmaps`` and
    ``secrets`` on the API server; the whole cluster is one group.
    """

    name = "kubernetes"
    aliases = ("kubelet",)
    title = "Kubernetes API server / kubelet"
    default_ports = (6443, 10250, 10255)
    uri_schemes = (UriScheme("k8s", 6443, tls=True), UriScheme("kubelet", 10250, tls=True))
    nmap_services = ("sun-sr-https", "kubernetes")
    deployed_as = (DataService("kubernetes", (6443, 10250, 10255), ("kube-apiserver", "kubelet", "k3s")),)
    system_databases = SYSTEM_NAMESPACES
    tested_against = (
        "protocol stand-in: `unguarded.lab.kubernetes_standin`, answering the API server's GETs over TLS as "
        "v1.29 does (`/version`, namespaces, pods, secrets and configmaps lists with `limit`/`continue`, the "
        "metadata-only `PartialObjectMetadataList`, `Status` documents for NotFound and MethodNotAllowed) and "
        "the kubelet's `/pods` (TLS and the read-only HTTP port); for the protected one RBAC's 403 for "
        "`system:anonymous` (401 with anonymous auth off) and the kubelet's 401; it logs every request for "
        "the read-only proof; no cluster runs here"
    )
    probe = HTTP_PROBE
    probe_group = "etcd"  # the same GET /version
    extra_probes = (Probe(KUBELET_PROBE, "kubelet"),)
    remediation = Remediation(
        summary="Turn off anonymous access to the API server and the kubelet, and never serve the kubelet's read-only port.",
        steps=(
            "kube-apiserver: --anonymous-auth=false (or keep it and bind system:anonymous / system:unauthenticated "
            "to nothing but system:public-info-viewer); --authorization-mode=Node,RBAC, never AlwaysAllow",
            "kubectl get clusterrolebindings,rolebindings -A -o wide | grep -E 'system:(anonymous|unauthenticated)': "
            "delete every binding that grants more than discovery",
            "kubelet config: authentication.anonymous.enabled: false, authentication.webhook.enabled: true, "
            "authorization.mode: Webhook, readOnlyPort: 0",
            "Firewall 6443, 10250 and 10255 from the internet; move credentials out of pod env into Secrets "
            "mounted as files and rotate every one the env held",
        ),
        references=(
            "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests",
            "https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat the cluster as compromised: anyone could read its secrets and run code in its pods.",
            steps=(
                INTRUSION_STEP,
                "kubectl get pods,daemonsets,cronjobs -A: look for workloads nobody deployed (miners, privileged "
                "pods with hostPath /), and the API server audit log for system:anonymous",
                "Rotate every service-account token, secret and credential in pod env; rebuild nodes that ran "
                "unknown privileged pods",
                "Close anonymous access (see the open-service fix) before bringing workloads back",
            ),
            references=(
                "https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/",
                "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
            ),
        ),
    }

    def match(self, answer: bytes) -> Identity | None:
        parsed = parse_http(answer)
        if parsed is None:
            return None
        status, headers, body = parsed
        doc = json_or_none(body)
        if status == 200 and isinstance(doc, dict):
            if all(isinstance(doc.get(k), str) for k in ("gitVersion", "major", "minor", "platform")):
                return Identity(self.name, str(doc["gitVersion"]), detail="API server")
            if doc.get("kind") == "PodList" and isinstance(doc.get("items"), list):
                return Identity(self.name, detail="kubelet")
        if status == 200 and doc is None and POD_LIST.match(body):  # a node's pod list longer than the probe reads
            return Identity(self.name, detail="kubelet")
        if status in (401, 403) and _is_status(doc) and doc.get("code") == status:
            return Identity(self.name, detail="API server, protected")
        plain = headers.get("content-type", "").startswith("text/plain") and "www-authenticate" not in headers
        if plain and (
            (status == 401 and body == b"Unauthorized") or (status == 403 and body.startswith(b"Forbidden (user="))
        ):
            return Identity(self.name, detail="kubelet, protected")
        return None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        async with http_client(ep, ctx, trust_env=False) as client:
            status, _headers, body, _cut = await get_capped(client, "/version", 64 * 1024)
            doc = json_or_none(body)
            if status == 200 and isinstance(doc, dict) and isinstance(doc.get("gitVersion"), str):
                return await self._api_server(ep, ctx, client, str(doc["gitVersion"])[:64])
            if status in (401, 403) and _is_status(doc):
                return await self._api_server(ep, ctx, client, None)
            return await self._kubelet(ep, ctx, client)

    # ------------------------------------------------------------ API server

    async def _api_server(
        self, ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, version: str | None
    ) -> Assessment:
        opts = ctx.options
        cap = opts.dataset_byte_cap
        result = Assessment(Exposure.OPEN, Access.METADATA, version=version, tls=ep.tls)
        answers: dict[str, tuple[int, Any, bool]] = {}
        asks = {
            "namespaces": ({"limit": str(opts.max_listed)}, None),
            "secrets": ({"limit": "1"}, {"Accept": METADATA_ONLY}),
            "configmaps": ({"limit": str(opts.sample_size)}, None),
            "pods": ({"limit": str(opts.max_datasets)}, None),
        }
        for resource, (params, headers) in asks.items():
            status, _h, body, cut = await get_capped(client, f"/api/v1/{resource}", cap, params=params, headers=headers)
            answers[resource] = (
                status,
                json_or_none(body) if not cut else {"items": leading_items(body, "items")},
                cut,
            )
            if cut:
                result.error(ep, "inventory", f"{resource} listing larger than the {cap:,}-byte cap, cut short")
        refused = {r: s for r, (s, _d, _c) in answers.items() if s in (401, 403)}
        if len(refused) == len(answers):
            result.exposure, result.access = Exposure.PROTECTED, Access.NONE
            if 401 in refused.values():
                result.auth_detail = "anonymous requests refused (401 Unauthorized: --anonymous-auth=false)"
            else:
                result.auth_detail = (
                    "anonymous requests are authenticated as system:anonymous, but RBAC forbids listing namespaces, "
                    "secrets, configmaps and pods (403)"
                )
            return result
        counts: dict[str, int | None] = {}
        for resource, (status, doc, cut) in answers.items():
            if status != 200:
                counts[resource] = None
                continue
            items, total = _listed(doc)
            counts[resource] = None if cut else total
            if resource == "configmaps":
                sample = [self._configmap(item, opts.record_byte_cap) for item in items[: opts.sample_size]]
                result.add_dataset("configmaps", total, [s for s in sample if s], kind="configmaps", exact=not cut)
            elif resource == "secrets":
                result.add_dataset("secrets", total, kind="secrets (names only)", exact=total is not None)
            elif resource == "pods":
                for pod in items[: opts.max_datasets]:
                    self._add_pod(result, pod, opts.record_byte_cap)
                if total is not None and total > opts.max_datasets:
                    result.error(ep, "inventory", f"stopped at {opts.max_datasets} pods (--max-datasets)")
        readable = [r for r in ("secrets", "configmaps", "pods") if answers[r][0] == 200]
        result.access = Access.READ if readable else Access.METADATA
        said = ", ".join(f"{'?' if counts.get(r) is None else counts[r]} {r}" for r in asks if answers[r][0] == 200)
        result.auth_detail = (
            f"anonymous requests may list {said} (secrets counted by name only; their values never asked for); "
            "what else system:anonymous may do is not asked (SelfSubjectRulesReview is a create)"
        )
        if refused:
            result.auth_detail += f"; refused: {', '.join(sorted(refused))}"
        return result

    @staticmethod
    def _configmap(item: Any, record_cap: int) -> dict[str, str]:
        data = item.get("data") if isinstance(item, dict) else None
        record = (
            {str(k)[:253]: v[:VALUE_CAP] for k, v in data.items() if isinstance(v, str)}
            if isinstance(data, dict)
            else {}
        )
        return record if len(repr(record)) <= record_cap else {}

    @staticmethod
    def _add_pod(result: Assessment, pod: Any, record_cap: int) -> None:
        name, env, _referenced = pod_env(pod)
        sample = [env] if env and len(repr(env)) <= record_cap else []
        result.add_dataset(name, len(env), sample, kind="pod env")

    # ------------------------------------------------------------ kubelet

    async def _kubelet(self, ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient) -> Assessment:
        opts = ctx.options
        status, headers, body, cut = await get_capped(client, "/pods", opts.dataset_byte_cap)
        if status == 401:
            return Assessment(
                Exposure.PROTECTED,
                Access.NONE,
                tls=ep.tls,
                auth_detail="kubelet: anonymous requests refused (401 Unauthorized)",
            )
        if status == 403:
            return Assessment(
                Exposure.PROTECTED,
                Access.NONE,
                tls=ep.tls,
                auth_detail="kubelet: anonymous requests authenticated, the Webhook authorizer forbids them (403)",
            )
        doc = json_or_none(body) if not cut else {"items": leading_items(body, "items")}
        if status != 200 or not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
            raise ValueError(f"kubelet /pods answered HTTP {status} without a PodList")
        result = Assessment(Exposure.OPEN, Access.ADMIN if ep.tls else Access.READ, tls=ep.tls)
        items = doc["items"]
        if cut:
            result.error(ep, "inventory", f"pod list larger than the {opts.dataset_byte_cap:,}-byte cap, cut short")
        for pod in items[: opts.max_datasets]:
            self._add_pod(result, pod, opts.record_byte_cap)
        if len(items) > opts.max_datasets:
            result.error(ep, "inventory", f"stopped at {opts.max_datasets} pods (--max-datasets)")
        listed = f"{'over ' if cut else ''}{len(items)} pods on this node"
        result.auth_detail = (
            f"kubelet API without authentication: {listed}; its /run and /exec run commands in any of them "
            "for anyone (not tried)"
            if ep.tls
            else f"kubelet read-only port (10255) without authentication: {listed} with their environment"
        )
        return result


ENGINE = KubernetesEngine()
