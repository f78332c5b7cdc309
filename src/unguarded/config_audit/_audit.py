"""The audit: find files, parse each with its format's parser, run the rules that read
the documents it yields, then apply inline suppressions. One bad file never stops the rest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath

from .._version import __version__
from ._deploy import deployments, unit_combinations
from ._discover import Format, format_by_content, format_of, walk
from ._ingress import ingress_routes, ray_heads
from ._model import ConfigFinding, ConfigReport, FileError, RelatedPlace
from ._parse.commands import environment_files, parse_systemd_unit
from ._parse.containers import KubeManifest
from ._parse.files import UnparsableConfig, read_config_text
from ._parse.lines import ParseError
from ._parse.shellvars import parse_shell_vars
from ._rule import ConfigRule, Hit
from ._suppress import find_suppression
from .rules import all_rules

#: template syntax (Jinja, Helm/Go templates, ERB) that makes a config file not yet the config
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|<%.*?%>")


class UsageError(ValueError):
    """A path on the command line that does not exist or cannot be read (exit code 2)."""


def audit_paths(
    paths: Iterable[Path | str],
    *,
    today: dt.date | None = None,
    cwd: Path | None = None,
    rules: Sequence[ConfigRule] | None = None,
) -> ConfigReport:
    """Audit files and directories; ``today`` decides which suppressions have expired.

    Paths in the report are relative to ``cwd`` (default: the working directory) when
    they lie under it, so SARIF locations line up with the repository on GitHub.
    """
    auditor = _Auditor(today or dt.date.today(), _absolute(cwd or Path.cwd()), rules or all_rules())
    paths = list(paths)
    # the folders given (a named file's own folder): files a unit names are looked for only inside them
    auditor.roots = [_absolute(Path(p)) if Path(p).is_dir() else _absolute(Path(p)).parent for p in paths]
    for path in _expand(paths):
        auditor.parse_file(path)
    return auditor.report()


def _expand(paths: Iterable[Path | str]) -> list[Path]:
    """Named files as given, directories walked; a missing or unreadable path is a usage error."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(walk(path))
        elif path.exists():
            # only a regular file is opened here (a named pipe would block): parse_file refuses the rest
            if path.is_file():
                try:
                    with path.open("rb"):
                        pass
                except OSError as exc:
                    raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
            files.append(path)
        else:
            raise UsageError(f"no such file or directory: {path}")
    return files


