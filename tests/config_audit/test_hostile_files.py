"""Hostile files in a repository under audit: each fails that file closed, never a hang or a blow-up.

A FIFO or a link to a device named like a config, an oversized file, YAML alias bombs,
recursive aliases and absurd nesting are refused before they are read or expanded; the
other files in the same run are still audited.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from unguarded.config_audit import audit_paths
from unguarded.config_audit._parse.files import MAX_CONFIG_BYTES, decode_config
from unguarded.config_audit._parse.lines import ParseError
from unguarded.config_audit._parse.yamlines import MAX_YAML_NODES, load_yaml

OPEN_HBA = "host all all 0.0.0.0/0 trust\n"


def _alias_bomb(levels: int = 9) -> str:
    text = "a: &a [" + ",".join(['"lol"'] * 9) + "]\n"
    previous = "a"
    for name in "bcdefghijk"[: levels - 1]:
        text += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
        previous = name
    return text


def _audit_dir(tmp_path: Path) -> tuple[dict[str, str], set[str]]:
    """Refusals by file name (errors, or UG-CONFIG-001 for a database's config), and the files with
    other findings, for one audit of ``tmp_path``."""
    (tmp_path / "pg_hba.conf").write_text(OPEN_HBA)  # the healthy neighbour
    report = audit_paths([tmp_path], cwd=tmp_path)
    refused = {Path(e.path).name: e.message for e in report.errors}
    refused |= {Path(f.path).name: f.message for f in report.findings if f.rule_id == "UG-CONFIG-001"}
    return refused, {Path(f.path).name for f in report.findings if f.rule_id != "UG-CONFIG-001"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "redis.conf")
    errors, found = _audit_dir(tmp_path)
    assert "named pipe" in errors["redis.conf"] and found == {"pg_hba.conf"}


def test_a_link_to_a_device_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "mongod.conf").symlink_to("/dev/zero")
    errors, found = _audit_dir(tmp_path)
    assert "device" in errors["mongod.conf"] and found == {"pg_hba.conf"}


def test_a_named_pipe_on_the_command_line_is_an_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "redis.conf"
    os.mkfifo(fifo)
    report = audit_paths([fifo], cwd=tmp_path)
    (finding,) = report.findings
    assert finding.rule_id == "UG-CONFIG-001" and "not a regular file (a named pipe): not read" in finding.message


def test_an_oversized_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "my.cnf").write_text("[mysqld]\n" + "#" * (MAX_CONFIG_BYTES + 1) + "\n")
    errors, found = _audit_dir(tmp_path)
    assert "limit for a config file" in errors["my.cnf"] and found == {"pg_hba.conf"}


@pytest.mark.parametrize("name", ["elasticsearch.yml", "mongod.conf", "docker-compose.yml"])
def test_a_yaml_alias_bomb_is_refused(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(("services:\n  x: {}\n" if "compose" in name else "") + _alias_bomb())
    errors, found = _audit_dir(tmp_path)
    assert "alias bomb" in errors[name] and found == {"pg_hba.conf"}


def test_recursive_and_deep_yaml_are_refused() -> None:
    with pytest.raises(ParseError, match="refers to itself"):
        load_yaml("a: &a\n  b: *a\n")
    with pytest.raises(ParseError, match="nest"):
        load_yaml("x: " + "[" * 500 + "]" * 500 + "\n")


def test_ordinary_aliases_still_work() -> None:
    docs = load_yaml(
        "x-base: &base {image: redis:7}\nservices:\n  a: *base\n  b:\n    <<: *base\n    ports: ['6379:6379']\n"
    )
    assert docs[0]["services"]["b"]["image"] == "redis:7"
    # a bomb one level smaller than the limit's order of magnitude still loads
    assert 9**4 < MAX_YAML_NODES and load_yaml(_alias_bomb(levels=4))


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_files_written_with_a_byte_order_mark_are_read_as_text(tmp_path: Path, bom: bytes, encoding: str) -> None:
    (tmp_path / "pg_hba.conf").write_bytes(bom + OPEN_HBA.encode(encoding))
    report = audit_paths([tmp_path / "pg_hba.conf"], cwd=tmp_path)
    assert not report.errors and [f.rule_id for f in report.findings] == ["UG-PG-001"]
    assert decode_config(bom + b"x".decode().encode(encoding)) == "x"
