"""The engine contract: every registered engine declares every piece the rest of unguarded reads.

:func:`missing_pieces` names what one engine lacks (an empty list: nothing). The tests
walk every engine in the registry, then show the check at work: a deliberately
incomplete engine is reported piece by piece, and a real engine with one piece removed
is reported for exactly that piece.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from unguarded.classify import SampledDataset
from unguarded.config_audit._ports import DATA_SERVICES, SERVICES_WITHOUT_ENGINE
from unguarded.engines import all_engines, by_name
from unguarded.engines.base import Assessment, Engine
from unguarded.engines.redis import RedisEngine
from unguarded.findings import FINDING_TYPES
from unguarded.lab.servers import LAUNCHERS, LabServer
from unguarded.models import Access, Evidence, Exposure
from unguarded.targets import GENERIC_SCHEMES, nmap_services, parse_target

README = Path(__file__).resolve().parents[2] / "README.md"
ENGINE_TABLE = "## Engines and how they are tested"


def readme_engine_rows() -> list[tuple[str, ...]]:
    """The body rows of the README's engine table, as stripped cells."""
    section = README.read_text(encoding="utf-8").split(ENGINE_TABLE, 1)[1].split("\n## ", 1)[0]
    rows = [line.strip().strip("|").split("|") for line in section.splitlines() if line.startswith("|")]
    return [tuple(cell.strip() for cell in row) for row in rows[2:]]  # past the header and |---|


def readme_row(engine: Engine) -> tuple[str, str, str]:
    """The row the engine's declarations call for: title, default ports, tested against."""
    ports = ", ".join(map(str, getattr(engine, "default_ports", ())))
    return (getattr(engine, "title", ""), ports, getattr(engine, "tested_against", ""))


def _remediation_gaps(engine: Engine) -> list[str]:
    gaps = []
    for kind in FINDING_TYPES:
        try:
            fix = engine.remediation_for(kind.name)
        except AttributeError:  # no main remediation declared at all
            fix = None
        complete = (
            fix is not None
            and bool(fix.summary and fix.steps and fix.references)
            and all(ref.startswith("https://") for ref in fix.references)
        )
        if complete and kind.name.startswith("exposed_"):
            complete = fix is not None and any("72 hours" in step for step in fix.steps)  # the breach duty
        if not complete:
            gaps.append(f"remediation for {kind.name}")
    return gaps


def _hook_gaps(engine: Engine) -> list[str]:
    gaps = []
    try:
        group = engine.dataset_group("shop.orders")
    except Exception:
        group = None
    if not isinstance(group, str):
        gaps.append("dataset grouping hook")
    result = Assessment(Exposure.OPEN, Access.ADMIN, datasets=[SampledDataset("shop.orders", 1, [{"v": "x"}])])
    try:
        signs = engine.intrusion_signs(result)
    except Exception:
        signs = None
    if not isinstance(signs, list) or not all(isinstance(e, Evidence) for e in signs):
        gaps.append("intrusion-sign hook")
    return gaps


def missing_pieces(engine: Engine) -> list[str]:
    """Every piece ``engine`` lacks, named as a reader would look for it; empty when complete."""
    cls = type(engine)
    missing: list[str] = []
    if not getattr(engine, "name", "") or not getattr(engine, "title", ""):
        missing.append("name and title")
    if not (cls.__doc__ or "").strip():
        missing.append("class docstring (its first line is the summary 'unguarded engines' shows)")
    ports: Sequence[int] = getattr(engine, "default_ports", ())
    if not ports or not all(1 <= port <= 65535 for port in ports):
        missing.append("default ports")
    if not getattr(engine, "uri_schemes", ()):
        missing.append("URI scheme")
    if not getattr(engine, "nmap_services", ()):
        missing.append("nmap service name")
    deployed = getattr(engine, "deployed_as", ())
    if not deployed or not all(service.ports and service.images for service in deployed):
        missing.append("deploy images and ports (deployed_as, for the config auditor)")
    system = getattr(engine, "system_databases", None)
    if not isinstance(system, frozenset) or any(name != name.lower() for name in system):
        missing.append("system databases (a frozenset of lower-case names)")
    if cls.match is Engine.match or cls.assess is Engine.assess:
        missing.append("match and assess")
    missing += _remediation_gaps(engine)
    missing += _hook_gaps(engine)
    launchers = LAUNCHERS.get(getattr(engine, "name", ""))
    if launchers is None or not (issubclass(launchers.open, LabServer) and issubclass(launchers.protected, LabServer)):
        missing.append("lab test server or stand-in (open and protected, LAUNCHERS in lab/servers.py)")
    if not getattr(engine, "tested_against", ""):
        missing.append("what it is tested against")
    if readme_row(engine) not in readme_engine_rows():
        missing.append("README engine-table row")
    return missing


ENGINES = all_engines()


@pytest.mark.parametrize("engine", ENGINES, ids=lambda e: e.name)
def test_every_registered_engine_is_complete(engine: Engine) -> None:
    missing = missing_pieces(engine)
    assert not missing, f"engine {engine.name} lacks: " + "; ".join(missing)