class _Auditor:
    """Accumulates findings and errors over one run (private: :func:`audit_paths` is the API)."""

    def __init__(self, today: dt.date, cwd: Path, rules: Sequence[ConfigRule]) -> None:
        self.today, self.cwd = today, cwd
        self.rules_by_document: dict[type, list[ConfigRule]] = defaultdict(list)
        for rule in rules:
            self.rules_by_document[rule.reads].append(rule)
        self.findings: dict[tuple[str, str, int], ConfigFinding] = {}
        self.errors: list[FileError] = []
        self.audited = 0
        self._lines: dict[Path, list[str]] = {}
        self._parsed: dict[Path, tuple[Path, Sequence[object]]] = {}
        self._included: set[Path] = set()
        self.roots: list[Path] = []

    def parse_file(self, path: Path) -> None:
        """Parse now, check later: a file another one includes is judged only in that context."""
        fmt = format_of(path)
        key = _absolute(path)
        if fmt is None or key in self._parsed:
            return
        text = ""
        try:
            text = read_config_text(path)
            fmt = format_by_content(fmt, text)
            if not fmt.ours(path, text):
                return  # named like the engine's file, but another tool's (an nginx snippet)
            documents = fmt.parse(path, text)
        except ParseError as exc:
            if not fmt.ours(path, text):
                return  # unreadable, and by its name or folder not the engine's file (.mylogin.cnf)
            if fmt.fails_closed and _TEMPLATE.search(text):
                # a Jinja/Helm/Go template of the config, not the config: judged once rendered
                message = f"{fmt.name}: a template ({{{{ }}}} or {{% %}}), not judged until rendered: {exc}"
                self.errors.append(FileError(path=self.display(path), message=message, line=exc.line))
                return
            self.failed(path, fmt, str(exc), exc.line)
            return
        except OSError as exc:
            self.failed(path, fmt, f"cannot read: {exc.strerror or exc}", None)
            return
        except Exception as exc:  # a parser bug must not hide the other files' findings
            self.failed(path, fmt, f"could not be parsed ({type(exc).__name__}: {exc})", None)
            return
        self._lines[key] = text.splitlines()
        self._parsed[key] = (path, documents)
        self._included.update(_absolute(f) for d in documents for f in getattr(d, "included", ()))

    def failed(self, path: Path, fmt: Format, reason: str, line: int | None) -> None:
        """A file that could not be read or parsed: a finding when it is a database's config, else an error."""
        if fmt.quiet:
            return  # a package-lock.json over the size limit is not a manifest we failed to read
        if fmt.fails_closed:
            self._parsed[_absolute(path)] = (path, [UnparsableConfig(path, fmt.name, reason, line or 1)])
        else:
            self.errors.append(FileError(path=self.display(path), message=f"{fmt.name}: {reason}", line=line))

    def check_all(self) -> None:
        for key, (path, documents) in self._parsed.items():
            if key in self._included:
                continue
            self.audited += 1
            for document in documents:
                self.check(path, document)
                if isinstance(document, KubeManifest):  # redis.conf and friends inside ConfigMaps
                    for cm in document.config_files:
                        for inline in self.inline(cm.key, cm.text, path):
                            self.check(path, inline, offset=cm.line - 1)
        # then each compose file or manifest with the configurations its containers mount
        for deployment in deployments(self._parsed, self.inline, self.as_mounted):
            self.check(deployment.path, deployment)
        for route in ingress_routes(self._parsed):  # Ingress -> Service -> pods, over one folder's manifests
            self.check(route.path, route)
        for head in ray_heads(self._parsed):  # KubeRay resources with the Ingresses to their head Service
            self.check(head.cluster.path, head)
        for unit, combined in unit_combinations(self._parsed):  # ExecStart flags over the file they name
            self.check(unit, combined)

    def inline(self, name: str, text: str, path: Path) -> list[object]:
        """A configuration written inside another file (a ConfigMap key), parsed as its name says."""
        fmt = format_of(name)
        if fmt is None or not fmt.fails_closed:
            return []  # only engines' own formats: a compose file inside a ConfigMap is not deployed
        return _engine_documents(fmt, text, path, path.parent / name)

    def as_mounted(self, name: str, path: Path) -> list[object]:
        """A repository file a container mounts as an engine's config under another name, parsed
        as the name it is mounted as; nothing when that is no engine's format or the file is not one."""
        fmt = format_of(name)
        if fmt is None or not fmt.fails_closed:
            return []  # decided before the file is read: most mounts are data folders
        try:
            text = read_config_text(path)
        except (ParseError, OSError, ValueError):
            return []
        return _engine_documents(fmt, text, path, path)

    def check(self, path: Path, document: object, offset: int = 0) -> None:
        """Run the rules that read this document; ``offset`` shifts lines of text embedded in ``path``."""
        here = self.place(path)
        for rule in self.rules_by_document.get(type(document), ()):
            try:
                for hit in rule.check(document):
                    if offset:
                        hit = replace(hit, line=hit.line + offset, path=None)
                    self.add(rule, hit, here if hit.path is None or hit.path == path else self.place(hit.path))
            except Exception as exc:  # a rule bug must not hide the other rules' findings
                self.errors.append(FileError(path=here[0], message=f"{rule.id} could not check this file ({exc!r})"))

    def add(self, rule: ConfigRule, hit: Hit, place: tuple[str, list[str]]) -> None:
        shown, lines = place
        key = (rule.id, shown, hit.line)
        if key in self.findings:
            return  # the same place reached twice (postgresql.conf and its auto.conf)
        suppression = find_suppression(lines, hit.line, rule.id, self.today)
        message = hit.message
        if suppression is not None and suppression.expired:
            when = f"expired on {suppression.until}" if suppression.until else "has an unreadable until= date"
            message += f" (the unguarded:ignore on line {suppression.line} {when})"
        text = lines[hit.line - 1].strip() if 0 < hit.line <= len(lines) else ""
        digest = hashlib.sha256(f"{rule.id}\0{shown}\0{' '.join(text.split())}".encode()).hexdigest()[:32]
        remediation = rule.remediation
        if hit.fix:  # the steps for this engine at this line, instead of the rule's general ones
            remediation = remediation.model_copy(update={"steps": hit.fix})
        self.findings[key] = ConfigFinding(
            rule_id=rule.id,
            severity=rule.severity,
            title=rule.title,
            message=message,
            path=shown,
            line=hit.line,
            fingerprint=digest,
            remediation=remediation,
            suppression=suppression,
            related=tuple(RelatedPlace(path=self.display(r.path), line=r.line, message=r.message) for r in hit.related),
        )

    def place(self, path: Path) -> tuple[str, list[str]]:
        """A file as findings show it: its display path and its lines (for suppressions)."""
        key = _absolute(path)
        if key not in self._lines:
            try:
                self._lines[key] = read_config_text(path).splitlines()
            except (OSError, ParseError):
                self._lines[key] = []
        return self.display(path), self._lines[key]

    def display(self, path: Path) -> str:
        absolute = _absolute(path)
        try:
            return absolute.relative_to(self.cwd).as_posix()
        except ValueError:
            return absolute.as_posix()

    def expand_units(self) -> None:
        """Units whose ``ExecStart=`` takes ``$VARIABLES`` from ``EnvironmentFile=`` files the tree holds
        (``/etc/default/docker`` beside ``lib/systemd/system/docker.service``): parsed again with them."""
        for key, (path, _documents) in list(self._parsed.items()):
            if key.suffix != ".service":
                continue
            text = "\n".join(self._lines.get(key, []))
            named = environment_files(text)
            if not named or "$" not in text:
                continue
            environment: dict[str, str] = {}
            for name in named:
                found = self.in_tree(key, name) or self.shipped_beside(key, name)
                if found is None:
                    break  # a file outside the tree: its variables stay unknown
                try:
                    values = parse_shell_vars(found, read_config_text(found)).values
                except (OSError, ParseError):
                    break
                environment.update({k: v.value for k, v in values.items()})
            else:
                self._parsed[key] = (path, parse_systemd_unit(path, text, environment))

    def shipped_beside(self, unit: Path, named: str) -> Path | None:
        """A source tree ships a unit's ``/etc/sysconfig/NAME`` or ``/etc/default/NAME`` beside the
        unit as ``NAME.sysconfig`` or ``NAME.default`` (memcached's ``scripts/``), for its packaging
        to install there: that file, when the unit's own folder holds it inside the scanned roots."""
        where = PurePosixPath(named)
        if where.parent.as_posix() not in {"/etc/sysconfig", "/etc/default"}:
            return None
        for suffix in (".sysconfig", ".default"):
            candidate = unit.parent / f"{where.name}{suffix}"
            real = Path(os.path.realpath(candidate))
            if candidate.is_file() and any(real.is_relative_to(os.path.realpath(r)) for r in self.roots):
                return candidate
        return None

    def in_tree(self, unit: Path, named: str) -> Path | None:
        """An absolute path a unit names, looked for under each folder above the unit inside the scanned roots."""
        roots = [r for r in self.roots if unit.is_relative_to(r)]
        for folder in unit.parents:
            if not any(folder.is_relative_to(r) for r in roots):
                break
            candidate = folder / named.lstrip("/")
            real = Path(os.path.realpath(candidate))
            if candidate.is_file() and any(real.is_relative_to(os.path.realpath(r)) for r in roots):
                return candidate
        return None

    def report(self) -> ConfigReport:
        self.expand_units()
        self.check_all()
        findings = sorted(self.findings.values(), key=lambda f: (f.path, f.line, f.rule_id))
        return ConfigReport(
            tool_version=__version__,
            today=self.today,
            root=self.cwd.as_posix(),
            files_audited=self.audited,
            findings=tuple(_number_twins(findings)),
            errors=tuple(self.errors),
        )


def _number_twins(findings: list[ConfigFinding]) -> Iterable[ConfigFinding]:
    """Same rule, file and line text twice: suffix ``:2``, ``:3`` so fingerprints stay unique."""
    seen: dict[str, int] = defaultdict(int)
    for finding in findings:
        seen[finding.fingerprint] += 1
        count = seen[finding.fingerprint]
        yield finding if count == 1 else finding.model_copy(update={"fingerprint": f"{finding.fingerprint}:{count}"})


def _engine_documents(fmt: Format, text: str, sniffed: Path, parsed_as: Path) -> list[object]:
    """``text`` read as the engine's own file ``fmt`` names (ConfigMap keys, configs mounted under
    an engine's name): nothing unless the sniffer agrees it is that engine's, or it does not parse."""
    try:
        if not fmt.ours(sniffed, text):
            return []
        return [d for d in fmt.parse(parsed_as, text) if not isinstance(d, UnparsableConfig)]
    except (ParseError, OSError, ValueError):
        return []


def _absolute(path: Path) -> Path:
    """Absolute and normalised (``a/../b`` -> ``b``) without touching the disk, unlike ``resolve``."""
    return Path(os.path.abspath(path))
