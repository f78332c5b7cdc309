"""Ingress -> Service -> pods, joined across the manifests of one folder.

An Ingress sends outside HTTP requests to a Service, usually a ClusterIP one that no
exposure rule looks at, and that Service to the pods its selector matches. Manifests are
often one object per file (``ingress.yaml``, ``service.yaml``, ``deployment.yaml``), so
the join is made over every manifest of the folder the Ingress is in, its own file
included. Only the folder: an app's manifests live together (a kustomize base, a chart's
rendered output), and two apps' ``Service`` named ``api`` in sibling folders must not
be confused. The work is linear in the manifests: workloads are indexed by pod label,
Services by name, and each Service and port is joined once.

A KubeRay resource's head Service is created by the operator, so it is not in the
folder: an Ingress is joined to it by the name KubeRay gives it (:func:`ray_heads`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ._parse.containers import Container, IngressBackend, KubeIngress, KubeManifest, KubeService, Workload
from ._parse.operators import KubeRayCluster

Parsed = Mapping[Path, tuple[Path, Sequence[object]]]


@dataclass(frozen=True)
class ServedPod:
    """A container behind the Service, and the file its workload is written in."""

    path: Path
    workload: Workload
    container: Container


@dataclass(frozen=True)
class IngressRoute:
    """One Ingress backend with the Service it names and the containers that serve it.

    ``containers`` are those whose declared port the Service port targets; when none
    declares it (ports are optional in a pod spec), every container of the selected pods.
    """

    path: Path
    ingress: KubeIngress
    backend: IngressBackend
    service: KubeService
    service_path: Path
    containers: tuple[ServedPod, ...]


def ingress_routes(parsed: Parsed) -> Iterator[IngressRoute]:
    """Every Ingress backend of the run whose Service is in the Ingress's folder and selects pods there."""
    for documents in _by_folder(parsed).values():
        manifests = [d for d in documents if isinstance(d, KubeManifest)]
        if any(m.ingresses for m in manifests):
            yield from _routes(manifests)


def _by_folder(parsed: Parsed) -> dict[Path, list[object]]:
    """Every parsed document of the run, by the folder of its file: the scope of an Ingress join."""
    folders: dict[Path, list[object]] = {}
    for key, (_path, documents) in parsed.items():
        folders.setdefault(key.parent, []).extend(documents)
    return folders


def _same_namespace(a: str, b: str) -> bool:
    """Unset namespaces are the one ``kubectl apply -n`` gives: only two different names differ."""
    return not a or not b or a == b


#: pod label (key, value) -> the workloads carrying it, with their files
_ByLabel = dict[tuple[str, str], list[tuple[Path, Workload]]]


def _routes(manifests: list[KubeManifest]) -> Iterator[IngressRoute]:
    by_label: _ByLabel = {}
    for manifest in manifests:
        for workload in manifest.workloads:
            for label in workload.labels.items():
                by_label.setdefault(label, []).append((manifest.path, workload))
    services: dict[str, list[tuple[KubeManifest, KubeService]]] = {}
    for manifest in manifests:
        for service in manifest.services:
            services.setdefault(service.name, []).append((manifest, service))
    # a Service many paths name (one app behind fifty paths) is joined to its pods once
    cache: dict[tuple[int, str], tuple[ServedPod, ...]] = {}
    for manifest in manifests:
        for ingress in manifest.ingresses:
            for backend in ingress.backends:
                for owner, service in services.get(backend.service, ()):
                    if not _same_namespace(ingress.namespace, service.namespace):
                        continue
                    key = (id(service), backend.port)
                    if key not in cache:
                        cache[key] = _served(by_label, service, backend.port)
                    served = cache[key]
                    if served:
                        yield IngressRoute(manifest.path, ingress, backend, service, owner.path, served)


def _served(by_label: _ByLabel, service: KubeService, port: str) -> tuple[ServedPod, ...]:
    if not service.selector:
        return ()  # a Service without a selector points at endpoints written by hand
    # the workloads carrying the selector's first label, then checked for the rest
    first = next(iter(service.selector.items()))
    pods = [
        ServedPod(path, w, c)
        for path, w in by_label.get(first, ())
        if _same_namespace(w.namespace, service.namespace) and service.selects(w)
        for c in w.containers
    ]
    target = next((p.target for p in service.ports if port in {str(p.port), p.name}), None)
    if target is None and len(service.ports) == 1:
        target = service.ports[0].target  # the only port: an Ingress naming a port that is not there fails anyway
    declared = [
        p for p in pods if target is not None and any(target in {str(cp.port), cp.name} for cp in p.container.ports)
    ]
    return tuple(declared or pods)


@dataclass(frozen=True)
class RayIngress:
    """An Ingress backend that names a KubeRay head Service, and the file the Ingress is in."""

    path: Path
    ingress: KubeIngress
    backend: IngressBackend


@dataclass(frozen=True)
class RayHead:
    """A KubeRay resource with the Ingress backends of its folder that reach its head's dashboard or client port."""

    cluster: KubeRayCluster
    ingresses: tuple[RayIngress, ...]


def ray_heads(parsed: Parsed) -> Iterator[RayHead]:
    """Every KubeRay resource of the run, joined to the Ingresses of its folder by head Service name and port."""
    for documents in _by_folder(parsed).values():
        clusters = [d for d in documents if isinstance(d, KubeRayCluster)]
        ingresses = [(d.path, i) for d in documents if isinstance(d, KubeManifest) for i in d.ingresses]
        for cluster in clusters:
            routes = tuple(
                RayIngress(path, ingress, backend)
                for path, ingress in ingresses
                if _same_namespace(ingress.namespace, cluster.namespace)
                for backend in ingress.backends
                if cluster.head_service
                and backend.service == cluster.head_service
                and backend.port in cluster.control_ports
            )
            yield RayHead(cluster, routes)