def test_names_schemes_and_nmap_names_are_unique_across_engines() -> None:
    names = [n for e in ENGINES for n in (e.name, *e.aliases)]
    schemes = [s.name for e in ENGINES for s in e.uri_schemes] + [s.name for s in GENERIC_SCHEMES]
    nmap = [n for e in ENGINES for n in e.nmap_services]
    for values in (names, schemes, nmap):
        assert len(values) == len(set(values)), values
    assert all(by_name(e.name) is e for e in ENGINES)


@pytest.mark.parametrize("engine", ENGINES, ids=lambda e: e.name)
def test_targets_read_the_engines_schemes_and_nmap_names(engine: Engine) -> None:
    for scheme in engine.uri_schemes:
        spec = parse_target(f"{scheme.name}://db.example")
        assert (spec.hint, spec.port, spec.tls) == (engine.name, scheme.port, scheme.tls)
    assert all(nmap_services()[name] == engine.name for name in engine.nmap_services)


def test_config_audit_reads_the_engines_and_keeps_only_the_others() -> None:
    declared = [service for engine in ENGINES for service in engine.deployed_as]
    assert DATA_SERVICES[: len(declared)] == tuple(declared)
    # "an engine module replaces its row": no service both declared by an engine and listed
    names = [service.name for service in DATA_SERVICES]
    assert len(names) == len(set(names)), names
    assert not {s.name for s in SERVICES_WITHOUT_ENGINE} & {n for e in ENGINES for n in (e.name, *e.aliases)}


def test_engines_sharing_a_probe_group_send_the_same_bytes() -> None:
    """A probe group is one connection: every engine in it must mean the same request,
    and an engine's own probes (``probe`` and ``extra_probes``) are distinct attempts."""
    payloads: dict[str, set[bytes]] = {}
    for engine in ENGINES:
        groups = [probe.group for probe in engine.probes()]
        assert len(groups) == len(set(groups)), engine.name
        for probe in engine.probes():
            assert probe.payload, engine.name
            payloads.setdefault(probe.group, set()).add(probe.payload)
    assert all(len(sent) == 1 for sent in payloads.values()), {g: len(s) for g, s in payloads.items()}


def test_readme_has_no_row_for_an_unregistered_engine() -> None:
    assert sorted(readme_engine_rows()) == sorted(readme_row(e) for e in ENGINES)


def test_describe_says_exactly_name_title_ports_schemes_summary_tested_against() -> None:
    for engine in ENGINES:
        described = engine.describe()
        assert list(described) == ["name", "title", "ports", "schemes", "summary", "tested_against"]
        assert described["tested_against"] == engine.tested_against and described["tested_against"].strip()
        assert described["name"] == engine.name and described["title"] == engine.title
        assert described["ports"] == list(engine.default_ports) and all(isinstance(p, int) for p in described["ports"])
        assert described["schemes"] == [s.name for s in engine.uri_schemes]
        summary = described["summary"]
        assert summary and "\n" not in summary and summary == (type(engine).__doc__ or "").strip().splitlines()[0]


# ---------------------------------------------------------------- the check at work


class HalfDoneEngine(Engine):
    name = "halfdone"
    title = "Half-done DB"


def test_an_incomplete_engine_is_reported_piece_by_piece() -> None:
    assert missing_pieces(HalfDoneEngine()) == [
        "class docstring (its first line is the summary 'unguarded engines' shows)",
        "default ports",
        "URI scheme",
        "nmap service name",
        "deploy images and ports (deployed_as, for the config auditor)",
        "match and assess",
        *(f"remediation for {kind.name}" for kind in FINDING_TYPES),
        "lab test server or stand-in (open and protected, LAUNCHERS in lab/servers.py)",
        "what it is tested against",
        "README engine-table row",
    ]


class RedisWithBrokenHooks(RedisEngine):
    """Redis whose grouping hook fails and whose intrusion-sign hook returns no list."""

    def dataset_group(self, dataset: str) -> str:
        raise NotImplementedError

    def intrusion_signs(self, result: Assessment) -> list[Evidence]:
        return None  # type: ignore[return-value]


def test_broken_hooks_are_reported() -> None:
    assert missing_pieces(RedisWithBrokenHooks()) == ["dataset grouping hook", "intrusion-sign hook"]


@pytest.mark.parametrize(
    ("removed", "piece"),
    [
        ({"uri_schemes": ()}, "URI scheme"),
        ({"nmap_services": ()}, "nmap service name"),
        ({"deployed_as": ()}, "deploy images and ports (deployed_as, for the config auditor)"),
        ({"remediations": {}}, "remediation for compromised"),
        ({"name": "redis-fork"}, "lab test server or stand-in (open and protected, LAUNCHERS in lab/servers.py)"),
        ({"tested_against": "a server somewhere"}, "README engine-table row"),
        ({"__doc__": None}, "class docstring (its first line is the summary 'unguarded engines' shows)"),
    ],
    ids=lambda value: next(iter(value)) if isinstance(value, dict) else None,
)
def test_removing_one_piece_from_a_real_engine_is_reported(removed: dict[str, object], piece: str) -> None:
    stripped = type("StrippedRedis", (RedisEngine,), {"__doc__": RedisEngine.__doc__, **removed})()
    assert missing_pieces(stripped) == [piece]
